"""CLI verb over the liability core: ``lexmemo classify FACTS.json [--doctrine ...] [--json]``.

The plain output is Chinese: the verdict summary (``assistant.core.render``), then spec section 7 (remedies,
limitation, forum) in the memo's own sentences (``assistant.drafting.remedies_zh`` / ``limitation_zh``).
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from assistant.cli import app


class DoctrineChoice(str, Enum):
    """The doctrine profiles of spec section 5."""

    qin2025 = "qin2025"
    intent_split = "intent_split"
    supplementary_only = "supplementary_only"
    joint = "joint"
    proportional_joint = "proportional_joint"


def _fail(message: str) -> None:
    """Print ``message`` to stderr and exit with status 2 (bad input)."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _ids(obj: object) -> list[str]:
    """Every id a section-7 object (spec 7.8) names: its ``citations`` and the ids inside its notes, in order."""
    from assistant.drafting.remedies_zh import _ID

    if isinstance(obj, dict):
        return [i for v in obj.values() for i in _ids(v)]
    if isinstance(obj, list):
        return [i for v in obj for i in _ids(v)]
    return _ID.findall(obj) if isinstance(obj, str) else []


def section7_zh(facts: object, verdict: object) -> str:
    """Spec section 7 in Chinese (remedies, punitive damages, limitation, forum), the memo's own sentences."""
    from types import SimpleNamespace

    from assistant.corpus import load_corpus
    from assistant.drafting import limitation_zh, remedies_zh
    from assistant.drafting.citer import Citer

    v = verdict
    if not (v.remedies or v.limitation or v.forum):  # type: ignore[attr-defined]
        return "七、赔偿、诉讼时效与管辖：规则引擎未就此作出判断。"
    # Only the ids the engine itself cites may be cited; one it may not (not in force on the event date) is named
    # in words by the Citer, as in the memo.
    allowed = list(dict.fromkeys([*v.citations, *_ids(v.remedies), *_ids(v.limitation), *_ids(v.forum)]))  # type: ignore[attr-defined]
    cite = Citer(load_corpus(), allowed, facts.event_date, applied=v.citations)  # type: ignore[attr-defined]
    ctx = SimpleNamespace(verdict=v, facts=facts)
    parts = [("（一）赔偿项目", remedies_zh.heads_section), ("（二）惩罚性赔偿", remedies_zh.punitive_section),
             ("（三）诉讼时效", limitation_zh.limitation_section), ("（四）管辖与当事人", limitation_zh.forum_section)]
    lines = ["七、赔偿、诉讼时效与管辖："]
    for heading, render in parts:
        lines += [heading, render(ctx, cite)]
    return "\n".join(lines)


@app.command()
def classify(
    facts_file: Path = typer.Argument(..., help="A JSON file holding one ClaimFacts object (the spec's field names)."),
    doctrine: DoctrineChoice = typer.Option(DoctrineChoice.qin2025, "--doctrine", help="Doctrine profile for ECL-38-2."),
    as_json: bool = typer.Option(False, "--json", help="Print the Verdict as JSON instead of the Chinese summary (section 7 included in both)."),
) -> None:
    """Classify one claim's facts: liability form, burden, recourse, citations, trace and missing facts."""
    from pydantic import ValidationError

    from assistant.core import ClaimFacts, classify as run, facts_error_messages
    from assistant.core.render import verdict_summary_zh

    try:
        raw = facts_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {facts_file}: {exc}")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        _fail(f"{facts_file}: invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")
    if not isinstance(data, dict):
        _fail(f"{facts_file}: the facts must be one JSON object with ClaimFacts field names")
    try:
        facts = ClaimFacts.model_validate(data)
    except ValidationError as exc:
        _fail(f"{facts_file}: invalid facts:\n" + "\n".join(f"  {line}" for line in facts_error_messages(exc)))
    verdict = run(facts, doctrine=doctrine.value)
    if as_json:
        typer.echo(json.dumps(verdict.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        typer.echo(verdict_summary_zh(verdict))
        typer.echo(section7_zh(facts, verdict))  # what --json carries as remedies / limitation / forum
