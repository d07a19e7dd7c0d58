"""What opinions adds to a meeting, through the hooks meetings declares (:mod:`sausat.meetings.extensions`).

meetings may not import opinions, so the opinions part of the meeting page and the rule "a responder
sees the meetings of the opinions assigned to the responder's organ" are registered from here, in
:meth:`sausat.opinions.apps.OpinionsConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from sausat.meetings.extensions import Section, register_section, register_visibility
from sausat.opinions import policy
from sausat.opinions.models import Channel, Opinion
from sausat.people.models import Role


def responder_meetings(scope) -> Q | None:
    organs = scope.organ_ids(Role.RESPONDER)
    if not organs:
        return None
    return Q(Exists(Opinion.objects.filter(meeting=OuterRef("pk"), responder_organ_id__in=organs)))


def section_context(request, meeting) -> dict[str, Any]:
    from sausat.opinions.list_rows import rows_of
    from sausat.opinions.views.lists import opinion_page

    opinions = policy.meeting_opinions(request.user, meeting)
    by_channel = list(opinions.values("channel").annotate(n=Count("id")).order_by("channel"))
    labels = dict(Channel.choices)
    return {
        "by_channel": [(labels.get(r["channel"], r["channel"]), r["n"]) for r in by_channel],
        "total": sum(r["n"] for r in by_channel),
        "page": rows_of(opinion_page(request, opinions)),
    }


def register() -> None:
    register_visibility("opinions.responder", responder_meetings)
    register_section(
        Section(
            key="opinions",
            context=section_context,
            card_template="opinions/_meeting_card.html",
            below_template="opinions/_meeting_latest.html",
            rows_template="opinions/_opinion_rows.html",
            stylesheet="opinions/opinions.css",
        )
    )
