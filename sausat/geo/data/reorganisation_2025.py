"""The 2025 reorganisation as dated data (see shared domain notes, B.5).

The ``vietnam-provinces`` package's Python objects mark Quảng Ninh, Bắc Ninh and Đồng Nai as
centrally-run cities while its bundled JSON does not. Resolution 202/2025/QH15 names six cities;
this list is authoritative and the loader warns when the package disagrees.
"""

import datetime as dt

EFFECTIVE_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE = dt.date(2025, 6, 30)
PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
COMMUNE_LEGAL_BASIS = "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"

# Official codes of the six centrally-run cities (NQ 202/2025/QH15).
CENTRAL_CITY_CODES = frozenset({1, 31, 46, 48, 79, 92})
EXPECTED_COUNTS = {"provinces": 34, "communes": 3321, "xa": 2621, "phuong": 687, "dac_khu": 13}
LEGACY_EXPECTED_COUNTS = {"provinces": 63, "districts": 696, "communes": 10051}
