"""Audit guarantees: one audit row per write, rolled back with the data; history pages and restore."""

import datetime as dt

import pytest
from django.db import transaction

from sausat.core.models import AuditEvent
from sausat.core.services import ConflictError
from sausat.people import services
from sausat.people.models import Organ, OrganKind, Person

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def one_audit(fn, *args, **kwargs):
    before = AuditEvent.objects.count()
    result = fn(*args, **kwargs)
    assert AuditEvent.objects.count() == before + 1, fn.__name__
    return result


def test_each_person_write_writes_exactly_one_audit_row(cast):
    person = one_audit(services.create_person, actor=cast.secretary, full_name="Lý Thị Mai", home_unit=cast.commune_a)
    person = one_audit(
        services.update_person, person, actor=cast.secretary, expected_version=1, full_name="Lý Thị Mai Anh"
    )
    position = one_audit(
        services.assign_position, actor=cast.secretary, person=person, title="Chủ tịch UBND xã", unit=cast.commune_a
    )
    one_audit(services.end_position, position, actor=cast.secretary, end_date=dt.date(2030, 1, 1))
    one_audit(services.delete_person, person, actor=cast.secretary)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.all_objects.filter(pk=person.pk).exists()
    one_audit(services.restore_person, person, actor=cast.secretary)
    assert Person.objects.filter(pk=person.pk).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete", "restore"]
    last = AuditEvent.objects.filter(object_type="people.person").latest("id")
    assert last.actor == cast.secretary and last.actor_label == "vanphong"


def test_each_organ_write_writes_exactly_one_audit_row(cast):
    organ = one_audit(
        services.create_organ,
        actor=cast.secretary,
        name="Ban Dân vận xã",
        kind=OrganKind.PARTY_BOARD,
        unit=cast.commune_a,
    )
    organ = one_audit(
        services.update_organ, organ, actor=cast.secretary, expected_version=1, name="Ban Dân vận Đảng ủy xã"
    )
    one_audit(services.delete_organ, organ, actor=cast.secretary)
    assert not Organ.objects.filter(pk=organ.pk).exists()
    one_audit(services.restore_organ, organ, actor=cast.secretary)
    assert Organ.objects.filter(pk=organ.pk).exists()


def test_audit_row_and_data_row_roll_back_together(cast):
    persons, audits = Person.all_objects.count(), AuditEvent.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        services.create_person(actor=cast.secretary, full_name="Người Tạm", home_unit=cast.commune_a)
        raise Boom
    assert Person.all_objects.count() == persons and AuditEvent.objects.count() == audits

    person = services.create_person(actor=cast.secretary, full_name="Người Thật", home_unit=cast.commune_a)
    audits = AuditEvent.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        services.delete_person(person, actor=cast.secretary)
        raise Boom
    person.refresh_from_db()
    assert not person.is_deleted and AuditEvent.objects.count() == audits


def test_a_stale_update_writes_nothing(cast):
    person = services.create_person(actor=cast.secretary, full_name="Trịnh Văn Sơn", home_unit=cast.commune_a)
    services.update_person(person, actor=cast.secretary, expected_version=1, phone="0900000000")
    audits = AuditEvent.objects.count()
    with pytest.raises(ConflictError):
        services.update_person(person, actor=cast.leader, expected_version=1, phone="0911111111")
    person.refresh_from_db()
    assert person.phone == "0900000000" and AuditEvent.objects.count() == audits


def test_invalid_input_writes_nothing(cast):
    from django.core.exceptions import ValidationError

    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.create_person(actor=cast.secretary, full_name="  \u200b ", home_unit=cast.commune_a)
    assert AuditEvent.objects.count() == audits


def test_history_page_shows_rows_and_hides_out_of_scope_objects(cast, login):
    person = services.create_person(actor=cast.secretary, full_name="Mai Văn Lộc", home_unit=cast.commune_a)
    services.update_person(person, actor=cast.secretary, phone="0901234567")
    url = f"/lich-su/people.person/{person.pk}/"
    page = login(cast.commune_a_cadre).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    # A timeline in words (the action's label, the changed field's value), not raw verb codes.
    assert "Tạo mới" in body and "Cập nhật" in body and "0901234567" in body
    assert "person.create" not in body
    assert login(cast.commune_b_cadre).get(url).status_code == 404
    assert login(cast.commune_b_cadre).get("/lich-su/people.person/999999999/").status_code == 404
    assert login(cast.commune_b_cadre).get("/lich-su/no.such/1/").status_code == 404


def test_deleted_person_is_restored_from_the_history_page_by_a_secretary(cast, login):
    person = services.create_person(actor=cast.secretary, full_name="Đoàn Thị Hạnh", home_unit=cast.commune_a)
    client = login(cast.secretary)
    assert client.post(f"/can-bo/{person.pk}/xoa/").status_code == 302
    assert client.get(f"/can-bo/{person.pk}/").status_code == 404
    history = client.get(f"/lich-su/people.person/{person.pk}/")
    assert history.status_code == 200
    assert f"/can-bo/{person.pk}/khoi-phuc/" in history.content.decode()
    # Others do not see the deleted person's history nor may restore it.
    assert login(cast.commune_a_cadre).get(f"/lich-su/people.person/{person.pk}/").status_code == 404
    assert login(cast.commune_b_cadre).post(f"/can-bo/{person.pk}/khoi-phuc/").status_code == 404
    client = login(cast.secretary)
    assert client.post(f"/can-bo/{person.pk}/khoi-phuc/").status_code == 302
    assert client.get(f"/can-bo/{person.pk}/").status_code == 200


def test_deleted_organ_is_restored_from_the_history_page(cast, login):
    organ = services.create_organ(
        actor=cast.secretary, name="Hội Nông dân xã", kind=OrganKind.MASS_ORGANISATION, unit=cast.commune_a
    )
    client = login(cast.secretary)
    client.post(f"/can-bo/co-quan/{organ.pk}/xoa/")
    assert not Organ.objects.filter(pk=organ.pk).exists()
    history = client.get(f"/lich-su/people.organ/{organ.pk}/").content.decode()
    assert f"/can-bo/co-quan/{organ.pk}/khoi-phuc/" in history
    assert login(cast.commune_b_cadre).post(f"/can-bo/co-quan/{organ.pk}/khoi-phuc/").status_code == 404
    login(cast.secretary).post(f"/can-bo/co-quan/{organ.pk}/khoi-phuc/")
    assert Organ.objects.filter(pk=organ.pk).exists()


def test_hamlet_import_writes_one_audit_row(cast):
    from sausat.geo.services import import_hamlets

    data = f"xa,ten,loai\n{cast.commune_a.official_code},Một,thôn\n{cast.commune_a.official_code},Hai,thôn\n".encode()
    one_audit(import_hamlets, cast.secretary, cast.province, data, dry_run=False, filename="a.csv")
