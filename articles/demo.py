"""The demo article that shows the fact check: a short invented article with a References block, and the
text of its sources shipped as files, uploaded through the ordinary snapshot service (no network).

Loading it again changes nothing: the import is idempotent and refuses to overwrite an editor's edits,
and a source that already has a snapshot (the shipped one, or one an editor fetched, uploaded or pasted)
is left as it is."""

from dataclasses import dataclass, field
from pathlib import Path

from articles.errors import ImportWouldOverwrite
from articles.models import Article
from articles.services import article_import
from sources.models import Source
from sources.services import snapshot_upload

DEMO_DIR = Path(__file__).resolve().parent.parent / "seed" / "demo"
DEMO_FILE = DEMO_DIR / "eskerby-floods.txt"
SNAPSHOT_DIR = DEMO_DIR / "snapshots"  # one file per source, named after its key: gazette.html → [gazette]
DEMO_SLUG = "eskerby-floods-demo"
DEMO_TITLE = "Eskerby floods of 2024 (a demo)"


@dataclass
class DemoLoad:
    created: bool = False
    imported: bool = False  # False when nothing changed or an editor's edits were kept
    edits_kept: tuple[str, ...] = ()
    uploaded: list[str] = field(default_factory=list)  # source keys given their shipped snapshot
    kept: list[str] = field(default_factory=list)  # source keys that already had a snapshot
    missing: list[str] = field(default_factory=list)  # shipped snapshots whose key the article lacks


def demo_article_load(*, directory: Path = DEMO_DIR, slug: str = DEMO_SLUG) -> DemoLoad:
    """Import the demo article (never over an editor's edits) and give each of its sources that has no
    snapshot yet the shipped one; return what was done."""
    result = DemoLoad()
    try:
        imported = article_import(
            data=(directory / DEMO_FILE.name).read_bytes(), slug=slug, title=DEMO_TITLE, name=DEMO_FILE.name
        )
        result.created, result.imported = imported.article_created, imported.has_changes
        article_id = imported.article.pk
    except ImportWouldOverwrite as refusal:
        result.edits_kept = tuple(str(edit) for edit in refusal.edits)
        article_id = Article.objects.get(slug=slug).pk
    sources = {source.key: source for source in Source.objects.filter(article_id=article_id)}
    for path in sorted((directory / SNAPSHOT_DIR.name).iterdir()):
        source = sources.get(path.stem)
        if source is None:
            result.missing.append(path.stem)
        elif source.snapshots.exists():
            result.kept.append(path.stem)
        else:
            snapshot_upload(source=source, data=path.read_bytes(), name=path.name, user=None)
            result.uploaded.append(path.stem)
    return result
