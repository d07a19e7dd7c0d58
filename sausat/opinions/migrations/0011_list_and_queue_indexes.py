"""Indexes for the opinion lists and the responder's queue (issue 17).

- ``opinion_group_unanswered``: "unanswered first" within a group, read backwards, without a sort.
- ``opinion_live_scope``: every column the visibility filter reads, so the count of what a
  province's secretary may see (the JSON list's total) is an index-only scan.
- ``opinion_open_by_group``: the open opinions of each group, counted on the queue.
- A pg_trgm GIN index on ``search_key`` (PostgreSQL only, like people's and units'): the register's
  search without diacritics (``LIKE '%…%'``) reads the matching rows instead of the whole table.
"""

from django.conf import settings
from django.db import migrations, models

from sausat.core.pg_search import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0003_hamlet_types_khu_vuc_khom"),
        ("meetings", "0005_meeting_kind_reception"),
        ("opinions", "0010_suggestion_decision"),
        ("people", "0006_position_basis"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="opinion",
            index=models.Index(fields=["group", "answered_at", "id"], name="opinion_group_unanswered"),
        ),
        migrations.AddIndex(
            model_name="opinion",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["meeting", "unit", "responder_organ", "submitted_by", "anonymous"],
                name="opinion_live_scope",
            ),
        ),
        migrations.AddIndex(
            model_name="opinion",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("outcome", "")),
                fields=["group"],
                name="opinion_open_by_group",
            ),
        ),
        trigram_index("opinions_opinion", "search_key", "opinions_opinion_search_key_trgm"),
    ]
