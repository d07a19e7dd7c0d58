"""Benchmark: load every administrative unit from ``vietnam-provinces`` into an empty database.

Usage: python benchmarks/geo_load.py [--db sqlite|postgresql|both] [--pg-url URL]
Target: < 20 s on SQLite. Each database is measured in its own process on a fresh, migrated DB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway_db import DEFAULT_PG, drop_postgres, prepare_database


def measure(kind: str, pg_url: str) -> dict:
    prepare_database(kind, pg_url)
    from sausat.geo.loader import load_units
    from sausat.geo.models import AdministrativeUnit, UnitSuccession

    start = time.perf_counter()
    report = load_units()
    first = time.perf_counter() - start
    start = time.perf_counter()
    load_units()
    second = time.perf_counter() - start
    result = {
        "db": kind,
        "first_load_s": round(first, 2),
        "second_load_s": round(second, 2),
        "units": AdministrativeUnit.objects.count(),
        "successions": UnitSuccession.objects.count(),
        "created": report.created,
    }
    if kind == "postgresql":
        drop_postgres(pg_url)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.db, args.pg_url)))
        return
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for kind in kinds:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--db", kind, "--pg-url", args.pg_url],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{kind}: failed\n{proc.stderr[-2000:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        verdict = "OK" if r["first_load_s"] < 20 else "over the 20 s target"
        print(
            f"{kind:<10} first load {r['first_load_s']:6.2f} s ({verdict}), re-run {r['second_load_s']:6.2f} s, "
            f"{r['units']} units, {r['successions']} successor links"
        )


if __name__ == "__main__":
    main()
