"""Word material for the demo opinions, in our own words, on the issue groups the seed articles name."""

from __future__ import annotations

HG_GROUPS = [
    (
        "Đánh giá, phân loại cán bộ",
        [
            "Tiêu chí đánh giá, phân loại cán bộ cấp xã còn chung chung, khó lượng hóa kết quả công việc",
            "Việc xếp loại cuối năm vẫn nặng về cảm tính, tỷ lệ hoàn thành tốt nhiệm vụ gần như bằng nhau giữa các xã",
            "Kết quả đánh giá cán bộ chưa gắn với kết quả thực hiện chỉ tiêu kinh tế - xã hội của địa phương",
            "Cán bộ kiêm nhiều việc nhưng khi đánh giá chỉ xét một chức danh chính",
        ],
        [
            "đề nghị tỉnh ban hành bộ tiêu chí có điểm số cụ thể cho từng chức danh",
            "đề nghị gắn đánh giá với sản phẩm công việc và ý kiến của người dân",
            "đề nghị có hướng dẫn thống nhất để các xã áp dụng giống nhau",
            "đề nghị đánh giá theo quý thay vì chỉ đánh giá một lần vào cuối năm",
        ],
    ),
    (
        "Đào tạo, bồi dưỡng cán bộ chủ chốt cấp xã",
        [
            "Nội dung các lớp bồi dưỡng còn nặng lý thuyết, ít tình huống thực tế ở cơ sở",
            "Thời gian tập trung học dài ngày gây khó cho cán bộ xã vì công việc ở địa phương không có người thay",
            "Cán bộ chủ chốt cấp xã chưa được bồi dưỡng kỹ năng chuyển đổi số và sử dụng phần mềm quản lý",
            "Kinh phí hỗ trợ đi học của cán bộ cấp xã còn thấp so với chi phí thực tế",
        ],
        [
            "đề nghị tổ chức lớp ngắn ngày, học theo chuyên đề tại huyện",
            "đề nghị tăng thời lượng thực hành, trao đổi kinh nghiệm giữa các xã",
            "đề nghị mở lớp bồi dưỡng kỹ năng số cho bí thư, chủ tịch xã",
            "đề nghị nâng mức hỗ trợ tiền ăn, đi lại cho học viên cấp xã",
        ],
    ),
    (
        "Sắp xếp chức danh không chuyên trách cấp xã, ấp, khu vực",
        [
            "Việc bố trí người hoạt động không chuyên trách ở ấp, khu vực chưa hợp lý tại một số địa bàn đông dân",
            "Sau khi giảm số lượng người không chuyên trách, khối lượng việc dồn lên một người quá lớn",
            "Một số chức danh ở ấp được gộp lại nhưng nhiệm vụ không giảm tương ứng",
            "Địa bàn rộng, giao thông khó khăn nhưng định mức người không chuyên trách như nơi thuận lợi",
        ],
        [
            "đề nghị tỉnh rà soát, điều chỉnh định mức theo quy mô dân số và diện tích",
            "đề nghị cho xã được chủ động bố trí trong tổng số lượng được giao",
            "đề nghị có lộ trình sắp xếp phù hợp, tránh xáo trộn cán bộ đang làm tốt",
            "đề nghị kiến nghị Trung ương sửa quy định về số lượng người không chuyên trách",
        ],
    ),
    (
        "Chế độ, chính sách đối với người kiêm nhiệm",
        [
            "Phụ cấp kiêm nhiệm chưa tương xứng với khối lượng công việc phải đảm nhận",
            "Người kiêm nhiệm hai, ba chức danh chỉ được hưởng một mức phụ cấp kiêm nhiệm",
            "Chế độ hỗ trợ cho bí thư chi bộ kiêm trưởng ấp còn thấp, khó giữ chân người có năng lực",
            "Cán bộ kiêm nhiệm phải đi họp nhiều nơi nhưng không có khoản hỗ trợ đi lại",
        ],
        [
            "đề nghị tỉnh nghiên cứu nâng mức phụ cấp kiêm nhiệm trong khả năng ngân sách",
            "đề nghị kiến nghị Trung ương sửa đổi quy định về phụ cấp kiêm nhiệm",
            "đề nghị có khoản hỗ trợ hằng tháng cho người kiêm nhiệm ở ấp",
            "đề nghị tính khối lượng việc thực tế khi xác định chế độ kiêm nhiệm",
        ],
    ),
    (
        "Góp ý dự thảo Đề án nâng cao chất lượng đội ngũ cán bộ",
        [
            "Dự thảo Đề án nâng cao chất lượng, năng lực đội ngũ cán bộ trẻ, nữ, cán bộ người dân tộc thiểu số, "
            "cán bộ chủ chốt cấp cơ sở nhiệm kỳ 2020 - 2025 cần có chỉ tiêu cụ thể cho cấp xã",
            "Đề án nên có giải pháp tạo nguồn cán bộ nữ và cán bộ trẻ ngay từ ấp, khu vực",
            "Đề án cần quy định rõ nguồn kinh phí thực hiện cho từng năm",
            "Đề án nên có cơ chế luân chuyển cán bộ trẻ về cơ sở để rèn luyện",
        ],
        [
            "đề nghị bổ sung chỉ tiêu tỷ lệ cán bộ nữ trong cấp ủy xã",
            "đề nghị có chính sách thu hút sinh viên tốt nghiệp về công tác tại xã",
            "đề nghị đưa nội dung đánh giá định kỳ việc thực hiện đề án",
            "đề nghị lấy thêm ý kiến cán bộ ấp, khu vực trước khi ban hành",
        ],
    ),
]

