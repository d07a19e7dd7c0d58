"""Demo meetings: the Hậu Giang dialogue of 27/4/2021 (seed 000), the Quảng Nam one of 22/4/2022
(seed 001), the Hậu Giang Standing Committee's working session of 17/3/2021 (seed 002) and the Bến Tre
review conference of 11/4/2017 (seed 003).

Facts (dates, places, organisers, chairs, attendees, who concluded) come from the seed articles;
wording is ours. Chairs are only those the article says chaired; the leaders the article lists as
attending (seed 000) are attendees, and the one who gave the conclusion is recorded as such.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.geo.models import AdministrativeUnit
from sausat.meetings import services
from sausat.meetings.models import RESULTS_STATUSES, AttendeeRole, Meeting, MeetingKind, MeetingStatus
from sausat.people.models import Organ, Person, Role

SYSTEM = SystemActor(reason="seed_demo")

# Attendee specs: ("person", full name, title at the meeting) | ("organ", organ key, label before the
# organ's name, fallback name if the body is not in the tree) | ("label", group of delegates).
HG_LEADERS = [
    ("person", "Lê Tiến Châu", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"),
    ("person", "Trần Văn Huyến", "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"),
    ("person", "Đồng Văn Thanh", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
    ("person", "Thái Thu Xương", "Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
]

MEETINGS = {
    "haugiang-2021-04-27": {
        "unit": "L-p93",
        "organ": "BTV Tỉnh ủy",
        "title": "Gặp gỡ, đối thoại giữa Thường trực Tỉnh ủy Hậu Giang với cán bộ chủ chốt xã, phường, thị trấn",
        "starts_at": dt.datetime(2021, 4, 27, 7, 30, tzinfo=VN_TZ),
        "place": "Trung tâm Hội nghị tỉnh Hậu Giang",
        # The article names no chair: the four leaders attend and the Party secretary concludes.
        "chairs": [],
        "attendees": [
            *HG_LEADERS,
            ("label", "Lãnh đạo các cơ quan tham mưu, giúp việc Tỉnh ủy", ""),
            ("label", "Đại diện lãnh đạo các sở, ngành, đoàn thể tỉnh", ""),
            ("label", "Bí thư, Chủ tịch UBND các huyện, thị xã, thành phố", ""),
        ],
        "concluded_by": "Lê Tiến Châu",
        "invite_roles": [Role.COMMUNE_CADRE],
        "invite_note": "Cán bộ chủ chốt các xã, phường, thị trấn trong tỉnh (bí thư, chủ tịch HĐND, UBND cấp xã)",
        "agenda": "1. Khai mạc, giới thiệu đại biểu\n2. Báo cáo tổng hợp ý kiến từ phiếu lấy ý kiến\n"
        "3. Cán bộ chủ chốt cấp xã phát biểu trực tiếp\n4. Lãnh đạo tỉnh và các sở, ngành trao đổi, làm rõ\n"
        "5. Góp ý dự thảo Đề án nâng cao chất lượng đội ngũ cán bộ\n6. Bí thư Tỉnh ủy phát biểu kết luận",
        "attendance": "",
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
    "haugiang-2021-03-17": {
        "kind": MeetingKind.WORKING_SESSION,
        "unit": "L-p93",
        "organ_key": "party_permanent",
        "title": "Buổi làm việc định kỳ quý I/2021 của Thường trực Tỉnh ủy Hậu Giang với các cơ quan tham mưu, "
        "giúp việc Tỉnh ủy và các cơ quan liên quan",
        "starts_at": dt.datetime(2021, 3, 17, 14, 0, tzinfo=VN_TZ),
        "place": "",
        "chairs": ["Lê Tiến Châu", "Đồng Văn Thanh"],
        "attendees": [
            ("organ", "party_office", "", "Văn phòng Tỉnh ủy"),
            ("organ", "party_organisation_board", "", "Ban Tổ chức Tỉnh ủy"),
            ("organ", "party_propaganda_board", "", "Ban Tuyên giáo Tỉnh ủy"),
            ("organ", "party_mass_mobilisation_board", "", "Ban Dân vận Tỉnh ủy"),
            ("organ", "party_inspection", "", "Ủy ban Kiểm tra Tỉnh ủy"),
            ("organ", "bloc_party_committee", "", "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh"),
            ("organ", "political_school", "", "Trường Chính trị tỉnh"),
            ("label", "Báo Hậu Giang", ""),
            ("label", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ Tỉnh ủy", ""),
            ("label", "Một số sở, ngành có liên quan", ""),
        ],
        "concluded_by": "Lê Tiến Châu",
        "invite_roles": [],
        "invite_note": "Các cơ quan tham mưu, giúp việc Tỉnh ủy và cơ quan liên quan",
        "agenda": "1. Các cơ quan báo cáo kết quả tham mưu quý I/2021\n2. Trao đổi hạn chế, tồn tại\n"
        "3. Bí thư Tỉnh ủy kết luận, giao nhiệm vụ quý II/2021",
        "attendance": "",
        "status": MeetingStatus.HELD,
        "allow_anonymous": False,
        "publish": False,
    },
    "bentre-2017-04-11": {
        "kind": MeetingKind.REVIEW,
        "unit": "L-p83",
        "organ_key": "party_standing",
        "title": "Hội nghị trực tuyến sơ kết việc phân công cán bộ tỉnh theo dõi, hỗ trợ xã, phường, thị trấn",
        "starts_at": dt.datetime(2017, 4, 11, 7, 30, tzinfo=VN_TZ),
        "place": "Điểm cầu Tỉnh ủy Bến Tre",
        "online_points": "Điểm cầu các huyện, thành phố trong tỉnh",
        "chairs": ["Phan Văn Mãi", "Trần Ngọc Tam", "Cao Văn Trọng"],
        "attendees": [
            ("reporter", "Hồ Thị Hoàng Yến", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy"),
            ("label", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy", ""),
            ("label", "Ban Cán sự Đảng Ủy ban nhân dân tỉnh", ""),
            ("label", "Lãnh đạo các ban đảng Tỉnh ủy", ""),
            ("label", "Điểm cầu các huyện, thành phố", ""),
        ],
        "concluded_by": "Phan Văn Mãi",
        "invite_roles": [],
        "invite_note": "Cán bộ tỉnh được phân công theo dõi, hỗ trợ cơ sở; các huyện, thành phố",
        "agenda": "1. Báo cáo tình hình thực hiện Kế hoạch số 23, Quyết định số 182, Quy định số 02\n"
        "2. Thảo luận\n3. Phó Bí thư Thường trực Tỉnh ủy kết luận, chỉ đạo",
        "attendance": "",
        "status": MeetingStatus.HELD,
        "allow_anonymous": False,
        "publish": False,
    },
}


def _person(name: str, unit: AdministrativeUnit) -> Person | None:
    return Person.objects.filter(full_name=name, home_unit=unit).first()


def _organ(unit: AdministrativeUnit, spec: dict) -> Organ | None:
    if spec.get("organ_key"):
        return Organ.objects.filter(unit=unit, key=spec["organ_key"]).first()
    return Organ.objects.filter(unit=unit, short_name=spec["organ"]).first()


def _sync_people(meeting: Meeting, spec: dict) -> Meeting:
    """Chairs, attendees and the conclusion giver as the seed gives them; an older demo database (where
    seed 000's leaders were entered as chairs) is brought in line once, nothing is duplicated."""
    unit = meeting.unit
    chairs = [p for p in (_person(n, unit) for n in spec["chairs"]) if p is not None]
    if [c.pk for c in meeting.chairs_in_order()] != [c.pk for c in chairs] and not meeting.attendees.exists():
        meeting = services.update_meeting(meeting, actor=SYSTEM, chairs=chairs)
    if not meeting.attendees.exists():
        for entry in spec.get("attendees", []):
            kind = entry[0]
            if kind in ("person", "reporter"):
                person = _person(entry[1], unit)
                role = AttendeeRole.REPORTER if kind == "reporter" else AttendeeRole.ATTENDEE
                if person is not None:
                    services.add_attendee(actor=SYSTEM, meeting=meeting, person=person, title=entry[2], role=role)
                else:
                    services.add_attendee(actor=SYSTEM, meeting=meeting, label=f"{entry[1]}, {entry[2]}", role=role)
            elif kind == "organ":
                organ = Organ.objects.filter(unit=unit, key=entry[1]).first()
                if organ is not None:
                    services.add_attendee(actor=SYSTEM, meeting=meeting, organ=organ, label=entry[2])
                else:
                    services.add_attendee(actor=SYSTEM, meeting=meeting, label=entry[3])
            else:
                services.add_attendee(actor=SYSTEM, meeting=meeting, label=entry[1])
    giver = _person(spec["concluded_by"], unit) if spec.get("concluded_by") else None
    if giver is not None and meeting.concluded_by_id != giver.pk:
        meeting = services.set_conclusion_giver(actor=SYSTEM, meeting=meeting, person=giver)
    return meeting


def seed_meetings() -> dict[str, Meeting]:
    out: dict[str, Meeting] = {}
    for key, spec in MEETINGS.items():
        meeting = Meeting.objects.filter(demo_key=key).first()
        if meeting is None:
            unit = AdministrativeUnit.objects.get(code=spec["unit"])
            organ = _organ(unit, spec)
            chairs = [_person(n, unit) for n in spec["chairs"]]
            meeting = services.create_meeting(
                actor=SYSTEM,
                kind=spec.get("kind", MeetingKind.DIALOGUE),
                title=spec["title"],
                starts_at=spec["starts_at"],
                place=spec["place"],
                online_points=spec.get("online_points", ""),
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
        meeting = _sync_people(meeting, spec)
        if not spec.get("publish", True):
            out[key] = meeting
            continue
        # Never published yet (also a database seeded before publication existed): publish once, so
        # the meeting page shows the public link; a later "stop publishing" by a user is respected.
        if meeting.results_ref is None and meeting.status in RESULTS_STATUSES:
            meeting = services.publish_results(actor=SYSTEM, meeting=meeting)
        out[key] = meeting
    return out


def seed() -> list[str]:
    meetings = seed_meetings()
    lines = [
        f"Hội nghị demo: {len(meetings)} (Hậu Giang 27/4/2021 và buổi làm việc 17/3/2021, Quảng Nam 22/4/2022, "
        "sơ kết Bến Tre 11/4/2017)."
    ]
    lines += [
        f"  Kết quả công khai: {reverse('meetings:public_results', args=[m.results_ref])}"
        for m in meetings.values()
        if m.results_published
    ]
    return lines
