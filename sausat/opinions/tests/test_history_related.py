"""An opinion's history lists the writes made through other objects: its answers (and the outcome they
set), its moves between groups, its follow-up notes and the task made from it, each indexed in the same
transaction as its audit row (``AuditRelation``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sausat.core.models import AuditEvent, AuditRelation
from sausat.core.selectors import history_for
from sausat.directives import opinion_task_services
from sausat.directives import services as directive_services
from sausat.directives.models import Task
from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ
from sausat.people.models import Organ

pytestmark = pytest.mark.django_db


def _opinion(cast, meeting, i: int) -> Opinion:
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Đề nghị sửa đường liên xã số {i}",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key=f"hist-{i}",
        meeting=meeting,
        author_name=f"Người góp ý {i}",
    )


def _verbs(obj) -> list[str]:
    return list(history_for(obj).values_list("verb", flat=True))


def test_opinion_history_has_its_answers_moves_notes_and_task(cast):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 1)
    other = _opinion(cast, meeting, 2)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Giao thông nông thôn")
    services.move_opinions(actor=cast.secretary, meeting=meeting, opinion_ids=[opinion.pk, other.pk], group=group)
    services.add_note(actor=cast.secretary, opinion=opinion, text="Đã hẹn khảo sát tuyến đường")
    answer = services.answer_opinion(
        actor=cast.secretary,
        opinion=opinion,
        text="Giao Sở Xây dựng khảo sát, sửa trong quý tới",
        outcome=Outcome.DIRECTED,
        directed_organ=responder_organ(cast),
    )
    task = Task.objects.get(source_opinion=opinion)

    verbs = _verbs(opinion)
    for verb in ("opinion.register", "opinion.move", "opinion.note", "opinion.answer", "opinion.outcome"):
        assert verb in verbs, (verb, verbs)
    assert "directives.task.add" in verbs
    # The opinion's outcome, set by the answer's service, is its own row (before → after), linked to the answer.
    outcome_row = AuditEvent.objects.get(verb="opinion.outcome", object_id=str(opinion.pk))
    assert outcome_row.before["outcome"] == "" and outcome_row.after["outcome"] == Outcome.DIRECTED
    assert outcome_row.relations.filter(model_label="opinions.answer", object_pk=str(answer.pk)).exists()
    # The task's row names its source opinion in its payload, not in a later unaudited update.
    task_row = AuditEvent.objects.get(object_type="directives.task", object_id=str(task.pk), verb="directives.task.add")
    assert task_row.after["source_opinion_id"] == opinion.pk
    # The move row lists both opinions (and where they came from); the other opinion's history has it too.
    assert "opinion.move" in _verbs(other) and "opinion.note" not in _verbs(other)
    move = AuditEvent.objects.get(verb="opinion.move")
    assert move.before == {"group_ids": {str(opinion.pk): None, str(other.pk): None}}
    # The answer's own history is unchanged: its own rows first of all.
    assert _verbs(answer)[-1] == "opinion.answer"
    # The task's history lists the progress reported on it (the report's own audit row).
    directive_services.report_progress(actor=cast.responder, task=task, text="Đã khảo sát xong", percent=40)
    assert "directives.task.progress" in _verbs(task)


def test_bulk_assign_and_merge_are_indexed_on_every_opinion(cast):
    meeting = make_meeting(cast)
    first, second, third = (_opinion(cast, meeting, i) for i in (3, 4, 5))
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Đất đai")
    services.move_opinions(actor=cast.secretary, meeting=meeting, opinion_ids=[first.pk, second.pk], group=group)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    services.merge_opinions(actor=cast.secretary, meeting=meeting, keep=third, duplicate_ids=[second.pk])
    services.merge_opinions(actor=cast.secretary, meeting=meeting, keep=first, duplicate_ids=[third.pk])
    assert "issue_group.assign" in _verbs(first) and "issue_group.assign" in _verbs(second)
    # second was re-pointed from third to first by the last merge: its history shows both merges.
    assert _verbs(second).count("opinion.merge") == 2
    assert AuditRelation.objects.filter(model_label="opinions.opinion", object_pk=str(second.pk)).count() == 4


def test_a_failed_write_leaves_no_relation(cast):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 6)
    before = AuditRelation.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - the directed answer without an organ is refused
        services.answer_opinion(actor=cast.secretary, opinion=opinion, text="Chỉ đạo", outcome=Outcome.DIRECTED)
    assert AuditRelation.objects.count() == before


def test_history_page_shows_related_rows_with_bounded_queries(cast, login, django_assert_max_num_queries):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 7)
    for i in range(6):
        services.add_note(actor=cast.secretary, opinion=opinion, text=f"Ghi chú theo dõi lần {i}")
        services.answer_opinion(
            actor=cast.secretary, opinion=opinion, text=f"Trả lời lần {i}", outcome=Outcome.ANSWERED
        )
    client = login(cast.secretary)
    url = reverse("core:history", args=["opinions.opinion", opinion.pk])
    client.get(url)  # warm the per-process caches (calendar, navigation)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ghi chú theo dõi" in body and "Trả lời ý kiến" in body and "Trả lời #" in body
    # An answer is part of the opinion (shown on its page to the same readers), so the timeline shows it;
    # a note is another object: its row says what happened, its payload stays in its own history.
    assert "Trả lời lần 0" in body and "Ghi chú theo dõi lần 0" not in body
    # Out of scope: 404 like a missing opinion, related rows or not.
    assert login(cast.commune_b_cadre).get(url).status_code == 404


def test_opinion_page_history_includes_related_rows(cast, login):
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 8)
    services.add_note(actor=cast.secretary, opinion=opinion, text="Đã chuyển hồ sơ")
    page = login(cast.secretary).get(reverse("opinions:detail", args=[opinion.pk]) + "?lich-su=1")
    history = page.context["history"]
    assert [e.verb for e in history][:2] == ["opinion.note", "opinion.register"]


def test_history_does_not_name_a_related_object_the_reader_cannot_open(cast, login):
    """The task made from an opinion shows in the opinion's history by type and number only: its title
    stays behind the directives policy (a responder of another organ cannot open the task)."""
    mine = responder_organ(cast)
    other = Organ.objects.filter(unit=cast.province).exclude(pk=mine.pk).first()
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị làm rõ việc thu hồi đất",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="hist-hidden-task",
        author_name="Lê Văn D",
        responder_organ=mine,
    )
    title = "Rà soát hồ sơ thu hồi đất nội bộ"
    task = opinion_task_services.create_task_from_opinion(
        actor=cast.secretary, opinion=opinion, lead_organ=other, deadline=None, title=title, content=""
    )
    responder = login(cast.responder)
    assert responder.get(reverse("directives:task", args=[task.pk])).status_code == 404
    page = responder.get(reverse("core:history", args=["opinions.opinion", opinion.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and f"Nhiệm vụ #{task.pk}" in body
    assert title not in body
