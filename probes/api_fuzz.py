"""Schemathesis over ``/api/v1/openapi.json`` as several roles; no 5xx answer is allowed.

Run it against a server you started (a production-mode one is best) that uses the SAME database as
this script (same SAUSAT_VAR_DIR / SAUSAT_DATABASE_URL), with the demo data loaded (``seed_demo``):

    .venv/bin/python probes/api_fuzz.py --base-url http://127.0.0.1:8111 \
        [--roles quantri,vanphong,traloi,theodoi,xa_b,anonymous] [--max-examples 20] [--max-time 120]

It issues an API key to each named demo account (revoked at the end), runs ``schemathesis run`` once per
role with the ``not_a_server_error`` check (plus the caller's ``--checks``), and exits 1 when any role
saw a server error. Requests go only to the given base URL, which must be on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROLES = "quantri,vanphong,traloi,theodoi,xa_b,anonymous"


def _probe_actor():
    # Imported late: the probes import this module before django.setup() has run.
    from sausat.core.actors import SystemActor

    return SystemActor(reason="probe")


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
    import django

    django.setup()


def issue_keys(usernames: list[str]) -> dict[str, tuple[object, str]]:
    from django.contrib.auth import get_user_model

    from sausat.core.tokens import issue_token

    keys = {}
    for name in usernames:
        user = get_user_model().objects.get(username=name)
        keys[name] = issue_token(actor=_probe_actor(), user=user, name="probe api_fuzz")
    return keys


def revoke_keys(keys: dict[str, tuple[object, str]]) -> None:
    from sausat.core.tokens import revoke_token

    for token, _key in keys.values():
        revoke_token(actor=_probe_actor(), token=token)


def run_role(role: str, key: str | None, args) -> int:
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{args.base_url}/api/v1/openapi.json",
        "--checks",
        args.checks,
        "--max-examples",
        str(args.max_examples),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--seed",
        str(args.seed),
    ]
    if args.max_time:
        command += ["--max-time", str(args.max_time)]
    if key:
        command += ["--header", f"Authorization: Bearer {key}"]
    print(
        f"== {role}: {' '.join(c if 'Bearer' not in c else 'Authorization: Bearer ***' for c in command)}", flush=True
    )
    return subprocess.call(command, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8111")
    parser.add_argument("--roles", default=DEFAULT_ROLES, help="demo usernames; 'anonymous' for no key")
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--max-time", type=int, default=0, help="seconds per role (0: no limit)")
    parser.add_argument("--checks", default="not_a_server_error")
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    host = urlparse(args.base_url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        parser.error("the base URL must be on this machine (loopback)")
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    _django()
    keys = issue_keys([r for r in roles if r != "anonymous"])
    failed = []
    try:
        for role in roles:
            key = keys[role][1] if role in keys else None
            if run_role(role, key, args) != 0:
                failed.append(role)
    finally:
        revoke_keys(keys)
    print(
        f"api_fuzz: {len(roles) - len(failed)} passed, {len(failed)} failed"
        + (f" ({', '.join(failed)})" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
