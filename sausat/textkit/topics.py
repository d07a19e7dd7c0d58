"""Short descriptions of the common sectors under which offices group citizens' opinions.

Written for Sâu sát (not copied from any source). They are a weak prior: classification adds
the similarity between an opinion and the description of a label to what it learned from the
opinions already placed, and a meeting group whose title names a sector borrows that sector's
description. The keys are the common label set used by the evaluation files (``group_norm``).
"""

from __future__ import annotations

from sausat.textkit.normalize import search_key

TOPICS: dict[str, tuple[str, str]] = {
    # key: (short Vietnamese title, description)
    "dat_dai": (
        "Đất đai",
        "Đất đai: cấp giấy chứng nhận quyền sử dụng đất, sổ đỏ, chuyển mục đích sử dụng đất, "
        "tranh chấp ranh giới thửa đất, thu hồi đất, bồi thường, giải phóng mặt bằng, tái định cư, đo đạc địa chính.",
    ),
    "giao_thong_xay_dung": (
        "Giao thông, xây dựng",
        "Giao thông và xây dựng: đường giao thông xuống cấp, sửa chữa nâng cấp tuyến đường, cầu, cống, "
        "thoát nước, quy hoạch đô thị, nhà ở, giấy phép xây dựng, công trình, dự án chậm tiến độ.",
    ),
    "y_te": (
        "Y tế",
        "Y tế: trạm y tế, bệnh viện, bác sĩ, khám chữa bệnh, thuốc, thẻ bảo hiểm y tế khi điều trị, "
        "dịch bệnh, tiêm chủng, vệ sinh an toàn thực phẩm.",
    ),
    "giao_duc": (
        "Giáo dục",
        "Giáo dục: trường học, phòng học, giáo viên, học sinh, học phí, sách giáo khoa, chương trình học, "
        "thi cử, mầm non, bán trú.",
    ),
    "chinh_sach_xa_hoi": (
        "Chính sách xã hội, lao động",
        "Chính sách xã hội và lao động: người có công, thương binh liệt sĩ, bảo trợ xã hội, hộ nghèo, "
        "cận nghèo, bảo hiểm xã hội, lương hưu, tiền lương, trợ cấp, việc làm, học nghề, người cao tuổi.",
    ),
    "can_bo_to_chuc": (
        "Cán bộ, tổ chức bộ máy",
        "Tổ chức bộ máy và cán bộ: chế độ cán bộ công chức cấp xã, người hoạt động không chuyên trách, "
        "cán bộ ấp khóm, phụ cấp kiêm nhiệm, biên chế, sắp xếp đơn vị hành chính, đánh giá, đào tạo cán bộ.",
    ),
    "nong_nghiep_nong_thon": (
        "Nông nghiệp, nông thôn",
        "Nông nghiệp, nông thôn: sản xuất lúa, cây trồng, chăn nuôi, dịch bệnh gia súc, thủy lợi, kênh mương, "
        "đê điều, giống, phân bón, giá vật tư, tiêu thụ nông sản, lâm nghiệp, thủy sản, nông thôn mới.",
    ),
    "moi_truong": (
        "Môi trường",
        "Môi trường: ô nhiễm, rác thải, thu gom xử lý rác, nước thải, khói bụi, mùi hôi, khai thác cát, "
        "vệ sinh môi trường, biến đổi khí hậu, sạt lở.",
    ),
    "an_ninh_trat_tu": (
        "An ninh, trật tự",
        "An ninh trật tự: tội phạm, trộm cắp, ma túy, tệ nạn xã hội, cờ bạc, tín dụng đen, trật tự công cộng, "
        "an toàn giao thông, phòng cháy chữa cháy, căn cước, định danh điện tử, công an.",
    ),
    "hanh_chinh_tu_phap": (
        "Hành chính, tư pháp",
        "Hành chính và tư pháp: thủ tục hành chính, cải cách hành chính, một cửa, dịch vụ công, hộ tịch, "
        "khiếu nại, tố cáo, tiếp công dân, thi hành án, pháp luật.",
    ),
    "cong_thuong_dien_nuoc": (
        "Công thương, điện, nước",
        "Công thương, điện và nước sạch: lưới điện, mất điện, giá điện, trạm biến áp, nước máy, nước sinh hoạt, "
        "chợ, giá cả hàng hóa, hàng giả, khu công nghiệp.",
    ),
    "kinh_te_doanh_nghiep": (
        "Kinh tế, doanh nghiệp",
        "Kinh tế, đầu tư và doanh nghiệp: doanh nghiệp, hợp tác xã, vốn vay, tín dụng ngân hàng, thuế, phí, "
        "ngân sách, thu hút đầu tư, hộ kinh doanh.",
    ),
    "van_hoa_xa_hoi": (
        "Văn hóa, thể thao, du lịch",
        "Văn hóa, thể thao và du lịch: nhà văn hóa, lễ hội, di tích, thể dục thể thao, du lịch, thông tin "
        "tuyên truyền, truyền thanh, internet, sóng điện thoại.",
    ),
}

_BY_TITLE_KEY = {search_key(title): key for key, (title, _desc) in TOPICS.items()}


def topic_of(label: str) -> str | None:
    """The topic key ``label`` is or names ("y_te", "Y tế", "Về lĩnh vực y tế"), else ``None``.

    A title is matched when it contains a topic's short title (accent-insensitive).
    """
    if label in TOPICS:
        return label
    key = search_key(label)
    if key in _BY_TITLE_KEY:
        return _BY_TITLE_KEY[key]
    for title_key, topic in _BY_TITLE_KEY.items():
        first = title_key.split(",")[0].strip()
        if first and first in key:
            return topic
    return None


def describe(label: str) -> str | None:
    """The description of ``label`` when it is a known topic key or names one; else ``None``."""
    topic = topic_of(label)
    return TOPICS[topic][1] if topic is not None else None
