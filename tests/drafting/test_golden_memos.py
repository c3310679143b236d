"""Golden memos: the template memo of every worked example (default doctrine, decided on a fixed date) is
byte-identical to the file a partner read and signed, tests/drafting/golden/memos/<example>.md.

A change to the drafter, the rules or the corpus that changes a memo fails here until the goldens are
regenerated on purpose (``LEXMEMO_UPDATE_GOLDEN=1``) and the diff read. Only the corpus hash in 声明 is
normalised: it changes with every corpus edit whatever the memo says, and the receipt tests check it.
"""

from __future__ import annotations

import os
import re

import pytest

from assistant.drafting import draft_memo
from .conftest import GOLDEN, example_facts

DECIDED = "2026-12-01"  # a fixed decision date: an unknown one is the run date (spec rule 1), which moves daily
_CORPUS_HASH = re.compile(r"语料版本 [0-9a-f]{12}")


def _normalised(markdown: str) -> str:
    return _CORPUS_HASH.sub("语料版本 <corpus>", markdown)


# The spec's section 6 examples signed so far; an example added later gets its golden when a partner has read it.
SIGNED = ("catering_licence_not_reviewed", "clothing_fakes_ignored", "drug_facts_unknown", "drug_minor_contribution",
          "food_2018_seller_unidentified", "lodging_2020_minor_contribution", "medical_device_not_reviewed",
          "self_operated_food")


@pytest.mark.parametrize("name", SIGNED)
def test_template_memo_matches_its_golden(name, settings, corpus):
    """Each signed example's memo (qin2025; decided 2026-12-01 unless its facts say) equals its golden file."""
    facts = {"decision_date": DECIDED, **example_facts(name)}
    text = _normalised(draft_memo(facts, settings=settings, doctrine="qin2025", corpus=corpus).markdown)
    golden = GOLDEN / "memos" / f"{name}.md"
    if os.environ.get("LEXMEMO_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden for {name}: run with LEXMEMO_UPDATE_GOLDEN=1 and read the memo"
    assert text.encode("utf-8") == golden.read_bytes()
