"""Index build: wall time and peak memory of ``build_index`` in a fresh process, cold vs warm, embedded vs served.

    python -m bench.index               # cold (empty embedding cache: every dense passage encoded), warm, check, server
    python -m bench.index --no-cold     # warm runs only, from the machine's embedding cache
    python -m bench.index --no-server   # skip the build against a `chroma run` server on loopback

Each build runs in its own Python process so that peak RSS (``ru_maxrss``) is the build's alone: imports, jieba,
the encoder, BM25 and Chroma. For the server build the server's own peak (VmHWM) is reported too. Everything lives
in a temporary directory. Prints a table and writes ``bench/results/index.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parents[1]


def child(data_dir: str, cache_dir: str, url: str | None, rebuild: bool) -> None:
    """In the measured process: build (or check) the index and print one JSON line with time and peak RSS."""
    t = time.perf_counter()
    from assistant.retrieval import build_index
    from assistant.settings import Settings

    settings = Settings.for_preset("test", data_dir=Path(data_dir), cache_dir=Path(cache_dir), chroma_url=url)
    manifest = build_index(settings, rebuild=rebuild)
    print(json.dumps({
        "seconds": round(time.perf_counter() - t, 2), "built": manifest["built"],
        # an up-to-date index returns the stored manifest: its counts and timings are the earlier build's
        "counts": manifest["counts"] if manifest["built"] else {"embedded": 0},
        "timings": manifest["timings"] if manifest["built"] else {},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),  # KiB on Linux
    }))


def measure(data_dir: Path, cache_dir: Path, url: str | None = None, rebuild: bool = True) -> dict:
    """Run ``child`` in a fresh interpreter and return its figures."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    argv = [sys.executable, "-m", "bench.index", "--child", str(data_dir), str(cache_dir)]
    argv += (["--url", url] if url else []) + (["--rebuild"] if rebuild else [])
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"index build failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _chroma_server(path: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``chroma run`` on a free loopback port and wait for its heartbeat."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(Path(sys.executable).with_name("chroma")), "run", "--path", str(path), "--host", "127.0.0.1",
           "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"chroma server did not start:\n{log.read_text(errors='replace')[-2000:]}")


def _vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory of another process (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def run(cold: bool, server: bool) -> dict:
    """Every build variant in a temporary directory."""
    from assistant.settings import get_settings

    out: dict = {
        "bench": "index", "cpus": os.cpu_count(), "load_average_at_start": list(os.getloadavg()),
        "python": platform.python_version(), "machine": platform.machine(),
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "builds": {},
    }
    with tempfile.TemporaryDirectory(prefix="lexmemo-bench-") as tmp:
        tmp = Path(tmp)
        cache = tmp / "cache" if cold else get_settings().cache_dir
        if cold:
            out["builds"]["cold (empty embedding cache)"] = measure(tmp / "data", cache)
        out["builds"]["warm (every embedding cached)"] = measure(tmp / "data", cache)
        out["builds"]["up-to-date check (no build)"] = measure(tmp / "data", cache, rebuild=False)
        if server:
            proc, url = _chroma_server(tmp / "server", tmp / "server.log")
            try:
                out["builds"]["warm, vectors to a chroma server"] = measure(tmp / "data-served", cache, url)
                out["builds"]["second machine (server holds the vectors)"] = measure(
                    tmp / "data-served-2", cache, url, rebuild=False)
                out["server_peak_rss_mb"] = _vm_hwm_mb(proc.pid)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
        out["load_average_at_end"] = list(os.getloadavg())
    return out


def table(res: dict) -> str:
    """The results as a plain-text table."""
    lines = [f"index build, one fresh process each ({res['cpus']} cpus, load {res['load_average_at_start'][0]:.1f} "
             f"→ {res['load_average_at_end'][0]:.1f})",
             f"{'variant':<52}{'wall s':>8}{'embedded':>10}{'bm25 s':>8}{'embed s':>9}{'store s':>9}{'peak MB':>9}"]
    for name, b in res["builds"].items():
        t = b["timings"]
        lines.append(f"{name:<52}{b['seconds']:>8.1f}{b['counts']['embedded']:>10}{t.get('bm25_s', 0):>8.1f}"
                     f"{t.get('embed_s', 0):>9.1f}{t.get('store_s', 0):>9.1f}{b['peak_rss_mb']:>9.0f}")
    if res.get("server_peak_rss_mb") is not None:
        lines.append(f"chroma server peak RSS: {res['server_peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print the table, write bench/results/index.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build (minutes of embedding)")
    parser.add_argument("--no-server", action="store_true", help="skip the build against a chroma server")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "CACHE_DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, url=args.url, rebuild=args.rebuild)
        return
    if not args.no_server and not shutil.which("chroma", path=str(Path(sys.executable).parent)):
        parser.error("the `chroma` command is missing next to this interpreter; use --no-server")
    res = run(cold=not args.no_cold, server=not args.no_server)
    print(table(res))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "index.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
