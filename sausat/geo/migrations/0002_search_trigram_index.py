"""A pg_trgm GIN index on unit ``search_key`` for substring search on PostgreSQL (skipped elsewhere)."""

from django.db import migrations

PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS geo_unit_search_key_trgm ON geo_administrativeunit USING gin (search_key gin_trgm_ops)"
)


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(PG_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS geo_unit_search_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
