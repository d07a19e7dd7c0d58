"""Province of an article from the names it writes (texts written for these tests; no database)."""

import datetime as dt

import pytest

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.province import province, province_mentions


def test_explicit_province_bodies_and_papers():
    assert province("Thường trực Tỉnh ủy Bến Tre họp với các ban đảng.", None) == "Bến Tre"
    assert province("UBND tỉnh Kon Tum ban hành kế hoạch.", None) == "Kon Tum"
    assert province("Phóng viên Báo Lạng Sơn ghi nhận ý kiến.", None) == "Lạng Sơn"


def test_the_presidents_name_is_not_the_city():
    text = "Hội nghị học tập tư tưởng Hồ Chí Minh của Đoàn TNCS Hồ Chí Minh tại huyện Chợ Gạo."
    assert province_mentions(text) == []
    assert province(text, None) == "Tiền Giang"
    assert province("Sáng nay, Thành ủy TP.HCM tổ chức hội nghị.", None) == "Hồ Chí Minh"
    assert province("Đại biểu thành phố Hồ Chí Minh phát biểu.", None) == "Hồ Chí Minh"


def test_a_district_or_street_named_like_a_province_is_not_that_province():
    # "huyện Quảng Ninh" is a pre-2025 district of Quảng Bình, not the province Quảng Ninh.
    assert province("Cử tri huyện Quảng Ninh gửi kiến nghị về thủy lợi.", None) == "Quảng Bình"
    assert province_mentions("Nhà văn hóa trên đường Hà Nội được sửa chữa.") == []


def test_a_province_inside_a_persons_name_does_not_count():
    assert province_mentions("Ông Nguyễn Thái Bình, trưởng thôn, phát biểu.") == []
    assert province_mentions("Bà Trần Thị Huế phát biểu.") == []
    assert province_mentions("Đoàn ĐBQH Quảng Nam làm việc.") == ["Quảng Nam"]


def test_one_word_and_variant_spellings_need_the_province_word():
    assert province("Hội nghị tổ chức tại thành phố Huế.", None) == "Huế"
    assert province("Đoàn công tác của tỉnh Thừa Thiên Huế.", None) == "Huế"
    assert province("Nông dân tỉnh Đăk Lăk đối thoại với lãnh đạo.", None) == "Đắk Lắk"


def test_district_party_committee_names_the_district():
    assert province("Bí thư Huyện ủy Lệ Thủy chủ trì buổi làm việc.", None) == "Quảng Bình"


def test_one_unambiguous_commune_is_enough_and_shared_names_are_not():
    assert province("Cử tri xã Mai Thủy kiến nghị sửa đường.", None) == "Quảng Bình"
    # "An Hòa" is a commune name in many provinces.
    assert province("Cử tri xã An Hòa kiến nghị sửa đường.", None) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 2), "Vĩnh Long"),  # current communes first: one "Tân Thủy", in Vĩnh Long
        (dt.date(2020, 3, 2), None),  # pre-2025 communes: Bến Tre and Quảng Bình both had one
    ],
)
def test_communes_are_looked_up_in_the_meetings_era(day, expected):
    assert province("Cử tri xã Tân Thủy kiến nghị sửa cầu.", day) == expected


def test_a_videoconference_point_names_the_province():
    assert province("Dự tại điểm cầu Sóc Trăng có lãnh đạo tỉnh.", None) == "Sóc Trăng"


def test_web_address_of_a_provincial_paper_or_portal():
    assert province("Nguồn: baoninhthuan.com.vn | Đối thoại với nông dân.", None) == "Ninh Thuận"
    assert province("Xem thêm tại hdnd.laichau.gov.vn", None) == "Lai Châu"
    assert province("Theo baochinhphu.vn, hội nghị đã diễn ra.", None) is None


def test_the_headline_breaks_a_tie_with_a_province_mentioned_in_passing():
    text = (
        "Cà Mau: Lãnh đạo tỉnh đối thoại với ngư dân\n"
        "Sáng 4/3/2024, lãnh đạo tỉnh đối thoại với ngư dân. Đoàn học tập kinh nghiệm của tỉnh Bình Thuận."
    )
    assert parse_article(text).province == "Cà Mau"


def test_no_name_no_province():
    r = parse_article("Sáng 5/6/2023, Thường trực Thành ủy làm việc với Ban Tuyên giáo Thành ủy.")
    assert r.province is None
