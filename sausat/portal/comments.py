"""Reader comments: pre-moderated, rate-limited, filtered (flagged, never silently dropped), audited."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from sausat.core.actors import Actor, SystemActor, acting_user
from sausat.core.models import AuditEvent
from sausat.core.policy import require
from sausat.core.services import record_audit
from sausat.portal import page_cache, policy
from sausat.portal.models import ArticlePage, Comment, CommentStatus
from sausat.textkit.normalize import grapheme_len, normalize, normalize_line, search_key

MAX_TEXT = 3000  # graphemes
MAX_NAME = 100
# Per visitor (daily hash): at most this many comments in the window, across all articles ...
VISITOR_LIMIT, VISITOR_WINDOW = 5, dt.timedelta(minutes=10)
# ... and per article from one visitor in a day; and per article from everyone in the window.
VISITOR_ARTICLE_LIMIT = 3
ARTICLE_LIMIT, ARTICLE_WINDOW = 60, dt.timedelta(minutes=10)

# Accent-free whole words (keys of sausat.textkit.normalize.search_key). Flagging only: a moderator
# decides, so a false positive costs a look, not a reader's voice.
PROFANITY = {"dm", "dcm", "dmm", "vcl", "vkl", "vl", "clgt", "cmm", "dit", "du ma", "dit me", "con cho", "oc cho"}
SPAM = {"casino", "ca do", "lo de", "nha cai", "vay tien", "tin dung den", "bong da so", "kiem tien online"}
_LINK_RE = re.compile(r"https?://|www\.|\.com\b|\.vn/", re.IGNORECASE)


class RateLimited(Exception):
    """Too many comments from one visitor or on one article: answered 429, nothing stored."""


def flags_for(text: str, name: str = "") -> list[str]:
    key = f" {search_key(name)} {search_key(text)} "
    key = re.sub(r"[^a-z0-9]+", " ", key)
    found = []
    if any(f" {word} " in key for word in PROFANITY):
        found.append("profanity")
    if any(f" {word} " in key for word in SPAM) or len(_LINK_RE.findall(text)) >= 2:
        found.append("spam")
    if re.search(r"(.)\1{9,}", text):
        found.append("repetition")
    return found


def comments_open(article: ArticlePage, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return article.comments_enabled and today <= article.comments_close_on()


def submit_comment(
    *, article: ArticlePage, name: str, email: str, text: str, visitor_hash: str, check_open: bool = True
) -> Comment:
    """A reader's comment, pending moderation. Raises ValidationError or RateLimited.

    ``check_open=False`` only for the demo seeder, whose stories are years old."""
    article = policy.open_article_or_404(article.pk)
    if check_open and not comments_open(article):
        raise ValidationError("Bài viết đã hết thời gian nhận ý kiến bạn đọc.")
    name, text, email = normalize_line(name), normalize(text), normalize_line(email).lower()
    errors = {}
    if not name:
        errors["name"] = "Vui lòng nhập họ tên."
    elif grapheme_len(name) > MAX_NAME:
        errors["name"] = f"Họ tên tối đa {MAX_NAME} ký tự."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
    if not text:
        errors["text"] = "Vui lòng nhập nội dung ý kiến."
    elif grapheme_len(text) > MAX_TEXT:
        errors["text"] = f"Ý kiến tối đa {MAX_TEXT} ký tự."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        mine = Comment.objects.filter(visitor_hash=visitor_hash)
        if (
            mine.filter(created_at__gte=now - VISITOR_WINDOW).count() >= VISITOR_LIMIT
            or mine.filter(article=article, created_at__gte=now - dt.timedelta(days=1)).count() >= VISITOR_ARTICLE_LIMIT
            or Comment.objects.filter(article=article, created_at__gte=now - ARTICLE_WINDOW).count() >= ARTICLE_LIMIT
        ):
            raise RateLimited
        home = policy.home_of(article)
        comment = Comment.objects.create(
            article=article,
            unit=home.unit,
            name=name,
            email=email,
            text=text,
            flags=",".join(flags_for(text, name)),
            visitor_hash=visitor_hash,
            created_at=now,
        )
        # A reader is no account: the row carries no actor and never the e-mail.
        record_audit(
            actor=AnonymousUser(),
            action=AuditEvent.Action.CREATE,
            obj=comment,
            verb="portal.comment",
            after={"article": article.pk, "flags": comment.flags},
            anonymous=True,
        )
    return comment


def moderate(*, actor: Actor, ids: list[int], decision: str) -> int:
    """Bulk approve or reject comments in the actor's scope (others are ignored like missing ones)."""
    if decision not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
        raise ValidationError("Quyết định không hợp lệ.")
    now = timezone.now()
    done = 0
    # A system actor (the demo seeder) is trusted; a person moderates only in their portals.
    scoped = Comment.objects.all() if isinstance(actor, SystemActor) else policy.moderated_comments(actor)
    with transaction.atomic():
        for comment in scoped.select_for_update().filter(pk__in=ids):
            if comment.status == decision:
                continue
            before = {"status": comment.status}
            comment.status, comment.moderated_at = decision, now
            comment.moderated_by = acting_user(actor)
            comment.save(update_fields=["status", "moderated_at", "moderated_by"])
            record_audit(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                obj=comment,
                verb=f"portal.comment.{decision}",
                before=before,
                after={"status": decision},
            )
            done += 1
        if done:
            page_cache.invalidate()  # an approved comment shows to cached readers
    return done


def reply(*, actor: Actor, comment_id: int, text: str) -> Comment:
    """The editorial office's answer under a comment."""
    text = normalize(text)
    with transaction.atomic():
        comment = policy.moderated_comments(actor).select_for_update().filter(pk=comment_id).first()
        require(comment is not None)
        before = {"reply": comment.reply}
        comment.reply = text
        comment.save(update_fields=["reply"])
        record_audit(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=comment,
            verb="portal.comment.reply",
            before=before,
            after={"reply": text},
        )
        page_cache.invalidate()
    return comment


def approved_comments(article: ArticlePage):
    return Comment.objects.filter(article=article, status=CommentStatus.APPROVED).order_by("created_at", "id")
