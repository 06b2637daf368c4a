from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from articles.errors import ArticleFormatError, ArticleInTrash, ImportWouldOverwrite
from articles.services import article_import
from articles.wikitext.detection import FORMATS, WIKITEXT
from articles.wikitext.fromwiki import WikiFetchFailed, fetch_wikitext
from claims.errors import TooManyTableCells
from sources.services import fetch_policy

# The exit status of a refusal to overwrite edits, so bin/demo can tell it from a failure.
EDITS_KEPT = 3


def overwrite_message(slug: str, refusal: ImportWouldOverwrite) -> str:
    lines = [f"{slug} was edited since its last import; importing would overwrite:"]
    lines += [f"  - {edit}" for edit in refusal.edits]
    lines.append("Nothing was imported. Run again with --force to import anyway (the edits stay in history).")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Import an article from a file in the plain-text format (one paragraph per line, citations as [N]) "
        "or in wikitext, or from a wiki page (--from-wiki URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The article file, UTF-8 text.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="The file's format (default: told from the file: .wiki, or wikitext markup inside).",
        )
        parser.add_argument(
            "--from-wiki",
            metavar="URL",
            help="Fetch the page's wikitext through its wiki's API, e.g. https://en.wikipedia.org/wiki/Alaska.",
        )
        parser.add_argument("--slug", required=True, help="The article's address: /articles/<slug>/.")
        parser.add_argument("--title", help="The article's title (default: made from the slug).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even over edits made since the last import (they stay in the history).",
        )

    def handle(self, *args, path, slug, title, force=False, format=None, from_wiki=None, **options):
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(f"--slug {slug!r} is not a slug: use letters, digits, - and _ only.") from None
        if bool(path) == bool(from_wiki):
            raise CommandError("Give either a file or --from-wiki URL (one of them).")
        if from_wiki:
            data, name, format, title = self.fetched(from_wiki, title)
            path = from_wiki
        else:
            file = Path(path)
            try:
                data, name = file.read_bytes(), file.name
            except OSError as error:
                raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        try:
            result = article_import(data=data, slug=slug, title=title, name=name, force=force, format=format)
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
        if result.report is not None:
            self.stdout.write("Import report:")
            for line in result.report.lines():
                self.stdout.write(f"  {line}")

    def fetched(self, url: str, title: str | None) -> tuple[str, str, str, str]:
        try:
            page = fetch_wikitext(url, fetch_policy())
        except WikiFetchFailed as failure:
            raise CommandError(f"{url}: {failure} — nothing was imported.") from None
        self.stdout.write(f"Fetched “{page.title}” ({len(page.wikitext):,} characters of wikitext)")
        return page.wikitext, page.title, WIKITEXT, title or page.title
