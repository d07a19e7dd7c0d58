"""Organs of the political system, persons, the positions they hold, and user roles."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.core.models import BusinessModel
from sausat.core.roles import Role  # re-exported: Role lives in core so that core and geo can name roles
from sausat.geo.models import AdministrativeUnit


class OrganKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    PARTY_STANDING = "party_standing", _("Ban Thường vụ cấp ủy")
    # The Thường trực (secretary and deputies) is a body of its own: it organises the dialogues.
    PARTY_PERMANENT = "party_permanent", _("Thường trực cấp ủy")
    PARTY_BOARD = "party_board", _("Cơ quan tham mưu, giúp việc cấp ủy")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    MASS_ORGANISATION = "mass_org", _("Đoàn thể chính trị - xã hội")
    OTHER = "other", _("Khác")


class Organ(BusinessModel):
    """A body at a unit: the provincial Party committee, a department, a commune People's Committee."""

    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=30, choices=OrganKind.choices)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="organs")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    sort_order = models.PositiveIntegerField(default=100)
    search_key = models.CharField(max_length=300, db_index=True, editable=False)
    key = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text="The organ template row it was seeded from (e.g. 'party_office'); blank when added by hand.",
    )

    class Meta:
        ordering = ["unit_id", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], condition=Q(deleted_at__isnull=True), name="unique_live_organ_name_per_unit"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    UNKNOWN = "", _("Không rõ")


class Person(BusinessModel):
    """A person of the political system; may be linked to one user account."""

    full_name = models.CharField(max_length=200)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ethnicity = models.CharField(max_length=50, blank=True)
    home_unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="persons")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)
    match_key = models.CharField(max_length=200, db_index=True, editable=False)

    # Not stored: the posts held on a day, set by sausat.people.selectors.attach_held_positions.
    held: list[Position]

    class Meta:
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    def current_positions(self, on: dt.date | None = None):
        on = on or dt.date.today()  # noqa: DTZ011  (a calendar date, not a moment)
        return [p for p in self.positions.all() if p.is_held_on(on)]


def held_on_q(day: dt.date, prefix: str = "") -> Q:
    """Positions held on ``day`` (both ends inclusive; a missing end is open). ``prefix`` reaches
    them through a relation, e.g. ``"positions__"``."""
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


class Position(BusinessModel):
    """One post held by a person for a period. "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" is two.

    A post at a unit abolished on 1/7/2025 ends by the unit's last day (``valid_to``) at the
    latest; ``basis`` says where the dates come from (a source, or that the end is that last day).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=300)
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="positions")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    is_leadership = models.BooleanField(default=False, help_text="A leadership or management title.")
    sort_order = models.PositiveIntegerField(default=100)
    basis = models.CharField(
        max_length=300, blank=True, help_text="Where the dates come from, e.g. the article that names the post."
    )

    class Meta:
        ordering = ["sort_order", "start_date", "id"]

    def __str__(self) -> str:
        return self.title

    def is_held_on(self, day: dt.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or self.end_date >= day)


class RoleGrant(BusinessModel):
    """A role a user holds over a unit subtree (and, for responders, on behalf of an organ)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="role_grants")
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="role_grants")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["user_id", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
