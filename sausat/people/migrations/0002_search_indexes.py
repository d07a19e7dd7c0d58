"""A pg_trgm GIN index on person ``search_key`` for substring search on PostgreSQL.

``LIKE '%...%'`` (Django's ``contains``) can use it; the planner still picks a sequential scan
for broad queries such as a common family name. Skipped on other databases and where the
extension is not available. (On SQLite an FTS5 trigram index was measured and rejected: it made
selective queries faster but broad ones 5-10x slower; see docs/performance.md.)
"""

from django.db import migrations

PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS people_person_search_key_trgm ON people_person USING gin (search_key gin_trgm_ops)"
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
            cursor.execute("DROP INDEX IF EXISTS people_person_search_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
