"""The jieba tokenizer with the legal user dictionary."""

from assistant.retrieval.tokenize import LegalTokenizer


def test_legal_terms_stay_whole(tmp_path):
    tk = LegalTokenizer(tmp_path)
    tokens = tk.tokens("电子商务平台经营者未尽到安全保障义务的，依法承担相应的责任，与平台内经营者承担连带责任。")
    for term in ("电子商务平台经营者", "安全保障义务", "相应的责任", "平台内经营者", "连带责任"):
        assert term in tokens
    # search mode also yields the sub-words, so a shorter query word still matches
    assert "平台" in tokens and "经营者" in tokens


def test_stopwords_and_punctuation_dropped(tmp_path):
    tokens = LegalTokenizer(tmp_path).tokens("外卖吃出问题，平台要赔吗？！ 的 了")
    assert "外卖" in tokens and "平台" in tokens
    for junk in ("，", "？", "！", " ", "的", "了", "吗", "要"):
        assert junk not in tokens


def test_jieba_cache_written_in_cache_dir(tmp_path):
    LegalTokenizer(tmp_path).tokens("先行赔付")
    assert (tmp_path / "jieba.cache").is_file()


def test_latin_lowercased(tmp_path):
    assert "app" in LegalTokenizer(tmp_path).tokens("外卖APP")
