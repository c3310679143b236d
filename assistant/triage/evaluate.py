"""Score the extractor against labelled narratives: per-field and per-register accuracy and wrong-value rate.

    python -m assistant.triage.evaluate                      # both splits, totals per field and per register
    python -m assistant.triage.evaluate dev --details        # every failure of the development split
    python -m assistant.triage.evaluate evals/extraction/narratives.yaml

Splits: ``dev`` = narratives.yaml + registers_dev.yaml (rules are changed against these); ``heldout`` =
heldout.yaml + registers_heldout.yaml (never used to change rules; ``--details`` is refused for it).

accuracy = share of (narrative, field) pairs where the extracted value equals the expected one (unknown ==
unknown counts); wrong = a value set that differs from the expected one (including a value set where unknown was
expected: a guess), as a share of all pairs; missed = expected a value, extracted unknown. Wrong values are the
dangerous ones (each can flip a verdict), so they are reported apart from accuracy.
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

EVAL_DIR = Path(__file__).resolve().parents[2] / "evals" / "extraction"
DEFAULT_SET = EVAL_DIR / "narratives.yaml"
SPLITS: dict[str, tuple[str, ...]] = {
    "dev": ("narratives.yaml", "registers_dev.yaml"),
    "heldout": ("heldout.yaml", "registers_heldout.yaml"),
}


@dataclass
class FieldScore:
    """Counts for one field (or one register) over the labelled set."""

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

    @property
    def wrong_rate(self) -> float:
        """Share of (narrative, field) pairs given a wrong value (not unknown, not the expected one)."""
        return self.wrong / self.n if self.n else 0.0


def load_cases(path: Path = DEFAULT_SET) -> list[dict[str, Any]]:
    """The labelled cases, each with ``id``, ``text``, optional ``anchor`` and ``expected`` (validated ClaimFacts)."""
    cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
    for c in cases:
        ClaimFacts(**c["expected"])  # a typo in a label must fail loudly, not score as "unknown"
    return cases


def load_split(name: str) -> list[dict[str, Any]]:
    """All cases of a named split (``dev`` or ``heldout``)."""
    return [c for f in SPLITS[name] for c in load_cases(EVAL_DIR / f)]


def register_of(case: dict[str, Any]) -> str:
    """The case's register (new sets) or its style (the first sets, which predate registers)."""
    return case.get("register") or f"style:{case.get('style', '?')}"


def score(cases: list[dict[str, Any]], by_register: dict[str, FieldScore] | None = None) -> dict[str, FieldScore]:
    """Per-field scores of ``extract_facts`` on the cases; ``by_register`` (if given) collects per-register totals."""
    scores = {f: FieldScore() for f in FACT_COLUMNS}
    for c in cases:
        anchor = c.get("anchor")
        if isinstance(anchor, str):
            anchor = date.fromisoformat(anchor)
        got = extract_facts(c["text"], anchor=anchor).facts.model_dump(exclude={"narrative"})
        want = ClaimFacts(**c["expected"]).model_dump(exclude={"narrative"})
        reg = by_register.setdefault(register_of(c), FieldScore()) if by_register is not None else None
        for f in FACT_COLUMNS:
            for s in (scores[f], reg) if reg is not None else (scores[f],):
                s.n += 1
                s.labelled += want[f] is not None
                if got[f] == want[f]:
                    s.correct += 1
                    continue
                s.failures.append((c["id"] if s is scores[f] else f"{c['id']}.{f}", want[f], got[f]))
                if got[f] is None:
                    s.missed += 1
                else:
                    s.wrong += 1
    return scores


def totals(scores: dict[str, FieldScore]) -> tuple[float, float]:
    """(accuracy, wrong-value rate) over every (narrative, field) pair."""
    n = sum(s.n for s in scores.values())
    return sum(s.correct for s in scores.values()) / max(n, 1), sum(s.wrong for s in scores.values()) / max(n, 1)


def recovered(scores: dict[str, FieldScore]) -> tuple[int, int]:
    """(labelled facts extracted with their expected value, labelled facts): a wrong value in place is not recovered."""
    labelled = sum(s.labelled for s in scores.values())
    right = labelled - sum(s.missed for s in scores.values()) - sum(
        1 for s in scores.values() for _, w, g in s.failures if w is not None and g is not None)
    return right, labelled


def report(scores: dict[str, FieldScore], details: bool = False, registers: dict[str, FieldScore] | None = None) -> str:
    """A plain-text table of the scores per field (and per register), with every failure when ``details``."""
    lines = [f"{'field':34} {'acc':>6} {'wrong%':>7} {'labelled':>8} {'wrong':>6} {'missed':>6}"]
    for f, s in scores.items():
        lines.append(f"{f:34} {s.accuracy:6.3f} {100 * s.wrong_rate:6.2f}% {s.labelled:8d} {s.wrong:6d} {s.missed:6d}")
        if details:
            lines += [f"    {cid}: expected {w!r}, got {g!r}" for cid, w, g in s.failures]
    for reg, s in sorted((registers or {}).items()):
        lines.append(f"{'register ' + reg:34} {s.accuracy:6.3f} {100 * s.wrong_rate:6.2f}% {s.labelled:8d} {s.wrong:6d} {s.missed:6d}")
    acc, wrong = totals(scores)
    lines.append(f"{'overall (all fields)':34} {acc:6.3f} {100 * wrong:6.2f}%")
    right_set, labelled = recovered(scores)
    set_values = right_set + sum(s.wrong for s in scores.values())
    lines.append(f"labelled facts recovered: {right_set}/{labelled} ({right_set / max(labelled, 1):.3f}); "
                 f"values set: {set_values}, of which wrong: {set_values - right_set}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the scores of the extractor on the named splits (default: dev and heldout) or a labelled file."""
    args = sys.argv[1:] if argv is None else argv
    details = "--details" in args
    names = [a for a in args if not a.startswith("--")] or list(SPLITS)
    for name in names:
        if name in SPLITS:
            if name == "heldout" and details:
                print("heldout: --details refused (the held-out split is never used to change rules)")
                details_here = False
            else:
                details_here = details
            cases = load_split(name)
        else:
            cases, details_here = load_cases(Path(name)), details
        regs: dict[str, FieldScore] = {}
        print(f"== {name}: {len(cases)} narratives")
        print(report(score(cases, regs), details=details_here, registers=regs))


if __name__ == "__main__":
    main()
