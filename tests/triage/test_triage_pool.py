"""Issue 18: a batch triaged on a process pool gives the table one process gives, rows in input order, a failed
row in its own row, an exact --resume after an interruption, and says how many processes it used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.triage import run_triage
from assistant.triage.pool import CHUNK, MIN_ROWS, WARM_ROWS, WORKERS_ENV, worker_count
from assistant.triage.progress import sidecar_path

NARRATIVES = [
    "2023年5月3日在外卖平台点的麻辣烫，平台没有审核许可证，我吃完食物中毒住院。",
    "2023年6月1日在平台上一家店买了衣服，平台知道这家店卖假货，多次投诉却置之不理，损失500元。",
    "2023年7月1日京东自营买的奶粉，孩子喝了腹泻住院。",
    "去年在抖音直播间买的面霜，用了过敏，商家联系不上。",
    "2022年3月在美团订的民宿，房东无证经营，洗澡时摔伤。",
]
ROWS = MIN_ROWS + CHUNK + 37  # a pool of two, several chunks, a short last chunk


def _claims(tmp_path: Path, n: int = ROWS) -> Path:
    src = tmp_path / "claims.jsonl"
    lines = []
    for i in range(n):
        row = {"id": f"R{i:04d}", "narrative": NARRATIVES[i % len(NARRATIVES)]}
        if i % 97 == 5:
            row["narrative"] = ""  # a failing row, now and then, in every chunk's range
        if i % 89 == 7:
            row["event_date"] = "2023-02-30"  # a bad cell
        lines.append(json.dumps(row, ensure_ascii=False))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def test_pool_table_equals_one_process_table(tmp_path: Path) -> None:
    """Same bytes, rows reported to on_row in input order, failed rows in their own rows, workers stated."""
    src = _claims(tmp_path)
    seen: list[str] = []
    pooled = run_triage(src, tmp_path / "pool.csv", progress=False, workers=2,
                        on_row=lambda n, rec: seen.append(rec["id"]))
    single = run_triage(src, tmp_path / "one.csv", progress=False, workers=1)
    assert pooled.workers == 2 and single.workers == 1
    assert (tmp_path / "pool.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert seen == [f"R{i:04d}" for i in range(ROWS)]
    assert pooled.failed == single.failed > 5
    errors = {r["id"]: r["error"] for r in pooled.records if r["error"]}
    assert errors["R0005"].startswith("empty narrative") and "event_date" in errors["R0007"]


class Interrupt(KeyboardInterrupt):
    pass


def test_pool_interrupted_then_resumed_is_exact(tmp_path: Path) -> None:
    """Ctrl-C in the middle of a pooled run keeps the finished rows in order; --resume ends with the same table."""
    src = _claims(tmp_path)
    out = tmp_path / "out.csv"
    stop = WARM_ROWS + CHUNK + 3  # after the warm-up rows, inside the pool's second chunk

    def on_row(done: int, record: dict) -> None:
        if done == stop:
            raise Interrupt

    with pytest.raises(Interrupt):
        run_triage(src, out, progress=False, workers=2, on_row=on_row)
    logged = [json.loads(x)["id"] for x in sidecar_path(out).read_text(encoding="utf-8").splitlines()[1:]]
    assert logged == [f"R{i:04d}" for i in range(stop)]
    summary = run_triage(src, out, progress=False, resume=True, workers=2)
    failed_before = sum(1 for i in range(stop) if i % 97 == 5 or i % 89 == 7)
    assert summary.resumed == stop - failed_before
    run_triage(src, tmp_path / "fresh.csv", progress=False, workers=1)
    assert out.read_bytes() == (tmp_path / "fresh.csv").read_bytes()


def test_worker_count(monkeypatch) -> None:
    """One process below MIN_ROWS or for an extractor that is not pooled; the environment variable decides."""
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert worker_count(MIN_ROWS - 1) == 1
    assert worker_count(10_000, pooled=False) == 1
    assert worker_count(10_000, requested=3) == 3
    assert worker_count(MIN_ROWS, requested=64) == -(-MIN_ROWS // CHUNK)  # no more workers than chunks
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert worker_count(10_000) == 1


def test_merged_facts_equal_a_fresh_validation() -> None:
    """merge_facts hands on the extractor's facts when no column is given and nothing was cut: they are exactly the
    facts a fresh ClaimFacts validation of the same values gives; a given column still wins."""
    from assistant.core import ClaimFacts
    from assistant.triage.batch import merge_facts
    from assistant.triage.rows import InputRow

    for i, text in enumerate(NARRATIVES * 2):
        cells = {"category": "food"} if i >= len(NARRATIVES) else {}
        facts, sources, _ = merge_facts(InputRow(row=i + 2, id=f"M{i}", narrative=text, cells=cells))
        fresh = ClaimFacts(**facts.model_dump(exclude={"narrative"}), narrative=text)
        assert facts == fresh and facts.model_dump(mode="json") == fresh.model_dump(mode="json")
        if cells:
            assert facts.category == "food" and sources["category"] == "column"
