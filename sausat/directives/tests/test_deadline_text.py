"""The task form says the deadline before saving, computed as the save computes it."""

import datetime as dt

import pytest

from sausat.directives.deadline_text import describe_deadline
from sausat.directives.forms import TaskForm

pytestmark = pytest.mark.django_db


def test_deadline_sentences(cast):
    start = dt.date(2026, 12, 1)  # a Tuesday
    say = lambda **p: describe_deadline(p, document_date=start, place=cast.province)  # noqa: E731
    assert say(deadline_kind="fixed", deadline_date="2026-12-25") == "Hạn: đến 25/12/2026."
    assert say(deadline_kind="fixed") == ""  # nothing typed yet
    text = say(deadline_kind="working_days", deadline_days="5")
    assert text == "Hạn: 5 ngày làm việc kể từ ngày ban hành 01/12/2026, đến 08/12/2026."
    assert say(deadline_kind="calendar_days", deadline_days="20").endswith("đến 21/12/2026.")
    assert "không có ngày kết thúc" in say(deadline_kind="monthly")
    assert say(deadline_kind="none") == "Nhiệm vụ không có thời hạn."
    assert say(deadline_kind="nonsense") == ""


def test_task_form_marks_conditional_fields(cast, login, organs, document):
    form = TaskForm()
    assert form.fields["deadline_days"].widget.attrs["data-show-when"] == "deadline_kind:calendar_days|working_days"
    page = login(cast.secretary).get(f"/chi-dao/van-ban/{document.pk}/nhiem-vu/").content.decode()
    assert 'data-show-when="deadline_kind:fixed"' in page and 'id="deadline-preview"' in page
    preview = login(cast.secretary).get(
        f"/chi-dao/van-ban/{document.pk}/han/", {"deadline_kind": "fixed", "deadline_date": "2026-03-31"}
    )
    assert preview.content.decode() == "Hạn: đến 31/03/2026."
    assert login(cast.commune_b_cadre).get(f"/chi-dao/van-ban/{document.pk}/han/").status_code == 404
