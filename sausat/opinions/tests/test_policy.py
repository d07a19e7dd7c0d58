"""Who sees what: commune B cannot see commune A's named opinions; responders see only what is
assigned to them; anonymous opinions cannot be traced back by any role."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.core.models import AuditEvent, Notification
from sausat.meetings import services as meeting_services
from sausat.meetings.models import MeetingStatus
from sausat.opinions import services
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _named(cast, meeting, unit, key, **kw):
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Ý kiến {key}",
        channel=Channel.PAPER,
        unit=unit,
        idempotency_key=key,
        meeting=meeting,
        author_name="Người ở xã",
        **kw,
    )


def test_commune_b_gets_404_for_commune_a_named_opinion(cast, login):
    meeting = make_meeting(cast)
    opinion_a = _named(cast, meeting, cast.commune_a, "a1")
    url = reverse("opinions:detail", args=[opinion_a.pk])
    assert login(cast.commune_a_cadre).get(url).status_code == 200
    assert login(cast.commune_b_cadre).get(url).status_code == 404
    listing = login(cast.commune_b_cadre).get(reverse("opinions:index")).content.decode()
    assert "Ý kiến a1" not in listing
    assert login(cast.citizen).get(url).status_code == 404


def test_responder_sees_only_assigned(cast, login):
    meeting = make_meeting(cast)
    assigned = _named(cast, meeting, cast.commune_a, "r1")
    other = _named(cast, meeting, cast.commune_a, "r2")
    services.assign(actor=cast.secretary, organ=responder_organ(cast), opinion=assigned)
    client = login(cast.responder)
    assert client.get(reverse("opinions:detail", args=[assigned.pk])).status_code == 200
    assert client.get(reverse("opinions:detail", args=[other.pk])).status_code == 404
    queue = client.get(reverse("opinions:queue")).content.decode()
    assert "Ý kiến r1" in queue and "Ý kiến r2" not in queue
    # Not a manager: no grouping page, no answering what is not assigned.
    assert client.get(reverse("opinions:grouping", args=[meeting.pk])).status_code == 404
    response = client.post(
        reverse("opinions:answer", args=[other.pk]), {"text": "x", "place": "writing", "outcome": "answered"}
    )
    assert response.status_code == 404


def test_anonymous_opinion_untraceable_everywhere(cast, login):
    meeting = make_meeting(cast, allow_anonymous=True)
    meeting_services.set_status(actor=cast.secretary, meeting=meeting, status=MeetingStatus.OPEN)
    client = login(cast.commune_a_cadre)
    client.post(
        reverse("opinions:submit", args=[meeting.form_token]),
        {"idempotency_key": "anon-k", "text": "Góp ý ẩn danh", "anonymous": "on", "author_name": "Hoàng Văn Em"},
        HTTP_X_REQUEST_ID="trace-me-123",
    )
    # Held for its batch (one submission is not a batch); cron writes what is left with --all.
    assert not Opinion.all_objects.filter(meeting=meeting).exists()
    call_command("opinions_flush_anonymous", "--all", stdout=io.StringIO())
    opinion = Opinion.objects.get(meeting=meeting)
    assert opinion.anonymous
    # No field links it to a user, a person, a name, a unit label or the author's commune.
    assert opinion.submitted_by_id is None and opinion.author_person_id is None
    assert opinion.author_name == "" and opinion.author_unit_label == ""
    assert opinion.unit_id == meeting.unit_id
    # Audit: no actor, no request id, nothing naming the author.
    for row in AuditEvent.objects.filter(object_type="opinions.opinion", object_id=str(opinion.pk)):
        assert row.actor_id is None and row.actor_label == "" and row.request_id == ""
        assert "xa_a" not in str(row.after) and "Hoàng Văn Em" not in str(row.after)
    assert not AuditEvent.objects.filter(request_id="trace-me-123").exists()
    # The admin site (when installed at all) has no model admin for opinions.
    if apps.is_installed("django.contrib.admin"):
        assert not admin.site.is_registered(Opinion)
    # Admin and secretary views and exports show no author.
    for user in (cast.admin, cast.secretary):
        page = login(user).get(reverse("opinions:detail", args=[opinion.pk])).content.decode()
        assert "Hoàng Văn Em" not in page and "Ẩn danh" in page
        response = login(user).get(reverse("meetings:register_xlsx", args=[meeting.pk]))
        ws = load_workbook(io.BytesIO(response.content)).active
        row = [c.value for c in ws[2]]
        assert row[3] == "Ẩn danh" and not row[4]
        assert "Hoàng Văn Em" not in str(row)
    # The submitter cannot find it among "their own" either.
    assert login(cast.commune_a_cadre).get(reverse("opinions:detail", args=[opinion.pk])).status_code == 404


def _rank_attack(opinions, users, opinion_signal, user_signal) -> dict:
    """Pair the i-th opinion with the i-th user, both in the order of the given signal."""
    ranked_opinions = sorted(opinions, key=lambda o: (opinion_signal(o), o.pk))
    ranked_users = sorted(users, key=lambda u: (user_signal(u), u.pk))
    return {o.pk: u.pk for o, u in zip(ranked_opinions, ranked_users, strict=True)}


def _latest_login_before_attack(opinions, users, opinion_time) -> dict:
    """The probe's attack: the sender is whoever logged in last before the opinion was stored."""
    guesses = {}
    for opinion in opinions:
        before = [u for u in users if u.last_login <= opinion_time(opinion)]
        if before:
            guesses[opinion.pk] = max(before, key=lambda u: u.last_login).pk
    return guesses


