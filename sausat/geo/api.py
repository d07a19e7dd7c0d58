import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from sausat.core.api_auth import PUBLIC
from sausat.core.api_pagination import Pagination
from sausat.geo import selectors
from sausat.geo.models import AdministrativeUnit

router = Router(tags=["units"], auth=PUBLIC)


class UnitOut(Schema):
    code: str
    official_code: str
    name: str
    division_type: str
    level: int
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_code: str | None

    @staticmethod
    def resolve_parent_code(obj: AdministrativeUnit) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_successor_code(obj: AdministrativeUnit) -> str | None:
        return obj.successor.code if obj.successor_id else None


@router.get("/", response=list[UnitOut])
@paginate(Pagination)
def list_units(request, q: str = "", level: int | None = None, parent: str = "", on: dt.date | None = None):
    """Units in force today (or on ``on``), filtered by level, parent code or a diacritics-free query."""
    qs = AdministrativeUnit.objects.select_related("parent", "successor")
    qs = qs.on(on) if on else qs.current()
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent)
    if q:
        from sausat.textkit.normalize import search_key

        qs = qs.filter(search_key__contains=search_key(q))
    return qs.order_by("level", "code")


@router.get("/{code}", response=UnitOut)
def get_unit(request, code: str):
    try:
        return selectors.get_unit(code)
    except AdministrativeUnit.DoesNotExist as exc:
        raise Http404 from exc
