"""Titles: only a headline the text contains, never a composed one (texts written for these tests; no database)."""

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.headline import caption_of_one_place

NO_HEADLINE = (
    "(QBĐT) - Nối tiếp đợt tiếp xúc cử tri trước Kỳ họp thứ 9, HĐND tỉnh khóa XVIII, sáng 14/11, "
    "Tổ đại biểu số 5 do ông Hoàng Minh Đức, Phó Chủ tịch HĐND tỉnh, dẫn đầu đã tiếp xúc 80 cử tri "
    "của xã Mai Thủy (huyện Lệ Thủy).\n"
    "Cử tri nêu 6 kiến nghị về giao thông nội đồng và nước sạch."
)


def test_a_voter_meeting_without_headline_has_no_title():
    # The dev-data rule: a title only where the excerpt contains a headline, never a composed one.
    r = parse_article(NO_HEADLINE)
    assert r.kind == "voter_meeting"
    assert r.title is None
    assert not r.warnings
    assert [p.name for p in r.chairs] == ["Hoàng Minh Đức"]


ROUNDUP = (
    "Hoạt động đại biểu\n"
    "Bà Lê Thị Thanh Hương, Phó Chủ tịch HĐND tỉnh tiếp xúc cử tri tại xã Hoa Thủy, huyện Lệ Thủy\n"
    "- Sau khi nghe thông báo kết quả Kỳ họp thứ 10 HĐND tỉnh, cử tri xã Hoa Thủy đề nghị nâng cấp trạm y tế.\n"
    "- Tại buổi tiếp xúc, cử tri xã Phong Thủy phản ánh tình trạng thiếu nước tưới.\n"
    "- Cử tri huyện Quảng Ninh đề nghị sửa chữa kè sông."
)


def test_a_caption_of_one_place_is_not_the_headline_and_a_category_label_is_not_either():
    r = parse_article(ROUNDUP)
    assert r.title is None
    assert r.place is None
    # The caption stays in the body: its person is still read.
    assert "Lê Thị Thanh Hương" in [p.name for p in r.participants_named]


def test_a_short_headline_naming_the_meeting_is_kept_when_the_caption_is_dropped():
    r = parse_article("Tiếp xúc cử tri\n" + ROUNDUP.split("\n", 1)[1])
    assert r.title == "Tiếp xúc cử tri"


def test_a_short_headline_naming_a_meeting_stands_alone():
    r = parse_article("Hội nghị Ban Chấp hành\nSáng 3/5/2023, Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ.")
    assert r.title == "Hội nghị Ban Chấp hành"
    r = parse_article("Tin trong tỉnh\nSáng 3/5/2023, Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ.")
    assert r.title is None


def test_a_district_headline_over_its_communes_is_kept():
    title = "Chủ tịch UBND tỉnh tiếp xúc cử tri huyện Lệ Thủy"
    text = f"{title}\nSáng 12/6, cử tri xã Hoa Thủy và cử tri xã Phong Thủy nêu kiến nghị."
    assert not caption_of_one_place(title, text)
    assert parse_article(text).title == title


def test_no_title_for_other_kinds_without_headline():
    r = parse_article("Sáng 3/5/2023, Ban Thường vụ Tỉnh ủy họp để cho ý kiến về một số đề án.")
    assert r.title is None
    r = parse_article("Sáng 20/5, đại biểu HĐND tỉnh đã tiếp xúc cử tri. Cử tri nêu nhiều kiến nghị.")
    assert r.kind == "voter_meeting" and r.title is None


def test_a_real_headline_is_read_as_written():
    text = "Đại biểu Quốc hội tiếp xúc cử tri xã Mai Thủy\n" + NO_HEADLINE
    r = parse_article(text)
    assert r.title == "Đại biểu Quốc hội tiếp xúc cử tri xã Mai Thủy"
