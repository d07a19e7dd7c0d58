"""Who performs a write: the ``actor`` every service takes.

An :data:`Actor` is one of

- a signed-in :class:`~django.contrib.auth.models.User` (``request.user`` on a signed-in page, the
  API's ``api_user(request)``): checked by the owning app's policy, named in the audit row;
- an :class:`~django.contrib.auth.models.AnonymousUser`: a visitor of a public page (the online
  opinion form, a public comment). A person, so the policy checks them like any user (and refuses
  what needs a role); the audit row names nobody;
- a :class:`SystemActor`: the system itself, with a reason (``SystemActor(reason="seed_demo")``):
  management commands, scheduled jobs, the demo and data generators. No request can choose it, so
  ``require_in_scope`` trusts it; its audit rows read "Hệ thống: <reason>".

``None`` and plain strings are not actors: a service called with one fails loudly (TypeError).
The project uses Django's own user model (no ``AUTH_USER_MODEL``), hence ``User`` here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

SYSTEM_LABEL_PREFIX = "Hệ thống"


@dataclass(frozen=True, slots=True)
class SystemActor:
    """The system acting on its own, for ``reason`` (a command, a job, the demo seeder...)."""

    reason: str

    def __post_init__(self) -> None:
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise ValueError("SystemActor needs a reason")

    # Duck-typed like a user that is not signed in, so policy helpers that ask are answered "no".
    @property
    def is_authenticated(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{SYSTEM_LABEL_PREFIX}: {self.reason}"


type Actor = User | AnonymousUser | SystemActor

# Who reads: the user of a page or an API call (selectors and policies take one).
type Viewer = User | AnonymousUser

ACTOR_TYPES = (User, AnonymousUser, SystemActor)


def check_actor(actor: object) -> None:
    """Refuse anything that is not an :data:`Actor` (a leftover ``None`` or string actor)."""
    if not isinstance(actor, ACTOR_TYPES):
        raise TypeError(
            f"actor must be a User, an AnonymousUser or a SystemActor(reason=...), not {type(actor).__name__}"
        )


def acting_user(actor: Actor) -> User | None:
    """The signed-in user behind ``actor`` (for ``changed_by``/``author`` columns), else None."""
    if isinstance(actor, User) and actor.is_authenticated:
        return actor
    return None


def actor_label(actor: Actor) -> str:
    """What an audit row shows as the one who acted: the account name, "Hệ thống: <reason>", or ""."""
    if isinstance(actor, SystemActor):
        return str(actor)
    user = acting_user(actor)
    return user.get_username() if user is not None else ""
