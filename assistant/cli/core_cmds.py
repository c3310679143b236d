"""CLI verb over the liability core: ``lexmemo classify FACTS.json [--doctrine ...] [--json]``."""

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


@app.command()
def classify(
    facts_file: Path = typer.Argument(..., help="A JSON file holding one ClaimFacts object (the spec's field names)."),
    doctrine: DoctrineChoice = typer.Option(DoctrineChoice.qin2025, "--doctrine", help="Doctrine profile for ECL-38-2."),
    as_json: bool = typer.Option(False, "--json", help="Print the Verdict as JSON instead of the Chinese summary."),
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
