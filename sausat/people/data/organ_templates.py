"""Organ templates by level and period, as dated data; every row cites its basis.

Names are patterns over the unit's name forms (``sausat.geo.naming``), so a centrally-run city gets
"Thành ủy Cần Thơ", "Hội đồng nhân dân thành phố Cần Thơ", "Thành Đoàn Cần Thơ", a province the
"Tỉnh …" forms, and a commune-level unit "Đảng ủy phường Vị Thanh", "Ủy ban nhân dân xã Vị Tân".

Placeholders: {unit} "tỉnh Hậu Giang" / "thành phố Cần Thơ" / "xã Vị Tân"; {committee} "Tỉnh ủy Hậu
Giang" / "Thành ủy Cần Thơ" / "Đảng ủy xã Vị Tân"; {cw} "Tỉnh ủy" / "Thành ủy" / "Đảng ủy";
{type} "tỉnh" / "thành phố" / "xã"; {youth} "Tỉnh Đoàn Hậu Giang" / "Thành Đoàn Cần Thơ" / "Đoàn
Thanh niên Cộng sản Hồ Chí Minh xã Vị Tân"; {yw} "Tỉnh Đoàn" / "Thành Đoàn" / "Đoàn Thanh niên".

"Rules" below is shared/domain/rules.md; "product default" marks a name or a body the sources read
do not fix, which a province edits in its own organ list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REFORM_DAY = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class OrganRow:
    key: str
    name: str
    short: str
    kind: str
    order: int
    basis: str
    parent: str = ""  # the key of the row this body sits under
    only: frozenset[str] = frozenset()  # division types it exists at (empty: all)


@dataclass(frozen=True)
class Template:
    key: str
    level: int  # geo.models.Level
    valid_from: dt.date | None
    valid_to: dt.date | None
    rows: tuple[OrganRow, ...]

    def applies(self, level: int, on: dt.date) -> bool:
        return (
            level == self.level
            and (self.valid_from is None or self.valid_from <= on)
            and (self.valid_to is None or on <= self.valid_to)
        )

    def row(self, key: str) -> OrganRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"No body “{key}” in the organ template {self.key}.")


# Bases, quoted by the rows.
B8_COMMITTEE = "Rules B.8 (HD 36-HD/VPTW: the issuing body 'TỈNH ỦY …' / 'THÀNH ỦY …')"
B8_COMMUNE = "Rules B.8: after 1/7/2025 the commune-level Party body is 'Đảng ủy xã/phường/đặc khu …'"
B8_OFFICES = "Rules B.8: conclusion notices are issued by the office ('…-TB/VPTU', '…/TB-VPUBND')"
STANDING = "Rules B.8 (signature 'T/M BAN THƯỜNG VỤ'); seed 003 (decision of the Ban Thường vụ Tỉnh ủy Bến Tre)"
PERMANENT = (
    "Seeds 000 and 002: the dialogue and the working session are organised by the Thường trực Tỉnh ủy, "
    "a body distinct from the Ban Thường vụ"
)
HD31 = "Hướng dẫn 31-HD/BTCTW (23/4/2025), rules B.5: Party organisations rebuilt to match the new units"
HD31_COMMUNE = (
    "Hướng dẫn 31-HD/BTCTW (23/4/2025), rules B.5: a commune Party apparatus of 15–17 staff "
    "(≤ 20 with a political centre); the board's name is a product default"
)
LGOV = "Luật Tổ chức chính quyền địa phương 2025 (rules B.3, B.5): HĐND and UBND at both tiers"
ART43 = "Luật Tổ chức chính quyền địa phương 2025, Art. 43 (rules B.3): the Front co-organises the dialogue"
FRONT_2025 = "2025 reorganisation: the socio-political organisations sit under the Fatherland Front; product default"
REFORM = "NQ 202/2025/QH15, NQ 203/2025/QH15 (rules B.5): two-tier local government from 1/7/2025"
DEFAULT = "product default"

PARTY_COMMITTEES = {"party_committee", "party_standing", "party_permanent"}


def _front_rows(youth_short: str, suffix: str) -> tuple[OrganRow, ...]:
    front = "fatherland_front"
    return (
        OrganRow("farmers_union", "Hội Nông dân {unit}", "Hội ND" + suffix, "mass_org", 41, FRONT_2025, front),
        OrganRow("womens_union", "Hội Liên hiệp Phụ nữ {unit}", "Hội LHPN" + suffix, "mass_org", 42, FRONT_2025, front),
        OrganRow("youth_union", "{youth}", youth_short, "mass_org", 43, FRONT_2025, front),
        OrganRow("veterans_union", "Hội Cựu chiến binh {unit}", "Hội CCB" + suffix, "mass_org", 44, FRONT_2025, front),
    )


def _department(key: str, name: str, short: str, order: int) -> OrganRow:
    basis = "Product default: the province's departments after the 2025 merger of departments (edit per province)"
    return OrganRow(key, name + " {unit}", short, "department", order, basis, "peoples_committee")


PROVINCE_2025 = Template(
    key="province_2025",
    level=1,
    valid_from=REFORM_DAY,
    valid_to=None,
    rows=(
        OrganRow("party_committee", "{committee}", "{cw}", "party_committee", 10, B8_COMMITTEE),
        OrganRow("party_standing", "Ban Thường vụ {committee}", "BTV {cw}", "party_standing", 11, STANDING),
        OrganRow("party_permanent", "Thường trực {committee}", "TT {cw}", "party_permanent", 12, PERMANENT),
        OrganRow("party_office", "Văn phòng {committee}", "VP {cw}", "party_board", 13, B8_OFFICES, "party_committee"),
        OrganRow(
            "party_organisation_board",
            "Ban Tổ chức {committee}",
            "BTC {cw}",
            "party_board",
            14,
            "Seed 001 (Trưởng Ban Tổ chức Tỉnh ủy); " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "party_propaganda_board",
            "Ban Tuyên giáo và Dân vận {committee}",
            "BTGDV {cw}",
            "party_board",
            15,
            "2025 merger of the Propaganda and the Mass Mobilisation boards; the name is a product default",
            "party_committee",
        ),
        OrganRow(
            "party_inspection",
            "Ủy ban Kiểm tra {committee}",
            "UBKT {cw}",
            "party_board",
            16,
            "Seed 003 (Ủy viên Ủy ban Kiểm tra Tỉnh ủy); " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "party_internal_affairs_board",
            "Ban Nội chính {committee}",
            "BNC {cw}",
            "party_board",
            17,
            "QĐ 11-QĐi/TW amended by KL 215-KL/TW (rules B.3): reports go to the internal-affairs boards",
            "party_committee",
        ),
        OrganRow("political_school", "Trường Chính trị {unit}", "Trường Chính trị", "party_board", 18, DEFAULT),
        # The Đảng ủy Khối were replaced by Party committees of the Party's agencies and of the People's Committee.
        OrganRow(
            "party_agencies_committee",
            "Đảng ủy các cơ quan Đảng {unit}",
            "ĐU các cơ quan Đảng",
            "party_committee",
            19,
            HD31 + "; replaces the Đảng ủy Khối; the name is a product default",
            "party_committee",
        ),
        OrganRow(
            "government_party_committee",
            "Đảng ủy Ủy ban nhân dân {unit}",
            "ĐU UBND",
            "party_committee",
            19,
            HD31 + "; replaces the Đảng ủy Khối; the name is a product default",
            "party_committee",
        ),
        OrganRow("peoples_council", "Hội đồng nhân dân {unit}", "HĐND {type}", "peoples_council", 20, LGOV),
        OrganRow(
            "council_office",
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân {unit}",
            "VP ĐĐBQH và HĐND",
            "department",
            21,
            DEFAULT,
            "peoples_council",
        ),
        OrganRow("peoples_committee", "Ủy ban nhân dân {unit}", "UBND {type}", "peoples_committee", 30, LGOV),
        OrganRow(
            "committee_office",
            "Văn phòng Ủy ban nhân dân {unit}",
            "VP UBND {type}",
            "department",
            31,
            B8_OFFICES,
            "peoples_committee",
        ),
        _department("dept_home_affairs", "Sở Nội vụ", "Sở Nội vụ", 32),
        _department("dept_finance", "Sở Tài chính", "Sở Tài chính", 33),
        _department("dept_construction", "Sở Xây dựng", "Sở Xây dựng", 34),
        _department("dept_agriculture_environment", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", 35),
        _department("dept_health", "Sở Y tế", "Sở Y tế", 36),
        _department("dept_education", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", 37),
        _department("dept_justice", "Sở Tư pháp", "Sở Tư pháp", 38),
        _department("dept_science", "Sở Khoa học và Công nghệ", "Sở KH&CN", 39),
        OrganRow(
            "fatherland_front",
            "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}",
            "UBMTTQ {type}",
            "fatherland_front",
            40,
            ART43,
        ),
        *_front_rows("{yw}", " {type}"),
        OrganRow(
            "labour_federation",
            "Liên đoàn Lao động {unit}",
            "LĐLĐ {type}",
            "mass_org",
            45,
            FRONT_2025,
            "fatherland_front",
        ),
    ),
)

COMMUNE_2025 = Template(
    key="commune_2025",
    level=3,
    valid_from=REFORM_DAY,
    valid_to=None,
    rows=(
        OrganRow("party_committee", "{committee}", "Đảng ủy", "party_committee", 10, B8_COMMUNE),
        OrganRow("party_standing", "Ban Thường vụ {committee}", "BTV Đảng ủy", "party_standing", 11, STANDING),
        OrganRow(
            "party_permanent",
            "Thường trực {committee}",
            "TT Đảng ủy",
            "party_permanent",
            12,
            "QĐ 11-QĐi/TW amended by KL 215-KL/TW (rules B.3): the commune head receives people ≥ 2 days a month; "
            + PERMANENT,
        ),
        OrganRow(
            "party_office", "Văn phòng {committee}", "VP Đảng ủy", "party_board", 13, HD31_COMMUNE, "party_committee"
        ),
        OrganRow(
            "party_building_board",
            "Ban Xây dựng Đảng {committee}",
            "Ban XDĐ",
            "party_board",
            14,
            HD31_COMMUNE,
            "party_committee",
        ),
        OrganRow(
            "party_inspection",
            "Ủy ban Kiểm tra {committee}",
            "UBKT Đảng ủy",
            "party_board",
            15,
            HD31_COMMUNE,
            "party_committee",
        ),
        OrganRow(
            "political_centre",
            "Trung tâm Chính trị {unit}",
            "TTCT",
            "party_board",
            16,
            "Hướng dẫn 31-HD/BTCTW, rules B.5 (≤ 20 staff where there is a political centre); " + DEFAULT,
            "party_committee",
        ),
        OrganRow("peoples_council", "Hội đồng nhân dân {unit}", "HĐND", "peoples_council", 20, LGOV),
        OrganRow("peoples_committee", "Ủy ban nhân dân {unit}", "UBND", "peoples_committee", 30, LGOV),
        OrganRow(
            "council_committee_office",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {unit}",
            "VP HĐND-UBND",
            "department",
            31,
            LGOV + "; the office's name is a product default",
            "peoples_committee",
        ),
        OrganRow(
            "office_economy",
            "Phòng Kinh tế {unit}",
            "Phòng Kinh tế",
            "department",
            32,
            REFORM + "; specialised office of a xã, name a product default",
            "peoples_committee",
            frozenset({"xa"}),
        ),
        OrganRow(
            "office_economy",
            "Phòng Kinh tế, Hạ tầng và Đô thị {unit}",
            "Phòng KT-HT-ĐT",
            "department",
            32,
            REFORM + "; specialised office of a phường or đặc khu, name a product default",
            "peoples_committee",
            frozenset({"phuong", "dac_khu"}),
        ),
        OrganRow(
            "office_culture_society",
            "Phòng Văn hóa - Xã hội {unit}",
            "Phòng VH-XH",
            "department",
            33,
            REFORM + "; specialised office, name a product default",
            "peoples_committee",
        ),
        OrganRow(
            "public_service_centre",
            "Trung tâm Phục vụ hành chính công {unit}",
            "TT PVHCC",
            "department",
            34,
            DEFAULT,
            "peoples_committee",
        ),
        OrganRow(
            "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", "UBMTTQ", "fatherland_front", 40, ART43
        ),
        *_front_rows("Đoàn TN", ""),
    ),
)

PROVINCE_LEGACY = Template(
    key="province_legacy",
    level=1,
    valid_from=None,
    valid_to=REFORM_DAY - dt.timedelta(days=1),
    rows=(
        OrganRow("party_committee", "{committee}", "{cw}", "party_committee", 10, B8_COMMITTEE),
        OrganRow("party_standing", "Ban Thường vụ {committee}", "BTV {cw}", "party_standing", 11, STANDING),
        OrganRow("party_permanent", "Thường trực {committee}", "TT {cw}", "party_permanent", 12, PERMANENT),
        OrganRow("party_office", "Văn phòng {committee}", "VP {cw}", "party_board", 13, B8_OFFICES, "party_committee"),
        OrganRow(
            "party_organisation_board",
            "Ban Tổ chức {committee}",
            "BTC {cw}",
            "party_board",
            14,
            "Seed 001; " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "party_propaganda_board",
            "Ban Tuyên giáo {committee}",
            "BTG {cw}",
            "party_board",
            15,
            "Seed 002; " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "party_mass_mobilisation_board",
            "Ban Dân vận {committee}",
            "BDV {cw}",
            "party_board",
            16,
            "Seed 002; " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "party_inspection",
            "Ủy ban Kiểm tra {committee}",
            "UBKT {cw}",
            "party_board",
            17,
            "Seed 003; " + DEFAULT,
            "party_committee",
        ),
        OrganRow(
            "bloc_party_committee",
            "Đảng ủy Khối các cơ quan và doanh nghiệp {unit}",
            "ĐUK",
            "party_committee",
            18,
            "Seed 002 (Hướng dẫn của Đảng ủy Khối); replaced in the 2025 reorganisation (rules B.5)",
            "party_committee",
        ),
        OrganRow("political_school", "Trường Chính trị {unit}", "Trường Chính trị", "party_board", 19, DEFAULT),
        OrganRow("peoples_council", "Hội đồng nhân dân {unit}", "HĐND {type}", "peoples_council", 20, DEFAULT),
        OrganRow("peoples_committee", "Ủy ban nhân dân {unit}", "UBND {type}", "peoples_committee", 30, DEFAULT),
        _department("dept_home_affairs", "Sở Nội vụ", "Sở Nội vụ", 32),
        _department("dept_finance", "Sở Tài chính", "Sở Tài chính", 33),
        OrganRow(
            "fatherland_front",
            "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}",
            "UBMTTQ {type}",
            "fatherland_front",
            40,
            DEFAULT,
        ),
    ),
)

COMMUNE_LEGACY = Template(
    key="commune_legacy",
    level=3,
    valid_from=None,
    valid_to=REFORM_DAY - dt.timedelta(days=1),
    rows=(
        OrganRow("party_committee", "{committee}", "Đảng ủy", "party_committee", 10, DEFAULT),
        OrganRow("peoples_council", "Hội đồng nhân dân {unit}", "HĐND", "peoples_council", 20, DEFAULT),
        OrganRow("peoples_committee", "Ủy ban nhân dân {unit}", "UBND", "peoples_committee", 30, DEFAULT),
        OrganRow(
            "fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", "UBMTTQ", "fatherland_front", 40, DEFAULT
        ),
    ),
)

TEMPLATES = (PROVINCE_2025, COMMUNE_2025, PROVINCE_LEGACY, COMMUNE_LEGACY)
