"""Demo data for people: the three provinces of the seed articles and a named cast of accounts.

Facts (names, titles, provinces) come from the seed articles; positions are attached to the
pre-2025 units the articles speak of and end with them (30/6/2025; see ``SEED_ATTESTED``). The demo accounts are fictional.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from sausat.accounts import services as account_services
from sausat.core.actors import SystemActor
from sausat.geo.models import AdministrativeUnit, Level
from sausat.people import services
from sausat.people.data.organ_templates import REFORM_DAY
from sausat.people.models import Organ, Person, Position, Role, RoleGrant

SYSTEM = SystemActor(reason="seed_demo")

# Legacy province code -> (persons: full name, [(title, organ short name or None, leadership)])
SEED_PEOPLE: dict[str, list[tuple[str, str, list[tuple[str, str | None, bool]]]]] = {
    "L-p93": [  # Hậu Giang (seeds 000, 002, 004)
        ("Lê Tiến Châu", "male", [("Ủy viên Trung ương Đảng", None, True), ("Bí thư Tỉnh ủy", "Tỉnh ủy", True)]),
        (
            "Trần Văn Huyến",
            "male",
            [("Phó Bí thư Thường trực Tỉnh ủy", "Tỉnh ủy", True), ("Chủ tịch HĐND tỉnh", "HĐND tỉnh", True)],
        ),
        (
            "Đồng Văn Thanh",
            "male",
            [("Phó Bí thư Tỉnh ủy", "Tỉnh ủy", True), ("Chủ tịch UBND tỉnh", "UBND tỉnh", True)],
        ),
        (
            "Thái Thu Xương",
            "male",
            [
                ("Ủy viên Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", True),
                ("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "UBMTTQ tỉnh", True),
            ],
        ),
    ],
    "L-p49": [  # Quảng Nam (seed 001)
        (
            "Phan Việt Cường",
            "male",
            [
                ("Ủy viên Trung ương Đảng", None, True),
                ("Bí thư Tỉnh ủy", "Tỉnh ủy", True),
                ("Chủ tịch HĐND tỉnh", "HĐND tỉnh", True),
            ],
        ),
        ("Lê Trí Thanh", "male", [("Phó Bí thư Tỉnh ủy", "Tỉnh ủy", True), ("Chủ tịch UBND tỉnh", "UBND tỉnh", True)]),
        ("Nguyễn Chín", "male", [("Trưởng Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy", True)]),
    ],
    "L-p83": [  # Bến Tre (seed 003)
        ("Phan Văn Mãi", "male", [("Phó Bí thư Thường trực Tỉnh ủy", "Tỉnh ủy", True)]),
        ("Trần Ngọc Tam", "male", [("Phó Bí thư Tỉnh ủy", "Tỉnh ủy", True)]),
        ("Cao Văn Trọng", "male", [("Chủ tịch UBND tỉnh", "UBND tỉnh", True)]),
        (
            "Hồ Thị Hoàng Yến",
            "female",
            [
                ("Ủy viên Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", True),
                ("Trưởng Ban Tổ chức Tỉnh ủy", "BTC Tỉnh ủy", True),
            ],
        ),
    ],
}


@dataclass(frozen=True)
class CastMember:
    username: str
    full_name: str
    role: str
    unit: str  # "province", "commune_a", "commune_b"
    organ: str | None = None  # the organ's template key at the province


CAST = [
    CastMember("lanhdao", "Nguyễn Văn An", Role.LEADER, "province", "party_committee"),
    CastMember("vanphong", "Trần Thị Bình", Role.SECRETARY, "province", "party_office"),
    CastMember("traloi", "Lê Văn Cường", Role.RESPONDER, "province", "dept_home_affairs"),
    CastMember("theodoi", "Phạm Thị Dung", Role.LIAISON, "commune_a"),
    CastMember("xa_a", "Hoàng Văn Em", Role.COMMUNE_CADRE, "commune_a"),
    CastMember("xa_b", "Võ Thị Giang", Role.COMMUNE_CADRE, "commune_b"),
    CastMember("congdan", "Đặng Văn Hùng", Role.CITIZEN, "commune_a"),
    CastMember("quantri", "Quản trị hệ thống", Role.ADMIN, "province"),
]
CAST_PROVINCE = "p92"  # Cần Thơ: Hậu Giang (seeds 000, 002, 004) was merged into it on 1/7/2025.


def cast_units() -> dict[str, AdministrativeUnit]:
    """The demo province and two of its communes that were formed from Hậu Giang communes."""
    province = AdministrativeUnit.objects.get(code=CAST_PROVINCE)
    communes = list(
        AdministrativeUnit.objects.filter(
            parent=province, level=Level.COMMUNE, absorbed__predecessor__path__startswith="/L-p93/"
        )
        .distinct()
        .order_by("code")[:2]
    )
    return {"province": province, "commune_a": communes[0], "commune_b": communes[1]}


def _organ(unit: AdministrativeUnit, short: str | None) -> Organ | None:
    if short is None:
        return None
    return Organ.objects.filter(unit=unit, short_name=short).first()


# Where the seed posts' dates come from. The articles attest a post on their day only: the start
# is unknown (left blank), and the post ends at the latest on the province's last day (30/6/2025,
# when the 2025 reorganisation merged it), no better end being known from the seeds.
SEED_ATTESTED: dict[str, str] = {
    "L-p93": "bài mẫu 002 (17/03/2021), 000 (27/04/2021), 004 (02/07/2021)",
    "L-p49": "bài mẫu 001 (22/04/2022)",
    "L-p83": "bài mẫu 003 (11/04/2017)",
}


def _basis(unit: AdministrativeUnit) -> str:
    last = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "—"
    return f"Nêu trong {SEED_ATTESTED[unit.code]}; ngày bắt đầu chưa rõ; kết thúc chậm nhất {last} ({unit.name} được sắp xếp)."


def _end_open_posts(unit: AdministrativeUnit) -> None:
    """Demo installs seeded before positions were dated: end the seed posts at the unit's last day."""
    if unit.valid_to is None:
        return
    names = [name for name, _gender, _posts in SEED_PEOPLE[unit.code]]
    for position in Position.objects.filter(unit=unit, person__full_name__in=names, end_date__isnull=True):
        services.end_position(position, actor=SYSTEM, end_date=unit.valid_to)


