"""CLI verbs for paralegals: ``lexmemo extract NARRATIVE.txt|-`` and ``lexmemo triage CLAIMS -o OUT``.

Exit status of ``triage`` (one meaning each): 0 every row triaged and ranked; 1 some rows failed (their
``error`` says why) or are under review (``needs_review``), the counts on stderr; 2 unusable input or arguments
(the input file as a whole cannot be read, the output would overwrite the input or its folder is missing);
130 when interrupted (finished rows are kept: rerun with ``--resume``).

Extractor: the deterministic rules unless ``--llm`` (or ``LEXMEMO_LLM``, the drafting setting) names a model;
``template`` (drafting's default, no LLM) means rules. With a model, any failure falls back to the rules.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import app
from assistant.core import DOCTRINES

Doctrine = Enum("Doctrine", {d: d for d in DOCTRINES}, type=str)  # type: ignore[misc]


def _fail(message: str, code: int = 2) -> None:
    """Print ``message`` to stderr and exit with ``code`` (2 = bad input)."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


LLM_HELP = ("Fact extractor: template or unset = deterministic rules (default); openai:MODEL, ollama:MODEL, "
            "llamacpp:PATH or replay:FILE = that LLM, falling back to the rules on any failure. Default: LEXMEMO_LLM.")


def _extractor(llm: Optional[str]):
    """(name, extractor) for ``--llm`` (else the settings); exit 2 with the adapter's message when unusable."""
    from assistant.drafting.llm import DrafterConfigError
    from assistant.settings import get_settings
    from assistant.triage.extract.llm import make_extractor

    settings = get_settings(**({"llm": llm} if llm else {}))
    try:
        return settings, *make_extractor(settings)
    except DrafterConfigError as exc:
        _fail(f"--llm: {exc}")


def _anchor(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    from assistant.triage.extract.dates import parse_date_cell

    try:
        return parse_date_cell(value)
    except ValueError as exc:
        _fail(f"--anchor-date: {exc}")


@app.command()
def extract(
    narrative_file: str = typer.Argument(..., metavar="NARRATIVE.txt|-", help="A text file with one narrative, or - for stdin."),
    spans: bool = typer.Option(False, "--spans", help="Also print the text span each fact rests on."),
    anchor_date: Optional[str] = typer.Option(None, "--anchor-date", help="Date the complaint was received (resolves 去年/今年)."),
    llm: Optional[str] = typer.Option(None, "--llm", help=LLM_HELP),
) -> None:
    """Extract ClaimFacts from a Chinese narrative and print them as JSON (unknown facts are null)."""
    from assistant.triage.encoding import decode_bytes, undecodable

    anchor = _anchor(anchor_date)
    _, name, extractor = _extractor(llm)
    try:
        data = sys.stdin.buffer.read() if narrative_file == "-" else Path(narrative_file).read_bytes()
    except OSError as exc:
        _fail(f"cannot read {narrative_file}: {exc.strerror or exc}")
    text, used = decode_bytes(data)
    if undecodable(text):
        _fail(f"{narrative_file}: not valid UTF-8 or GB18030 text (read as {used}); re-save it as UTF-8")
    if not text.strip():
        _fail(f"{narrative_file}: the narrative is empty")
    ex = extractor(text.strip(), anchor=anchor)
    if name != "rules":  # say which extractor answered, and what the model's reply lost
        typer.echo(f"extractor: {name} → {ex.method}", err=True)
        for field, why in ex.dropped.items():
            typer.echo(f"dropped {field}: {why}", err=True)
    facts = ex.facts.model_dump(mode="json")
    if spans:
        out = {"facts": facts,
               "spans": {k: {"start": s, "end": e, "text": t} for k, (s, e, t) in ex.spans.items()},
               "conflicts": {k: [{"start": s, "end": e, "text": t} for s, e, t in v] for k, v in ex.conflicts.items()},
               "method": ex.method, "dropped": ex.dropped, "confidence": ex.confidence,
               "event_date_precision": ex.date_precision, "questions": [q for q in (ex.date_question, *ex.questions.values()) if q],
               "not_claim": ex.not_claim, "cut": ex.cut}
    else:
        out = facts
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2))


@app.command()
def triage(
    claims: Path = typer.Argument(..., metavar="CLAIMS.csv|CLAIMS.jsonl|CLAIMS.xlsx", help="Claims: id, narrative, optional fact columns."),
    output: Path = typer.Option(..., "-o", "--output", help="The table to write: .csv (UTF-8 with BOM), .xlsx or .jsonl."),
    doctrine: Optional[Doctrine] = typer.Option(None, "--doctrine", help="Doctrine profile for ECL-38-2 (default: settings)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run without redoing finished rows."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (default: detect UTF-8/BOM/GB18030)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: settings)."),
    llm: Optional[str] = typer.Option(None, "--llm", help=LLM_HELP),
    save: bool = typer.Option(False, "--save", help="Also save the run as a batch in the matter database (the UI's 已保存的分诊批次)."),
) -> None:
    """Triage a batch of claims into a table sorted by priority; exit 0 all ranked, 1 rows failed/under review, 2 bad input."""
    from assistant.triage.progress import ResumeMismatch, sidecar_path
    from assistant.triage.rows import InputFileError
    from assistant.triage.runner import run_triage

    from assistant.triage.runner import check_output

    try:  # before any work (and before a model is set up): never overwrite the input, never write nowhere
        check_output(claims, output)
    except InputFileError as exc:
        _fail(f"-o {output}: {exc}")
    settings, name, extractor = _extractor(llm)
    profile = doctrine.value if doctrine else settings.doctrine
    if profile not in DOCTRINES:
        _fail(f"unknown doctrine {profile!r}; choose one of: {', '.join(DOCTRINES)}")
    if not resume and sidecar_path(output).exists():
        typer.echo(f"note: {sidecar_path(output)} exists from an interrupted run; starting over "
                   "(use --resume to continue it)", err=True)
    if name != "rules":
        typer.echo(f"extractor: {name}, deterministic rules as fallback (source column: text(llm) / text(rules, "
                   "llm failed))", err=True)
    try:
        summary = run_triage(claims, output, doctrine=profile, resume=resume,
                             progress=settings.progress if progress is None else progress, encoding=encoding,
                             extractor=extractor, extractor_name=name)
    except (InputFileError, ResumeMismatch, LookupError) as exc:
        _fail(f"{claims}: {exc}")
    except KeyboardInterrupt:
        _fail(f"interrupted; finished rows are kept in {sidecar_path(output)}: rerun with --resume to continue", 130)
    typer.echo(
        f"triaged {summary.total} claims ({summary.processed} now, {summary.resumed} from the earlier run) in "
        f"{summary.seconds:.1f}s ({summary.rows_per_s:.0f} rows/s), input {summary.encoding}; "
        f"{summary.failed} failed, {summary.flagged} under review (needs_review) → {summary.output}", err=True)
    if save:  # the table on disk is already written: a database problem is reported, the run stands
        from assistant.store.batches import BatchStore

        try:
            batches = BatchStore.open(settings)
            bid = batches.save(claims.name, summary.records, profile, summary.encoding)
            typer.echo(f"saved as triage batch {bid} in {batches.backend.label}", err=True)
        except Exception as exc:  # noqa: BLE001 — the output file is the result; saving is extra
            typer.echo(f"could not save the batch in {settings.db_path}: {type(exc).__name__}: {exc}", err=True)
    if summary.exit_status:
        typer.echo(f"rows not ranked: {summary.failed} failed, {summary.flagged} need review", err=True)
    raise typer.Exit(summary.exit_status)
