"""The liability engine: applies spec section 4 in order (being written)."""

from __future__ import annotations

from typing import Any

from assistant.core.models import ClaimFacts, Verdict


def classify(facts: ClaimFacts | dict[str, Any], doctrine: str = "qin2025") -> Verdict:
    """Classify one claim's facts into a Verdict under the given doctrine profile."""
    raise NotImplementedError("assistant.core.classify is being implemented (issue 3)")
