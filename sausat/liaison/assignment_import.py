"""Import the table of an assignment decision from .xlsx: template, row-level errors, dry run, idempotent.

Every row is checked before anything is written; one bad row writes nothing. Re-importing the
same file adds nothing: the decision is found by its number, cadres by name (or account), and an
existing (decision, cadre, unit) assignment is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from sausat.core.exports.xlsx import Sheet, write_xlsx
from sausat.core.models import AuditEvent
from sausat.core.services import record_audit
from sausat.core.uploads import UploadRefused, as_bytes, read_table
from sausat.geo.models import AdministrativeUnit, Level
from sausat.liaison import services
from sausat.liaison.models import Assignment, AssignmentDecision, AssignmentRole
from sausat.people import services as people_services
from sausat.people.models import Person
from sausat.textkit.normalize import match_key, normalize_line, search_key

HEADERS = [
    "STT",
    "Họ và tên cán bộ",
    "Chức vụ, đơn vị công tác",
    "Tên đăng nhập (nếu có)",
    "Mã địa bàn",
    "Tên địa bàn (xã/phường hoặc thôn/ấp)",
    "Vai trò (Phụ trách chính / Thành viên)",
    "Nhiệm vụ",
    "Từ ngày (dd/mm/yyyy)",
    "Đến ngày (dd/mm/yyyy)",
]
MAX_ROWS = 5000
ROLE_WORDS = {
    "phu trach chinh": AssignmentRole.LEAD,
    "truong nhom": AssignmentRole.LEAD,
    "thanh vien": AssignmentRole.MEMBER,
}


@dataclass
class DecisionHeader:
    number: str
    issued_on: dt.date
    issuing_body: str
    term_start: dt.date
    term_end: dt.date | None = None
    visits_required: int = 1
    visit_period: str = "monthly"
    report_schedule: str = "monthly"


@dataclass
class RowResult:
    line: int
    name: str
    unit_name: str = ""
    status: str = ""  # "mới", "đã có", or the error
    errors: list[str] = field(default_factory=list)
    cadre: Person | None = None
    user: Any = None
    unit: AdministrativeUnit | None = None
    role: str = AssignmentRole.LEAD
    title: str = ""
    duties: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class ImportResult:
    rows: list[RowResult]
    dry_run: bool
    created: int = 0
    skipped: int = 0

    @property
    def errors(self) -> list[str]:
        return [f"Dòng {r.line}: {e}" for r in self.rows for e in r.errors]


def template_xlsx() -> bytes:
    example = [
        1,
        "Nguyễn Văn Mẫu",
        "Phó Giám đốc Sở Nông nghiệp và Môi trường",
        "",
        "",
        "Xã Ví Dụ",
        "Phụ trách chính",
        "Dự họp Ban Thường vụ Đảng ủy xã; báo cáo hằng tháng",
        dt.date(2026, 1, 1),
        None,
    ]
    return write_xlsx([Sheet("Phân công", HEADERS, [example], widths=[6, 28, 36, 18, 12, 30, 22, 40, 16, 16])])


def _date(value: Any, label: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007  (a calendar date)
        except ValueError:
            continue
    errors.append(f"{label} “{text}” không đúng dạng ngày dd/mm/yyyy.")
    return None


def _resolve_unit(province: AdministrativeUnit, code: str, name: str, errors: list[str]) -> AdministrativeUnit | None:
    within = AdministrativeUnit.objects.filter(
        scope_path__startswith=province.scope_path, level__in=[Level.COMMUNE, Level.HAMLET]
    )
    if code:
        unit = within.filter(code=code).first() or within.filter(official_code=code).order_by("valid_to").first()
        if unit is None:
            errors.append(f"Không tìm thấy địa bàn có mã “{code}” trong {province.name}.")
        return unit
    if not name:
        errors.append("Chưa ghi mã hoặc tên địa bàn.")
        return None
    candidates = list(within.filter(search_key=search_key(name)).order_by("valid_to", "level")[:5])
    exact = [u for u in candidates if u.name == name] or candidates
    current = [u for u in exact if u.valid_to is None] or exact
    if not current:
        errors.append(f"Không tìm thấy địa bàn “{name}” trong {province.name}. Ghi mã địa bàn để chắc chắn.")
        return None
    if len(current) > 1:
        errors.append(f"Có {len(current)} địa bàn tên “{name}”. Vui lòng ghi mã địa bàn.")
        return None
    return current[0]


def _read_rows(fileobj: IO[bytes]) -> list[tuple[int, list[Any]]]:
    try:
        table = read_table(
            as_bytes(fileobj), "danh-sach.xlsx", max_rows=MAX_ROWS, max_cols=len(HEADERS), extensions=(".xlsx",)
        )
    except UploadRefused as exc:
        raise ValidationError(str(exc)) from exc
    rows = []
    for index, values in table:
        if index == 1:
            continue
        values = list(values) + [None] * (len(HEADERS) - len(values))
        rows.append((index, values[: len(HEADERS)]))
    if not rows:
        raise ValidationError("Tệp không có dòng phân công nào (dòng 1 là tiêu đề).")
    return rows


def _check_row(province: AdministrativeUnit, header: DecisionHeader, line: int, values: list[Any]) -> RowResult:
    User = get_user_model()
    _, name, title, username, code, unit_name, role, duties, start, end = values
    row = RowResult(line=line, name=normalize_line(str(name or "")), unit_name=normalize_line(str(unit_name or "")))
    errors = row.errors
    if not row.name:
        errors.append("Chưa ghi họ tên cán bộ.")
    row.title = normalize_line(str(title or ""))
    row.duties = str(duties or "")
    username = normalize_line(str(username or ""))
    if username:
        row.user = User.objects.filter(username=username).first()
        if row.user is None:
            errors.append(f"Không có tài khoản “{username}”.")
        else:
            row.cadre = Person.objects.filter(user=row.user).first()
            if row.cadre is not None and row.name and match_key(row.cadre.full_name) != match_key(row.name):
                errors.append(f"Tài khoản “{username}” thuộc {row.cadre.full_name}, không phải {row.name}.")
    if row.cadre is None and row.name:
        row.cadre = (
            Person.objects.filter(home_unit__scope_path__startswith=province.scope_path, match_key=match_key(row.name))
            .order_by("id")
            .first()
        )
    row.unit = _resolve_unit(province, normalize_line(str(code or "")), row.unit_name, errors)
    if row.unit is not None:
        row.unit_name = row.unit.name
    role_key = search_key(str(role or "phu trach chinh"))
    if role_key not in ROLE_WORDS:
        errors.append(f"Vai trò “{role}” không hợp lệ (ghi Phụ trách chính hoặc Thành viên).")
    else:
        row.role = ROLE_WORDS[role_key]
    row.start = _date(start, "Từ ngày", errors) or header.term_start
    row.end = _date(end, "Đến ngày", errors) or header.term_end
    if row.start and row.end and row.end < row.start:
        errors.append("Đến ngày phải sau Từ ngày.")
    return row


def import_assignments(
    *, actor: Any, province: AdministrativeUnit, header: DecisionHeader, fileobj: IO[bytes], dry_run: bool = True
) -> ImportResult:
    rows = [_check_row(province, header, line, values) for line, values in _read_rows(fileobj)]
    seen: dict[tuple, int] = {}
    for row in rows:
        key = (row.name, row.unit.pk if row.unit else None)
        if row.unit and key in seen:
            row.errors.append(f"Trùng với dòng {seen[key]}.")
        seen.setdefault(key, row.line)
    decision = AssignmentDecision.objects.filter(unit=province, number=normalize_line(header.number)).first()
    for row in rows:
        exists = bool(
            decision
            and row.cadre
            and row.unit
            and Assignment.objects.filter(decision=decision, cadre=row.cadre, unit=row.unit).exists()
        )
        row.status = "; ".join(row.errors) if row.errors else ("đã có" if exists else "mới")
    result = ImportResult(rows=rows, dry_run=dry_run)
    result.skipped = sum(1 for r in rows if r.status == "đã có")
    if dry_run or result.errors:
        result.created = 0 if result.errors else sum(1 for r in rows if r.status == "mới")
        return result
    with transaction.atomic():
        if decision is None:
            decision = services.create_decision(
                actor=actor,
                unit=province,
                number=header.number,
                issued_on=header.issued_on,
                issuing_body=header.issuing_body,
                term_start=header.term_start,
                term_end=header.term_end,
                visits_required=header.visits_required,
                visit_period=header.visit_period,
                report_schedule=header.report_schedule,
            )
        for row in rows:
            if row.status != "mới":
                continue
            cadre = row.cadre or people_services.create_person(actor=actor, full_name=row.name, home_unit=province)
            if row.user is not None and cadre.user_id is None:
                cadre = people_services.update_person(cadre, actor=actor, user=row.user)
            services.assign_cadre(
                actor=actor,
                decision=decision,
                cadre=cadre,
                unit=row.unit,
                start_date=row.start,
                end_date=row.end,
                role=row.role,
                duties=row.duties,
                cadre_title=row.title,
            )
            result.created += 1
        record_audit(
            actor=actor,
            action=AuditEvent.Action.IMPORT,
            obj=decision,
            verb="liaison.assignment.import",
            after={"created": result.created, "skipped": result.skipped, "rows": len(rows)},
        )
    return result
