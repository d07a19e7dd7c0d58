"""The project's own attack and fault probes, run against a production-mode server they start.

``make security`` runs :mod:`probes.security` (API fuzzing, the access matrix, the bad-input corpus
and the anonymity timing attack); ``make drills`` runs :mod:`probes.drills` (fault drills F1–F9 of
the reliability plan that fit on one machine) and writes ``docs/reliability.md``.
"""
