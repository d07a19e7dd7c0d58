"""H1–H6: each role's home page (issue 12: "home is an inbox"), at province scale, as the demo accounts.

The home is the page every person opens first and on every return, so each must answer in a median
under 100 ms with a number of queries that does not grow with the data (the query count is
guarded by sausat/core/tests/test_inbox.py). The bench cast holds its roles at the bench province
(``benchmarks/harness/data.py``: leader, secretary, responder at the province; the liaison account
leads the first commune in gen_liaison; the commune cadre works in that commune). The citizen's
home reads only their own opinions.

The leader's home shows the quarter's task figures, which the quarterly pack computes from every
task of the quarter: they are cached per person, day and data version
(``sausat.directives.figures.current_quarter_figures``), so the measured median is the page with
the figures already computed (the harness warms each operation up first).
"""

from __future__ import annotations

from benchmarks.harness.operations import Context, Operation, Request, Skip, register

HOMES = [
    ("H1", "lanhdao", "leader", "directives.late"),
    ("H2", "vanphong", "office secretary", "directives.requests"),
    ("H3", "traloi", "responder", "opinions.assigned"),
    ("H4", "theodoi", "liaison cadre", "liaison.stale"),
    ("H5", "xa_a", "commune cadre", "opinions.commune"),
    ("H6", "congdan", "citizen", "opinions.mine"),
]


def _resolve(username: str, source: str):
    def resolve(ctx: Context) -> Request:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise Skip(f"no demo account {username!r}: the bench data was not built")
        # The section's heading is on the page whenever it has work. The citizen may have none, and
        # so may the liaison cadre when every commune of theirs was visited lately (the bench data
        # of 05/12/2026): their sources still run every query, so the inbox itself is the marker.
        marker = f'data-source="{source}"' if username not in ("congdan", "theodoi") else 'id="inbox'
        return Request("/", user=username, min_bytes=3000, marker=marker)

    return resolve


for _key, _user, _role, _source in HOMES:
    register(
        Operation(
            _key,
            f"Home page (inbox) of the {_role} ({_user})",
            _resolve(_user, _source),
            bar="< 100 ms",
            max_median_ms=100.0,
        )
    )