QN_GROUPS = [
    (
        "Đánh giá, xếp loại cán bộ, công chức",
        ["Cách xếp loại trưởng, phó phòng chưa phân biệt rõ người làm nhiều và người làm ít"],
        ["đề nghị lượng hóa tiêu chí theo kết quả công việc của phòng"],
    ),
    (
        "Lấy phiếu tín nhiệm giữa thời gian bổ nhiệm",
        ["Việc lấy phiếu tín nhiệm giữa thời gian bổ nhiệm dễ bị chi phối bởi quan hệ cá nhân"],
        ["đề nghị kết hợp kết quả phiếu với kết quả thực hiện nhiệm vụ"],
    ),
    (
        "Đào tạo, bồi dưỡng cán bộ",
        ["Cơ hội đi bồi dưỡng chuyên sâu của cấp phòng còn ít"],
        ["đề nghị có kế hoạch bồi dưỡng theo vị trí việc làm cho trưởng, phó phòng"],
    ),
    (
        "Quy hoạch, đào tạo cán bộ",
        ["Quy hoạch cán bộ cấp phòng chưa gắn với đào tạo tương ứng"],
        ["đề nghị công khai tiêu chí và lộ trình sau quy hoạch"],
    ),
    (
        "Bổ nhiệm cán bộ",
        ["Quy trình bổ nhiệm lại kéo dài, có trường hợp hết thời hạn vẫn chưa có quyết định"],
        ["đề nghị rút ngắn các bước và đúng hạn"],
    ),
    (
        "Luân chuyển cán bộ",
        ["Luân chuyển trưởng, phó phòng giữa các ngành còn ít, khó tích lũy kinh nghiệm"],
        ["đề nghị có kế hoạch luân chuyển dài hạn, công khai"],
    ),
    (
        "Tổ chức bộ máy và tinh giản biên chế",
        ["Sau sắp xếp, một số phòng thiếu người nhưng không được tuyển bổ sung"],
        ["đề nghị rà soát vị trí việc làm trước khi cắt giảm"],
    ),
    (
        "Vấn đề chung về công tác cán bộ",
        ["Chính sách động viên người dám nghĩ, dám làm chưa rõ ràng"],
        ["đề nghị có cơ chế bảo vệ cán bộ dám đổi mới vì lợi ích chung"],
    ),
]

OPENINGS = ["Qua thực tế ở địa phương, ", "Theo tôi, ", "Chúng tôi thấy ", "Xin phản ánh: ", "", "Ở xã chúng tôi, "]
CLOSINGS = [".", "; mong lãnh đạo tỉnh quan tâm.", ", để cán bộ yên tâm công tác.", "."]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lâm", "Trương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Hữu", "Quốc", "Kim", "Thành"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Hạnh", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc", "Quang",
         "Sơn", "Tâm", "Thảo", "Tuấn", "Vân", "Xuân"]  # fmt: skip
TITLES = ["Bí thư Đảng ủy", "Chủ tịch UBND", "Chủ tịch HĐND", "Phó Bí thư Đảng ủy", "Chủ tịch UBMTTQ"]

ANSWERS = {
    "answered": "Lãnh đạo tỉnh đã trao đổi, làm rõ tại hội nghị; nội dung này thực hiện theo quy định hiện hành.",
    "directed": "Giao cơ quan chuyên môn rà soát, đề xuất phương án giải quyết và báo cáo kết quả.",
    "petitioned": "Nội dung vượt thẩm quyền của tỉnh; tỉnh tổng hợp, kiến nghị cơ quan Trung ương xem xét.",
    "accepted_in_policy": "Tiếp thu, bổ sung vào dự thảo đề án trước khi trình ban hành.",
    "not_accepted": "Chưa tiếp thu vì quy định hiện hành không cho phép; sẽ xem xét khi có hướng dẫn mới.",
}
