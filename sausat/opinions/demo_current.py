"""Current-year demo conferences at the cast's province (Cần Thơ), dated relative to the day of seeding,
so every demo account finds work in its inbox on a fresh install:

- one conference open for online opinions (the citizen ``congdan`` has sent one);
- one held three weeks ago whose opinions are grouped and assigned to the responder's organ (one
  group past its deadline), one group left unassigned and a few opinions not grouped yet, for the office.

The historical conferences of the seed articles (``sausat.opinions.demo``) keep their own dates.
Idempotent: meetings by ``demo_key``, opinions by idempotency key.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ, local_date
from sausat.meetings import services as meeting_services
from sausat.meetings.models import Meeting, MeetingKind, MeetingStatus
from sausat.opinions import services
from sausat.opinions.models import Channel, IssueGroup, Opinion, Outcome
from sausat.people import demo as people_demo
from sausat.people.models import Organ, Person, Role

SYSTEM = SystemActor(reason="seed_demo")
OPEN_KEY = "cantho-current-open"
HELD_KEY = "cantho-current-held"

# (group title, assigned to the responder's organ: deadline offset in days from today, or None)
GROUPS = [
    ("Chế độ, chính sách đối với cán bộ cấp xã sau sắp xếp", -3),
    ("Bố trí trụ sở, phương tiện làm việc của xã mới", 12),
    ("Đào tạo, bồi dưỡng công chức cấp xã", None),
]
OPINIONS = [
    (0, "commune_a", "Đề nghị sớm ban hành hướng dẫn chế độ phụ cấp cho cán bộ không chuyên trách sau sắp xếp."),
    (0, "commune_b", "Cán bộ dôi dư sau sắp xếp xã mong được biết lộ trình nghỉ việc và chính sách hỗ trợ."),
    (0, "commune_a", "Đề nghị làm rõ thời điểm chi trả chế độ cho người nghỉ theo Nghị định 178."),
    (1, "commune_a", "Trụ sở xã mới cách xa dân, đề nghị bố trí điểm tiếp nhận hồ sơ tại trụ sở cũ."),
    (1, "commune_b", "Xã thiếu xe phục vụ công tác, đề nghị thành phố điều chuyển phương tiện dôi dư."),
    (1, "commune_b", "Đề nghị hỗ trợ kinh phí sửa chữa hội trường để tổ chức tiếp xúc cử tri."),
    (2, "commune_a", "Đề nghị mở lớp bồi dưỡng chuyển đổi số cho công chức văn phòng xã."),
    (2, "commune_b", "Công chức địa chính cần tập huấn về quy định đất đai mới."),
    (None, "commune_a", "Đề nghị công khai lịch tiếp công dân của lãnh đạo xã trên cổng thông tin."),
    (None, "commune_b", "Người dân phản ánh đường giao thông nông thôn xuống cấp sau mùa mưa."),
]
ANSWERED = {1: Outcome.ANSWERED, 4: Outcome.PETITIONED}  # opinion index -> outcome given already
AUTHORS = ["Nguyễn Văn Tâm", "Trần Thị Hoa", "Lê Minh Đức", "Phạm Thị Lan", "Võ Văn Khải"]


def _meeting(key: str, *, title: str, starts_at: dt.datetime, province, organ, statuses) -> Meeting:
    meeting = Meeting.objects.filter(demo_key=key).first()
    if meeting is not None:
        return meeting
    meeting = meeting_services.create_meeting(
        actor=SYSTEM,
        kind=MeetingKind.DIALOGUE,
        title=title,
        starts_at=starts_at,
        place="Hội trường Thành ủy Cần Thơ",
        unit=province,
        organ=organ,
        invite_roles=[Role.COMMUNE_CADRE],
        invite_unit=province,
        invite_note="Bí thư, Chủ tịch UBND các xã, phường (dữ liệu minh họa)",
        agenda="1. Khai mạc\n2. Ý kiến của cán bộ cơ sở\n3. Lãnh đạo thành phố và các sở trả lời\n4. Kết luận",
        allow_anonymous=False,
        demo_key=key,
    )
    for status in statuses:
        meeting = meeting_services.set_status(actor=SYSTEM, meeting=meeting, status=status)
    return meeting


def seed() -> list[str]:
    units = people_demo.cast_units()
    province = units["province"]
    organs = {o.key: o for o in Organ.objects.filter(unit=province, key__isnull=False)}
    responder = organs.get("dept_home_affairs")
    now = timezone.now()
    today = local_date(now)
    year = today.year
    with transaction.atomic():
        open_meeting = _meeting(
            OPEN_KEY,
            title=f"Hội nghị đối thoại của Thường trực Thành ủy với cán bộ cơ sở năm {year} (minh họa)",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(8, 0), tzinfo=VN_TZ),
            province=province,
            organ=organs.get("party_permanent"),
            statuses=[MeetingStatus.OPEN],
        )
        held = _meeting(
            HELD_KEY,
            title=f"Hội nghị đối thoại về sắp xếp bộ máy cấp xã năm {year} (minh họa)",
            starts_at=dt.datetime.combine(today - dt.timedelta(days=21), dt.time(8, 0), tzinfo=VN_TZ),
            province=province,
            organ=organs.get("party_standing"),
            statuses=[MeetingStatus.OPEN, MeetingStatus.HELD],
        )
        held_day = local_date(held.starts_at)
        groups = []
        for title, offset in GROUPS:
            group = IssueGroup.objects.filter(meeting=held, title=title).first()
            if group is None:
                group = services.create_group(actor=SYSTEM, meeting=held, title=title)
            groups.append((group, offset))
        created = 0
        for i, (gi, commune, text) in enumerate(OPINIONS):
            key = f"demo:{HELD_KEY}:{i}"
            if Opinion.all_objects.filter(idempotency_key=key).exists():
                continue
            unit = units[commune]
            services.register_opinion(
                actor=SYSTEM,
                text=text,
                channel=Channel.PAPER,
                unit=unit,
                idempotency_key=key,
                meeting=held,
                author_name=AUTHORS[i % len(AUTHORS)],
                author_unit_label=f"Cán bộ {unit.name}",
                group=groups[gi][0] if gi is not None else None,
                source_ref=f"Phiếu số {i + 1}",
            )
            created += 1
        if created and responder is not None:
            for group, offset in groups:
                if offset is not None:
                    services.assign(
                        actor=SYSTEM, organ=responder, group=group, deadline=held_day + dt.timedelta(days=21 + offset)
                    )
            rows = list(Opinion.objects.filter(meeting=held).order_by("id"))
            for index, outcome in ANSWERED.items():
                if index < len(rows):
                    services.answer_opinion(
                        actor=SYSTEM,
                        opinion=rows[index],
                        text="Sở Nội vụ đã có văn bản hướng dẫn; đề nghị xã triển khai.",
                        outcome=outcome,
                        answered_by_organ=responder,
                        answered_at=now - dt.timedelta(days=5),
                        petition_authority="Bộ Nội vụ" if outcome == Outcome.PETITIONED else "",
                        petition_sent_on=today - dt.timedelta(days=5) if outcome == Outcome.PETITIONED else None,
                    )
        citizen = get_user_model().objects.filter(username="congdan").first()
        person = Person.objects.filter(user=citizen).first() if citizen else None
        if citizen is not None:
            services.register_opinion(
                actor=citizen,
                text="Đề nghị thành phố sớm công bố lịch làm việc của bộ phận một cửa tại xã mới.",
                channel=Channel.ONLINE,
                unit=units["commune_a"],
                idempotency_key=f"demo:{OPEN_KEY}:congdan",
                meeting=open_meeting,
                author_person=person,
                author_unit_label=units["commune_a"].name,
            )
    return [
        f"Hội nghị năm {year} (Cần Thơ): một hội nghị đang nhận ý kiến trực tuyến, "
        f"một hội nghị đã tổ chức với {created} ý kiến mới giao Sở Nội vụ trả lời."
    ]
