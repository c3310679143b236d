"""Thin adapters from the UI to ``assistant.*``: each call either returns the part's result or raises
:class:`Unavailable` with a plain reason, so a page whose dependency has not landed degrades instead of crashing.

No legal logic here: classification, drafting, guarding, extraction and triage all happen in ``assistant/``.
"""

from __future__ import annotations

import importlib
import sys
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from assistant.settings import Settings, get_settings
from assistant.store import MatterStore

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = REPO_ROOT / "examples" / "claims"


class Unavailable(RuntimeError):
    """A part of ``assistant`` this page needs is missing or not implemented yet."""


def _module(name: str) -> Any:
    """Import ``name`` or raise Unavailable naming it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise Unavailable(f"{name}: {exc}") from exc


def settings() -> Settings:
    """Settings from the environment (``LEXMEMO_*``), read afresh on every run (cheap, no side effects)."""
    return get_settings()


@st.cache_resource(show_spinner=False)
def _store(path: str) -> MatterStore:
    return MatterStore(path)


def raw_store(s: Settings) -> MatterStore:
    """The whole matter store, unfiltered (one object per process): only for what is no one lawyer's matter data."""
    return _store(s.database_url or str(s.db_path))


def store(s: Settings) -> Any:
    """The matter store as this session may use it: in team mode the signed-in lawyer's ``LawyerView`` (only their
    own and shared matters, every access audited), else the whole store (local use, nothing changes)."""
    user = current_user(s)
    if user is None:
        return raw_store(s)
    from assistant.store.audit import LawyerView

    return LawyerView(raw_store(s), user, log=_run_audit_log(s))


# The reads of one run are audited together (a write's row goes in with the write itself, see store/audit.py):
# each view of this run keeps its read rows in the run's log, written by flush_audit() when the run ends (app.py).
_RUN = threading.local()


def _run_audit_log(s: Settings) -> Any:
    from assistant.store.audit import AuditLog
    from assistant.store.audit_spool import default_path

    logs = _RUN.__dict__.setdefault("logs", {})
    target = s.database_url or str(s.db_path)
    if target not in logs:
        store = raw_store(s)
        # reads the database cannot take when the run ends wait in this spool for the next run (store/audit_spool.py)
        logs[target] = AuditLog(store, spool=default_path(store.backend, s.data_dir))
    return logs[target]


def flush_audit() -> None:
    """Write the audit rows this run's reads left waiting, in one transaction (app.py calls it as a run ends)."""
    logs = _RUN.__dict__.pop("logs", {})
    for log in logs.values():
        log.flush()


# --- team mode: who is signed in (issue 17) ---------------------------------------------------------------------
# The sign-in gate (assistant/auth, in front of Streamlit in team mode) authenticates every request, strips any
# incoming copy of these headers and sets the user one to the signed-in user name, the gate one to the per-launch
# secret `lexmemo ui` gave Streamlit in GATE_SECRET_ENV. Streamlit exposes the headers of the session's initial
# (websocket) request as st.context.headers; AppTest cannot send headers, so the UI tests patch streamlit's client
# context (tests/ui/test_team_*.py) rather than this module having a test-only input.
USER_HEADER = "X-Lexmemo-User"
GATE_HEADER = "X-Lexmemo-Gate"
GATE_SECRET_ENV = "LEXMEMO_GATE_SECRET"


def sign_in_required(s: Settings) -> bool:
    """Whether the workspace runs behind the sign-in gate (team preset or a non-loopback address)."""
    return bool(getattr(s, "sign_in_required", s.preset == "team"))


def current_user(s: Settings | None = None) -> str | None:
    """The signed-in lawyer's user name in team mode, None in local use; in team mode without a valid signed-in
    user, the page shows only 未登录 and the run stops (defence in depth behind the gate: never any matter)."""
    s = s or settings()
    if not sign_in_required(s):
        return None
    headers = st.context.headers
    user = (headers.get(USER_HEADER) or "").strip()
    if user and _from_gate(headers.get(GATE_HEADER)) and _active_user(s, user):
        return user
    st.error("未登录：请通过工作区的登录页登录（Not signed in: sign in through the workspace's sign-in page）。")
    st.stop()
    return None  # not reached: st.stop() ends the run


