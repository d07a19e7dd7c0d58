"""Issue 20, round 2: enumerations found by sentence structure, on texts written for these tests.

Each rule is a statement about Vietnamese news writing (who the subject of a request is, what a list after
a trigger looks like, which "tại X" is a venue); none of these texts comes from an article."""

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.extract import audience_requests, directives, issue_groups
from sausat.textkit.articles.fields import _sentence_around
from sausat.textkit.articles.people import persons_in
from sausat.textkit.articles.place import meeting_place


def test_audience_request_without_a_colon_is_a_list_of_issues():
    assert issue_groups(
        ["Tại hội nghị, các hội viên đề nghị hỗ trợ giống cây trồng; sửa chữa kênh mương nội đồng; mở rộng tín dụng."]
    ) == ["hỗ trợ giống cây trồng", "sửa chữa kênh mương nội đồng", "mở rộng tín dụng"]
    # a concern noun with "về": the topics are a comma list
    assert audience_requests(
        "Các doanh nghiệp đã nêu nhiều khó khăn, vướng mắc về thủ tục đầu tư, thuê đất, vốn vay."
    ) == [
        "thủ tục đầu tư",
        "thuê đất",
        "vốn vay",
    ]
    assert audience_requests("Các bạn đoàn viên đã đặt nhiều câu hỏi về việc làm, học nghề, khởi nghiệp.") == [
        "việc làm",  # a noun, not "việc" + "làm"
        "học nghề",
        "khởi nghiệp",
    ]
    # each sentence of the audience is one item; "cũng" continues
    assert issue_groups(
        [
            "Cử tri phản ánh tình trạng khói bụi từ lò gạch thủ công. Cử tri cũng đề nghị nâng cấp đường liên thôn.",
        ]
    ) == ["tình trạng khói bụi từ lò gạch thủ công", "nâng cấp đường liên thôn"]


def test_saying_that_the_audience_spoke_lists_nothing():
    assert audience_requests("Người dân mạnh dạn nêu lên những vấn đề còn trăn trở.") == []
    assert audience_requests("Cử tri bày tỏ vui mừng trước kết quả đạt được.") == []
    assert audience_requests("Cử tri đánh giá cao sự quan tâm của các cấp.") == []


def test_a_citizen_named_with_hamlet_or_business_asks_not_instructs():
    for sentence in (
        "Ông Hà Văn Khải (thôn 4) đề nghị sớm lắp đèn chiếu sáng đường làng.",
        "Bà Võ Thị Thu ở tổ dân phố 7 đề nghị xử lý việc lấn chiếm lòng đường.",
        "Ông Đinh Quốc Việt, Giám đốc Công ty TNHH Hưng Thịnh đề nghị tỉnh sớm giao mặt bằng.",
    ):
        assert directives([sentence], []) == []
        assert len(issue_groups([sentence])) == 1


def test_a_leaders_list_is_directives_not_issues():
    text = (
        "Kết luận hội nghị, đồng chí Bí thư Huyện ủy đề nghị các cấp ủy tập trung một số nội dung: Đẩy mạnh chuyển "
        "đổi số; nâng cao chất lượng dịch vụ công; tăng cường đối thoại với người dân."
    )
    assert issue_groups([text]) == []
    assert directives([text], []) == [
        "Đẩy mạnh chuyển đổi số",
        "nâng cao chất lượng dịch vụ công",
        "tăng cường đối thoại với người dân",
    ]


def test_one_sentence_with_several_instructions_gives_one_directive_each():
    assert directives(
        [
            "Đồng chí Phó Chủ tịch UBND tỉnh đề nghị các sở rà soát quy hoạch; đồng thời yêu cầu huyện đẩy nhanh tiến độ."
        ],
        [],
    ) == ["đề nghị các sở rà soát quy hoạch", "yêu cầu huyện đẩy nhanh tiến độ"]
    # the audience named as an object ("ý kiến của cử tri") is not the subject
    assert directives(["Ông Chủ tịch đánh giá cao ý kiến của cử tri và đề nghị các phòng tiếp thu, trả lời."], []) == [
        "đề nghị các phòng tiếp thu, trả lời"
    ]


