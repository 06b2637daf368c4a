"""Rows a fixture wrote once, written again for every later test that asks for the same fixture.

Importing the seed article parses it, reads every sentence's figures, checks them and finds the
conflicts: half a second on an idle machine (0.51 s, README's benchmarks), for some 180 tests. The first
test that asks for it runs the import and keeps a copy of every row the import added (each table's rows
above its highest primary key before the import); every later test inserts those rows again, with the
same primary keys, in one transaction: the same database the import would have left, at a few
statements per table. When one of those primary keys is taken already (the test wrote rows of its own
first), the fixture imports as before.

The database starts each test empty of these rows (a rolled-back transaction, or a flush): the copies hold
no state a test left behind, and the fixture returns the object the import returned, as it returned it.

A transactional test's flush deletes the content types too, and Django creates them again with new ids:
the columns that point at a content type (reversion's versions) are written with the ids the database
has now for the same app label and model, so the browser tests, which are transactional, take the copy too.
"""

import json
from dataclasses import dataclass, replace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction


@dataclass(frozen=True)
class TableRows:
    model: type
    columns: tuple[str, ...]
    json_columns: tuple[int, ...]  # positions of JSON columns (PostgreSQL hands them back decoded)
    rows: tuple[tuple, ...]
    lowest: int
    highest: int
    content_type_columns: tuple[int, ...] = ()  # positions of foreign keys to ContentType


@dataclass(frozen=True)
class Copy:
    tables: tuple[TableRows, ...]
    model: type  # the returned object's model, its column names and values as the builder returned it
    names: tuple[str, ...]
    values: tuple
    content_types: dict  # content type id when copied -> (app label, model)


_copies: dict[str, Copy | None] = {}


def copied_models() -> list[type]:
    """Every concrete model with a single integer primary key (history and through tables included)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.managed
        and isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField)
    ]


def highest_keys() -> dict[type, int]:
    quote = connection.ops.quote_name
    highest = {}
    with connection.cursor() as cursor:
        for model in copied_models():
            cursor.execute(f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}")
            highest[model] = cursor.fetchone()[0] or 0
    return highest


def stored_fields(model) -> list:
    return [field for field in model._meta.local_concrete_fields if not getattr(field, "generated", False)]


def rows_added(model, above: int) -> TableRows | None:
    quote = connection.ops.quote_name
    fields = stored_fields(model)
    columns = tuple(field.column for field in fields)
    pk = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)} "
            f"WHERE {pk} > %s ORDER BY {pk}",
            [above],
        )
        rows = tuple(tuple(row) for row in cursor.fetchall())
    if not rows:
        return None
    position = columns.index(model._meta.pk.column)
    json_columns = tuple(i for i, field in enumerate(fields) if isinstance(field, models.JSONField))
    content_type_columns = tuple(
        i for i, field in enumerate(fields) if field.is_relation and field.related_model is ContentType
    )
    return TableRows(
        model, columns, json_columns, rows, rows[0][position], rows[-1][position], content_type_columns
    )


def content_type_keys() -> dict[int, tuple[str, str]]:
    """Every content type's id and natural key, read from the database (Django's cache may be stale)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, app_label, model FROM {connection.ops.quote_name(ContentType._meta.db_table)}"
        )
        return {id_: (app_label, model) for id_, app_label, model in cursor.fetchall()}


def content_type_ids_now(copied_keys: dict[int, tuple[str, str]]) -> dict[int, int]:
    """Map each content type id of the copy to the id of the same content type now."""
    now = {key: id_ for id_, key in content_type_keys().items()}
    return {old: now[key] for old, key in copied_keys.items()}


def with_content_types(table: TableRows, ids_now: dict[int, int]) -> TableRows:
    if not table.content_type_columns or all(old == new for old, new in ids_now.items()):
        return table
    rows = tuple(
        tuple(
            ids_now.get(value, value) if i in table.content_type_columns else value
            for i, value in enumerate(row)
        )
        for row in table.rows
    )
    return replace(table, rows=rows)


def keys_are_free(copy: Copy) -> bool:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in copy.tables:
            pk = quote(table.model._meta.pk.column)
            cursor.execute(
                f"SELECT 1 FROM {quote(table.model._meta.db_table)} WHERE {pk} BETWEEN %s AND %s",
                [table.lowest, table.highest],
            )
            if cursor.fetchone() is not None:
                return False
    return True


def insert(copy: Copy) -> None:
    quote = connection.ops.quote_name
    wrap = (lambda value: value) if connection.vendor != "postgresql" else postgresql_json
    ids_now = content_type_ids_now(copy.content_types)
    with transaction.atomic(), connection.cursor() as cursor:
        for table in (with_content_types(table, ids_now) for table in copy.tables):
            rows = table.rows
            if table.json_columns and connection.vendor == "postgresql":
                rows = [
                    tuple(wrap(value) if i in table.json_columns else value for i, value in enumerate(row))
                    for row in rows
                ]
            columns = ", ".join(quote(column) for column in table.columns)
            values = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.model._meta.db_table)} ({columns}) VALUES ({values})", rows
            )
        # PostgreSQL's sequences do not move with explicit keys: set each past the rows written.
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [table.model for table in copy.tables]
        ):
            cursor.execute(statement)


def postgresql_json(value):
    """Django reads JSON columns as text (its field decodes them): send them back as jsonb."""
    from psycopg.types.json import Jsonb

    if value is None:
        return None
    return Jsonb(json.loads(value) if isinstance(value, str) else value)


def copied(name: str, build):
    """Return what ``build()`` returns (a model instance), building it the first time and inserting its
    rows again afterwards."""
    copy = _copies.get(name)
    if copy is not None and keys_are_free(copy):
        insert(copy)
        return copy.model.from_db(connection.alias, list(copy.names), list(copy.values))
    if name in _copies:  # keys taken, or no copy could be made: build as before
        return build()
    before = highest_keys()
    built = build()
    after = highest_keys()
    tables = tuple(
        table
        for model, highest in after.items()
        if highest > before[model] and (table := rows_added(model, before[model])) is not None
    )
    fields = [field for field in type(built)._meta.concrete_fields]
    used = {row[i] for table in tables for row in table.rows for i in table.content_type_columns}
    _copies[name] = Copy(
        tables=tables,
        model=type(built),
        names=tuple(field.attname for field in fields),
        values=tuple(getattr(built, field.attname) for field in fields),
        content_types={id_: key for id_, key in content_type_keys().items() if id_ in used},
    )
    return built