def _from_gate(sent: str | None) -> bool:
    """The request carries this launch's gate secret: another local account connecting to Streamlit's internal
    port directly cannot know it, so its forged user header counts for nothing (no secret set: nobody is trusted)."""
    import hmac
    import os

    secret = os.environ.get(GATE_SECRET_ENV, "")
    # Compared as bytes in constant time: the time taken says nothing about how much of a guess was right.
    return bool(secret) and bool(sent) and hmac.compare_digest(sent.encode("utf-8"), secret.encode("utf-8"))


def _active_user(s: Settings, username: str) -> bool:
    """The header names an existing, enabled lawyer (a user disabled since sign-in loses access at once)."""
    from assistant.store import StoreError

    try:
        return not _user_store(s.database_url or str(s.db_path)).get(username).disabled
    except StoreError:  # no such user (a database that cannot be read raises: the page shows why, not 未登录)
        return False


def visible_matters(store_or_view: Any = None) -> list[Any]:
    """The matters this session may see, most recently changed first (team mode: owned or shared, the listing
    audited). Lists of matters (sidebar, first-page search in views/matters_list.py and views/orientation.py) call
    this or ``store(s).list_matters()``, never ``raw_store``, so no list shows another lawyer's matter."""
    return (store_or_view if store_or_view is not None else store(settings())).list_matters()


def record_export(matter_id: str, kind: str) -> None:
    """Download-button callback: in team mode write who exported which matter's memo (md/docx) to the audit table.
    (The memo itself was read through the lawyer's view; this records that it left the workspace.)"""
    s = settings()
    user = current_user(s)
    if user is not None:
        from assistant.store.audit import record

        record(raw_store(s), user, "export", matter_id, kind)


def users(s: Settings) -> list[Any]:
    """The firm's active lawyers (for the 共享 control): user name and display name, disabled ones left out."""
    return [u for u in _user_store(s.database_url or str(s.db_path)).list() if not u.disabled]


@st.cache_resource(show_spinner=False)
def _user_store(target: str) -> Any:
    from assistant.store.users import UserStore

    return UserStore(target)  # its schema check once per process, not on every run


def batches(s: Settings) -> Any:
    """Saved triage batches as this session may use them: team mode, the lawyer's own (``BatchView``, audited)."""
    from assistant.store.batches import BatchStore, BatchView

    whole = BatchStore.open(s)
    user = current_user(s)
    return whole if user is None else BatchView(whole, user, log=_run_audit_log(s))


def examples() -> dict[str, Path]:
    """Worked examples (spec §6) shipped as ClaimFacts JSON: name → file."""
    if not EXAMPLES_DIR.is_dir():
        return {}
    return {p.stem: p for p in sorted(EXAMPLES_DIR.glob("*.json"))}


# --- core ----------------------------------------------------------------------------------------------------
def facts_model(data: dict[str, Any]) -> Any:
    """Validate a facts dict as ``ClaimFacts`` (raises pydantic's ValidationError)."""
    from assistant.core import ClaimFacts

    return ClaimFacts(**data)


def facts_errors(exc: Exception) -> list[str]:
    """One line per bad field, from the core's own error formatter."""
    from assistant.core import facts_error_messages

    try:
        return facts_error_messages(exc)  # type: ignore[arg-type]
    except Exception:
        return [str(exc)]


def classify(facts: Any, doctrine: str) -> Any:
    """``assistant.core.classify``; Unavailable while the engine is still a stub."""
    core = _module("assistant.core")
    try:
        return core.classify(facts, doctrine=doctrine)
    except NotImplementedError as exc:
        raise Unavailable(str(exc)) from exc


def verdict_summary(verdict: Any) -> str | None:
    """The core's readable Chinese summary, when the renderer exists."""
    try:
        return _module("assistant.core.render").verdict_summary_zh(verdict)
    except (Unavailable, AttributeError, NotImplementedError):
        return None


# --- corpus and retrieval -------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _corpus(corpus_dir: str | None) -> Any:
    mod = _module("assistant.corpus")
    return mod.load_corpus(Path(corpus_dir)) if corpus_dir else mod.load_corpus()


