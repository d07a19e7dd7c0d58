"""Second factor (TOTP through django-otp): who needs it, and where a session stands.

The state is kept in the session, written once at login, so ordinary requests pay no query for it:
``verify`` (has a device, code not given yet), ``enrol`` (must have a device, has none), ``ok``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "sausat_mfa"
VERIFY = "verify"
ENROL = "enrol"
OK = "ok"
# The candidate secret shown on the enrolment page, kept until a code proves the phone has it.
CANDIDATE_KEY = "sausat_mfa_candidate"


def mfa_required(user) -> bool:
    """Superusers and holders of a current grant of a role in SAUSAT_MFA_REQUIRED_ROLES."""
    from sausat.people.models import RoleGrant

    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    roles = settings.SAUSAT_MFA_REQUIRED_ROLES
    if not roles:
        return False
    today = dt.date.today()  # noqa: DTZ011  (grant validity is a calendar date)
    return (
        RoleGrant.objects.filter(user=user, role__in=roles)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def state_for(user) -> str:
    if confirmed_device(user) is not None:
        return VERIFY
    return ENROL if mfa_required(user) else OK


def mark_session_at_login(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = state_for(user)


def mark_verified(request) -> None:
    request.session[SESSION_KEY] = OK


def pending_step(request) -> str:
    """``verify``/``enrol`` while this signed-in session still owes its second factor, else ''."""
    session = getattr(request, "session", None)
    if session is None or AUTH_SESSION_KEY not in session:
        return ""
    state = session.get(SESSION_KEY)
    if state is None:
        # A session from before this check existed: decide once, then remember.
        user = request.user
        if not user.is_authenticated:
            return ""
        state = state_for(user)
        session[SESSION_KEY] = state
    return "" if state == OK else state