def test_anonymous_opinions_resist_the_login_timing_attack(cast, settings):
    """20 people each log in and at once send an anonymous opinion. A database superuser reading
    last_login, the sessions' expiry, the opinions' times and ids and their audit rows (times, ids,
    snapshots) cannot pair opinions with people better than chance."""
    settings.SAUSAT_ANONYMOUS_BATCH = 20  # one batch: the 20th submission writes all 20
    meeting = make_meeting(cast, allow_anonymous=True, status=MeetingStatus.OPEN)
    url = reverse("opinions:submit", args=[meeting.form_token])
    User = get_user_model()
    sender_of_text = {}
    for i in range(20):
        user = User.objects.create_user(f"nguoi_gui_{i:02d}")
        client = Client()
        client.force_login(user)  # a real login: last_login and a session row are written
        session_key = client.session.session_key
        session_before = Session.objects.get(pk=session_key)
        login_before = User.objects.get(pk=user.pk).last_login
        text = f"Góp ý ẩn danh số {i}"
        response = client.post(url, {"idempotency_key": f"key-{i}", "text": text, "anonymous": "on"})
        assert response.status_code == 302
        sender_of_text[text] = user.pk
        # The anonymous submission touched neither the session nor the account.
        session_after = Session.objects.get(pk=session_key)
        assert (session_after.session_data, session_after.expire_date) == (
            session_before.session_data,
            session_before.expire_date,
        )
        assert User.objects.get(pk=user.pk).last_login == login_before

    users = list(User.objects.filter(username__startswith="nguoi_gui_"))
    expiry = {}
    for session in Session.objects.all():
        user_id = session.get_decoded().get("_auth_user_id")
        if user_id:
            expiry[int(user_id)] = session.expire_date
    opinions = list(Opinion.objects.filter(meeting=meeting))
    assert len(opinions) == 20
    audit = {
        int(row.object_id): row
        for row in AuditEvent.objects.filter(object_type="opinions.opinion", object_id__in=[o.pk for o in opinions])
    }
    truth = {o.pk: sender_of_text[o.text] for o in opinions}
    opinion_signals = {
        "created_at": lambda o: o.created_at,
        "updated_at": lambda o: o.updated_at,
        "audit.at": lambda o: audit[o.pk].at,
        "audit.after.created_at": lambda o: dt.datetime.fromisoformat(audit[o.pk].after["created_at"]),
        "pk": lambda o: o.pk,
        "audit.pk": lambda o: audit[o.pk].pk,
    }
    user_signals = {"last_login": lambda u: u.last_login, "session expiry": lambda u: expiry[u.pk]}
    attacks = {}
    for o_name, o_signal in opinion_signals.items():
        for u_name, u_signal in user_signals.items():
            attacks[f"rank {o_name} ~ {u_name}"] = _rank_attack(opinions, users, o_signal, u_signal)
        if o_name not in {"pk", "audit.pk"}:
            attacks[f"latest login before {o_name}"] = _latest_login_before_attack(opinions, users, o_signal)
    hits = {name: sum(truth[pk] == user_pk for pk, user_pk in guess.items()) for name, guess in attacks.items()}
    # Guessing at random pairs 1 of 20 on average. Within one batch the order is a uniformly random
    # permutation, whose fixed points reach 9 about once in a million runs: the bound cannot flake.
    assert max(hits.values()) <= 8, hits
    # Nothing finer than the day survives, and the client's idempotency keys are not stored.
    moments = {(o.created_at, o.updated_at, audit[o.pk].at) for o in opinions}
    assert len(moments) == 1
    (moment,) = {m[0] for m in moments}
    assert moment.astimezone(VN_TZ).time() == dt.time(0, 0)
    assert not Opinion.objects.filter(idempotency_key__contains="key-").exists()
    assert not Notification.objects.filter(recipient__in=users).exists()
    assert not AuditEvent.objects.filter(actor__in=users).exists()
    assert not AuditEvent.objects.filter(actor_label__startswith="nguoi_gui_").exists()


