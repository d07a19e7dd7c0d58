"""Demo portals: Hậu Giang (seeds 000, 002, 004), Quảng Nam (001) and Bến Tre (003).

Each portal hangs on the legacy province the stories were written in (Hậu Giang, L-p93): those
units lie under their current successors' scope paths (Hậu Giang under Cần Thơ), so the demo cast's
Cần Thơ grants reach the Hậu Giang portal, while the Quảng Nam and Bến Tre portals are other trees
(another province's editor gets 404 there). Facts (dates, names, counts, views) come from the seed
articles; every sentence is ours. Photos are generated placeholders. Works without /work/shared.
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from sausat.core.actors import SystemActor
from sausat.geo.models import AdministrativeUnit
from sausat.people import demo as people_demo
from sausat.people import services as people_services
from sausat.people.models import Role, RoleGrant
from sausat.portal import comments, services
from sausat.portal.models import ArticlePage, CategoryPage, Comment, CommentStatus

SYSTEM = SystemActor(reason="seed_demo")

PORTALS = {"L-p93": "Cổng thông tin Tỉnh ủy Hậu Giang", "L-p49": "Tin tức Quảng Nam", "L-p83": "Tin tức Bến Tre"}

# (portal unit, category, title, date, views, summary, paragraphs, photo caption, tags)
STORIES = [
    (
        "L-p93",
        "Xây dựng hệ thống chính trị",
        "Thường trực Tỉnh ủy Hậu Giang đối thoại với cán bộ chủ chốt cấp xã",
        dt.date(2021, 4, 27),
        453,
        "Cán bộ chủ chốt các xã, phường, thị trấn gửi 375 ý kiến bằng phiếu và nêu thêm 10 ý kiến trực tiếp "
        "tại buổi gặp gỡ, đối thoại với lãnh đạo tỉnh.",
        [
            "Buổi gặp gỡ diễn ra sáng 27/4/2021 tại Trung tâm Hội nghị tỉnh, do Thường trực Tỉnh ủy tổ chức. "
            "Có mặt các đồng chí Lê Tiến Châu (Bí thư Tỉnh ủy), Trần Văn Huyến (Phó Bí thư Thường trực Tỉnh ủy, "
            "Chủ tịch HĐND tỉnh), Đồng Văn Thanh (Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh) và Thái Thu Xương "
            "(Chủ tịch Ủy ban MTTQ Việt Nam tỉnh).",
            "Những vấn đề được nêu nhiều nhất: cách đánh giá, xếp loại cán bộ; đào tạo, bồi dưỡng cán bộ chủ chốt "
            "cấp xã; bố trí chức danh không chuyên trách ở xã, ấp, khu vực; phụ cấp cho người kiêm nhiệm nhiều việc.",
            "Lãnh đạo tỉnh và các sở, ngành đã giải đáp tại chỗ. Cán bộ cấp xã cũng góp ý cho dự thảo Đề án nâng cao "
            "chất lượng đội ngũ cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số và cán bộ chủ chốt cơ sở nhiệm kỳ "
            "2020 - 2025. Kết luận buổi đối thoại, Bí thư Tỉnh ủy Lê Tiến Châu ghi nhận các ý kiến làm căn cứ bổ sung "
            "chủ trương của tỉnh.",
        ],
        "Toàn cảnh buổi đối thoại (ảnh minh họa)",
        ["Đối thoại", "Cán bộ cơ sở"],
    ),
    (
        "L-p93",
        "Tin trong tỉnh",
        "Thường trực Tỉnh ủy làm việc với các cơ quan tham mưu sau quý I/2021",
        dt.date(2021, 3, 18),
        361,
        "Chiều 17/3/2021, Thường trực Tỉnh ủy Hậu Giang nghe các cơ quan tham mưu, giúp việc báo cáo kết quả "
        "quý I và chỉ ra những việc còn chậm.",
        [
            "Buổi làm việc do đồng chí Lê Tiến Châu, Bí thư Tỉnh ủy và đồng chí Đồng Văn Thanh, Chủ tịch UBND tỉnh "
            "chủ trì; có các ban của Tỉnh ủy, Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh, Trường Chính trị, "
            "Báo Hậu Giang và Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh.",
            "Trong quý I, các cơ quan đã tham mưu tổ chức chu đáo các hoạt động dịp Tết và các ngày lễ, triển khai "
            "chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV và chuẩn bị buổi đối thoại "
            "của người đứng đầu với học sinh, sinh viên, trí thức.",
            "Còn tồn tại: một số đề án được soạn thảo chậm so với kế hoạch; việc đánh giá, xếp loại chất lượng ở "
            "một số tổ chức đảng chưa sát thực tế.",
        ],
        "",
        ["Tỉnh ủy"],
    ),
    (
        "L-p93",
        "Chính trị",
        "Hậu Giang dự hội nghị sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2021",
        dt.date(2021, 7, 2),
        688,
        "Chiều 1/7/2021, Ban Tổ chức Trung ương họp trực tuyến với 22 tỉnh, thành phía Nam; điểm cầu Hậu Giang "
        "có Phó Bí thư Thường trực Tỉnh ủy Trần Văn Huyến.",
        [
            "Hội nghị do đồng chí Mai Văn Chính, Phó trưởng Ban Thường trực Ban Tổ chức Trung ương chủ trì.",
            "Nửa đầu năm, ngành tổ chức các địa phương phía Nam đã góp phần tổ chức thành công cuộc bầu cử đại biểu "
            "Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026, đồng thời tiếp tục sắp xếp, bố trí cán bộ "
            "theo quy hoạch và chăm lo đào tạo, bồi dưỡng.",
        ],
        "Đồng chí Trần Văn Huyến phát biểu tại điểm cầu Hậu Giang (ảnh minh họa)",
        ["Xây dựng Đảng"],
    ),
    (
        "L-p49",
        "Thời sự",
        "Quảng Nam lần đầu đối thoại với trưởng, phó phòng trong hệ thống chính trị",
        dt.date(2022, 4, 22),
        0,
        "Ngày 22/4/2022, lãnh đạo tỉnh Quảng Nam gặp trực tiếp cán bộ, công chức giữ chức trưởng, phó phòng và "
        "tương đương ở các cơ quan khối Đảng, chính quyền, Mặt trận, đoàn thể tỉnh.",
        [
            "Chủ trì là các đồng chí Phan Việt Cường (Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh), Lê Trí Thanh (Chủ tịch "
            "UBND tỉnh) và Nguyễn Chín (Trưởng Ban Tổ chức Tỉnh ủy). Theo Bí thư Tỉnh ủy, đây là lần đầu tỉnh tổ chức "
            "một cuộc đối thoại như vậy với đội ngũ kế cận.",
        ],
        "",
        ["Đối thoại"],
    ),
    (
        "L-p83",
        "Tin tức - sự kiện",
        "Bến Tre sơ kết việc phân công cán bộ tỉnh theo dõi, hỗ trợ cơ sở",
        dt.date(2017, 4, 12),
        0,
        "Sáng 11/4/2017, hội nghị trực tuyến của tỉnh Bến Tre đánh giá bước đầu việc cán bộ tỉnh được phân công "
        "theo dõi, hỗ trợ các xã, phường, thị trấn.",
        [
            "Hội nghị do các đồng chí Phan Văn Mãi, Trần Ngọc Tam và Cao Văn Trọng chủ trì. Trưởng Ban Tổ chức Tỉnh ủy "
            "Hồ Thị Hoàng Yến báo cáo việc thực hiện Kế hoạch số 23, Quyết định số 182 và Quy định số 02 của Ban "
            "Thường vụ Tỉnh ủy về trách nhiệm của cán bộ được phân công.",
            "Nhìn chung, cán bộ tỉnh đã xuống cơ sở đều đặn, dự họp và tham gia hoạt động của địa phương; người phụ "
            "trách cần nắm chắc tình hình đảng bộ và nhân dân để báo cáo kịp thời về tỉnh.",
        ],
        "",
        ["Theo dõi cơ sở"],
    ),
]

COMMENTS = [
    # (story index, name, text, approved)
    (0, "Nguyễn Thị Hoa", "Mong tỉnh sớm có chính sách phụ cấp hợp lý cho cán bộ kiêm nhiệm ở ấp.", True),
    (0, "Trần Minh Tâm", "Buổi đối thoại rất thiết thực, đề nghị tổ chức hằng năm.", True),
    (2, "Lê Văn Phúc", "Xin hỏi kết quả bầu cử của tỉnh được công bố ở đâu?", False),
    (0, "Khách", "Vay tiền nhanh không cần thế chấp, xem tại www.vd.com và http://vd.vn/", False),
]


def _placeholder(title: str, collection) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (165, 14, 14)).save(buffer, format="PNG")
    image = Image(title=title, collection=collection)
    image.file = ImageFile(buffer, name="anh-minh-hoa.png")
    image.save()
    return image


def _demo_user(username: str, full_name: str, role: str, unit: AdministrativeUnit, generated: dict) -> str:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = people_services.create_account(
            actor=SYSTEM, username=username, password=people_demo.account_password(username, generated)
        )
    if not RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
        services.grant_portal_role(actor=SYSTEM, user=user, role=role, unit=unit)
    return username


def seed() -> list[str]:
    generated: dict[str, str] = {}
    people_demo.seed_cast()
    province = people_demo.cast_units()["province"]
    homes = {}
    for code, title in PORTALS.items():
        homes[code] = services.ensure_portal(actor=SYSTEM, unit=AdministrativeUnit.objects.get(code=code), title=title)
    accounts = [
        _demo_user("bientap", "Biên tập viên", Role.PORTAL_EDITOR, province, generated),
        _demo_user("phongvien", "Phóng viên", Role.PORTAL_REPORTER, province, generated),
        _demo_user("bientap_qn", "Biên tập viên Quảng Nam", Role.PORTAL_EDITOR, homes["L-p49"].unit, generated),
    ]
    # The cast's leader approves on the Hậu Giang tree (a Cần Thơ grant covers it): sync its groups.
    for user in get_user_model().objects.filter(role_grants__role=Role.LEADER).distinct():
        services.sync_portal_permissions(user)
    created = 0
    articles = []
    for code, cat_title, title, date, views, summary, paragraphs, caption, tags in STORIES:
        home = homes[code]
        category = CategoryPage.objects.child_of(home).filter(title=cat_title).first() or services.create_category(
            actor=SYSTEM, home=home, title=cat_title
        )
        article = ArticlePage.objects.child_of(category).filter(title=title).first()
        if article is None:
            article = services.create_draft(
                actor=SYSTEM,
                category=category,
                title=title,
                summary=summary,
                paragraphs=paragraphs,
                date=date,
                tags=tags,
            )
            if caption:
                from wagtail.models import Collection

                collection = Collection.objects.filter(name__endswith=home.unit.name).first()
                body = list(article.body.raw_data)
                body.insert(
                    1, {"type": "image", "value": {"image": _placeholder(title, collection).pk, "caption": caption}}
                )
                article.body = body
                article.save_revision()
            services.publish(actor=SYSTEM, article=article)
            services.add_views(actor=SYSTEM, article=article, views=views)
            created += 1
        articles.append(article)
    if not Comment.objects.exists():
        for index, name, text, approved in COMMENTS:
            comment = comments.submit_comment(
                article=articles[index],
                name=name,
                email="ban-doc@example.invalid",
                text=text,
                visitor_hash=f"demo-{name}",
                check_open=False,
            )
            if approved:
                comments.moderate(actor=SYSTEM, ids=[comment.pk], decision=CommentStatus.APPROVED)
    drafted = _draft_from_demo_conference(homes["L-p93"])
    lines = [f"Cổng tin: {len(homes)} cổng, {created} bài mới; tin tức tại /tin-tuc/, biên tập tại /quan-tri-tin/."]
    lines.append("  tài khoản cổng tin: " + ", ".join(accounts) + " (bientap/phongvien: Cần Thơ–Hậu Giang)")
    if drafted:
        lines.append(f"  bản nháp từ hội nghị đối thoại chờ duyệt: {drafted.title}")
    lines += [f"  {u}: {p}" for u, p in generated.items()]
    return lines


def _draft_from_demo_conference(home):
    """The reporter drafts from the Hậu Giang dialogue record and submits it: it waits for the editor."""
    from sausat.meetings.models import Meeting
    from sausat.portal import drafting

    meeting = Meeting.objects.filter(demo_key="haugiang-2021-04-27").first()
    if meeting is None or ArticlePage.objects.filter(source_meeting_id=meeting.pk).exists():
        return None
    reporter = get_user_model().objects.get(username="phongvien")
    category = CategoryPage.objects.child_of(home).get(title="Xây dựng hệ thống chính trị")
    article = drafting.draft_from_meeting(actor=reporter, meeting=meeting, category=category)
    services.submit_for_review(actor=reporter, article=article)
    return article
