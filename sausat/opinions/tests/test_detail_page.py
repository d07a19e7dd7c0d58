"""The opinion's page without its answer form and history: the form comes on demand (HTMX fragment
from the answer URL, or the page with ``?tra-loi=1`` without JavaScript), the history when scrolled to
(or with ``?lich-su=1``), a refused answer comes back with what was typed, and the page's queries do
not grow with its answers and notes (issue 17)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.core.inbox import inbox_for
from sausat.opinions import services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _opinion(cast, key="d1", **kw):
    return services.register_opinion(
        actor=cast.secretary,
        text=f"Ý kiến {key}",
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key=key,
        meeting=make_meeting(cast),
        author_name="Người ở xã A",
        **kw,
    )


def test_the_page_offers_the_form_and_shows_it_only_when_asked(cast, login):
    opinion = _opinion(cast)
    client = login(cast.secretary)
    url = reverse("opinions:detail", args=[opinion.pk])
    page = client.get(url).content.decode()
    assert 'id="answer-form"' not in page and 'name="outcome"' not in page
    assert f'hx-get="{reverse("opinions:answer", args=[opinion.pk])}"' in page
    assert 'href="?tra-loi=1#answer-form"' in page  # the same button without JavaScript
    inline = client.get(url + "?tra-loi=1").content.decode()
    assert 'id="answer-form"' in inline and 'name="outcome"' in inline and 'name="directed_organ"' in inline
    assert inline.count('id="id_text"') == 1


def test_the_fragment_is_the_form_alone_and_without_htmx_the_page_with_it(cast, login):
    opinion = _opinion(cast)
    client = login(cast.secretary)
    url = reverse("opinions:answer", args=[opinion.pk])
    fragment = client.get(url, **HX)
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.lstrip().startswith('<form method="post"') and 'id="answer-form"' in body
    assert "csrfmiddlewaretoken" in body and "<html" not in body
    plain = client.get(url)
    assert plain.status_code == 302
    assert plain["Location"] == reverse("opinions:detail", args=[opinion.pk]) + "?tra-loi=1#answer-form"


def test_the_fragment_answers_404_out_of_scope_and_to_who_may_not_answer(cast, login):
    opinion = _opinion(cast)
    url = reverse("opinions:answer", args=[opinion.pk])
    # Commune B: out of scope. Commune A's cadre: sees the named opinion of the commune, may not answer it.
    assert login(cast.commune_b_cadre).get(url, **HX).status_code == 404
    assert login(cast.commune_a_cadre).get(reverse("opinions:detail", args=[opinion.pk])).status_code == 200
    assert login(cast.commune_a_cadre).get(url, **HX).status_code == 404
    assert login(cast.commune_a_cadre).get(url).status_code == 404
    # Nor does the page offer it to them, even when asked.
    page = login(cast.commune_a_cadre).get(reverse("opinions:detail", args=[opinion.pk]) + "?tra-loi=1")
    assert 'id="answer-box"' not in page.content.decode() and 'id="answer-form"' not in page.content.decode()
    assert login(cast.responder).get(url, **HX).status_code == 404  # not assigned to its organ
    services.assign(actor=cast.secretary, organ=responder_organ(cast), opinion=opinion)
    assert login(cast.responder).get(url, **HX).status_code == 200


def test_the_history_comes_when_scrolled_to_or_asked_for(cast, login):
    opinion = _opinion(cast)
    services.add_note(actor=cast.secretary, opinion=opinion, text="Đã nhắc cơ quan")
    url = reverse("opinions:detail", args=[opinion.pk])
    client = login(cast.secretary)
    page = client.get(url).content.decode()
    assert 'class="timeline"' not in page
    assert f'hx-get="{url}?lich-su=1" hx-trigger="revealed"' in page and 'href="?lich-su=1#history"' in page
    fragment = client.get(url + "?lich-su=1", **HX).content.decode()
    assert '<ol class="timeline">' in fragment and "Ghi nhận ý kiến" in fragment and "<html" not in fragment
    inline = client.get(url + "?lich-su=1").content.decode()  # without JavaScript: the page with it
    assert '<ol class="timeline">' in inline and 'id="history-box"' not in inline
    # Who may not answer sees no history on the page, and does not get it by asking.
    assert login(cast.commune_a_cadre).get(url + "?lich-su=1", **HX).status_code == 404
    assert "timeline" not in login(cast.commune_a_cadre).get(url + "?lich-su=1").content.decode()
    assert login(cast.commune_b_cadre).get(url + "?lich-su=1", **HX).status_code == 404


def test_an_invalid_answer_comes_back_inline_with_what_was_typed(cast, login):
    opinion = _opinion(cast)
    client = login(cast.secretary)
    typed = "Phần trả lời đã soạn dở, chưa chọn kết quả"
    response = client.post(
        reverse("opinions:answer", args=[opinion.pk]),
        {"text": typed, "place": "writing", "outcome": "", "rejection_reason": "Lý do đã gõ"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="answer-form"' in html and typed in html
    assert "Trường này là bắt buộc." in html  # the field's error, in Vietnamese, beside it
    assert "Vui lòng kiểm tra lại nội dung trả lời." in html
    assert f"Ý kiến #{opinion.pk}" in html  # the whole page around it
    opinion.refresh_from_db()
    assert opinion.outcome == "" and not opinion.answers.exists()


def test_a_refusal_of_the_service_comes_back_beside_its_field(cast, login):
    opinion = _opinion(cast)
    typed = "Kiến nghị lên cấp trên xem xét"
    response = login(cast.secretary).post(
        reverse("opinions:answer", args=[opinion.pk]), {"text": typed, "place": "writing", "outcome": "petitioned"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert typed in html and "Vui lòng ghi cơ quan cấp trên nhận kiến nghị." in html
    assert not opinion.answers.exists()


def test_a_valid_answer_still_redirects_to_the_page(cast, login):
    opinion = _opinion(cast)
    response = login(cast.secretary).post(
        reverse("opinions:answer", args=[opinion.pk]), {"text": "Đã trả lời", "place": "writing", "outcome": "answered"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("opinions:detail", args=[opinion.pk])


def test_the_pages_queries_do_not_grow_with_answers_and_notes(cast, login):
    opinion = _opinion(cast)
    client = login(cast.secretary)
    url = reverse("opinions:detail", args=[opinion.pk])
    client.get(url + "?tra-loi=1")  # the session and the caches (the working-day calendar) are warm from here on

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        services.answer_opinion(actor=cast.secretary, opinion=opinion, text=f"Trả lời {i}", outcome=Outcome.ANSWERED)
    services.add_note(actor=cast.secretary, opinion=opinion, text="Ghi chú đầu")  # an empty list is not asked for
    small, small_form = count(url), count(url + "?tra-loi=1")
    assert small <= 9 and small_form <= small + 3  # the form: its drafts and organs (the page had 15 with it)
    for i in range(25):
        services.answer_opinion(
            actor=cast.secretary,
            opinion=opinion,
            text=f"Kiến nghị {i}",
            outcome=Outcome.PETITIONED,
            petition_authority="Bộ Nội vụ",
        )
        services.add_note(actor=cast.secretary, opinion=opinion, text=f"Ghi chú {i}")
    # Two pages of answers and notes: their counts come with the opinion, nothing per row.
    assert "Trang 1/2" in client.get(url).content.decode()
    assert (count(url), count(url + "?tra-loi=1")) == (small, small_form)
    assert count(url + "?lich-su=1") <= small + 2  # the history and the names it shows


def test_inbox_items_open_the_form_only_for_who_answers(cast):
    opinion = _opinion(cast)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), opinion=opinion)
    detail = reverse("opinions:detail", args=[opinion.pk])

    def urls(user, key):
        return [i.url for s in inbox_for(user) if s.key == key for i in s.items]

    assert detail + "?tra-loi=1#answer-form" in urls(cast.responder, "opinions.assigned")
    # A commune cadre follows the opinion; its page has no answer form to jump to.
    assert detail in urls(cast.commune_a_cadre, "opinions.commune")
