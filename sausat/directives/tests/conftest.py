import datetime as dt

import pytest

from sausat.core.calendar import VN_TZ


def vn(y, m, d, hh=9, mm=0, ss=0):
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=VN_TZ)


@pytest.fixture
def organs(cast):
    """Organs at the cast province and commune A (created by the cast fixture)."""
    from sausat.people.models import Organ

    province = {o.short_name: o for o in Organ.objects.filter(unit=cast.province)}
    commune_a = {o.short_name: o for o in Organ.objects.filter(unit=cast.commune_a)}
    commune_b = {o.short_name: o for o in Organ.objects.filter(unit=cast.commune_b)}
    return {"province": province, "commune_a": commune_a, "commune_b": commune_b}


@pytest.fixture
def document(cast, organs):
    from sausat.directives import services
    from sausat.directives.models import DocumentKind

    return services.register_document(
        actor=cast.secretary,
        kind=DocumentKind.CONCLUSION,
        issuing_organ=organs["province"]["Thành ủy"],
        number="12",
        symbol="KL/TU",
        date=dt.date(2026, 1, 5),
        title="Kết luận về công tác quý I",
        unit=cast.province,
    )


@pytest.fixture
def make_task(cast, document):
    from sausat.directives import services

    def _make(lead, *, title="Nhiệm vụ thử", **kwargs):
        kwargs.setdefault("deadline_kind", "fixed")
        if kwargs["deadline_kind"] == "fixed":
            kwargs.setdefault("deadline_date", dt.date(2026, 3, 31))
        return services.add_task(actor=cast.secretary, document=document, title=title, lead_organ=lead, **kwargs)

    return _make
