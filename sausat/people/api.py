import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from sausat.core.api_auth import PUBLIC, api_user
from sausat.core.api_pagination import Pagination
from sausat.geo.models import AdministrativeUnit
from sausat.people import policy, selectors
from sausat.people.models import Person

router = Router(tags=["people"], auth=PUBLIC)


class PositionOut(Schema):
    title: str
    unit_code: str
    organ: str | None
    start_date: dt.date | None
    end_date: dt.date | None

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_organ(obj) -> str | None:
        return obj.organ.name if obj.organ_id else None


class PersonOut(Schema):
    id: int
    full_name: str
    home_unit_code: str
    positions: list[PositionOut]

    @staticmethod
    def resolve_home_unit_code(obj) -> str:
        return obj.home_unit.code

    @staticmethod
    def resolve_positions(obj) -> list:
        return list(obj.positions.all())


class OrganOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    unit_code: str
    parent_id: int | None

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.unit.code


@router.get("/organs/", response=list[OrganOut])
@paginate(Pagination)
def list_organs(request, q: str = "", unit: str = "", kind: str = ""):
    """Organs (public organisation chart); ``q`` matches names without diacritics, ``unit`` is a unit code."""
    qs = selectors.search_organs(api_user(request), q)
    if unit:
        qs = qs.filter(unit__code=unit)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("unit__level", "unit_id", "sort_order", "name")


@router.get("/organs/{int:organ_id}", response=OrganOut)
def get_organ(request, organ_id: int):
    return policy.organ_or_404(api_user(request), organ_id)


@router.get("/", response=list[PersonOut])
@paginate(Pagination)
def list_people(request, q: str = "", unit: str = ""):
    """Persons the caller may see; ``q`` matches names without diacritics or case; ``unit`` is a unit code."""
    unit_obj = AdministrativeUnit.objects.filter(code=unit).first() if unit else None
    if unit and unit_obj is None:
        return Person.objects.none()
    return selectors.search_persons(api_user(request), q, unit=unit_obj)


@router.get("/{int:person_id}", response=PersonOut)
def get_person(request, person_id: int):
    return policy.person_or_404(api_user(request), person_id)
