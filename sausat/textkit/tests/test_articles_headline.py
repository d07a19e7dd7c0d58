"""Titles of voter-meeting reports without a headline (texts written for these tests; no database)."""

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.headline import COMPOSED_WARNING, caption_of_one_place

NO_HEADLINE = (
    "(QBĐT) - Nối tiếp đợt tiếp xúc cử tri trước Kỳ họp thứ 9, HĐND tỉnh khóa XVIII, sáng 14/11, "
    "Tổ đại biểu số 5 do ông Hoàng Minh Đức, Phó Chủ tịch HĐND tỉnh, dẫn đầu đã tiếp xúc 80 cử tri "
    "của xã Mai Thủy (huyện Lệ Thủy).\n"
    "Cử tri nêu 6 kiến nghị về giao thông nội đồng và nước sạch."
)


def test_a_voter_meeting_without_headline_gets_a_composed_title():
    r = parse_article(NO_HEADLINE)
    assert r.kind == "voter_meeting"
    assert r.title == (
        "Tổ đại biểu số 5 tiếp xúc cử tri trước Kỳ họp thứ 9, HĐND tỉnh khóa XVIII tại xã Mai Thủy (huyện Lệ Thủy)"
    )
    assert COMPOSED_WARNING in r.warnings
    # The composed title is not read for persons: the chair comes from the text only.
    assert [p.name for p in r.chairs] == ["Hoàng Minh Đức"]


ROUNDUP = (
    "Hoạt động đại biểu\n"
    "Bà Lê Thị Thanh Hương, Phó Chủ tịch HĐND tỉnh tiếp xúc cử tri tại xã Hoa Thủy, huyện Lệ Thủy\n"
    "- Sau khi nghe thông báo kết quả Kỳ họp thứ 10 HĐND tỉnh, cử tri xã Hoa Thủy đề nghị nâng cấp trạm y tế.\n"
    "- Tại buổi tiếp xúc, cử tri xã Phong Thủy phản ánh tình trạng thiếu nước tưới.\n"
    "- Cử tri huyện Quảng Ninh đề nghị sửa chữa kè sông."
)


def test_a_caption_of_one_place_is_not_the_headline_of_a_roundup():
    r = parse_article(ROUNDUP)
    assert r.title == "Tiếp xúc cử tri sau Kỳ họp thứ 10 HĐND tỉnh"
    assert r.place is None
    # The caption stays in the body: its person is still read.
    assert "Lê Thị Thanh Hương" in [p.name for p in r.participants_named]


def test_a_district_headline_over_its_communes_is_kept():
    title = "Chủ tịch UBND tỉnh tiếp xúc cử tri huyện Lệ Thủy"
    text = f"{title}\nSáng 12/6, cử tri xã Hoa Thủy và cử tri xã Phong Thủy nêu kiến nghị."
    assert not caption_of_one_place(title, text)
    assert parse_article(text).title == title


def test_no_composed_title_for_other_kinds_or_without_session_and_place():
    r = parse_article("Sáng 3/5/2023, Ban Thường vụ Tỉnh ủy họp để cho ý kiến về một số đề án.")
    assert r.title is None and COMPOSED_WARNING not in r.warnings
    r = parse_article("Sáng 20/5, đại biểu HĐND tỉnh đã tiếp xúc cử tri. Cử tri nêu nhiều kiến nghị.")
    assert r.kind == "voter_meeting" and r.title is None


def test_a_real_headline_is_never_replaced():
    text = "Đại biểu Quốc hội tiếp xúc cử tri xã Mai Thủy\n" + NO_HEADLINE
    r = parse_article(text)
    assert r.title == "Đại biểu Quốc hội tiếp xúc cử tri xã Mai Thủy"
    assert COMPOSED_WARNING not in r.warnings
