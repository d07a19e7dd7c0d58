"""A signed-in user's own API tokens: issue (the key is shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sausat.core.policy import get_or_404
from sausat.core.tokens import issue_token, revoke_token, tokens_of
from sausat.textkit.normalize import normalize_line


@login_required
def token_page(request):
    context: dict = {"new_key": "", "error": ""}
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            token = get_or_404(tokens_of(request.user), pk=request.POST.get("token_id"))
            revoke_token(token, actor=request.user)
            messages.success(request, _("Đã thu hồi khóa %(prefix)s…") % {"prefix": token.prefix})
            return redirect("core:tokens")
        name = normalize_line(request.POST.get("name", ""))[:100]
        if not name:
            context["error"] = _("Vui lòng đặt tên cho khóa (vd: tên phần mềm sẽ dùng khóa).")
        else:
            token, key = issue_token(actor=request.user, user=request.user, name=name)
            # The key is shown on this response only; only its hash is kept.
            context["new_key"] = key
            context["new_token"] = token
    context["tokens"] = tokens_of(request.user)
    response = render(request, "core/tokens.html", context, status=400 if context["error"] else 200)
    response["Cache-Control"] = "no-store"
    return response
