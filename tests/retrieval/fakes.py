"""Small stand-ins for the corpus and a counting embedder, for retrieval unit tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.corpus.records import Passage

TINY_PASSAGES = [
    Passage("ECL-38-1", "电子商务平台经营者知道或者应当知道平台内经营者销售的商品或者提供的服务不符合保障人身、财产安全的要求，"
            "或者有其他侵害消费者合法权益行为，未采取必要措施的，依法与该平台内经营者承担连带责任。",
            "《电子商务法》第三十八条第一款", "ECL", "statute"),
    Passage("ECL-38-2", "对关系消费者生命健康的商品或者服务，电子商务平台经营者对平台内经营者的资质资格未尽到审核义务，"
            "或者对消费者未尽到安全保障义务，造成消费者损害的，依法承担相应的责任。",
            "《电子商务法》第三十八条第二款", "ECL", "statute"),
    Passage("FSL-131-1", "网络食品交易第三方平台提供者应当对入网食品经营者进行实名登记，明确其食品安全管理责任；"
            "依法应当取得许可证的，还应当审查其许可证。使消费者的合法权益受到损害的，应当与食品经营者承担连带责任。",
            "《食品安全法》第一百三十一条第一款", "FSL", "statute"),
    Passage("CPL-44-1", "消费者通过网络交易平台购买商品或者接受服务，其合法权益受到损害的，可以向销售者或者服务者要求赔偿。"
            "网络交易平台提供者不能提供销售者或者服务者的真实名称、地址和有效联系方式的，消费者也可以向网络交易平台提供者要求赔偿。",
            "《消费者权益保护法》第四十四条第一款", "CPL", "statute"),
    Passage("CC-1198-2", "因第三人的行为造成他人损害的，由第三人承担侵权责任；经营者、管理者或者组织者未尽到安全保障义务的，"
            "承担相应的补充责任。经营者、管理者或者组织者承担补充责任后，可以向第三人追偿。",
            "《民法典》第一千一百九十八条第二款", "CC", "statute"),
    Passage("CPROC-67-1", "当事人对自己提出的主张，有责任提供证据。", "《民事诉讼法》第六十七条第一款", "CPROC", "statute"),
]


@dataclass
class _Instrument:
    title: str
    short_title: str


class TinyCorpus:
    """Implements the parts of ``assistant.corpus.Corpus`` retrieval uses: passages, hash, resolve, get."""

    def __init__(self, passages=None) -> None:
        self._passages = list(passages or TINY_PASSAGES)
        self.hash = hashlib.sha256("".join(p.id + p.text for p in self._passages).encode()).hexdigest()
        self.instruments = {"ECL": _Instrument("中华人民共和国电子商务法", "电子商务法")}

    def passages(self):
        return list(self._passages)

    def resolve(self, pid: str) -> bool:
        return any(p.id == pid or p.id.startswith(pid + "-") for p in self._passages)

    def get(self, pid: str):
        return next((p for p in self._passages if p.id == pid), None)


class CountingEmbedder:
    """Wraps a real embedder and counts how many passages it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.spec = getattr(inner, "spec", inner.name)
        self.dim = inner.dim
        self.passages_encoded = 0
        self.calls = 0

    def embed_passages(self, texts):
        self.calls += 1
        self.passages_encoded += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)
