"""One module per suite; each exposes ``run(settings, **options) -> dict`` returning a suite result.

A suite result is a plain JSON-ready dict: ``suite``, ``headline`` (the few figures the report leads with),
``metrics`` (everything else), ``items`` (one entry per scored item, ``ok`` plus details), ``seconds``, and
``skipped`` (a reason) when the suite could not run.
"""

from __future__ import annotations

SUITES: tuple[str, ...] = ("verdicts", "retrieval", "memos", "guard", "cases")
