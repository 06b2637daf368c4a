from django.core.management.base import BaseCommand

from articles.demo import DEMO_SLUG, demo_article_load


class Command(BaseCommand):
    help = (
        "Load the demo article that shows the fact check (seed/demo/): import it, never over an editor's "
        "edits, and upload the shipped text of each of its sources that has no snapshot yet."
    )

    def handle(self, *args, **options):
        loaded = demo_article_load()
        verb = "Created" if loaded.created else "Updated" if loaded.imported else "Unchanged:"
        self.stdout.write(f"{verb} the demo article /articles/{DEMO_SLUG}/")
        if loaded.edits_kept:
            self.stdout.write("  Kept your edits (the demo file was not imported over them):")
            self.stdout.write("".join(f"    - {edit}\n" for edit in loaded.edits_kept), ending="")
        self.stdout.write(f"  snapshots uploaded: {', '.join(loaded.uploaded) or 'none'}")
        if loaded.kept:
            self.stdout.write(f"  sources that already had text, left as they are: {', '.join(loaded.kept)}")
        if loaded.missing:
            missing = ", ".join(loaded.missing)
            self.stdout.write(f"  no source with the key of: {missing} (renamed or removed)")
