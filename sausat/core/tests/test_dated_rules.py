"""Every threshold is dated data with its basis (issue 18, "Rules as the rules say")."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404

from sausat.core import calendar, dated_rules
from sausat.core.actors import SystemActor
from sausat.core.dated_rules import PRODUCT_DEFAULT, NoSetting, setting_for
from sausat.core.models import AuditEvent, DatedSetting
from sausat.core.setting_services import do_remove_dated_setting, do_set_dated_setting
from sausat.geo.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
DAY = dt.date(2030, 3, 11)  # a Monday


@pytest.fixture
def other_province(cast):
    return AdministrativeUnit.objects.filter(level=Level.PROVINCE).current().exclude(pk=cast.province.pk).first()


def test_the_answer_period_is_the_products_default_with_the_pakn_decision_as_analogy():
    s = setting_for("opinions.answer_period", on=DAY)
    assert s.value == {"amount": 20, "unit": "calendar_days"}
    assert s.is_product_default and s.basis == PRODUCT_DEFAULT and not s.from_data
    assert s.label == "20 ngày — mặc định của sản phẩm"
    assert "574/QĐ-TTg" in s.note and "Tham khảo" in s.note


def test_every_default_has_a_basis_a_description_and_a_valid_value():
    for d in dated_rules.REGISTRY:
        assert d.basis and d.description, d.key
        assert dated_rules.check_value(d.key, d.value) is None, d.key
        assert dated_rules.display_value(d.kind, d.value, d.choices)


def test_dated_defaults_change_on_their_day():
    before = setting_for("meetings.reception_days_per_month", on=dt.date(2025, 11, 22))
    after = setting_for("meetings.reception_days_per_month", on=dt.date(2025, 11, 23))
    assert before.value == {"province": 1, "district": 1} and not before.confirmed
    assert "chưa được xác nhận" in before.label
    assert after.value == {"province": 1, "commune": 2} and "215-KL/TW" in after.basis
    with pytest.raises(NoSetting):
        setting_for("meetings.dialogue_results_days_after", on=dt.date(2025, 6, 30))
    art43 = setting_for("meetings.dialogue_results_days_after", on=dt.date(2025, 7, 1))
    assert art43.value == 10 and "Điều 43" in art43.basis and not art43.is_product_default


def test_a_province_overrides_from_its_day_and_only_for_its_units(cast, other_province):
    audits = AuditEvent.objects.count()
    row = do_set_dated_setting(
        actor=cast.secretary,
        key="opinions.answer_period",
        value={"amount": 15, "unit": "working_days"},
        valid_from=DAY,
        basis="Quy chế làm việc của Thành ủy (thử nghiệm)",
        unit=cast.province,
    )
    assert AuditEvent.objects.count() == audits + 1
    assert AuditEvent.objects.first().verb == "setting.set"
    own = setting_for("opinions.answer_period", on=DAY, unit=cast.commune_a)
    assert own.value == {"amount": 15, "unit": "working_days"}
    assert own.overridden_by_unit == cast.province.name and own.from_data and not own.is_product_default
    assert cast.province.name in own.label
    # Another province, the day before, and the national answer keep the default.
    assert setting_for("opinions.answer_period", on=DAY, unit=other_province).is_product_default
    assert (
        setting_for("opinions.answer_period", on=DAY - dt.timedelta(days=1), unit=cast.commune_a).value["amount"] == 20
    )
    assert setting_for("opinions.answer_period", on=DAY).value["amount"] == 20
    # The same key, unit and day is updated, not duplicated; withdrawing restores the default.
    do_set_dated_setting(
        actor=cast.secretary,
        key="opinions.answer_period",
        value={"amount": 12, "unit": "working_days"},
        valid_from=DAY,
        basis="Quy chế sửa đổi",
        unit=cast.province,
    )
    assert DatedSetting.objects.count() == 1
    assert setting_for("opinions.answer_period", on=DAY, unit=cast.commune_a).value["amount"] == 12
    do_remove_dated_setting(actor=cast.secretary, setting=DatedSetting.objects.get(pk=row.pk))
    assert setting_for("opinions.answer_period", on=DAY, unit=cast.commune_a).is_product_default


def test_a_national_row_applies_where_no_province_row_does(cast, other_province):
    do_set_dated_setting(
        actor=cast.admin,
        key="liaison.no_contact_days",
        value=45,
        valid_from=DAY,
        valid_to=DAY + dt.timedelta(days=30),
        basis=PRODUCT_DEFAULT,
    )
    s = setting_for("liaison.no_contact_days", on=DAY, unit=other_province)
    assert s.value == 45 and s.is_product_default and s.from_data and not s.overridden_by_unit
    assert setting_for("liaison.no_contact_days", on=DAY + dt.timedelta(days=31)).value == 30


def test_who_may_set_what(cast, other_province):
    def put(actor, unit=None):
        do_set_dated_setting(actor=actor, key="liaison.vague_below", value=40, valid_from=DAY, basis="Thử", unit=unit)

    with pytest.raises(Http404):
        put(cast.secretary)  # the national value is the administrators'
    with pytest.raises(Http404):
        put(cast.secretary, other_province)
    with pytest.raises(Http404):
        put(cast.commune_a_cadre, cast.province)
    assert not DatedSetting.objects.exists()
    with pytest.raises(ValidationError, match="cấp tỉnh"):
        put(cast.admin, cast.commune_a)


def test_bad_values_and_a_missing_basis_are_refused(cast):
    def put(**kw):
        args = {"actor": cast.admin, "key": "opinions.answer_period", "valid_from": DAY, "basis": "Thử"}
        do_set_dated_setting(**{**args, **kw})

    with pytest.raises(ValidationError, match="working_days"):
        put(value={"amount": 5, "unit": "weeks"})
    with pytest.raises(ValidationError, match="nguyên dương"):
        put(value={"amount": 0, "unit": "calendar_days"})
    with pytest.raises(ValidationError, match="căn cứ"):
        put(value={"amount": 5, "unit": "calendar_days"}, basis="  ")
    with pytest.raises(ValidationError, match="Không có thiết lập"):
        put(key="no.such", value=1)
    with pytest.raises(ValidationError):
        put(key="directives.done_means", value="proposal")
    assert not DatedSetting.objects.exists()


def test_the_command_sets_and_lists(cast):
    out = StringIO()
    call_command(
        "dated_setting",
        "set",
        "directives.reminders",
        '{"before_working_days": 5, "overdue": true}',
        "--from",
        "2030-01-01",
        "--basis",
        "Quy chế 01-QC/TU",
        "--unit",
        cast.province.code,
        stdout=out,
    )
    assert "Đã lưu directives.reminders" in out.getvalue()
    assert AuditEvent.objects.filter(verb="setting.set", actor_label=str(SystemActor(reason="dated_setting"))).exists()
    out = StringIO()
    call_command("dated_setting", "list", "--on", "2030-03-11", "--unit", cast.province.code, stdout=out)
    text = out.getvalue()
    assert "directives.reminders: nhắc trước hạn 5 ngày làm việc và mỗi ngày quá hạn — Quy chế 01-QC/TU" in text
    assert "opinions.answer_period: 20 ngày — mặc định của sản phẩm" in text


def test_a_province_answer_period_counts_its_own_days_off(cast):
    from sausat.opinions.rules import answer_deadline

    calendar.invalidate_cache()
    do_set_dated_setting(
        actor=cast.admin,
        key="opinions.answer_period",
        value={"amount": 2, "unit": "working_days"},
        valid_from=DAY,
        basis="Thử",
        unit=cast.province,
    )
    from sausat.core.services import set_calendar_day

    set_calendar_day(
        actor=cast.admin, date=DAY + dt.timedelta(days=1), kind="day_off", name="Nghỉ riêng", province=cast.province
    )
    assert answer_deadline(DAY, place=cast.commune_a) == DAY + dt.timedelta(days=3)
    assert answer_deadline(DAY) == DAY + dt.timedelta(days=21)  # 31/3/2030 is a Sunday → Monday 1/4


def test_docs_list_every_setting_as_the_registry_says():
    text = DOCS.read_text(encoding="utf-8")
    start, end = "<!-- settings:start -->", "<!-- settings:end -->"
    assert start in text and end in text
    section = text.split(start, 1)[1].split(end, 1)[0].strip()
    assert section == dated_rules.registry_markdown().strip(), (
        "docs/rules.md is stale: python manage.py dated_setting docs"
    )
