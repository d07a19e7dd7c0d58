"""The benchmark harness checks every response, so a wrong page never enters a median (issue 17)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks import loadgen
from benchmarks.harness.operations import Request
from benchmarks.harness.run import response_check


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<h1>Sign in</h1>" if self.path == "/login" else b"<h1>Opinion #1</h1>" + b"x" * 100
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(302)
        self.send_header("Location", "/login")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _serve():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_response_check_reasons():
    check = response_check(Request("/", min_bytes=50, marker="Opinion #1</h1>"))
    assert check(200, b"<h1>Opinion #1</h1>" + b"x" * 100) is None
    assert check(302, b"") == "HTTP 302, expected 200"
    assert check(200, b"<h1>Opinion #1</h1>") == "body of 19 bytes < 50"
    assert "marker" in check(200, b"<h1>Sign in</h1>" + b"x" * 100)


def test_failed_responses_never_enter_the_latencies():
    server, base = _serve()
    try:
        good = loadgen.run(base + "/opinion", max_requests=5, check=response_check(Request("/", marker="Opinion #1")))
        bad = loadgen.run(base + "/login", max_requests=5, check=response_check(Request("/", marker="Opinion #1")))
        # A post redirected to the login page: the 302 passes, the page it leads to does not.
        followed = loadgen.run(
            base + "/post",
            method="POST",
            max_requests=3,
            body_factory=lambda conn, seq: "text=x",
            follow=True,
            check=response_check(Request("/", method="POST", expect=(302,), marker="Opinion #1", follow=True)),
        )
    finally:
        server.shutdown()
    assert len(good.latencies_ms) == 5 and not good.failures
    assert bad.latencies_ms == [] and bad.failures == {"marker 'Opinion #1' missing": 5}
    assert followed.latencies_ms == [] and followed.failures == {"marker 'Opinion #1' missing": 3}
    assert bad.summary()["failed"] == 5


def test_the_write_before_each_request_runs_once_per_request_and_in_order():
    """``before`` (the "first read after a write" variants, S1w…S8w) runs before every request."""
    server, base = _serve()
    calls: list[int] = []
    try:
        result = loadgen.run(base + "/opinion", max_requests=4, before=lambda _index, seq: calls.append(seq))
    finally:
        server.shutdown()
    assert calls == [1, 2, 3, 4] and len(result.latencies_ms) == 4


@pytest.mark.django_db
def test_the_after_a_write_variants_bump_the_opinions_version():
    from benchmarks.harness.operations import Context, load_all
    from sausat.core.data_versions import versions

    ops = load_all()
    ctx = Context(extra={"opinions": (1, 2, 3, 4, 5)})  # ids as _big() would have looked them up
    for key in ("S1w", "S2w", "S3w", "S4w", "S4hw", "S5w", "S7w", "S8w"):
        plain, variant = ops[key.removesuffix("w")].resolve(ctx), ops[key].resolve(ctx)
        assert variant.path == plain.path and plain.before is None and variant.before is not None
        (before,) = versions(["opinions"])
        variant.before()
        assert versions(["opinions"]) == (before + 1,)
