"""Demo data: the Hậu Giang Standing Committee's periodic working session of 17/3/2021 (seed 002).

Facts from the seed: on the afternoon of 17/3/2021 the Standing Committee of the provincial Party
committee (chaired by Lê Tiến Châu, Secretary, and Đồng Văn Thanh, Deputy Secretary and Chairman
of the People's Committee) worked with the Party committee's advisory agencies, the bloc Party
committee of agencies and enterprises, the Political School, the provincial newspaper and the
cadre healthcare board. The conclusion and the tasks below are written in our own words; the
document number is left blank (the article gives none). Progress, extensions and approvals are
dated so that some tasks end on time, some late and some overdue.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sausat.core.actors import SystemActor
from sausat.core.calendar import VN_TZ
from sausat.directives import request_services, services
from sausat.directives.models import DeadlineKind, DirectingDocument, DocumentKind, RequestKind
from sausat.geo.models import AdministrativeUnit
from sausat.meetings import demo as meeting_demo
from sausat.people import services as people_services
from sausat.people.data import organ_templates
from sausat.people.models import Organ, OrganKind, Person

SYSTEM = SystemActor(reason="seed_demo")
UNIT = "L-p93"
SESSION_KEY = "haugiang-2021-03-17"  # the meeting record of seed 002 (sausat.meetings.demo)
MEETING = "Buổi làm việc định kỳ của Thường trực Tỉnh ủy với các cơ quan tham mưu, giúp việc Tỉnh ủy, chiều 17/3/2021"
TITLE = (
    "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc định kỳ quý I/2021 với các cơ quan tham mưu, giúp việc Tỉnh ủy"
)
EXTRA_ORGANS = [
    ("Báo Hậu Giang", "Báo Hậu Giang", OrganKind.PARTY_BOARD, 19),
    ("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Hậu Giang", "Ban BVCSSKCB", OrganKind.PARTY_BOARD, 19),
]
CONCLUSION = """Thường trực Tỉnh ủy ghi nhận: trong quý I/2021 các cơ quan đã tham mưu kịp thời cho việc \
lãnh đạo các hoạt động dịp Tết và các ngày lễ lớn, công tác cán bộ, công tác tư tưởng, việc cụ thể hóa \
Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV và thông tin kết quả Đại hội XIII của Đảng; chủ động xây dựng \
Chương trình kiểm tra, giám sát năm 2021; công tác dân vận có chuyển biến.

Còn hạn chế: một số đề án tham mưu chậm tiến độ; việc đánh giá, xếp loại chất lượng tổ chức đảng ở một \
số nơi còn lúng túng; chất lượng khám, điều trị cho cán bộ diện Tỉnh ủy quản lý có lúc chưa đạt yêu cầu, \
cơ sở vật chất y tế còn thiếu.

