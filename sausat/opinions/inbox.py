"""Inbox sources of the opinion register (registered in ``OpinionsConfig.ready``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from sausat.core.inbox import (
    InboxFigure,
    InboxItem,
    InboxResult,
    InboxSource,
    from_queryset,
    holds,
    register_inbox_source,
)
from sausat.core.numbers import vn_number
from sausat.core.policy import scope_for, unit_q
from sausat.meetings.policy import MANAGER_ROLES
from sausat.opinions import figures
from sausat.opinions.models import OUTCOME_LABELS, Answer, Opinion, Outcome
from sausat.people.models import Role

AT_RISK_DAYS = 7  # code default of the dated setting "opinions.at_risk_days" (docs/rules.md)


def _title(opinion: Opinion) -> str:
    return Truncator(opinion.text).chars(120)


def _open() -> Q:
    return figures.open_q()


# Items of those who answer open the page with its answer form inline: the page shows it only when
# asked (views/detail.py, WITH_FORM), and the inbox item is there to be answered.
TO_ANSWER = "?tra-loi=1#answer-form"


def _opinion_item(today: dt.date, suffix: str = TO_ANSWER):
    def to_item(o: Opinion) -> InboxItem:
        return InboxItem(
            title=_title(o),
            url=reverse("opinions:detail", args=[o.pk]) + suffix,
            due=o.deadline,
            overdue=bool(o.deadline and o.deadline < today),
            kind="opinion",
            detail=o.responder_organ.name if o.responder_organ_id else "",
        )

    return to_item


def _by_deadline(qs):
    return qs.select_related("responder_organ").order_by(F("deadline").asc(nulls_last=True), "id")


def _is_office(user) -> bool:
    return scope_for(user).has_role(Role.SECRETARY)


def _is_leader(user) -> bool:
    return scope_for(user).has_role(Role.LEADER)


def assigned(user, today: dt.date, limit: int) -> InboxResult:
    """Opinions assigned to the responder's organ and not yet answered."""
    organs = scope_for(user).organ_ids(Role.RESPONDER)
    qs = Opinion.objects.filter(_open(), responder_organ_id__in=organs)
    return from_queryset(_by_deadline(qs), limit, _opinion_item(today))


def _managed(user):
    """Opinions in the subtree the user manages as leader or secretary (all of them for an admin)."""
    scope = scope_for(user)
    qs = Opinion.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(unit_q(scope, "meeting__unit", *MANAGER_ROLES) | unit_q(scope, "unit", *MANAGER_ROLES))


def unassigned(user, today: dt.date, limit: int) -> InboxResult:
    """Unanswered opinions with no responder yet, one item per conference (the grouping page acts on them)."""
    qs = _managed(user).filter(_open(), responder_organ__isnull=True)
    rows = list(
        qs.order_by()
        .values("meeting_id", "meeting__title", "meeting__starts_at")
        .annotate(n=Count("id"))
        .order_by(F("meeting__starts_at").desc(nulls_last=True))[:limit]
    )
    items = []
    for row in rows:
        if row["meeting_id"]:
            url = reverse("opinions:grouping", args=[row["meeting_id"]])
            title = row["meeting__title"]
        else:
            url = reverse("opinions:index")
            title = gettext("Ý kiến ngoài hội nghị")
        items.append(InboxItem(title=Truncator(title).chars(120), url=url, kind="opinion_group", count=row["n"]))
    return InboxResult(count=qs.count() if rows else 0, items=items)


def petitions(user, today: dt.date, limit: int) -> InboxResult:
    """Opinions petitioned to a higher authority that has not replied yet."""
    qs = (
        Answer.objects.filter(
            outcome=Outcome.PETITIONED,
            petition_reply_on__isnull=True,
            petition_closed_on__isnull=True,
            opinion__in=_managed(user).filter(outcome=Outcome.PETITIONED),
        )
        .select_related("opinion")
        .order_by(F("petition_sent_on").asc(nulls_first=True), "id")
    )

    def to_item(a: Answer) -> InboxItem:
        return InboxItem(
            title=_title(a.opinion),
            url=reverse("opinions:detail", args=[a.opinion_id]) + "#answers",
            kind="petition",
            detail=a.petition_authority,
        )

    return from_queryset(qs, limit, to_item)


