"""Dated positions: posts at abolished units end by the unit's last day; holders read "as of" a date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sausat.core.actors import SystemActor
from sausat.geo.models import AdministrativeUnit, DivisionType
from sausat.people import demo, naming, services
from sausat.people.models import Organ, Person
from sausat.people.selectors import holders_as_of

pytestmark = pytest.mark.django_db

ACTOR = SystemActor(reason="test")
LAST_DAY = dt.date(2025, 6, 30)


def test_seed_posts_end_with_their_province_and_say_why(cast):
    demo.seed_seed_people()
    hau_giang = AdministrativeUnit.objects.get(code="L-p93")
    chau = Person.objects.get(full_name="Lê Tiến Châu", home_unit=hau_giang)
    posts = list(chau.positions.all())
    assert posts and all(p.end_date == hau_giang.valid_to == LAST_DAY for p in posts)
    assert all("17/03/2021" in p.basis and "30/06/2025" in p.basis for p in posts)
    # Seed 002's working session (17/3/2021): he held the post; after the merger nobody does.
    assert "Lê Tiến Châu" in {p.person.full_name for p in holders_as_of(hau_giang, dt.date(2021, 3, 17))}
    assert "Lê Tiến Châu" in {p.person.full_name for p in holders_as_of(hau_giang, LAST_DAY)}
    assert not holders_as_of(hau_giang, LAST_DAY + dt.timedelta(days=1)).exists()
    # Re-seeding an older demo install ends open posts instead of leaving them running.
    open_post = chau.positions.first()
    open_post.end_date = None
    open_post.save(update_fields=["end_date"])
    demo.seed_seed_people()
    open_post.refresh_from_db()
    assert open_post.end_date == LAST_DAY


def test_a_post_at_an_abolished_unit_cannot_outlive_it(cast):
    ben_tre = AdministrativeUnit.objects.get(code="L-p83")
    person = services.create_person(actor=ACTOR, full_name="Nguyễn Văn Thử", home_unit=ben_tre)
    post = services.assign_position(actor=ACTOR, person=person, title="Chánh Văn phòng", unit=ben_tre)
    assert post.end_date == LAST_DAY and "30/06/2025" in post.basis
    with pytest.raises(ValidationError) as late:
        services.assign_position(
            actor=ACTOR, person=person, title="Phó Chánh Văn phòng", unit=ben_tre, end_date=dt.date(2025, 8, 1)
        )
    assert "hết hiệu lực sau ngày 30/06/2025" in " ".join(late.value.messages)
    with pytest.raises(ValidationError):
        services.assign_position(
            actor=ACTOR, person=person, title="Thư ký", unit=ben_tre, start_date=dt.date(2025, 7, 1)
        )
    with pytest.raises(ValidationError):
        services.end_position(post, actor=ACTOR, end_date=dt.date(2026, 1, 1))


def test_directory_as_of_a_date_shows_the_holders_of_that_day(cast, client):
    demo.seed_seed_people()
    before = client.get("/can-bo/?q=tien chau&ngay=30/06/2025")
    assert before.status_code == 200
    page = before.content.decode()
    assert "Lê Tiến Châu" in page and "Bí thư Tỉnh ủy" in page and "Chức vụ tại ngày 30/06/2025" in page
    after = client.get("/can-bo/?q=tien chau&ngay=01/07/2025").content.decode()
    assert "Lê Tiến Châu" not in after
    # Today: still listed (a former office holder is public record) but with no current post.
    today = client.get("/can-bo/?q=tien chau").content.decode()
    assert "Lê Tiến Châu" in today and "Bí thư Tỉnh ủy" not in today
    bad = client.get("/can-bo/?ngay=31/02/2025")
    assert bad.status_code == 400
    assert "Ngày xem không hợp lệ" in bad.content.decode()


def _generated(division_type: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.filter(division_type=division_type, valid_to__isnull=True).order_by("code")[0]


@pytest.mark.parametrize("division_type", [DivisionType.PHUONG, DivisionType.DAC_KHU, DivisionType.XA])
def test_unit_page_as_of_names_the_body_with_the_unit_type(cast, client, division_type):
    unit = _generated(division_type)
    services.seed_organs(actor=ACTOR, unit=unit)
    committee = Organ.objects.get(unit=unit, key="party_committee")
    expected = naming.body_name("party_committee", unit)
    assert committee.name == expected
    word = {"phuong": "phường", "dac_khu": "đặc khu", "xa": "xã"}[division_type]
    assert f"Đảng ủy {word} " in expected
    person = services.create_person(actor=ACTOR, full_name="Trần Văn Bí Thư", home_unit=unit)
    services.assign_position(
        actor=ACTOR,
        person=person,
        title=f"Bí thư {expected}",
        unit=unit,
        organ=committee,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 6, 30),
        is_leadership=True,
    )
    held = client.get(f"/dia-ban/{unit.code}/?ngay=01/07/2025")
    assert held.status_code == 200
    text = held.content.decode()
    assert "Trần Văn Bí Thư" in text and expected in text
    assert "Người giữ chức vụ tại ngày 01/07/2025" in text
    before = client.get(f"/dia-ban/{unit.code}/?ngay=30/06/2025").content.decode()
    assert "Trần Văn Bí Thư" not in before
    assert client.get(f"/dia-ban/{unit.code}/?ngay=abc").status_code == 400
