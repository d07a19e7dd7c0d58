"""Benchmark: diacritics-insensitive person search over 100,000 generated persons.

Usage: python benchmarks/person_search.py [--db sqlite|postgresql|both] [--persons N] [--queries N]

The fixture is generated with a fixed seed: realistic Vietnamese names (family names weighted by
their frequency, gendered middle names, common given names) spread over the current communes.
Rows are bulk-inserted (the benchmark measures search, not the audited create service), with
``search_key``/``match_key`` computed by textkit exactly as the service does. Each query runs
what the people directory runs: the count and the first page of 25 from ``search_persons``, for
a system admin (no scope filter) and for a provincial leader (scope filter + public office holders).
Target: median < 50 ms on both databases.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sausat.core.actors import SystemActor

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway_db import DEFAULT_PG, drop_postgres, prepare_database

SEED = 20260701
FAMILY = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 25),
    ("Phan", 45),
    ("Vũ", 25),
    ("Võ", 20),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trương", 6),
    ("Lâm", 4),
    ("Mai", 4),
    ("Trịnh", 4),
    ("Đoàn", 4),
    ("Cao", 3),
    ("Lương", 3),
    ("Tạ", 2),
    ("Hà", 3),
    ("Thái", 2),
    ("Châu", 1),
    ("Quách", 1),
    ("Lò", 1),
    ("Kiều", 1),
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Trọng", "Tiến", "Anh", "Hoàng", "Ngọc"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Thùy", "Phương", "Bích", "Hoài"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thanh",
    "Tiến",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
    "Hoà",
    "Huyến",
    "Châu",
    "Mãi",
    "Khoa",
    "Lộc",
    "Nghĩa",
    "Quý",
    "Thuận",
    "Tâm",
    "Đạt",
    "Kiên",
    "Lâm",
]
GIVEN_F = [
    "Anh",
    "Bích",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hương",
    "Huyền",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Uyên",
    "Vân",
    "Yến",
    "Xuân",
    "Hồng",
    "Thoa",
    "Ánh",
    "Diệp",
    "Ly",
    "Nhi",
    "Trâm",
    "Thư",
    "Tú",
]
QUERIES = [
    "nguyen van an",
    "tran thi mai",
    "le thanh",
    "pham minh tuan",
    "hoang",
    "huynh ngoc",
    "dang van hung",
    "vu thi",
    "bui quoc viet",
    "do huu",
    "ho thi hoa",
    "ngo",
    "duong van",
    "ly thi lan",
    "dinh cong",
    "truong xuan",
    "lam",
    "mai thi thu",
    "trinh",
    "doan van",
    "cao van trong",
    "luong",
    "ta",
    "ha thi",
    "thai thu",
    "chau",
    "quach",
    "lo van",
    "kieu",
    "nguyen thi huyen",
    "NGUYEN VAN A",
    "Trần Văn Huyến",
    "phan viet cuong",
    "le tien chau",
    "dong van thanh",
    "thanh",
    "huyen",
    "mai",
    "loc",
    "nghia",
    "nguyen",
    "tran",
    "van",
    "thi",
    "xyz khong co",
    "nguyễn văn bình",
    "hoà",
    "hoa",
    "thuy",
    "quynh",
]


def generate(n: int, communes: list, rng: random.Random) -> list[tuple[str, str, object]]:
    families = [f for f, _w in FAMILY]
    weights = [w for _f, w in FAMILY]
    rows = []
    for _ in range(n):
        female = rng.random() < 0.45
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        parts = [rng.choices(families, weights)[0], middle]
        if rng.random() < 0.25:
            parts.append(rng.choice(MIDDLE_F if female else MIDDLE_M))
        parts.append(given)
        rows.append((" ".join(parts), "female" if female else "male", rng.choice(communes)))
    return rows


def measure(kind: str, pg_url: str, persons: int, queries: int) -> dict:
    prepare_database(kind, pg_url)
    from django.contrib.auth import get_user_model
    from django.core.paginator import Paginator
    from django.db import connection

    from sausat.geo.loader import load_units
    from sausat.geo.models import AdministrativeUnit, Level
    from sausat.people import services
    from sausat.people.models import Person, Role
    from sausat.people.selectors import search_persons
    from sausat.textkit.normalize import match_key, normalize_line, search_key

    load_units()
    communes = list(AdministrativeUnit.objects.current().filter(level=Level.COMMUNE))
    rng = random.Random(SEED)
    start = time.perf_counter()
    batch = []
    for name, gender, unit in generate(persons, communes, rng):
        name = normalize_line(name)
        batch.append(
            Person(
                full_name=name, gender=gender, home_unit=unit, search_key=search_key(name), match_key=match_key(name)
            )
        )
    Person.objects.bulk_create(batch, batch_size=5000)
    fixture_s = time.perf_counter() - start
    if kind == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    User = get_user_model()
    admin = User.objects.create_superuser("bench_admin", password="x")  # noqa: S106
    leader = User.objects.create_user("bench_leader", password="x")  # noqa: S106
    province = AdministrativeUnit.objects.get(code="p92")
    services.grant_role(actor=SystemActor(reason="bench"), user=leader, role=Role.LEADER, unit=province)

    def run(user, query):
        fresh = User.objects.get(pk=user.pk)  # a request loads the user anew
        page = Paginator(search_persons(fresh, query), 25).get_page(1)
        return page.paginator.count, [p.full_name for p in page]

    chosen = (QUERIES * (queries // len(QUERIES) + 1))[:queries]
    result = {"db": kind, "persons": Person.objects.count(), "fixture_s": round(fixture_s, 1)}
    for label, user in (("admin", admin), ("leader", leader)):
        for q in chosen[:3]:
            run(user, q)  # warm-up
        times, hits = [], []
        for q in chosen:
            t0 = time.perf_counter()
            count, _page = run(user, q)
            times.append((time.perf_counter() - t0) * 1000)
            hits.append(count)
        result[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 1),
            "max_ms": round(max(times), 1),
            "median_hits": int(statistics.median(hits)),
        }
    assert run(admin, "nguyen van an")[0] > 0
    if kind == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'people_person' AND indexdef ILIKE '%gin%'"
            )
            result["trgm_indexes"] = [r[0] for r in cursor.fetchall()]
        drop_postgres(pg_url)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.db, args.pg_url, args.persons, args.queries)))
        return
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--db",
                kind,
                "--pg-url",
                args.pg_url,
                "--persons",
                str(args.persons),
                "--queries",
                str(args.queries),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{kind}: failed\n{proc.stderr[-3000:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"{kind}: {r['persons']} persons (fixture {r['fixture_s']} s){' indexes ' + str(r.get('trgm_indexes')) if kind == 'postgresql' else ''}"
        )
        for label in ("admin", "leader"):
            m = r[label]
            verdict = "OK" if m["median_ms"] < 50 else "over the 50 ms target"
            print(
                f"  as {label:<6}: median {m['median_ms']} ms ({verdict}), p90 {m['p90_ms']} ms, max {m['max_ms']} ms, median hits {m['median_hits']}"
            )


if __name__ == "__main__":
    main()
