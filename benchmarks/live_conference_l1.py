"""L1 "live conference": 1,000 online opinions in 60 s against gunicorn + PostgreSQL, then count rows.

    .venv/bin/python benchmarks/live_conference_l1.py [--submissions 1000] [--seconds 60] [--burst 200]
                                           [--burst-seconds 5] [--resubmit 0.05] [--pollers 10]
                                           [--embed [--worker-nice N] [--embed-threads N]]

What it does (reliability-plan.md L1, issues 3 and 7):

1. Creates a scratch PostgreSQL database ``sausat_l1_<pid>`` (dropped at the end), migrates it,
   loads the administrative units and the demo cast, and creates through the services one meeting
   in the province with 5 issue groups, status "open for opinions".
2. Starts the production server (gunicorn, 2 sync workers, DEBUG off) on 127.0.0.1 via
   ``benchmarks/harness/server.py``.
3. Each simulated invitee (not logged in: the per-meeting link is the credential) GETs the form
   (CSRF cookie + token + the form's own hidden idempotency key), "types" for 8-25 s, then POSTs
   at its scheduled time and follows the redirect to the thank-you page, as a browser would. The
   POST times are an open-loop schedule: ``burst`` of them evenly in the first ``burst-seconds``,
   the rest evenly over the remaining time. ``resubmit`` of the clients send the very same POST a
   second time (same cookie, token and idempotency key): half as a parallel double click 10 ms
   later, half as a re-post after the first answer came back.
4. Meanwhile the secretary's session polls the live board fragment every 2 s (what board.html
   does) and ``pollers`` threads reload the opinions list of the meeting every 5 s.
5. Afterwards counts the rows in the database: every acknowledged submission (302 to the
   thank-you page) must be there exactly once, no row without an acknowledgement, no 5xx.

6. With ``--embed`` (issue 20) the product's job worker (``manage.py run_worker``, what the
   ``sausat-worker`` unit runs) runs beside gunicorn during the load, so the coalesced embed jobs
   of ``sausat.opinions.vector_jobs`` compute the opinions' vectors while submissions arrive;
   afterwards the script polls the database until every opinion has its vector and reports that
   wait and the embed jobs (how many, texts per job, run time). Without ``--embed`` the
   submissions still queue those jobs (one row per meeting window), nobody runs them.

Everything is bounded: a fixed pool of threads, a fixed number of requests, a hard time limit,
loopback only. The load generator shares the machine's cores with the server it measures.
The last line printed is a JSON summary.
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness.db import create_database, drop_database, postgres_version  # noqa: E402
from benchmarks.harness.embed_worker import JobWorkerProcess, LoadSampler, embed_job_summary, wait_all_vectors  # noqa: E402
from benchmarks.harness.server import HOST, ProductionServer  # noqa: E402

HARD_LIMIT_S = 300  # the whole load phase never runs longer than this
POOL = 96  # concurrent simulated browsers at most
TIMEOUT_S = 30

_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_KEY = re.compile(rb'name="idempotency_key" value="([0-9a-f]+)"')


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return round(s[min(len(s) - 1, int(p * len(s)))], 1)


def lat_summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 1) if values else 0.0,
        "p95_ms": pct(values, 0.95),
        "p99_ms": pct(values, 0.99),
        "max_ms": round(max(values), 1) if values else 0.0,
    }


# --- data -------------------------------------------------------------------------------------


def prepare(server: ProductionServer) -> dict:
    """Migrate, load units + cast, create the open meeting. Runs Django in this process."""
    os.environ.update(server.env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from sausat.geo.loader import load_units
    from sausat.meetings import services as meeting_services
    from sausat.meetings.models import MeetingStatus
    from sausat.opinions import services
    from sausat.people import demo as people_demo

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    load_units()
    people_demo.seed_cast()
    units = people_demo.cast_units()
    secretary = get_user_model().objects.get(username="vanphong")
    meeting = meeting_services.create_meeting(
        actor=secretary,
        title="Hội nghị đối thoại trực tuyến (đo tải L1)",
        starts_at=timezone.now(),
        unit=units["province"],
    )
    titles = ["Đánh giá cán bộ", "Đào tạo, bồi dưỡng", "Bố trí không chuyên trách", "Phụ cấp kiêm nhiệm", "Khác"]
    groups = [services.create_group(actor=secretary, meeting=meeting, title=t) for t in titles]
    meeting = meeting_services.set_status(actor=secretary, meeting=meeting, status=MeetingStatus.OPEN)
    from django.db import connection

    connection.close()
    return {
        "meeting_id": meeting.pk,
        "token": meeting.form_token,
        "group_ids": [g.pk for g in groups],
        "prepare_s": round(time.monotonic() - t0, 1),
    }


def count_rows(meeting_id: int) -> dict:
    from django.db import connection
    from django.db.models import Count

    from sausat.core.models import AuditEvent
    from sausat.opinions.models import Opinion

    connection.close()  # fresh connection after the load phase
    rows = Opinion.all_objects.filter(meeting_id=meeting_id)
    keys = list(rows.values_list("idempotency_key", flat=True))
    texts = list(rows.values_list("text", flat=True))
    dup_keys = rows.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count()
    audits = AuditEvent.objects.filter(verb="opinion.register").count()
    return {"rows": len(keys), "keys": keys, "texts": texts, "dup_keys": dup_keys, "audit_rows": audits}


# --- HTTP -------------------------------------------------------------------------------------


def http_request(method: str, path: str, *, port: int, headers=None, body=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_S)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, resp, data
    finally:
        conn.close()


def cookies_from(resp, jar: dict[str, str]) -> None:
    for header in resp.headers.get_all("Set-Cookie") or []:
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value


@dataclass
class Client:
    index: int
    post_at: float  # seconds after t0
    get_at: float
    resubmit: str = ""  # "", "parallel" or "after"
    cookies: dict[str, str] = field(default_factory=dict)
    body: str = ""
    key: str = ""
    form_ready: threading.Event = field(default_factory=threading.Event)
    acked: bool = False


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    post_ms: list[float] = field(default_factory=list)
    post_ms_burst: list[float] = field(default_factory=list)
    post_lateness_ms: list[float] = field(default_factory=list)
    form_ms: list[float] = field(default_factory=list)
    thanks_ms: list[float] = field(default_factory=list)
    poll_ms: dict[str, list[float]] = field(default_factory=lambda: {"board": [], "list": []})
    statuses: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in ("form", "post", "poll")})
    errors: Counter = field(default_factory=Counter)
    acked_keys: list[str] = field(default_factory=list)
    resubmit_acks: int = 0
    unexpected: list[str] = field(default_factory=list)
    last_post_done: float = 0.0  # time.monotonic() when the last POST was answered


def run_load(args, info: dict, server: ProductionServer, secretary_cookie: str) -> tuple[Stats, float, float]:
    port = server.port
    token = info["token"]
    form_path = f"/y-kien/gui/{token}/"
    rng = random.Random(20260427)
    n, burst = args.submissions, args.burst
    post_times = [args.burst_seconds * i / burst for i in range(burst)]
    rest = n - burst
    post_times += [args.burst_seconds + (args.seconds - args.burst_seconds) * i / rest for i in range(rest)]
    lead = 25.0  # the first invitees open the form up to 25 s before the burst
    clients = []
    for i, t in enumerate(post_times):
        think = rng.uniform(8, 25)
        clients.append(Client(index=i, post_at=t + lead, get_at=max(0.0, t + lead - think)))
    for c in rng.sample(clients, round(n * args.resubmit)):
        c.resubmit = "parallel" if c.index % 2 else "after"

    # the schedule: (time, seq, kind, client)
    events: list = []
    for c in clients:
        heapq.heappush(events, (c.get_at, len(events), "form", c))
        heapq.heappush(events, (c.post_at, len(events), "post", c))
        if c.resubmit == "parallel":
            heapq.heappush(events, (c.post_at + 0.010, len(events), "repost", c))
    stats = Stats()
    sched_lock = threading.Lock()
    t0 = time.monotonic() + 1.0
    stop_at = t0 + HARD_LIMIT_S
    done = threading.Event()

    def record(kind: str, status: int | None, ms: float | None, err: str | None = None):
        with stats.lock:
            if err:
                stats.errors[f"{kind}:{err}"] += 1
            else:
                stats.statuses[kind][status] += 1

    def do_form(c: Client) -> None:
        start = time.perf_counter()
        try:
            status, resp, data = http_request("GET", form_path, port=port)
        except (OSError, http.client.HTTPException) as exc:
            record("form", None, None, type(exc).__name__)
            return
        ms = (time.perf_counter() - start) * 1000
        record("form", status, ms)
        csrf, key = _CSRF.search(data), _KEY.search(data)
        if status != 200 or not csrf or not key:
            with stats.lock:
                stats.unexpected.append(f"form {status}")
            return
        cookies_from(resp, c.cookies)
        c.key = key.group(1).decode()
        group = info["group_ids"][c.index % 6] if c.index % 6 < 5 else ""
        text = (
            f"[L1-{c.index:05d}] Đề nghị tỉnh xem xét chế độ phụ cấp kiêm nhiệm cho cán bộ cấp xã "
            f"sau sắp xếp, ý kiến số {c.index} gửi trực tuyến từ điểm cầu xã."
        )
        c.body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf.group(1).decode(),
                "idempotency_key": c.key,
                "text": text,
                "group": group,
                "author_name": f"Cán bộ xã {c.index}",
                "author_unit_label": f"UBND xã thử {c.index % 168}",
            }
        )
        with stats.lock:
            stats.form_ms.append(ms)
        c.form_ready.set()

    def do_post(c: Client, kind: str) -> None:
        if not c.form_ready.wait(max(0.0, stop_at - time.monotonic())):
            return
        if not c.body:
            return
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        lateness = (time.monotonic() - t0 - c.post_at) * 1000
        start = time.perf_counter()
        try:
            status, resp, _data = http_request("POST", form_path, port=port, headers=headers, body=c.body)
        except (OSError, http.client.HTTPException) as exc:
            record("post", None, None, type(exc).__name__)
            return
        ms = (time.perf_counter() - start) * 1000
        record("post", status, ms)
        stats.last_post_done = max(stats.last_post_done, time.monotonic())
        location = resp.headers.get("Location", "")
        acked = status == 302 and location.endswith(f"/y-kien/gui/{token}/da-gui/")
        with stats.lock:
            stats.post_ms.append(ms)
            if c.post_at - lead < args.burst_seconds:
                stats.post_ms_burst.append(ms)
            if kind == "post":
                stats.post_lateness_ms.append(lateness)
            if acked and kind == "post":
                stats.acked_keys.append(c.key)
            elif acked:
                stats.resubmit_acks += 1
            elif status != 302:
                stats.unexpected.append(f"{kind} {status}")
        if not acked:
            return
        if kind == "post" and c.resubmit == "after":
            do_post(c, "repost")  # the browser's "resend the form" after the answer came back
            return
        start = time.perf_counter()  # follow the redirect, as a browser does
        try:
            status, _resp, _data = http_request("GET", location, port=port, headers={"Cookie": headers["Cookie"]})
        except (OSError, http.client.HTTPException) as exc:
            record("form", None, None, type(exc).__name__)
            return
        with stats.lock:
            stats.thanks_ms.append((time.perf_counter() - start) * 1000)
            stats.statuses["form"][status] += 1

    def worker() -> None:
        while True:
            with sched_lock:
                if not events:
                    return
                at, _seq, kind, c = heapq.heappop(events)
            delay = t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if time.monotonic() > stop_at:
                return
            if kind == "form":
                do_form(c)
            else:
                do_post(c, kind)

    def poller(path: str, every: float, label: str, offset: float) -> None:
        time.sleep(max(0.0, t0 - time.monotonic()) + offset)
        since = 0
        while not done.is_set() and time.monotonic() < stop_at:
            started = time.perf_counter()
            p = path.format(since=since)
            try:
                status, _resp, data = http_request(
                    "GET", p, port=port, headers={"Cookie": secretary_cookie, "HX-Request": "true"}
                )
                ms = (time.perf_counter() - started) * 1000
                record("poll", status, ms)
                with stats.lock:
                    stats.poll_ms[label].append(ms)
                m = re.search(rb"since=(\d+)", data) if label == "board" else None
                if m:
                    since = int(m.group(1))
            except (OSError, http.client.HTTPException) as exc:
                record("poll", None, None, type(exc).__name__)
            done.wait(max(0.0, every - (time.perf_counter() - started)))

    mid = info["meeting_id"]
    pollers = [
        threading.Thread(
            target=poller, args=(f"/y-kien/hoi-nghi/{mid}/bang/moi/?since={{since}}", 2.0, "board", 0.0), daemon=True
        )
    ]
    for i in range(args.pollers):
        pollers.append(
            threading.Thread(
                target=poller,
                args=(f"/y-kien/?meeting={mid}", 5.0, "list", 5.0 * i / max(1, args.pollers)),
                daemon=True,
            )
        )
    workers = [threading.Thread(target=worker, daemon=True) for _ in range(POOL)]
    for t in pollers + workers:
        t.start()
    for t in workers:
        t.join(max(1.0, stop_at - time.monotonic() + 5))
    done.set()
    for t in pollers:
        t.join(TIMEOUT_S + 5)
    elapsed = time.monotonic() - t0
    return stats, elapsed, lead


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--burst-seconds", type=float, default=5)
    parser.add_argument("--resubmit", type=float, default=0.05)
    parser.add_argument("--pollers", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--db-prefix", default="sausat_l1", help="scratch database name = PREFIX_<pid>")
    parser.add_argument("--embed", action="store_true", help="run the job worker: vectors computed during the load")
    parser.add_argument("--worker-nice", type=int, default=0, help="--embed: start the worker under nice -n N")
    parser.add_argument("--embed-threads", type=int, default=0, help="--embed: SAUSAT_EMBED_THREADS of the worker")
    args = parser.parse_args(argv)
    args.submissions = min(args.submissions, 5000)
    args.seconds = min(args.seconds, 120)
    args.burst = min(args.burst, args.submissions)
    args.pollers = min(args.pollers, 400)

    url = f"postgres://postgres@127.0.0.1:5432/{args.db_prefix}_{os.getpid()}"
    create_database(url)
    server = ProductionServer(url, workers=args.workers)
    worker = None
    vectors: dict = {}
    try:
        info = prepare(server)
        print(f"prepared in {info['prepare_s']} s: meeting {info['meeting_id']}", file=sys.stderr)
        server.start()
        if args.embed:
            worker = JobWorkerProcess(
                server.env, server.work_dir / "worker.log", nice=args.worker_nice, embed_threads=args.embed_threads
            ).start()
        secretary = server.login("vanphong")
        cookie = secretary.headers()["Cookie"]
        load_before = os.getloadavg()
        with LoadSampler() as load_during:
            stats, elapsed, lead = run_load(args, info, server, cookie)
        load_after = os.getloadavg()
        time.sleep(1)
        db = count_rows(info["meeting_id"])
        if worker is not None:
            vectors = wait_all_vectors(info["meeting_id"])
            vectors["after_last_post_s"] = round(time.monotonic() - stats.last_post_done, 1)
            vectors["worker_cpu_s"] = round(worker.cpu_seconds(), 1)
            vectors["loadavg_when_ready"] = round(os.getloadavg()[0], 2)
        vectors["embed_jobs"] = embed_job_summary(info["meeting_id"])
        log_tail = server.log_tail(3000) + (worker.log_tail(2000) if worker is not None else "")
        pg_version = postgres_version(url)
    finally:
        if worker is not None:
            worker.stop()
        server.stop()
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            drop_database(url)

    acked = [f"online:{k}" for k in stats.acked_keys]
    row_keys = Counter(db["keys"])
    lost = [k for k in acked if k not in row_keys]
    unacked_rows = [k for k in row_keys if k not in set(acked)]
    text_markers = Counter(t.split("]")[0] for t in db["texts"])
    dup_by_text = sum(1 for v in text_markers.values() if v > 1)
    fivexx = sum(v for s in stats.statuses.values() for k, v in s.items() if k and k >= 500)
    summary = {
        "scenario": "L1 live conference",
        "server": f"gunicorn {args.workers} sync workers, DEBUG off, PostgreSQL {pg_version}",
        "machine": f"{os.cpu_count()} cores shared with the load generator",
        "loadavg_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "loadavg_during": load_during.summary(),
        "submissions_scheduled": args.submissions,
        "burst": f"{args.burst} in first {args.burst_seconds:g} s",
        "window_s": args.seconds,
        "elapsed_s_incl_form_lead": round(elapsed, 1),
        "form_lead_s": lead,
        "resubmissions": round(args.submissions * args.resubmit),
        "acknowledged": len(acked),
        "resubmit_acknowledged": stats.resubmit_acks,
        "rows": db["rows"],
        "audit_rows": db["audit_rows"],
        "lost": len(lost),
        "rows_without_ack": len(unacked_rows),
        "duplicate_keys": db["dup_keys"],
        "duplicate_texts": dup_by_text,
        "http_5xx": fivexx,
        "statuses": {k: {str(s): n for s, n in v.items()} for k, v in stats.statuses.items()},
        "errors": dict(stats.errors),
        "unexpected": dict(Counter(stats.unexpected)),
        "post": lat_summary(stats.post_ms),
        "post_burst": lat_summary(stats.post_ms_burst),
        "post_start_lateness": lat_summary(stats.post_lateness_ms),
        "form_get": lat_summary(stats.form_ms),
        "thanks_get": lat_summary(stats.thanks_ms),
        "poll_board": lat_summary(stats.poll_ms["board"]),
        "poll_list": lat_summary(stats.poll_ms["list"]),
        "pollers": {"board_every_s": 2, "list_pollers": args.pollers, "list_every_s": 5},
        "embed": {"worker": args.embed, "nice": args.worker_nice, "threads": args.embed_threads or "default"},
        "vectors": vectors,
    }
    summary["pass"] = bool(
        summary["lost"] == 0
        and summary["duplicate_keys"] == 0
        and summary["duplicate_texts"] == 0
        and summary["http_5xx"] == 0
        and not stats.errors
        and summary["acknowledged"] == args.submissions
        and summary["rows"] == args.submissions
        and summary["post"]["p95_ms"] < 500
        and summary["post"]["p99_ms"] < 2000
        and (not args.embed or vectors.get("all_ready", False))
    )
    if not summary["pass"] and log_tail.strip():
        print("gunicorn log tail:\n" + log_tail, file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if summary["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