Thời gian tới, các cơ quan rà soát toàn bộ kết luận, chương trình, kế hoạch công tác để không bỏ sót \
nhiệm vụ, thực hiện đúng tiến độ; tập trung các nhiệm vụ giao cụ thể dưới đây."""


def _at(day: str, hour: int = 9) -> dt.datetime:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, hour, 0, tzinfo=VN_TZ)


# (lead short name, title, product, deadline kind, days/date/recurring day, story)
# story: list of (kind, day, payload): progress (percent, text) | propose (product) | extend (date, reason)
#        | approve | return (note)
TASKS = [
    (
        "VP Tỉnh ủy",
        "Rà soát toàn bộ kết luận của Thường trực Tỉnh ủy, chương trình và kế hoạch công tác; lập danh mục nhiệm vụ còn tồn đọng",
        "Danh mục nhiệm vụ và báo cáo rà soát",
        DeadlineKind.WORKING_DAYS,
        15,
        [
            (
                "progress",
                "2021-03-29",
                (60, "Đã tổng hợp kết luận năm 2020 và quý I/2021, đang đối chiếu với chương trình công tác."),
            ),
            ("propose", "2021-04-07", "Báo cáo rà soát kèm danh mục 42 nhiệm vụ còn tồn đọng"),
            ("approve", "2021-04-08", None),
        ],
    ),
    (
        "BTC Tỉnh ủy",
        "Tham mưu điều động, bổ nhiệm, bố trí cán bộ gắn với phân công Ủy viên Ban Chấp hành và kiện toàn chức danh, chuẩn bị bầu cử đại biểu Quốc hội và HĐND các cấp nhiệm kỳ 2021 - 2026",
        "Tờ trình và dự thảo quyết định về công tác cán bộ",
        DeadlineKind.FIXED,
        "2021-04-15",
        [
            (
                "progress",
                "2021-03-31",
                (40, "Đã xây dựng phương án bố trí cán bộ, đang lấy ý kiến các cơ quan liên quan."),
            ),
            ("progress", "2021-04-14", (80, "Hoàn thiện hồ sơ nhân sự, chờ Ban Thường vụ cho ý kiến.")),
            ("propose", "2021-04-23", "Tờ trình về phương án điều động, bổ nhiệm cán bộ"),
            ("approve", "2021-04-26", None),
        ],
    ),
    (
        "BTG Tỉnh ủy",
        "Xây dựng kế hoạch tổ chức học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "Kế hoạch của Ban Thường vụ Tỉnh ủy",
        DeadlineKind.CALENDAR_DAYS,
        30,
        [
            ("progress", "2021-03-25", (70, "Đã có dự thảo kế hoạch, đang xin ý kiến Thường trực.")),
            ("propose", "2021-04-09", "Kế hoạch học tập, quán triệt Nghị quyết Đại hội XIII"),
            ("approve", "2021-04-12", None),
        ],
    ),
    (
        "BTG Tỉnh ủy",
        "Tuyên truyền bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp; tổ chức các hoạt động chào mừng ngày lễ lớn quý II/2021, bảo đảm phòng, chống dịch Covid-19",
        "Báo cáo kết quả công tác tuyên truyền bầu cử",
        DeadlineKind.FIXED,
        "2021-05-20",
        [
            (
                "progress",
                "2021-04-20",
                (50, "Đã triển khai tuyên truyền trên báo, đài và hệ thống loa truyền thanh cơ sở."),
            ),
            (
                "extend",
                "2021-05-14",
                ("2021-05-31", "Cần tổng hợp cả kết quả tuyên truyền trong ngày bầu cử 23/5/2021."),
            ),
            ("approve", "2021-05-17", None),
            ("progress", "2021-05-25", (90, "Đã tổng hợp kết quả tuyên truyền trong ngày bầu cử.")),
            ("propose", "2021-05-28", "Báo cáo kết quả công tác tuyên truyền bầu cử"),
            ("approve", "2021-05-28", None),
        ],
    ),
    (
        "BDV Tỉnh ủy",
        "Tham mưu chỉ đạo Đại hội đại biểu phụ nữ các cấp trong tỉnh, tiến tới Đại hội đại biểu phụ nữ toàn quốc lần thứ XIII",
        "Kế hoạch chỉ đạo và báo cáo kết quả đại hội phụ nữ các cấp",
        DeadlineKind.FIXED,
        "2021-06-30",
        [
            ("progress", "2021-04-30", (30, "Đã ban hành hướng dẫn, chọn đơn vị đại hội điểm cấp huyện.")),
            ("progress", "2021-06-15", (60, "Đại hội cấp cơ sở xong; đại hội cấp huyện lùi lịch do dịch Covid-19.")),
        ],
    ),
    (
        "UBKT Tỉnh ủy",
        "Tham mưu thực hiện các nội dung kiểm tra, giám sát năm 2021 của Ban Thường vụ Tỉnh ủy theo tiến độ, đúng quy trình; báo cáo hằng quý",
        "Báo cáo quý về kết quả kiểm tra, giám sát",
        DeadlineKind.QUARTERLY,
        None,
        [
            ("progress", "2021-03-30", (25, "Quý I: hoàn thành 2 cuộc kiểm tra theo chương trình.")),
            ("progress", "2021-06-28", (50, "Quý II: hoàn thành 3 cuộc kiểm tra, 2 cuộc giám sát chuyên đề.")),
        ],
    ),
    (
        "ĐUK",
        "Hướng dẫn, khắc phục lúng túng trong quản lý, đánh giá, xếp loại chất lượng tổ chức đảng thuộc Khối",
        "Hướng dẫn của Đảng ủy Khối",
        DeadlineKind.FIXED,
        "2021-04-30",
        [("progress", "2021-04-02", (20, "Đang khảo sát các tổ chức đảng còn lúng túng."))],
    ),
    (
        "Trường Chính trị",
        "Mở lớp bồi dưỡng, quán triệt Nghị quyết Đại hội XIII cho cán bộ chủ chốt cấp cơ sở",
        "Báo cáo kết quả mở lớp",
        DeadlineKind.WORKING_DAYS,
        45,
        [
            ("progress", "2021-04-15", (50, "Đã mở 2 lớp cho cán bộ chủ chốt cấp xã.")),
            ("propose", "2021-05-24", "Báo cáo kết quả 4 lớp bồi dưỡng"),
            ("approve", "2021-05-26", None),
        ],
    ),
    (
        "Báo Hậu Giang",
        "Mở chuyên mục tuyên truyền bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp",
        "Chuyên mục trên báo in và báo điện tử",
        DeadlineKind.FIXED,
        "2021-04-10",
        [
            ("propose", "2021-04-05", "Chuyên mục “Bầu cử 2021” trên báo in và báo điện tử"),
            ("approve", "2021-04-06", None),
        ],
    ),
    (
        "Ban BVCSSKCB",
        "Nâng chất lượng khám, điều trị cho cán bộ diện Tỉnh ủy quản lý; đề xuất đầu tư cơ sở vật chất y tế",
        "Đề án nâng chất lượng khám, điều trị cán bộ",
        DeadlineKind.FIXED,
        "2021-06-30",
        [
            ("progress", "2021-05-10", (30, "Đã khảo sát trang thiết bị, đang xây dựng dự thảo đề án.")),
            ("extend", "2021-06-25", ("2021-09-30", "Chờ phân bổ kinh phí đầu tư trang thiết bị.")),
            ("return", "2021-06-28", "Cần hoàn thành dự thảo đề án trước; kinh phí xin sau."),
        ],
    ),
    (
        "VP Tỉnh ủy",
        "Báo cáo hằng tháng tiến độ thực hiện các kết luận của Thường trực Tỉnh ủy, trước ngày 20",
        "Báo cáo tháng",
        DeadlineKind.MONTHLY,
        20,
        [
            ("progress", "2021-04-16", (30, "Báo cáo tháng 4.")),
            ("progress", "2021-05-18", (45, "Báo cáo tháng 5.")),
        ],
    ),
]


def _organs(unit: AdministrativeUnit) -> dict[str, Organ]:
    people_services.seed_organs(actor=SYSTEM, unit=unit, template=organ_templates.PROVINCE_LEGACY)
    existing = {o.name for o in Organ.objects.filter(unit=unit)}
    for name, short, kind, order in EXTRA_ORGANS:
        if name not in existing:
            people_services.create_organ(
                actor=SYSTEM, name=name, kind=kind, unit=unit, short_name=short, sort_order=order
            )
    return {o.short_name: o for o in Organ.objects.filter(unit=unit)}


def _play(task, story) -> None:
    last_request = None
    for kind, day, payload in story:
        at = _at(day)
        if kind == "progress":
            percent, text = payload
            services.report_progress(actor=SYSTEM, task=task, text=text, percent=percent, at=at)
        elif kind == "propose":
            last_request = request_services.propose_completion(actor=SYSTEM, task=task, product=payload, at=at)
        elif kind == "extend":
            new_date, reason = payload
            last_request = request_services.request_extension(
                actor=SYSTEM, task=task, reason=reason, requested_date=dt.date.fromisoformat(new_date), at=at
            )
        elif kind in ("approve", "return"):
            note = payload or ("Đồng ý." if last_request.kind == RequestKind.EXTENSION else "Đạt yêu cầu.")
            request_services.decide_request(
                actor=SYSTEM, request=last_request, approve=kind == "approve", note=note, at=at
            )


def seed() -> list[str]:
    unit = AdministrativeUnit.objects.get(code=UNIT)
    organs = _organs(unit)
    # The working session is a meeting record (chairs, attendees, who concluded): the notice points at it.
    session = meeting_demo.seed_meetings()[SESSION_KEY]
    existing = DirectingDocument.objects.filter(unit=unit, meeting_ref=MEETING).first()
    if existing is not None:
        services.link_document_meeting(actor=SYSTEM, document=existing, meeting=session)
        return ["Chỉ đạo: dữ liệu demo (kết luận 17/3/2021 của Thường trực Tỉnh ủy Hậu Giang) đã có."]
    signer = Person.objects.filter(full_name="Lê Tiến Châu", home_unit=unit).first()
    with transaction.atomic():
        doc = services.register_document(
            actor=SYSTEM,
            kind=DocumentKind.CONCLUSION_NOTICE,
            issuing_organ=organs["Tỉnh ủy"],
            symbol="TB/TU",
            date=dt.date(2021, 3, 19),
            signer=signer,
            signer_title="Bí thư Tỉnh ủy" if signer else "",
            title=TITLE,
            text=CONCLUSION,
            meeting_ref=MEETING,
            meeting=session,
            unit=unit,
        )
        for short, title, product, kind, value, story in TASKS:
            extra: dict = {}
            if kind == DeadlineKind.FIXED:
                extra["deadline_date"] = dt.date.fromisoformat(value)
            elif kind in (DeadlineKind.WORKING_DAYS, DeadlineKind.CALENDAR_DAYS):
                extra["deadline_days"] = value
            elif kind == DeadlineKind.MONTHLY:
                extra |= {"recurring_day": value, "recurring_until": dt.date(2021, 12, 31)}
            elif kind == DeadlineKind.QUARTERLY:
                extra["recurring_until"] = dt.date(2021, 12, 31)
            coop = [organs["VP Tỉnh ủy"]] if short != "VP Tỉnh ủy" else []
            task = services.add_task(
                actor=SYSTEM,
                document=doc,
                title=title,
                lead_organ=organs[short],
                cooperating_organs=coop,
                expected_product=product,
                deadline_kind=kind,
                **extra,
            )
            _play(task, story)
        # A plan registered without tasks yet: the "no task missed" page flags it.
        services.register_document(
            actor=SYSTEM,
            kind=DocumentKind.QUARTERLY_PLAN,
            issuing_organ=organs["BTV Tỉnh ủy"],
            symbol="KH/TU",
            date=dt.date(2021, 3, 31),
            title="Kế hoạch công tác quý II/2021 của Ban Thường vụ Tỉnh ủy",
            unit=unit,
        )
    return [
        f"Chỉ đạo: kết luận buổi làm việc 17/3/2021 với {len(TASKS)} nhiệm vụ (Hậu Giang).",
        "  Báo cáo quý: /chi-dao/bao-cao-quy/?year=2021&quarter=2&scope=province",
    ]
