"""The narrative passages of a memo: top-k retrieval when the index is built, else none (and say so).

Drafting never builds the index (a dense build takes minutes); ``lexmemo index`` does. Hits not in force on
the event date are dropped: a memo may only be offered authorities it can cite.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.drafting.facts_zh import VALUE_LABELS

TOP_K = 5
#: The query reads at most this much narrative (issue 14): the encoder keeps 512 tokens anyway, and a 5 MB paste
#: must not stall drafting; the cut is recorded in the passages' source note.
QUERY_LIMIT = 2_000


def narrative_query(facts: Any) -> str:
    """The search query: the client's narrative (its first QUERY_LIMIT characters), else a short description."""
    if facts.narrative and facts.narrative.strip():
        return facts.narrative.strip()[:QUERY_LIMIT]
    parts = ["电子商务平台"]
    if facts.category:
        parts.append(VALUE_LABELS["category"][facts.category])
    if facts.qualification_review_done is False:
        parts.append("未审核平台内经营者资质资格")
    if facts.safety_duty_done is False:
        parts.append("未尽安全保障义务")
    if facts.knew_or_should_have_known:
        parts.append("知道或者应当知道未采取必要措施")
    if facts.merchant_identity_provided is False:
        parts.append("不能提供销售者真实名称地址")
    parts.append({"personal_injury": "造成消费者人身损害", "property_loss": "造成消费者财产损失"}.get(facts.harm or "", "消费者损害"))
    return " ".join(parts)


def narrative_passages(facts: Any, verdict: Any, corpus: Any, settings: Any) -> tuple[list[Any], str]:
    """Top-k hits for the narrative and a note of their source (``retrieval:hybrid``, or why there are none)."""
    try:
        from assistant.retrieval import Retriever
        from assistant.retrieval.index import stale_reason
    except ImportError as exc:  # retrieval not installed in this build
        return [], f"verdict citations only: retrieval unavailable ({exc})"
    reason = stale_reason(settings, corpus, settings.embedder)
    if reason is not None:
        return [], f"verdict citations only: retrieval index not built ({reason}); run `lexmemo index`"
    mode = getattr(settings, "retrieval_mode", "hybrid")
    try:
        retriever = Retriever.shared(settings, corpus=corpus)  # one open index per process (issue 18)
        hits = retriever.search(narrative_query(facts), k=TOP_K, mode=mode)
    except Exception as exc:  # noqa: BLE001 - drafting goes on without narrative passages, and says why
        return [], f"verdict citations only: retrieval failed ({type(exc).__name__}: {exc})"
    on = facts.event_date or date.today()
    usable = [h for h in hits if corpus.resolve(h.id) and corpus.in_force(h.id, on)]
    cut = len((facts.narrative or "").strip()) > QUERY_LIMIT
    return usable, f"retrieval:{mode} top-{TOP_K}" + (f" (query: first {QUERY_LIMIT} characters of the narrative)" if cut else "")
