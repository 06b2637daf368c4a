"""A GIN index of the statements' text for the readers' search (claims/search.py), on PostgreSQL only.

Its expression is the one Django writes for ``SearchVector("text", config="english")``, so the search's
``@@`` uses it. SQLite has no such index (the search bounds its reads there instead). On a large table in
production, create it first by hand with ``CREATE INDEX CONCURRENTLY`` under the same name: this migration
then finds it and does nothing."""

from django.db import migrations

INDEX = "claim_text_search"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0009_consistency_finding_estimates_and_possible")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
