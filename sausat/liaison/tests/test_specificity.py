from sausat.liaison.feedback_specificity import METHOD, VAGUE_BELOW, specificity


def test_generic_phrases_are_vague():
    for text in (
        "Cần quan tâm hơn nữa",
        "Đề nghị xã tiếp tục phát huy, tăng cường hơn nữa công tác",
        "chung chung",
        "",
    ):
        assert specificity(text) < VAGUE_BELOW, text


def test_concrete_feedback_scores_high():
    text = "Đề nghị UBND xã rà soát danh sách 12 hộ nghèo ở ấp 3, hoàn thành hồ sơ hỗ trợ nhà ở trước ngày 15/6/2026"
    assert specificity(text) >= 70


def test_uses_the_text_engine():
    assert METHOD == "textkit-v1"
    assert specificity("Cầu Xẻo Mát ở ấp 3 xã Tân Hòa bị sập nhịp 2 từ 15/3, đề nghị sửa trước 30/6") >= VAGUE_BELOW


def test_bounded():
    assert 0 <= specificity("cần quan tâm hơn nữa " * 10) <= 100
    assert (
        0
        <= specificity("số 1 2 3 ngày 1/1 UBND ấp hồ sơ kinh phí kế hoạch danh sách dự án rà soát sửa chữa " * 3)
        <= 100
    )
