# Dated settings (sausat/core/dated_rules.py): thresholds as data with their basis.

import django.db.models.deletion
import django.db.models.manager
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_backfill_audit_relations"),
        ("geo", "0002_search_trigram_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DatedSetting",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("deleted_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("key", models.CharField(db_index=True, max_length=100)),
                ("valid_from", models.DateField()),
                (
                    "valid_to",
                    models.DateField(blank=True, help_text="The last day it applies; empty while in force.", null=True),
                ),
                ("value", models.JSONField()),
                ("basis", models.CharField(help_text="The legal source, or 'Mặc định của sản phẩm'.", max_length=500)),
                ("note", models.TextField(blank=True)),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="geo.administrativeunit",
                    ),
                ),
            ],
            options={
                "ordering": ["key", "valid_from", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True), ("unit__isnull", True)),
                        fields=("key", "valid_from"),
                        name="core_datedsetting_national",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("deleted_at__isnull", True)),
                        fields=("key", "unit", "valid_from"),
                        name="core_datedsetting_unit",
                    ),
                ],
            },
            managers=[
                ("objects", django.db.models.manager.Manager()),
                ("all_objects", django.db.models.manager.Manager()),
            ],
        ),
    ]
