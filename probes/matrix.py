"""The role × object × action access matrix against a live server.

Every named URL pattern (Django's resolver) and API route must be classified in
:mod:`probes.routes`; each demo role then reads (GET) and writes (POST with a valid CSRF token, or
the API with the role's bearer key) each sample object, and the answer is compared with the rule:

- allowed read: a 2xx/3xx that is not a bounce to the login page (refused: a bug, "allowed read refused");
- refused read/write: 404 (403/401/405 accepted), or the login page for anonymous visitors; anything
  else is a security violation ("forbidden ... allowed");
- any 5xx is a violation.
"""

from __future__ import annotations

import json
import secrets
import urllib.parse
from dataclasses import dataclass, field

from benchmarks.harness.server import _store_cookies, request
from probes import facts as F
from probes.routes import API_READS, API_UNPROBED, API_WRITES, HISTORY, ROUTES, WAGTAIL_NAMES, WAGTAIL_NAMESPACES

REFUSED = {401, 403, 404, 405}


@dataclass
class Result:
    checks: int = 0
    violations: list[str] = field(default_factory=list)
    skipped: int = 0

    def bad(self, text: str) -> None:
        self.violations.append(text)


def route_names() -> list[str]:
    from django.urls import URLResolver, get_resolver

    def walk(res, ns=None):
        for p in res.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, p.namespace or ns)
            else:
                yield (f"{ns}:" if ns else "") + str(p.name)

    return sorted(set(walk(get_resolver())))


def _is_login(status: int, headers: dict) -> bool:
    return status in (301, 302) and "/dang-nhap/" in headers.get("Location", "")


def judge(res: Result, who: str, what: str, allowed: bool, status: int, headers: dict, *, write=False) -> None:
    res.checks += 1
    if status >= 500:
        res.bad(f"5xx: {who} {what} -> {status}")
        return
    refused = status in REFUSED or _is_login(status, headers) or status == 429
    if allowed and refused:
        res.bad(f"allowed {'write' if write else 'read'} refused: {who} {what} -> {status}")
    elif not allowed and not refused:
        res.bad(f"SECURITY forbidden {'write' if write else 'read'} allowed: {who} {what} -> {status}")


