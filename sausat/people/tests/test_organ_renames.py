"""Bodies seeded by an earlier version keep their history when the naming fix renames them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sausat.core.actors import SystemActor
from sausat.core.models import AuditEvent
from sausat.people import services
from sausat.people.models import Organ
from sausat.people.services import former_name_key

pytestmark = pytest.mark.django_db
SYSTEM = SystemActor(reason="test")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Tỉnh ủy Cần Thơ", "Thành ủy Cần Thơ"),
        ("Sở Nội vụ tỉnh Cần Thơ", "Sở Nội vụ thành phố Cần Thơ"),
        ("Tỉnh Đoàn Cần Thơ", "Thành Đoàn Cần Thơ"),
        ("Đảng ủy Vị Thanh", "Đảng ủy phường Vị Thanh"),
        ("Ủy ban nhân dân Phú Quốc", "Ủy ban nhân dân đặc khu Phú Quốc"),
    ],
)
def test_former_and_current_names_share_a_key(before, after):
    assert former_name_key(before) == former_name_key(after)


def test_distinct_bodies_keep_distinct_keys():
    names = [
        "Sở Nội vụ thành phố Cần Thơ",
        "Sở Tài chính thành phố Cần Thơ",
        "Thành ủy Cần Thơ",
        "Văn phòng Thành ủy Cần Thơ",
    ]
    assert len({former_name_key(n) for n in names}) == len(names)


def test_reseeding_renames_an_unkeyed_body_in_place(cast):
    organ = Organ.objects.get(unit=cast.province, key="party_committee")
    right = organ.name
    # As an install seeded before the fix holds it: the former name, no template key.
    Organ.objects.filter(pk=organ.pk).update(name="Tỉnh ủy Cần Thơ", key="")
    count = Organ.objects.filter(unit=cast.province).count()
    services.seed_organs(actor=SYSTEM, unit=cast.province)
    organ.refresh_from_db()
    assert organ.name == right and organ.key == "party_committee"
    assert Organ.objects.filter(unit=cast.province).count() == count  # renamed, not duplicated
    assert AuditEvent.objects.filter(object_id=str(organ.pk), verb="organ.rename").exists()


def test_command_lists_then_applies_template_renames(cast):
    organ = (
        Organ.objects.get(unit=cast.province, key="home_affairs")
        if Organ.objects.filter(unit=cast.province, key="home_affairs").exists()
        else Organ.objects.filter(unit=cast.province, kind="department").exclude(key="").first()
    )
    right = organ.name
    Organ.objects.filter(pk=organ.pk).update(name=right.replace("thành phố", "tỉnh"))
    out = io.StringIO()
    call_command("people_rename_organs", "--unit", cast.province.code, stdout=out)
    assert f"→ {right}" in out.getvalue()
    organ.refresh_from_db()
    assert organ.name != right  # listed only
    call_command("people_rename_organs", "--unit", cast.province.code, "--apply", stdout=io.StringIO())
    organ.refresh_from_db()
    assert organ.name == right
