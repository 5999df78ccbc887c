"""Benchmark: parse throughput (MB/s) and full check time on ../shared/corpus, and the CLI cold start.

Run: python benchmarks/bench_parse.py [CORPUS_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2

    from gazette_checks.config import Config
    from gazette_checks.engine import check_records, parse_sources
    from gazette_checks.read import read_source

    sources = [read_source(p) for p in files]
    size_mb = sum(s.size for s in sources) / 1e6
    parse_sources(sources)  # warm-up (imports, regex compilation)

    t_read = _best(lambda: [read_source(p) for p in files], args.repeat)
    t_parse = _best(lambda: parse_sources(sources), args.repeat)
    records = parse_sources(sources)
    check_records(records, Config())  # warm-up
    t_check = _best(lambda: check_records(parse_sources(sources), Config()), max(1, args.repeat // 2))

    # bytecode compiled first, as `pip install` does (see bench_scale.cold_cli)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "gazette_checks")],
                   capture_output=True, check=False)
    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gazette_checks", "check", *map(str, files), "--format", "json"],
                       capture_output=True, check=False)
        cold.append(time.perf_counter() - t)
    help_cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gazette_checks", "--version"], capture_output=True, check=False)
        help_cold.append(time.perf_counter() - t)

    print(f"corpus: {len(files)} files, {size_mb:.2f} MB")
    print(f"read+decode:          {t_read * 1000:8.1f} ms")
    print(f"parse (all files):    {t_parse * 1000:8.1f} ms   {size_mb / t_parse:6.2f} MB/s")
    print(f"parse + all rules:    {t_check * 1000:8.1f} ms")
    print(f"CLI cold start, check corpus (median of 3): {statistics.median(cold):.2f} s")
    print(f"CLI cold start, --version (median of 3):    {statistics.median(help_cold):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
