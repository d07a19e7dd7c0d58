import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from sausat.core.models import AuditEvent
from sausat.directives import opinion_task_services, policy, request_services, services
from sausat.directives.models import Decision, Task

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_responder_sees_tasks_its_organ_leads_or_cooperates_on_only(cast, organs, make_task):
    noi_vu = organs["province"]["Sở Nội vụ"]
    led = make_task(noi_vu, title="Chủ trì")
    cooperating = make_task(organs["province"]["Sở Tài chính"], title="Phối hợp", cooperating_organs=[noi_vu])
    other = make_task(organs["province"]["Sở Y tế"], title="Của Sở Y tế")
    visible = set(policy.visible_tasks(cast.responder))
    assert {led, cooperating} <= visible
    assert other not in visible
    with pytest.raises(Http404):
        policy.task_or_404(cast.responder, other.pk)
    assert policy.acts_for_lead(cast.responder, led)
    assert not policy.acts_for_lead(cast.responder, cooperating)
    # the document is visible through the tasks
    assert policy.document_or_404(cast.responder, led.document_id)


def test_commune_cadres_see_their_communes_tasks_and_commune_b_gets_404(cast, organs, make_task, login):
    task_a = make_task(organs["commune_a"]["UBND"], title="Việc của xã A")
    assert policy.task_or_404(cast.commune_a_cadre, task_a.pk) == task_a
    assert policy.acts_for_lead(cast.commune_a_cadre, task_a)
    with pytest.raises(Http404):
        policy.task_or_404(cast.commune_b_cadre, task_a.pk)
    client = login(cast.commune_b_cadre)
    assert client.get(f"/chi-dao/nhiem-vu/{task_a.pk}/").status_code == 404
    assert client.get("/chi-dao/nhiem-vu/999999/").status_code == 404
    assert client.post(f"/chi-dao/nhiem-vu/{task_a.pk}/tien-do/", {"text": "x", "percent": 5}).status_code == 404
    assert client.get(f"/chi-dao/van-ban/{task_a.document_id}/").status_code == 404
    assert client.get(f"/api/v1/directives/tasks/{task_a.pk}").status_code == 404
    assert login(cast.commune_a_cadre).get(f"/chi-dao/nhiem-vu/{task_a.pk}/").status_code == 200


def test_citizen_and_liaison_see_nothing(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"])
    assert not policy.visible_tasks(cast.citizen).exists()
    assert not policy.visible_documents(cast.citizen).exists()
    with pytest.raises(Http404):
        policy.task_or_404(cast.liaison, task.pk)


def test_leader_and_secretary_see_all_but_only_the_office_decides(cast, organs, make_task, login):
    task = make_task(organs["province"]["Sở Nội vụ"])
    assert policy.task_or_404(cast.leader, task.pk)
    assert policy.is_office(cast.secretary, task)
    assert not policy.is_office(cast.leader, task)
    req = request_services.request_extension(
        actor=cast.responder, task=task, reason="Chờ ý kiến", requested_date=dt.date(2026, 4, 30)
    )
    response = login(cast.leader).post(f"/chi-dao/de-nghi/{req.pk}/xu-ly/", {"approve": "1"})
    assert response.status_code == 404
    req.refresh_from_db()
    assert req.decision == Decision.PENDING


def test_every_step_is_audited_and_deadline_history_kept(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"])
    before = AuditEvent.objects.count()
    services.report_progress(actor=cast.responder, task=task, text="Đã triển khai", percent=40)
    req = request_services.request_extension(
        actor=cast.responder, task=task, reason="Lý do", requested_date=dt.date(2026, 5, 1)
    )
    request_services.decide_request(actor=cast.secretary, request=req, approve=True)
    prop = request_services.propose_completion(actor=cast.responder, task=task, product="Báo cáo số 5")
    request_services.decide_request(actor=cast.secretary, request=prop, approve=False, note="Bổ sung số liệu")
    prop = request_services.propose_completion(actor=cast.responder, task=task, product="Báo cáo số 5 (bổ sung)")
    request_services.decide_request(actor=cast.secretary, request=prop, approve=True)
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)[before:])
    assert verbs == [
        "directives.task.progress",
        "directives.task.request_extension",
        "directives.task.approve_extension",
        "directives.task.propose_completion",
        "directives.task.return_completion",
        "directives.task.propose_completion",
        "directives.task.approve_completion",
    ]
    task.refresh_from_db()
    assert task.completed_at and task.percent == 100 and task.product == "Báo cáo số 5 (bổ sung)"
    assert task.deadline_changes.count() == 1
    with pytest.raises(ValidationError):
        services.report_progress(actor=cast.responder, task=task, text="Sau khi xong", percent=100)