def seed_seed_people() -> int:
    created = 0
    for unit_code, people in SEED_PEOPLE.items():
        unit = AdministrativeUnit.objects.get(code=unit_code)
        services.seed_organs(actor=SYSTEM, unit=unit)  # a legacy province: the template of its era
        _end_open_posts(unit)
        for order, (name, gender, posts) in enumerate(people):
            if Person.objects.filter(full_name=name, home_unit=unit).exists():
                continue
            person = services.create_person(actor=SYSTEM, full_name=name, home_unit=unit, gender=gender)
            for i, (title, organ_short, leadership) in enumerate(posts):
                full_title = title
                services.assign_position(
                    actor=SYSTEM,
                    person=person,
                    title=full_title,
                    unit=unit,
                    organ=_organ(unit, organ_short),
                    is_leadership=leadership,
                    sort_order=order * 10 + i,
                    end_date=unit.valid_to,
                    basis=_basis(unit),
                )
            created += 1
    return created


def account_password(username: str, generated: dict[str, str] | None) -> str:
    """The shared demo password on a demo install (DEBUG or SAUSAT_DEMO=1); elsewhere a random one
    per account, noted in ``generated`` so the caller prints it once."""
    if settings.SAUSAT_DEMO:
        return settings.SAUSAT_DEMO_PASSWORD
    password = secrets.token_urlsafe(12)
    if generated is not None:
        generated[username] = password
    return password


def _retire_shared_password(user, generated: dict[str, str] | None) -> None:
    """Outside demo mode an account left with the shared demo password gets a random one."""
    if not settings.SAUSAT_DEMO and user.check_password(settings.SAUSAT_DEMO_PASSWORD):
        account_services.change_password(
            actor=SYSTEM, user=user, new_password=account_password(user.username, generated)
        )


def seed_cast(generated: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Create the demo accounts; returns (username, role label, unit name) rows."""
    User = get_user_model()
    units = cast_units()
    for key in ("province", "commune_a", "commune_b"):
        services.seed_organs(actor=SYSTEM, unit=units[key], on=REFORM_DAY)
    rows = []
    for member in CAST:
        unit = units[member.unit]
        with transaction.atomic():
            user = User.objects.filter(username=member.username).first()
            if user is None:
                user = services.create_account(
                    actor=SYSTEM,
                    username=member.username,
                    password=account_password(member.username, generated),
                    is_staff=member.role == Role.ADMIN,
                )
            else:
                _retire_shared_password(user, generated)
            if not Person.objects.filter(user=user).exists():
                person = services.create_person(actor=SYSTEM, full_name=member.full_name, home_unit=unit)
                services.update_person(person, actor=SYSTEM, user=user)
            organ = Organ.objects.filter(unit=units["province"], key=member.organ).first() if member.organ else None
            if not RoleGrant.objects.filter(user=user, role=member.role, unit=unit).exists():
                services.grant_role(actor=SYSTEM, user=user, role=member.role, unit=unit, organ=organ)
        rows.append((member.username, Role(member.role).label, unit.name))
    return rows


def seed() -> list[str]:
    created = seed_seed_people()
    generated: dict[str, str] = {}
    rows = seed_cast(generated)
    lines = [f"Nhân sự trong các bài viết: {created} người mới."]
    if settings.SAUSAT_DEMO:
        lines.append(f"Tài khoản demo (mật khẩu: {settings.SAUSAT_DEMO_PASSWORD}):")
        lines += [f"  {u:<10} {role:<32} {unit}" for u, role, unit in rows]
    else:
        # Not a demo install: no shared password; new passwords are shown here once and never stored.
        lines.append("Tài khoản mẫu (mật khẩu ngẫu nhiên, chỉ in một lần; hãy đổi sau khi đăng nhập):")
        lines += [f"  {u:<10} {role:<32} {unit}  {generated.get(u, '(giữ mật khẩu cũ)')}" for u, role, unit in rows]
    lines.append("  (quantri và mọi quản trị viên phải thiết lập xác thực hai lớp TOTP ở lần đăng nhập đầu.)")
    return lines
