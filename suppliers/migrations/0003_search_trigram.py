"""Trigram indexes so the search box stays fast on PostgreSQL.

pg_trgm and GIN indexes exist only on PostgreSQL; on SQLite (the embedded default) this
migration does nothing and the search still works, with a plain scan. The indexed
expression UPPER(col::text) is exactly what Django's icontains lookup compares on PostgreSQL.
"""

from django.db import migrations

INDEXES = [
    ("supplier_name_trgm_idx", "suppliers_supplier", "name"),
    ("supplier_orgnr_trgm_idx", "suppliers_supplier", "org_number"),
    ("unit_name_trgm_idx", "suppliers_unit", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0002_placement_check")]

    operations = [migrations.RunPython(create, drop)]
