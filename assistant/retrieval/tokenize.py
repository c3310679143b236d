"""Chinese tokenisation for BM25: jieba (search mode) with a small legal user dictionary, stopwords dropped.

jieba is initialised lazily, once per cache directory. A query reads jieba's dictionary on demand from the words
file ``lexmemo index`` writes there (``assistant.retrieval.jieba_words``: same tokens, no 0.6–3 s load); without
it, jieba loads its whole prefix dictionary and caches it in that directory (``settings.cache_dir``) instead of
the shared system temp dir, where concurrent processes race.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

from assistant.retrieval.jieba_words import WORDS_FILE, lookup_tokenizer, open_words, words_key, write_words

# Terms jieba's general dictionary splits apart but a lawyer reads as one unit. Search mode still emits
# their in-dictionary sub-words (e.g. 平台, 经营者), so a query using a shorter word still matches.
LEGAL_TERMS: tuple[str, ...] = (
    "安全保障义务", "安全保障", "相应的责任", "相应责任", "资质资格", "资质", "连带责任", "补充责任", "按份责任",
    "比例连带责任", "平台内经营者", "电子商务平台经营者", "电子商务平台", "电子商务经营者", "网络交易平台",
    "先行赔付", "食品经营许可证", "食品生产经营者", "网络餐饮服务", "网络餐饮服务平台", "网络食品交易",
    "第三方平台", "过错推定", "过错责任", "无过错责任", "举证责任倒置", "举证责任", "惩罚性赔偿",
    "人身损害", "人身伤害", "财产损失", "生命健康", "消费者权益", "经营者", "销售者", "生产者",
    "服务提供者", "网络直播", "直播间", "直播营销", "必要措施", "通知规则", "知道或者应当知道",
    "真实名称", "有效联系方式", "追偿", "共同侵权", "原因力", "注意义务", "审核义务", "许可证",
    "营业执照", "不可抗力", "产品缺陷", "医疗器械", "外卖", "网购", "自营",
)

USER_FREQ = 200000  # high enough that jieba keeps each legal term whole

# Function words and fillers that carry no retrieval signal (kept small on purpose: in statutes even
# "不" and "未" decide meaning, so negations stay).
STOPWORDS: frozenset[str] = frozenset(
    "的 了 是 在 和 与 或 或者 及 以及 等 对 其 之 为 由 被 把 将 而 也 都 就 则 并 且 该 此 这 那 "
    "我 你 他 她 它 我们 你们 他们 吗 呢 吧 啊 呀 么 嘛 要 会 能 可以 怎么 怎么办 什么 如何 哪 哪些 "
    "有 没 一个 个 上 下 中 向 从 到 给 让 还 又 很 所 所以 因为 如果 但 但是 可 吗 么".split()
)

_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
_lock = threading.Lock()
_tokenizers: dict[str, "LegalTokenizer"] = {}


class LegalTokenizer:
    """A jieba tokenizer with the legal user dictionary; ``tokens(text)`` gives BM25 terms."""

    def __init__(self, cache_dir: Path | None = None, on_demand: bool = True) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.on_demand = on_demand  # False: always the whole dictionary (index builds tokenise every passage)
        self.words_path = self.cache_dir / WORDS_FILE if self.cache_dir else None
        self.lookup = False  # True once initialised from the on-demand words file
        self._jieba = None

    def _init(self):
        """jieba, once: the on-demand words file when ``lexmemo index`` wrote one for these terms, else the full
        prefix dictionary (about a second), cached under ``cache_dir``."""
        if self._jieba is None:
            with _lock:
                if self._jieba is None:
                    import jieba

                    logging.getLogger("jieba").setLevel(logging.WARNING)
                    jieba.setLogLevel(logging.WARNING)
                    table = None
                    if self.on_demand and self.words_path is not None:
                        table = open_words(self.words_path, words_key(LEGAL_TERMS, USER_FREQ))
                    self.lookup = table is not None
                    self._jieba = lookup_tokenizer(table) if table is not None else self._full()
        return self._jieba

    def _full(self):
        """jieba with its whole dictionary loaded and the legal terms added."""
        import jieba

        tk = jieba.Tokenizer()
        if self.cache_dir is not None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tk.tmp_dir = str(self.cache_dir)
            tk.cache_file = "jieba.cache"
        tk.initialize()
        for term in LEGAL_TERMS:
            tk.add_word(term, freq=USER_FREQ)
        return tk

    def write_words(self) -> Path | None:
        """Write the on-demand words file (``lexmemo index`` calls this); a no-op when it is current."""
        if self.words_path is None:
            return None
        key = words_key(LEGAL_TERMS, USER_FREQ)
        if open_words(self.words_path, key) is None:
            tk = self._jieba if self._jieba is not None and not self.lookup else self._full()
            write_words(self.words_path, tk.FREQ, tk.total, key)
        return self.words_path

    def tokens(self, text: str) -> list[str]:
        """Search-mode jieba tokens of ``text``, lower-cased, without punctuation, spaces or stopwords."""
        tk = self._init()
        out = []
        for tok in tk.cut_for_search(text):
            tok = tok.strip().lower()
            if tok and _WORD.search(tok) and tok not in STOPWORDS:
                out.append(tok)
        return out


def get_tokenizer(cache_dir: Path | None = None) -> LegalTokenizer:
    """The process-wide tokenizer for ``cache_dir`` (created on first use, jieba loaded lazily)."""
    key = str(cache_dir) if cache_dir else ""
    with _lock:
        if key not in _tokenizers:
            _tokenizers[key] = LegalTokenizer(cache_dir)
        return _tokenizers[key]
