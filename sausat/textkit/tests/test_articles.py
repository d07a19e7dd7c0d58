"""Article parser on short texts written for these tests (no database, no shared folder)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.people import persons_in
from sausat.textkit.titles import expand_abbreviations, split_titles


def names(people):
    return [p.name for p in people]


def test_titles_are_split_and_expanded():
    assert split_titles("Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh") == ["Phó Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    assert expand_abbreviations("Chủ tịch HĐND tỉnh") == "Chủ tịch Hội đồng nhân dân tỉnh"
    assert expand_abbreviations("Phó Chủ tịch UBND huyện") == "Phó Chủ tịch Ủy ban nhân dân huyện"
    assert (
        expand_abbreviations("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh") == "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    )
    assert expand_abbreviations("Ủy viên BCH Trung ương Đảng") == "Ủy viên Ban Chấp hành Trung ương Đảng"
    assert expand_abbreviations("Ủy viên BTV Tỉnh ủy") == "Ủy viên Ban Thường vụ Tỉnh ủy"
    assert expand_abbreviations("phát triển KT-XH") == "phát triển kinh tế - xã hội"
    assert expand_abbreviations("Ủy viên TW Đảng") == "Ủy viên Trung ương Đảng"


def test_name_first_and_title_first_lists():
    people = persons_in(
        "Dự có các đồng chí: Trần Văn Bình, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện; "
        "Đại tá Lê Minh Châu, Trưởng Công an huyện; Phó Chủ tịch HĐND huyện Ngô Thị Hoa."
    )
    assert names(people) == ["Trần Văn Bình", "Lê Minh Châu", "Ngô Thị Hoa"]
    assert people[0].titles == ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"]
    assert people[1].titles == ["Đại tá", "Trưởng Công an huyện"]
    assert people[2].titles == ["Phó Chủ tịch HĐND huyện"]


def test_titles_before_a_name_after_a_strong_break_belong_to_it():
    people = persons_in(
        "Bí thư Huyện ủy, Chủ tịch HĐND huyện Đặng Quốc Hùng và Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Võ Thanh Tú đồng chủ trì."
    )
    assert names(people) == ["Đặng Quốc Hùng", "Võ Thanh Tú"]
    assert people[0].titles == ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"]
    assert people[1].titles == ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"]


def test_places_are_not_names():
    assert persons_in("Đoàn công tác làm việc tại tỉnh Hà Nam và thành phố Hồ Chí Minh.") == []
    people = persons_in("Chủ tịch UBND tỉnh Hà Nam Trương Quốc Huy phát biểu.")
    assert names(people) == ["Trương Quốc Huy"]


ARTICLE = """Tin địa phương
Lãnh đạo huyện đối thoại với nông dân về chuyển đổi cây trồng

Cập nhật: 09/05/2023 | 10:15

(TTX) - Sáng ngày 8/5, tại hội trường UBND huyện Châu Thành, Huyện ủy tổ chức hội nghị đối thoại với nông dân. Đồng chí Trần Văn Bình, Bí thư Huyện ủy, Chủ tịch HĐND huyện chủ trì hội nghị. Tham dự có các đồng chí: Lê Thị Mai, Phó Chủ tịch UBND huyện; Phạm Quốc Việt, Trưởng phòng Nông nghiệp huyện.

Hội nghị ghi nhận 120 ý kiến gửi bằng văn bản và hơn 15 ý kiến phát biểu trực tiếp. Các ý kiến tập trung vào các vấn đề như: giá phân bón tăng cao; thiếu nước tưới cho lúa vụ hè thu; chậm cấp giấy chứng nhận quyền sử dụng đất.

