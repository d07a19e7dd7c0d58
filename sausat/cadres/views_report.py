"""The classification list and report of a period (page, .xlsx, .docx). Every listed person's
result is a read of their record, so each rendering writes the access rows."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sausat.cadres import policy, report
from sausat.cadres.models import AccessKind, RecordAccess
from sausat.core.exports.http import DOCX_CONTENT_TYPE, attachment_response
from sausat.core.exports.xlsx import XLSX_CONTENT_TYPE


def _report(request, pk: int) -> report.ClassificationReport:
    user = request.user
    period = policy.report_period_or_404(user, pk)
    evaluations = report.decided_evaluations(period, policy.visible_evaluations(user))
    now = timezone.now()
    RecordAccess.objects.bulk_create(
        [
            RecordAccess(person=e.person, user=user, user_label=user.get_username(), what=AccessKind.EVALUATION,
                         object_id=str(e.pk), at=now)
            for e in evaluations
            if e.person_id
        ]
    )  # fmt: skip
    return report.build(period, evaluations)


@login_required
def classification(request, pk: int):
    rep = _report(request, pk)
    return render(request, "cadres/report.html", {"rep": rep, "period": rep.period, "chart": rep.chart()})


@login_required
def classification_xlsx(request, pk: int):
    rep = _report(request, pk)
    return attachment_response(report.report_xlsx(rep), f"Xếp loại - {rep.period.label}.xlsx", XLSX_CONTENT_TYPE)


@login_required
def classification_docx(request, pk: int):
    rep = _report(request, pk)
    today = dt.date.today()  # noqa: DTZ011  (the document's calendar date)
    return attachment_response(
        report.report_docx(rep, today=today), f"Báo cáo xếp loại - {rep.period.label}.docx", DOCX_CONTENT_TYPE
    )


def _year_half(request) -> tuple[int, int]:
    try:
        year, half = int(request.GET.get("nam", "2021")), int(request.GET.get("ky", "1"))
    except ValueError:
        year, half = 2021, 1
    return year, half if half in (1, 2) else 1


@login_required
def region(request, pk: int):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from sausat.cadres import review
    from sausat.cadres.models import HALF_YEAR_FIGURES, HalfYearReport

    user = request.user
    reg = policy.region_or_404(user, pk)
    year, half = _year_half(request)
    if request.method == "POST":
        rep = (
            HalfYearReport.objects.select_related("province")
            .filter(pk=request.POST.get("report"), province__in=reg.provinces.all())
            .first()
        )
        if rep is None or not policy.can_edit_half_year(user, rep.province):
            from django.http import Http404

            raise Http404
        try:
            review.lock_half_year(actor=user, report=rep)
            messages.success(request, _("Đã gửi và khóa báo cáo."))
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        return redirect(f"{request.path}?nam={rep.year}&ky={rep.half}")
    rows = review.region_rows(reg, year, half)
    for r in rows:
        r.values = [r.value(f) for f in HALF_YEAR_FIGURES]
        r.can_lock = r.report is not None and r.report.locked_at is None and policy.can_edit_half_year(user, r.province)
    return render(
        request,
        "cadres/region.html",
        {
            "region": reg, "year": year, "half": half, "rows": rows, "chart": review.region_chart(rows),
            "headers": [review.FIGURE_LABELS[f] for f in HALF_YEAR_FIGURES],
        },
    )  # fmt: skip


@login_required
def region_xlsx(request, pk: int):
    from sausat.cadres import review

    reg = policy.region_or_404(request.user, pk)
    year, half = _year_half(request)
    content = review.region_xlsx(reg, year, half, review.region_rows(reg, year, half))
    return attachment_response(content, f"Sơ kết {half}-{year} - {reg.name}.xlsx", XLSX_CONTENT_TYPE)
