"""Benchmark: ``lexmemo triage`` on a generated claim file (python -m bench.triage [--rows 10000] [--out DIR]).

The claims are SYNTHETIC: narratives recombined from fragments (date, platform and seller, goods, review, knowledge,
harm, identity, promise, live stream, irrelevant detail), with about 1% malformed rows (empty narrative, unknown
category, bad date) as a real batch has. The file lives in a temporary directory and is never committed.
Prints rows/s, the processes used (issue 18: a pool, one per available core), CPU-seconds (workers included) and the
load average, and writes bench/results/triage.json; ``--compare`` also times one process in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "triage.json"

DATES = ["2023年5月3日", "2022.11.20", "2021-07-15", "2019年3月", "2018年6月2日", "去年8月", "二〇二三年二月十日", "", "", "上个月"]
SELLERS = ["在美团上一家店", "在淘宝一家网店", "在某电商平台的第三方商家那里", "在京东自营", "在拼多多一个卖家那里",
           "在抖音直播间主播那里", "在一个标着自营、后来才知道其实是第三方商家的店铺", "在平台上"]
GOODS = [("点的麻辣烫外卖", "catering"), ("买的零食", "food"), ("买的保健食品", "food"), ("买的处方药", "drug"),
         ("买的血糖仪", "medical_device"), ("买的面霜", "cosmetics"), ("订的民宿", "lodging"), ("叫的网约车", "transport"),
         ("买的手机", "other_goods"), ("买的衣服", "other_goods"), ("预约的家政保洁", "other_service")]
REVIEW = ["平台没有审核商家的许可证。", "商家无证经营。", "平台审核了商家的营业执照。", "平台从未核验商家资质。", ""]
KNOWLEDGE = ["之前就有很多人投诉，平台置之不理。", "平台并不知情。", "我投诉后平台当天就下架了商品。", "平台收到投诉后拖了好几天才处理，结果又有人吃出问题。", ""]
HARM = ["结果食物中毒住院了。", "用了以后过敏，脸上红肿。", "摔伤了腿，缝了三针。", "损失了2000元。", "没有造成任何损失。", "是假货，一千多块钱白花了。", ""]
IDENTITY = ["现在联系不上商家。", "平台不肯提供商家的联系方式。", "平台提供了商家的地址和电话。", ""]
PROMISE = ["平台承诺先行赔付。", ""]
EVIDENCE = ["订单截图和病历我都留着。", "聊天记录已经删了。", ""]
NOISE = ["那天下着雨，我心情不好。", "我平时工作很忙，经常加班。", "我家住在成都，养了一只猫。", "这件事情拖了很久，我很生气。", ""]


def narrative(rng: random.Random) -> tuple[str, str]:
    """One synthetic narrative and the category it was built from."""
    goods, cat = rng.choice(GOODS)
    parts = [rng.choice(NOISE), f"我{rng.choice(DATES)}{rng.choice(SELLERS)}{goods}，", rng.choice(REVIEW),
             rng.choice(KNOWLEDGE), rng.choice(HARM), rng.choice(IDENTITY), rng.choice(PROMISE), rng.choice(EVIDENCE),
             rng.choice(NOISE)]
    return "".join(parts), cat


def generate(path: Path, rows: int, seed: int = 5) -> None:
    """Write a synthetic claim CSV (id, narrative, category, event_date, source) with ~1% malformed rows."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "narrative", "category", "event_date", "source"])
        for i in range(rows):
            text, cat = narrative(rng)
            category = cat if rng.random() < 0.1 else ""       # some paralegals fill the column in
            event = ""
            roll = rng.random()
            if roll < 0.004:
                text = ""                                       # empty narrative
            elif roll < 0.007:
                category = "toys"                               # unknown category
            elif roll < 0.010:
                event = "2023-02-30"                            # bad date
            w.writerow([f"SYN-{i:05d}", text, category, event, "synthetic (bench/triage.py)"])


def main(argv: list[str] | None = None) -> int:
    """Generate, triage, report rows/s; write bench/results/triage.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=None, help="directory for the generated file and table (default: tmp)")
    ap.add_argument("--format", default="csv", choices=["csv", "xlsx", "jsonl"])
    ap.add_argument("--workers", type=int, default=None,
                    help="processes (default: one per available core from assistant.triage.pool.MIN_ROWS rows)")
    ap.add_argument("--compare", action="store_true",
                    help="also time one process (--workers 1) in a fresh process of this bench, same file, same run")
    ap.add_argument("--no-write", action="store_true", help=argparse.SUPPRESS)  # the --compare child
    args = ap.parse_args(argv)

    import os
    import resource

    from assistant.triage import run_triage

    def cpu_seconds() -> float:  # this process and its finished children (the pool's workers)
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    with tempfile.TemporaryDirectory(prefix="lexmemo-bench-") as tmp:
        base = args.out or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        src, out = base / "synthetic_claims.csv", base / f"triage.{args.format}"
        t0 = time.perf_counter()
        generate(src, args.rows)
        gen_s = time.perf_counter() - t0
        load_before, cpu0 = os.getloadavg(), cpu_seconds()
        summary = run_triage(src, out, progress=not args.no_write, workers=args.workers)
        cpu_s, load_after = cpu_seconds() - cpu0, os.getloadavg()
        single = None
        if args.compare:  # a fresh process, so neither run inherits the other's warm caches
            import subprocess

            child = subprocess.run([sys.executable, "-m", "bench.triage", "--rows", str(args.rows), "--workers", "1",
                                    "--no-write", "--format", args.format], capture_output=True, text=True,
                                   cwd=Path(__file__).resolve().parents[1], check=True)
            single = json.loads(child.stdout.strip().splitlines()[-1])
        records = [json.loads(x) for x in out.read_text("utf-8").splitlines()] if args.format == "jsonl" else None
        forms: Counter = Counter()
        if records is None:
            with out.open(encoding="utf-8-sig", newline="") as fh:
                forms.update(r["liability_form"] or "error" for r in csv.DictReader(fh))
        else:
            forms.update(r["liability_form"] or "error" for r in records)
    result = {
        "bench": "triage", "synthetic": True, "rows": summary.total, "failed_rows": summary.failed,
        "seconds": round(summary.seconds, 2), "rows_per_s": round(summary.total / summary.seconds, 1),
        "workers": summary.workers, "cpu_seconds": round(cpu_s, 2),
        "load_average_before": [round(x, 2) for x in load_before], "load_average_after": [round(x, 2) for x in load_after],
        "one_process": single,
        "generate_seconds": round(gen_s, 2), "output_format": args.format, "liability_forms": dict(forms.most_common()),
        "python": platform.python_version(), "machine": platform.machine(), "cpus": __import__("os").cpu_count(),
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "date": date.today().isoformat(),
    }
    if args.no_write:
        print(json.dumps({k: result[k] for k in ("seconds", "rows_per_s", "workers", "cpu_seconds",
                                                 "load_average_before", "load_average_after")}))
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"triage: {summary.total} rows in {summary.seconds:.1f}s = {result['rows_per_s']} rows/s with "
          f"{summary.workers} process(es), {cpu_s:.1f} CPU-s, load {load_before[0]:.1f} → {load_after[0]:.1f} "
          f"({summary.failed} malformed rows reported) → {RESULTS}")
    if single:
        print(f"one process, same file: {single['seconds']}s, {single['cpu_seconds']} CPU-s, "
              f"load {single['load_average_before'][0]} → {single['load_average_after'][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
