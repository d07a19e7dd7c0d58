"""How an opinion's history reads (sausat.core.timeline): the objects' names, fields and verbs."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

from sausat.core.timeline import register_type, register_verbs

OPINION_FIELDS = {
    "meeting": _("Hội nghị"),
    "unit": _("Đơn vị"),
    "channel": _("Kênh tiếp nhận"),
    "text": _("Nội dung"),
    "author_name": _("Người góp ý"),
    "author_unit_label": _("Đơn vị của người góp ý"),
    "anonymous": _("Ẩn danh"),
    "name_consent": _("Đồng ý nêu tên"),
    "group": _("Nhóm vấn đề"),
    "merged_into": _("Trùng với ý kiến"),
    "responder_organ": _("Cơ quan trả lời"),
    "deadline": _("Hạn trả lời"),
    "outcome": _("Kết quả"),
    "answered_at": _("Thời điểm trả lời"),
    "published": _("Công khai"),
}
ANSWER_FIELDS = {
    "answered_by_organ": _("Cơ quan trả lời"),
    "answered_at": _("Thời điểm trả lời"),
    "place": _("Hình thức trả lời"),
    "text": _("Nội dung trả lời"),
    "outcome": _("Kết quả"),
    "directed_organ": _("Cơ quan được giao giải quyết"),
    "directed_deadline": _("Hạn giải quyết"),
    "petition_authority": _("Cấp có thẩm quyền"),
    "petition_sent_on": _("Ngày gửi kiến nghị"),
    "petition_reply_due": _("Hạn trả lời kiến nghị"),
    "petition_reply": _("Nội dung trả lời kiến nghị"),
    "petition_reply_on": _("Ngày có trả lời kiến nghị"),
    "petition_closed_on": _("Ngày kết thúc theo dõi"),
    "policy_name": _("Chính sách"),
    "rejection_reason": _("Lý do không tiếp thu"),
    "published": _("Công khai"),
}
GROUP_FIELDS = {
    "title": _("Tên nhóm"),
    "responder_organ": _("Cơ quan trả lời"),
    "deadline": _("Hạn trả lời"),
}
VERBS = {
    "opinion.register": _("Ghi nhận ý kiến"),
    "opinion.import": _("Nhập ý kiến từ tệp"),
    "opinion.publish": _("Công khai ý kiến"),
    "opinion.petition": _("Cập nhật kiến nghị lên cấp có thẩm quyền"),
    "opinion.outcome": _("Cập nhật kết quả xử lý"),
    "opinion.note": _("Ghi chú theo dõi"),
    "opinion.move": _("Chuyển nhóm vấn đề"),
    "opinion.merge": _("Gộp ý kiến trùng"),
    "opinion.assign": _("Giao cơ quan trả lời"),
    "opinion.answer": _("Trả lời ý kiến"),
    "issue_group.create": _("Tạo nhóm vấn đề"),
    "issue_group.assign": _("Giao nhóm vấn đề cho cơ quan trả lời"),
}


def register() -> None:
    register_type(
        "opinions.opinion", _("Ý kiến"), OPINION_FIELDS, hidden=["idempotency_key", "ref_hash", "answer_count"]
    )
    register_type("opinions.answer", _("Trả lời"), ANSWER_FIELDS, parent="opinions.opinion")
    register_type("opinions.issuegroup", _("Nhóm vấn đề"), GROUP_FIELDS)
    register_type("opinions.followupnote", _("Ghi chú theo dõi"), {})
    register_verbs(VERBS)
