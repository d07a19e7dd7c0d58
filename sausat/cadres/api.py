import datetime as dt

from ninja import Router, Schema

from sausat.cadres import policy, selectors, services
from sausat.cadres.models import AccessKind
from sausat.cadres.rules import Kind, NoRule, rule_for
from sausat.core.api_auth import AUTHENTICATED, api_user

router = Router(tags=["cadres"], auth=AUTHENTICATED)


class EvaluationOut(Schema):
    id: int
    period: str
    rule_code: str
    step: str
    score: float | None
    level: str


class RecordOut(Schema):
    person_id: int
    full_name: str
    managing_unit: str
    evaluations: list[EvaluationOut]


class RuleOut(Schema):
    code: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    unconfirmed: list[str]


@router.get("/records/{int:person_id}", response=RecordOut)
def get_record(request, person_id: int):
    """One cadre record (board, competent committee, or the person); the read is logged."""
    user = api_user(request)
    profile = policy.profile_or_404(user, person_id)
    services.log_access(user=user, person=profile.person, what=AccessKind.RECORD, object_id=profile.pk)
    rec = selectors.record(profile, with_reads=False)
    return {
        "person_id": profile.person_id,
        "full_name": profile.person.full_name,
        "managing_unit": profile.unit.name,
        "evaluations": [
            {
                "id": e.pk,
                "period": e.period.label,
                "rule_code": e.rule_code,
                "step": e.step,
                "score": float(e.score) if e.score is not None else None,
                "level": e.level,
            }
            for e in rec.evaluations
        ],
    }


@router.get("/rules", response={200: RuleOut, 404: dict})
def which_rule(request, kind: Kind, on: dt.date):
    """Which rule applied to ``kind`` on a date (public data, signed-in callers)."""
    try:
        rule = rule_for(kind, on)
    except NoRule as exc:
        return 404, {"detail": str(exc)}
    return 200, {
        "code": rule.code,
        "title": rule.title,
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
        "source": rule.source,
        "unconfirmed": list(rule.unconfirmed),
    }
