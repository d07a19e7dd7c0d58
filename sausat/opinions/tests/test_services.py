from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.opinions import selectors, services
from sausat.opinions.models import Channel, Opinion, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def test_register_is_idempotent(cast):
    kwargs = {
        "actor": SystemActor(reason="liaison"),
        "text": "Đề nghị  hỗ trợ\u200b kinh phí",
        "channel": Channel.LIAISON,
    }
    kwargs["unit"] = cast.commune_a
    first = services.register_opinion(idempotency_key="liaison:1", **kwargs)
    second = services.register_opinion(idempotency_key="liaison:1", **kwargs)
    assert first.pk == second.pk
    assert Opinion.objects.count() == 1
    assert "\u200b" not in first.text


def test_text_limit_message(cast):
    with pytest.raises(ValidationError) as exc:
        services.register_opinion(
            actor=cast.citizen, text="a" * 10_001, channel=Channel.OTHER, unit=cast.commune_a, idempotency_key="k"
        )
    assert "10.000" in str(exc.value)


def test_anonymous_leaves_no_trace(cast):
    meeting = make_meeting(cast, allow_anonymous=True)
    held = services.register_opinion(
        actor=cast.commune_a_cadre,
        text="Ý kiến ẩn danh",
        channel=Channel.ONLINE,
        unit=cast.commune_a,
        idempotency_key="anon-1",
        meeting=meeting,
        author_name="Tên không được lưu",
        anonymous=True,
    )
    assert held is None and not Opinion.all_objects.exists()
    assert services.flush_anonymous(everything=True) == 1
    opinion = Opinion.objects.get(meeting=meeting)
    assert opinion.idempotency_key != "anon-1"
    assert opinion.submitted_by_id is None and opinion.author_person_id is None and opinion.author_name == ""
    rows = AuditEvent.objects.filter(object_type="opinions.opinion", object_id=str(opinion.pk))
    assert rows.count() == 1
    row = rows.get()
    assert row.actor_id is None and row.actor_label == "" and row.request_id == ""
    assert cast.commune_a_cadre.username not in str(row.after)


def test_latest_answer_and_outcomes(cast):
    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Phụ cấp kiêm nhiệm")
    ops = [
        services.register_opinion(
            actor=cast.secretary,
            text=f"Ý kiến {i}",
            channel=Channel.PAPER,
            unit=cast.commune_a,
            idempotency_key=f"p-{i}",
            meeting=meeting,
            group=group,
        )
        for i in range(3)
    ]
    assert selectors.latest_answer(ops[0]) is None
    organ = responder_organ(cast)
    services.assign(actor=cast.secretary, organ=organ, group=group)
    answers = services.answer_group(
        actor=cast.responder,
        group=group,
        text="Sẽ nghiên cứu",
        outcome=Outcome.ANSWERED,
        outcomes={ops[1].pk: Outcome.PETITIONED},
        petition_authority="Bộ Nội vụ",
    )
    assert len(answers) == 3
    assert selectors.latest_answer(ops[1]).outcome == Outcome.PETITIONED
    assert selectors.latest_answer(ops[0]).outcome == Outcome.ANSWERED
    assert Opinion.objects.get(pk=ops[2].pk).responder_organ_id == organ.pk


def test_directed_outcome_creates_task_or_records_organ(cast, login):
    from django.apps import apps

    meeting = make_meeting(cast)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Cần giải quyết",
        channel=Channel.LIVE,
        unit=cast.commune_a,
        idempotency_key="d1",
        meeting=meeting,
    )
    organ = responder_organ(cast)
    answer = services.answer_opinion(
        actor=cast.secretary, opinion=opinion, text="Giao Sở Nội vụ", outcome=Outcome.DIRECTED, directed_organ=organ
    )
    assert answer.directed_organ == organ and answer.directed_deadline is not None
    if hasattr(opinion, "directed_tasks") and apps.is_installed("sausat.directives"):
        task = opinion.directed_tasks.get()
        assert task.lead_organ_id == organ.pk
        page = login(cast.secretary).get(f"/y-kien/{opinion.pk}/").content.decode()
        assert task.title[:30] in page
    with pytest.raises(ValidationError):
        services.answer_opinion(actor=cast.secretary, opinion=opinion, text="x", outcome=Outcome.DIRECTED)
