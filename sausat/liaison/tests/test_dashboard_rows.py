"""The dashboard's rows are written in Python (issue 17): text is escaped as the template escaped it."""

from types import SimpleNamespace

from sausat.liaison.dashboard_rows import cadre_rows_html, commune_rows_html

EVIL = "<script>alert('x')</script> & \"q\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"


def _commune():
    return SimpleNamespace(
        pk=7, name=EVIL, successor_name=EVIL, lead_name=EVIL, cadre_count=3, days_since=None, stale=True,
        visits=1, required=2, rarely_visits=True, meetings=4, meetings_with_feedback=1, feedback=2,
        vague_feedback=0, poor_coordination=False, joint=5, reports_late=1, reports_expected=3,
        escalations_open=2, escalations_overdue=1,
    )  # fmt: skip


def test_dashboard_rows_escape_text():
    html = str(commune_rows_html([_commune()]))
    assert "<script>" not in html and html.count(ESCAPED) == 3
    assert '<a href="/co-so/dia-ban/7/">' in html
    assert f"{ESCAPED} (+2)</td>" in html
    assert '<td data-label="Báo cáo trễ"><span class="badge overdue">1/3</span></td>' in html
    assert '<td data-label="Góp ý">2</td>' in html and '<td data-label="Phối hợp">5</td>' in html
    cadre = SimpleNamespace(
        full_name=EVIL, title=EVIL, unit_count=2, visits=3, required=4, meetings=1, feedback=2, vague_feedback=1,
        joint=0, reports_late=0, reports_expected=2, flags={"unclear_focus": True, "poor_scheduling": None},
        flag_count=1, product_flags={"late_reporting": False},
    )  # fmt: skip
    html = str(cadre_rows_html([cadre]))
    assert "<script>" not in html and html.count(ESCAPED) == 2
    assert '<span class="badge overdue">chưa rõ việc cần theo dõi</span></td>' in html
    assert "đạt" not in html