class Client:
    def __init__(self, base_url: str, session=None, bearer: str | None = None):
        self.base_url = base_url
        self.cookies = dict(session.cookies) if session else {}
        self.bearer = bearer
        if "csrftoken" not in self.cookies:
            _s, _h, _b, resp = request(base_url, "GET", "/dang-nhap/", headers=self._headers())
            _store_cookies(resp, self.cookies)

    def _headers(self, **extra) -> dict:
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        h.update(extra)
        return h

    def get(self, path: str):
        status, headers, body, _r = request(self.base_url, "GET", path, headers=self._headers())
        return status, headers, body

    def post_form(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})})
        status, headers, out, _r = request(
            self.base_url,
            "POST",
            path,
            headers=self._headers(
                **{"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url + path}
            ),
            body=body,
        )
        return status, headers, out

    def api(self, method: str, path: str, payload=None):
        headers = {"Content-Type": "application/json"}
        if self.bearer:
            headers["Authorization"] = f"Bearer {self.bearer}"
        body = json.dumps(payload) if payload is not None else None
        status, headers, out, _r = request(self.base_url, method, path, headers=headers, body=body)
        return status, headers, out


def _param_names(name: str) -> list[str]:
    from django.urls import get_resolver

    ns, _sep, short = name.rpartition(":")
    resolver = get_resolver()
    if ns:
        resolver = resolver.namespace_dict[ns][1]
    possibilities = resolver.reverse_dict.getlist(short)
    return list(possibilities[0][0][0][1]) if possibilities else []


def url_for(name: str, route, sample) -> str:
    from django.urls import reverse

    if sample is None:
        kwargs = {}
    elif route.params:
        kwargs = route.params(sample)
    else:
        kwargs = {(_param_names(name) or ["pk"])[0]: sample.pk}
    query = route.query(sample) if callable(route.query) else route.query
    return reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")


def api_payload(kind: str, sample) -> dict:
    import datetime as dt

    key = "probe-" + secrets.token_hex(8)
    if kind == "opinion":
        return {"text": "Ý kiến của bộ dò quyền truy cập.", "unit_code": sample.facts["code"], "idempotency_key": key}
    if kind == "note":
        return {"text": "Ghi chú của bộ dò."}
    return {"idempotency_key": key, "kind": "visit", "date": dt.date.today().isoformat(), "notes": "Bộ dò."}


def run(base_url: str, sessions: dict, keys: dict[str, str], samples: dict, actors: dict) -> Result:
    res = Result()
    names = route_names()
    for name in names:
        if name.startswith(WAGTAIL_NAMESPACES) or name in WAGTAIL_NAMES:
            continue
        if name not in ROUTES and name not in API_READS and name not in API_WRITES and name not in API_UNPROBED:
            res.bad(f"unclassified route: {name} (add it to probes/routes.py)")
    for name in ROUTES:
        if name not in names:
            res.bad(f"stale matrix entry: {name} is no longer a route")

    clients = {role: Client(base_url, sessions.get(role)) for role in F.ROLES}
    api_clients = {role: Client.__new__(Client) for role in F.ROLES}
    for role, c in api_clients.items():
        c.base_url, c.cookies, c.bearer = base_url, {}, keys.get(role)

    def targets(route):
        if route.kind is None:
            return [None]
        return samples.get(route.kind, [])

    # Reads first (pages, exports, HTMX fragments), then writes (refused roles only for destructive ones).
    for name, route in ROUTES.items():
        if route.skip or route.read is None or name not in names:
            res.skipped += bool(route.skip)
            continue
        for sample in targets(route):
            path = url_for(name, route, sample)
            for role, actor in actors.items():
                status, headers, _b = clients[role].get(path)
                allowed = route.read(actor, sample.facts if sample else None)
                judge(res, role, f"GET {name} [{sample.label if sample else '-'}] {path}", allowed, status, headers)
    for kind, (model, rule) in HISTORY.items():
        for sample in samples.get(kind, []):
            path = f"/lich-su/{model}/{sample.pk}/"
            for role, actor in actors.items():
                status, headers, _b = clients[role].get(path)
                judge(
                    res,
                    role,
                    f"GET history {kind} [{sample.label}] {path}",
                    actor.signed_in and rule(actor, sample.facts),
                    status,
                    headers,
                )
    for name, (template, kind, rule) in API_READS.items():
        for sample in samples.get(kind, []) if kind else [None]:
            path = (
                template.format(pk=sample.pk, code=sample.facts.get("code"), unit=sample.facts.get("unit"))
                if sample
                else template
            )
            for role, actor in actors.items():
                status, headers, _b = api_clients[role].api("GET", path)
                judge(
                    res,
                    role,
                    f"API GET {name} [{sample.label if sample else '-'}] {path}",
                    rule(actor, sample.facts if sample else None),
                    status,
                    headers,
                )
    for name, route in ROUTES.items():
        if route.skip or route.write is None or name not in names:
            continue
        for sample in targets(route):
            path = url_for(name, route, sample)
            for role, actor in actors.items():
                allowed = route.write(actor, sample.facts if sample else None) and actor.signed_in
                if allowed and route.destructive:
                    continue
                status, headers, _b = clients[role].post_form(path)
                judge(
                    res,
                    role,
                    f"POST {name} [{sample.label if sample else '-'}] {path}",
                    allowed,
                    status,
                    headers,
                    write=True,
                )
    for name, (template, kind, rule, payload_kind) in API_WRITES.items():
        for sample in samples.get(kind, []):
            path = template.format(pk=sample.pk, unit=sample.facts.get("unit"))
            for role, actor in actors.items():
                allowed = actor.signed_in and rule(actor, sample.facts)
                before = _row_count(payload_kind)
                status, headers, _body = api_clients[role].api("POST", path, api_payload(payload_kind, sample))
                judge(res, role, f"API POST {name} [{sample.label}] {path}", allowed, status, headers, write=True)
                wrote = _row_count(payload_kind) - before
                if status in REFUSED and wrote:
                    res.bad(
                        f"SECURITY refused write left {wrote} row(s): {role} POST {name} [{sample.label}] -> {status}"
                    )
    return res


def _row_count(kind: str) -> int:
    from sausat.liaison.models import Activity
    from sausat.opinions.models import FollowUpNote, Opinion

    return {"opinion": Opinion.all_objects, "note": FollowUpNote.objects, "activity": Activity.objects}[kind].count()
