"""The on-demand jieba words file gives the same tokens as jieba's whole dictionary (issue 18, cold start)."""

from __future__ import annotations

import pytest

from assistant.retrieval.jieba_words import WORDS_FILE, open_words
from assistant.retrieval.jieba_words import words_key
from assistant.retrieval.tokenize import LEGAL_TERMS, USER_FREQ, LegalTokenizer


@pytest.fixture(scope="module")
def tokenizers(tmp_path_factory):
    """(full dictionary, on-demand words file) tokenizers over one fresh cache directory."""
    cache = tmp_path_factory.mktemp("jieba-cache")
    full = LegalTokenizer(cache, on_demand=False)
    full.tokens("预热")
    assert full.write_words() == cache / WORDS_FILE
    lazy = LegalTokenizer(cache)
    lazy.tokens("预热")
    assert lazy.lookup, "the on-demand tokenizer did not open the words file"
    return full, lazy


def test_identical_tokens_on_every_corpus_passage(tokenizers):
    from assistant.corpus import load_corpus

    full, lazy = tokenizers
    corpus = load_corpus()
    passages = corpus.passages()
    assert len(passages) > 1000
    # every curated passage, and every 10th of the 40k national-law ones (issue 19: all of them took ~2 min)
    national = [p for p in passages if p.code in corpus.national_codes]
    passages = [p for p in passages if p.code not in corpus.national_codes] + national[::10]
    for p in passages:
        text = f"{p.title}\n{p.text}"
        assert lazy.tokens(text) == full.tokens(text), p.id


def test_identical_tokens_on_every_labelled_query(tokenizers):
    from assistant.retrieval.evaluate import load_queries

    full, lazy = tokenizers
    for q in load_queries():
        assert lazy.tokens(q.query) == full.tokens(q.query), q.id


def test_identical_tokens_on_unknown_words_and_mixed_text(tokenizers):
    full, lazy = tokenizers
    for text in ("外卖APP吃坏肚子了怎么办？退一赔三！", "ＡＢＣ１２３", "", "   ", "郭德纲在抖音直播间卖的螺蛳粉", "𠀀𠀁"):
        assert lazy.tokens(text) == full.tokens(text)


def test_stale_words_file_is_not_used(tmp_path):
    full = LegalTokenizer(tmp_path, on_demand=False)
    full.write_words()
    assert open_words(tmp_path / WORDS_FILE, words_key(LEGAL_TERMS, USER_FREQ)) is not None
    # another user-term list (a changed LEGAL_TERMS) must not read this file: the key differs
    assert open_words(tmp_path / WORDS_FILE, words_key(LEGAL_TERMS + ("新术语",), USER_FREQ)) is None


def test_without_words_file_full_jieba_is_used(tmp_path):
    tk = LegalTokenizer(tmp_path)
    assert "安全保障义务" in tk.tokens("未尽到安全保障义务")
    assert not tk.lookup
