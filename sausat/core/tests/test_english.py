import pytest
from django.core.management import call_command
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_catalogue():
    call_command("compilepo", verbosity=0)
    trans_real._translations.clear()
    trans_real._default = None
    yield
    trans_real._translations.clear()


def test_switching_to_english_shows_english_navigation(english_catalogue, cast, client):
    client.force_login(cast.leader)
    vietnamese = client.get("/").content.decode()
    assert "Cán bộ" in vietnamese and "Đăng xuất" in vietnamese
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert 'lang="en"' in english
    for label in ("Officials", "Areas", "Sign out", "Your roles", "Tiếng Việt"):
        assert label in english, label
    assert "Đăng xuất" not in english
    people = client.get("/can-bo/").content.decode()
    assert "Officials directory" in people and "Full name" in people
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Đăng xuất" in client.get("/").content.decode()


def test_browser_accept_language_does_not_switch_to_english(english_catalogue, cast, client):
    client.force_login(cast.leader)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page and "Đăng xuất" in page
