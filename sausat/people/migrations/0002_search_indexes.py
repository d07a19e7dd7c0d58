"""A pg_trgm GIN index on person ``search_key`` for substring search on PostgreSQL.

``LIKE '%...%'`` (Django's ``contains``) can use it; the planner still picks a sequential scan
for broad queries such as a common family name. Skipped on other databases and where the
extension is not available. (On SQLite an FTS5 trigram index was measured and rejected: it made
selective queries faster but broad ones 5-10x slower; see docs/performance.md.)
"""

from django.db import migrations

from sausat.core.pg_search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [trigram_index("people_person", "search_key", "people_person_search_key_trgm")]
