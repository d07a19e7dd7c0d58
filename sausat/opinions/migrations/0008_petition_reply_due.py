# A petition to a competent authority has a reply deadline (docs/rules.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0007_draft_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="petition_reply_due",
            field=models.DateField(blank=True, null=True),
        ),
    ]
