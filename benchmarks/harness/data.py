"""``make bench-data SCALE=province|nation``: build the benchmark database through the services.

Usage (from the repository root)::

    python -m benchmarks.harness.data --scale province [--seed 20260701] [--keep]

Creates (drops first) the PostgreSQL database ``SAUSAT_BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/sausat_bench``), migrates it, loads the administrative units,
the holiday calendar and the people demo cast (logins for the harness), then runs every registered
generator in order. Everything is written through the apps' services (audited, validated), in
batches of one transaction each; rows are never kept in memory beyond a batch. Deterministic: each
generator gets its own ``random.Random`` seeded from ``--seed`` and its name.

Scales (issue 7):
- province: Ho Chi Minh City (p79, 168 communes); 2,000 persons. The demo cast (leader,
  secretary, responder of the Department of Home Affairs) is granted the same roles there.
- nation: 34 provinces, 3,321 communes at the same density (2,000 persons per 168 communes).

Generators form a registry (:func:`generator`); the opinions, directives and liaison entries are
placeholders that skip with a reason until those apps' services and generators exist. An app fills
its placeholder from a module ``benchmarks/harness/gen_<app>.py`` (imported automatically)::

    from benchmarks.harness.data import ACTOR, GenContext, _atomic_batches, plug

    def generate(ctx: GenContext) -> dict:
        rng = ctx.rng("meetings+opinions")
        ...  # call sausat.<app>.services in batches: _atomic_batches(iterator, work)
        return {"opinions": n}

    plug("meetings+opinions", generate)

The placeholder's ``requires`` list still applies: if a service it names is missing the step is
skipped with "app not ready" (edit the list when the service names settle).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sausat.core.actors import SystemActor

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import db as benchdb  # noqa: E402

SEED = 20260701
# The system actor of every generated write: set by build() after django.setup() (core.actors
# imports the auth models, which need a configured Django); gen_* modules import it after that.
ACTOR: SystemActor
PERSONS_PER_168_COMMUNES = 2000
BATCH = 250
# The province scale: Ho Chi Minh City, the province with the most communes (168) since 1/7/2025.
PROVINCE_CODE = "p79"
# Demo cast members who get the same role at the bench province (see gen_bench_cast), so the
# harness's logged-in sessions see the generated data.
BENCH_CAST = [("lanhdao", "LEADER", None), ("vanphong", "SECRETARY", None), ("traloi", "RESPONDER", "Sở Nội vụ")]
# The demo commune cadre works at the bench province's first commune (the one ``theodoi`` leads in
# gen_liaison), so each role's home can be measured on province-scale data (ops_home.py).
BENCH_COMMUNE_CAST = [("xa_a", "COMMUNE_CADRE")]


@dataclass
class Scale:
    name: str
    province_codes: list[str] | None  # None = every current province
    persons: int | None  # None = same density as the province scale

    def persons_for(self, communes: int) -> int:
        if self.persons is not None:
            return self.persons
        return round(PERSONS_PER_168_COMMUNES * communes / 168)


SCALES = {
    "province": Scale("province", [PROVINCE_CODE], PERSONS_PER_168_COMMUNES),
    "nation": Scale("nation", None, None),
}


@dataclass
class GenContext:
    scale: Scale
    seed: int
    stats: dict[str, Any] = field(default_factory=dict)
    # Multiplies every app generator's volumes (``--factor 0.02`` for a smoke run); 1.0 = the figures.
    factor: float = 1.0
    # At nation scale the provinces other than the first (the one the harness measures) get their
    # app data at this fraction of the density: through the services a full-density province costs
    # tens of minutes on 2 cores, 34 of them a night. ``--other-provinces-factor 1`` builds it all.
    others_factor: float = 0.1

    def n(self, full: int, minimum: int = 1, province=None) -> int:
        """``full`` scaled by ``factor`` (never below ``minimum``); pass ``province`` for per-province
        volumes so the other provinces of the nation scale get ``others_factor`` of it."""
        factor = self.factor
        if province is not None and province.pk != self.bench_province_id:
            factor *= self.others_factor
        return max(minimum, round(full * factor))

    @property
    def bench_province_id(self) -> int | None:
        if "bench_province_id" not in self.stats:
            first = self.provinces().filter(code=PROVINCE_CODE).first() or self.provinces().first()
            self.stats["bench_province_id"] = first.pk if first else None
        return self.stats["bench_province_id"]

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def provinces(self):
        from sausat.geo.models import AdministrativeUnit, Level

        qs = AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code")
        if self.scale.province_codes is not None:
            qs = qs.filter(code__in=self.scale.province_codes)
        return qs

    def communes(self):
        from sausat.geo.models import AdministrativeUnit, Level

        return (
            AdministrativeUnit.objects.current()
            .filter(level=Level.COMMUNE, parent__in=self.provinces())
            .order_by("parent__code", "code")
        )


@dataclass
class Generator:
    name: str
    fn: Callable[[GenContext], dict[str, Any]] | None
    requires: list[str] = field(default_factory=list)  # "module:function" that must exist
    todo: str = ""


GENERATORS: list[Generator] = []


def generator(name: str, *, requires: list[str] | None = None, todo: str = ""):
    """Register ``fn(ctx) -> stats`` as a generator (run in registration order)."""

    def decorator(fn):
        GENERATORS.append(Generator(name, fn, requires or [], todo))
        return fn

    return decorator


def plug(name: str, fn: Callable[[GenContext], dict[str, Any]]) -> None:
    """Fill in the placeholder generator ``name`` (from a ``benchmarks/harness/gen_<app>.py`` module)."""
    for gen in GENERATORS:
        if gen.name == name:
            gen.fn = fn
            return
    GENERATORS.append(Generator(name, fn))


def load_plugins() -> None:
    """Import every ``benchmarks.harness.gen_*`` module; each calls :func:`plug`."""
    import pkgutil

    import benchmarks.harness as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("gen_"):
            importlib.import_module(f"benchmarks.harness.{info.name}")


def missing_requirements(gen: Generator) -> list[str]:
    missing = []
    for dotted in gen.requires:
        module_name, _, attr = dotted.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(dotted)
            continue
        if attr and not callable(getattr(module, attr, None)):
            missing.append(dotted)
    return missing


def batched[T](items: Iterator[T], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _atomic_batches(items: Iterator, work: Callable[[Any], int], size: int = BATCH) -> int:
    from django.db import reset_queries, transaction

    done = 0
    for batch in batched(items, size):
        with transaction.atomic():
            for item in batch:
                done += work(item)
        reset_queries()
    return done


# --- foundation generators --------------------------------------------------------------------


@generator("organs", requires=["sausat.people.services:seed_organs"])
def gen_organs(ctx: GenContext) -> dict[str, Any]:
    """The 2025 organ template at every province and commune of the scale."""
    from sausat.people.data import organ_templates
    from sausat.people.models import Organ
    from sausat.people.services import seed_organs

    def province(unit) -> int:
        return len(seed_organs(actor=ACTOR, unit=unit, template=organ_templates.PROVINCE_2025))

    def commune(unit) -> int:
        return len(seed_organs(actor=ACTOR, unit=unit, template=organ_templates.COMMUNE_2025))

    _atomic_batches(ctx.provinces().iterator(), province, size=10)
    _atomic_batches(ctx.communes().iterator(), commune, size=50)
    return {"provinces": ctx.provinces().count(), "communes": ctx.communes().count(), "organs": Organ.objects.count()}


@generator("bench cast", requires=["sausat.people.services:grant_role"])
def gen_bench_cast(ctx: GenContext) -> dict[str, Any]:
    """The harness logs in as demo users: give them their roles at the first bench province too."""
    from django.contrib.auth import get_user_model

    from sausat.people.models import Organ, Role, RoleGrant
    from sausat.people.services import grant_role

    province = ctx.provinces().get(pk=ctx.bench_province_id)
    granted = 0
    for username, role, organ_short in BENCH_CAST:
        user = get_user_model().objects.get(username=username)
        organ = Organ.objects.filter(unit=province, short_name=organ_short).first() if organ_short else None
        if not RoleGrant.objects.filter(user=user, role=Role[role], unit=province).exists():
            grant_role(actor=ACTOR, user=user, role=Role[role], unit=province, organ=organ)
            granted += 1
    commune = ctx.communes().filter(parent=province).first()
    for username, role in BENCH_COMMUNE_CAST if commune else []:
        user = get_user_model().objects.get(username=username)
        if not RoleGrant.objects.filter(user=user, role=Role[role], unit=commune).exists():
            grant_role(actor=ACTOR, user=user, role=Role[role], unit=commune)
            granted += 1
    return {"province": province.code, "grants": granted}


# Commune posts: (title, organ short name, leadership); persons cycle through them.
COMMUNE_POSTS = [
    ("Bí thư Đảng ủy", "Đảng ủy", True),
    ("Chủ tịch Ủy ban nhân dân", "UBND", True),
    ("Phó Chủ tịch Ủy ban nhân dân", "UBND", True),
    ("Chủ tịch Hội đồng nhân dân", "HĐND", True),
    ("Chủ tịch Ủy ban MTTQ Việt Nam", "UBMTTQ", True),
    ("Công chức Văn phòng - Thống kê", "UBND", False),
    ("Công chức Tư pháp - Hộ tịch", "UBND", False),
    ("Công chức Địa chính - Xây dựng", "UBND", False),
    ("Chuyên viên Văn phòng Đảng ủy", "Đảng ủy", False),
    ("Công chức Văn hóa - Xã hội", "UBND", False),
    ("Phó Chủ tịch Ủy ban MTTQ Việt Nam", "UBMTTQ", False),
    ("Ủy viên Ban Thường vụ Đảng ủy", "Đảng ủy", True),
]


def _names(rng: random.Random) -> Iterator[tuple[str, str]]:
    from benchmarks.person_search import FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M

    families = [f for f, _w in FAMILY]
    weights = [w for _f, w in FAMILY]
    while True:
        female = rng.random() < 0.45
        parts = [rng.choices(families, weights)[0], rng.choice(MIDDLE_F if female else MIDDLE_M)]
        if rng.random() < 0.25:
            parts.append(rng.choice(MIDDLE_F if female else MIDDLE_M))
        parts.append(rng.choice(GIVEN_F if female else GIVEN_M))
        yield " ".join(parts), "female" if female else "male"


@generator(
    "persons",
    requires=["sausat.people.services:create_person", "sausat.people.services:assign_position"],
)
def gen_persons(ctx: GenContext) -> dict[str, Any]:
    """Persons spread evenly over the scale's communes, each holding one commune post."""
    import datetime as dt

    from sausat.people.models import Organ, Person, Position
    from sausat.people.services import assign_position, create_person

    rng = ctx.rng("persons")
    communes = list(ctx.communes().values_list("id", flat=True))  # ids only: 3,321 ints at nation scale
    total = ctx.scale.persons_for(len(communes))
    names = _names(rng)
    from sausat.geo.models import AdministrativeUnit

    def items() -> Iterator[tuple[int, int]]:
        for i in range(total):
            yield i, communes[i % len(communes)]

    organ_cache: dict[tuple[int, str], Organ | None] = {}

    def organ_at(unit_id: int, short: str) -> Organ | None:
        key = (unit_id, short)
        if key not in organ_cache:
            if len(organ_cache) > 2000:
                organ_cache.clear()
            organ_cache[key] = Organ.objects.filter(unit_id=unit_id, short_name=short).first()
        return organ_cache[key]

    def one(item: tuple[int, int]) -> int:
        i, unit_id = item
        name, gender = next(names)
        unit = AdministrativeUnit(pk=unit_id)
        person = create_person(
            actor=ACTOR, full_name=name, home_unit=unit, gender=gender, birth_year=rng.randint(1965, 2000)
        )
        title, short, leadership = COMMUNE_POSTS[(i // len(communes)) % len(COMMUNE_POSTS)]
        assign_position(
            actor=ACTOR,
            person=person,
            title=title,
            unit=unit,
            organ=organ_at(unit_id, short),
            start_date=dt.date(2025, 7, 1),
            is_leadership=leadership,
            sort_order=(i // len(communes)) % len(COMMUNE_POSTS),
        )
        return 1

    created = _atomic_batches(items(), one)
    return {"persons_created": created, "persons": Person.objects.count(), "positions": Position.objects.count()}


# --- app generators: placeholders until the apps land (issue 7, second part) ------------------

GENERATORS.append(
    Generator(
        "meetings+opinions",
        None,
        requires=[
            "sausat.meetings.services:create_meeting",
            "sausat.opinions.services:register_opinion",
            "sausat.opinions.services:create_group",
            "sausat.opinions.services:answer_opinion",
        ],
        todo="12 conferences, one with 10,000 opinions in 5 groups, 50,000 answers, notes and history "
        "(one opinion with 200)",
    )
)
GENERATORS.append(
    Generator(
        "directives",
        None,
        requires=["sausat.directives.services:add_task", "sausat.directives.services:report_progress"],
        todo="5,000 tasks across 80 bodies with 20,000 progress reports",
    )
)
GENERATORS.append(
    Generator(
        "liaison",
        None,
        requires=["sausat.liaison.services:assign_cadre", "sausat.liaison.services:log_activity"],
        todo="2 years of liaison activity",
    )
)


# --- driver -----------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def build(
    scale: Scale,
    seed: int,
    url: str,
    factor: float = 1.0,
    only: list[str] | None = None,
    append: bool = False,
    others_factor: float = 0.1,
) -> dict[str, Any]:
    """Create the database at ``url`` and fill it; returns a report (times, counts, peak memory)."""
    from benchmarks.harness.server import production_env

    report: dict[str, Any] = {"scale": scale.name, "seed": seed, "database": url, "steps": []}
    t_all = time.perf_counter()

    def step(name: str, started: float, **info: Any) -> None:
        entry = {"step": name, "seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": peak_rss_mb(), **info}
        report["steps"].append(entry)
        print(json.dumps(entry, ensure_ascii=False), flush=True)

    t = time.perf_counter()
    if not append:
        benchdb.create_database(url)
    work = Path(tempfile.mkdtemp(prefix="sausat-bench-data-"))
    env = production_env(url, work)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from sausat.core.actors import SystemActor

    global ACTOR
    ACTOR = SystemActor(reason="bench_data")

    call_command("migrate", verbosity=0)
    step("create + migrate" if not append else "migrate (append)", t)

    if not append:
        t = time.perf_counter()
        from sausat.geo.loader import load_units

        load_units()
        step("load_units", t)

        t = time.perf_counter()
        from sausat.core.services import seed_calendar
        from sausat.people import demo as people_demo

        seed_calendar()
        people_demo.seed()
        step("calendar + people demo cast (logins)", t)

    ctx = GenContext(scale=scale, seed=seed, factor=factor, others_factor=others_factor)
    # gen_directives / gen_liaison read the same density from the environment.
    os.environ.setdefault("SAUSAT_BENCH_NATION_DENSITY", str(others_factor))
    load_plugins()
    for gen in GENERATORS:
        if only and gen.name not in only and (append or gen.name not in ("organs", "bench cast", "persons")):
            continue
        missing = missing_requirements(gen)
        if missing:
            entry = {"step": gen.name, "skipped": "app not ready: missing " + ", ".join(missing), "todo": gen.todo}
            report["steps"].append(entry)
            print(json.dumps(entry, ensure_ascii=False), flush=True)
            continue
        if gen.fn is None:
            entry = {"step": gen.name, "skipped": "generator not written yet (TODO)", "todo": gen.todo}
            report["steps"].append(entry)
            print(json.dumps(entry, ensure_ascii=False), flush=True)
            continue
        t = time.perf_counter()
        stats = gen.fn(ctx)
        step(gen.name, t, **stats)

    from django.db import connection

    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    step("vacuum analyze", t, database_mb=round(size / 1024 / 1024, 1))
    from sausat.core.models import AuditEvent

    report["audit_rows"] = AuditEvent.objects.count()
    report["total_seconds"] = round(time.perf_counter() - t_all, 1)
    report["peak_rss_mb"] = peak_rss_mb()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default=os.environ.get("SCALE", "province"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--url", default=benchdb.bench_url())
    parser.add_argument("--persons", type=int, help="Override the number of persons (smoke runs).")
    parser.add_argument("--factor", type=float, default=1.0, help="Scale the app volumes (smoke runs: 0.02).")
    parser.add_argument(
        "--other-provinces-factor",
        type=float,
        default=0.1,
        help="Nation scale: app data density of the provinces other than the measured one (1 = full).",
    )
    parser.add_argument(
        "--append", action="store_true", help="Keep the existing database and run only the --only generators."
    )
    parser.add_argument("--only", default="", help="Comma-separated generator names to run (others skipped).")
    parser.add_argument("--province", default=PROVINCE_CODE, help="Province code of the province scale.")
    parser.add_argument("--report", default=str(ROOT / "benchmarks" / "results" / "bench-data.json"))
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    if scale.name == "province":
        scale = dataclasses.replace(scale, province_codes=[args.province])
    if args.persons is not None:
        scale = dataclasses.replace(scale, persons=args.persons)
    report = build(
        scale,
        args.seed,
        args.url,
        factor=args.factor,
        only=[x for x in args.only.split(",") if x],
        append=args.append,
        others_factor=args.other_provinces_factor,
    )
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"bench data ({scale.name}) ready in {report['total_seconds']} s, peak RSS {report['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    # Run the imported module's main: gen_* plugins register into ``benchmarks.harness.data``,
    # not into this ``__main__`` copy.
    from benchmarks.harness import data as _data

    raise SystemExit(_data.main())
