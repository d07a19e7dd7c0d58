"""Reads on the opinion register that other apps use."""

from __future__ import annotations

from sausat.opinions.models import Answer, Opinion


def latest_answer(opinion: Opinion) -> Answer | None:
    """The most recent answer to ``opinion`` (uses prefetched ``answers`` when present)."""
    cache = getattr(opinion, "_prefetched_objects_cache", {})
    if "answers" in cache:
        answers = [a for a in cache["answers"] if a.deleted_at is None]
        return max(answers, key=lambda a: (a.answered_at, a.pk), default=None)
    return Answer.objects.filter(opinion=opinion).order_by("-answered_at", "-id").first()
