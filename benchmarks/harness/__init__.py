"""The benchmark harness of issue 7: seed (data.py), serve (server.py) and measure (run.py).

Run from the repository root: ``python -m benchmarks.harness.data --scale province`` then
``python -m benchmarks.harness.run``. Operations live in a registry (operations.py), data
generators too (data.py), so each app can plug its own in.
"""
