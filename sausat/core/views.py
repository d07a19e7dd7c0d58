from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from sausat.core.history import fetcher_for, restore_url_for
from sausat.core.inbox import inbox_for
from sausat.core.policy import scope_for
from sausat.core.selectors import history_for
from sausat.core.timeline import timeline


class LogoutView(auth_views.LogoutView):
    pass


def home(request):
    from sausat.core.roles import Role

    scope = scope_for(request.user)
    sections = inbox_for(request.user)
    context = {
        "scope": scope,
        "can_edit_calendar": scope.has_role(Role.SECRETARY, Role.ADMIN),
        "inbox": [s for s in sections if s.count or s.figures],
        "inbox_total": sum(s.count for s in sections),
        # One query whatever the number of grants (the "Vai trò của bạn" list names each unit and organ).
        "grants": list(request.user.role_grants.select_related("unit", "organ"))
        if request.user.is_authenticated
        else [],
    }
    return render(request, "core/home.html", context)


@login_required
def object_history(request, object_type: str, object_id: str):
    fetch = fetcher_for(object_type)
    if fetch is None:
        raise Http404
    obj = fetch(request.user, object_id)
    events = list(history_for(obj)[:500])
    context = {
        "obj": obj,
        "events": events,
        "entries": timeline(events, obj),
        "object_type": object_type,
        "object_pk": str(obj.pk),
        "is_deleted": getattr(obj, "deleted_at", None) is not None,
        "restore_url": restore_url_for(object_type, request.user, obj),
    }
    return render(request, "core/history.html", context)
