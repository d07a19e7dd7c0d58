"""The opinion register: issue groups, opinions from every channel, answers and their outcomes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sausat.core.calendar import is_past_deadline, local_date
from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit
from sausat.people.models import Organ, Person

TEXT_LIMIT = 10_000


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    PAPER = "paper", _("Phiếu lấy ý kiến (văn bản)")
    LIVE = "live", _("Trực tiếp tại hội nghị")
    LIAISON = "liaison", _("Từ cán bộ theo dõi cơ sở")
    RECEPTION = "reception", _("Tiếp công dân")
    OTHER = "other", _("Khác")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Đã trả lời")
    DIRECTED = "directed", _("Chỉ đạo giải quyết")
    PETITIONED = "petitioned", _("Kiến nghị cấp có thẩm quyền")
    ACCEPTED_IN_POLICY = "accepted_in_policy", _("Tiếp thu vào đề án, chính sách")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp thu")


class AnswerPlace(models.TextChoices):
    MEETING = "meeting", _("Tại hội nghị")
    WRITING = "writing", _("Bằng văn bản")


CHANNEL_LABELS = dict(Channel.choices)
# Channels whose opinions are received at the conference itself (paper forms handed in, speeches).
RECEIVED_AT_MEETING = frozenset({Channel.PAPER, Channel.LIVE})
OUTCOME_LABELS = dict(Outcome.choices)


class IssueGroup(BusinessModel):
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="issue_groups")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    sort_order = models.PositiveIntegerField(default=100)
    responder_organ = models.ForeignKey(
        Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_issue_groups"
    )
    deadline = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title


class Opinion(BusinessModel):
    """One opinion, whatever its channel.

    An anonymous opinion keeps no link to its author: ``author_person``, ``author_name`` and
    ``submitted_by`` stay empty, and its audit rows carry no actor and no request id.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="opinions")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    text = models.TextField()
    search_key = models.TextField(editable=False, blank=True)
    author_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="authored_opinions"
    )
    author_name = models.CharField(max_length=200, blank=True)
    author_unit = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author_unit_label = models.CharField(max_length=200, blank=True, help_text="Unit as written by or for the author.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous = models.BooleanField(default=False)
    # The author agreed to have their name on the public results page; staff entry never assumes it.
    name_consent = models.BooleanField(default=False)
    group = models.ForeignKey(IssueGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates")
    idempotency_key = models.CharField(max_length=120)
    source_ref = models.CharField(max_length=200, blank=True)
    responder_organ = models.ForeignKey(
        Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_opinions"
    )
    deadline = models.DateField(null=True, blank=True)
    # Mirrors of the latest answer, kept by the answer service for lists and counts.
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Kept by the answer service (same transaction) so "most answered" sorts without counting rows.
    answer_count = models.PositiveIntegerField(default=0, editable=False)
    # Keyed hash of the reference code the online submitter was given to follow the opinion without
    # an account (sausat.opinions.reference); random, so it names nobody; empty for other channels.
    ref_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="unique_opinion_idempotency_key"),
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | (
                    Q(author_person__isnull=True)
                    & Q(submitted_by__isnull=True)
                    & Q(author_name="")
                    & Q(author_unit_label="")
                    & Q(name_consent=False)
                ),
                name="anonymous_opinion_has_no_author",
            ),
        ]
        indexes = [
            # Partial: every read goes through the manager that hides soft-deleted rows, so counting a
            # conference's opinions is an index-only scan (22 ms → 3 ms for 10,000 on PostgreSQL).
            models.Index(
                fields=["meeting", "id"], condition=Q(deleted_at__isnull=True), name="opinion_live_by_meeting"
            ),
            models.Index(fields=["responder_organ", "deadline"]),
            models.Index(fields=["group", "answer_count", "id"], name="opinion_group_most_answered"),
            # Read backwards, "unanswered first" within a group (answered_at DESC NULLS FIRST, id DESC)
            # without sorting the group's rows.
            models.Index(fields=["group", "answered_at", "id"], name="opinion_group_unanswered"),
            # Every column the visibility filter reads (sausat.opinions.policy.opinions_q): counting
            # what a province's secretary may see is an index-only scan, not a pass over the table.
            models.Index(
                fields=["meeting", "unit", "responder_organ", "submitted_by", "anonymous"],
                condition=Q(deleted_at__isnull=True),
                name="opinion_live_scope",
            ),
            # The open opinions of each group, counted on the responder's queue.
            models.Index(
                fields=["group"], condition=Q(deleted_at__isnull=True, outcome=""), name="opinion_open_by_group"
            ),
        ]

    def __str__(self) -> str:
        return f"Ý kiến #{self.pk}"

    @property
    def is_overdue(self) -> bool:
        if not self.deadline or self.answered_at:
            return False
        return is_past_deadline(self.deadline, timezone.now())

    @property
    def received_on(self):
        """The day the opinion was received: a paper form or a speech at a conference was received
        on the conference's day, however late it was typed in; any other opinion on its day of entry."""
        if self.channel in RECEIVED_AT_MEETING and self.meeting_id:
            return local_date(self.meeting.starts_at)
        return local_date(self.created_at)

    # Row labels without get_FOO_display(), which re-hashes every choice on each call (hot in long lists).
    @property
    def channel_label(self) -> str:
        return str(CHANNEL_LABELS.get(self.channel, self.channel))

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))

    @property
    def author_display(self) -> str:
        if self.anonymous:
            return str(_("Ẩn danh"))
        if self.author_person_id:
            return self.author_person.full_name
        return self.author_name

    @property
    def public_author(self) -> str:
        """Who raised the opinion, as the public results page may say it: the name only with the
        author's consent, otherwise the unit only; nothing at all for an anonymous opinion."""
        if self.anonymous:
            return ""
        name = self.author_display if self.name_consent else ""
        if name:
            return f"{name} ({self.author_unit_label})" if self.author_unit_label else name
        return self.unit.name


