from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.errors import EmptySnapshot, SnapshotTooLong, UnsupportedFile
from sources.models import Source
from sources.services import snapshot_upload


class Command(BaseCommand):
    help = (
        "Store a file (HTML, PDF or plain text, told apart by its content) as a snapshot of the source "
        "KEY of the article SLUG; the claims citing it are checked again."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("key")
        parser.add_argument("path", type=Path)

    def handle(self, *, slug, key, path, **options):
        source = Source.objects.filter(article__slug=slug, key=key).first()
        if source is None:
            raise CommandError(f"The article {slug!r} has no source [{key}].")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        previous = source.snapshots.values_list("pk", flat=True).first()
        try:
            snapshot = snapshot_upload(source=source, data=data, name=path.name, user=None)
        except (UnsupportedFile, EmptySnapshot, SnapshotTooLong) as error:
            raise CommandError(str(error)) from error
        if snapshot.pk == previous:
            self.stdout.write(f"Unchanged: [{key}] already has this text (snapshot {snapshot.pk}).")
        else:
            self.stdout.write(
                f"Stored snapshot {snapshot.pk} of [{key}]: {snapshot.content_type}, "
                f"{len(snapshot.text)} characters."
            )
