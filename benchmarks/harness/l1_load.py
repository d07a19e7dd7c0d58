"""The load of the L1 "live conference" benchmark (benchmarks/live_conference_l1.py): invitees, board, pollers.

``run_load`` drives the production server on loopback: each simulated invitee GETs the meeting's
form, "types", POSTs at its scheduled time and follows the redirect; some send the very same POST
again (a parallel double click, or a re-post once the first answer came back). The secretary's
session loads the live board once, then polls its fragment every 2 s; ``pollers`` threads reload
the meeting's opinions list every 5 s. First submissions and resubmissions are timed and counted
apart. Bounded: a fixed pool of threads, a fixed number of requests, a hard time limit.
"""

from __future__ import annotations

import heapq
import http.client
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from benchmarks.harness.server import HOST

HARD_LIMIT_S = 300  # the whole load phase never runs longer than this
POOL = 96  # concurrent simulated browsers at most
TIMEOUT_S = 30
RESUBMIT_KINDS = ("parallel", "after")
LEAD_S = 25.0  # the first invitees open the form up to 25 s before the burst

_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_KEY = re.compile(rb'name="idempotency_key" value="([0-9a-f]+)"')
_SINCE = re.compile(rb"since=(\d+)")


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


def opinion_text(marker: str, index: int) -> str:
    """The text of submission ``index``; it starts with ``[marker-NNNNN]`` so this run's rows can be found."""
    return (
        f"[{marker}-{index:05d}] Đề nghị tỉnh xem xét chế độ phụ cấp kiêm nhiệm cho cán bộ cấp xã "
        f"sau sắp xếp, ý kiến số {index} gửi trực tuyến từ điểm cầu xã."
    )


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


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    post_ms: list[float] = field(default_factory=list)  # every POST, first submissions and resubmissions
    post_ms_burst: list[float] = field(default_factory=list)
    post_ms_first: list[float] = field(default_factory=list)
    post_ms_resubmit: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in RESUBMIT_KINDS})
    post_lateness_ms: list[float] = field(default_factory=list)
    form_ms: list[float] = field(default_factory=list)
    thanks_ms: list[float] = field(default_factory=list)
    board_page_ms: list[float] = field(default_factory=list)
    poll_ms: dict[str, list[float]] = field(default_factory=lambda: {"board": [], "list": []})
    statuses: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in ("form", "post", "poll")})
    errors: Counter = field(default_factory=Counter)
    acked_keys: list[str] = field(default_factory=list)  # first submissions acknowledged
    resubmit_sent: Counter = field(default_factory=Counter)  # by kind, answered (any status)
    resubmit_acks: Counter = field(default_factory=Counter)  # by kind
    unexpected: list[str] = field(default_factory=list)
    last_post_done: float = 0.0  # time.monotonic() when the last POST was answered


def schedule(args) -> list[Client]:
    """The open-loop schedule: ``burst`` POSTs evenly in the first ``burst_seconds``, the rest evenly after."""
    rng = random.Random(20260427)
    n, burst = args.submissions, args.burst
    post_times = [args.burst_seconds * i / burst for i in range(burst)]
    rest = n - burst
    post_times += [args.burst_seconds + (args.seconds - args.burst_seconds) * i / rest for i in range(rest)]
    clients = []
    for i, t in enumerate(post_times):
        think = rng.uniform(8, 25)
        clients.append(Client(index=i, post_at=t + LEAD_S, get_at=max(0.0, t + LEAD_S - think)))
    for c in rng.sample(clients, round(n * args.resubmit)):
        c.resubmit = RESUBMIT_KINDS[0] if c.index % 2 else RESUBMIT_KINDS[1]
    return clients


