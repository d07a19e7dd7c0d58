"""The roles a user can be granted over a unit subtree.

The grants themselves (``RoleGrant``) belong to :mod:`sausat.people`; the names of the roles live here
so that core's policy machinery and the apps below people (geo) can name a role without importing
people. ``sausat.people.models.Role`` is this same class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo tỉnh")
    SECRETARY = "secretary", _("Văn phòng (thư ký)")
    RESPONDER = "responder", _("Cơ quan trả lời, thực hiện")
    LIAISON = "liaison", _("Cán bộ theo dõi cơ sở")
    COMMUNE_CADRE = "commune_cadre", _("Cán bộ cấp xã")
    CITIZEN = "citizen", _("Công dân")
    ADMIN = "admin", _("Quản trị hệ thống")
    # The cadre record (sausat.cadres) is seen only by this board and the competent committee.
    ORGANISATION_BOARD = "org_board", _("Ban Tổ chức (công tác cán bộ)")
    # The public news portal (sausat.portal): reporters draft, editors review; the leaders approve.
    PORTAL_REPORTER = "portal_reporter", _("Phóng viên cổng tin")
    PORTAL_EDITOR = "portal_editor", _("Biên tập viên cổng tin")
