import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from claims.report import report_as_dict, report_as_table
from claims.selectors import factcheck_rows


class Command(BaseCommand):
    help = "Report every claim and figure of an article with its flags: a table worst first, or JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--json", action="store_true", help="JSON, claims in article order.")

    def handle(self, *args, slug, json: bool = False, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No article with the slug {slug!r}.")
        rows = factcheck_rows(article)
        if json:
            self.stdout.write(dump(report_as_dict(article.slug, rows)))
        else:
            self.stdout.write(report_as_table(article.title, rows), ending="")


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