def corpus(s: Settings) -> Any:
    """The loaded corpus for these settings (cached per corpus dir)."""
    return _corpus(str(s.corpus_dir) if s.corpus_dir else None)


def index_ready(s: Settings) -> bool:
    """Whether the retrieval index has been built under ``settings.index_dir``."""
    try:
        from assistant.retrieval.index import stale_reason
    except ImportError:
        return False
    try:
        return stale_reason(s, corpus(s), s.embedder) is None
    except Exception:
        return False


def _retriever(index_dir: str, _settings: Settings) -> Any:
    # the process's one open index, shared with the draft button's draft_memo; reopened after a rebuild (issue 18)
    return _module("assistant.retrieval").Retriever.shared(_settings, corpus=corpus(_settings))


def search(s: Settings, query: str, k: int = 5) -> list[Any]:
    """Top-k passages for ``query`` (the index must already be built: ``lexmemo index``)."""
    if not index_ready(s):
        raise Unavailable("索引尚未建立或已过期：请先运行 `lexmemo index`（the index is not built: run `lexmemo index`）")
    return _retriever(str(s.index_dir), s).search(query, k=k, mode=s.retrieval_mode)


def query_for(facts: Any) -> str:
    """The retrieval query for a matter: the narrative, else a description built from the known facts (drafting's)."""
    try:
        return _module("assistant.drafting.retrieve").narrative_query(facts)
    except (Unavailable, AttributeError):
        return (getattr(facts, "narrative", None) or "").strip()


def similar_cases(verdict: Any, facts: Any, s: Settings, limit: int = 3) -> list[str]:
    """Ids of the corpus cases most like this verdict (the drafting module's own choice of cases for the memo)."""
    passages = _module("assistant.drafting.passages")
    return passages.similar_case_ids(verdict, facts, corpus(s), limit=limit)


# --- extraction and triage ------------------------------------------------------------------------------------
def extract(narrative: str) -> tuple[dict[str, Any], dict[str, str], dict[str, Any] | None]:
    """Facts the triage extractor found in ``narrative``, per field the text it relied on, and its cut (or None).

    The cut (``{"read": n, "total": m, "note": …}``) says the extractor read only the first ``n`` of ``m``
    characters: facts said after it were not read and stay unknown, and the lawyer must be told (issue 14).
    """
    mod = _module("assistant.triage")
    if not hasattr(mod, "extract_facts"):
        raise Unavailable("assistant.triage.extract_facts is not there yet")
    try:
        result = mod.extract_facts(narrative)
    except NotImplementedError as exc:
        raise Unavailable(str(exc)) from exc
    facts = result.facts.model_dump(mode="json", exclude_none=True)
    facts.pop("narrative", None)
    spans = {name: (span[2] if isinstance(span, (tuple, list)) else str(span)) for name, span in result.spans.items()}
    cut = None
    if getattr(result, "cut", None):
        # what was read is the narrative the extractor kept (facts.narrative), whatever its limit is today
        read = len(result.facts.narrative or "")
        cut = {"read": read, "total": len(narrative), "note": str(result.cut)}
    return facts, spans, cut


# --- drafting and guard ---------------------------------------------------------------------------------------
@dataclass
class Draft:
    """What the memo panel needs of a drafting result."""

    memo: str
    report: Any  # the guard's GuardReport object (highlight needs it)
    guard: dict[str, Any]  # report.to_json(): ok, unresolved, out_of_force, conclusion_mismatches, unlisted
    needs_review: bool
    receipt: dict[str, Any]
    drafter: str


def draft(facts: Any, s: Settings, drafter: str, doctrine: str) -> Draft:
    """Draft the memo with ``drafter`` (a ``settings.llm`` value); the LLM's errors propagate to the page."""
    mod = _module("assistant.drafting")
    if not hasattr(mod, "draft_memo"):
        raise Unavailable("assistant.drafting.draft_memo is not there yet")
    update: dict[str, Any] = {"llm": drafter}
    if drafter == "template":
        update["chat_model"] = None  # the offline drafter is always the template, whatever is injected
    result = mod.draft_memo(facts, settings=s.model_copy(update=update), doctrine=doctrine, corpus=corpus(s))
    return Draft(memo=result.markdown, report=result.report, guard=result.report.to_json(),
                 needs_review=bool(result.needs_review), receipt=dict(result.receipt or {}), drafter=result.drafter)


