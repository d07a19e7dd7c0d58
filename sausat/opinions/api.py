import datetime as dt

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from sausat.core.api_auth import AUTHENTICATED, api_user
from sausat.core.api_pagination import CachedList, Pagination
from sausat.core.policy import get_or_404
from sausat.geo.models import AdministrativeUnit
from sausat.meetings import policy as meeting_policy
from sausat.opinions import policy, selectors, services
from sausat.opinions.list_cache import LIST_DATA, LIST_SECONDS, reader_parts
from sausat.opinions.models import Channel
from sausat.opinions.selectors import API_FIELDS, API_RELATED, filter_opinions, sorted_opinions

router = Router(tags=["opinions"], auth=AUTHENTICATED)


class OpinionOut(Schema):
    id: int
    meeting_id: int | None
    unit_code: str
    channel: str
    text: str
    anonymous: bool
    author: str
    group: str | None
    merged_into_id: int | None
    responder_organ: str | None
    deadline: dt.date | None
    overdue: bool
    outcome: str
    answer_count: int
    created_at: dt.datetime

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_author(obj) -> str:
        return "" if obj.anonymous else obj.author_display

    @staticmethod
    def resolve_group(obj) -> str | None:
        return obj.group.title if obj.group_id else None

    @staticmethod
    def resolve_responder_organ(obj) -> str | None:
        return obj.responder_organ.name if obj.responder_organ_id else None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class AnswerOut(Schema):
    id: int
    answered_at: dt.datetime
    place: str
    outcome: str
    text: str
    answered_by_organ: str | None
    directed_organ: str | None
    directed_deadline: dt.date | None
    petition_authority: str
    published: bool

    @staticmethod
    def resolve_answered_by_organ(obj) -> str | None:
        return obj.answered_by_organ.name if obj.answered_by_organ_id else None

    @staticmethod
    def resolve_directed_organ(obj) -> str | None:
        return obj.directed_organ.name if obj.directed_organ_id else None


class NoteOut(Schema):
    id: int
    created_at: dt.datetime
    author_label: str
    text: str


class NoteIn(Schema):
    text: str


class OpinionIn(Schema):
    text: str
    channel: str = Channel.OTHER
    unit_code: str
    idempotency_key: str
    meeting_id: int | None = None
    author_name: str = ""
    source_ref: str = ""


@router.get("/", response=list[OpinionOut])
@paginate(Pagination)
def list_opinions(
    request,
    q: str = "",
    meeting: str = "",
    channel: str = "",
    outcome: str = "",
    overdue: str = "",
    group: str = "",
    sort: str = "",
):
    """Opinions the caller may see, newest first (``sort=answers``: most answered; ``unanswered``: those
    first); anonymous ones carry no author."""
    params = {"q": q, "meeting": meeting, "channel": channel, "outcome": outcome, "overdue": overdue, "group": group}
    user = api_user(request)

    def opinions():
        qs = filter_opinions(policy.listed_opinions(user, meeting), params)
        return sorted_opinions(qs.select_related(*API_RELATED).only(*API_FIELDS), sort)

    parts = ("api.opinions", reader_parts(user), tuple(sorted(params.items())), sort)
    return CachedList("opinions.api", LIST_DATA, parts, opinions, LIST_SECONDS)


@router.get("/{int:opinion_id}", response=OpinionOut)
def get_opinion(request, opinion_id: int):
    return policy.opinion_or_404(api_user(request), opinion_id)


@router.get("/{int:opinion_id}/answers", response=list[AnswerOut])
@paginate(Pagination)
def list_answers(request, opinion_id: int):
    """The opinion's answers, newest first (``?limit=20&offset=0``)."""
    user = api_user(request)

    def answers():
        opinion = selectors.opinion_to_act_on_or_404(user, opinion_id)  # 404 out of scope: nothing cached
        return opinion.answers.select_related("answered_by_organ", "directed_organ").order_by("-answered_at", "-id")

    parts = ("api.answers", reader_parts(user), opinion_id)
    return CachedList("opinions.api", LIST_DATA, parts, answers, LIST_SECONDS)


@router.get("/{int:opinion_id}/notes", response=list[NoteOut])
@paginate(Pagination)
def list_notes(request, opinion_id: int):
    """Follow-up notes, newest first; only for those who may answer the opinion."""
    opinion = policy.answerable_opinion_or_404(api_user(request), opinion_id)
    return opinion.notes.order_by("-created_at", "-id")


@router.post("/{int:opinion_id}/notes", response={201: NoteOut})
def add_note(request, opinion_id: int, payload: NoteIn):
    user = api_user(request)
    opinion = policy.answerable_opinion_or_404(user, opinion_id)
    try:
        note = services.add_note(actor=user, opinion=opinion, text=payload.text)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return Status(201, note)


@router.post("/", response=OpinionOut)
def register(request, payload: OpinionIn):
    """Register an opinion from another process; a repeated ``idempotency_key`` returns the first one."""
    user = api_user(request)
    meeting = None
    if payload.meeting_id is not None:
        meeting = meeting_policy.managed_meeting_or_404(user, payload.meeting_id)
    unit = get_or_404(AdministrativeUnit.objects.all(), code=payload.unit_code)
    try:
        # The service checks the unit and meeting against the caller's scope before writing.
        opinion = services.register_for_unit(
            actor=user, text=payload.text, channel=payload.channel, unit=unit, meeting=meeting,
            idempotency_key=f"api:{user.pk}:{payload.idempotency_key}", author_name=payload.author_name,
            source_ref=payload.source_ref,
        )  # fmt: skip
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return opinion
