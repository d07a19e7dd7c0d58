"""The cadre record (hồ sơ cán bộ): evaluations, confidence votes, planning, rotation, training,
discipline, and the log of every read. Thresholds live in :mod:`sausat.cadres.rules`, never here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sausat.cadres.rules import LEVEL_CHOICES
from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person


class CadreProfile(BusinessModel):
    """Puts a person under cadre management: ``unit`` is the managing level whose organisation
    board and committee may read the record."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="cadre_profile")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    is_party_member = models.BooleanField(default=True)
    is_civil_servant = models.BooleanField(default=False)
    group = models.CharField(max_length=100, blank=True, help_text="Nhóm chức năng tương đồng (for the quota).")
    birth_date = models.DateField(
        null=True, blank=True, help_text="For the planning age limit; else 1/1 of birth_year."
    )

    def __str__(self) -> str:
        return str(self.person)


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class EvaluationPeriod(BusinessModel):
    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    label = models.CharField(max_length=100)
    start = models.DateField()
    end = models.DateField()
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-end", "id"]

    def __str__(self) -> str:
        return self.label


class Track(models.TextChoices):
    PARTY = "party", _("Đảng (cán bộ, đảng viên, tập thể)")
    STATE = "state", _("Công chức")


class Step(models.TextChoices):
    OPEN = "open", _("Chờ tự đánh giá")
    SELF = "self", _("Đã tự đánh giá")
    APPRAISED = "appraised", _("Đã thẩm định, đề xuất mức")
    DECIDED = "decided", _("Đã quyết định")


class Evaluation(BusinessModel):
    """One subject (a person or a collective) in one period under one rule. The computed task
    points are kept beside any adjustment and its written reason."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="evaluations")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations")
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    track = models.CharField(max_length=10, choices=Track.choices, default=Track.PARTY)
    group = models.CharField(max_length=100, blank=True)
    rule_code = models.CharField(max_length=40)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.OPEN)
    self_general = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    self_note = models.TextField(blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_at = models.DateTimeField(null=True, blank=True)
    general_points = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    task_points_computed = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    task_points_adjusted = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    adjustment_reason = models.TextField(blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)  # automatic "not complete" conditions found
    proposed_level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)
    appraisal_note = models.TextField(blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(null=True, blank=True)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)

    class Meta:
        ordering = ["period_id", "group", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organ__isnull=True) | Q(person__isnull=True, organ__isnull=False),
                name="cadres_evaluation_one_subject",
            ),
            models.UniqueConstraint(
                fields=["period", "person"], condition=Q(deleted_at__isnull=True), name="cadres_eval_person_once"
            ),
            models.UniqueConstraint(
                fields=["period", "organ"], condition=Q(deleted_at__isnull=True), name="cadres_eval_organ_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} · {self.period}"

    @property
    def subject_name(self) -> str:
        return str(self.person or self.organ)

    @property
    def task_points(self):
        return self.task_points_adjusted if self.task_points_adjusted is not None else self.task_points_computed

    @property
    def score(self):
        if self.general_points is None or self.task_points is None:
            return None
        return self.general_points + self.task_points


class EvaluationDecision(models.Model):
    """Append-only: each decision of the competent level. The latest is the result; a change is a
    new row with a reason, never an edit."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="decisions")
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    rule_code = models.CharField(max_length=40)
    reference = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.level}"


class VoteSession(BusinessModel):
    """A confidence-vote conference (96-QĐ/TW) with its paper tally."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    held_on = models.DateField()
    rule_code = models.CharField(max_length=40)
    summoned = models.PositiveIntegerField()
    present = models.PositiveIntegerField(null=True, blank=True)
    issued = models.PositiveIntegerField(null=True, blank=True)
    returned = models.PositiveIntegerField(null=True, blank=True)
    valid = models.PositiveIntegerField(null=True, blank=True)
    invalid = models.PositiveIntegerField(null=True, blank=True)
    tallied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Consequence(models.TextChoices):
    NONE = "", _("Không")
    CONSIDER = "consider", _("Đưa ra khỏi quy hoạch; xem xét cho thôi giữ chức vụ")
    DISMISS = "dismiss", _("Miễn nhiệm, bố trí công việc thấp hơn")


class VoteCandidate(BusinessModel):
    session = models.ForeignKey(VoteSession, on_delete=models.PROTECT, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="vote_results")
    post_title = models.CharField(max_length=300)
    high = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.PositiveIntegerField(null=True, blank=True)
    low = models.PositiveIntegerField(null=True, blank=True)
    consequence = models.CharField(max_length=10, choices=Consequence.choices, blank=True)
    consequence_task = models.ForeignKey(
        "directives.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], condition=Q(deleted_at__isnull=True), name="cadres_vote_person_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post_title}"

    def share(self, count: int | None) -> float | None:
        returned = self.session.returned
        return None if count is None or not returned else 100 * count / returned


class PlanningEntry(BusinessModel):
    """A cadre planned for a higher post in a term (377-QĐ/TW)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="planning_entries")
    post_title = models.CharField(max_length=300)
    post_level = models.CharField(max_length=50, help_text="e.g. 'province', 'commune'")
    term = models.CharField(max_length=20, help_text="e.g. '2025-2030'")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    rule_code = models.CharField(max_length=40)
    added_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    removal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["term", "post_title", "id"]

    def __str__(self) -> str:
        return f"{self.person} → {self.post_title} ({self.term})"


