"""The public news portal: one Wagtail page tree per publishing unit (a province), categories,
articles, reader comments and the de-duplicated view log.

Tree: PortalRoot (the site root, /tin-tuc/) -> PortalHome (one per province, linked to its unit)
-> CategoryPage -> ArticlePage. Editorial writes go through Wagtail (revisions, workflow); our own
writes (comments, view counts, permissions) go through :mod:`sausat.portal.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from sausat.geo.models import AdministrativeUnit


class PortalRoot(Page):
    """The site root: lists the provincial portals."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.PortalHome"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang gốc cổng tin")

    def get_context(self, request, *args, **kwargs):
        homes = PortalHome.objects.live().public().child_of(self).select_related("unit")
        return {**super().get_context(request, *args, **kwargs), "homes": list(homes)}


class PortalHome(Page):
    """The home page of one province's portal; its subtree is that province's editorial scope."""

    unit = models.OneToOneField(AdministrativeUnit, on_delete=models.PROTECT, related_name="portal_home")
    intro = models.TextField(blank=True)

    parent_page_types = ["portal.PortalRoot"]
    subpage_types = ["portal.CategoryPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("Trang chủ cổng tin")

    def get_context(self, request, *args, **kwargs):
        from sausat.portal import selectors

        return {**super().get_context(request, *args, **kwargs), **selectors.home_context(self)}


class CategoryPage(Page):
    intro = models.TextField(blank=True)

    parent_page_types = ["portal.PortalHome"]
    subpage_types = ["portal.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("Chuyên mục")

    def get_context(self, request, *args, **kwargs):
        from sausat.portal import selectors

        context = super().get_context(request, *args, **kwargs)
        return {**context, **selectors.category_context(self, request.GET.get("trang"))}


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("portal.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Chú thích"))

    class Meta:
        icon = "image"
        template = "portal/blocks/captioned_image.html"


class ArticlePage(Page):
    """A news article. Its category is its parent page; its unit is its portal's."""

    date = models.DateField(_("Ngày đăng"), default=timezone.localdate)
    summary = models.TextField(_("Tóm tắt"), blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "h3", "ol", "ul", "link"], label=_("Đoạn"))),
            ("image", CaptionedImageBlock(label=_("Ảnh có chú thích"))),
        ],
        blank=True,
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    # Counted by sausat.portal.views_count (buffered, flushed in batches), never on the request path.
    view_count = models.PositiveIntegerField(default=0, editable=False)
    # Accent-free key of title + summary + body text, refreshed on publish, for "doi thoai" searches.
    search_key = models.TextField(blank=True, editable=False)
    source_meeting_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Filled by sausat.portal.related when the portal publishes: the most similar live articles.
    related_ids = models.JSONField(default=list, blank=True, editable=False)
    comments_enabled = models.BooleanField(_("Cho phép ý kiến bạn đọc"), default=True)

    parent_page_types = ["portal.CategoryPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("comments_enabled"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Bài viết")
        indexes = [
            models.Index(fields=["date"], name="portal_article_date"),
            # "Đọc nhiều" (most read) of a home or category: walked from the top, not a sort of every article.
            models.Index(fields=["-view_count", "-date"], name="portal_article_most_read"),
        ]

    def get_context(self, request, *args, **kwargs):
        from sausat.portal import selectors

        return {**super().get_context(request, *args, **kwargs), **selectors.article_context(self)}

    def comments_close_on(self):
        return self.date + timezone.timedelta(days=settings.SAUSAT_PORTAL_COMMENT_DAYS)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")


class Comment(models.Model):
    """A reader's comment: pre-moderated; the e-mail is never shown; the visitor hash rotates daily."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="comments")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    text = models.TextField()
    status = models.CharField(max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    flags = models.CharField(max_length=200, blank=True, help_text="Why the filter flagged it (spam, profanity).")
    visitor_hash = models.CharField(max_length=32, db_index=True)
    reply = models.TextField(blank=True, help_text="The editorial office's answer, shown under the comment.")
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "status", "created_at"], name="portal_comment_article")]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"


class ViewSeen(models.Model):
    """Visitors already counted today per article: (day, article, daily hash). Rows of past days are
    purged by the flush; the hash's salt is discarded with its day, so nothing links back to a person."""

    day = models.DateField()
    article_id = models.BigIntegerField()
    visitor_hash = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "article_id", "visitor_hash"], name="portal_view_seen_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.article_id}"
