import pytest

from sausat.cadres import demo
from sausat.cadres.models import CadreProfile, Evaluation, VoteSession

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_computes_from_demo_tasks(cast):
    demo.seed()
    demo.seed()
    assert CadreProfile.objects.count() == 1
    ev = Evaluation.objects.get()
    assert ev.rule_code == "366-QĐ/TW"
    assert ev.evidence["counted"] == 4 and ev.evidence["late"] == 1 and ev.evidence["beyond"] == 1
    assert ev.task_points_computed is not None
    assert VoteSession.objects.get().tallied_at is not None
