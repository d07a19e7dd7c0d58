"""A tiny synthetic corpus with clear topics, written for the textkit grouping/classification tests."""

from __future__ import annotations

ROADS = [
    "Tuyến đường liên xã bị xuống cấp nghiêm trọng, nhiều ổ gà, đề nghị sớm sửa chữa mặt đường.",
    "Đường giao thông nông thôn lầy lội mỗi mùa mưa, xe cộ đi lại khó khăn, xin nâng cấp mặt đường.",
    "Cầu bắc qua kênh đã hư hỏng, mặt đường dẫn lên cầu sụt lún, đề nghị sửa chữa gấp.",
    "Mặt đường tỉnh lộ bị xe tải chở vật liệu làm hư hỏng, cần sửa chữa và nâng cấp tuyến đường.",
    "Đoạn đường vào ấp bị sạt lở, ổ gà lớn, người dân đi lại nguy hiểm, xin sửa chữa mặt đường.",
    "Đề nghị nâng cấp tuyến đường huyện đã xuống cấp, mặt đường bong tróc nhiều ổ gà.",
]
SCHOOLS = [
    "Trường tiểu học thiếu phòng học, học sinh phải học ca ba, đề nghị xây thêm phòng học.",
    "Giáo viên mầm non còn thiếu, lương giáo viên thấp, đề nghị bổ sung biên chế giáo viên.",
    "Học phí và các khoản đóng góp đầu năm học quá nhiều, phụ huynh học sinh gặp khó khăn.",
    "Phòng học của trường trung học cơ sở xuống cấp, bàn ghế học sinh hư hỏng, xin đầu tư sửa chữa trường học.",
    "Đề nghị tăng cường giáo viên dạy tiếng Anh và tin học cho trường tiểu học ở vùng sâu.",
    "Sách giáo khoa thay đổi hằng năm gây tốn kém cho phụ huynh học sinh, đề nghị dùng lại sách giáo khoa.",
]
POWER = [
    "Lưới điện khu vực thường xuyên mất điện, điện áp yếu, đề nghị ngành điện nâng cấp trạm biến áp.",
    "Giá điện sinh hoạt tăng cao, hóa đơn tiền điện bất thường, đề nghị ngành điện kiểm tra công tơ điện.",
    "Nhiều hộ dân chưa có nước sạch sinh hoạt, đề nghị kéo đường ống nước máy về ấp.",
    "Trạm biến áp quá tải nên mất điện liên tục vào mùa nắng nóng, xin đầu tư thêm trạm biến áp.",
    "Nước máy có mùi, đục và thường xuyên bị cúp nước, đề nghị công ty cấp nước khắc phục.",
    "Cột điện nghiêng, dây điện võng thấp gây mất an toàn, đề nghị ngành điện sửa chữa lưới điện.",
]
TOPICS = {"roads": ROADS, "schools": SCHOOLS, "power": POWER}

OFF_TOPIC = [
    "Đội bóng đá của tỉnh thi đấu rất hay trong mùa giải này.",
    "Món phở bò ở quán đầu hẻm rất ngon và rẻ.",
]


def labelled() -> list[tuple[str, str]]:
    return [(text, label) for label, texts in TOPICS.items() for text in texts]
