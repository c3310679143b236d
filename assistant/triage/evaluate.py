"""Score the extractor against the labelled narratives: per-field accuracy, wrong values set, misses.

    python -m assistant.triage.evaluate [evals/extraction/narratives.yaml] [--details]

accuracy = share of narratives where the extracted value equals the expected one (unknown == unknown counts);
wrong = a value set that differs from the expected one (including a value set where unknown was expected: a
guess); missed = expected a value, extracted unknown.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from assistant.core import ClaimFacts
from assistant.triage.coerce import EXTRACTED_FIELDS as FACT_COLUMNS
from assistant.triage.extract import extract_facts

DEFAULT_SET = Path(__file__).resolve().parents[2] / "evals" / "extraction" / "narratives.yaml"


@dataclass
class FieldScore:
    """Counts for one field over the labelled set."""

    n: int = 0
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    labelled: int = 0
    failures: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of narratives where the field came out as expected."""
        return self.correct / self.n if self.n else 0.0


def load_cases(path: Path = DEFAULT_SET) -> list[dict[str, Any]]:
    """The labelled cases, each with ``id``, ``text``, optional ``anchor`` and ``expected`` (validated ClaimFacts)."""
    cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
    for c in cases:
        ClaimFacts(**c["expected"])  # a typo in a label must fail loudly, not score as "unknown"
    return cases


def score(cases: list[dict[str, Any]]) -> dict[str, FieldScore]:
    """Per-field scores of ``extract_facts`` on the cases."""
    scores = {f: FieldScore() for f in FACT_COLUMNS}
    for c in cases:
        anchor = c.get("anchor")
        if isinstance(anchor, str):
            anchor = date.fromisoformat(anchor)
        got = extract_facts(c["text"], anchor=anchor).facts.model_dump(exclude={"narrative"})
        want = ClaimFacts(**c["expected"]).model_dump(exclude={"narrative"})
        for f in FACT_COLUMNS:
            s = scores[f]
            s.n += 1
            s.labelled += want[f] is not None
            if got[f] == want[f]:
                s.correct += 1
                continue
            s.failures.append((c["id"], want[f], got[f]))
            if got[f] is None:
                s.missed += 1
            else:
                s.wrong += 1
    return scores


def report(scores: dict[str, FieldScore], details: bool = False) -> str:
    """A plain-text table of the scores (and, with ``details``, every failure)."""
    lines = [f"{'field':34} {'acc':>6} {'labelled':>8} {'wrong':>6} {'missed':>6}"]
    for f, s in scores.items():
        lines.append(f"{f:34} {s.accuracy:6.3f} {s.labelled:8d} {s.wrong:6d} {s.missed:6d}")
        if details:
            lines += [f"    {cid}: expected {w!r}, got {g!r}" for cid, w, g in s.failures]
    total = sum(s.correct for s in scores.values()) / sum(s.n for s in scores.values())
    lines.append(f"{'overall (all fields)':34} {total:6.3f}")
    labelled = sum(s.labelled for s in scores.values())
    recovered = labelled - sum(s.missed for s in scores.values()) - sum(
        1 for s in scores.values() for _, w, g in s.failures if w is not None and g is not None)
    set_values = recovered + sum(s.wrong for s in scores.values())
    lines.append(f"labelled facts recovered: {recovered}/{labelled} ({recovered / max(labelled, 1):.3f}); "
                 f"values set: {set_values}, of which wrong: {set_values - recovered}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the scores of the extractor on a labelled set."""
    args = sys.argv[1:] if argv is None else argv
    path = next((Path(a) for a in args if not a.startswith("--")), DEFAULT_SET)
    print(report(score(load_cases(path)), details="--details" in args))


if __name__ == "__main__":
    main()
