"""Reference codes: a citizen who sends an opinion online follows it without an account.

The code (``YK-XXXXX-XXXXX``, 50 random bits in an alphabet without look-alike letters) is derived
by a keyed hash from the form's random idempotency token, so a double click or a retry shows the
same code and nothing random has to be kept between requests. Only a keyed hash of the code is
stored (``Opinion.ref_hash``, and ``PendingAnonymousOpinion.ref_hash`` until the batch is flushed).

Anonymity (:mod:`sausat.opinions.anonymity`) is kept: the code is made from a random token, not
from anything about the sender; it is never in a URL (the submitted page gets it through a
short-lived signed cookie scoped to that page, the look-up form is a POST), never in the session,
the audit trail or the logs. The public status page shows only the opinion's progress (received,
assigned, answered with its outcome, and an answer text the office published), never an author.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from sausat.core.calendar import local_date
from sausat.opinions.models import OUTCOME_LABELS, Opinion, PendingAnonymousOpinion

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
PREFIX = "YK"
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def code_for(form_token: str) -> str:
    """The reference code shown for the submission whose form carried ``form_token``."""
    digest = salted_hmac("sausat.opinions.reference.code", form_token, algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big") >> 14  # 50 bits
    chars = []
    for _i in range(10):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    body = "".join(chars)
    return f"{PREFIX}-{body[:5]}-{body[5:]}"


def canonical(code: str) -> str:
    """What was typed, as the code's 10 characters: case, spaces, dashes and look-alikes forgiven."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum()).translate(_LOOKALIKE)
    if text.startswith(PREFIX) and len(text) == len(PREFIX) + 10:
        text = text[len(PREFIX) :]
    return text if len(text) == 10 and all(ch in ALPHABET for ch in text) else ""


def ref_hash(code: str) -> str:
    """The stored form of a code (keyed: the table alone does not let anyone try codes offline)."""
    body = canonical(code)
    if not body:
        return ""
    return salted_hmac("sausat.opinions.reference.hash", body, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class PublicStatus:
    """What the public page says about an opinion: no author, no internal note."""

    step: str  # received | assigned | answered
    label: str
    meeting_title: str = ""
    received_on: dt.date | None = None
    organ: str = ""
    deadline: dt.date | None = None
    outcome: str = ""
    answered_on: dt.date | None = None
    answer_text: str = ""


def status_for(code: str) -> PublicStatus | None:
    """The public status of the opinion with reference ``code``; None when there is none."""
    key = ref_hash(code)
    if not key:
        return None
    opinion = (
        Opinion.objects.filter(ref_hash=key)
        .select_related("meeting", "responder_organ", "merged_into__responder_organ")
        .first()
    )
    if opinion is None:
        pending = PendingAnonymousOpinion.objects.filter(ref_hash=key).select_related("meeting").first()
        if pending is None:
            return None
        return PublicStatus(
            step="received",
            label=_("Đã tiếp nhận, đang chờ vào sổ ý kiến"),
            meeting_title=pending.meeting.title if pending.meeting_id else "",
            received_on=pending.day,
        )
    meeting_title = opinion.meeting.title if opinion.meeting_id else ""
    followed = opinion.merged_into or opinion  # a duplicate is answered through the opinion it joined
    received = opinion.received_on
    if followed.outcome:
        answer = followed.answers.filter(published=True).order_by("-id").first()
        return PublicStatus(
            step="answered",
            label=_("Đã trả lời"),
            meeting_title=meeting_title,
            received_on=received,
            organ=followed.responder_organ.name if followed.responder_organ_id else "",
            outcome=str(OUTCOME_LABELS.get(followed.outcome, followed.outcome)),
            answered_on=local_date(followed.answered_at) if followed.answered_at else None,
            answer_text=answer.text if answer is not None else "",
        )
    if followed.responder_organ_id:
        return PublicStatus(
            step="assigned",
            label=_("Đã chuyển cơ quan có trách nhiệm trả lời"),
            meeting_title=meeting_title,
            received_on=received,
            organ=followed.responder_organ.name,
            deadline=followed.deadline,
        )
    return PublicStatus(
        step="received", label=_("Đã vào sổ, đang phân loại"), meeting_title=meeting_title, received_on=received
    )
