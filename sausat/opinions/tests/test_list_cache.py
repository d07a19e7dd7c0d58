"""The opinion lists' cached bodies (issue 17; ``sausat/opinions/list_cache.py``).

Committed transactions (``transaction=True``): inside a test transaction the cache is bypassed
(``data_versions.cached``), so ``test_list_queries.py`` guards the computing path and this module the
cached one. A write through a service shows on the very next load; a reader never gets another
reader's entry; a grant taken away outside any service (no version moves) is obeyed at once.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sausat.accounts.testing import pass_second_factor
from sausat.opinions import services
from sausat.opinions.models import Channel, Outcome
from sausat.opinions.tests.factories import make_meeting, responder_organ
from sausat.people.models import RoleGrant

pytestmark = pytest.mark.django_db(transaction=True)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    pass_second_factor(client)
    return client


def _load(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(ctx.captured_queries)


def _main(page: str) -> str:
    """The page's main part, form tokens masked (they and the script nonces change on every load)."""
    main = page[page.index('<main id="main">') : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def _opinion(cast, meeting, text: str, key: str, **extra):
    return services.register_opinion(
        actor=cast.secretary,
        text=text,
        channel=Channel.PAPER,
        unit=cast.commune_a,
        idempotency_key=key,
        meeting=meeting,
        author_name="Người góp ý thử",
        **extra,
    )


@pytest.fixture
def listed(cast):
    meeting = make_meeting(cast)
    group = services.create_group(actor=cast.secretary, meeting=meeting, title="Nhóm đường giao thông")
    _opinion(cast, meeting, "Đề nghị sửa cầu treo qua suối", "lc-1", group=group)
    services.assign(actor=cast.secretary, organ=responder_organ(cast), group=group)
    return meeting, group


def test_the_register_shows_a_write_on_the_next_load(cast, listed):
    meeting, _group = listed
    url = f"{reverse('opinions:index')}?meeting={meeting.pk}"
    client = _client(cast.secretary)
    _load(client, url)
    first, hit = _load(client, url)
    assert "Đề nghị sửa cầu treo qua suối" in first and "Nhóm đường giao thông" in first

    opinion = _opinion(cast, meeting, "Đề nghị lắp đèn đường thôn Bắc", "lc-2")
    after, miss = _load(client, url)
    assert "Đề nghị lắp đèn đường thôn Bắc" in after
    assert miss > hit  # computed again: the opinions' version moved

    services.answer_opinion(actor=cast.secretary, opinion=opinion, text="Đã đưa vào kế hoạch", outcome=Outcome.ANSWERED)
    answered, _count = _load(client, url)
    assert _main(answered) != _main(after)  # the answer's count shows
    again, hit_again = _load(client, url)
    assert _main(again) == _main(answered) and hit_again == hit


def test_the_filters_and_the_fragment_are_entries_of_their_own(cast, listed):
    meeting, group = listed
    _opinion(cast, meeting, "Đề nghị nạo vét kênh nội đồng", "lc-3")
    index = reverse("opinions:index")
    client = _client(cast.secretary)
    for _ in range(2):  # the second round is served from the cache
        grouped, _count = _load(client, f"{index}?meeting={meeting.pk}&group={group.pk}")
        assert "Đề nghị sửa cầu treo qua suối" in grouped and "Đề nghị nạo vét kênh nội đồng" not in grouped
        searched, _count = _load(client, f"{index}?meeting={meeting.pk}&q=nao+vet")
        assert "Đề nghị nạo vét kênh nội đồng" in searched and "Đề nghị sửa cầu treo qua suối" not in searched
        fragment = client.get(f"{index}?meeting={meeting.pk}&q=nao+vet", headers={"HX-Request": "true"})
        assert fragment.content.decode().lstrip().startswith('<div class="table-wrap">')


def test_readers_never_share_an_entry(cast, listed):
    """Commune B's cadre asks for the same address as the office, after the office filled the cache."""
    meeting, _group = listed
    url = f"{reverse('opinions:index')}?meeting={meeting.pk}"
    office, other = _client(cast.secretary), _client(cast.commune_b_cadre)
    for _ in range(2):
        page, _count = _load(office, url)
        assert "Đề nghị sửa cầu treo qua suối" in page
        page, _count = _load(other, url)
        assert "Đề nghị sửa cầu treo qua suối" not in page and "Chưa có ý kiến nào." in page


def test_a_grant_taken_away_outside_the_services_is_obeyed_at_once(cast, listed):
    """No audit row, so no version moves: the grants this request read are part of the key."""
    url = reverse("opinions:queue")
    client = _client(cast.responder)
    for _ in range(2):
        page, _count = _load(client, url)
        assert "Đề nghị sửa cầu treo qua suối" in page and "Nhóm đường giao thông" in page
    RoleGrant.objects.filter(user=cast.responder).update(valid_to=dt.date(2000, 1, 1))
    page, _count = _load(client, url)
    assert "Đề nghị sửa cầu treo qua suối" not in page and "Nhóm đường giao thông" not in page


def test_the_queue_shows_an_answer_on_the_next_load(cast, listed):
    meeting, _group = listed
    url = reverse("opinions:queue")
    client = _client(cast.responder)
    _load(client, url)
    before, hit = _load(client, url)
    assert "Đề nghị sửa cầu treo qua suối" in before
    opinion = meeting.opinions.get()
    services.answer_opinion(actor=cast.responder, opinion=opinion, text="Sở đã khảo sát", outcome=Outcome.ANSWERED)
    after, miss = _load(client, url)
    assert "Đề nghị sửa cầu treo qua suối" not in after and "Nhóm đường giao thông" not in after
    assert miss > hit
    every, _count = _load(client, f"{url}?all=1")  # answered ones too: an entry of its own
    assert "Đề nghị sửa cầu treo qua suối" in every


# --- One opinion's page (views/detail.py) -----------------------------------------------------------


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_the_opinion_page_shows_a_note_on_the_next_load(cast, listed):
    meeting, _group = listed
    opinion = meeting.opinions.get()
    url = reverse("opinions:detail", args=[opinion.pk])
    client = _client(cast.secretary)
    _load(client, url)
    before, hit = _load(client, url)
    assert "Đề nghị sửa cầu treo qua suối" in before and "Đã gọi điện nhắc Sở" not in before
    services.add_note(actor=cast.secretary, opinion=opinion, text="Đã gọi điện nhắc Sở")
    after, miss = _load(client, url)
    assert "Đã gọi điện nhắc Sở" in after and miss > hit
    again, hit_again = _load(client, url)
    assert _main(again) == _main(after) and hit_again == hit


def test_the_cached_page_carries_each_browsers_own_form_token(cast, listed):
    """Two browsers of the same account: each page's forms carry that browser's token, and a post
    with it passes the CSRF check."""
    meeting, _group = listed
    opinion = meeting.opinions.get()
    url = reverse("opinions:detail", args=[opinion.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (first, second):
        browser.force_login(cast.secretary)
        pass_second_factor(browser)
    _load(first, url)
    page_one, _count = _load(first, url)
    page_two, _count = _load(second, url)  # from the entry the first browser filled
    assert "csrf-token-of-this-request" not in page_one + page_two
    token = _token(page_two)
    response = second.post(
        reverse("opinions:add_note", args=[opinion.pk]),
        {"text": "Ghi chú từ trình duyệt thứ hai", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert opinion.notes.filter(text="Ghi chú từ trình duyệt thứ hai").exists()


def test_the_opinion_page_is_never_served_out_of_scope(cast, listed):
    meeting, _group = listed
    opinion = meeting.opinions.get()
    url = reverse("opinions:detail", args=[opinion.pk])
    office, other, responder = _client(cast.secretary), _client(cast.commune_b_cadre), _client(cast.responder)
    for _ in range(2):
        assert office.get(url).status_code == 200
        assert other.get(url).status_code == 404
        assert responder.get(url).status_code == 200
    RoleGrant.objects.filter(user=cast.responder).update(valid_to=dt.date(2000, 1, 1))  # no version moves
    assert responder.get(url).status_code == 404


# --- The JSON lists (core.api_pagination.CachedList) ------------------------------------------------


def test_the_json_lists_show_a_write_on_the_next_read(cast, listed):
    meeting, _group = listed
    opinion = meeting.opinions.get()
    client = _client(cast.secretary)
    lists, answers = "/api/v1/opinions/?limit=20", f"/api/v1/opinions/{opinion.pk}/answers?limit=20"
    for _ in range(2):
        assert client.get(lists).json()["count"] == 1
        assert client.get(answers).json()["count"] == 0
    with CaptureQueriesContext(connection) as hit:
        client.get(lists)
    _opinion(cast, meeting, "Đề nghị xây nhà văn hoá ấp", "lc-4")
    services.answer_opinion(actor=cast.secretary, opinion=opinion, text="Sở đã bố trí vốn", outcome=Outcome.ANSWERED)
    with CaptureQueriesContext(connection) as miss:
        body = client.get(lists).json()
    assert body["count"] == 2 and body["items"][0]["text"] == "Đề nghị xây nhà văn hoá ấp"
    assert len(miss) > len(hit)
    assert [a["text"] for a in client.get(answers).json()["items"]] == ["Sở đã bố trí vốn"]
    assert client.get(f"{answers}&offset=1").json() == {"items": [], "count": 1}  # the offset is in the key


def test_the_json_answers_are_never_served_out_of_scope(cast, listed):
    meeting, _group = listed
    opinion = meeting.opinions.get()
    url = f"/api/v1/opinions/{opinion.pk}/answers?limit=20"
    office, other = _client(cast.secretary), _client(cast.commune_b_cadre)
    for _ in range(2):
        assert office.get(url).status_code == 200
        assert other.get(url).status_code == 404
        assert other.get("/api/v1/opinions/?limit=20").json()["count"] == 0
