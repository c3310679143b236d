"""Citations written in English (a model answering in English, or mixing): "Article 1438 of the Civil Code",
"Art. 38(2) of the E-Commerce Law", "Civil Code Art. 1198(2)". Each is checked like its Chinese form; a law the
corpus does not hold ("the Contract Law") gets no id and is reported as unresolved, never dropped."""

from __future__ import annotations

import re

from assistant.guard.citations import Citation, provision_id

#: English names of the spec's instruments (lower case) → corpus codes; None: a law outside the corpus.
ENGLISH_NAMES: dict[str, str | None] = {
    "civil code": "CC", "e-commerce law": "ECL", "electronic commerce law": "ECL", "ecommerce law": "ECL",
    "consumer rights protection law": "CPL", "consumer protection law": "CPL",
    "law on the protection of consumer rights and interests": "CPL", "food safety law": "FSL",
    "tort liability law": "TLL", "tort law": "TLL", "product quality law": "PQL", "drug administration law": "DAL",
    "contract law": None, "general principles of civil law": None, "advertising law": None,
}
_NAMES = "|".join(re.escape(n) for n in sorted(ENGLISH_NAMES, key=len, reverse=True))
_ART = r"art(?:icle|\.)?\s*(?P<art>\d{1,4})(?:\s*\((?P<para>\d{1,2})\))?(?:\s*\((?P<item>\d{1,2})\))?" \
       r"(?:,?\s*para(?:graph|\.)?\s*(?P<para2>\d{1,2}))?"
_ART_OF_LAW = re.compile(rf"{_ART}\s+of\s+(?:the\s+)?(?:prc\s+|chinese\s+)?(?P<law>{_NAMES})", re.IGNORECASE)
_ART_WORD = re.compile("art", re.IGNORECASE)
_LAW_ART = re.compile(rf"(?:the\s+)?(?:prc\s+|chinese\s+)?(?P<law>{_NAMES})\s*,?\s*{_ART}", re.IGNORECASE)


def english_citations(text: str) -> list[Citation]:
    """Every English-language statute citation in ``text`` (non-overlapping, in text order)."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    if not _ART_WORD.search(text):
        return found  # both forms need "art"; a Chinese memo rarely has it (issue 18: two full scans saved)
    for pattern in (_ART_OF_LAW, _LAW_ART):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            law = m.group("law").lower()
            code = ENGLISH_NAMES[law]
            art, item = int(m.group("art")), int(m.group("item")) if m.group("item") else None
            para = int(m.group("para") or m.group("para2")) if (m.group("para") or m.group("para2")) else None
            if code is None:
                found.append(Citation("statute", m.start(), m.end(), m.group(0), None,
                                      f"《{m.group('law')}》不在语料库中，无法核对", law=m.group("law"), article=art))
            else:
                pid = provision_id(code, art, para, item)
                found.append(Citation("statute", m.start(), m.end(), m.group(0), pid, f"{m.group('law')} → {pid}",
                                      code=code, law=m.group("law"), article=art, paragraph=para, item=item))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)
