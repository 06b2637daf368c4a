import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from sources.models import FetchAttempt, Source
from sources.queue import run_now
from sources.services import fetch_enqueue

POLL_SECONDS = 0.5
FETCHES_FAILED = "{failed} of {total} fetches failed (listed above); their sources have no new text."


class Command(BaseCommand):
    help = (
        "Queue a fetch of every source of an article that has a URL. Workers (manage.py db_worker) "
        "run them; --wait runs them here and waits until every one has finished."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--wait", action="store_true", help="Run the fetches now, in the foreground.")

    def handle(self, *, slug, wait, **options):
        article_model = Source._meta.get_field("article").related_model
        if not article_model.objects.filter(slug=slug).exists():
            raise CommandError(f"No article with the slug {slug!r}.")
        sources = list(Source.objects.filter(article__slug=slug).exclude(url=""))
        if not sources:
            self.stdout.write(f"No source of {slug} has a URL to fetch.")
            return
        attempts = [fetch_enqueue(source=source, user=None) for source in sources]
        if not wait:
            self.stdout.write(f"Queued {len(attempts)} fetches; run `manage.py db_worker` to process them.")
            return
        ids = [attempt.pk for attempt in attempts]
        for attempt in attempts:
            run_now(attempt.task_id)
            self.progress(ids)
        while self.progress(ids) < len(ids):  # some were taken by a db_worker running beside us
            time.sleep(POLL_SECONDS)
        self.stdout.write("")
        self.summary(ids)

    def progress(self, ids) -> int:
        """Print how many fetched and how many failed so far; return how many finished either way."""
        states = Counter(FetchAttempt.objects.finished().filter(pk__in=ids).values_list("state", flat=True))
        fetched, failed = states[FetchAttempt.State.DONE], states[FetchAttempt.State.FAILED]
        done = fetched + failed
        line = f"{fetched}/{len(ids)} fetched" + (f", {failed} failed" if failed else "")
        if self.stdout.isatty():
            width = 30
            filled = width * done // max(1, len(ids))
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {line}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)
        return done

    def summary(self, ids) -> None:
        attempts = FetchAttempt.objects.filter(pk__in=ids).select_related("source").order_by("source__number")
        failed = [a for a in attempts if a.state == FetchAttempt.State.FAILED]
        self.stdout.write(f"{len(ids) - len(failed)} fetched, {len(failed)} failed.")
        for attempt in failed:
            dead = " (dead link)" if attempt.source.is_dead_link else ""
            self.stdout.write(
                f"[{attempt.source.key}] {attempt.failure_text}{dead}"
            )
        sys.stdout.flush()
        if failed:
            # A script (cron, CI) must see that sources are still without text.
            raise CommandError(FETCHES_FAILED.format(failed=len(failed), total=len(ids)))
