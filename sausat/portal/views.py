"""Thin views: reader search, RSS, comments; the staff's comment queue and drafts from records.

Home, category and article pages are served by Wagtail (templates in templates/portal/)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sausat.accounts.throttle import client_address
from sausat.core.policy import get_or_404, require
from sausat.meetings.policy import meeting_in_subtrees_or_404
from sausat.portal import comments, drafting, policy, selectors, views_count
from sausat.portal.models import CategoryPage, CommentStatus, PortalHome


def search(request):
    q = request.GET.get("q", "")[:200]
    home = None
    if request.GET.get("cong", "").isdigit():
        home = get_or_404(PortalHome.objects.live().public(), pk=request.GET["cong"])
    results = selectors.search(q, home)
    return render(request, "portal/search.html", {"q": q, "home": home, "results": results})


class CategoryFeed(Feed):
    def get_object(self, request, category_id):
        return policy.live_category_or_404(category_id)

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.url

    def description(self, obj):
        return obj.intro or obj.title

    def items(self, obj):
        return selectors._listing(policy.live_articles(obj))[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item.date, timezone.datetime.min.time()))


class CommentForm(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=200)
    email = forms.CharField(label="Thư điện tử (không hiển thị)", max_length=254)
    text = forms.CharField(label="Ý kiến của bạn", widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)


@require_POST
def post_comment(request, article_id: int):
    article = policy.open_article_or_404(article_id)
    form = CommentForm(request.POST)
    status = 200
    if form.is_valid():
        day = timezone.localdate().isoformat()
        visitor = views_count.visitor_hash(client_address(request), request.META.get("HTTP_USER_AGENT", ""), day)
        try:
            comments.submit_comment(article=article, visitor_hash=visitor, **form.cleaned_data)
        except comments.RateLimited:
            status = 429
            form.add_error(None, "Bạn gửi quá nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau.")
        except ValidationError as exc:
            status = 400
            for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, "Cảm ơn bạn. Ý kiến sẽ hiển thị sau khi được ban biên tập duyệt.")
            return HttpResponseRedirect(article.url + "#y-kien")
    else:
        status = 400
    return render(request, "portal/comment_error.html", {"article": article, "form": form}, status=status)


@login_required
def moderation(request):
    require(policy.can_moderate(request.user))
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()][:500]
        decision = request.POST.get("decision", "")
        try:
            if request.POST.get("reply_to", "").isdigit():
                comments.reply(actor=request.user, comment_id=int(request.POST["reply_to"]), text=request.POST["reply"])
                messages.success(request, "Đã lưu trả lời của ban biên tập.")
            else:
                done = comments.moderate(actor=request.user, ids=ids, decision=decision)
                messages.success(request, f"Đã xử lý {done} ý kiến.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(request.get_full_path())
    status = request.GET.get("trang-thai", CommentStatus.PENDING)
    if status not in CommentStatus.values:
        status = CommentStatus.PENDING
    rows = policy.moderated_comments(request.user).filter(status=status).select_related("article")[:200]
    return render(
        request,
        "portal/moderation.html",
        {"rows": rows, "status": status, "statuses": CommentStatus.choices},
    )


class DraftForm(forms.Form):
    category = forms.ModelChoiceField(empty_label="- Chọn -", queryset=CategoryPage.objects.none(), label="Chuyên mục")


@login_required
def draft_from_meeting(request, meeting_id: int):
    require(policy.can_draft(request.user))
    homes = policy.homes_for(request.user, *(policy.REPORTER_ROLES + policy.EDITOR_ROLES)).select_related("unit")
    # A conference of the portal's own province: its reporters and editors draft from it without
    # the meeting pages' access (the draft carries only public facts and consented names).
    meeting = meeting_in_subtrees_or_404(meeting_id, [home.unit.scope_path for home in homes])
    form = DraftForm(request.POST or None)
    form.fields["category"].queryset = CategoryPage.objects.none()
    for home in homes:
        form.fields["category"].queryset |= CategoryPage.objects.child_of(home)
    if request.method == "POST" and form.is_valid():
        try:
            article = drafting.draft_from_meeting(
                actor=request.user, meeting=meeting, category=form.cleaned_data["category"]
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        messages.success(request, "Đã soạn bản nháp; bài viết chỉ đăng sau khi được duyệt.")
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return render(request, "portal/draft_from_meeting.html", {"meeting": meeting, "form": form})
