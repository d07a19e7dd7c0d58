"""The hamlet import page: upload, dry-run table, confirm (province secretaries and admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sausat.core import uploads
from sausat.geo import services
from sausat.geo.policy import managed_province_or_404

_SESSION_KEY = "geo_hamlet_import_{}"


@login_required
def hamlet_template(request, code: str):
    province = managed_province_or_404(request.user, code)
    response = HttpResponse(
        services.template_workbook(province),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-thon-to-dan-pho-{province.official_code}.xlsx"'
    return response


@login_required
def hamlet_import(request, code: str):
    province = managed_province_or_404(request.user, code)
    key = _SESSION_KEY.format(province.pk)
    context: dict = {"province": province, "result": None, "error": ""}
    if request.method == "POST":
        action = request.POST.get("action", "check")
        try:
            if action == "confirm":
                stored = request.session.get(key) or {}
                data = uploads.stashed(stored.get("sha256", ""))
                if data is None:
                    context["error"] = _("Phiên kiểm tra đã hết hạn; vui lòng tải tệp lên lại.")
                    return render(request, "geo/hamlet_import.html", context, status=400)
                result = services.import_hamlets(
                    request.user,
                    province,
                    data,
                    dry_run=False,
                    filename=stored["name"],
                    valid_only=request.POST.get("valid_only") == "1",
                )
                context["result"] = result
                if result.written:
                    request.session.pop(key, None)
                    uploads.discard(stored["sha256"])
                    messages.success(
                        request,
                        _("Đã nhập %(created)d thôn, tổ dân phố mới (%(existing)d đã có từ trước).")
                        % {"created": result.created, "existing": len(result.existing_rows)},
                    )
                    return redirect("geo:hamlet_import", code=province.code)
                context["error"] = _("Tệp còn dòng lỗi: chưa ghi gì. Sửa tệp, hoặc chọn chỉ nhập các dòng hợp lệ.")
            else:
                upload = request.FILES.get("file")
                if upload is None:
                    context["error"] = _("Vui lòng chọn tệp .xlsx hoặc .csv.")
                elif upload.size > uploads.max_import_bytes() or getattr(upload, "oversize", False):
                    context["error"] = _("Tệp quá lớn (tối đa %(limit)s MB).") % {
                        "limit": uploads.max_import_bytes() // uploads.MB
                    }
                else:
                    data = upload.read()
                    result = services.import_hamlets(request.user, province, data, dry_run=True, filename=upload.name)
                    # The file waits on disk, not in the session, until confirmed; then it is deleted.
                    request.session[key] = {"name": upload.name, "sha256": uploads.stash(data)}
                    context["result"] = result
        except services.HamletFileError as exc:
            context["error"] = str(exc)
    return render(request, "geo/hamlet_import.html", context, status=400 if context["error"] else 200)
