"""Read corpus/instruments.yaml: which file holds which instrument, with its dates, version and source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster

from .records import CorpusError, Instrument

MANIFEST = "instruments.yaml"
_REQUIRED = ("code", "file", "title", "short_title", "instrument_type", "effective", "version")


@dataclass(frozen=True)
class Manifest:
    """The parsed manifest: statute instruments, excerpts to verify, the seed article and the case file."""

    statutes: list[Instrument]
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    seed: Instrument | None = None
    cases: Instrument | None = None
    national: str | None = None  # the generated national-law instruments file (issue 19), relative to the root


def _date(value: Any, what: str, file: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"{what}: not an ISO date: {value!r}", file) from None


def _instrument(entry: dict[str, Any], file: str, required: tuple[str, ...] = _REQUIRED) -> Instrument:
    missing = [k for k in required if entry.get(k) in (None, "")]
    if missing:
        raise CorpusError(f"entry {entry.get('code') or entry.get('file')!r} lacks {', '.join(missing)}", file)
    code = entry["code"]
    effective = _date(entry.get("effective"), f"{code} effective", file)
    repealed = _date(entry.get("repealed"), f"{code} repealed", file)
    if repealed is not None and effective is not None and repealed <= effective:
        raise CorpusError(f"{code}: repealed {repealed} is not after effective {effective}", file)
    return Instrument(
        code=code, title=entry["title"], short_title=entry["short_title"], instrument_type=entry["instrument_type"],
        effective=effective or date.min, repealed=repealed, version=str(entry.get("version") or ""),
        source=dict(entry.get("source") or {}), file=entry["file"],
        version_effective=_date(entry.get("version_effective"), f"{code} version_effective", file),
        articles=entry.get("articles"), author=entry.get("author"), year=entry.get("year"),
        note=entry.get("effective_note") or entry.get("note"),
        aliases=tuple(entry.get("aliases") or ()),
    )


def read_manifest(root: Path) -> Manifest:
    """Parse ``root/instruments.yaml``; CorpusError on a missing file, field, bad date or duplicate code."""
    path = root / MANIFEST
    name = str(path)
    if not path.is_file():
        raise CorpusError("corpus manifest not found", name)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"bad YAML: {exc}", name) from None
    statutes: list[Instrument] = []
    duplicates: list[dict[str, Any]] = []
    codes: set[str] = set()
    for entry in doc.get("statutes") or []:
        if entry.get("duplicate_of"):
            duplicates.append(entry)
            continue
        inst = _instrument(entry, name)
        if inst.code in codes:
            raise CorpusError(f"duplicate code {inst.code}", name)
        codes.add(inst.code)
        statutes.append(inst)
    seed = _instrument(doc["seed"], name) if doc.get("seed") else None
    # the case collection has no effective date: cases are always "in force"
    cases = _instrument(doc["cases"], name, _REQUIRED[:5]) if doc.get("cases") else None
    for extra in (seed, cases):
        if extra is not None and extra.code in codes:
            raise CorpusError(f"duplicate code {extra.code}", name)
    for inst in [*statutes, *(x for x in (seed, cases) if x)]:
        if not (root / inst.file).is_file():
            raise CorpusError(f"{inst.code}: file {inst.file} not found", name)
    national = (doc.get("national") or {}).get("file")
    if national is not None and not (root / national).is_file():
        raise CorpusError(f"national-law file {national} not found", name)
    return Manifest(statutes, duplicates, seed, cases, national)
