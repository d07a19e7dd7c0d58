"""The grouping page: issue groups, bulk moves, merging duplicates, assigning responders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sausat.core.calendar import local_date
from sausat.core.policy import get_or_404
from sausat.meetings import policy as meeting_policy
from sausat.opinions import selectors, services
from sausat.opinions.forms import AssignForm, organ_choices, organs_near
from sausat.opinions.models import IssueGroup, Opinion
from sausat.opinions.rules import answer_deadline, answer_rule_on
from sausat.opinions.views.lists import opinion_page


def _ids(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("ids") if v.isdigit()]


@login_required
def grouping(request, meeting_pk: int):
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    qs = Opinion.objects.filter(meeting=meeting)
    selected = request.GET.get("group", "")
    if selected == "none":
        qs = qs.filter(group__isnull=True, merged_into__isnull=True)
    elif selected.isdigit():
        qs = qs.filter(group_id=int(selected))
    from django.utils import timezone

    context = {
        "meeting": meeting,
        "groups": selectors.group_rows(meeting),
        "page": opinion_page(request, qs),
        "selected": selected,
        # One list of organs rendered in every group's assign form (one query, not one per group).
        "organ_choices": organ_choices(organs_near(meeting.unit, on=local_date(meeting.starts_at))),
        "default_deadline": answer_deadline(local_date(timezone.now()), place=meeting.unit),
        "answer_rule": answer_rule_on(local_date(timezone.now()), meeting.unit),
    }
    if request.htmx:
        return render(request, "opinions/_grouping_rows.html", context)
    return render(request, "opinions/grouping.html", context)


@login_required
@require_POST
def grouping_action(request, meeting_pk: int):
    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    action = request.POST.get("action", "")
    back = reverse("opinions:grouping", args=[meeting.pk]) + "?" + request.POST.get("back", "")
    try:
        if action == "create_group":
            services.create_group(actor=request.user, meeting=meeting, title=request.POST.get("title", ""))
            messages.success(request, _("Đã tạo nhóm vấn đề."))
        elif action == "move":
            target = request.POST.get("target", "")
            group = None
            if target.isdigit():
                group = get_or_404(IssueGroup.objects.filter(meeting=meeting), pk=int(target))
            n = services.move_opinions(actor=request.user, meeting=meeting, opinion_ids=_ids(request), group=group)
            messages.success(request, ngettext("Đã chuyển %(n)s ý kiến.", "Đã chuyển %(n)s ý kiến.", n) % {"n": n})
        elif action == "merge":
            ids = _ids(request)
            keep_id = request.POST.get("keep", "")
            keep_pk = int(keep_id) if keep_id.isdigit() else (min(ids) if ids else 0)
            keep = get_or_404(Opinion.objects.filter(meeting=meeting), pk=keep_pk)
            n = services.merge_opinions(actor=request.user, meeting=meeting, keep=keep, duplicate_ids=ids)
            messages.success(
                request,
                ngettext(
                    "Đã gộp %(n)s ý kiến trùng vào ý kiến #%(pk)s; các bản gốc vẫn được giữ.",
                    "Đã gộp %(n)s ý kiến trùng vào ý kiến #%(pk)s; các bản gốc vẫn được giữ.",
                    n,
                )
                % {"n": n, "pk": keep.pk},
            )
        elif action == "suggestion":
            _decide_suggestion(request, meeting)
        elif action == "assign":
            form = AssignForm(request.POST, unit=meeting.unit, on=local_date(meeting.starts_at))
            if not form.is_valid():
                raise ValidationError(_("Vui lòng chọn cơ quan trả lời và hạn hợp lệ."))
            target = request.POST.get("group", "")
            opinion_id = request.POST.get("opinion", "")
            kwargs = {
                "actor": request.user,
                "organ": form.cleaned_data["organ"],
                "deadline": form.cleaned_data["deadline"],
            }
            if target.isdigit():
                kwargs["group"] = get_or_404(IssueGroup.objects.filter(meeting=meeting), pk=int(target))
            else:
                pk = int(opinion_id) if opinion_id.isdigit() else 0
                kwargs["opinion"] = get_or_404(Opinion.objects.filter(meeting=meeting), pk=pk)
            deadline = services.assign(**kwargs)
            messages.success(
                request,
                _("Đã giao %(organ)s trả lời, hạn %(deadline)s.")
                % {"organ": form.cleaned_data["organ"], "deadline": f"{deadline:%d/%m/%Y}"},
            )
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(back)


def _group_or_none(meeting, value: str) -> IssueGroup | None:
    if not value.isdigit():
        return None
    return get_or_404(IssueGroup.objects.filter(meeting=meeting), pk=int(value))


def _decide_suggestion(request, meeting) -> None:
    """Accept the suggested group, pick another one, or reject the suggestion (recorded either way)."""
    from sausat.opinions.decisions import decide_suggestion

    opinion_id = request.POST.get("opinion", "")
    opinion = get_or_404(Opinion.objects.filter(meeting=meeting), pk=int(opinion_id) if opinion_id.isdigit() else 0)
    decision = decide_suggestion(
        actor=request.user,
        meeting=meeting,
        opinion=opinion,
        suggested=_group_or_none(meeting, request.POST.get("suggested", "")),
        chosen=_group_or_none(meeting, request.POST.get("chosen", "")),
    )
    if decision.chosen_group_id:
        messages.success(request, _("Đã xếp ý kiến vào nhóm “%(title)s”.") % {"title": decision.chosen_title})
    else:
        messages.success(request, _("Đã bỏ qua gợi ý; ý kiến giữ nguyên chỗ cũ."))


@login_required
def suggestions(request, meeting_pk: int):
    """Grouping suggestions from the text engine, as an HTMX fragment. Nothing is applied here."""
    from sausat.opinions.suggestions import suggest_groups_for_meeting

    meeting = meeting_policy.managed_meeting_or_404(request.user, meeting_pk)
    # No new embeddings on a request: cached vectors or the TF-IDF path keep it fast.
    result = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    return render(request, "opinions/_suggestions.html", {"suggestions": result})
