from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _op(cast, meeting, key, channel=Channel.PAPER, name="Tác giả"):
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Nội dung {key}",
        channel=channel,
        unit=cast.commune_a,
        idempotency_key=key,
        meeting=meeting,
        author_name=f"{name} {key}",
    )


def test_bulk_move_merge_and_assign_via_page(cast, login):
    meeting = make_meeting(cast)
    ops = [_op(cast, meeting, f"g{i}") for i in range(4)]
    client = login(cast.secretary)
    action = reverse("opinions:grouping_action", args=[meeting.pk])
    client.post(action, {"action": "create_group", "title": "Phụ cấp"})
    group = meeting.issue_groups.get()
    client.post(action, {"action": "move", "target": str(group.pk), "ids": [str(o.pk) for o in ops]})
    assert Opinion.objects.filter(group=group).count() == 4
    client.post(action, {"action": "merge", "keep": str(ops[0].pk), "ids": [str(ops[1].pk), str(ops[2].pk)]})
    assert set(Opinion.objects.filter(merged_into=ops[0]).values_list("pk", flat=True)) == {ops[1].pk, ops[2].pk}
    # The originals and their authors stay visible on the kept opinion's page.
    page = client.get(reverse("opinions:detail", args=[ops[0].pk])).content.decode()
    assert "Tác giả g1" in page and "Tác giả g2" in page
    organ = responder_organ(cast)
    client.post(action, {"action": "assign", "group": str(group.pk), "organ": str(organ.pk), "deadline": ""})
    group.refresh_from_db()
    assert group.responder_organ == organ and group.deadline is not None
    assert Opinion.objects.filter(responder_organ=organ).count() == 4


def test_group_answer_keeps_each_outcome_and_petition_tracking(cast, login):
    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Nhóm")
    ops = [_op(cast, meeting, f"a{i}") for i in range(3)]
    services.move_opinions(actor=cast.secretary, meeting=meeting, opinion_ids=[o.pk for o in ops], group=group)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    client = login(cast.responder)
    response = client.post(
        reverse("opinions:answer_group", args=[group.pk]),
        {"text": "Trả lời chung", "place": "meeting", "outcome": "answered", "petition_authority": "Bộ Nội vụ",
         f"outcome_{ops[2].pk}": "petitioned"},
    )  # fmt: skip
    assert response.status_code == 302
    outcomes = dict(Opinion.objects.values_list("pk", "outcome"))
    assert outcomes == {ops[0].pk: "answered", ops[1].pk: "answered", ops[2].pk: "petitioned"}
    answer = ops[2].answers.get()
    assert answer.petition_state == "Chưa gửi"
    client.post(reverse("opinions:petition", args=[answer.pk]), {"sent_on": "2026-01-05"})
    client.post(reverse("opinions:petition", args=[answer.pk]), {"reply": "Đã nhận", "reply_on": "2026-02-01"})
    client.post(reverse("opinions:petition", args=[answer.pk]), {"closed_on": "2026-02-10"})
    answer.refresh_from_db()
    assert answer.petition_sent_on == dt.date(2026, 1, 5) and answer.petition_closed_on == dt.date(2026, 2, 10)
    assert answer.petition_state == "Đã khép lại"
    summary = login(cast.secretary).get(reverse("meetings:summary", args=[meeting.pk])).content.decode()
    assert "Bộ Nội vụ" in summary and "Đã khép lại" in summary


def test_overdue_flag_and_board_since(cast, login):
    meeting = make_meeting(cast)
    old = _op(cast, meeting, "o1", channel=Channel.LIVE)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), opinion=old, deadline=dt.date(2020, 1, 1))
    client = login(cast.secretary)
    assert "Quá hạn" in client.get(reverse("opinions:index")).content.decode()
    assert "Quá hạn" in client.get(reverse("opinions:grouping", args=[meeting.pk])).content.decode()
    assert "quá hạn" in client.get(reverse("meetings:summary", args=[meeting.pk])).content.decode()
    url = reverse("opinions:board_since", args=[meeting.pk])
    new = _op(cast, meeting, "o2", channel=Channel.ONLINE)
    body = client.get(url, {"since": old.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert f"board-item-{new.pk}" in body and f"board-item-{old.pk}" not in body
    assert f"since={new.pk}" in body and "hx-swap-oob" in body
    quiet = client.get(url, {"since": new.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "board-item" not in quiet
    assert login(cast.commune_a_cadre).get(url).status_code == 404
