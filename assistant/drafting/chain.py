"""The drafting chain: verdict + passages → memo → guard → (one repair) → guard → memo marked 需复核 if needed.

``draft_memo`` is the public entry point. The template drafter renders the memo itself; every other drafter
is a langchain chat model (``assistant.drafting.llm``) in the chain prompt → model → parse. The guard runs on
every memo whatever wrote it; a failing memo is never stripped: its failures are highlighted in place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.core import ClaimFacts, classify
from assistant.drafting.context import DraftContext
from assistant.drafting.llm import ModelChoice, choose_model
from assistant.drafting.parse import ParsedMemo, parse_reply
from assistant.drafting.authorities import memo_authority_groups
from assistant.drafting.passages import keyed_passages
from assistant.drafting.prompts import render_prompt
from assistant.drafting.receipt import build_receipt
from assistant.drafting.retrieve import narrative_passages
from assistant.drafting.template import draft_template
from assistant.guard import MARK, check_memo, highlight
from assistant.memo.sections import split_sections

if TYPE_CHECKING:  # imported lazily at run time: the boundary loads langchain (issue 18)
    from assistant.drafting.boundary import ModelCallError

REVIEW_BANNER = "> **需复核**：本备忘录{how}仍未通过引证与结论核查，共 {n} 处问题，已在文中以“{mark}”标出；律师核对前不得使用。"


class DraftingError(RuntimeError):
    """The drafter could not produce any memo (the model failed on the first call)."""


@dataclass
class DraftResult:
    """One drafted memo: Markdown, sections, final guard report, review flag, receipt, drafter and model."""

    markdown: str
    sections: dict[str, str]
    report: Any
    needs_review: bool
    receipt: dict
    drafter: str
    model: str | None
    verdict: Any
    context: DraftContext
    missing_sections: tuple[str, ...] = ()
    attempts: list[dict] = field(default_factory=list)


def _load_corpus(settings: Any) -> Any:
    from assistant.corpus import load_corpus

    return load_corpus(settings.corpus_dir) if getattr(settings, "corpus_dir", None) else load_corpus()


def build_context(facts: ClaimFacts, verdict: Any, corpus: Any, settings: Any,
                  passages: list[Any] | None = None) -> tuple[DraftContext, str]:
    """The memo's inputs with keyed passages; also says where the narrative passages came from."""
    if passages is not None:
        extra, source = list(passages), "given"
    else:
        extra, source = narrative_passages(facts, verdict, corpus, settings)
    groups = memo_authority_groups(facts, verdict, corpus, extra, "given" if passages is not None else "retrieval")
    return DraftContext(facts=facts, verdict=verdict, passages=keyed_passages(corpus, groups), corpus=corpus,
                        passages_note=source), source


def guard(ctx: DraftContext, markdown: str) -> Any:
    """The guard's report on a memo, against this verdict, event date, allowed set and key table."""
    # facts: the guard's fact check and the decision date of interpretations, exactly as `lexmemo verify` runs it
    return check_memo(markdown, ctx.verdict, event_date=ctx.event_date, allowed_ids=ctx.guard_allowed,
                      key_table=ctx.key_table, corpus=ctx.corpus, facts=ctx.facts)


def findings_text(report: Any, missing: tuple[str, ...]) -> list[str]:
    """The guard's findings (and missing sections) as lines for the repair prompt and the banner."""
    lines = [f"{f.text}：{f.reason}" if f.text else f.reason for f in report.findings]
    if missing:
        lines.append("缺少以下部分：" + "、".join(missing))
    return lines


def mark_for_review(markdown: str, report: Any, missing: tuple[str, ...], how: str) -> str:
    """Highlight every failure in place and put the 需复核 banner under the title; nothing is removed."""
    marked = highlight(markdown, report)
    n = len(report.findings) + len(missing)
    banner = REVIEW_BANNER.format(how=how, n=n, mark=MARK)
    if missing:
        banner += f"\n>\n> **{MARK}：缺少以下部分：{'、'.join(missing)}**"
    head, _, rest = marked.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{banner}\n\n{rest.lstrip(chr(10))}"
    return f"{banner}\n\n{marked}"


def memo_chain(model: Any, title: str) -> Any:
    """The langchain runnable: messages → chat model → ParsedMemo (a pure parse of the reply)."""
    from langchain_core.runnables import RunnableLambda  # langchain only for a model drafter (issue 18)

    return model | RunnableLambda(lambda reply: parse_reply(reply, title))