def test_bad_input_is_refused_in_vietnamese_and_nothing_half_written(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"])
    with pytest.raises(ValidationError, match="gia hạn"):
        request_services.request_extension(
            actor=cast.responder, task=task, reason="", requested_date=dt.date(2026, 5, 1)
        )
    with pytest.raises(ValidationError, match="sau thời hạn hiện tại"):
        request_services.request_extension(
            actor=cast.responder, task=task, reason="x", requested_date=dt.date(2026, 3, 1)
        )
    with pytest.raises(ValidationError):
        services.report_progress(actor=cast.responder, task=task, text="x", percent=140)
    assert task.progress_reports.count() == 0 and task.requests.count() == 0


def test_second_save_of_a_stale_copy_gets_a_conflict_showing_what_changed(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"], title="Bản đầu")
    mine = Task.objects.get(pk=task.pk)
    theirs = Task.objects.get(pk=task.pk)
    services.update_task(
        theirs, actor=cast.secretary, expected_version=theirs.version, deadline_date=dt.date(2026, 4, 30)
    )
    with pytest.raises(services.TaskConflict) as err:
        services.update_task(mine, actor=cast.secretary, expected_version=mine.version, title="Bản của tôi")
    assert "deadline_date" in err.value.changed
    assert "Ngày hết hạn: «31/03/2026» → «30/04/2026»" in err.value.message
    assert "chưa được lưu" in err.value.message
    task.refresh_from_db()
    assert task.title == "Bản đầu" and task.due_date == dt.date(2026, 4, 30)
    assert task.deadline_changes.get().old_date == dt.date(2026, 3, 31)


def test_progress_from_lead_bumps_version_so_an_open_editor_conflicts(cast, organs, make_task):
    task = make_task(organs["province"]["Sở Nội vụ"])
    editor_copy = Task.objects.get(pk=task.pk)
    services.report_progress(actor=cast.responder, task=task, text="Tiến độ", percent=10, at=vn(2026, 2, 2))
    with pytest.raises(services.TaskConflict):
        services.update_task(editor_copy, actor=cast.secretary, expected_version=editor_copy.version, title="Sửa")


def test_create_task_from_opinion_links_both_ways_each_in_its_own_register_entry(cast, organs):
    from sausat.opinions import services as opinion_services
    from sausat.opinions.models import Channel

    def opinion(key):
        return opinion_services.register_opinion(
            actor=cast.secretary,
            text="Đề nghị sửa trạm y tế xã",
            channel=Channel.values[0],
            unit=cast.province,
            idempotency_key=key,
        )

    lead = organs["province"]["Sở Y tế"]
    first, second = opinion("directives-test-1"), opinion("directives-test-2")
    task = opinion_task_services.create_task_from_opinion(
        actor=cast.secretary,
        opinion=first,
        lead_organ=lead,
        deadline=dt.date(2026, 12, 31),
        title="Giải quyết kiến nghị về trạm y tế",
        content="Theo ý kiến cử tri",
    )
    again = opinion_task_services.create_task_from_opinion(
        actor=cast.secretary, opinion=second, lead_organ=lead, deadline=None, title="Kiến nghị thứ hai", content=""
    )
    # Outside a conference: one register entry per direction, dated by its answer (here: no answer, today).
    assert task.document_id != again.document_id
    assert task.document.kind == "opinion_direction" and task.document.unit == first.unit
    assert task.due_date == dt.date(2026, 12, 31) and again.due_date is None
    assert list(first.directed_tasks.all()) == [task]
    assert Task.objects.get(pk=again.pk).source_opinion == second
    from sausat.directives.selectors import with_status
    from sausat.directives.status import Status

    prop = request_services.propose_completion(actor=cast.responder, task=task, product="Đã sửa trạm y tế")
    request_services.decide_request(actor=cast.secretary, request=prop, approve=True)
    [done] = with_status(first.directed_tasks.all(), timezone.now())
    assert done.status is Status.COMPLETED_ON_TIME and done.product == "Đã sửa trạm y tế"
