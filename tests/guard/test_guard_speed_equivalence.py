"""Issue 18: the guard's shortcuts give exactly what the plain computations give.

Each shortcut (phrase rules run only on lines holding an anchor word, the normaliser's one-translate path, one
alternation before the per-term search, the cached law-name map) is compared with the plain computation on every
worked-example memo under every doctrine profile, and on texts built to break it.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from assistant.core import DOCTRINES
from assistant.corpus import load_corpus
from assistant.drafting import draft_memo
from assistant.guard import fact_phrases, terms
from assistant.guard.names import _names_from_corpus, names_from_corpus
from assistant.guard.normalise import Normalised, _fold, normalise
from assistant.settings import Settings

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "claims").glob("*.json"))


@pytest.fixture(scope="module")
def memos(tmp_path_factory) -> list[str]:
    """Every worked example under every profile (template drafter, no index), plus hostile variants."""
    base = tmp_path_factory.mktemp("speed")
    settings = Settings(data_dir=base / "d", cache_dir=base / "c", llm="template", progress=False)
    corpus = load_corpus()
    out = []
    for path in EXAMPLES:
        facts = json.loads(path.read_text(encoding="utf-8"))
        for profile in DOCTRINES:
            out.append(draft_memo(facts, settings=settings, doctrine=profile, corpus=corpus).markdown)
    rnd = random.Random(18)
    variants = []
    for text in out[:20]:
        lines = text.split("\n")
        rnd.shuffle(lines)
        variants.append("".join(lines))                       # one long line: every anchor in the same line
        variants.append(text.replace("，", "\n"))              # short lines: statements cut at each comma
        variants.append(text.replace("平台", "平台\u200b"))      # format characters: the slow normaliser path
        variants.append(text.replace("审核", "审\n核"))          # an anchor cut by a line break
    return out + variants


def _plain_normalise(text: str) -> Normalised:
    out, origin = [], []
    for i, ch in enumerate(text):
        folded = _fold(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return Normalised("".join(out), tuple(origin), len(text))


def _plain_find_terms(field: str, text: str) -> list[terms.TermHit]:
    taken = [False] * len(text)
    hits = []
    for term, value in terms._patterns(field):
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                hits.append(terms.TermHit(field, value, start, end, term))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, start + 1)
    return sorted(hits, key=lambda hit: hit.start)


def test_phrase_rules_on_anchor_lines_find_what_a_full_scan_finds(memos):
    """Every rule: the same matches (span and words) with and without the anchor-line shortcut."""
    total = 0
    for text in memos:
        text = normalise(text).text
        for (field, pattern, _), anchor in zip(fact_phrases._RULES, fact_phrases._ANCHOR_RES):
            full = [(m.span(), m.group(0)) for m in pattern.finditer(text)]
            fast = [(m.span(), m.group(0)) for m in fact_phrases._finditer(pattern, anchor, text)]
            assert fast == full, field
            total += len(full)
    assert total > 1000  # the memos do state facts: the comparison is not vacuous


def test_every_anchored_rule_needs_its_anchor_and_no_line_break():
    """The shortcut's premise: an anchored rule cannot match without an anchor word or across a line break."""
    for (field, pattern, _), anchor in zip(fact_phrases._RULES, fact_phrases._ANCHOR_RES):
        if anchor is None:
            continue
        assert "\\s" not in pattern.pattern and "." not in pattern.pattern.replace("\\.", ""), field
        for m in pattern.finditer("平台未审核商家的资质，平台已采取必要措施。消费者已完成初步举证。"):
            assert anchor.search(m.group(0)), field


def test_normalise_fast_path_equals_the_character_loop(memos):
    """The one-translate path gives the same text and offsets; format characters and full-width digits too."""
    hostile = ["第１４３８条\u200b连\u200d带", "條項於審", "ｅｃｌ－３８", "ﬁ合同法", "平台\ufeff承担"]
    for text in memos + hostile:
        assert normalise(text) == _plain_normalise(text)
    assert any(len(_fold(ch)) != 1 for text in hostile for ch in text)  # the slow path is exercised too
    assert unicodedata.category("\u200b") == "Cf"


def test_find_terms_with_its_prefilter_equals_the_plain_search(memos):
    """One alternation before the per-term finds changes no hit."""
    seen = 0
    for text in memos[:40]:
        for sentence in text.split("。"):
            for field in terms.TERMS:
                got = terms.find_terms(field, sentence)
                assert got == _plain_find_terms(field, sentence)
                seen += len(got)
    assert seen > 100


def test_law_names_cached_per_corpus_equal_a_fresh_map():
    """The cached name map is the computed one, and a caller extending its copy does not change the cache."""
    corpus = load_corpus()
    first = names_from_corpus(corpus)
    assert first == _names_from_corpus(corpus)
    first["某某法"] = "XX"
    assert "某某法" not in names_from_corpus(corpus)


def test_narrative_lines_masked_as_by_one_search_per_line(memos):
    """The quote lines of the narrative found in one pass are the lines a search per narrative line finds."""
    import re
    from types import SimpleNamespace

    from assistant.guard.facts import narrative_spans

    def per_line(text: str, narrative: str) -> set[tuple[int, int]]:
        spans = set()
        for line in narrative.splitlines():
            line = line.strip()
            if line:
                spans |= {m.span() for m in re.finditer(r"(?m)^>[ \t]*" + re.escape(line) + r"[ \t]*$", text)}
        return spans

    narrative = "我在外卖平台点的麻辣烫。\n  商家无证经营，平台没有审核。\t\n\n\u3000吃完住院了\n> 引号开头"
    quote = "\n".join(f"> {line}" for line in narrative.splitlines() if line.strip())
    texts = [m + "\n\n" + quote + "\n>  我在外卖平台点的麻辣烫。  \n> 别的话\n" for m in memos[:10]]
    facts = SimpleNamespace(narrative=narrative)
    for text in texts:
        got = narrative_spans(text, facts)
        assert set(got) == per_line(text, narrative) and len(got) >= 3
