from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from articles.errors import ArticleFormatError, ArticleInTrash, ImportWouldOverwrite
from articles.services import article_import
from claims.errors import TooManyTableCells

# The exit status of a refusal to overwrite edits, so bin/demo can tell it from a failure.
EDITS_KEPT = 3


def overwrite_message(slug: str, refusal: ImportWouldOverwrite) -> str:
    lines = [f"{slug} was edited since its last import; importing would overwrite:"]
    lines += [f"  - {edit}" for edit in refusal.edits]
    lines.append("Nothing was imported. Run again with --force to import anyway (the edits stay in history).")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Import an article from the plain-text format (one paragraph per line, citations as [N])."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The article file, UTF-8 text.")
        parser.add_argument("--slug", required=True, help="The article's address: /articles/<slug>/.")
        parser.add_argument("--title", help="The article's title (default: made from the slug).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even over edits made since the last import (they stay in the history).",
        )

    def handle(self, *args, path, slug, title, force=False, **options):
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(f"--slug {slug!r} is not a slug: use letters, digits, - and _ only.") from None
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        try:
            result = article_import(data=data, slug=slug, title=title, name=file.name, force=force)
        except (ArticleFormatError, ArticleInTrash, TooManyTableCells) as error:
            raise CommandError(f"{path}: {error} — nothing was imported.") from None
        except ImportWouldOverwrite as refusal:
            raise CommandError(overwrite_message(slug, refusal), returncode=EDITS_KEPT) from None
        verb = "Created" if result.article_created else "Updated" if result.has_changes else "Unchanged:"
        self.stdout.write(f"{verb} article “{result.article.title}” ({result.article.slug})")
        self.stdout.write(f"  sections: {result.sections}")
        self.stdout.write(f"  sources:  {result.sources}")
        self.stdout.write(f"  claims:   {result.claims}")
        self.stdout.write(f"  references: {result.references}")
