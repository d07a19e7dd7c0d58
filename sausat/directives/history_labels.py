"""How a task's history reads (sausat.core.timeline): the objects' names, fields and verbs."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from sausat.core.timeline import register_type, register_verbs

TASK_FIELDS = {
    "document": _("Văn bản chỉ đạo"),
    "title": _("Nội dung nhiệm vụ"),
    "content": _("Chi tiết"),
    "lead_organ": _("Cơ quan chủ trì"),
    "cooperating_organs": _("Cơ quan phối hợp"),
    "expected_product": _("Sản phẩm dự kiến"),
    "deadline_kind": _("Loại thời hạn"),
    "deadline_days": _("Số ngày thực hiện"),
    "deadline_date": _("Thời hạn"),
    "recurring_day": _("Ngày báo cáo định kỳ"),
    "recurring_until": _("Định kỳ đến ngày"),
    "due_date": _("Hạn hoàn thành"),
    "priority": _("Mức ưu tiên"),
    "percent": _("Tiến độ (%)"),
    "completion_proposed_at": _("Thời điểm đề nghị hoàn thành"),
    "completed_at": _("Thời điểm công nhận hoàn thành"),
    "completed_on": _("Ngày hoàn thành"),
    "product": _("Sản phẩm"),
    "source_opinion": _("Từ ý kiến"),
}
REPORT_FIELDS = {"text": _("Nội dung báo cáo"), "percent": _("Tiến độ (%)"), "at": _("Thời điểm báo cáo")}
REQUEST_FIELDS = {
    "kind": _("Loại đề nghị"),
    "reason": _("Lý do"),
    "product": _("Sản phẩm"),
    "requested_date": _("Thời hạn đề nghị"),
    "decision": _("Quyết định"),
    "decision_note": _("Ý kiến của Văn phòng"),
    "decided_at": _("Thời điểm quyết định"),
}
CHANGE_FIELDS = {"old_date": _("Thời hạn cũ"), "new_date": _("Thời hạn mới"), "reason": _("Lý do")}
VERBS = {
    "directives.task.add": _("Giao nhiệm vụ"),
    "directives.task.update": _("Sửa nhiệm vụ"),
    "directives.task.progress": _("Báo cáo tiến độ"),
    "directives.task.request_extension": _("Đề nghị gia hạn"),
    "directives.task.propose_completion": _("Đề nghị công nhận hoàn thành"),
    "directives.task.approve_extension": _("Đồng ý gia hạn"),
    "directives.task.return_extension": _("Trả lại đề nghị gia hạn"),
    "directives.task.approve_completion": _("Công nhận hoàn thành"),
    "directives.task.return_completion": _("Trả lại đề nghị công nhận hoàn thành"),
    "directives.document.register": _("Vào sổ văn bản chỉ đạo"),
    "directives.document.meeting": _("Gắn văn bản với hội nghị"),
}


def register() -> None:
    hidden = ["first_report_at", "last_report_at", "original_due_date", "deadline_changed_at"]
    register_type("directives.task", _("Nhiệm vụ"), TASK_FIELDS, hidden=hidden)
    register_type("directives.progressreport", _("Báo cáo tiến độ"), REPORT_FIELDS, parent="directives.task")
    register_type("directives.taskrequest", _("Đề nghị"), REQUEST_FIELDS, parent="directives.task")
    register_type("directives.deadlinechange", _("Thay đổi thời hạn"), CHANGE_FIELDS, parent="directives.task")
    register_type("directives.directingdocument", _("Văn bản chỉ đạo"), {})
    register_verbs(VERBS)
