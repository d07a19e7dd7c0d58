"""suggest_groups_for_meeting (pure read) and its background job."""

from __future__ import annotations

import os

import pytest
from django.template.loader import render_to_string

from sausat.core.job_worker import claim_next, run_job
from sausat.core.jobs import enqueue, job_label
from sausat.core.models_jobs import Job
from sausat.opinions import services as opinion_services
from sausat.opinions.models import Channel, Opinion
from sausat.opinions.suggestions import suggest_groups_for_meeting, suggest_groups_job
from sausat.opinions.tests.factories import make_meeting
from sausat.textkit.models import TextVector
from sausat.textkit.tests.tml_corpus import OFF_TOPIC, POWER, ROADS, SCHOOLS

os.environ["HF_HUB_OFFLINE"] = "1"

pytestmark = pytest.mark.django_db


def _add(cast, meeting, texts, group=None, prefix="o"):
    return [
        opinion_services.register_opinion(
            actor=cast.secretary,
            text=t,
            channel=Channel.PAPER,
            unit=cast.province,
            meeting=meeting,
            idempotency_key=f"{prefix}-{meeting.pk}-{i}",
            group=group,
        )
        for i, t in enumerate(texts)
    ]


def test_suggestions_for_a_meeting_without_groups(cast):
    meeting = make_meeting(cast)
    ops = _add(cast, meeting, ROADS + SCHOOLS + POWER + [ROADS[0] + " "])
    data = suggest_groups_for_meeting(meeting.pk)
    assert data["n_opinions"] == len(ops) and data["placements"] == []
    members = sorted(m["id"] for g in data["groups"] for m in g["members"])
    assert members == sorted(o.pk for o in ops)
    assert [sorted(m["id"] for m in d["members"]) for d in data["duplicates"]] == [[ops[0].pk, ops[-1].pk]]
    assert not TextVector.objects.exists()  # a pure read
    html = render_to_string("opinions/_suggestions.html", {"suggestions": data})
    assert "Gợi ý nhóm vấn đề" in html and data["groups"][0]["label"] in html


def test_placements_into_existing_groups_and_none_of_these(cast):
    meeting = make_meeting(cast)
    roads = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Giao thông")
    schools = opinion_services.create_group(actor=cast.secretary, meeting=meeting, title="Giáo dục")
    _add(cast, meeting, ROADS[:5], group=roads, prefix="r")
    _add(cast, meeting, SCHOOLS[:5], group=schools, prefix="s")
    loose = _add(cast, meeting, [ROADS[5], SCHOOLS[5], *OFF_TOPIC], prefix="n")
    data = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    by_id = {p["opinion_id"]: p for p in data["placements"]}
    assert set(by_id) == {o.pk for o in loose}
    assert by_id[loose[0].pk]["options"][0]["group_id"] == roads.pk
    assert by_id[loose[1].pk]["options"][0]["group_id"] == schools.pk
    assert not by_id[loose[0].pk]["none_fits"]
    assert by_id[loose[2].pk]["none_fits"] and by_id[loose[3].pk]["none_fits"]
    html = render_to_string("opinions/_suggestions.html", {"suggestions": data})
    assert "Không nhóm nào phù hợp" in html


def test_background_job_caches_vectors_and_returns_the_same_shape(cast):
    assert job_label(suggest_groups_job.module_path) == "Gợi ý nhóm ý kiến"
    meeting = make_meeting(cast)
    _add(cast, meeting, ROADS[:3] + POWER[:3])
    job = enqueue(suggest_groups_job, args={"meeting_id": meeting.pk}, actor=cast.secretary, unit=meeting.unit)
    claimed = claim_next("tml-test-worker", kinds=[suggest_groups_job.module_path])
    assert claimed is not None and claimed.pk == job.pk
    assert run_job(claimed)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100
    assert sum(g["size"] for g in job.result["groups"]) == 6
    assert TextVector.objects.count() == Opinion.objects.filter(meeting=meeting).count()