def test_verbs_that_are_not_instructions():
    # "giao ban" is a briefing, "giao thông" traffic: nouns, not "giao" (assign)
    assert directives(["Đồng chí Bí thư Huyện ủy chủ trì hội nghị giao ban quý III."], []) == []
    assert directives(["Ông Trưởng phòng giao thông phát biểu."], []) == []
    # an instruction names whom or what: "chỉ đạo tại hội nghị" names neither
    assert directives(["Đồng chí Trần Văn Nam, Bí thư Tỉnh ủy chỉ đạo tại hội nghị."], []) == []
    # "mong muốn được lắng nghe": the leader's own wish, addressed to nobody
    assert directives(["Lãnh đạo tỉnh mong muốn được lắng nghe ý kiến của người dân."], []) == []


def test_several_places_or_a_document_are_not_a_venue():
    lead = "Sáng 9/9/2024, Ban Dân vận tổ chức hội nghị sơ kết mô hình dân vận khéo tại các xã vùng cao."
    assert meeting_place(lead, None, [lead])[0] is None
    lead = "Sáng 9/9/2024, hội nghị triển khai nội dung quy định tại Nghị quyết số 12 của Tỉnh ủy."
    assert meeting_place(lead, None, [lead])[0] is None


def test_a_provincial_city_is_a_place_and_its_abbreviation_does_not_end_the_sentence():
    r = parse_article("Sáng 4/5/2024, tại TP. Vĩnh Yên, Thường trực HĐND tỉnh tổ chức hội nghị giao ban.")
    assert r.place == "TP. Vĩnh Yên"
    body = "Sáng 4/5/2024, tại TP. Vĩnh Yên, hội nghị diễn ra. Câu sau."
    assert _sentence_around(body, 0, 13).endswith("hội nghị diễn ra")


def test_names_of_the_mountain_peoples_and_speakers_in_captions():
    names = [p.name for p in persons_in("Dự có ông Giàng A Sính, Chủ tịch UBND xã; bà Lường Thị Duyên, Trưởng bản.")]
    assert names == ["Giàng A Sính", "Lường Thị Duyên"]
    r = parse_article(
        "Chiều 2/6/2024, UBND huyện tổ chức đối thoại với doanh nghiệp.\n"
        "Ông Phạm Đức Toàn, Giám đốc Công ty Cổ phần Gạch Tân Phú có ý kiến tại hội nghị.\n"
        "Bà Vũ Thị Hạnh, chủ cơ sở chế biến nông sản chia sẻ khó khăn về mặt bằng sản xuất."
    )
    assert {p.name for p in r.participants_named} == {"Phạm Đức Toàn", "Vũ Thị Hạnh"}


def test_a_noun_of_concern_then_nhu_or_gom_opens_a_list():
    assert issue_groups(["Cử tri có nhiều kiến nghị như sửa đường giao thông, nạo vét kênh, làm cầu dân sinh."]) == [
        "sửa đường giao thông",
        "nạo vét kênh",
        "làm cầu dân sinh",
    ]
    assert issue_groups(["Các ý kiến của cử tri gồm cấp nước sạch; sửa trường học."]) == [
        "cấp nước sạch",
        "sửa trường học",
    ]
    # "câu hỏi" is a noun of concern like "ý kiến": the colon list after "tập trung vào các lĩnh vực" counts
    assert issue_groups(
        ["Các câu hỏi của thanh niên tập trung vào các lĩnh vực: khởi nghiệp; việc làm; kỹ năng số."]
    ) == [
        "khởi nghiệp",
        "việc làm",
        "kỹ năng số",
    ]


def test_giao_as_a_noun_neither_splits_nor_continues_an_instruction():
    assert directives(["Ông Chủ tịch UBND huyện yêu cầu sửa chữa cầu và giao thông nông thôn trước mùa mưa."], []) == [
        "yêu cầu sửa chữa cầu và giao thông nông thôn trước mùa mưa"
    ]
    assert directives(
        ["Ông Chủ tịch UBND huyện yêu cầu rà soát hồ sơ.", "Giao thông nông thôn được cải thiện."], []
    ) == ["yêu cầu rà soát hồ sơ"]
    # a "Y" or "A" syllable in a name of the Ê Đê or Hmông peoples
    assert [p.name for p in persons_in("Dự có đồng chí Y Bhin Niê, Phó Bí thư Tỉnh ủy.")] == ["Y Bhin Niê"]
