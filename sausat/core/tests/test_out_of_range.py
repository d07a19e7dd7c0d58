"""Numbers past 64 bits in ids and filters answer 422 (API) or 404 (pages), never 500 (found by the fuzzer)."""

HUGE = "3043807555715412262912"


def test_api_filter_and_id_past_64_bits_answer_422(cast, login):
    client = login(cast.secretary)
    for url in (f"/api/v1/directives/tasks?organ={HUGE}", f"/api/v1/cadres/records/{HUGE}"):
        response = client.get(url)
        assert response.status_code in (404, 422), (url, response.status_code)
        assert "message" in response.json() or "detail" in response.json()


def test_page_id_past_64_bits_answers_404(cast, login):
    client = login(cast.secretary)
    for url in (f"/y-kien/{HUGE}/", f"/hoi-nghi/{HUGE}/", f"/chi-dao/nhiem-vu/{HUGE}/"):
        assert client.get(url).status_code == 404, url
