"""Article import rules stated as facts of Vietnamese news writing, on texts written for these tests."""

import datetime as dt

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.evaluation import split_articles
from sausat.textkit.articles.evidence import REVIEW_BELOW
from sausat.textkit.articles.extract import agenda_items, directives, issue_groups, opinion_counts
from sausat.textkit.articles.place import meeting_place


def test_agenda_of_a_working_session_is_its_issue_list():
    r = parse_article(
        "Sáng 3/3/2024, Ban Thường vụ Tỉnh ủy làm việc với Đảng ủy xã An Bình về tiến độ xây dựng nông thôn mới; "
        "việc sắp xếp cán bộ không chuyên trách."
    )
    assert r.kind == "working_session"
    assert r.issue_groups == ["tiến độ xây dựng nông thôn mới", "sắp xếp cán bộ không chuyên trách"]
    assert agenda_items(["Hội nghị nghe Văn phòng trình bày dự thảo báo cáo quý I; dự thảo kế hoạch quý II."]) == [
        "dự thảo báo cáo quý I",
        "dự thảo kế hoạch quý II",
    ]
    # "A và B" of two long phrases is two items; "quyền và lợi ích" is one.
    assert agenda_items(
        ["Hội nghị tổ chức để đánh giá kết quả thu ngân sách năm nay và bàn giải pháp chống thất thu thuế."]
    ) == [
        "kết quả thu ngân sách năm nay",
        "bàn giải pháp chống thất thu thuế",
    ]


def test_topics_after_lien_quan_den_and_comma_lists():
    items = issue_groups(
        ["Tại buổi đối thoại, nhiều câu hỏi liên quan đến đất đai, nước sạch, đặc biệt là lương giáo viên mầm non."]
    )
    assert items == ["đất đai", "nước sạch"]
    items = issue_groups(["Các ý kiến của cử tri tập trung vào các vấn đề như: giá điện, học phí, bảo hiểm y tế."])
    assert items == ["giá điện", "học phí", "bảo hiểm y tế"]


def test_list_items_on_their_own_lines():
    items = issue_groups(
        [
            "Cử tri kiến nghị một số nội dung sau:",
            "- Sửa chữa cầu dân sinh bị sạt lở đầu cầu;",
            "- Cấp giấy chứng nhận quyền sử dụng đất còn chậm;",
            "+ Hỗ trợ giống cây trồng sau mưa bão.",
            "Các ý kiến đã được đại diện UBND huyện trả lời.",
        ]
    )
    assert items == [
        "Sửa chữa cầu dân sinh bị sạt lở đầu cầu",
        "Cấp giấy chứng nhận quyền sử dụng đất còn chậm",
        "Hỗ trợ giống cây trồng sau mưa bão",
    ]


def test_counts_by_verb_and_time_phrase_never_added():
    counts = opinion_counts(
        "Trước hội nghị, Ban Tổ chức đã nhận được hơn 70 câu hỏi của doanh nghiệp. Tại hội nghị, có 8 ý kiến phát biểu.",
        "dialogue",
    )
    assert (counts["written"].value, counts["written"].at_least) == (70, True)
    assert counts["direct"].value == 8
    assert counts["total"] is None  # never a sum of the two
    counts = opinion_counts("Đã có 12 ý kiến đối thoại và 30 ý kiến được tổng hợp từ các chi hội.", "dialogue")
    assert (counts["written"].value, counts["direct"].value) == (30, 12)


def test_directives_items_after_a_colon_and_continuing_sentences():
    out = directives(
        [
            "Kết luận hội nghị, đồng chí Chủ tịch UBND huyện yêu cầu các phòng, ban: rà soát hồ sơ đất đai tồn đọng; "
            "hoàn thành sửa chữa trường học trước năm học mới. Đồng thời, đề nghị UBND các xã báo cáo kết quả trước ngày 30/6."
        ],
        [],
    )
    assert out == [
        "rà soát hồ sơ đất đai tồn đọng",
        "hoàn thành sửa chữa trường học trước năm học mới",
        "Đồng thời, đề nghị UBND các xã báo cáo kết quả trước ngày 30/6",
    ]
    # A series of activities is not an instruction; a forwarded opinion is a decision of the meeting.
    assert directives(["Thời gian qua, Thường trực HĐND huyện đã chủ động chỉ đạo, điều hành các hoạt động."], []) == []
    out = directives(
        [
            "Những kiến nghị thuộc thẩm quyền của tỉnh được đại biểu tiếp thu và chuyển đến cơ quan chức năng xem xét, trả lời."
        ],
        [],
    )
    assert len(out) == 1 and out[0].startswith("Những kiến nghị")


