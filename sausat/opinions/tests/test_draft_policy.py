"""Draft policies (đề án) as records: stages with dates, opinions taken into them, the pages, the notice
and the public results page saying what was taken in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.meetings import services as meeting_services
from sausat.meetings.models import MeetingStatus
from sausat.opinions import notice, policy, services
from sausat.opinions.models import Channel, DraftPolicy, Outcome
from sausat.opinions.tests.factories import make_meeting
from sausat.people.models import Organ

pytestmark = pytest.mark.django_db

TITLE = "Đề án nâng cao chất lượng đội ngũ cán bộ trẻ, nữ thử nghiệm"


def _draft(cast, **dates) -> DraftPolicy:
    owner = Organ.objects.filter(unit=cast.province).order_by("sort_order").first()
    return services.create_draft_policy(
        actor=cast.secretary,
        title=f"  {TITLE} ",
        unit=cast.province,
        owner_organ=owner,
        drafting_from=dt.date(2026, 1, 5),
        consultation_from=dt.date(2026, 3, 1),
        consultation_to=dt.date(2026, 3, 31),
        **dates,
    )


def _opinion(cast, meeting, n: int, unit=None):
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Đề án nên có chỉ tiêu cán bộ nữ cho cấp xã ({n})",
        channel=Channel.PAPER,
        unit=unit or cast.commune_a,
        idempotency_key=f"draft-test-{n}",
        meeting=meeting,
    )


def test_create_update_with_audit_and_stage_dates_in_order(cast):
    draft = _draft(cast)
    assert draft.title == TITLE and draft.search_key
    assert AuditEvent.objects.filter(verb="opinion.draft_policy.create", object_id=str(draft.pk)).count() == 1
    assert [s[0] for s in draft.stages()] == ["Xây dựng dự thảo", "Lấy ý kiến", "Thông qua, ban hành"]
    assert draft.stage_on(dt.date(2026, 3, 10)) == "consultation"
    with pytest.raises(ValidationError) as err:
        services.update_draft_policy(draft, actor=cast.secretary, adopted_on=dt.date(2026, 3, 15))
    assert "sau khi kết thúc lấy ý kiến" in str(err.value)
    draft = services.update_draft_policy(
        draft, actor=cast.secretary, expected_version=draft.version, adopted_on=dt.date(2026, 4, 20)
    )
    assert draft.stage_on(dt.date(2026, 5, 1)) == "adoption" and draft.version == 2
    assert AuditEvent.objects.filter(verb="opinion.draft_policy.update", object_id=str(draft.pk)).count() == 1
    with pytest.raises(ValidationError):
        services.create_draft_policy(
            actor=cast.secretary, title="  ", unit=cast.province, owner_organ=draft.owner_organ
        )


def test_a_commune_cadre_cannot_create_a_provincial_draft(cast):
    owner = Organ.objects.filter(unit=cast.province).first()
    with pytest.raises(Http404):
        services.create_draft_policy(actor=cast.commune_a_cadre, title=TITLE, unit=cast.province, owner_organ=owner)
    assert not DraftPolicy.objects.exists()


def test_opinions_taken_into_the_draft_link_to_it(cast):
    draft = _draft(cast)
    meeting = make_meeting(cast)
    first, second = _opinion(cast, meeting, 1), _opinion(cast, meeting, 2)
    answer = services.answer_opinion(
        actor=cast.secretary, opinion=first, text="Tiếp thu vào dự thảo.", outcome=Outcome.ACCEPTED_IN_POLICY,
        draft_policy=draft,
    )  # fmt: skip
    assert answer.draft_policy == draft and answer.policy_name == TITLE
    # The draft is dropped when the outcome is something else.
    other = services.answer_opinion(
        actor=cast.secretary, opinion=second, text="Đã trả lời.", outcome=Outcome.ANSWERED, draft_policy=draft
    )
    assert other.draft_policy is None
    assert list(draft.accepted_answers.all()) == [answer]
    with pytest.raises(ValidationError):  # a draft with opinions taken in is not deleted
        services.delete_draft_policy(actor=cast.secretary, draft=draft)


def test_a_draft_of_another_province_is_refused(cast):
    from sausat.geo.models import AdministrativeUnit, Level

    other = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True)
        .exclude(pk=cast.province.pk)
        .first()
    )
    owner = Organ.objects.filter(unit=cast.province).first()
    foreign = services.create_draft_policy(actor=SystemActor(reason="test"), title=TITLE, unit=other, owner_organ=owner)
    opinion = _opinion(cast, make_meeting(cast), 3)
    with pytest.raises(ValidationError) as err:
        services.answer_opinion(
            actor=cast.secretary, opinion=opinion, text="Tiếp thu.", outcome=Outcome.ACCEPTED_IN_POLICY,
            draft_policy=foreign,
        )  # fmt: skip
    assert "không thuộc địa bàn" in str(err.value)
    assert not opinion.answers.exists()


def _other_province_leader(cast):
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.people import services as people_services
    from sausat.people.models import Role

    other = (
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True)
        .exclude(pk=cast.province.pk)
        .first()
    )
    user = people_services.create_account(
        actor=SystemActor(reason="test"), username="lanhdao_khac_de_an", password="x-unused-123456"
    )
    people_services.grant_role(actor=SystemActor(reason="test"), user=user, role=Role.LEADER, unit=other)
    return user


def test_draft_page_lists_the_opinions_taken_in_and_is_scoped(cast, login):
    draft = _draft(cast)
    meeting = make_meeting(cast)
    opinion = _opinion(cast, meeting, 4)
    services.answer_opinion(
        actor=cast.secretary, opinion=opinion, text="Tiếp thu.", outcome=Outcome.ACCEPTED_IN_POLICY, draft_policy=draft
    )
    url = reverse("opinions:draft", args=[draft.pk])
    page = login(cast.secretary).get(url)
    body = page.content.decode()
    assert page.status_code == 200 and TITLE in body and opinion.text in body
    assert "01/03/2026" in body and "31/03/2026" in body  # the consultation stage's dates
    listing = login(cast.leader).get(reverse("opinions:drafts")).content.decode()
    assert TITLE in listing and "1 ý kiến được tiếp thu" in listing
    assert policy.draft_or_404(cast.leader, draft.pk) == draft
    assert login(cast.commune_b_cadre).get(url).status_code == 404
    assert TITLE not in login(cast.commune_b_cadre).get(reverse("opinions:drafts")).content.decode()
    assert login(_other_province_leader(cast)).get(url).status_code == 404
    assert login(cast.secretary).get(reverse("opinions:draft", args=[999999])).status_code == 404
    # The opinion page links to the draft.
    detail = login(cast.secretary).get(reverse("opinions:detail", args=[opinion.pk])).content.decode()
    assert url in detail


def test_notice_and_public_results_say_what_was_taken_into_the_draft(cast, client):
    draft = _draft(cast)
    meeting = make_meeting(cast)
    for n in (5, 6):
        services.answer_opinion(
            actor=cast.secretary, opinion=_opinion(cast, meeting, n), text="Tiếp thu vào dự thảo.",
            outcome=Outcome.ACCEPTED_IN_POLICY, draft_policy=draft, published=True,
        )  # fmt: skip
    body = notice.draft(meeting)["body"]
    assert "# 5. Tiếp thu vào đề án, chính sách" in body
    assert f"- Tiếp thu 2 ý kiến vào dự thảo {TITLE}" in body
    assert "lấy ý kiến đến ngày 31/03/2026" in body
    for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
        meeting = meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=status)
    meeting = meeting_services.publish_results(actor=cast.secretary, meeting=meeting)
    page = client.get(reverse("meetings:public_results", args=[meeting.results_ref]))
    text = page.content.decode()
    assert page.status_code == 200 and 'id="taken-into-drafts"' in text
    assert f"2 ý kiến được tiếp thu vào {TITLE}" in text
    assert timezone.now()  # the page does not depend on today's date


def test_answer_form_lists_the_drafts_as_the_queryset_would(cast):
    """The unbound form lists its drafts once (issue 17): the same options as Django's own select."""
    from django import forms

    from sausat.opinions.forms import AnswerForm

    draft = _draft(cast)
    drafts = policy.drafts_over(cast.secretary, cast.province)
    ours = AnswerForm(unit=cast.province, drafts=drafts)
    field = ours.fields["draft_policy"]
    theirs = forms.Select(attrs=field.widget.attrs, choices=field.choices)
    assert f'<option value="{draft.pk}">' in str(ours["draft_policy"])
    assert str(ours["draft_policy"]) == theirs.render("draft_policy", None, attrs={"id": "id_draft_policy"})
