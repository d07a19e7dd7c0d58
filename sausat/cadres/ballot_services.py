"""Writes of electronic ballots for a confidence-vote session (see :mod:`sausat.cadres.models_ballots`
for what is stored and why).

- :func:`issue_codes` (the board): one code per attendee, returned once for the printed slips; only
  keyed hashes are kept. Handing the slips out at random is the counting board's job.
- :func:`cast_ballot` (anyone holding a code, signed in or not): the code is spent by a
  conditional update (``used = false`` → ``true``), so it votes once even under concurrent
  requests; the box row is locked so a ballot never lands in a box being closed. The audit row
  says only "a ballot was cast in session N": no actor, no request id, the day's start as time.
- :func:`close_and_count` (the board): closes the box, rewrites the ballots in a random order,
  deletes the code hashes, and hands the counts to :func:`sausat.cadres.vote_services.enter_tally`,
  the same path (checks, results, consequences) as a paper tally.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from sausat.cadres import policy, vote_services
from sausat.cadres.models import Ballot, BallotBox, BallotCode, VoteSession
from sausat.core.actors import Actor, SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.core.models import AuditEvent
from sausat.core.policy import require_in_scope
from sausat.core.services import do_create, do_update, record_audit

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
PREFIX = "PB"
CODE_LENGTH = 10  # 50 random bits
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
CHOICES = ("high", "confidence", "low")
# Who writes a cast ballot's audit row: nobody is named (anonymous=True drops it anyway).
BALLOT_ACTOR = SystemActor(reason="phiếu điện tử")


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))
    return f"{PREFIX}-{body[:5]}-{body[5:]}"


def canonical(code: str) -> str:
    """What was typed, as the code's 10 characters: case, spaces, dashes and look-alikes forgiven."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum()).translate(_LOOKALIKE)
    if text.startswith(PREFIX) and len(text) == len(PREFIX) + CODE_LENGTH:
        text = text[len(PREFIX) :]
    return text if len(text) == CODE_LENGTH and all(ch in ALPHABET for ch in text) else ""


def code_hash(code: str) -> str:
    """The stored form of a code (keyed: the table alone does not let anyone try codes offline)."""
    body = canonical(code)
    return salted_hmac("sausat.cadres.ballot.code", body, algorithm="sha256").hexdigest() if body else ""


