"""Bench data for the news portal (issue 14): 10,000 articles and 100,000 reader comments.

The bench province's portal (``services.ensure_portal``: home, permission groups, workflow) with 8
categories (``services.create_category``), then the articles and comments. Not through the
per-article services, on purpose and for speed: ``create_draft`` + ``publish`` save a revision,
run the workflow hooks and recompute the related articles of the whole portal on every publish
(O(n²) over 10,000 articles), and ``submit_comment`` rate-limits one visitor to a few comments.
Articles are therefore added as live pages with Wagtail's own tree API (``add_child``: the same
rows, paths and URL paths a publish leaves, search key filled like the publish hook does, three
related articles of the same category), comments with ``bulk_create`` in the service's shape
(NFC text, a visitor hash, 80 % approved / 15 % pending / 5 % rejected). The audit rows of those
writes are not generated (they are not read by the reader pages).

The measured article (slug ``bai-do-luong``, dated today so its comment form is open, 3 tags,
60 approved comments with replies) and its category are found by ``ops_portal.py``. The other
comments fall on articles with a skew (a tenth of the articles get half of them). Dates spread
over five years. ``--factor`` scales both volumes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from benchmarks.harness.data import ACTOR, GenContext, plug

ARTICLES = 10_000
COMMENTS = 100_000
MEASURED_SLUG = "bai-do-luong"
CATEGORIES = [
    "Chính trị",
    "Xây dựng Đảng",
    "Kinh tế",
    "Văn hóa – Xã hội",
    "Quốc phòng – An ninh",
    "Dân vận",
    "Nông nghiệp – Nông thôn",
    "Thời sự",
]
# Our own phrases on the seed stories' themes (dialogues, Party building, the economy), assembled.
SUBJECTS = [
    "Thường trực Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận",
    "Ủy ban nhân dân tỉnh",
    "Ban Thường vụ Đảng ủy xã",
    "Ủy ban Mặt trận Tổ quốc",
    "Hội Nông dân tỉnh",
    "Tỉnh đoàn",
]
ACTIONS = [
    "đối thoại với cán bộ, đảng viên cơ sở về",
    "làm việc với các địa phương về",
    "sơ kết sáu tháng thực hiện nghị quyết về",
    "tiếp xúc cử tri, lắng nghe ý kiến về",
    "kiểm tra tiến độ triển khai",
    "tổng kết công tác năm về",
]
TOPICS = [
    "chuyển đổi số trong cải cách hành chính",
    "chế độ phụ cấp cho cán bộ ấp, khu vực",
    "xây dựng nông thôn mới nâng cao",
    "giải phóng mặt bằng các công trình trọng điểm",
    "phát triển kinh tế tập thể, hợp tác xã",
    "bảo đảm an ninh trật tự ở cơ sở",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "hỗ trợ thanh niên khởi nghiệp",
    "chăm lo gia đình chính sách",
    "phòng chống sạt lở bờ sông",
]
SENTENCES = [
    "Hội nghị ghi nhận {n} ý kiến bằng văn bản và {m} ý kiến phát biểu trực tiếp, tập trung vào {t}.",
    "Đồng chí chủ trì đề nghị các sở, ngành trả lời rõ từng kiến nghị, nêu thời hạn và người chịu trách nhiệm.",
    "Nhiều ý kiến phản ánh khó khăn về {t}; các đơn vị liên quan đã giải trình và nhận khắc phục.",
    "Kết luận hội nghị yêu cầu rà soát, hoàn thành trong quý, báo cáo kết quả về Thường trực.",
    "Đại diện cơ sở kiến nghị tăng cường hướng dẫn nghiệp vụ và bố trí kinh phí phù hợp.",
    "Qua đối thoại, cán bộ, đảng viên hiểu rõ hơn chủ trương và đồng thuận thực hiện.",
]
COMMENT_TEXTS = [
    "Đề nghị cơ quan chức năng sớm công khai kết quả giải quyết các kiến nghị nêu trong bài.",
    "Tôi đồng tình với chủ trương này, mong được triển khai sớm ở ấp chúng tôi.",
    "Cần làm rõ thời hạn hoàn thành và đơn vị chịu trách nhiệm chính.",
    "Cảm ơn ban biên tập đã thông tin kịp thời, bài viết rất thiết thực.",
    "Ở xã tôi việc này còn chậm, đề nghị tỉnh kiểm tra, đôn đốc thêm.",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thị Hạnh", "Huỳnh Văn Khoa"]
TAGS = ["đối thoại", "chuyển đổi số", "nông thôn mới", "cải cách hành chính", "thanh niên", "an sinh xã hội"]


def _article(rng, category, n: int, today: dt.date, *, measured: bool = False):
    from wagtail.rich_text import RichText

    from sausat.portal.models import ArticlePage
    from sausat.textkit.normalize import search_key

    topic = rng.choice(TOPICS)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {topic}"
    if measured:
        title = f"[bench] {title}"
    paragraphs = [
        rng.choice(SENTENCES).format(n=rng.randint(20, 400), m=rng.randint(3, 30), t=rng.choice(TOPICS))
        for _ in range(rng.randint(5, 9))
    ]
    summary = paragraphs[0]
    date = today if measured else today - dt.timedelta(days=rng.randint(0, 5 * 365))
    stamp = dt.datetime.combine(date, dt.time(8, 0), tzinfo=dt.UTC)
    return ArticlePage(
        title=title,
        slug=MEASURED_SLUG if measured else f"bai-{n}",
        summary=summary,
        body=[("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs],
        date=date,
        live=True,
        has_unpublished_changes=False,
        first_published_at=stamp,
        last_published_at=stamp,
        view_count=int(rng.lognormvariate(5, 1.2)),
        search_key=search_key(" ".join([title, summary, *paragraphs])),
    )


def generate(ctx: GenContext) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag

    from sausat.geo.models import AdministrativeUnit
    from sausat.portal import services
    from sausat.portal.models import ArticlePage, ArticleTag, CategoryPage, Comment, CommentStatus

    rng = ctx.rng("portal")
    today = timezone.localdate()
    province = AdministrativeUnit.objects.get(pk=ctx.bench_province_id)
    home = services.ensure_portal(actor=ACTOR, unit=province)
    categories = list(CategoryPage.objects.child_of(home))
    for title in CATEGORIES[len(categories) :]:
        categories.append(services.create_category(actor=ACTOR, home=home, title=title))
    total = ctx.n(ARTICLES, minimum=20)
    existing = ArticlePage.objects.descendant_of(home).count()
    made = 0
    for start in range(existing, total, 250):
        with transaction.atomic():
            for n in range(start, min(total, start + 250)):
                category = categories[n % len(categories)]
                measured = n == 0
                category.add_child(instance=_article(rng, category, n, today, measured=measured))
                made += 1
    measured = ArticlePage.objects.get(slug=MEASURED_SLUG)
    if not measured.tagged_items.exists():
        for name in TAGS[:3]:
            tag, _ = Tag.objects.get_or_create(name=name, defaults={"slug": name.replace(" ", "-")})
            ArticleTag.objects.create(tag=tag, content_object=measured)

    # Three related articles of the same category, as sausat.portal.related would store them.
    updated = []
    for category in categories:
        ids = list(ArticlePage.objects.child_of(category).values_list("pk", flat=True))
        for article in ArticlePage.objects.child_of(category).only("pk", "related_ids"):
            article.related_ids = rng.sample(ids, min(3, len(ids)))
            updated.append(article)
    ArticlePage.objects.bulk_update(updated, ["related_ids"], batch_size=1000)

    comments = _comments(ctx, rng, home, measured, today)
    return {
        "articles": ArticlePage.objects.descendant_of(home).count(),
        "articles_added": made,
        "comments": Comment.objects.filter(unit=province).count(),
        "comments_added": comments,
        "approved_on_measured": Comment.objects.filter(article=measured, status=CommentStatus.APPROVED).count(),
        "categories": len(categories),
    }


def _comments(ctx: GenContext, rng, home, measured, today: dt.date) -> int:
    from django.db import transaction

    from sausat.portal.models import ArticlePage, Comment, CommentStatus

    total = ctx.n(COMMENTS, minimum=100)
    have = Comment.objects.filter(unit=home.unit).count()
    if have >= total:
        return 0
    ids = list(ArticlePage.objects.descendant_of(home).exclude(pk=measured.pk).values_list("pk", "date"))
    hot = ids[: max(1, len(ids) // 10)]
    statuses = [CommentStatus.APPROVED] * 16 + [CommentStatus.PENDING] * 3 + [CommentStatus.REJECTED]

    def row(n: int, article_id: int, day: dt.date, status: str, reply: str = "") -> Comment:
        created = dt.datetime.combine(day, dt.time(8, 0), tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randint(0, 9000))
        return Comment(
            article_id=article_id,
            unit=home.unit,
            name=rng.choice(NAMES),
            email=f"ban-doc-{n}@example.vn",
            text=rng.choice(COMMENT_TEXTS),
            status=status,
            visitor_hash=hashlib.sha256(f"bench-{n}".encode()).hexdigest()[:32],
            reply=reply,
            created_at=created,
            moderated_at=created if status != CommentStatus.PENDING else None,
        )

    batch = [
        row(n, measured.pk, today, CommentStatus.APPROVED, "Ban biên tập đã chuyển ý kiến đến cơ quan chức năng.")
        for n in range(60)
        if have == 0
    ]
    made = 0
    for n in range(have + len(batch), total):
        article_id, day = rng.choice(hot) if rng.random() < 0.5 else rng.choice(ids)
        batch.append(row(n, article_id, day, rng.choice(statuses)))
        if len(batch) >= 5000:
            with transaction.atomic():
                Comment.objects.bulk_create(batch)
            made += len(batch)
            batch = []
    if batch:
        with transaction.atomic():
            Comment.objects.bulk_create(batch)
        made += len(batch)
    return made


plug("portal", generate)
