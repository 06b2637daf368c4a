"""An editor saving one section in a loop through articles.services.section_save, for the load test:

    python -m tests.production.editor SECONDS

Each save appends a sentence with a distinct letters-only word (no figures, nothing to escape). Prints a
JSON summary: the number of saves, the errors, and the last sentence written.
"""

import json
import sys
import time

import django


def word(number: int) -> str:
    return "loadtest" + "".join(chr(ord("a") + int(digit)) for digit in str(number))


def main(seconds: float) -> dict:
    django.setup()
    from django.contrib.auth.models import Group, User

    from accounts.roles import EDITORS
    from articles.models import Article
    from articles.services import section_save

    editor, _ = User.objects.get_or_create(username="load-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name=EDITORS))
    section = Article.objects.get().sections.exclude(body="").order_by("order")[1]
    original = section.body
    saved, errors, last = 0, [], ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sentence = f"The load test wrote this sentence as {word(saved)}."
        try:
            section.refresh_from_db()
            section_save(
                section=section,
                body=f"{original} {sentence}",
                user=editor,
                base_version=section.version,
                comment="load test",
            )
        except Exception as error:  # noqa: BLE001 - every failure is reported to the test
            errors.append(repr(error))
        else:
            saved, last = saved + 1, sentence
        time.sleep(0.3)
    return {"saved": saved, "errors": errors, "last_sentence": last}


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]))))
