"""``make security``: attack a production-mode server this command starts itself.

    python -m probes.security [--budget ci|full] [--only fuzz,matrix,corpus,anonymity]

Steps: a scratch database (SQLite, or PostgreSQL next to SAUSAT_DATABASE_URL) migrated, units
loaded and the demo seeded; gunicorn with DEBUG off and a generated secret key; then

a. schemathesis over /api/v1/openapi.json as several roles (probes/api_fuzz.py; zero 5xx),
b. the role × object × action matrix (probes/matrix.py; zero violations, no unclassified route),
c. the bad-input corpus through forms, API, uploads and exports (probes/badinput.py),
d. the anonymity timing attack (probes/anonymity.py).

Prints counts and every violation; exits 1 on any violation.  ``--budget ci`` keeps the fuzzing
small so the whole run stays within a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from probes import facts as F
from probes.target import DEMO_PASSWORD, Target

BUDGETS = {
    "ci": {"fuzz_roles": "vanphong,xa_b,anonymous", "fuzz_examples": 5, "fuzz_time": 20},
    "full": {
        "fuzz_roles": "quantri,lanhdao,vanphong,traloi,theodoi,xa_a,xa_b,congdan,anonymous",
        "fuzz_examples": 50,
        "fuzz_time": 0,
    },
}


def _probe_actor():
    # Imported late: the probes import this module before django.setup() has run.
    from sausat.core.actors import SystemActor

    return SystemActor(reason="probe")


def issue_keys() -> dict[str, str]:
    from django.contrib.auth import get_user_model

    from sausat.core.tokens import issue_token

    keys = {}
    for name in F.ROLES[:-1]:
        _token, key = issue_token(
            actor=_probe_actor(), user=get_user_model().objects.get(username=name), name="probe matrix"
        )
        keys[name] = key
    return keys


def make_job(username: str) -> None:
    from django.contrib.auth import get_user_model

    from sausat.core.jobs import enqueue
    from sausat.directives.reminders import reminders_job

    # Any task will do: the matrix needs a job row owned by ``username`` (its status page, its file).
    enqueue(
        reminders_job, args={}, actor=get_user_model().objects.get(username=username), dedup_key=f"probe-{username}"
    )


def run_fuzz(target: Target, budget: dict) -> list[str]:
    cmd = [
        sys.executable,
        "probes/api_fuzz.py",
        "--base-url",
        target.base_url,
        "--roles",
        budget["fuzz_roles"],
        "--max-examples",
        str(budget["fuzz_examples"]),
        "--max-time",
        str(budget["fuzz_time"]),
    ]
    proc = subprocess.run(
        cmd, cwd=str(target.env["PYTHONPATH"]), env=target.env, capture_output=True, text=True, check=False
    )
    tail = (proc.stdout + proc.stderr).strip().splitlines()
    shown, in_failures = [], False
    for line in tail:
        # Keep each failure's block (operation, status, reproducing curl) so a 5xx can be fixed.
        if "FAILURES" in line or "WARNINGS" in line:
            in_failures = "FAILURES" in line
        if in_failures or line.startswith(("==", "api_fuzz:")) or "Failures" in line:
            shown.append(line)
    print("\n".join(shown), flush=True)
    return [] if proc.returncode == 0 else [f"5xx or failure in schemathesis: {tail[-1] if tail else proc.returncode}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", choices=sorted(BUDGETS), default="full")
    parser.add_argument("--only", default="fuzz,matrix,corpus,anonymity")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    steps = set(args.only.split(","))
    budget = BUDGETS[args.budget]
    started = time.monotonic()
    summary: dict[str, str] = {}
    violations: list[str] = []
    with Target(workers=args.workers) as target:
        target.use_django()
        print(
            f"target {target.base_url} on {target.database_url.split('@')[-1]} ready in {time.monotonic() - started:.0f} s {target.timings}"
        )
        from sausat.people.demo import cast_units

        units = cast_units()
        if "anonymity" in steps:
            from probes import anonymity

            t = time.monotonic()
            out = anonymity.run(target.base_url, DEMO_PASSWORD)
            summary["anonymity"] = (
                f"{out['opinions']} anonymous opinions, hits {out['hits']} (limit {out['limit']}), {time.monotonic() - t:.0f} s"
            )
            violations += out["violations"]
        make_job("vanphong")
        actors = F.load_actors()
        samples = F.load_samples(
            units["commune_a"].scope_path, units["commune_b"].scope_path, units["province"].scope_path
        )
        sessions = {name: target.login(name) for name in F.ROLES if name != "anonymous"}
        keys = issue_keys()
        from probes.matrix import Client

        if "matrix" in steps:
            from probes import matrix

            t = time.monotonic()
            res = matrix.run(target.base_url, sessions, keys, samples, actors)
            covered = ", ".join(f"{k}:{len(v)}" for k, v in sorted(samples.items()))
            summary["matrix"] = (
                f"{res.checks} checks, {len(res.violations)} violations, {res.skipped} routes classified but not probed; samples {covered}; {time.monotonic() - t:.0f} s"
            )
            violations += res.violations
        if "corpus" in steps:
            from probes import badinput

            t = time.monotonic()
            clients = {"vanphong": Client(target.base_url, sessions["vanphong"]), "anonymous": Client(target.base_url)}
            clients["vanphong"].bearer = keys["vanphong"]
            out = badinput.run(target.base_url, clients, samples)
            summary["corpus"] = (
                f"{out['checks']} checks, {out['exports_opened']} exports opened, {time.monotonic() - t:.0f} s"
            )
            violations += out["violations"]
        if "fuzz" in steps:
            t = time.monotonic()
            fuzz = run_fuzz(target, budget)
            summary["fuzz"] = (
                f"roles {budget['fuzz_roles']}, {budget['fuzz_examples']} examples/operation, {time.monotonic() - t:.0f} s"
            )
            violations += fuzz
        log = target.log_tail(20000)
        tracebacks = log.count("Traceback")
        if tracebacks:
            summary["server log"] = f"{tracebacks} tracebacks"
    print("\n== security summary")
    for step, text in summary.items():
        print(f"  {step}: {text}")
    print(f"  total: {len(violations)} violations in {time.monotonic() - started:.0f} s")
    for v in violations:
        print(f"  ✗ {v}")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
