"""A bounded HTTP load generator for 127.0.0.1 only.

Runs N connections for a fixed duration (and at most a fixed number of requests) against one URL,
keeping connections alive, and reports median, p95, p99, requests/s and status counts. With
``check`` every response is verified (status, body) and a failed one is counted under its reason
and never enters the latencies; with ``follow`` a redirect is followed as a browser would and the
request is timed until the page it leads to has arrived.
It refuses any host other than the loopback range: load is only ever sent to this machine. An
``https://`` URL (nginx in front, deploy/nginx_front.py) is accepted without verifying the
certificate: a loopback server's self-signed one.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import ssl
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_REQUESTS = 200_000
MAX_SECONDS = 120


@dataclass
class Result:
    url: str
    connections: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    # Reason -> number of responses that failed ``check`` (not in ``latencies_ms``).
    failures: Counter = field(default_factory=Counter)

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)
        n = len(lat)

        def pct(p: float) -> float:
            return round(lat[min(n - 1, int(p * n))], 2) if n else 0.0

        return {
            "url": self.url,
            "connections": self.connections,
            "requests": n,
            "seconds": round(self.seconds, 2),
            "rps": round(n / self.seconds, 1) if self.seconds else 0.0,
            "median_ms": round(statistics.median(lat), 2) if n else 0.0,
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "statuses": dict(self.statuses),
            "errors": self.errors,
            "failed": sum(self.failures.values()),
        }


def _check_loopback(host: str) -> None:
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"refusing to send load to {host}: loopback addresses only")


def connect(parsed: urllib.parse.SplitResult, timeout: float = 30) -> http.client.HTTPConnection:
    """A connection to a loopback URL's host; TLS for https (self-signed certificates accepted)."""
    if parsed.scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection(parsed.hostname, parsed.port or 443, timeout=timeout, context=context)
    return http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)


def run(
    url: str,
    *,
    connections: int = 1,
    seconds: float = 10.0,
    max_requests: int = MAX_REQUESTS,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body_factory=None,
    check: Callable[[int, bytes], str | None] | None = None,
    follow: bool = False,
    before: Callable[[int, int], None] | None = None,
) -> Result:
    """Hit ``url`` from ``connections`` threads for ``seconds`` (both bounded).

    ``check(status, body)`` returns None for a good response or the reason it is not; ``follow``
    GETs the ``Location`` of a 3xx answer (same headers) and checks and times that page too;
    ``before(index, seq)`` runs before each request, outside its time (a write elsewhere, so the
    request is the first read after it)."""
    parsed = urllib.parse.urlsplit(url)
    _check_loopback(parsed.hostname or "")
    seconds = min(seconds, MAX_SECONDS)
    max_requests = min(max_requests, MAX_REQUESTS)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    result = Result(url=url, connections=connections, seconds=0.0)
    lock = threading.Lock()
    sent = [0]
    deadline = time.monotonic() + seconds

    def worker(index: int) -> None:
        conn = connect(parsed)
        local_lat: list[float] = []
        local_status: Counter = Counter()
        local_fail: Counter = Counter()
        errors = 0
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= max_requests:
                    break
                sent[0] += 1
                seq = sent[0]
            if before is not None:
                before(index, seq)
            body = body_factory(index, seq) if body_factory else None
            hdrs = dict(headers or {})
            if body is not None:
                hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=hdrs)
                response = conn.getresponse()
                data = response.read()
                local_status[response.status] += 1
                status = response.status
                if follow:
                    location = response.getheader("Location") or ""
                    if not (300 <= status < 400 and location):
                        local_fail[f"no redirect to follow (HTTP {status})"] += 1
                        continue
                    target = urllib.parse.urlsplit(urllib.parse.urljoin(url, location))
                    get_headers = {k: v for k, v in (headers or {}).items() if k != "X-CSRFToken"}
                    conn.request("GET", target.path + (f"?{target.query}" if target.query else ""), headers=get_headers)
                    response = conn.getresponse()
                    data = response.read()
                    status = response.status
                elapsed = (time.perf_counter() - started) * 1000
                reason = check(status, data) if check else None
                if reason:
                    local_fail[reason] += 1
                else:
                    local_lat.append(elapsed)
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = connect(parsed)
        conn.close()
        with lock:
            result.latencies_ms.extend(local_lat)
            result.statuses.update(local_status)
            result.errors += errors
            result.failures.update(local_fail)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    result.seconds = time.monotonic() - started
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("-c", "--connections", type=int, default=1)
    parser.add_argument("-d", "--seconds", type=float, default=10)
    args = parser.parse_args()
    print(json.dumps(run(args.url, connections=args.connections, seconds=args.seconds).summary(), indent=2))