class Rotation(BusinessModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rotations")
    from_title = models.CharField(max_length=300)
    from_unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    to_title = models.CharField(max_length=300)
    to_unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_title} → {self.to_title}"


class TrainingRecord(BusinessModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="training_records")
    course = models.CharField(max_length=300)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.course


class DisciplineForm(models.TextChoices):
    REMINDER = "reminder", _("Khiển trách nhẹ / nhắc nhở")
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DEMOTION = "demotion", _("Cách chức / giáng chức")
    EXPULSION = "expulsion", _("Khai trừ / buộc thôi việc")


REPRIMAND_OR_WORSE = (
    DisciplineForm.REPRIMAND,
    DisciplineForm.WARNING,
    DisciplineForm.DEMOTION,
    DisciplineForm.EXPULSION,
)


class DisciplineRecord(BusinessModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="discipline_records")
    form = models.CharField(max_length=20, choices=DisciplineForm.choices)
    decided_on = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return self.get_form_display()


class AccessKind(models.TextChoices):
    RECORD = "record", _("Hồ sơ")
    EVALUATION = "evaluation", _("Đánh giá, xếp loại")
    VOTE = "vote", _("Kết quả lấy phiếu tín nhiệm")
    EXPORT = "export", _("Bản in hồ sơ (.docx)")


class RecordAccess(models.Model):
    """Who read which part of whose record, and when. Append-only; it is itself the trail, so a
    read writes this row and no audit row."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=150)
    what = models.CharField(max_length=20, choices=AccessKind.choices)
    object_id = models.CharField(max_length=40, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.user_label} · {self.what} · {self.at:%d/%m/%Y %H:%M}"


# --- The six-monthly review across provinces (seed 004) -------------------------------------------


class Region(BusinessModel):
    """A configurable group of provinces compared in the half-year review (e.g. the 22 southern
    provinces of 2021, as pre-2025 units; today's clusters are different)."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    provinces = models.ManyToManyField(AdministrativeUnit, related_name="+")

    def __str__(self) -> str:
        return self.name


HALF_YEAR_FIGURES = (
    "excellent", "good", "complete", "not_complete", "planned", "planned_young", "planned_women",
    "planned_minority", "rotations", "appointments", "votes_held", "votes_low", "trained",
)  # fmt: skip


class HalfYearReport(BusinessModel):
    """One province's cadre-work figures for a half-year; its organisation board submits and locks
    them, after which they do not change."""

    province = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    half = models.PositiveSmallIntegerField(choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))])
    excellent = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    complete = models.PositiveIntegerField(default=0)
    not_complete = models.PositiveIntegerField(default=0)
    planned = models.PositiveIntegerField(default=0)
    planned_young = models.PositiveIntegerField(default=0)
    planned_women = models.PositiveIntegerField(default=0)
    planned_minority = models.PositiveIntegerField(default=0)
    rotations = models.PositiveIntegerField(default=0)
    appointments = models.PositiveIntegerField(default=0)
    votes_held = models.PositiveIntegerField(default=0)
    votes_low = models.PositiveIntegerField(default=0)
    trained = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["year", "half", "province__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "half"], condition=Q(deleted_at__isnull=True), name="cadres_halfyear_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province} · {self.half}/{self.year}"

    @property
    def evaluated(self) -> int:
        return self.excellent + self.good + self.complete + self.not_complete


from sausat.cadres.models_planning import ChangeKind, PlanningChange, PlanningReview  # noqa: E402, F401, I001
from sausat.cadres.models_ballots import Ballot, BallotBox, BallotCode  # noqa: E402, F401
from sausat.cadres.models_appointments import Appointment, AppointmentCandidate, AppointmentStep  # noqa: E402, F401
