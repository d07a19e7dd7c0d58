"""SQL queries per request, counted in the code of one source tree (run by compare.py as a script).

``python /path/to/benchmarks/harness/querycount.py < requests.json`` with ``PYTHONPATH`` and the
working directory set to the tree to measure and its server's environment: for each request
``{"path", "method", "user", "form"}`` it sends the request twice through ``django.test.Client``
(logged in as ``user``) and counts the queries of the second one, as run.py's count_queries does.
Self-contained on purpose: it imports only Django and the measured tree's ``sausat``, so an older
commit unpacked elsewhere is counted with its own code. Prints a JSON list of ``[status, queries]``.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    out = []
    for req in json.load(sys.stdin):
        client = Client()
        if req.get("user"):
            client.force_login(get_user_model().objects.get(username=req["user"]))

        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (req.get("headers") or {}).items()}

        def send(client=client, req=req, extra=extra):
            if req["method"] == "POST":
                return client.post(req["path"], req.get("form") or {}, **extra)
            return client.get(req["path"], **extra)

        send()
        with CaptureQueriesContext(connection) as ctx:
            response = send()
        out.append([response.status_code, len(ctx.captured_queries)])
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
