"""Best-effort backfill of the related-objects index for audit rows written before it existed.

Only what the rows' own payload names is indexed (no domain table is read, so core stays below the
apps that wrote the rows):

- an answer's or a follow-up note's create row names its opinion (``after.opinion_id``);
- the later rows of an answer (petition tracking, publishing) name it only by the answer's id: the
  opinion is taken from that answer's create row;
- the rows of bulk moves, merges and group assignments list the opinions (``after.opinion_ids``);
- a task's row names its opinion when ``source_opinion_id`` is in the payload (before this migration
  the link was written after the audit row, so older tasks are not found: their history stays as is).

Rows are read in chunks; re-running adds nothing twice (unique audit + object).
"""

from django.db import migrations

OPINION = "opinions.opinion"
BULK_VERBS = ("opinion.move", "opinion.merge", "issue_group.assign")
CHUNK = 2000


def _payload_relations(event, answer_opinion):
    after = event.after if isinstance(event.after, dict) else {}
    found = []
    if event.object_type in ("opinions.answer", "opinions.followupnote") and after.get("opinion_id"):
        found.append((OPINION, after["opinion_id"], "opinion"))
    elif event.object_type == "opinions.answer" and event.object_id in answer_opinion:
        found.append((OPINION, answer_opinion[event.object_id], "opinion"))
    if event.verb in BULK_VERBS and isinstance(after.get("opinion_ids"), list):
        found += [(OPINION, pk, "opinion") for pk in after["opinion_ids"]]
    if event.object_type == "directives.task" and after.get("source_opinion_id"):
        found.append((OPINION, after["source_opinion_id"], "opinion"))
    return found


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditRelation = apps.get_model("core", "AuditRelation")
    answer_opinion = {
        object_id: after["opinion_id"]
        for object_id, after in AuditEvent.objects.filter(object_type="opinions.answer", action="create")
        .values_list("object_id", "after")
        .iterator(chunk_size=CHUNK)
        if isinstance(after, dict) and after.get("opinion_id")
    }
    candidates = (
        AuditEvent.objects.filter(object_type__in=("opinions.answer", "opinions.followupnote", "directives.task"))
        | AuditEvent.objects.filter(verb__in=BULK_VERBS)
    ).order_by("pk")
    batch = []
    for event in candidates.iterator(chunk_size=CHUNK):
        seen = set()
        for label, pk, role in _payload_relations(event, answer_opinion):
            key = (label, str(pk))
            if key in seen or key == (event.object_type, event.object_id):
                continue
            seen.add(key)
            batch.append(AuditRelation(audit_id=event.pk, model_label=label, object_pk=str(pk)[:64], role=role))
        if len(batch) >= CHUNK:
            AuditRelation.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        AuditRelation.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_audit_relation")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
