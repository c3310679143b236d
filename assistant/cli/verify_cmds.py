"""CLI verb ``lexmemo verify MEMO.md --facts FACTS.json``: classify the facts, run the guard on the memo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from assistant.cli import app


def _fail(message: str) -> None:
    """Print a bad-input message to stderr and exit with status 2."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _read_json(path: Path, what: str):
    """Parse a JSON file, exiting 2 with a clear message when it is missing or malformed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"{what} file not found: {path}")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {what} file {path}: {exc}")
    except json.JSONDecodeError as exc:
        _fail(f"{what} file {path} is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}")


def drafter_authorities(claim, verdict, corpus) -> tuple[set[str], dict[str, str]]:
    """The allowed ids (案号 included) and key table the drafter gives a memo on these facts, retrieval left out.

    The same function the drafter keys its passages from (``assistant.drafting.authorities``), without passages:
    the template drafter cites only this part, so a template memo verifies without its receipt. A memo citing
    retrieval hits (an LLM memo) needs its receipt (``--receipt``), which records the exact set it was drafted with.
    """
    from assistant.drafting.chain import build_context

    ctx, _ = build_context(claim, verdict, corpus, None, passages=[])
    return ctx.guard_allowed, ctx.key_table


def _facts_hash(claim) -> str:
    """The facts hash a receipt records (same canonical JSON as ``assistant.drafting.receipt``)."""
    from assistant.drafting.provenance import canonical_json, sha256_text

    return sha256_text(canonical_json(claim.model_dump(mode="json")))


@app.command()
def verify(
    memo: Path = typer.Argument(..., help="The memo in Markdown (MEMO.md)."),
    facts: Path = typer.Option(..., "--facts", help="The claim's facts as JSON (spec section 2 field names)."),
    doctrine: Optional[str] = typer.Option(
        None, "--doctrine", help="Doctrine profile for the verdict (spec section 5); default: the receipt's, else qin2025."),
    as_json: bool = typer.Option(False, "--json", help="Print the guard result as JSON."),
    keys: Optional[Path] = typer.Option(None, "--keys", help="JSON object mapping citation keys ([S1]) to passage ids."),
    allow: Optional[str] = typer.Option(
        None, "--allow",
        help="Comma-separated ids the memo may cite (default: the drafter's authorities for these facts, "
             "without retrieval hits: use --receipt for a memo that cites them).",
    ),
    receipt: Optional[Path] = typer.Option(
        None, "--receipt", help="The draft's receipt: its allowed_ids and key_table are used (--allow/--keys override)."
    ),
    show_memo: bool = typer.Option(False, "--highlight", help="Also print the memo with failing spans marked 需复核."),
) -> None:
    """Check every citation and the 简要结论 of a memo against the corpus and the verdict; exit 1 when not ok."""
    from pydantic import ValidationError

    from assistant.core import DOCTRINES, ClaimFacts, classify, facts_error_messages
    from assistant.guard import check_memo, highlight

    try:
        markdown = memo.read_text(encoding="utf-8")
    except FileNotFoundError:
        _fail(f"memo file not found: {memo}")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read memo file {memo}: {exc}")
    if doctrine is not None and doctrine not in DOCTRINES:
        _fail(f"unknown doctrine {doctrine!r}; accepted: {', '.join(DOCTRINES)}")
    raw = _read_json(facts, "facts")
    try:
        claim = ClaimFacts.model_validate(raw)
    except ValidationError as exc:
        _fail("invalid facts in " + str(facts) + ":\n" + "\n".join(f"  {line}" for line in facts_error_messages(exc)))
    key_table = None
    allowed = None
    if receipt is not None:
        record = _read_json(receipt, "receipt")
        if not isinstance(record, dict):
            _fail(f"receipt file {receipt} must be a JSON object (the receipt written by lexmemo draft)")
        ids, table = record.get("allowed_ids"), record.get("key_table")
        if ids is not None and not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
            _fail(f"receipt file {receipt}: allowed_ids must be a list of ids")
        if table is not None and not (isinstance(table, dict) and all(isinstance(v, str) for v in table.values())):
            _fail(f"receipt file {receipt}: key_table must map each key to a passage id")
        allowed = set(ids) if ids is not None else None
        key_table = table
        # the receipt's doctrine is the one the memo was drafted under (issue 11 item 3): verify under it
        drafted = record.get("doctrine")
        if drafted is not None and drafted not in DOCTRINES:
            _fail(f"receipt file {receipt}: unknown doctrine {drafted!r}")
        if doctrine is not None and drafted is not None and doctrine != drafted:
            _fail(f"--doctrine {doctrine} differs from the doctrine the memo was drafted under ({drafted}, "
                  f"receipt {receipt}); omit --doctrine or redraft")
        doctrine = doctrine or drafted
        if record.get("facts_hash") and record["facts_hash"] != _facts_hash(claim):
            typer.echo(f"注意：{facts} 与回执记录的起草事实不同（facts_hash 不符），核验按 {facts} 的事实进行。", err=True)
    if keys is not None:
        key_table = _read_json(keys, "keys")
        if not isinstance(key_table, dict) or not all(isinstance(v, str) for v in key_table.values()):
            _fail(f"keys file {keys} must be a JSON object mapping each key to a passage id")
    if allow:
        allowed = {part.strip() for part in allow.split(",") if part.strip()}

    doctrine = doctrine or "qin2025"
    from assistant.corpus import load_corpus
    from assistant.settings import get_settings

    corpus_dir = get_settings().corpus_dir
    corpus = load_corpus(corpus_dir) if corpus_dir else load_corpus()
    verdict = classify(claim, doctrine=doctrine)
    source = "--allow" if allow else ("--receipt" if allowed is not None else "")
    if allowed is None or key_table is None:
        default_ids, default_keys = drafter_authorities(claim, verdict, corpus)
        allowed = default_ids if allowed is None else allowed
        key_table = default_keys if key_table is None else key_table
        source = source or "起草器为本事实提供的依据（不含检索结果）"
    report = check_memo(markdown, verdict, event_date=claim.event_date, allowed_ids=allowed, key_table=key_table,
                        corpus=corpus, facts=claim)  # facts: fact_mismatches (issue 11)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        date_note = claim.event_date.isoformat() if claim.event_date else "不明（按现行法核对）"
        typer.echo(f"核验：{memo}（事件日期：{date_note}；学说：{doctrine}；允许引用的依据：{source}）")
        typer.echo(report.to_text())
        if report.unlisted and receipt is None and not allow:
            typer.echo("提示：未给出 --receipt 时，允许引用的依据不含起草时检索到的条文；lexmemo draft 生成的备忘录请用 "
                       "--receipt 指定其回执核验。")
        if show_memo and not report.ok:
            typer.echo("\n" + highlight(markdown, report))
    if not report.ok:
        raise typer.Exit(1)
