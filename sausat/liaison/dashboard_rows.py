"""The coverage dashboard's two long tables (one row per commune, one per cadre), written in Python.

Why not the template: at province scale the dashboard has 168 commune rows and ~220 cadre rows of
8–9 cells each; through the template engine that was about 24,000 rendered nodes, ~600
``{% translate %}`` and ~230 URL reversals per request, two thirds of the page's time (issue 17,
``benchmarks/page_profile.py``). Here each row is one ``str.format``: labels are translated and
escaped once per page, the unit address comes from one reversal
(:func:`sausat.core.precomputed.pk_url`), numbers are written as they are (the template had
``{% localize off %}``), and every text value (names, titles) goes through :func:`esc`, the same
escaping the template applied. The markup is the one ``liaison/dashboard.html`` had, cell for cell;
the page's layout stays in the template. ``test_dashboard_rows_escape_text`` guards the escaping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from sausat.core.precomputed import esc, pk_url

# Cadre criteria flags in the order the page lists them.
CADRE_FLAGS = (
    ("poor_scheduling", gettext_lazy("lịch xuống cơ sở chưa hợp lý")),
    ("unclear_focus", gettext_lazy("chưa rõ việc cần theo dõi")),
    ("infrequent_contact", gettext_lazy("ít liên hệ với địa bàn")),
    ("no_or_vague_feedback", gettext_lazy("không góp ý hoặc góp ý chung chung")),
    ("loose_coordination", gettext_lazy("phối hợp với cấp dưới chưa chặt")),
)
COMMUNE_HEAD = """<tr class="{stale}">
  <td data-label="{unit}"><a href="{url}">{name}</a>{successor}</td>
  <td data-label="{cadre}">{cadres}</td>
  <td data-label="{days}">{days_cell}</td>
  <td data-label="{visits}">{visits_n} / {required}{rarely}</td>
  <td data-label="{meetings}">{meetings_n} ({meetings_fb})</td>
  <td data-label="{feedback}">{feedback_cell}</td>
  <td data-label="{joint}">{joint_cell}</td>
  <td data-label="{late}">{late_cell}</td>
  <td data-label="{escalations}">"""
# The escalations cell is written per request: whether an escalation is open depends on its opinion's
# answer (the opinions app), which the cached part of the page does not follow (dashboard_selectors.py).
COMMUNE_TAIL = """{open} / {overdue}</td>
</tr>
"""
CADRE_ROW = """<tr>
  <td data-label="{cadre}">{name}{title}</td>
  <td data-label="{unit}">{units}</td>
  <td data-label="{visits}">{visits_n} / {required}</td>
  <td data-label="{meetings}">{meetings_n}</td>
  <td data-label="{feedback}">{feedback_n} ({vague})</td>
  <td data-label="{joint}">{joint_n}</td>
  <td data-label="{late}">{late_n}/{expected}</td>
  <td data-label="{flags}">{badges}</td>
</tr>
"""


def badge(text: str, kind: str = "overdue") -> str:
    return f'<span class="badge{" " + kind if kind else ""}">{esc(text)}</span>'


def _labels() -> dict[str, str]:
    return {
        key: esc(label)
        for key, label in {
            "unit": gettext("Địa bàn"),
            "cadre": gettext("Cán bộ"),
            "days": gettext("Ngày từ lần liên hệ cuối"),
            "visits": gettext("Xuống cơ sở"),
            "meetings": gettext("Dự họp"),
            "feedback": gettext("Góp ý"),
            "joint": gettext("Phối hợp"),
            "late": gettext("Báo cáo trễ"),
            "escalations": gettext("Kiến nghị"),
            "flags": gettext("Cần chấn chỉnh"),
        }.items()
    }


def commune_rows_html(rows: Iterable[SimpleNamespace]) -> SafeString:
    rows = list(rows)
    return join_commune_rows(commune_row_heads(rows), [(r.escalations_open, r.escalations_overdue) for r in rows])


def join_commune_rows(heads: Sequence[str], escalations: Sequence[tuple[int, int]]) -> SafeString:
    """Each commune row: its head (:func:`commune_row_heads`) and its escalations cell (open, overdue)."""
    tail = COMMUNE_TAIL.format
    return mark_safe(  # noqa: S308 - the heads are escaped markup, the counts are ints
        "".join(head + tail(open=int(o), overdue=int(d)) for head, (o, d) in zip(heads, escalations, strict=True))
    )


def commune_row_heads(rows: Iterable[SimpleNamespace]) -> list[str]:
    """Each commune row's markup up to its escalations cell (the cell's content comes per request)."""
    lbl = _labels()
    unit_url = pk_url("liaison:unit")
    never, rarely, no_joint = (
        badge(gettext("Chưa liên hệ")),
        badge(gettext("ít xuống")),
        badge(gettext("chưa phối hợp")),
    )
    now = gettext("nay: %(s)s")
    out = []
    for r in rows:
        if r.days_since is None:
            days = never
        else:
            days = f'<span class="{"badge overdue" if r.stale else ""}">{r.days_since}</span>'
        expected = r.reports_expected
        out.append(
            COMMUNE_HEAD.format(
                **lbl,
                stale="stale" if r.stale else "",
                url=unit_url(r.pk),
                name=esc(r.name),
                successor=f'<br><span class="muted">{esc(now % {"s": r.successor_name})}</span>'
                if r.successor_name
                else "",
                cadres=esc(r.lead_name) + (f" (+{r.cadre_count - 1})" if r.cadre_count > 1 else ""),
                days_cell=days,
                visits_n=r.visits,
                required=r.required,
                rarely=" " + rarely if r.rarely_visits else "",
                meetings_n=r.meetings,
                meetings_fb=r.meetings_with_feedback,
                feedback_cell=f"{r.feedback} ({r.vague_feedback})" if r.vague_feedback else r.feedback,
                joint_cell=no_joint if r.poor_coordination else r.joint,
                late_cell=badge(f"{r.reports_late}/{expected}") if r.reports_late else f"0/{expected}",
            )
        )
    return out


def cadre_rows_html(rows: Iterable[SimpleNamespace]) -> SafeString:
    lbl = _labels()
    flag_badges = [(key, badge(str(label))) for key, label in CADRE_FLAGS]
    ok, late_reporting = badge(gettext("đạt"), "ok"), badge(gettext("báo cáo chậm (chỉ số phần mềm)"), "")
    out = []
    for c in rows:
        badges = [b for key, b in flag_badges if c.flags.get(key)]
        if not c.flag_count:
            badges.append(ok)
        if c.product_flags.get("late_reporting"):
            badges.append(late_reporting)
        out.append(
            CADRE_ROW.format(
                **lbl,
                name=esc(c.full_name),
                title=f'<br><span class="muted">{esc(c.title)}</span>' if c.title else "",
                units=c.unit_count,
                visits_n=c.visits,
                required=c.required,
                meetings_n=c.meetings,
                feedback_n=c.feedback,
                vague=c.vague_feedback,
                joint_n=c.joint,
                late_n=c.reports_late,
                expected=c.reports_expected,
                badges=" ".join(badges),
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - text values went through esc(), the rest is our markup