def check(
    markdown: str, verdict: Any, event_date: date | None, receipt: dict[str, Any] | None, s: Settings,
    facts: Any = None,
) -> Any:
    """Re-run the guard on an (edited) memo with the allowed ids and citation keys of the draft it came from, and
    (given the ClaimFacts) its facts check: a sentence contradicting the current facts is a finding."""
    mod = _module("assistant.guard")
    receipt = receipt or {}
    allowed = receipt.get("allowed_ids")
    kwargs = {"facts": facts} if facts is not None else {}
    return mod.check_memo(markdown, verdict, event_date=event_date,
                          allowed_ids=set(allowed) if allowed is not None else None,
                          key_table=receipt.get("key_table"), corpus=corpus(s), **kwargs)


def highlight(markdown: str, report: Any) -> str:
    """The memo with ``⚠需复核`` notes after each failing span (the guard's own rendering)."""
    return _module("assistant.guard").highlight(markdown, report)


def mark_for_review(markdown: str, findings: list[str]) -> str:
    """The memo with 【需复核】 in its title and ``findings`` as its first paragraph (unchanged when none)."""
    return _module("assistant.drafting.docx_export").mark_for_review(markdown, findings)


def docx_bytes(markdown: str, findings: list[str] | None = None, subject: str | None = None) -> bytes:
    """The memo as a Word document (``memo_to_docx`` into a temporary file), marked 需复核 with ``findings``."""
    import tempfile

    mod = _module("assistant.drafting.docx_export")
    if not hasattr(mod, "memo_to_docx"):
        raise Unavailable("assistant.drafting.docx_export.memo_to_docx is not there yet")
    header = {"事由": subject} if subject else None
    with tempfile.TemporaryDirectory(prefix="lexmemo-docx-") as tmp:
        return mod.memo_to_docx(markdown, Path(tmp) / "memo.docx", findings=findings or (), header=header).read_bytes()


# --- triage ---------------------------------------------------------------------------------------------------
def read_claims(data: bytes, filename: str) -> tuple[list[Any], str]:
    """Parse an uploaded claims file (CSV/JSONL/XLSX; UTF-8, BOM or GB18030) into input rows (bad rows marked)."""
    return _module("assistant.triage").read_claims(data, Path(filename).suffix)


def triage_rows(rows: list[Any], doctrine: str, on_row: Any) -> list[dict[str, Any]]:
    """Triage every row (a bad row carries its ``error``), calling ``on_row(done, record)``; sorted by priority."""
    return _module("assistant.triage").triage_rows(rows, doctrine, on_row=on_row)


def triage_table(records: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The triage output's columns and cells for display: lists flattened as the CLI writes them, unknowns empty."""
    mod = _module("assistant.triage.io")
    columns = tuple(_module("assistant.triage").OUTPUT_COLUMNS)
    # None stays None (a numeric column with gaps still sorts as numbers in the table).
    return columns, [[None if r.get(c) is None else mod.cell(c, r.get(c)) for c in columns] for r in records]


def triage_bytes(records: list[dict[str, Any]], fmt: str) -> bytes:
    """The triage table as csv / xlsx / jsonl bytes (the CLI's own writers)."""
    return _module("assistant.triage").table_bytes(records, fmt)


# --- eval report ----------------------------------------------------------------------------------------------
def _eval_summary() -> Any:
    """``evals.report.summary`` (the repo's ``evals`` package is not installed: put the repo on the path)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.append(str(REPO_ROOT))
    return _module("evals.report.summary")


def eval_report_dir() -> Path:
    """The default report directory: ``settings.eval_report_dir``, else ``evals/reports/latest`` in the repository."""
    return settings().eval_report_dir or _eval_summary().DEFAULT_REPORT_DIR


def eval_report(path: str | Path) -> Any:
    """The eval run found at ``path`` as a ``ReportView``, or None (raises OSError/ValueError on an unreadable JSON)."""
    return _eval_summary().read_report(path)


def eval_command(path: str | Path) -> str:
    """The command that writes a full eval report into ``path``."""
    return _eval_summary().command_for(path)
