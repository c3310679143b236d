"""Fixtures for the triage tests: small claim files written in each supported form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage_claimfiles import GOOD, csv_bytes


@pytest.fixture
def good_rows() -> list[dict]:
    return [{"id": i, "narrative": t} for i, t in GOOD]


@pytest.fixture
def good_csv(tmp_path: Path, good_rows: list[dict]) -> Path:
    p = tmp_path / "claims.csv"
    p.write_bytes(csv_bytes(good_rows))
    return p


@pytest.fixture
def good_jsonl(tmp_path: Path, good_rows: list[dict]) -> Path:
    p = tmp_path / "claims.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good_rows), encoding="utf-8")
    return p