class PendingAnonymousOpinion(models.Model):
    """An anonymous submission waiting for its batch (see :mod:`sausat.opinions.anonymity`).

    Deliberately no timestamp and a random key: the row must not tell when it came or in which
    order. Only the local day is kept, which is all the opinion will show once the batch is flushed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    text = models.TextField()
    group = models.ForeignKey(IssueGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    idempotency_key = models.CharField(max_length=120, unique=True)
    responder_organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(null=True, blank=True)
    day = models.DateField()
    ref_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "Ý kiến ẩn danh đang chờ"


class Answer(BusinessModel):
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="answers")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    answered_by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_by_organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField()
    place = models.CharField(max_length=20, choices=AnswerPlace.choices, default=AnswerPlace.WRITING)
    text = models.TextField()
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    directed_organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    directed_deadline = models.DateField(null=True, blank=True)
    petition_authority = models.CharField(max_length=300, blank=True)
    petition_sent_on = models.DateField(null=True, blank=True)
    # The last day for the authority's reply: the dated setting "opinions.petition_reply_period"
    # counted from ``petition_sent_on`` (docs/rules.md), or a date the office set.
    petition_reply_due = models.DateField(null=True, blank=True)
    petition_reply = models.TextField(blank=True)
    petition_reply_on = models.DateField(null=True, blank=True)
    petition_closed_on = models.DateField(null=True, blank=True)
    policy_name = models.CharField(max_length=300, blank=True)
    # The draft policy the opinion was taken into, when it is on record (policy_name then repeats its title).
    draft_policy = models.ForeignKey(
        "DraftPolicy", null=True, blank=True, on_delete=models.PROTECT, related_name="accepted_answers"
    )
    rejection_reason = models.TextField(blank=True)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["answered_at", "id"]

    def __str__(self) -> str:
        return f"Trả lời ý kiến #{self.opinion_id}"

    @property
    def directed_overdue(self) -> bool:
        if self.outcome != Outcome.DIRECTED or not self.directed_deadline:
            return False
        return is_past_deadline(self.directed_deadline, timezone.now())

    @property
    def petition_overdue(self) -> bool:
        """Petitioned, no reply and not closed, after 24:00 of the reply deadline."""
        if self.outcome != Outcome.PETITIONED or not self.petition_reply_due:
            return False
        if self.petition_reply_on or self.petition_closed_on:
            return False
        return is_past_deadline(self.petition_reply_due, timezone.now())

    @property
    def petition_state(self) -> str:
        if self.outcome != Outcome.PETITIONED:
            return ""
        if self.petition_closed_on:
            return str(_("Đã khép lại"))
        if self.petition_reply_on:
            return str(_("Đã có trả lời"))
        if self.petition_sent_on:
            return str(_("Đã gửi, chờ trả lời"))
        return str(_("Chưa gửi"))


class FollowUpNote(BusinessModel):
    """A dated note by the office or the responder on how an opinion is being followed up."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="notes")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=200, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["opinion", "id"])]

    def __str__(self) -> str:
        return f"Ghi chú theo dõi ý kiến #{self.opinion_id}"


