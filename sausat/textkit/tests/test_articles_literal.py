"""The dev-data README's literal rules for chairs and counts (texts written for these tests; no database)."""

from sausat.textkit.articles import parse_article


def test_a_leader_who_only_directs_is_not_a_chair():
    # Only chủ trì / đồng chủ trì / dẫn đầu make a chair; "phát biểu chỉ đạo" is speaking.
    r = parse_article(
        "Đây là phát biểu chỉ đạo của Bí thư Thành ủy Trần Văn Sơn tại Hội nghị Ban Chấp hành Đảng bộ thành phố "
        "diễn ra sáng 12-7. Phó Bí thư Thành ủy, Chủ tịch HĐND thành phố Lê Thị Mai; Chủ tịch UBND thành phố "
        "Phạm Quốc Bảo đồng chủ trì Hội nghị."
    )
    assert [p.name for p in r.chairs] == ["Lê Thị Mai", "Phạm Quốc Bảo"]
    assert [p.name for p in r.participants_named] == ["Trần Văn Sơn"]


def test_a_leader_named_with_chu_tri_is_a_chair():
    r = parse_article("Sáng 9/4/2024, đồng chí Ngô Văn Hải, Bí thư Huyện ủy chủ trì hội nghị đối thoại với nông dân.")
    assert [p.name for p in r.chairs] == ["Ngô Văn Hải"]


def test_opinions_placed_at_the_meeting_are_direct():
    r = parse_article(
        "Sáng 23/11/2023, đại biểu HĐND tỉnh tiếp xúc cử tri xã Tân Lập. "
        "Tại buổi tiếp xúc, có 7 ý kiến, kiến nghị gửi đến các đại biểu về giao thông và đất đai."
    )
    assert (r.count_value("written"), r.count_value("direct"), r.count_value("total")) == (None, 7, None)


def test_a_count_without_time_or_verb_stays_a_total_and_written_stays_written():
    r = parse_article("Sáng 5/7/2022, đại biểu tiếp xúc cử tri. Có 12 ý kiến, kiến nghị gửi đến đại biểu.")
    assert (r.count_value("direct"), r.count_value("total")) == (None, 12)
    r = parse_article(
        "Sáng 5/7/2022, lãnh đạo tỉnh đối thoại với thanh niên. Tại hội nghị, Ban tổ chức đã nhận 40 ý kiến "
        "bằng văn bản gửi trước."
    )
    assert (r.count_value("written"), r.count_value("direct")) == (40, None)