def _call(chain: Any, messages: list[Any], secrets: tuple[str, ...]) -> tuple[Any, ModelCallError | None, float]:
    """One model call through the chain: (parsed memo or None, redacted error or None, seconds taken).

    The chosen model is a BoundedChatModel (one total deadline, redacted errors); anything else that fails on
    the way (the parse) is redacted here too, so no error leaves the chain with the key in it.
    """
    from assistant.drafting.boundary import ModelCallError, describe_error  # imports langchain: model drafters only

    start = time.monotonic()
    try:
        return chain.invoke(messages), None, round(time.monotonic() - start, 3)
    except ModelCallError as exc:
        error = exc
    except Exception as exc:  # noqa: BLE001 - any failure at the model boundary
        error = describe_error(exc, secrets)
    seconds = round(time.monotonic() - start, 3)
    if error.elapsed_s is None:
        error.elapsed_s = seconds
    return None, error, seconds


def _attempt(kind: str, parsed: ParsedMemo | None, report: Any, error: str | None = None,
             seconds: float | None = None) -> dict:
    """One attempt's record for the receipt (``seconds``: how long the model call took, for a model draft)."""
    out: dict[str, Any] = {"kind": kind}
    if seconds is not None:
        out["seconds"] = seconds
    if parsed is not None:
        out["missing_sections"] = list(parsed.missing)
    if report is not None:
        out["guard"] = report.to_json()
    if error:
        out["error"] = error
    return out


def _draft_with_model(ctx: DraftContext, choice: ModelChoice) -> tuple[str, Any, tuple[str, ...], list[dict], bool]:
    """First draft, guard, one repair if needed, the same full guard again; returns memo, report, missing,
    attempts, repaired. Each call has one total deadline (the model is bounded), so a hung endpoint costs at
    most twice LEXMEMO_LLM_TIMEOUT_S."""
    from langchain_core.messages import HumanMessage, SystemMessage  # the template drafter never loads langchain

    variables = ctx.prompt_variables()
    system = SystemMessage(content=render_prompt("system", variables))
    user = HumanMessage(content=render_prompt("user", variables))
    chain = memo_chain(choice.chat_model, ctx.title)
    parsed, failure, seconds = _call(chain, [system, user], choice.secrets)
    if failure is not None:  # raised outside any except block: no context chain that could quote the key
        raise DraftingError(f"the drafter failed before producing a memo: {failure}") from failure
    report = guard(ctx, parsed.markdown)
    attempts = [_attempt("draft", parsed, report, seconds=seconds)]
    if report.ok and parsed.complete:
        return parsed.markdown, report, parsed.missing, attempts, False
    repair = HumanMessage(content=render_prompt(
        "repair", ctx.repair_variables(parsed.markdown, findings_text(report, parsed.missing))))
    repaired, failure, seconds = _call(chain, [system, user, repair], choice.secrets)
    if failure is not None:  # keep the first draft, marked for review; the error is redacted
        attempts.append(_attempt("repair", None, None, error=str(failure), seconds=seconds))
        return parsed.markdown, report, parsed.missing, attempts, True
    # The repair is a new memo from the same model: it gets the same full guard as the first draft, and only
    # that report decides (issue 11: a repair into a form the first check did not see must not pass on trust).
    report2 = guard(ctx, repaired.markdown)
    attempts.append(_attempt("repair", repaired, report2, seconds=seconds))
    return repaired.markdown, report2, repaired.missing, attempts, True


def draft_memo(facts: ClaimFacts | dict, *, settings: Any, doctrine: str | None = None,
               passages: list[Any] | None = None, corpus: Any = None) -> DraftResult:
    """Classify the facts, draft the memo with the drafter ``settings.llm`` chooses, guard it, make the receipt.

    ``passages`` (objects with an ``id``, or ids) replace the narrative retrieval; ``doctrine`` overrides
    ``settings.doctrine``. Raises pydantic's ValidationError for bad facts, DrafterConfigError for a bad
    ``settings.llm``, DraftingError when a model fails before producing any memo.
    """
    facts = facts if isinstance(facts, ClaimFacts) else ClaimFacts.model_validate(facts)
    profile = doctrine or settings.doctrine
    verdict = classify(facts, doctrine=profile)
    corpus = corpus if corpus is not None else _load_corpus(settings)
    choice = choose_model(settings)
    ctx, source = build_context(facts, verdict, corpus, settings, passages)
    if choice.chat_model is None:
        markdown = draft_template(ctx)
        report = guard(ctx, markdown)
        missing: tuple[str, ...] = ()  # the template always writes the eight sections
        attempts, how = [_attempt("draft", None, report)], ""
    else:
        markdown, report, missing, attempts, repaired = _draft_with_model(ctx, choice)
        how = "经一次修改后" if repaired else ""
    needs_review = not report.ok or bool(missing)
    if needs_review:
        markdown = mark_for_review(markdown, report, missing, how)
    receipt = build_receipt(ctx=ctx, drafter=choice.drafter, model=choice.model, report=report, attempts=attempts,
                            needs_review=needs_review, markdown=markdown, passages_source=source)
    return DraftResult(markdown=markdown, sections=split_sections(markdown), report=report,
                       needs_review=needs_review, receipt=receipt, drafter=choice.drafter, model=choice.model,
                       verdict=verdict, context=ctx, missing_sections=missing, attempts=attempts)
