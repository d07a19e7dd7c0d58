"""Electronic ballots: one-time codes, one ballot per code, the count through the paper path, and
the proof that no ballot can be linked to its voter (the same kind of proof as anonymous opinions:
the database, the audit rows, the exports and a superuser find no link)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import threading

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from docx import Document

from sausat.cadres import ballot_services, vote_services
from sausat.cadres.models import Ballot, BallotBox, BallotCode, Consequence, VoteSession
from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.core.logformat import is_public_form_path
from sausat.core.models import AuditEvent
from sausat.directives.models import Task
from sausat.people import services as people_services

pytestmark = pytest.mark.django_db

CAST_URL = "/can-bo/ho-so/bo-phieu/"
PATTERNS = list(itertools.product(ballot_services.CHOICES, repeat=3))  # 27 distinct ballots


@pytest.fixture
def session(cast, board, cadre):
    people = [cadre.person] + [
        people_services.create_person(actor=SystemActor(reason="test"), full_name=name, home_unit=cast.commune_a)
        for name in ("Trương Văn Khải", "Mai Thị Lan")
    ]
    s = vote_services.create_session(
        actor=board, unit=cast.province, title="Lấy phiếu tín nhiệm năm 2026", held_on=dt.date(2026, 3, 10),
        summoned=24, candidates=[(p, t) for p, t in zip(people, ("Phó Bí thư", "Chủ tịch", "Phó Chủ tịch"), strict=True)],
    )  # fmt: skip
    return vote_services.record_attendance(actor=board, session=s, present=20)


def _choices(session: VoteSession, pattern) -> dict[int, str]:
    return {c.pk: p for c, p in zip(session.candidates.order_by("id"), pattern, strict=True)}


def test_codes_are_one_per_attendee_and_only_hashes_are_kept(cast, board, session):
    codes = ballot_services.issue_codes(actor=board, session=session)
    assert len(codes) == len(set(codes)) == 20
    assert all(ballot_services.canonical(c) for c in codes)
    stored = set(BallotCode.objects.values_list("code_hash", flat=True))
    assert stored == {ballot_services.code_hash(c) for c in codes}
    dump = serializers.serialize(
        "json", [*BallotCode.objects.all(), *BallotBox.objects.all(), *AuditEvent.objects.all()]
    )
    assert not any(c in dump or ballot_services.canonical(c) in dump for c in codes)
    with pytest.raises(ValidationError, match="Đã phát 20 mã"):
        ballot_services.issue_codes(actor=board, session=session)
    again = ballot_services.issue_codes(actor=board, session=session, reissue=True)
    assert BallotCode.objects.count() == 20 and not set(again) & set(codes)
    assert ballot_services.box_for_code(codes[0]) is None  # the lost print-out's codes are void


def test_a_code_votes_once_and_a_bad_ballot_keeps_the_code(cast, board, session):
    code = ballot_services.issue_codes(actor=board, session=session)[0]
    first = session.candidates.order_by("id").first()
    with pytest.raises(ValidationError, match="chưa chọn mức tín nhiệm cho 2/3"):
        ballot_services.cast_ballot(code=code, choices={first.pk: "high"})
    assert not Ballot.objects.exists() and not BallotCode.objects.filter(used=True).exists()
    ballot_services.cast_ballot(code=code.lower().replace("-", " "), choices=_choices(session, PATTERNS[0]))
    with pytest.raises(ValidationError, match="đã được dùng"):
        ballot_services.cast_ballot(code=code, choices=_choices(session, PATTERNS[1]))
    with pytest.raises(ValidationError, match="Mã phiếu không đúng"):
        ballot_services.cast_ballot(code="PB-00000-00000", choices=_choices(session, PATTERNS[1]))
    assert Ballot.objects.count() == 1


def test_paper_tally_is_refused_while_the_box_is_open(cast, board, session):
    ballot_services.issue_codes(actor=board, session=session)
    counts = {c.pk: (20, 0, 0) for c in session.candidates.all()}
    with pytest.raises(ValidationError, match="đang bỏ phiếu điện tử"):
        vote_services.enter_tally(
            actor=board, session=session, issued=20, returned=20, valid=20, invalid=0, counts=counts
        )


def test_close_counts_through_the_paper_path_and_raises_consequences(cast, board, session):
    codes = ballot_services.issue_codes(actor=board, session=session)
    with pytest.raises(ValidationError, match=r"0/20"):
        ballot_services.close_and_count(actor=board, session=session)
    # 18 voters: the first candidate gets 12 low (= 2/3 of 18), the second 10 (> 1/2), the third 3.
    for i, code in enumerate(codes[:18]):
        pattern = ("low" if i < 12 else "high", "low" if i < 10 else "confidence", "low" if i < 3 else "high")
        ballot_services.cast_ballot(code=code, choices=_choices(session, pattern))
    session = ballot_services.close_and_count(actor=board, session=session)
    assert (session.issued, session.returned, session.valid, session.invalid) == (20, 18, 18, 0)
    a, b, c = session.candidates.order_by("id")
    assert (a.high, a.confidence, a.low) == (6, 0, 12)
    assert (a.consequence, b.consequence, c.consequence) == (Consequence.DISMISS, Consequence.CONSIDER, "")
    assert Task.objects.filter(pk__in=[a.consequence_task_id, b.consequence_task_id]).count() == 2
    assert not BallotCode.objects.exists() and Ballot.objects.count() == 18
    with pytest.raises(ValidationError, match="hội nghị đã kết thúc"):
        ballot_services.cast_ballot(code=codes[19], choices=_choices(session, PATTERNS[0]))


def test_a_refused_count_leaves_the_box_open(cast, board, session):
    codes = ballot_services.issue_codes(actor=board, session=session)
    ballot_services.cast_ballot(code=codes[0], choices=_choices(session, PATTERNS[0]))
    VoteSession.objects.filter(pk=session.pk).update(present=0)  # issued 20 > present 0: the tally refuses
    with pytest.raises(ValidationError, match="thừa 20"):
        ballot_services.close_and_count(actor=board, session=session)
    box = BallotBox.objects.get()
    assert box.is_open and BallotCode.objects.count() == 20 and Ballot.objects.count() == 1


def test_only_the_board_issues_and_closes(cast, board, session, login):
    from django.http import Http404

    with pytest.raises(Http404):
        ballot_services.issue_codes(actor=cast.secretary, session=session)
    url = f"/can-bo/ho-so/tin-nhiem/{session.pk}/phieu-dien-tu/"
    for user in (cast.secretary, cast.admin, cast.commune_a_cadre):
        assert login(user).post(url, {"action": "issue"}).status_code == 404
    assert not BallotBox.objects.exists()
    page = login(board).post(url, {"action": "issue"})
    assert page.status_code == 200 and page.content.decode().count('class="ballot-code"') == 20
    assert "no-store" in page["Cache-Control"]
    fragment = login(board).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "20" in fragment and 'id="ballot-close"' in fragment


def test_casting_through_the_phone_page(cast, board, session):
    code = ballot_services.issue_codes(actor=board, session=session)[0]
    client = Client(enforce_csrf_checks=False)
    assert client.get(CAST_URL).status_code == 200
    assert client.post(CAST_URL, {"code": "PB-11111-11111"}).status_code == 400
    page = client.post(CAST_URL, {"code": code}).content.decode()
    assert 'id="ballot-form"' in page and "Trương Văn Khải" in page
    data = {"code": code, "action": "cast"}
    refused = client.post(CAST_URL, data)
    assert refused.status_code == 400 and "chưa chọn" in refused.content.decode()
    data.update({f"c{pk}": v for pk, v in _choices(session, PATTERNS[5]).items()})
    done = client.post(CAST_URL, data)
    assert done.status_code == 200 and 'id="ballot-done"' in done.content.decode()
    assert client.post(CAST_URL, data).status_code == 400  # spent
    assert Ballot.objects.count() == 1
    assert is_public_form_path(CAST_URL)  # logged without address, agent or request id


@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_code_cast_one_ballot(cast, board, session):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises writes (the update is conditional anyway)")
    code = ballot_services.issue_codes(actor=board, session=session)[0]
    choices = _choices(session, PATTERNS[0])
    results: list[str] = []
    barrier = threading.Barrier(4)

    def vote():
        barrier.wait()
        try:
            ballot_services.cast_ballot(code=code, choices=choices)
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused", "refused"]
    assert Ballot.objects.count() == 1


def _physical_order(table: str) -> list[str]:
    column = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {column}")  # noqa: S608  (fixed names)
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]


def test_no_ballot_can_be_linked_to_its_voter(cast, board, session, login, settings):
    """20 attendees sign in on their phones and each casts, with the code the board handed them
    (the board knows who got which slip; the superuser knows the hashing key). Every ballot's
    content is unique, so the truth is known to the test. A superuser reading the database (rows,
    keys, physical order), the audit trail, the logins and sessions, and the exports cannot pair
    ballots with voters better than chance."""
    codes = ballot_services.issue_codes(actor=board, session=session)
    User = get_user_model()
    voter_of_pattern = {}
    for i, code in enumerate(codes):
        user = User.objects.create_user(f"dai_bieu_{i:02d}")
        client = Client()
        client.force_login(user)
        key = client.session.session_key
        before = Session.objects.get(pk=key)
        login_before = User.objects.get(pk=user.pk).last_login
        pattern = PATTERNS[i]
        data = {"code": code, "action": "cast"} | {f"c{pk}": v for pk, v in _choices(session, pattern).items()}
        response = client.post(CAST_URL, data, HTTP_X_REQUEST_ID=f"trace-{i}")
        assert response.status_code == 200, response.content.decode()
        voter_of_pattern[pattern] = user.pk
        after = Session.objects.get(pk=key)
        assert (after.session_data, after.expire_date) == (before.session_data, before.expire_date)
        assert User.objects.get(pk=user.pk).last_login == login_before
    ballot_services.close_and_count(actor=board, session=session)

    ids = sorted(str(c.pk) for c in session.candidates.all())
    ballots = list(Ballot.objects.all())
    assert len(ballots) == 20
    truth = {b.pk.hex: voter_of_pattern[tuple(b.choices[k] for k in ids)] for b in ballots}
    # The ballot table holds nothing but a random key, the box and the choices.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "box", "choices"}
    assert not BallotCode.objects.exists()
    # Rank attacks: ballots by key and by physical order against voters by login and session expiry.
    users = list(User.objects.filter(username__startswith="dai_bieu_"))
    expiry = {}
    for row in Session.objects.all():
        if "_auth_user_id" in row.get_decoded():
            expiry[int(row.get_decoded()["_auth_user_id"])] = row.expire_date
    orders = {"pk": sorted(truth), "physical": _physical_order(Ballot._meta.db_table)}
    signals = {"last_login": lambda u: u.last_login, "session expiry": lambda u: expiry[u.pk], "code order": None}
    hits = {}
    for o_name, order in orders.items():
        for u_name, signal in signals.items():
            ranked = sorted(users, key=lambda u, s=signal: (s(u), u.pk) if s else (u.pk,))
            hits[f"{o_name} ~ {u_name}"] = sum(truth[b] == u.pk for b, u in zip(order, ranked, strict=True))
    # Chance pairs 1 of 20; 9 fixed points of a random permutation happen about once in a million.
    assert max(hits.values()) <= 8, hits
    # Audit: each cast says only "a ballot was cast in session N", at the day's start, by nobody.
    casts = AuditEvent.objects.filter(verb="cadres.ballot.cast")
    assert casts.count() == 20
    for row in casts:
        assert row.actor_id is None and row.actor_label == "" and row.request_id == ""
        assert row.after == {"ballot": "cast", "session": session.pk}
        assert row.at.astimezone(VN_TZ).time() == dt.time(0, 0)
    assert not AuditEvent.objects.filter(actor__in=users).exists()
    assert not AuditEvent.objects.filter(request_id__startswith="trace-").exists()
    # Nothing anywhere in the database holds a code, a code's hash or a ballot's key next to a voter.
    models = [m for m in apps.get_models() if m._meta.app_label not in {"geo", "contenttypes", "auth"}]
    dump = serializers.serialize("json", [obj for model in models for obj in model._base_manager.all()])
    hashes = [ballot_services.code_hash(c) for c in codes]
    assert not any(
        c in dump or ballot_services.canonical(c) in dump or h in dump for c, h in zip(codes, hashes, strict=True)
    )
    audit_text = serializers.serialize("json", AuditEvent.objects.all())
    assert not any(b.pk.hex in audit_text or str(b.pk) in audit_text for b in ballots)
    # The admin site has no model admin for ballots or codes.
    if apps.is_installed("django.contrib.admin"):
        assert not admin.site.is_registered(Ballot) and not admin.site.is_registered(BallotCode)
    # A superuser without the board role sees no session, no box, no minutes.
    superuser = User.objects.create_superuser("sieu_quan_tri", password="x-unused-123456")
    for url in (f"/can-bo/ho-so/tin-nhiem/{session.pk}/", f"/can-bo/ho-so/tin-nhiem/{session.pk}/phieu-dien-tu/",
                f"/can-bo/ho-so/tin-nhiem/{session.pk}/bien-ban-kiem-phieu.docx"):  # fmt: skip
        assert login(superuser).get(url).status_code == 404
    # The counting minutes (the export) carry counts only.
    response = login(board).get(f"/can-bo/ho-so/tin-nhiem/{session.pk}/bien-ban-kiem-phieu.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    tables = " ".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "phiếu điện tử" in text and "20" in text
    assert not any(u.get_username() in text + tables for u in users)
    assert not any(c in text + tables for c in codes)
