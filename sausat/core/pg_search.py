"""A pg_trgm GIN index for ``LIKE '%…%'`` search keys, as a migration operation.

Runs only on PostgreSQL where the extension is available; a no-op elsewhere (SQLite).
"""

from django.db import migrations


def trigram_index(table: str, column: str, index_name: str) -> migrations.RunPython:
    create = f"CREATE INDEX IF NOT EXISTS {index_name} ON {table} USING gin ({column} gin_trgm_ops)"

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            if cursor.fetchone() is None:
                return
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(create)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX IF EXISTS {index_name}")

    return migrations.RunPython(forwards, backwards, elidable=False)
