"""Counts for a meeting's summary page and conclusion notice (constant number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from sausat.core.calendar import local_date
from sausat.opinions.figures import overdue_q
from sausat.opinions.models import Answer, Channel, Outcome


@dataclass
class MeetingSummary:
    total: int = 0
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_group: list[tuple[str, int, int]] = field(default_factory=list)
    by_responder: list[tuple[str, int, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    overdue: int = 0
    merged: int = 0
    petitions: list = field(default_factory=list)

    def chart_data(self) -> dict:
        return {
            "channel": {"labels": [c for c, _ in self.by_channel], "values": [n for _, n in self.by_channel]},
            "group": {"labels": [g for g, _, _ in self.by_group], "values": [n for _, n, _ in self.by_group]},
            "outcome": {"labels": [o for o, _ in self.by_outcome], "values": [n for _, n in self.by_outcome]},
        }


def summarise(opinions) -> MeetingSummary:
    """``opinions``: an already policy-scoped queryset of one meeting's opinions."""
    today = local_date(timezone.now())
    s = MeetingSummary()
    channels = dict(Channel.choices)
    for row in opinions.values("channel").annotate(n=Count("id")).order_by("channel"):
        s.by_channel.append((str(channels.get(row["channel"], row["channel"])), row["n"]))
    s.total = sum(n for _, n in s.by_channel)
    answered = ~Q(outcome="")
    for row in (
        opinions.values("group__title", "group__sort_order")
        .annotate(n=Count("id"), done=Count("id", filter=answered))
        .order_by("group__sort_order", "group__title")
    ):
        s.by_group.append((row["group__title"] or gettext("Chưa phân nhóm"), row["n"], row["done"]))
    for row in (
        opinions.values("responder_organ__name")
        .annotate(n=Count("id"), done=Count("id", filter=answered))
        .order_by("responder_organ__name")
    ):
        s.by_responder.append((row["responder_organ__name"] or gettext("Chưa giao"), row["n"], row["done"]))
    outcomes = dict(Outcome.choices)
    for row in opinions.values("outcome").annotate(n=Count("id")).order_by("outcome"):
        s.by_outcome.append((str(outcomes.get(row["outcome"], gettext("Chưa trả lời"))), row["n"]))
    s.overdue = opinions.filter(overdue_q(today)).count()  # the first promise's rule (figures.py)
    s.merged = opinions.filter(merged_into__isnull=False).count()
    s.petitions = list(
        Answer.objects.filter(opinion__in=opinions, outcome=Outcome.PETITIONED)
        .select_related("opinion")
        .order_by("answered_at", "id")[:200]
    )
    return s
