import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.selectors import article_as_dict, article_as_text, article_as_wikitext


class Command(BaseCommand):
    help = "Write an article to standard output: the plain-text import format, wikitext or JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=("text", "wikitext", "json"), default="text")

    def handle(self, *args, slug, format, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No article with the slug {slug!r}.")
        if format == "json":
            self.stdout.write(json.dumps(article_as_dict(article), ensure_ascii=False, indent=2))
        elif format == "wikitext":
            self.stdout.write(article_as_wikitext(article), ending="")
        else:
            self.stdout.write(article_as_text(article), ending="")
