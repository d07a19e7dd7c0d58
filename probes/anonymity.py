"""The anonymity timing attack, against the live server and its database.

Known users log in and, right after, each submits an anonymous opinion through the public form
(their session cookie sent along, as a browser would).  The attacker then holds the database as a
superuser and tries to name each opinion's sender: the latest login (``auth_user.last_login``) before
the opinion's ``created_at``, the latest login before its audit row's time, and pk order matched to
login order.  Any strategy that names more senders than chance allows is a violation.
"""

from __future__ import annotations

import re
import secrets
import urllib.parse

from benchmarks.harness.server import _store_cookies, login, request

SUBMITTERS = ("lanhdao", "vanphong", "traloi", "theodoi", "xa_a", "xa_b", "congdan")


def _probe_actor():
    # Imported late: the probes import this module before django.setup() has run.
    from sausat.core.actors import SystemActor

    return SystemActor(reason="probe")


def open_anonymous_meeting():
    """A conference that is open and takes anonymous opinions (made through the services)."""
    import datetime as dt

    from django.utils import timezone

    from sausat.meetings import services
    from sausat.meetings.models import MeetingStatus
    from sausat.people.demo import cast_units

    meeting = services.create_meeting(
        actor=_probe_actor(),
        title="Hội nghị đối thoại của bộ dò",
        starts_at=timezone.now() + dt.timedelta(hours=1),
        unit=cast_units()["province"],
        allow_anonymous=True,
    )
    return services.set_status(actor=_probe_actor(), meeting=meeting, status=MeetingStatus.OPEN)


def submit_anonymous(base_url: str, cookies: dict, token: str, text: str) -> int:
    path = f"/y-kien/gui/{token}/"
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    status, _h, body, resp = request(base_url, "GET", path, headers=headers)
    _store_cookies(resp, cookies)
    fields = dict(re.findall(rb'name="([a-z_]+)" value="([^"]*)"', body))
    form = {k.decode(): v.decode() for k, v in fields.items()}
    form.update({"text": text, "anonymous": "on"})
    form.setdefault("idempotency_key", secrets.token_hex(8))
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": base_url + path})
    status, _h, _b, _r = request(base_url, "POST", path, headers=headers, body=urllib.parse.urlencode(form))
    return status


def run(base_url: str, password: str, rounds: int = 2) -> dict:
    from django.contrib.auth import get_user_model

    from sausat.core.models import AuditEvent
    from sausat.opinions.anonymity import flush_anonymous
    from sausat.opinions.models import Opinion

    meeting = open_anonymous_meeting()
    truth: dict[str, str] = {}  # opinion text -> sender
    errors = []
    for n in range(rounds):
        for username in SUBMITTERS:
            session = login(base_url, username, password)
            text = f"Ý kiến ẩn danh số {n}-{username}-{secrets.token_hex(3)} về đường giao thông nông thôn."
            status = submit_anonymous(base_url, dict(session.cookies), meeting.form_token, text)
            if status != 302:
                errors.append(f"anonymous submission by {username} answered {status}")
            truth[text] = username
    flush_anonymous(everything=True)
    opinions = list(Opinion.objects.filter(meeting=meeting, anonymous=True))
    users = {u.username: u for u in get_user_model().objects.filter(username__in=SUBMITTERS)}
    logins = sorted((u.last_login, name) for name, u in users.items() if u.last_login)

    def latest_before(t):
        earlier = [name for at, name in logins if at <= t]
        return earlier[-1] if earlier else None

    hits = {"last_login<=created_at": 0, "last_login<=audit.at": 0, "pk order = login order": 0}
    by_pk = sorted(opinions, key=lambda o: o.pk)
    login_order = [name for _at, name in logins]
    for i, op in enumerate(by_pk):
        sender = truth.get(op.text)
        if sender is None:
            continue
        if latest_before(op.created_at) == sender:
            hits["last_login<=created_at"] += 1
        audit = AuditEvent.objects.filter(object_type__endswith="opinion", object_id=str(op.pk)).order_by("pk").first()
        if audit is not None and latest_before(audit.at) == sender:
            hits["last_login<=audit.at"] += 1
        if i < len(login_order) and login_order[i] == sender:
            hits["pk order = login order"] += 1
        if audit is not None and audit.actor_id is not None:
            errors.append(f"anonymous opinion {op.pk} has an audit actor")
        if op.submitted_by_id is not None:
            errors.append(f"anonymous opinion {op.pk} keeps its submitter")
    total = len(opinions)
    # Chance level: guessing among the 7 senders names ~1/7 of them; allow twice that before calling it a leak.
    limit = max(2, 2 * total // len(SUBMITTERS))
    violations = list(errors)
    if total != len(truth):
        violations.append(f"anonymous opinions stored {total}, submitted {len(truth)}")
    for strategy, count in hits.items():
        if count > limit:
            violations.append(
                f"SECURITY anonymity: '{strategy}' named {count}/{total} senders (chance ~{total // len(SUBMITTERS)})"
            )
    return {"opinions": total, "hits": hits, "limit": limit, "violations": violations}