def test_meeting_not_accepting_anonymous_refuses(cast):
    from django.core.exceptions import ValidationError

    meeting = make_meeting(cast, allow_anonymous=False)
    with pytest.raises(ValidationError):
        services.register_opinion(
            actor=AnonymousUser(),
            text="x",
            channel=Channel.ONLINE,
            unit=cast.province,
            idempotency_key="z",
            meeting=meeting,
            anonymous=True,
        )


def test_xlsx_neutralises_formulas(cast, login):
    meeting = make_meeting(cast)
    _named(cast, meeting, cast.commune_a, "f1")
    services.register_opinion(
        actor=cast.secretary,
        text='=HYPERLINK("http://x")',
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="f2",
        meeting=meeting,
        author_name="@cmd",
    )
    response = login(cast.secretary).get(reverse("meetings:register_xlsx", args=[meeting.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "@", "+", "-")) for v in values)
    assert any(v.startswith("'=HYPERLINK") for v in values)


def test_other_province_secretary_gets_404(cast, login):
    """A meeting in a province outside the user's scope is invisible (Hậu Giang → Cần Thơ is in scope)."""
    from django.utils import timezone

    from sausat.geo.models import AdministrativeUnit

    other = AdministrativeUnit.objects.get(code="L-p49")
    meeting = meeting_services.create_meeting(
        actor=SystemActor(reason="t"), title="Quảng Nam", starts_at=timezone.now(), unit=other
    )
    assert login(cast.secretary).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    legacy = AdministrativeUnit.objects.get(code="L-p93")
    meeting = meeting_services.create_meeting(
        actor=SystemActor(reason="t"), title="Hậu Giang", starts_at=timezone.now(), unit=legacy
    )
    assert login(cast.secretary).get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_register_xlsx_is_the_organising_office_s(cast, login):
    """An invited commune cadre reads the meeting but not the office's named register (404)."""
    from sausat.opinions.tests.factories import make_meeting

    meeting = make_meeting(cast)
    assert login(cast.secretary).get(reverse("meetings:register_xlsx", args=[meeting.pk])).status_code == 200
    for user in (cast.commune_a_cadre, cast.commune_b_cadre, cast.citizen, cast.responder):
        assert login(user).get(reverse("meetings:register_xlsx", args=[meeting.pk])).status_code == 404


def test_answerable_opinion_or_404_agrees_with_visibility_and_can_answer(cast):
    """The note post reads the opinion by its key and checks ``can_answer``: every role, every kind of
    opinion (in a meeting or not, named or anonymous, assigned or not, of the province or a commune,
    submitted by the citizen, soft-deleted) gets what ``visible_opinions`` followed by ``can_answer``
    would give it."""
    from django.http import Http404
    from django.utils import timezone

    from sausat.opinions import policy

    meeting = make_meeting(cast)
    organ = responder_organ(cast)
    opinions = [
        _named(cast, meeting, cast.commune_a, "p-1"),
        _named(cast, meeting, cast.commune_b, "p-2", responder_organ=organ),
        _named(cast, None, cast.commune_a, "p-3"),
        _named(cast, None, cast.province, "p-4", responder_organ=organ),
        services.register_opinion(
            actor=cast.secretary, text="Ẩn danh", channel=Channel.PAPER, unit=cast.commune_a,
            idempotency_key="p-5", meeting=meeting, anonymous=True,
        ),
        services.register_opinion(
            actor=cast.citizen, text="Của công dân", channel=Channel.ONLINE, unit=cast.commune_a,
            idempotency_key="p-6",
        ),
    ]  # fmt: skip
    opinions = list(Opinion.objects.filter(text__in=["Ẩn danh", "Của công dân"])) + [o for o in opinions if o]
    assert len(opinions) == 6
    deleted = _named(cast, meeting, cast.commune_a, "p-7")
    Opinion.all_objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    users = [cast.leader, cast.secretary, cast.responder, cast.liaison, cast.commune_a_cadre]
    users += [cast.commune_b_cadre, cast.citizen, cast.admin]
    allowed = 0
    for user in users:
        for opinion in [*opinions, deleted]:
            visible = policy.visible_opinions(user).filter(pk=opinion.pk).first()
            expected = visible is not None and policy.can_answer(user, visible)
            try:
                got = policy.answerable_opinion_or_404(user, opinion.pk)
            except Http404:
                got = None
            assert (got is not None) == expected, (user.username, opinion.pk)
            allowed += expected
    assert 0 < allowed < len(users) * (len(opinions) + 1)  # both answers occur