def _day_start(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(local_date(moment), dt.time.min, tzinfo=VN_TZ)


def issue_codes(*, actor: Actor, session: VoteSession, reissue: bool = False) -> list[str]:
    """One code per person present; the plain codes are returned once (for printing) and never kept.
    ``reissue`` replaces the codes of a box where no ballot has been cast (a lost print-out)."""
    require_in_scope(actor, lambda: policy.can_manage(actor, session.unit))
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.present is None:
            raise ValidationError("Chưa ghi nhận số người có mặt: chưa thể phát mã phiếu điện tử.")
        if session.tallied_at is not None:
            raise ValidationError("Kết quả kiểm phiếu đã được nhập và khóa: không phát mã phiếu nữa.")
        if session.present == 0:
            raise ValidationError("Không có người có mặt (0): không có mã phiếu nào để phát.")
        box = BallotBox.objects.filter(session=session).first()
        if box is not None and not reissue:
            raise ValidationError(
                f"Đã phát {box.codes_issued} mã phiếu cho hội nghị này; dùng “Phát lại mã” nếu bản in bị mất."
            )
        if box is not None:
            cast = Ballot.objects.filter(box=box).count()
            if cast or not box.is_open:
                raise ValidationError(f"Đã có {cast} phiếu được bỏ: không thể phát lại mã phiếu.")
            BallotCode.objects.filter(box=box).delete()
            box = do_update(box, actor=actor, verb="cadres.ballot.reissue", codes_issued=session.present)
        else:
            box = do_create(
                BallotBox,
                actor=actor,
                verb="cadres.ballot.issue",
                session=session,
                unit=session.unit,
                codes_issued=session.present,
            )
        codes: list[str] = []
        hashes: set[str] = set()
        while len(codes) < session.present:
            code = new_code()
            digest = code_hash(code)
            if digest not in hashes and not BallotCode.objects.filter(code_hash=digest).exists():
                hashes.add(digest)
                codes.append(code)
        BallotCode.objects.bulk_create([BallotCode(box=box, code_hash=h) for h in sorted(hashes)])
    return codes


def box_for_code(code: str) -> BallotBox | None:
    """The open box an unused ``code`` belongs to (the ballot page shows its candidates); None otherwise."""
    digest = code_hash(code)
    if not digest:
        return None
    row = (
        BallotCode.objects.filter(code_hash=digest, used=False, box__closed_at__isnull=True)
        .select_related("box__session")
        .first()
    )
    return row.box if row is not None else None


def _clean_choices(box: BallotBox, choices: dict[int, str]) -> dict[str, str]:
    candidates = list(box.session.candidates.select_related("person"))
    missing = [str(c.person) for c in candidates if choices.get(c.pk) not in CHOICES]
    if missing:
        raise ValidationError(
            f"Phiếu chưa chọn mức tín nhiệm cho {len(missing)}/{len(candidates)} người: {', '.join(missing)}."
        )
    return {str(c.pk): choices[c.pk] for c in candidates}


def cast_ballot(*, code: str, choices: dict[int, str]) -> None:
    """Cast one ballot with a one-time code. Refused (nothing written, the code kept) when the code
    is unknown, spent or its box closed, or when a person voted on has no choice."""
    digest = code_hash(code)
    refused = ValidationError("Mã phiếu không đúng, đã được dùng hoặc hội nghị đã kết thúc bỏ phiếu.")
    if not digest:
        raise refused
    with transaction.atomic():
        box_id = BallotCode.objects.filter(code_hash=digest).values_list("box_id", flat=True).first()
        if box_id is None:
            raise refused
        # Lock the box: a ballot is never added to a box that another request is closing.
        box = BallotBox.objects.select_for_update().select_related("session").get(pk=box_id)
        if not box.is_open:
            raise refused
        clean = _clean_choices(box, choices)
        # Spend the code: one conditional update, so two requests with the same code cast one ballot.
        if BallotCode.objects.filter(code_hash=digest, used=False).update(used=True) != 1:
            raise refused
        Ballot.objects.create(box=box, choices=clean)
        record_audit(
            actor=BALLOT_ACTOR,
            action=AuditEvent.Action.CREATE,
            object_type="cadres.votesession",
            object_id=str(box.session_id),
            object_repr=f"Phiếu điện tử · {box.session.title}",
            after={"ballot": "cast", "session": box.session_id},
            verb="cadres.ballot.cast",
            anonymous=True,
            at=_day_start(timezone.now()),
        )


def count_ballots(box: BallotBox) -> tuple[int, dict[int, tuple[int, int, int]]]:
    """(ballots cast, {candidate id: (high, confidence, low)})."""
    totals: dict[int, list[int]] = {c.pk: [0, 0, 0] for c in box.session.candidates.all()}
    n = 0
    for choices in Ballot.objects.filter(box=box).values_list("choices", flat=True):
        n += 1
        for key, choice in choices.items():
            if int(key) in totals and choice in CHOICES:
                totals[int(key)][CHOICES.index(choice)] += 1
    return n, {pk: (t[0], t[1], t[2]) for pk, t in totals.items()}


def close_and_count(*, actor: Actor, session: VoteSession) -> VoteSession:
    """End the electronic vote and count it through the paper tally's path (same checks, same
    results and consequences). All or nothing: a refused tally leaves the box open."""
    require_in_scope(actor, lambda: policy.can_manage(actor, session.unit))
    with transaction.atomic():
        box = BallotBox.objects.select_for_update().filter(session_id=session.pk).first()
        if box is None:
            raise ValidationError("Hội nghị này chưa phát mã phiếu điện tử.")
        if not box.is_open:
            raise ValidationError("Đã kết thúc bỏ phiếu điện tử và kiểm phiếu.")
        cast, counts = count_ballots(box)
        if cast == 0:
            raise ValidationError(f"Chưa có phiếu nào được bỏ (0/{box.codes_issued} mã phiếu đã dùng).")
        # Rewrite the ballots in a random order with new keys: afterwards neither the keys nor the
        # physical order (rowid, ctid, xmin) say in which order they were cast.
        contents = list(Ballot.objects.filter(box=box).values_list("choices", flat=True))
        secrets.SystemRandom().shuffle(contents)
        Ballot.objects.filter(box=box).delete()
        Ballot.objects.bulk_create([Ballot(id=uuid.uuid4(), box=box, choices=c) for c in contents])
        BallotCode.objects.filter(box=box).delete()
        do_update(box, actor=actor, verb="cadres.ballot.close", closed_at=timezone.now())
        return vote_services.enter_tally(
            actor=actor,
            session=session,
            issued=box.codes_issued,
            returned=cast,
            valid=cast,
            invalid=0,
            counts=counts,
        )
