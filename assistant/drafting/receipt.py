"""The audit receipt of one memo: what it was drafted from, by what, and what the guard said.

The memo body carries no timestamp (byte-identical memos for identical inputs); the receipt does.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.drafting.prompts import PROMPT_VERSION
from assistant.drafting.provenance import canonical_json, rules_version, sha256_text, verdict_hash
from assistant.drafting.narrative import cut_record

RECEIPT_VERSION = 1


def build_receipt(*, ctx: Any, drafter: str, model: str | None, report: Any, attempts: list[dict],
                  needs_review: bool, markdown: str, passages_source: str, now: datetime | None = None) -> dict:
    """The receipt as JSON data; ``now`` defaults to the current UTC time (the only clock read in drafting)."""
    facts_json = ctx.facts.model_dump(mode="json")
    return {
        "receipt_version": RECEIPT_VERSION,
        "timestamp": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "corpus_hash": ctx.corpus.hash,
        "rules_version": rules_version(),
        "doctrine": ctx.verdict.doctrine.profile,
        "drafter": drafter,
        "model": model,
        "prompt_version": PROMPT_VERSION,
        "facts_hash": sha256_text(canonical_json(facts_json)),
        "verdict_hash": verdict_hash(ctx.verdict),
        "memo_sha256": sha256_text(markdown),
        "event_date": facts_json.get("event_date"),
        "guard": report.to_json(),
        "needs_review": needs_review,
        "attempts": attempts,
        "passages_source": passages_source,
        "allowed_ids": ctx.allowed_ids,
        "key_table": ctx.key_table,
        # issue 14: a narrative longer than the memo quotes is recorded as cut (absent when it is whole)
        **({"narrative_cut": cut} if (cut := cut_record(ctx.facts.narrative)) else {}),
    }


def write_receipt(receipt: dict, path: str | Path) -> Path:
    """Write the receipt as indented UTF-8 JSON."""
    path = Path(path)
    path.write_text(json.dumps(receipt, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
