"""Loading the goldens: verdict goldens (facts → expected verdict) and court-case goldens (facts → court outcome).

Files live beside this module: ``verdicts/*.yaml`` (a ``bases`` map and a ``goldens`` list) and
``cases/cases.yaml``. The README in this folder documents the keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

GOLDENS_DIR = Path(__file__).resolve().parent

#: Short keys of a golden's ``expect`` block → the Verdict field each scores.
EXPECT_KEYS: dict[str, str] = {
    "form": "liability_form",
    "regimes": "regimes",
    "nature": "liability_nature",
    "imputation": "imputation",
    "burden": "burden_of_proof",
    "basis": "burden_basis",
    "recourse": "recourse",
    "expanded": "expanded_damage",
    "citations": "citations",
    "absent": "citations_absent",
    "missing": "missing_facts",
    "missing_include": "missing_facts_include",
    "alternatives": "alternatives",
}

#: Court outcome labels of ``cases.jsonl`` → the liability form the engine would give for them.
COURT_OUTCOME_FORM: dict[str, str] = {
    "joint_and_several": "joint_and_several",
    "supplementary": "supplementary",
    "proportional": "proportional",
    "advance_compensation_then_recourse": "advance_compensation",
    "no_liability": "none",
    "seller_liability": "seller_liability",  # the platform liable as seller or service operator in its own right
}


class GoldenError(ValueError):
    """A golden file that cannot be read: names the file and the golden."""


@dataclass(frozen=True)
class VerdictGolden:
    """One verdict golden: its name, origin, doctrine, facts (merged with its base) and expected fields."""

    name: str
    origin: str
    doctrine: str
    facts: dict[str, Any]
    expect: dict[str, Any]
    why: str = ""
    file: str = ""
    known_discrepancy: str = ""


@dataclass(frozen=True)
class CaseGolden:
    """One court case as facts, with the court's outcome and the form it maps to."""

    id: str
    case_name: str
    court_outcome: str
    facts: dict[str, Any]
    notes: str = ""
    expected_form: str = field(default="")
    reasons: tuple[str, ...] = ()  # one line per change to the golden, each saying why (issue 15)


def _plain(value: Any) -> Any:
    """YAML dates → ISO strings, so facts are JSON-ready and equal whatever the loader did."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _expect(raw: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = set(raw) - set(EXPECT_KEYS)
    if unknown:
        raise GoldenError(f"{where}: unknown expect keys {sorted(unknown)}; known: {sorted(EXPECT_KEYS)}")
    return {EXPECT_KEYS[k]: v for k, v in raw.items()}


def load_verdict_goldens(directory: Path | None = None) -> list[VerdictGolden]:
    """Every verdict golden under ``directory`` (default ``evals/goldens/verdicts``), in file then list order."""
    directory = directory or GOLDENS_DIR / "verdicts"
    goldens: list[VerdictGolden] = []
    names: set[str] = set()
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        bases = data.get("bases") or {}
        for raw in data.get("goldens") or []:
            where = f"{path.name}: {raw.get('name', '<unnamed>')}"
            if "name" not in raw or "expect" not in raw:
                raise GoldenError(f"{where}: a golden needs a name and an expect block")
            if raw["name"] in names:
                raise GoldenError(f"{where}: duplicate golden name")
            names.add(raw["name"])
            base_name = raw.get("base")
            if base_name and base_name not in bases:
                raise GoldenError(f"{where}: unknown base {base_name!r}")
            facts = {**(bases.get(base_name) or {}), **(raw.get("facts") or {})}
            goldens.append(VerdictGolden(
                name=raw["name"],
                origin=raw.get("origin", "new_vignette"),
                doctrine=raw.get("doctrine", "qin2025"),
                facts={k: _plain(v) for k, v in facts.items()},
                expect=_expect(raw["expect"], where),
                why=raw.get("why", ""),
                file=path.name,
                known_discrepancy=raw.get("known_discrepancy", ""),
            ))
    return goldens


def _lines(raw: Any, where: str, key: str) -> tuple[str, ...]:
    """A list of non-empty one-line strings (a golden's ``reasons``), or a GoldenError naming the golden."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(r, str) and r.strip() and "\n" not in r.strip() for r in raw):
        raise GoldenError(f"{where}: {key} must be a list of one-line strings")
    return tuple(r.strip() for r in raw)


def _case_data(path: Path | None) -> tuple[Path, dict[str, Any]]:
    path = path or GOLDENS_DIR / "cases" / "cases.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def load_case_goldens(path: Path | None = None) -> list[CaseGolden]:
    """The court-case goldens (default ``evals/goldens/cases/cases.yaml``)."""
    path, data = _case_data(path)
    out = []
    for raw in data.get("cases") or []:
        outcome = raw["court_outcome"]
        if outcome not in COURT_OUTCOME_FORM:
            raise GoldenError(f"{path.name}: {raw['id']}: outcome {outcome!r} is not determinate")
        out.append(CaseGolden(
            id=raw["id"], case_name=raw.get("case_name", ""), court_outcome=outcome,
            facts={k: _plain(v) for k, v in (raw.get("facts") or {}).items()},
            notes=raw.get("notes", ""), expected_form=COURT_OUTCOME_FORM[outcome],
            reasons=_lines(raw.get("reasons"), f"{path.name}: {raw['id']}", "reasons"),
        ))
    return out


def load_case_exclusions(path: Path | None = None) -> dict[str, str]:
    """Corpus cases left out of the cases suite (``excluded:`` in cases.yaml): id → the one-line reason."""
    path, data = _case_data(path)
    out: dict[str, str] = {}
    for raw in data.get("excluded") or []:
        reason = str(raw.get("reason") or "").strip()
        if not raw.get("id") or not reason:
            raise GoldenError(f"{path.name}: an excluded case needs an id and a reason: {raw!r}")
        out[raw["id"]] = reason
    return out
