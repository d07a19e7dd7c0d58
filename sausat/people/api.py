import datetime as dt

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from sausat.core.api_auth import PUBLIC, api_user
from sausat.people import policy, selectors

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


@router.get("/", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def list_people(request, q: str = ""):
    """Persons the caller may see; ``q`` matches names without diacritics or case."""
    return selectors.search_persons(api_user(request), q)


@router.get("/{int:person_id}", response=PersonOut)
def get_person(request, person_id: int):
    return policy.person_or_404(api_user(request), person_id)
