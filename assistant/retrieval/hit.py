"""The search result record shared by every retrieval mode."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Hit:
    """One retrieved passage: its id (``ECL-38-2``, a case id), score (mode-specific), text, title, kind, code."""

    id: str
    score: float
    text: str
    title: str
    kind: str
    code: str

    def to_dict(self) -> dict:
        """A JSON-ready dict of every field."""
        return asdict(self)
