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


def linked_meeting(user, opinion: Opinion):
    """The opinion's meeting when the meetings policy lets ``user`` open it, else None: a reader who
    may see the opinion is not thereby allowed to learn the meeting's title."""
    if opinion.meeting_id is None:
        return None
    from sausat.meetings.policy import visible_meetings

    return visible_meetings(user).filter(pk=opinion.meeting_id).first()


def linked_tasks(user, opinion: Opinion, limit: int = 50) -> list:
    """Tasks directed from the opinion that the directives policy lets ``user`` open (none when no
    app registered a ``tasks`` reader, see :mod:`sausat.opinions.hooks`)."""
    from sausat.opinions.hooks import linked_reader

    reader = linked_reader("tasks")
    return reader(user, opinion, limit) if reader is not None else []
