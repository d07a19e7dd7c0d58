"""The benchmark/probe harness recognises the real /healthz answer as healthy."""

from __future__ import annotations

from benchmarks.harness.server import _healthy_body


def test_harness_accepts_the_healthz_json(client):
    # /healthz answers JSON; the harness used to wait for a bare "ok" and time out.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert _healthy_body(response.content)
    assert not _healthy_body(b'{"status": "starting"}')
    assert not _healthy_body(b"<html>Bad Gateway</html>")
