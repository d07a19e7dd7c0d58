"""Administrative units, effective-dated.

Current units (from 1 July 2025): province level (tỉnh, thành phố trực thuộc trung ương) and
commune level (xã, phường, đặc khu), plus hamlets (thôn, ấp, bản, tổ dân phố, khu phố, khu vực, khóm) imported per province.
Units abolished on 1 July 2025 (63 provinces, 696 districts, 10,051 communes) stay as history with
links to their successors, so a record attached to them shows up under the unit that replaced them.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.textkit.normalize import search_key


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện (trước 1/7/2025)")
    COMMUNE = 3, _("Cấp xã")
    HAMLET = 4, _("Thôn, tổ dân phố")


class DivisionType(models.TextChoices):
    TINH = "tinh", _("Tỉnh")
    THANH_PHO_TRUNG_UONG = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    QUAN = "quan", _("Quận")
    HUYEN = "huyen", _("Huyện")
    THI_XA = "thi_xa", _("Thị xã")
    THANH_PHO = "thanh_pho", _("Thành phố thuộc tỉnh")
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")
    DAC_KHU = "dac_khu", _("Đặc khu")
    THON = "thon", _("Thôn")
    AP = "ap", _("Ấp")
    BAN = "ban", _("Bản")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    KHU_PHO = "khu_pho", _("Khu phố")
    KHU_VUC = "khu_vuc", _("Khu vực")
    KHOM = "khom", _("Khóm")
    KHAC = "khac", _("Khác")


class UnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def on(self, day: dt.date) -> UnitQuerySet:
        """Units in force on ``day``."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)

    def within(self, scope_path: str) -> UnitQuerySet:
        """Units whose current successor lies in the subtree at ``scope_path``."""
        return self.filter(scope_path__startswith=scope_path)


class AdministrativeUnit(models.Model):
    """A unit of the administrative map in a given period.

    ``path`` is the materialised path in its own era's tree; ``scope_path`` is the path of the
    current unit it belongs to now (itself when current). Access scopes are checked against
    ``scope_path``, which is how legacy records appear under their successors.
    """

    code = models.CharField(max_length=32, unique=True, help_text="Era-qualified code, e.g. 'p92', 'L-w31471'.")
    official_code = models.CharField(max_length=10, help_text="The code in the official list (GSO).")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=200)
    division_type = models.CharField(max_length=20, choices=DivisionType.choices)
    level = models.PositiveSmallIntegerField(choices=Level.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True, db_index=True)
    legal_basis = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=200, db_index=True)
    scope_path = models.CharField(max_length=200, db_index=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors_main",
        help_text="The main current unit this unit became (for legacy units).",
    )
    search_key = models.CharField(max_length=200, db_index=True, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["level", "code"]
        indexes = [models.Index(fields=["level", "valid_to", "search_key"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def province_prefix(self) -> str:
        """The scope path of the province this unit lies in (``/p01/``): scope paths start with the
        province, and a dissolved unit's is its successor's, so it names the current province."""
        head = self.scope_path.strip("/").split("/")[0]
        return f"/{head}/" if head else "/"

    def refresh_search_key(self) -> None:
        self.search_key = search_key(self.name)

    def ancestors(self) -> list[AdministrativeUnit]:
        chain: list[AdministrativeUnit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class UnitSuccession(models.Model):
    """A predecessor -> successor link from a reorganisation (whole or partial)."""

    predecessor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="absorbed")
    effective_date = models.DateField()
    partial = models.BooleanField(default=False, help_text="Only part of the predecessor went to the successor.")
    legal_basis = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_unit_succession")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