Kết luận hội nghị, đồng chí Trần Văn Bình đề nghị phòng Nông nghiệp rà soát hệ thống thủy lợi trước ngày 30/6.
"""


def test_parse_article_reads_every_field():
    r = parse_article(ARTICLE)
    assert r.title == "Lãnh đạo huyện đối thoại với nông dân về chuyển đổi cây trồng"
    assert r.publish_date == dt.date(2023, 5, 9)
    assert r.meeting_date == dt.date(2023, 5, 8)
    assert r.kind == "dialogue"
    assert r.place == "hội trường UBND huyện Châu Thành"
    assert names(r.chairs) == ["Trần Văn Bình"]
    assert r.chairs[0].titles == ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"]
    assert r.chairs[0].titles_expanded[1] == "Chủ tịch Hội đồng nhân dân huyện"
    assert names(r.participants_named) == ["Lê Thị Mai", "Phạm Quốc Việt"]
    assert r.count_value("written") == 120
    assert r.count_value("direct") == 15 and r.opinion_counts["direct"].at_least
    assert r.count_value("total") is None  # the text states no total; numbers are never added up
    assert len(r.issue_groups) == 3 and r.issue_groups[1].startswith("thiếu nước tưới")
    assert len(r.directives) == 1 and "rà soát hệ thống thủy lợi" in r.directives[0]


def test_meeting_date_is_null_without_a_year():
    r = parse_article(
        "Sáng 12/3, Thường trực HĐND huyện có buổi làm việc với UBND xã An Phú về tiến độ xây dựng trường học."
    )
    assert r.meeting_date is None
    assert r.kind == "working_session"


def test_meeting_date_year_from_the_sentence_and_publication_across_new_year():
    r = parse_article("Chiều 20/12, hội nghị tổng kết công tác dân vận năm 2024 được tổ chức tại Hội trường Tỉnh ủy.")
    assert r.meeting_date == dt.date(2024, 12, 20)
    assert r.kind == "review_conference"
    r = parse_article(
        "Tin tức\nHội nghị tổng kết công tác Mặt trận cuối năm\n03/01/2024 | Phóng viên\nSáng 30/12, hội nghị tổng kết được tổ chức."
    )
    assert r.publish_date == dt.date(2024, 1, 3)
    assert r.meeting_date == dt.date(2023, 12, 30)


def test_voter_meeting_names_no_province_by_its_district():
    r = parse_article(
        "Sáng 5/7/2022, Tổ đại biểu HĐND tỉnh tiếp xúc cử tri tại xã Sơn Thủy, huyện Lệ Thủy. Có 12 ý kiến, kiến nghị gửi đến đại biểu."
    )
    assert r.kind == "voter_meeting"
    assert r.province is None  # a district's name is not the text naming its province
    assert r.count_value("total") == 12


def test_province_after_the_2025_reorganisation_is_the_new_one():
    r = parse_article(
        "Ngày 10/9/2025, tại phường Hà Giang 1, tỉnh Hà Giang cũ, lãnh đạo tỉnh đối thoại với thanh niên."
    )
    assert r.province == "Tuyên Quang"
    r = parse_article("Ngày 10/9/2024, tại thành phố Hà Giang, tỉnh Hà Giang, lãnh đạo tỉnh đối thoại với thanh niên.")
    assert r.province == "Hà Giang"


def test_empty_and_legacy_text():
    r = parse_article("")
    assert r.title is None and r.meeting_date is None and r.chairs == []
    r = parse_article("Céng hoµ x· héi chñ nghÜa ViÖt Nam. Héi nghÞ ®èi tho¹i víi nh©n d©n")
    assert r.warnings and "TCVN3" in r.warnings[0]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Sáng ngày 12/3, ông Nguyễn Văn Ánh chủ trì; Tỉnh ủy: 15 ý kiến.\n-")),
        max_size=300,
    )
)
def test_parse_article_never_fails_on_arbitrary_text(text):
    record = parse_article(text)
    assert record.kind in ("dialogue", "working_session", "review_conference", "voter_meeting", "other")
    record.as_json()


def test_meeting_day_in_words_and_chairs_after_the_verb():
    r = parse_article(
        "Sáng ngày 15 tháng 3 năm 2022, tại Hội trường UBND huyện Lệ Thủy, huyện tổ chức đối thoại với người dân. "
        "Chủ trì hội nghị có các đồng chí: Trần Văn Nam, Bí thư Huyện ủy; Lê Thị Hoa, Phó Chủ tịch UBND huyện."
    )
    assert r.meeting_date == dt.date(2022, 3, 15)
    assert r.place == "Hội trường UBND huyện Lệ Thủy"
    assert r.province is None
    assert [p.name for p in r.chairs] == ["Trần Văn Nam", "Lê Thị Hoa"]