def run_load(args, info: dict, port: int, secretary_cookie: str) -> tuple[Stats, float, float]:
    """``info``: meeting_id, token, group_ids, marker (text prefix of this run's submissions)."""
    token = info["token"]
    form_path = f"/y-kien/gui/{token}/"
    clients = schedule(args)

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

    def record(kind: str, status: int | None, err: str | None = None):
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
            record("form", None, type(exc).__name__)
            return
        ms = (time.perf_counter() - start) * 1000
        record("form", status)
        csrf, key = _CSRF.search(data), _KEY.search(data)
        if status != 200 or not csrf or not key:
            with stats.lock:
                stats.unexpected.append(f"form {status}")
            return
        cookies_from(resp, c.cookies)
        c.key = key.group(1).decode()
        groups = info["group_ids"]
        slot = c.index % (len(groups) + 1)  # one in len+1 leaves the group empty
        c.body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf.group(1).decode(),
                "idempotency_key": c.key,
                "text": opinion_text(info["marker"], c.index),
                "group": groups[slot] if slot < len(groups) else "",
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
            record("post", None, type(exc).__name__)
            return
        ms = (time.perf_counter() - start) * 1000
        record("post", status)
        stats.last_post_done = max(stats.last_post_done, time.monotonic())
        location = resp.headers.get("Location", "")
        acked = status == 302 and location.endswith(f"/y-kien/gui/{token}/da-gui/")
        with stats.lock:
            stats.post_ms.append(ms)
            if c.post_at - LEAD_S < args.burst_seconds:
                stats.post_ms_burst.append(ms)
            if kind == "post":
                stats.post_lateness_ms.append(lateness)
                stats.post_ms_first.append(ms)
            else:
                stats.post_ms_resubmit[c.resubmit].append(ms)
                stats.resubmit_sent[c.resubmit] += 1
            if acked and kind == "post":
                stats.acked_keys.append(c.key)
            elif acked:
                stats.resubmit_acks[c.resubmit] += 1
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
            record("form", None, type(exc).__name__)
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

    headers = {"Cookie": secretary_cookie, "HX-Request": "true"}

    def board_since() -> int:
        """The board page as the secretary opens it: its poll link carries the last opinion's id.

        Polling from 0 would page through every existing opinion of a populated meeting (the
        fragment sends 200 at a time), which no open board does."""
        started = time.perf_counter()
        try:
            status, _resp, data = http_request(
                "GET", f"/hoi-nghi/{mid}/bang-truc-tiep/", port=port, headers={"Cookie": secretary_cookie}
            )
        except (OSError, http.client.HTTPException) as exc:
            record("poll", None, type(exc).__name__)
            return 0
        record("poll", status)
        with stats.lock:
            stats.board_page_ms.append((time.perf_counter() - started) * 1000)
        m = _SINCE.search(data)
        return int(m.group(1)) if m else 0

    def poller(path: str, every: float, label: str, offset: float) -> None:
        since = board_since() if label == "board" else 0
        time.sleep(max(0.0, t0 - time.monotonic()) + offset)
        while not done.is_set() and time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, _resp, data = http_request("GET", path.format(since=since), port=port, headers=headers)
                ms = (time.perf_counter() - started) * 1000
                record("poll", status)
                with stats.lock:
                    stats.poll_ms[label].append(ms)
                m = _SINCE.search(data) if label == "board" else None
                if m:
                    since = int(m.group(1))
            except (OSError, http.client.HTTPException) as exc:
                record("poll", None, type(exc).__name__)
            done.wait(max(0.0, every - (time.perf_counter() - started)))

    mid = info["meeting_id"]
    board = (f"/y-kien/hoi-nghi/{mid}/bang/moi/?since={{since}}", 2.0, "board", 0.0)
    pollers = [threading.Thread(target=poller, args=board, daemon=True)]
    for i in range(args.pollers):
        offset = 5.0 * i / max(1, args.pollers)
        pollers.append(
            threading.Thread(target=poller, args=(f"/y-kien/?meeting={mid}", 5.0, "list", offset), daemon=True)
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
    return stats, elapsed, LEAD_S