def test_place_is_the_venue_not_the_attendees_home():
    place, evidence, confidence = meeting_place(
        "Sáng 5/5, Chủ tịch UBND tỉnh đối thoại với doanh nghiệp tại Khu công nghiệp Tân Phú.", None, []
    )
    assert place is None or place != "Khu công nghiệp Tân Phú"  # the firms' location, not the venue
    place, evidence, confidence = meeting_place(
        "Sáng 5/5, lãnh đạo tỉnh đối thoại với doanh nghiệp.",
        None,
        ["Hội nghị được tổ chức tại Hội trường UBND tỉnh."],
    )
    assert place == "Hội trường UBND tỉnh" and evidence.startswith("Hội nghị") and 0 < confidence < 1
    # A whole province is not a venue; the commune of a voter meeting is.
    assert meeting_place("Ngày 2/4, hội nghị diễn ra tại tỉnh Long An.", None, [])[0] is None
    assert meeting_place("Ngày 2/4, đại biểu tiếp xúc cử tri xã Tân Lập, huyện Mỹ Hòa.", None, [])[0] == (
        "xã Tân Lập, huyện Mỹ Hòa"
    )
    # Working with a commune's bodies: the visit is held in that commune.
    assert meeting_place("Ngày 2/4, đoàn công tác làm việc với Đảng ủy xã Phú Lộc về công tác cán bộ.", None, [])[
        0
    ] == ("xã Phú Lộc")


def test_dates_kind_and_dateline():
    r = parse_article(
        "Huyện ủy họp phiên thường kỳ tháng 4\n"
        "Quảng Trị, ngày 20 tháng 4 năm 2023\n"
        "Sáng 19/4, Huyện ủy họp phiên thường kỳ; hội nghị nghe báo cáo đánh giá tình hình kinh tế quý I."
    )
    assert r.publish_date == dt.date(2023, 4, 20)
    assert r.meeting_date == dt.date(2023, 4, 19)
    assert r.kind == "other"  # the headline names a sitting; the agenda's "đánh giá tình hình" does not decide
    assert r.province is None  # a dateline says where the piece was written
    # A day long before publication: the year cannot be read.
    r = parse_article(
        "Tin tức\nCập nhật: 20/09/2023\nSáng 8/5, hội nghị đối thoại với nông dân được tổ chức tại xã An Hòa."
    )
    assert r.meeting_date is None
    # A document's date is not the meeting day.
    r = parse_article(
        "Xã An Hòa đối thoại với Nhân dân\n(TTX) - Thực hiện Quy định số 11-QĐi/TW ngày 18/2/2019, chiều 3/12/2024 xã An Hòa tổ chức đối thoại."
    )
    assert r.meeting_date == dt.date(2024, 12, 3)


def test_provincial_city_is_not_the_province():
    r = parse_article("Ngày 3/3/2023, đoàn công tác làm việc với thành phố Thái Bình và huyện Tiền Hải.")
    assert r.province is None
    r = parse_article("Ngày 3/3/2023, đoàn công tác làm việc với thành phố Đà Nẵng.")
    assert r.province == "Đà Nẵng"


def test_every_field_has_evidence_and_a_confidence():
    r = parse_article(
        "Lãnh đạo huyện đối thoại với thanh niên\n"
        "Sáng 12/6/2024, tại Nhà văn hóa huyện, Ban Thường vụ Huyện ủy tổ chức đối thoại với đoàn viên, thanh niên. "
        "Đồng chí Lê Văn An, Bí thư Huyện ủy chủ trì. Có 25 ý kiến phát biểu trực tiếp."
    )
    data = r.as_json()
    assert set(data["evidence"]) >= {"title", "meeting_date", "place", "kind", "opinion_counts", "province"}
    assert all(0 < e["confidence"] <= 1 for e in data["evidence"].values())
    assert "12/6/2024" in data["evidence"]["meeting_date"]["sentence"]
    assert "25 ý kiến" in data["evidence"]["opinion_counts"]["sentence"]
    assert data["place"] == "Nhà văn hóa huyện"
    assert r.evidence["province"].confidence < 0.9 and r.province is None  # not named: null, for the page to fill
    assert 0 < REVIEW_BELOW < 1


def test_split_is_fixed_by_its_seed(tmp_path):
    paths = [tmp_path / f"e{i:02d}.txt" for i in range(1, 11)]
    dev, held = split_articles(paths, seed=20, held_out_share=0.5)
    assert len(held) == 5 and not set(dev) & set(held)
    assert split_articles(list(reversed(paths)), seed=20, held_out_share=0.5) == (dev, held)
    assert split_articles(paths, seed=21, held_out_share=0.5) != (dev, held)
