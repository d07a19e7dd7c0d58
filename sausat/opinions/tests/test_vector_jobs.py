"""Vectors are computed by a coalesced background job as opinions arrive (sausat.opinions.vector_jobs)."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sausat.core.job_worker import claim_next, run_job
from sausat.core.models_jobs import Job
from sausat.opinions import services as opinion_services
from sausat.opinions import vector_jobs
from sausat.opinions.models import Channel
from sausat.opinions.suggestions import suggest_groups_for_meeting
from sausat.opinions.tests.factories import make_meeting
from sausat.textkit import vectors
from sausat.textkit.models import TextVector
from sausat.textkit.tests.tml_corpus import POWER, ROADS, SCHOOLS
from sausat.textkit.vector_store import DbVectorStore

os.environ["HF_HUB_OFFLINE"] = "1"

pytestmark = pytest.mark.django_db

KIND = vector_jobs.embed_opinions_job.module_path


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    vector_jobs.forget_asked()
    vectors._MEMORY.clear()  # what the job computed must come from the database, not this process
    window = {"now": 1000}
    monkeypatch.setattr(vector_jobs, "_window", lambda now=None: window["now"])
    yield window
    vector_jobs.forget_asked()
    # Some tests here embed with a stand-in model; its vectors of the shared invented texts must not
    # outlive the test (a later classifier test of this process read them: failed by test order).
    vectors._MEMORY.clear()
    vectors._embed_queries.cache_clear()


def _register(cast, meeting, texts, prefix):
    return [
        opinion_services.register_opinion(
            actor=cast.secretary,
            text=t,
            channel=Channel.PAPER,
            unit=cast.province,
            meeting=meeting,
            idempotency_key=f"{prefix}-{meeting.pk}-{i}",
        )
        for i, t in enumerate(texts)
    ]


def _run_due_jobs() -> list[Job]:
    Job.objects.filter(kind=KIND, status=Job.Status.QUEUED).update(run_after=timezone.now())  # the window ends
    done = []
    while (job := claim_next("tml-vectors-worker", kinds=[KIND])) is not None:
        assert run_job(job)
        job.refresh_from_db()
        done.append(job)
    return done


def _vector_callbacks(captured) -> list:
    """The on-commit callbacks of a submission other than the data-version bump every audited write makes."""
    return [cb for cb in captured if getattr(cb, "version_key", None) is None]


def test_submissions_get_vectors_from_one_coalesced_job(cast, django_capture_on_commit_callbacks, _fresh):
    meeting = make_meeting(cast)
    texts = ROADS[:3] + POWER[:3] + [ROADS[0]]  # a repeated text costs nothing more
    with django_capture_on_commit_callbacks(execute=False) as captured:
        _register(cast, meeting, texts, "a")
    callbacks = _vector_callbacks(captured)
    assert len(callbacks) == len(texts)
    with CaptureQueriesContext(connection) as first:
        callbacks[0]()
    with CaptureQueriesContext(connection) as rest:
        for cb in callbacks[1:]:
            cb()
    assert len(first) >= 1
    assert len(rest) == 0  # the window's job is already asked for: no query per submission
    assert Job.objects.filter(kind=KIND).count() == 1
    assert TextVector.objects.count() == 0  # nothing is embedded in the request

    (job,) = _run_due_jobs()
    assert job.status == Job.Status.DONE
    assert job.result == {"opinions": 7, "embedded": 7}
    distinct = {vectors.text_hash(t) for t in texts}
    assert set(TextVector.objects.values_list("key", flat=True)) == distinct

    # A later window: one more job; only the new text is embedded, the duplicate is already cached.
    _fresh["now"] += 1
    with django_capture_on_commit_callbacks(execute=True):
        _register(cast, meeting, [POWER[0], ROADS[5]], "b")
    (job2,) = _run_due_jobs()
    assert job2.result["embedded"] == 1
    assert TextVector.objects.count() == len(distinct) + 1

    # The grouping page now finds every vector ready: nothing left to embed, the embedding path.
    vectors._MEMORY.clear()
    all_texts = [*texts, POWER[0], ROADS[5]]
    assert len(vectors.cached_vectors(all_texts, DbVectorStore(readonly=True))) == len(all_texts)
    data = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    assert sum(g["size"] for g in data["groups"]) == len(all_texts)


class _PathSpy:
    """Which vectors the grouping path used: ``embed`` (every text's own embedding), ``impute``
    (partial: nearest cached texts) or neither (TF-IDF alone); and whether a passage was embedded."""

    def __init__(self, monkeypatch):
        from sausat.textkit import grouping

        self.calls: list[str] = []
        self.passages = 0
        real_embed, real_impute, real_model = grouping.embed, grouping._impute, vectors._model

        def embed(texts, **kw):
            self.calls.append("embed")
            return real_embed(texts, **kw)

        def impute(*a, **kw):
            self.calls.append("impute")
            return real_impute(*a, **kw)

        spy = self

        class Model:  # label descriptions still use the model's queries; passages are counted
            def passage(self, texts):
                spy.passages += len(texts)
                return real_model().passage(texts)

            def query(self, texts):
                return real_model().query(texts)

        monkeypatch.setattr(grouping, "embed", embed)
        monkeypatch.setattr(grouping, "_impute", impute)
        monkeypatch.setattr(vectors, "_model", Model)


def test_grouping_page_takes_the_embedding_path_once_the_job_ran(cast, django_capture_on_commit_callbacks, monkeypatch):
    """The page asks with ``embed_budget=0`` (no embedding in a request): every text is "above the
    budget", as 400+ new texts of a live conference are. Before the job: TF-IDF alone; after it:
    the embedding path with every vector read from the cache, none computed in the request."""
    meeting = make_meeting(cast)
    texts = ROADS + SCHOOLS + POWER
    with django_capture_on_commit_callbacks(execute=True):
        _register(cast, meeting, texts, "p")
    spy = _PathSpy(monkeypatch)

    before = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    assert spy.calls == []  # nothing cached yet: the TF-IDF fallback
    assert sum(g["size"] for g in before["groups"]) == len(texts)

    (job,) = _run_due_jobs()
    assert job.result == {"opinions": len(texts), "embedded": len(texts)}
    vectors._MEMORY.clear()  # the page's process did not compute them: they come from the database
    spy.calls.clear()
    spy.passages = 0
    after = suggest_groups_for_meeting(meeting.pk, embed_budget=0)
    assert spy.calls == ["embed"]  # the combined (embedding) path, not the partial or TF-IDF one
    assert spy.passages == 0  # ... with every vector read from the cache the job filled
    assert sum(g["size"] for g in after["groups"]) == len(texts)


def test_opinions_without_meeting_or_rolled_back_ask_for_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as captured:
        opinion_services.register_opinion(
            actor=cast.secretary, text=ROADS[0], channel=Channel.PAPER, unit=cast.province, idempotency_key="x-1"
        )
    assert _vector_callbacks(captured) == []
    assert not Job.objects.filter(kind=KIND).exists()


def test_group_vectors_impute_only_the_not_yet_embedded_remainder():
    from sausat.textkit.grouping import group_vectors

    texts = ROADS + POWER
    vectors.embed(texts[:8])  # 8 of 12 ready (in memory); 4 are not and the budget is 0
    x = group_vectors(texts, embed_budget=0)
    assert x.shape[0] == len(texts)
    assert x.shape[1] > vectors.EMBED_DIM  # the embedding block is there: not the TF-IDF-only path
    tf_only = group_vectors(texts, method="tfidf")
    assert tf_only.shape[1] < x.shape[1]


def test_an_interrupted_job_keeps_the_batches_it_finished(cast, django_capture_on_commit_callbacks, monkeypatch):
    """The worker dies in the second batch: the first batch's vectors are stored (the grouping page
    uses them), the Job row's progress says how far it got, and the next run embeds only the rest."""
    import numpy as np

    meeting = make_meeting(cast)
    texts = ROADS[:5]
    with django_capture_on_commit_callbacks(execute=True):
        _register(cast, meeting, texts, "i")

    class Model:  # a stand-in whose second batch never finishes
        calls = 0

        def passage(self, batch):
            Model.calls += 1
            if Model.calls == 2:
                raise RuntimeError("worker killed")
            return np.random.default_rng(Model.calls).normal(size=(len(batch), vectors.EMBED_DIM))

    seen: list[int] = []
    real_progress = vector_jobs.report_progress

    def progress(context, pct, message=""):
        seen.append(TextVector.objects.count())
        real_progress(context, pct, message)

    monkeypatch.setattr(vectors, "_model", Model)
    monkeypatch.setattr(vector_jobs, "BATCH", 2)
    monkeypatch.setattr(vector_jobs, "report_progress", progress)
    Job.objects.filter(kind=KIND).update(run_after=timezone.now(), max_attempts=1)
    job = claim_next("tml-vectors-worker", kinds=[KIND])
    assert not run_job(job)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    first = {vectors.text_hash(t) for t in texts[:2]}
    assert set(TextVector.objects.values_list("key", flat=True)) == first
    assert seen == [2]  # progress is reported once the batch is stored
    assert job.progress == 40  # 2 of 5 texts

    vectors._MEMORY.clear()
    assert len(vectors.cached_vectors(texts, DbVectorStore(readonly=True))) == 2  # the page finds them

    result = vector_jobs.embed_opinions_job.call(job, meeting_id=meeting.pk)  # the next run: the rest
    assert result == {"opinions": 5, "embedded": 3}
    assert seen == [2, 4, 5]  # one report per batch of the rest, each after its rows are stored
    assert TextVector.objects.count() == 5