def late_or_at_risk(user, today: dt.date, limit: int) -> InboxResult:
    """The first promise: its figures, then the opinions overdue or due within a week, not yet answered."""
    managed = _managed(user)
    result = from_queryset(_by_deadline(managed.filter(figures.late_or_at_risk_q(today))), limit, _opinion_item(today))
    return InboxResult(count=result.count, items=result.items, figures=promise_figures(managed, today))


def promise_figures(opinions, today: dt.date) -> list[InboxFigure]:
    """The answer rate and the overdue count of the opinions the leader manages (figures.py, one query)."""
    f = figures.opinion_figures(opinions, today)
    register = reverse("opinions:index")
    return [
        InboxFigure("opinions_answered", gettext("Ý kiến đã được trả lời"), f.answer_rate, f.answer_text, register),
        InboxFigure(
            "opinions_overdue",
            gettext("Ý kiến quá hạn chưa trả lời"),
            f.overdue,
            vn_number(f.overdue),
            register + "?overdue=1",
        ),
    ]


def commune(user, today: dt.date, limit: int) -> InboxResult:
    """Named opinions from the cadre's commune still waiting for an answer."""
    scope = scope_for(user)
    qs = Opinion.objects.filter(_open(), Q(anonymous=False) & unit_q(scope, "unit", Role.COMMUNE_CADRE))
    # A cadre follows these opinions but does not answer them: no answer form on their page.
    return from_queryset(_by_deadline(qs), limit, _opinion_item(today, suffix=""))


def mine(user, today: dt.date, limit: int) -> InboxResult:
    """The opinions the person sent, newest first, with where each stands."""
    qs = Opinion.objects.filter(submitted_by=user).select_related("responder_organ").order_by("-created_at", "-id")

    def to_item(o: Opinion) -> InboxItem:
        status = str(OUTCOME_LABELS.get(o.outcome, o.outcome)) if o.outcome else gettext("Đang chờ trả lời")
        return InboxItem(
            title=_title(o),
            url=reverse("opinions:detail", args=[o.pk]),
            due=None if o.outcome else o.deadline,
            overdue=bool(not o.outcome and o.deadline and o.deadline < today),
            kind="own_opinion",
            detail=status,
        )

    return from_queryset(qs, limit, to_item)


def register() -> None:
    queue = lambda: reverse("opinions:queue")  # noqa: E731
    for source in (
        InboxSource(
            key="opinions.assigned",
            label=gettext_noop("Ý kiến cơ quan bạn cần trả lời"),
            visible=lambda u: bool(scope_for(u).organ_ids(Role.RESPONDER)),
            items=assigned,
            order=10,
            more_url=queue,
        ),
        InboxSource(
            key="opinions.late",
            label=gettext_noop("Ý kiến quá hạn hoặc sắp đến hạn trả lời"),
            visible=_is_leader,
            items=late_or_at_risk,
            order=20,
            more_url=queue,
        ),
        InboxSource(
            key="opinions.unassigned",
            label=gettext_noop("Ý kiến chưa phân nhóm, chưa giao cơ quan trả lời"),
            visible=_is_office,
            items=unassigned,
            order=30,
        ),
        InboxSource(
            key="opinions.petitions",
            label=gettext_noop("Kiến nghị cấp có thẩm quyền chưa có trả lời"),
            visible=_is_office,
            items=petitions,
            order=35,
        ),
        InboxSource(
            key="opinions.commune",
            label=gettext_noop("Ý kiến của xã đang chờ trả lời"),
            visible=lambda u: holds(u, Role.COMMUNE_CADRE),
            items=commune,
            order=40,
        ),
        InboxSource(
            key="opinions.mine",
            label=gettext_noop("Ý kiến bạn đã gửi"),
            visible=lambda u: holds(u, Role.CITIZEN) or Opinion.objects.filter(submitted_by=u).exists(),
            items=mine,
            order=45,
        ),
    ):
        register_inbox_source(source)
