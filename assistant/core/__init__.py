"""The liability core: ``ClaimFacts`` → ``Verdict`` by deterministic rules (spec ../shared/spec/liability.md).

Public API::

    from assistant.core import ClaimFacts, Verdict, classify
    verdict = classify(facts, doctrine="qin2025")   # facts: ClaimFacts or a dict of the spec's field names
    verdict.model_dump(mode="json")                 # the spec's JSON shape (section 3)
    verdict.on_record, verdict.scenarios            # rule 12 (v1.1): the form on the record, what proof changes
    classify(facts, scenarios=False)                # batch paths that do not show scenarios: skip their search
    classify(facts, trace=False)                    # batch paths: no trace, section 7 computed on first use
"""

from __future__ import annotations

#: Version of the rule set (spec ../shared/spec/liability.md as implemented); memos record it for provenance.
RULES_VERSION = "liability-spec-1.1+remedies-7"

from assistant.core.engine import classify
from assistant.core.models import (
    DOCTRINES,
    FORM_PRECEDENCE,
    AsOf,
    ClaimFacts,
    DoctrineInfo,
    Element,
    MissingFact,
    Scenario,
    TraceEntry,
    Verdict,
    facts_error_messages,
)

__all__ = [
    "RULES_VERSION", "AsOf", "ClaimFacts", "DOCTRINES", "DoctrineInfo", "Element", "FORM_PRECEDENCE", "MissingFact",
    "Scenario", "TraceEntry", "Verdict", "classify", "facts_error_messages",
]
