"""Cold start: wall time from invoking the ``lexmemo`` console script to its first result, per command.

    python -m bench.coldstart              # 5 runs of each command, median, today's code against the baseline
    python -m bench.coldstart --runs 9
    python -m bench.coldstart --baseline none        # today's code only

Every run is a fresh process (what a lawyer or a script pays per call). The index is built once, untimed, in a
temporary data dir that reuses the machine's embedding cache; the user's own data dir is never touched.
"first output" is the first byte on stdout (the result: these commands print it all at once); "exit" adds the
interpreter's shutdown. Prints a table and writes ``bench/results/coldstart.json``.

The baseline (issue 18) is the code before the cold-start work (``BASELINE_REF``), unpacked from git into a
temporary directory and run by the same interpreter with that directory first on ``PYTHONPATH``, over the same
corpus (``LEXMEMO_CORPUS_DIR``) with its own index. Each command runs baseline and current alternately, so both
see the same machine load; the table gives each median and their ratio (current / baseline).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CLAIM = "examples/claims/catering_licence_not_reviewed.json"
COMMANDS: dict[str, list[str]] = {
    "help (import floor)": ["--help"],
    "search --json": ["search", "外卖平台没有审核商家许可证", "--json"],
    "draft (template)": ["draft", CLAIM],
    "classify --json": ["classify", CLAIM, "--json"],
    "show ECL-38-2": ["show", "ECL-38-2"],
}
# The last commit before issue 18's cold-start work: "today" in the issue's sense.
BASELINE_REF = "c3c1d74"


def lexmemo_bin() -> str:
    """The ``lexmemo`` console script next to this interpreter (the venv's)."""
    path = Path(sys.executable).with_name("lexmemo")
    if not path.exists():
        raise SystemExit(f"lexmemo console script not found at {path}: run `make install` first")
    return str(path)


def lexmemo_env(data_dir: Path, code_dir: Path | None = None) -> dict[str, str]:
    """Environment for a benchmarked ``lexmemo``: a temporary data dir, the machine's caches, offline, quiet;
    ``code_dir`` (a baseline checkout) is put first on ``PYTHONPATH`` so its ``assistant`` package is the one run."""
    from assistant.settings import get_settings

    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXMEMO_")}
    settings = get_settings()
    env.update({
        "LEXMEMO_DATA_DIR": str(data_dir),
        "LEXMEMO_CACHE_DIR": str(settings.cache_dir),  # embeddings and jieba's dictionary cache
        "LEXMEMO_CORPUS_DIR": str(settings.corpus_dir or ROOT / "corpus"),  # one corpus for baseline and current
        "OPENBLAS_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
    })
    env.pop("PYTHONPATH", None)
    if code_dir is not None:
        env["PYTHONPATH"] = str(code_dir)
    return env


def unpack_baseline(ref: str, into: Path) -> Path:
    """``git archive`` of ``ref`` unpacked under ``into`` (the working tree and git index are not touched)."""
    proc = subprocess.run(["git", "archive", "--format=tar", ref, "assistant", "prompts"], cwd=ROOT,
                          capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"git archive {ref} failed: {proc.stderr.decode()[-500:]}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def build_index(env: dict[str, str]) -> float:
    """Run ``lexmemo index`` (untimed set-up for the other benches); returns its wall seconds."""
    t = time.perf_counter()
    proc = subprocess.run([lexmemo_bin(), "index"], env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"lexmemo index failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


def time_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first stdout byte and to exit for one ``lexmemo`` run; fails loudly on a non-zero exit."""
    t = time.perf_counter()
    proc = subprocess.Popen([lexmemo_bin(), *args], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - t
    _, err = proc.communicate()
    t_exit = time.perf_counter() - t
    if proc.returncode != 0 or not first:
        raise SystemExit(f"lexmemo {' '.join(args)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return t_first, t_exit


def _summary(args: list[str], samples: list[tuple[float, float]]) -> dict:
    firsts, exits = [s[0] for s in samples], [s[1] for s in samples]
    return {
        "argv": ["lexmemo", *args],
        "first_output_median_s": round(statistics.median(firsts), 3),
        "first_output_min_s": round(min(firsts), 3), "first_output_max_s": round(max(firsts), 3),
        "exit_median_s": round(statistics.median(exits), 3),
    }


def run(runs: int, baseline: str | None = BASELINE_REF) -> dict:
    """Build the index(es) in a temporary data dir, then time each command ``runs`` times (alternating with the
    baseline code when ``baseline`` names a git ref)."""
    out: dict = {
        "bench": "coldstart", "runs": runs, "cpus": os.cpu_count(), "load_average": list(os.getloadavg()),
        "python": platform.python_version(), "machine": platform.machine(), "baseline_ref": baseline,
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "commands": {},
    }
    with tempfile.TemporaryDirectory(prefix="lexmemo-bench-") as tmp:
        env = lexmemo_env(Path(tmp) / "data")
        out["index_setup_s"] = round(build_index(env), 2)
        base_env = None
        if baseline:
            code = unpack_baseline(baseline, Path(tmp) / "baseline")
            base_env = lexmemo_env(Path(tmp) / "baseline-data", code)
            out["baseline_index_setup_s"] = round(build_index(base_env), 2)
        for name, args in COMMANDS.items():
            now, before = [], []
            for _ in range(runs):
                if base_env is not None:
                    before.append(time_once(args, base_env))
                now.append(time_once(args, env))
            out["commands"][name] = _summary(args, now)
            if before:
                base = _summary(args, before)
                out["commands"][name]["baseline"] = base
                out["commands"][name]["ratio"] = round(
                    out["commands"][name]["first_output_median_s"] / base["first_output_median_s"], 2)
        out["load_average_end"] = list(os.getloadavg())
    return out


def table(res: dict) -> str:
    """The results as a plain-text table."""
    end = res.get("load_average_end", res["load_average"])
    lines = [f"cold start, median of {res['runs']} fresh processes (load {res['load_average'][0]:.1f} at start, "
             f"{end[0]:.1f} at end, {res['cpus']} cpus; index set-up {res['index_setup_s']}s untimed; "
             f"baseline {res.get('baseline_ref') or 'none'})",
             f"{'command':<22}{'first output s':>15}{'min':>8}{'max':>8}{'exit s':>9}{'baseline s':>12}{'ratio':>7}"]
    for name, m in res["commands"].items():
        base = m.get("baseline")
        tail = f"{base['first_output_median_s']:>12.2f}{m['ratio']:>7.2f}" if base else ""
        lines.append(f"{name:<22}{m['first_output_median_s']:>15.2f}{m['first_output_min_s']:>8.2f}"
                     f"{m['first_output_max_s']:>8.2f}{m['exit_median_s']:>9.2f}{tail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print the table, write bench/results/coldstart.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (median reported)")
    parser.add_argument("--baseline", default=BASELINE_REF,
                        help=f"git ref of the code to compare with (default {BASELINE_REF}); 'none' to skip")
    args = parser.parse_args(argv)
    res = run(args.runs, None if args.baseline.lower() == "none" else args.baseline)
    print(table(res))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "coldstart.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
