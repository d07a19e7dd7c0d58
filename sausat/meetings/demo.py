"""Demo meetings: the Hậu Giang dialogue of 27/4/2021 (seed 000) and the Quảng Nam one of 22/4/2022 (seed 001).

Facts (dates, places, organisers, chairs, invitees) come from the seed articles; wording is ours.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from sausat.core.calendar import VN_TZ
from sausat.geo.models import AdministrativeUnit
from sausat.meetings import services
from sausat.meetings.models import RESULTS_STATUSES, Meeting, MeetingKind, MeetingStatus
from sausat.people.models import Organ, Person, Role

SYSTEM = "seed_demo"

MEETINGS = {
    "haugiang-2021-04-27": {
        "unit": "L-p93",
        "organ": "BTV Tỉnh ủy",
        "title": "Gặp gỡ, đối thoại giữa Thường trực Tỉnh ủy Hậu Giang với cán bộ chủ chốt xã, phường, thị trấn",
        "starts_at": dt.datetime(2021, 4, 27, 7, 30, tzinfo=VN_TZ),
        "place": "Trung tâm Hội nghị tỉnh Hậu Giang",
        "chairs": ["Lê Tiến Châu", "Trần Văn Huyến", "Đồng Văn Thanh", "Thái Thu Xương"],
        "invite_roles": [Role.COMMUNE_CADRE],
        "invite_note": "Cán bộ chủ chốt các xã, phường, thị trấn trong tỉnh (bí thư, chủ tịch HĐND, UBND cấp xã)",
        "agenda": "1. Khai mạc, giới thiệu đại biểu\n2. Báo cáo tổng hợp ý kiến từ phiếu lấy ý kiến\n"
        "3. Cán bộ chủ chốt cấp xã phát biểu trực tiếp\n4. Lãnh đạo tỉnh và các sở, ngành trao đổi, làm rõ\n"
        "5. Góp ý dự thảo Đề án nâng cao chất lượng đội ngũ cán bộ\n6. Bí thư Tỉnh ủy phát biểu kết luận",
        "attendance": "Thường trực Tỉnh ủy; lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy; đại diện các sở, ngành, "
        "đoàn thể tỉnh; bí thư, chủ tịch UBND các huyện, thị xã, thành phố; cán bộ chủ chốt cấp xã.",
        "status": MeetingStatus.HELD,
        "allow_anonymous": False,
    },
    "quangnam-2022-04-22": {
        "unit": "L-p49",
        "organ": "Tỉnh ủy",
        "title": "Đối thoại giữa lãnh đạo tỉnh Quảng Nam với trưởng, phó phòng và tương đương trong hệ thống chính trị tỉnh",
        "starts_at": dt.datetime(2022, 4, 22, 7, 30, tzinfo=VN_TZ),
        "place": "Hội trường Tỉnh ủy Quảng Nam",
        "chairs": ["Phan Việt Cường", "Lê Trí Thanh", "Nguyễn Chín"],
        "invite_roles": [Role.RESPONDER, Role.SECRETARY],
        "invite_note": "Trưởng, phó phòng và tương đương thuộc các cơ quan khối Đảng, chính quyền, Mặt trận, đoàn thể tỉnh",
        "agenda": "1. Khai mạc\n2. Cán bộ, công chức nêu câu hỏi, kiến nghị\n3. Lãnh đạo tỉnh trả lời\n4. Kết luận",
        "attendance": "Lãnh đạo tỉnh; trưởng, phó phòng các cơ quan khối Đảng, chính quyền, Mặt trận và đoàn thể tỉnh.",
        "status": MeetingStatus.HELD,
        "allow_anonymous": True,
    },
}


def seed_meetings() -> dict[str, Meeting]:
    out: dict[str, Meeting] = {}
    for key, spec in MEETINGS.items():
        meeting = Meeting.objects.filter(demo_key=key).first()
        if meeting is None:
            unit = AdministrativeUnit.objects.get(code=spec["unit"])
            organ = Organ.objects.filter(unit=unit, short_name=spec["organ"]).first()
            chairs = [Person.objects.filter(full_name=n, home_unit=unit).first() for n in spec["chairs"]]
            meeting = services.create_meeting(
                actor=SYSTEM,
                kind=MeetingKind.DIALOGUE,
                title=spec["title"],
                starts_at=spec["starts_at"],
                place=spec["place"],
                unit=unit,
                organ=organ,
                chairs=[c for c in chairs if c is not None],
                invite_roles=spec["invite_roles"],
                invite_unit=unit,
                invite_note=spec["invite_note"],
                agenda=spec["agenda"],
                attendance=spec["attendance"],
                allow_anonymous=spec["allow_anonymous"],
                demo_key=key,
            )
            for status in (MeetingStatus.OPEN, MeetingStatus.HELD):
                meeting = services.set_status(actor=SYSTEM, meeting=meeting, status=status)
        # Never published yet (also a database seeded before publication existed): publish once, so
        # the meeting page shows the public link; a later "stop publishing" by a user is respected.
        if meeting.results_ref is None and meeting.status in RESULTS_STATUSES:
            meeting = services.publish_results(actor=SYSTEM, meeting=meeting)
        out[key] = meeting
    return out


def seed() -> list[str]:
    meetings = seed_meetings()
    lines = [f"Hội nghị demo: {len(meetings)} (Hậu Giang 27/4/2021, Quảng Nam 22/4/2022)."]
    lines += [
        f"  Kết quả công khai: {reverse('meetings:public_results', args=[m.results_ref])}"
        for m in meetings.values()
        if m.results_published
    ]
    return lines
