"""Index open at scale: seconds from a fresh process to its first BM25 answer, persisted matrix against rebuild.

    python -m bench.index_open                        # 10k, 100k and 300k passages
    python -m bench.index_open --sizes 10000,100000

Each size is the real corpus passages (the first ``size`` of them when the corpus is larger) plus synthetic case
passages up to the size (``bench/synthetic.py``, the
same recombined case summaries as ``bench.scale``, their jieba tokens cached under ``<cache_dir>/scale/``). The
BM25 index is saved twice in a temporary directory:

* ``matrix``: today's layout (``BM25Index.save``: the weight matrix, vocabulary and ids as ``.npy`` arrays),
  opened memory-mapped by ``BM25Index.open``;
* ``tokens (before)``: the layout before issue 18, gzipped JSON token lists that every open rebuilt the matrix
  from (what ``Retriever.open`` did for every memo).

Each open runs in its own interpreter (``--child``) that only imports numpy and the BM25 module, opens the index,
answers one query and then the labelled queries; query tokens are computed by the parent, so jieba is not part of
the figure. Prints a table and writes ``bench/results/index_open.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SIZES = (10_000, 100_000, 300_000)
FIRST_QUERY = "外卖平台没有审核商家许可证"


def child(directory: str, layout: str, queries_file: str) -> None:
    """In the measured process: open the index, answer the first query, then every labelled query; print JSON."""
    t0 = time.perf_counter()
    from assistant.retrieval.bm25 import BM25Index

    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    t = time.perf_counter()
    if layout == "matrix":
        index = BM25Index.open(Path(directory))
    else:  # the pre-issue-18 open: read the token lists, rebuild the matrix
        with gzip.open(Path(directory) / "bm25.json.gz", "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        index = BM25Index(data["ids"], data["tokens"])
    opened = time.perf_counter() - t
    t = time.perf_counter()
    top = [pid for pid, _ in index.search(queries[0], 50)]
    first = time.perf_counter() - t
    lat = []
    for q in queries[1:]:
        t = time.perf_counter()
        index.search(q, 50)
        lat.append(time.perf_counter() - t)
    print(json.dumps({
        "open_s": round(opened, 4), "first_query_s": round(first, 4),
        "open_to_first_answer_s": round(opened + first, 4),
        "process_to_first_answer_s": round(time.perf_counter() - t0 - sum(lat), 4),
        "query_median_ms": round(statistics.median(lat) * 1000, 2) if lat else None,
        # VmHWM, not ru_maxrss: after exec, ru_maxrss still counts the forking parent's peak
        "peak_rss_mb": _vm_hwm_mb(),
        "first_top5": top[:5],
    }))


def _vm_hwm_mb() -> float:
    """This process's peak resident memory since exec (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _measure(directory: Path, layout: str, queries_file: Path) -> dict:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-m", "bench.index_open", "--child", str(directory), layout,
                           str(queries_file)], cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"open ({layout}) failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(sizes: tuple[int, ...], seed: int = 0, workers: int = 1) -> dict:
    """Build and save each size, then time both opens in fresh processes."""
    from assistant.corpus import load_corpus
    from assistant.retrieval.bm25 import BM25Index
    from assistant.retrieval.evaluate import load_queries
    from assistant.retrieval.tokenize import LegalTokenizer
    from assistant.settings import get_settings
    from bench.scale import _load_synthetic, _text, prepare

    out: dict = {"bench": "index_open", "cpus": os.cpu_count(), "load_average_at_start": list(os.getloadavg()),
                 "python": platform.python_version(),
                 "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "sizes": {}}
    real = load_corpus().passages()
    tokenizer = LegalTokenizer(get_settings().cache_dir, on_demand=False)
    real_tokens = [tokenizer.tokens(_text(p)) for p in real]
    queries = [tokenizer.tokens(FIRST_QUERY)] + [tokenizer.tokens(q.query) for q in load_queries()]
    n_syn_max = max(0, max(sizes) - len(real))
    prepare(n_syn_max, seed, workers)
    syn = _load_synthetic(n_syn_max, seed)
    with tempfile.TemporaryDirectory(prefix="lexmemo-open-") as tmp:
        tmp = Path(tmp)
        qfile = tmp / "queries.json"
        qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        for size in sizes:
            n_syn = max(0, size - len(real))
            n_real = min(size, len(real))  # with the national-law layer the corpus alone passes 10k
            ids = [p.id for p in real[:n_real]] + [r[0].id for r in syn[:n_syn]]
            tokens = real_tokens[:n_real] + [r[2] for r in syn[:n_syn]]
            t = time.perf_counter()
            index = BM25Index(ids, tokens)
            build_s = time.perf_counter() - t
            t = time.perf_counter()
            index.save(tmp / f"m{size}")
            save_s = time.perf_counter() - t
            old = tmp / f"t{size}"
            old.mkdir()
            with gzip.open(old / "bm25.json.gz", "wt", encoding="utf-8") as fh:
                json.dump({"ids": ids, "tokens": tokens}, fh, ensure_ascii=False)
            del index
            res = {"passages": len(ids), "real": n_real, "synthetic": n_syn, "build_s": round(build_s, 2), "save_s": round(save_s, 2),
                   "matrix_mb": round(sum(f.stat().st_size for f in (tmp / f"m{size}").iterdir()) / 1e6, 1),
                   "tokens_json_gz_mb": round((old / "bm25.json.gz").stat().st_size / 1e6, 1),
                   "matrix": _measure(tmp / f"m{size}", "matrix", qfile),
                   "tokens (before)": _measure(old, "tokens", qfile)}
            if res["matrix"]["first_top5"] != res["tokens (before)"]["first_top5"]:
                raise SystemExit(f"size {size}: the two layouts answer the first query differently")
            res["open_ratio"] = round(res["matrix"]["open_to_first_answer_s"]
                                      / res["tokens (before)"]["open_to_first_answer_s"], 4)
            out["sizes"][str(size)] = res
            print(row(size, res), file=sys.stderr, flush=True)
    out["load_average_at_end"] = list(os.getloadavg())
    return out


def row(size: int, r: dict) -> str:
    """One size as a table row."""
    m, t = r["matrix"], r["tokens (before)"]
    return (f"{size:>8}{r['passages']:>10}{m['open_to_first_answer_s']:>12.3f}{t['open_to_first_answer_s']:>12.2f}"
            f"{r['open_ratio']:>9.4f}{m['query_median_ms']:>10.2f}{t['query_median_ms']:>10.2f}"
            f"{m['peak_rss_mb']:>9.0f}{t['peak_rss_mb']:>9.0f}{r['matrix_mb']:>9.0f}")


def table(res: dict) -> str:
    """The results as a plain-text table."""
    lines = [f"BM25 open to first answer, fresh process ({res['cpus']} cpus, load "
             f"{res['load_average_at_start'][0]:.1f} → {res['load_average_at_end'][0]:.1f})",
             f"{'size':>8}{'passages':>10}{'matrix s':>12}{'tokens s':>12}{'ratio':>9}{'q ms':>10}{'q ms old':>10}"
             f"{'RSS MB':>9}{'old MB':>9}{'disk MB':>9}"]
    lines += [row(int(size), r) for size, r in res["sizes"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated passage counts")
    parser.add_argument("--workers", type=int, default=1, help="processes tokenising synthetic passages (once)")
    parser.add_argument("--child", nargs=3, metavar=("DIR", "LAYOUT", "QUERIES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    res = run(tuple(int(s) for s in args.sizes.split(",")), workers=args.workers)
    print(table(res))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "index_open.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
