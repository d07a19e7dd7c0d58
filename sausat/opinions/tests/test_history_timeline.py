"""An opinion's history page is a timeline in Vietnamese: who did what when, each change as
"label: old → new" with display values (choice labels, body names, dd/mm/yyyy), never raw codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sausat.opinions import services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_opinion_history_reads_as_a_vietnamese_timeline(cast, login):
    meeting = make_meeting(cast)
    organ = responder_organ(cast)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị nâng cấp trạm y tế xã",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="timeline-1",
        meeting=meeting,
        author_name="Trần Thị B",
    )
    services.assign(actor=cast.secretary, organ=organ, opinion=opinion, deadline=dt.date(2026, 12, 31))
    services.answer_opinion(
        actor=cast.responder,
        opinion=opinion,
        text="Sở đã đưa trạm y tế xã vào kế hoạch nâng cấp năm sau",
        outcome=Outcome.ANSWERED,
        answered_by_organ=organ,
    )
    page = login(cast.secretary).get(reverse("core:history", args=["opinions.opinion", opinion.pk]))
    assert page.status_code == 200
    text = _text(page.content.decode())

    # Verbs as sentences, actors by name.
    for sentence in ("Ghi nhận ý kiến", "Giao cơ quan trả lời", "Trả lời ý kiến", "Cập nhật kết quả xử lý"):
        assert sentence in text, sentence
    # The changes, labelled, with display values.
    assert f"Cơ quan trả lời: — → {organ.name}" in text
    assert "Hạn trả lời: — → 31/12/2026" in text
    assert "Kết quả: — → Đã trả lời" in text
    assert "Kênh tiếp nhận: Phiếu lấy ý kiến (văn bản)" in text
    # The answer (part of the opinion) shows its content and outcome on the opinion's timeline.
    assert "Nội dung trả lời: Sở đã đưa trạm y tế xã vào kế hoạch nâng cấp năm sau" in text
    # No raw codes, field names or database dumps.
    for raw in ("opinion.answer", "opinion.register", "responder_organ", "outcome", "answered", "paper",
                "2026-12-31", "opinions.answer", "{", "_id"):  # fmt: skip
        assert raw not in text, raw


def test_opinion_page_timeline_uses_the_same_labels(cast, login):
    organ = responder_organ(cast)
    opinion = services.register_opinion(
        actor=cast.secretary,
        text="Đề nghị lắp đèn đường",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key="timeline-2",
        author_name="Lê Văn C",
    )
    services.assign(actor=cast.secretary, organ=organ, opinion=opinion, deadline=dt.date(2026, 12, 31))
    page = login(cast.secretary).get(reverse("opinions:detail", args=[opinion.pk]) + "?lich-su=1")
    html = page.content.decode()
    history = _text(html[html.index('id="history"') :])
    assert "Giao cơ quan trả lời" in history and f"Cơ quan trả lời: — → {organ.name}" in history
    assert "opinion.assign" not in history
