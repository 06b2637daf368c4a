import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from claims.report import report_as_dict, report_as_table
from claims.selectors import factcheck_rows, public_findings


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
        conflicts = public_findings(article)
        if json:
            self.stdout.write(dump({**report_as_dict(article.slug, rows), "conflicts": conflicts}))
        else:
            self.stdout.write(report_as_table(article.title, rows), ending="")
            self.stdout.write(conflicts_as_table(conflicts), ending="")


def conflicts_as_table(conflicts: list[dict]) -> str:
    """Return the conflicts (then agreements) as lines a reviewer can scan: kind, status, both values."""
    lines = [f"\nStatements checked against each other: {len(conflicts)}"]
    for finding in conflicts:
        first, second = finding["statements"]
        lines.append(
            f"  {finding['kind']} ({finding['status']}): {first['value']!r} (claim {first['id']}) / "
            f"{second['value']!r} (claim {second['id']}) — {finding['reason']}"
        )
    return "\n".join(lines) + "\n"


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
