"""Who may change the administrative map: a province's office secretaries and system admins.

Units themselves are public facts (see ``selectors``); only writes are guarded here. Anyone
else gets the same 404 as for a missing province.
"""

from __future__ import annotations

from django.http import Http404

from sausat.core.policy import scope_for
from sausat.core.roles import Role
from sausat.geo.models import AdministrativeUnit, Level


def can_manage_province(user, province: AdministrativeUnit) -> bool:
    scope = scope_for(user)
    return scope.is_admin or scope.covers_path(province.path, Role.SECRETARY)


def managed_province_or_404(user, code: str) -> AdministrativeUnit:
    """A current province the user may import hamlets for; 404 otherwise."""
    province = AdministrativeUnit.objects.current().filter(code=code, level=Level.PROVINCE).first()
    if province is None or not can_manage_province(user, province):
        raise Http404
    return province
