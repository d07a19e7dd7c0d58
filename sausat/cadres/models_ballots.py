"""Electronic ballots in the room for a confidence-vote session (96-QĐ/TW), optional.

The promise is the one of anonymous opinions (docs/anonymity.md): nobody, not even a database
superuser holding the logs, can tell which ballot an attendee cast. Three tables, no link:

- :class:`BallotBox` — one per session: how many codes were issued, open/closed.
- :class:`BallotCode` — a one-time code, stored only as a keyed hash and a ``used`` flag; no time,
  no order (random key). The rows are deleted when the box closes: they are then useless, and a
  leaked printed list plus the key would otherwise still tell which codes voted.
- :class:`Ballot` — the choices of one ballot: random key, no time, no code, no voter. Closing the
  box rewrites all ballots in one transaction in a random order (new keys, same content), so the
  insertion order (SQLite rowid, PostgreSQL ``ctid``/``xmin``) says nothing about who voted when.

Imported by :mod:`sausat.cadres.models` (one line); relations use string references.
"""

from __future__ import annotations

import uuid

from django.db import models

from sausat.core.models import BusinessModel
from sausat.geo.models import AdministrativeUnit


class BallotBox(BusinessModel):
    """The electronic ballots of one vote session: codes issued, then closed and counted."""

    session = models.OneToOneField("cadres.VoteSession", on_delete=models.PROTECT, related_name="ballot_box")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    codes_issued = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Hòm phiếu điện tử · {self.session_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class BallotCode(models.Model):
    """A one-time ballot code: only its keyed hash and whether it was used. Nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "mã phiếu"


class Ballot(models.Model):
    """One cast ballot: ``choices`` maps each candidate's id to high / confidence / low.
    No voter, no code, no time; the key is random."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField(default=dict)

    def __str__(self) -> str:
        return "phiếu"
