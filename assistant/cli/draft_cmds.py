"""CLI verb: ``lexmemo draft FACTS.json [--llm …] [--doctrine …] -o memo.md|memo.docx [--receipt receipt.json]``.

Exit status: 0 memo passed the guard; 1 memo written but marked 需复核 (or the model failed); 2 bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import app

FORMATS = {".md": "markdown", ".markdown": "markdown", ".docx": "docx"}
DOCTRINES = ("qin2025", "intent_split", "supplementary_only", "joint", "proportional_joint")


def _fail(message: str, code: int = 2) -> None:
    """Print ``message`` to stderr and exit (2: bad input)."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _read_facts(path: Path) -> dict:
    """The facts object of a JSON file, or exit 2 with a message naming the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {path}: {exc}")
    except json.JSONDecodeError as exc:
        _fail(f"{path}: invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")
    except RecursionError:  # issue 14: deeply nested JSON, a clear message instead of a traceback
        _fail(f"{path}: the JSON is nested too deeply to be a facts object")
    try:  # a "\\ud800" escape loads as a lone surrogate, which no file or memo can hold
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        _fail(f"{path}: the JSON holds a lone surrogate (a broken \\uD800-\\uDFFF escape); fix that text and retry")
    if not isinstance(data, dict):
        _fail(f"{path}: the facts must be one JSON object with ClaimFacts field names")
    return data


@app.command()
def draft(
    facts_file: Path = typer.Argument(..., help="A JSON file holding one ClaimFacts object."),
    output: Optional[list[Path]] = typer.Option(
        None, "-o", "--output", help="memo.md or memo.docx (format by suffix; repeat for both). Default: stdout."),
    llm: Optional[str] = typer.Option(
        None, "--llm", help="template (default), openai:MODEL, ollama:MODEL, llamacpp:PATH, replay:FILE."),
    doctrine: Optional[str] = typer.Option(None, "--doctrine", help=f"Doctrine profile: {', '.join(DOCTRINES)}."),
    receipt: Optional[Path] = typer.Option(None, "--receipt", help="Write the audit receipt (JSON) here."),
) -> None:
    """Draft a Chinese legal memo for one claim, check it with the guard, write Markdown / Word and a receipt."""
    from pydantic import ValidationError

    from assistant.core import ClaimFacts, facts_error_messages
    from assistant.drafting import DrafterConfigError, DraftingError, draft_memo
    from assistant.drafting.receipt import write_receipt
    from assistant.settings import get_settings

    outputs = list(output or [])
    for path in outputs:
        if path.suffix.lower() not in FORMATS:
            _fail(f"-o {path}: unknown format {path.suffix or '(no suffix)'}; use .md or .docx")
    for path in outputs + ([receipt] if receipt else []):  # issue 14: check where we write before any work
        if not path.parent.is_dir():
            _fail(f"-o {path}: the folder {path.parent} does not exist; create it or choose another path")
    if doctrine is not None and doctrine not in DOCTRINES:
        _fail(f"--doctrine {doctrine!r}: expected one of {', '.join(DOCTRINES)}")
    data = _read_facts(facts_file)
    try:
        facts = ClaimFacts.model_validate(data)
    except ValidationError as exc:
        _fail(f"{facts_file}: invalid facts:\n" + "\n".join(f"  {line}" for line in facts_error_messages(exc)))
    from assistant.triage.extract import EXTRACT_LIMIT

    if facts.narrative and len(facts.narrative) > EXTRACT_LIMIT:  # issue 14: a 5 MB paste must not stall the guard
        typer.echo(f"note: the narrative ({len(facts.narrative)} characters) is cut to its first {EXTRACT_LIMIT} "
                   "for the memo; the cut is marked in the memo", err=True)
        facts = facts.model_copy(update={"narrative": facts.narrative[:EXTRACT_LIMIT] + "……【当事人陈述过长，以下已截断】"})
    settings = get_settings(**({"llm": llm} if llm else {}))
    try:
        result = draft_memo(facts, settings=settings, doctrine=doctrine)
    except DrafterConfigError as exc:
        _fail(f"--llm: {exc}")
    except DraftingError as exc:
        _fail(str(exc), code=1)
    if not outputs:
        typer.echo(result.markdown, nl=False)
    for path in outputs:  # the memo is saved before anything else can fail
        if FORMATS[path.suffix.lower()] == "docx":
            from assistant.drafting.docx_export import memo_to_docx, review_findings  # python-docx only for Word

            # A failed memo's Word file carries 需复核 in its title and the findings first (issue 11 item 9).
            findings = review_findings(result.report.to_json()) if result.needs_review else ()
            memo_to_docx(result.markdown, path, findings=findings)
        else:
            path.write_text(result.markdown, encoding="utf-8")
    if receipt is not None:
        write_receipt({**result.receipt, "outputs": [str(p) for p in outputs]}, receipt)
    where = ", ".join(str(p) for p in outputs) or "stdout"
    if result.needs_review:
        typer.echo(f"需复核: the memo failed the guard ({len(result.report.findings)} findings"
                   f"{', missing sections ' + '、'.join(result.missing_sections) if result.missing_sections else ''});"
                   f" written to {where} with the failures highlighted", err=True)
        raise typer.Exit(1)
    typer.echo(f"memo passed the guard ({result.drafter}); written to {where}", err=True)
