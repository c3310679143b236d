"""The dense subset is data (dense_subset.yaml) and follows the product: every provision a rule cites is embedded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.corpus import load_corpus
from assistant.retrieval.subset import RULE_FILE, default_rule, load_rule, needs_dense

CORE = Path(__file__).resolve().parents[2] / "assistant" / "core"
PROVISION = re.compile(r"[\"']((?:ECL|CPLR|CPL|FSLR|FSL|TLL|PQL|CC|CPROC|DAL|SPC-[A-Z0-9]+)-\d+(?:-\d+)*)[\"']")


@pytest.fixture(scope="module")
def passages():
    return load_corpus().passages()


def _resolving(pid: str, ids: set[str]) -> list[str]:
    return [i for i in ids if i == pid or i.startswith(pid + "-")]


def test_every_provision_the_core_cites_is_embedded(passages):
    ids = {p.id for p in passages}
    by_id = {p.id: p for p in passages}
    cited = {m for path in CORE.rglob("*.py") for m in PROVISION.findall(path.read_text(encoding="utf-8"))}
    assert len(cited) > 50, "the scan found too few provision ids in assistant/core"
    missing = sorted(pid for pid in cited for i in _resolving(pid, ids) if not needs_dense(by_id[i]))
    assert not missing, f"cited by a rule but not embedded: {missing[:20]}"


def test_remedies_limitation_and_forum_provisions_are_embedded(passages):
    by_id = {p.id: p for p in passages}
    for pid in ("CPL-55-1", "FSL-148-2", "CC-188-1", "CC-188-2", "CC-195", "CPROC-29", "SPC-CPI-20", "SPC-CPI-31",
                "SPC-CPI-26", "CC-1183-1"):
        assert needs_dense(by_id[pid]), pid


def test_procedure_outside_the_cited_articles_stays_lexical(passages):
    by_id = {p.id: p for p in passages}
    for pid in ("CPROC-1", "CPROC-67-1", "SPC-CPI-1"):
        if pid in by_id:
            assert not needs_dense(by_id[pid]), pid
    dense = sum(needs_dense(p) for p in passages)
    assert dense < len(passages) / 2, "the dense subset should stay a minority of the corpus"


def test_every_listed_citation_resolves(passages):
    ids = {p.id for p in passages}
    unresolved = sorted(pid for pid in default_rule().cited if not _resolving(pid, ids))
    assert not unresolved, unresolved


def test_the_rule_version_is_the_file_hash(tmp_path):
    copy = tmp_path / "rule.yaml"
    copy.write_bytes(RULE_FILE.read_bytes())
    assert load_rule(copy).version == default_rule().version
    copy.write_text(RULE_FILE.read_text(encoding="utf-8") + "\n# a comment changes the version\n", encoding="utf-8")
    assert load_rule(copy).version != default_rule().version


def test_malformed_rule_is_reported(tmp_path):
    bad = tmp_path / "rule.yaml"
    bad.write_text("articles:\n  CC: [[1]]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="malformed"):
        load_rule(bad)
