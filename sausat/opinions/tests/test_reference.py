"""A citizen's reference code: shown once after sending, followed on the public look-up page without
an account, same code on a double click, never in a URL or the audit trail, rate-limited failures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sausat.core.models import AuditEvent
from sausat.meetings.models import MeetingStatus
from sausat.opinions import reference, services
from sausat.opinions.answer_services import answer_opinion
from sausat.opinions.models import Opinion, Outcome, PendingAnonymousOpinion
from sausat.opinions.tests.factories import make_meeting
from sausat.opinions.views.lookup import COOKIE

pytestmark = pytest.mark.django_db
LOOKUP = "/y-kien/gui/tra-cuu/"


def _send(client, meeting, key, text, **extra):
    url = reverse("opinions:submit", args=[meeting.form_token])
    return client.post(url, {"idempotency_key": key, "text": text, **extra})


def _code_after_sending(client, meeting, key, text, **extra) -> str:
    response = _send(client, meeting, key, text, **extra)
    assert response.status_code == 302
    assert reference.code_for(key) not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    code = reference.code_for(key)
    assert code in page and 'id="reference-code"' in page
    # shown once: the cookie is gone afterwards
    assert code not in client.get(response["Location"]).content.decode()
    return code


def test_code_format_and_forgiving_input():
    code = reference.code_for("abc")
    assert code.startswith("YK-") and len(code) == 14 and code == reference.code_for("abc")
    assert reference.code_for("abd") != code
    assert reference.canonical(code.lower().replace("-", " ")) == reference.canonical(code)
    assert reference.ref_hash(code) and reference.ref_hash("YK-12") == ""


def test_named_opinion_followed_from_received_to_answered(cast, client):
    meeting = make_meeting(cast, status=MeetingStatus.OPEN)
    code = _code_after_sending(client, meeting, "n-1", "Đề nghị sửa đường liên ấp", author_name="Nguyễn Văn An")
    opinion = Opinion.objects.get()
    assert opinion.ref_hash == reference.ref_hash(code) and code not in opinion.ref_hash
    page = client.post(LOOKUP, {"code": code.lower()}).content.decode()
    assert 'data-step="received"' in page and meeting.title in page
    assert "Nguyễn Văn An" not in page and "Đề nghị sửa đường" not in page  # no author, no text
    from sausat.people.models import Organ

    organ = Organ.objects.get(unit=cast.province, short_name="Sở Nội vụ")
    services.assign(actor=cast.secretary, organ=organ, opinion=opinion)
    page = client.post(LOOKUP, {"code": code}).content.decode()
    assert 'data-step="assigned"' in page and "Sở Nội vụ" in page
    opinion.refresh_from_db()
    answer_opinion(
        actor=cast.responder,
        opinion=opinion,
        text="Sở đã bố trí kinh phí sửa đường.",
        outcome=Outcome.ANSWERED,
        published=True,
    )
    page = client.post(LOOKUP, {"code": code}).content.decode()
    assert 'data-step="answered"' in page and "Sở đã bố trí kinh phí sửa đường." in page
    assert not AuditEvent.objects.filter(after__icontains=code).exists()


def test_anonymous_code_works_while_held_and_after_the_batch(cast, client, settings):
    settings.SAUSAT_ANONYMOUS_BATCH = 2
    meeting = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN)
    code = _code_after_sending(client, meeting, "a-1", "Ý kiến ẩn danh một", anonymous="on")
    # a double click gives the same code and no second submission
    assert _send(client, meeting, "a-1", "Ý kiến ẩn danh một", anonymous="on").status_code == 302
    assert PendingAnonymousOpinion.objects.count() == 1
    page = client.post(LOOKUP, {"code": code}).content.decode()
    assert 'data-step="received"' in page and "chờ vào sổ" in page
    _send(client, meeting, "a-2", "Ý kiến ẩn danh hai", anonymous="on")  # completes the batch
    assert not PendingAnonymousOpinion.objects.exists()
    opinion = Opinion.objects.get(ref_hash=reference.ref_hash(code))
    assert opinion.anonymous and opinion.submitted_by is None and opinion.author_name == ""
    assert 'data-step="received"' in client.post(LOOKUP, {"code": code}).content.decode()
    # the code is in no audit row, and the cookie never reached the session
    assert not AuditEvent.objects.filter(after__icontains=code).exists()
    assert COOKIE not in client.session


def test_unknown_codes_are_refused_then_rate_limited(cast, client):
    assert client.get(LOOKUP).status_code == 200
    assert client.post(LOOKUP, {"code": "rác"}).status_code == 400
    for i in range(8):
        assert client.post(LOOKUP, {"code": reference.code_for(f"none-{i}")}).status_code == 404
    response = client.post(LOOKUP, {"code": reference.code_for("none-9")})
    assert response.status_code == 404
    response = client.post(LOOKUP, {"code": reference.code_for("none-10")})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "thử lại sau" in response.content.decode()
    assert AuditEvent.objects.filter(verb="lookup.lockout").count() == 1


def test_answer_form_keeps_only_the_fields_of_the_chosen_outcome(cast):
    from sausat.opinions.forms import AnswerForm

    data = {"text": "Trả lời", "place": "writing", "outcome": "answered", "petition_authority": "Bộ Nội vụ"}
    form = AnswerForm(data, unit=cast.province)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["petition_authority"] == ""
    form = AnswerForm(data | {"outcome": "petitioned"}, unit=cast.province)
    assert form.is_valid() and form.cleaned_data["petition_authority"] == "Bộ Nội vụ"
    assert AnswerForm(data, unit=cast.province, conditional=False).is_valid()
    unbound = AnswerForm(unit=cast.province)
    assert unbound.fields["petition_authority"].widget.attrs["data-show-when"] == "outcome:petitioned"
    assert unbound.initial["directed_deadline"]