class DraftStage(models.TextChoices):
    DRAFTING = "drafting", _("Xây dựng dự thảo")
    CONSULTATION = "consultation", _("Lấy ý kiến")
    ADOPTION = "adoption", _("Thông qua, ban hành")


class DraftPolicy(BusinessModel):
    """A draft policy (đề án, chính sách) that opinions feed: who drafts it, for which unit, and the dates
    of its stages: drafting, consultation, adoption (each a from/to pair; adoption has a day and a reference).
    """

    title = models.CharField(max_length=500)
    search_key = models.CharField(max_length=500, db_index=True, editable=False, blank=True)
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="draft_policies")
    owner_organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="draft_policies")
    summary = models.TextField(blank=True)
    drafting_from = models.DateField(null=True, blank=True)
    drafting_to = models.DateField(null=True, blank=True)
    consultation_from = models.DateField(null=True, blank=True)
    consultation_to = models.DateField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    adoption_ref = models.CharField(max_length=200, blank=True, help_text="Số, ký hiệu của văn bản ban hành.")
    demo_key = models.CharField(max_length=50, null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    def stages(self) -> list[tuple[str, object, object]]:
        """(label, from, to) per stage, in order; adoption is a single day."""
        return [
            (str(DraftStage.DRAFTING.label), self.drafting_from, self.drafting_to),
            (str(DraftStage.CONSULTATION.label), self.consultation_from, self.consultation_to),
            (str(DraftStage.ADOPTION.label), self.adopted_on, self.adopted_on),
        ]

    def stage_on(self, day) -> str:
        """The stage the draft was in on ``day`` ("" before drafting started)."""
        if self.adopted_on and day >= self.adopted_on:
            return DraftStage.ADOPTION
        if self.consultation_from and day >= self.consultation_from:
            return DraftStage.CONSULTATION
        if self.drafting_from and day >= self.drafting_from:
            return DraftStage.DRAFTING
        return ""


class SuggestionDecision(models.Model):
    """What the office did with one placement suggestion of the grouping page (issue 20).

    Kept so the classifier can learn from the province's own groupings and so the learning curve
    can be measured on real use. Titles are copied: a group may later be renamed or deleted, and
    the decision must still say what was proposed and what was chosen at that moment.
    """

    class Result(models.TextChoices):
        ACCEPTED = "accepted", _("Chấp nhận gợi ý")
        CORRECTED = "corrected", _("Chọn nhóm khác")
        REJECTED = "rejected", _("Bỏ qua gợi ý")

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="suggestion_decisions")
    suggested_group = models.ForeignKey(IssueGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    suggested_title = models.CharField(max_length=300, blank=True)
    chosen_group = models.ForeignKey(IssueGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    chosen_title = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=12, choices=Result.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "-at"])]

    def __str__(self) -> str:
        return f"{self.opinion_id}: {self.outcome}"
