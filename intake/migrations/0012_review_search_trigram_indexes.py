"""Indexes for the review queue's search on PostgreSQL (issue 18: a search by surname
stays flat at 100,000 intakes).

The search is `first_name__icontains`/`last_name__icontains` or `reference__iexact`,
which Django writes as `UPPER(col::text) LIKE UPPER(...)` / `= UPPER(...)`. A plain
b-tree on the column serves neither, and one unindexed arm of the OR makes the whole
search read every row, so each arm gets an index on exactly that expression: trigram
GIN indexes (pg_trgm, created by education 0007) for the names, a b-tree for the
reference. SQLite has neither operator class; there the migration does nothing.
"""

from django.db import migrations

INDEXES = {
    "intake_first_name_upper_trgm": 'USING gin (UPPER("first_name"::text) gin_trgm_ops)',
    "intake_last_name_upper_trgm": 'USING gin (UPPER("last_name"::text) gin_trgm_ops)',
    "intake_reference_upper": '(UPPER("reference"::text))',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "intake_intake" {definition}'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0011_drafts"),
        ("education", "0007_search_synonyms_cost"),
    ]

    operations = [migrations.RunPython(create, drop)]
