"""A pg_trgm GIN index on unit ``search_key`` for substring search on PostgreSQL (skipped elsewhere)."""

from django.db import migrations

from sausat.core.pg_search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [trigram_index("geo_administrativeunit", "search_key", "geo_unit_search_key_trgm")]
