"""Article import page: a secretary pastes or uploads an article, checks the proposal, confirms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sausat.core.policy import require
from sausat.geo.models import AdministrativeUnit
from sausat.meetings import policy, selectors
from sausat.meetings.article_forms import ArticleConfirmForm, ArticleUploadForm
from sausat.meetings.article_import import match_persons, province_unit_code, save_meeting
from sausat.textkit.articles import parse_article


def _choices(units: list[AdministrativeUnit]) -> list[tuple[str, str]]:
    return [(u.code, u.name + ("" if u.is_current else _(" (trước 1/7/2025)"))) for u in units]


def office_province(units: list[AdministrativeUnit]) -> str | None:
    """The code of the importing office's province: the one current province its secretary grant
    covers (None for an office covering several, e.g. an administrator)."""
    current = [u for u in units if u.is_current]
    return current[0].code if len(current) == 1 else None


@login_required
def index(request):
    """Step 1 (GET/POST): upload. Step 2 (POST step=save): confirm the edited proposal and create the meeting."""
    require(policy.can_import_articles(request.user))
    units = selectors.secretary_provinces(request.user)
    choices = _choices(units)
    context: dict = {"upload_form": ArticleUploadForm(), "confirm_form": None}
    if request.method == "POST" and request.POST.get("step") == "save":
        form = ArticleConfirmForm(request.POST, unit_choices=choices)
        if form.is_valid():
            record = form.to_record()
            matches = match_persons(record, request.user)
            chair_ids = [ids[0] for p in record.chairs if len(ids := matches.get(p.name, [])) == 1]
            try:
                meeting = save_meeting(
                    actor=request.user, record=record, unit_code=form.cleaned_data["province_unit"], chair_ids=chair_ids
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã tạo hội nghị từ bài báo."))
                return redirect("meetings:detail", meeting.pk)
        context["confirm_form"] = form
    elif request.method == "POST":
        upload = ArticleUploadForm(request.POST, request.FILES)
        context["upload_form"] = upload
        if upload.is_valid():
            record = parse_article(upload.cleaned_data["article"])
            code = province_unit_code(record.province, record.meeting_date or record.publish_date)
            if code not in {c for c, _label in choices}:
                code = None
            # The text names no province: the importing office's own is the likely one, shown as an
            # assumption to check (a named province the office does not cover stays unset).
            assumed = code is None and not record.province and (code := office_province(units)) is not None
            initial = ArticleConfirmForm.initial_from(record, code)
            context.update(
                confirm_form=ArticleConfirmForm(initial=initial, unit_choices=choices),
                record=record,
                matches=match_persons(record, request.user),
                province_assumed=assumed,
            )
    return render(request, "meetings/article_import.html", context)
