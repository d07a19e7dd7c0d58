"""Pages of electronic ballots and the counting minutes.

The ballot page (``bo-phieu/``) is public: an attendee types the code from their slip on their own
phone, signed in or not. It lives under a path that ``sausat.core.logformat`` logs without the
client (address, agent, request id), the code travels only in POST bodies, and the page writes
nothing to the session or the account. Wrong codes are counted per address (never what was typed),
as on the opinion look-up page.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sausat.accounts import services as account_services
from sausat.accounts.throttle import client_address, lookup_retry_after
from sausat.cadres import ballot_services, policy
from sausat.cadres.minutes import counting_minutes_docx
from sausat.cadres.models import AccessKind, Ballot, BallotBox, RecordAccess
from sausat.core.exports.http import DOCX_CONTENT_TYPE, attachment_response
from sausat.core.policy import require

THROTTLE_SCOPE = "cadres-ballot"


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  (a calendar date for the document)


def _box_context(session) -> dict:
    box = BallotBox.objects.filter(session=session).first()
    cast = Ballot.objects.filter(box=box).count() if box else 0
    return {"s": session, "box": box, "cast": cast}


@login_required
def box(request, pk: int):
    """The board's panel for a session's electronic ballots (an HTMX fragment of the session page):
    issue the codes (answered with the printable slips), follow the count of ballots, close and count."""
    user = request.user
    s = policy.session_or_404(user, pk)
    manage = policy.can_manage(user, s.unit)
    if request.method == "POST":
        require(manage)
        action = request.POST.get("action")
        try:
            if action in {"issue", "reissue"}:
                codes = ballot_services.issue_codes(actor=user, session=s, reissue=action == "reissue")
                response = render(
                    request,
                    "cadres/ballot_codes.html",
                    {"s": s, "codes": codes, "cast_url": request.build_absolute_uri(reverse("cadres:ballot_cast"))},
                )
                response["Cache-Control"] = "no-store"
                return response
            if action == "close":
                ballot_services.close_and_count(actor=user, session=s)
                messages.success(request, _("Đã kết thúc bỏ phiếu điện tử và kiểm phiếu."))
                return redirect("cadres:session", s.pk)
            require(False)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("cadres:session", s.pk)
    if not request.htmx:
        return redirect("cadres:session", s.pk)
    context = _box_context(s) | {"manage": manage}
    return render(request, "cadres/_ballot_box.html", context)


@login_required
def minutes(request, pk: int):
    """The counting minutes (.docx): the session's readers; each person's result read is logged."""
    user = request.user
    s = policy.session_or_404(user, pk)
    candidates = list(s.candidates.select_related("person"))
    RecordAccess.objects.bulk_create(
        [
            RecordAccess(
                person=c.person, user=user, user_label=user.get_username(), what=AccessKind.VOTE,
                object_id=str(c.pk), at=timezone.now(),
            )
            for c in candidates
        ]
    )  # fmt: skip
    content = counting_minutes_docx(s, candidates, today=_today())
    return attachment_response(content, f"Biên bản kiểm phiếu - {s.title}.docx", DOCX_CONTENT_TYPE)


def _choices(post) -> dict[int, str]:
    out: dict[int, str] = {}
    for key, value in post.items():
        if key.startswith("c") and key[1:].isdigit():
            out[int(key[1:])] = value
    return out


@never_cache
def cast(request):
    """Type the code, mark one choice per person, send. Works without an account."""
    context: dict = {"step": "code", "code": "", "error": ""}
    status = 200
    if request.method == "POST":
        address = client_address(request)
        code = (request.POST.get("code") or "").strip()[:40]
        wait = lookup_retry_after(THROTTLE_SCOPE, address)
        box = None if wait else ballot_services.box_for_code(code)
        if wait:
            minutes_left = max(1, -(-wait // 60))
            context["error"] = _("Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau %(m)s phút.") % {
                "m": minutes_left
            }
            status = 429
        elif box is None:
            account_services.record_lookup_failure(scope=THROTTLE_SCOPE, address=address)
            context["error"] = _("Mã phiếu không đúng, đã được dùng hoặc hội nghị đã kết thúc bỏ phiếu.")
            status = 400
        else:
            candidates = list(box.session.candidates.select_related("person"))
            chosen = _choices(request.POST) if request.POST.get("action") == "cast" else {}
            rows = [(c, chosen.get(c.pk, "")) for c in candidates]
            context.update(step="ballot", code=code, session=box.session, rows=rows)
            if chosen or request.POST.get("action") == "cast":
                try:
                    ballot_services.cast_ballot(code=code, choices=chosen)
                except ValidationError as exc:
                    context["error"] = " ".join(exc.messages)
                    status = 400
                else:
                    context = {"step": "done", "session": box.session}
    return render(request, "cadres/ballot_cast.html", context, status=status)
