"""The scope-aware policy core. Each app's ``policy.py`` builds on these helpers.

A user's scope is read from their live role grants on every request (never cached across
requests), so a reassignment takes effect on the next request. Objects outside the scope are
answered exactly like missing ones: ``Http404``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from sausat.core.actors import Actor, SystemActor, check_actor
from sausat.core.roles import Role

STAFF_ROLES = frozenset({Role.LEADER, Role.SECRETARY, Role.ADMIN})
_CACHE_ATTR = "_sausat_scope"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    scope_path: str
    organ_id: int | None


@dataclass(frozen=True)
class Scope:
    """What one user may reach: role grants resolved to unit subtrees."""

    user_id: int | None
    is_superuser: bool = False
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    def has_role(self, *roles: str) -> bool:
        return self.is_admin or any(g.role in roles for g in self.grants)

    def paths(self, *roles: str) -> list[str]:
        """Scope paths granted by ``roles`` (all roles when none named)."""
        return sorted({g.scope_path for g in self.grants if not roles or g.role in roles})

    def organ_ids(self, *roles: str) -> list[int]:
        return sorted({g.organ_id for g in self.grants if g.organ_id and (not roles or g.role in roles)})

    def covers_path(self, path: str, *roles: str) -> bool:
        if self.is_admin:
            return True
        return any(path.startswith(p) for p in self.paths(*roles))


ANONYMOUS_SCOPE = Scope(user_id=None)

# core imports no domain app: the app that keeps the role grants (people) and the one that keeps the
# units (geo) register themselves here in their AppConfig.ready().
GrantProvider = Callable[[object, dt.date], Iterable[Grant]]
_grant_provider: GrantProvider | None = None
_unit_model: type[Model] | None = None


def register_grant_provider(provider: GrantProvider) -> None:
    """``provider(user, today)`` yields the user's grants valid on ``today``."""
    global _grant_provider
    _grant_provider = provider


def register_unit_model(model: type[Model]) -> None:
    """The administrative-unit model (with an indexed ``scope_path``) that :func:`unit_q` filters on."""
    global _unit_model
    _unit_model = model


def scope_for(user: Actor | None, *, today: dt.date | None = None) -> Scope:
    """Resolve (once per request object) the scope of ``user``; anyone but an active signed-in user
    (a visitor, a :class:`SystemActor`) has the empty scope."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_SCOPE
    cached = getattr(user, _CACHE_ATTR, None)
    if isinstance(cached, Scope):
        return cached
    today = today or dt.date.today()  # noqa: DTZ011  (grant validity is a calendar date)
    grants = tuple(_grant_provider(user, today)) if _grant_provider is not None else ()
    scope = Scope(user_id=user.pk, is_superuser=user.is_superuser, grants=grants)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Actor | None) -> None:
    """Drop the per-request cache (used after a service changes the user's own grants)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def unit_q(scope: Scope, unit_field: str, *roles: str) -> Q:
    """A filter keeping rows whose unit (via ``unit_field``) lies in the scope of ``roles``.

    Matching is on ``scope_path`` so legacy units count under their current successors.
    """
    paths = scope.paths(*roles)
    if not paths:
        return Q(pk__in=[])
    if _unit_model is None:  # pragma: no cover - geo registers it in its AppConfig.ready()
        raise RuntimeError("no unit model registered with sausat.core.policy")
    within = Q()
    for path in paths:
        within |= Q(scope_path__startswith=path)
    # A subquery on the indexed scope_path beats joining every row to the units table.
    return Q(**{f"{unit_field}__in": _unit_model._default_manager.filter(within).values("pk")})


def get_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from an already-scoped queryset; out of scope is the same 404 as missing."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def require(condition: bool) -> None:
    """Refuse an action the same way as a missing object, so nothing leaks."""
    if not condition:
        raise Http404


def require_in_scope(actor: Actor, allowed: Callable[[], bool]) -> None:
    """A service's scope gate, run before it writes: a person acting (a user, signed in or not) must pass
    ``allowed``, else :class:`Http404` as for a missing target. A :class:`SystemActor` (the demo,
    management commands, jobs, the data generators) is trusted, since no request can choose it."""
    check_actor(actor)
    if isinstance(actor, SystemActor):
        return
    require(allowed())


def ids(objs: Iterable[Model]) -> list[int]:
    return [o.pk for o in objs]
