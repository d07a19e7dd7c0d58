"""Province of an article: only one the text names (texts written for these tests; no database).

The dev-data README's rule is literal: a province is given only where the text names it. A district,
a commune, a dateline code or the publishing paper's web address is not the text naming a province."""

import datetime as dt

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.province import province, province_mentions


def test_explicit_province_bodies_and_papers():
    assert province("Thường trực Tỉnh ủy Bến Tre họp với các ban đảng.", None) == "Bến Tre"
    assert province("UBND tỉnh Kon Tum ban hành kế hoạch.", None) == "Kon Tum"
    assert province("Phóng viên Báo Lạng Sơn ghi nhận ý kiến.", None) == "Lạng Sơn"


def test_the_presidents_name_is_not_the_city():
    text = "Hội nghị học tập tư tưởng Hồ Chí Minh của Đoàn TNCS Hồ Chí Minh tại huyện Chợ Gạo."
    assert province_mentions(text) == []
    assert province(text, None) is None
    assert province("Sáng nay, Thành ủy TP.HCM tổ chức hội nghị.", None) == "Hồ Chí Minh"
    assert province("Đại biểu thành phố Hồ Chí Minh phát biểu.", None) == "Hồ Chí Minh"


def test_a_district_or_street_named_like_a_province_is_not_that_province():
    # "huyện Quảng Ninh" is a pre-2025 district of Quảng Bình, not the province Quảng Ninh.
    assert province_mentions("Cử tri huyện Quảng Ninh gửi kiến nghị về thủy lợi.") == []
    assert province("Cử tri huyện Quảng Ninh gửi kiến nghị về thủy lợi.", None) is None
    assert province_mentions("Nhà văn hóa trên đường Hà Nội được sửa chữa.") == []


def test_a_province_inside_a_persons_name_does_not_count():
    assert province_mentions("Ông Nguyễn Thái Bình, trưởng thôn, phát biểu.") == []
    assert province_mentions("Bà Trần Thị Huế phát biểu.") == []
    assert province_mentions("Đoàn ĐBQH Quảng Nam làm việc.") == ["Quảng Nam"]


def test_one_word_and_variant_spellings_need_the_province_word():
    assert province("Hội nghị tổ chức tại thành phố Huế.", None) == "Huế"
    assert province("Đoàn công tác của tỉnh Thừa Thiên Huế.", None) == "Huế"
    assert province("Nông dân tỉnh Đăk Lăk đối thoại với lãnh đạo.", None) == "Đắk Lắk"


def test_a_district_or_commune_names_no_province():
    # Before the rule was made literal these voted for the unit's province (Quảng Bình, Vĩnh Long).
    assert province("Bí thư Huyện ủy Lệ Thủy chủ trì buổi làm việc.", None) is None
    assert province("Cử tri xã Mai Thủy kiến nghị sửa đường.", None) is None
    assert province("Cử tri xã Tân Thủy kiến nghị sửa cầu.", dt.date(2026, 3, 2)) is None


def test_a_cluster_or_a_list_of_lower_units_is_not_the_province():
    text = "Tổ đại biểu HĐND tỉnh cụm Yên Bái đã tiếp xúc cử tri các phường: Nam Cường, Yên Bái và xã Tuy Lộc."
    assert province_mentions(text) == []
    assert province(text, dt.date(2025, 11, 20)) is None
    assert province_mentions("Cử tri các xã Hải An, Hà Nam và Đông Hải kiến nghị.") == []
    # The province written as such in the same text still counts.
    assert province(text + " Đại biểu HĐND tỉnh Lào Cai tiếp thu.", dt.date(2025, 11, 20)) == "Lào Cai"


def test_province_alone_as_tinh_uy_or_ubnd_tinh_names_nothing():
    assert province("Thường trực Tỉnh ủy làm việc với UBND tỉnh và các sở, ngành của tỉnh.", None) is None


def test_a_videoconference_point_names_the_province():
    assert province("Dự tại điểm cầu Sóc Trăng có lãnh đạo tỉnh.", None) == "Sóc Trăng"


def test_the_publishing_paper_is_not_evidence():
    # A dateline code or a web address says who published the article, not where the meeting was.
    assert province("Nguồn: baoninhthuan.com.vn | Đối thoại với nông dân.", None) is None
    assert province("Xem thêm tại hdnd.laichau.gov.vn", None) is None
    assert province("(QBĐT) - Sáng 14/11, Tổ đại biểu số 5 tiếp xúc cử tri.", None) is None


def test_the_headline_breaks_a_tie_with_a_province_mentioned_in_passing():
    text = (
        "Cà Mau: Lãnh đạo tỉnh đối thoại với ngư dân\n"
        "Sáng 4/3/2024, lãnh đạo tỉnh đối thoại với ngư dân. Đoàn học tập kinh nghiệm của tỉnh Bình Thuận."
    )
    assert parse_article(text).province == "Cà Mau"


def test_no_name_no_province():
    r = parse_article("Sáng 5/6/2023, Thường trực Thành ủy làm việc với Ban Tuyên giáo Thành ủy.")
    assert r.province is None
