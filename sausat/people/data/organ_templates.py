"""Organ templates by level, as dated data.

The 2025 template reflects the two-tier structure (from 1/7/2025): the Propaganda and Mass
Mobilisation boards merged, and mass organisations sit under the Fatherland Front. The legacy
template is used for records of the pre-2025 provinces.
"""

import datetime as dt

# (name pattern, short name, kind, sort order); "{unit}" is the unit's short name.
PROVINCE_2025 = {
    "valid_from": dt.date(2025, 7, 1),
    "organs": [
        ("Tỉnh ủy {unit}", "Tỉnh ủy", "party_committee", 10),
        ("Ban Thường vụ Tỉnh ủy {unit}", "BTV Tỉnh ủy", "party_standing", 11),
        ("Văn phòng Tỉnh ủy {unit}", "VP Tỉnh ủy", "party_board", 12),
        ("Ban Tổ chức Tỉnh ủy {unit}", "BTC Tỉnh ủy", "party_board", 13),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy {unit}", "BTGDV Tỉnh ủy", "party_board", 14),
        ("Ủy ban Kiểm tra Tỉnh ủy {unit}", "UBKT Tỉnh ủy", "party_board", 15),
        ("Ban Nội chính Tỉnh ủy {unit}", "BNC Tỉnh ủy", "party_board", 16),
        ("Hội đồng nhân dân tỉnh {unit}", "HĐND tỉnh", "peoples_council", 20),
        ("Ủy ban nhân dân tỉnh {unit}", "UBND tỉnh", "peoples_committee", 30),
        ("Văn phòng Ủy ban nhân dân tỉnh {unit}", "VP UBND tỉnh", "department", 31),
        ("Sở Nội vụ tỉnh {unit}", "Sở Nội vụ", "department", 32),
        ("Sở Tài chính tỉnh {unit}", "Sở Tài chính", "department", 33),
        ("Sở Xây dựng tỉnh {unit}", "Sở Xây dựng", "department", 34),
        ("Sở Nông nghiệp và Môi trường tỉnh {unit}", "Sở NN&MT", "department", 35),
        ("Sở Y tế tỉnh {unit}", "Sở Y tế", "department", 36),
        ("Sở Giáo dục và Đào tạo tỉnh {unit}", "Sở GD&ĐT", "department", 37),
        ("Sở Tư pháp tỉnh {unit}", "Sở Tư pháp", "department", 38),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {unit}", "UBMTTQ tỉnh", "fatherland_front", 40),
        ("Hội Nông dân tỉnh {unit}", "Hội ND tỉnh", "mass_org", 41),
        ("Hội Liên hiệp Phụ nữ tỉnh {unit}", "Hội LHPN tỉnh", "mass_org", 42),
        ("Tỉnh Đoàn {unit}", "Tỉnh Đoàn", "mass_org", 43),
        ("Hội Cựu chiến binh tỉnh {unit}", "Hội CCB tỉnh", "mass_org", 44),
        ("Liên đoàn Lao động tỉnh {unit}", "LĐLĐ tỉnh", "mass_org", 45),
    ],
}

COMMUNE_2025 = {
    "valid_from": dt.date(2025, 7, 1),
    "organs": [
        ("Đảng ủy {unit}", "Đảng ủy", "party_committee", 10),
        ("Hội đồng nhân dân {unit}", "HĐND", "peoples_council", 20),
        ("Ủy ban nhân dân {unit}", "UBND", "peoples_committee", 30),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", "UBMTTQ", "fatherland_front", 40),
    ],
}

PROVINCE_LEGACY = {
    "valid_to": dt.date(2025, 6, 30),
    "organs": [
        ("Tỉnh ủy {unit}", "Tỉnh ủy", "party_committee", 10),
        ("Ban Thường vụ Tỉnh ủy {unit}", "BTV Tỉnh ủy", "party_standing", 11),
        ("Văn phòng Tỉnh ủy {unit}", "VP Tỉnh ủy", "party_board", 12),
        ("Ban Tổ chức Tỉnh ủy {unit}", "BTC Tỉnh ủy", "party_board", 13),
        ("Ban Tuyên giáo Tỉnh ủy {unit}", "BTG Tỉnh ủy", "party_board", 14),
        ("Ban Dân vận Tỉnh ủy {unit}", "BDV Tỉnh ủy", "party_board", 15),
        ("Ủy ban Kiểm tra Tỉnh ủy {unit}", "UBKT Tỉnh ủy", "party_board", 16),
        ("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh {unit}", "ĐUK", "party_board", 17),
        ("Trường Chính trị tỉnh {unit}", "Trường Chính trị", "party_board", 18),
        ("Hội đồng nhân dân tỉnh {unit}", "HĐND tỉnh", "peoples_council", 20),
        ("Ủy ban nhân dân tỉnh {unit}", "UBND tỉnh", "peoples_committee", 30),
        ("Sở Nội vụ tỉnh {unit}", "Sở Nội vụ", "department", 32),
        ("Sở Tài chính tỉnh {unit}", "Sở Tài chính", "department", 33),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {unit}", "UBMTTQ tỉnh", "fatherland_front", 40),
    ],
}
