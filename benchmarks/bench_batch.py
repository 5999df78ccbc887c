"""`batch --engine dask` on a 2-worker local cluster against `check --jobs 2` and `check` in one process.

Writes N synthetic issue files (the corpus texts with each copy's own city
name, 机关代字 and years, so copies do not collide) and runs both commands as
fresh processes on them; reports wall time, CPU time of the whole process
tree, peak memory of the largest process and the findings (which must be
equal). Usage::

    .venv/bin/python benchmarks/bench_batch.py [--corpus DIR] [--files 100] [--workdir DIR]
                                               [--partition-files 10] [--skip-serial]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def variant(text: str, copy: int) -> str:
    """The corpus text `text` as issued by city `copy` in its own year."""
    tag = _HAN[copy // len(_HAN) % len(_HAN)] + _HAN[copy % len(_HAN)]
    delta = -(copy % 5)
    text = text.replace("牡丹江", tag).replace("牡", tag)
    for y in range(2018, 2023):
        text = text.replace(str(y), str(y + delta))
    return text


def write_files(corpus: Path, out: Path, n: int) -> list[Path]:
    """`n` files under `out`, copies of the corpus texts."""
    texts = [(p.name, p.read_text("utf-8")) for p in sorted(corpus.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        name, text = texts[k % len(texts)]
        p = out / f"{k // len(texts):04d}-{name}"
        p.write_text(variant(text, k // len(texts)), "utf-8")
        paths.append(p)
    return paths


def run(cmd: list[str]) -> tuple[float, float, float, list[dict]]:
    """(wall s, CPU s of the process tree, peak RSS MiB, findings) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return (time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            json.loads(out)["findings"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--partition-files", type=int, default=10, help="files per Dask task")
    ap.add_argument("--skip-serial", action="store_true", help="compare with `check --jobs 2` only")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; skipped", file=sys.stderr)
        return 0
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-batch-"))
    files = write_files(corpus, work / "in", args.files)
    exe = [sys.executable, "-m", "gazette_checks"]
    load = os.getloadavg()[0]
    runs: list[tuple[str, tuple]] = []
    if not args.skip_serial:
        runs.append(("check, one process", run([*exe, "check", str(work / "in"), "--format", "json",
                                                 "--no-progress"])))
    runs.append(("check --jobs 2", run([*exe, "check", str(work / "in"), "--format", "json", "--no-progress",
                                         "--jobs", "2"])))
    runs.append(("batch, 2-worker local Dask cluster",
                 run([*exe, "batch", str(work / "in"), "--store", str(work / "store"), "--overwrite",
                      "--format", "json", "--workers", "2", "--partition-files", str(args.partition_files)])))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at the start; {len(files)} files\n")
    base = runs[0][1]
    print(f"| run | wall s | × {runs[0][0]} | CPU s (all processes) | × | peak MiB (largest process) | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in runs:
        print(f"| {name} | {r[0]:.1f} | {r[0] / base[0]:.2f} | {r[1]:.1f} | {r[1] / base[1]:.2f} | {r[2]:.0f} "
              f"| {len(r[3])} |")

    def keys(found: list[dict]) -> Counter:
        return Counter((f["rule"], f["file"], f["line"], f["message"]) for f in found)

    for name, r in runs[1:]:
        a, b = keys(base[3]), keys(r[3])
        if a != b:
            print(f"\nfindings differ by rule: only in {runs[0][0]} {dict(Counter(k[0] for k in (a - b).elements()))}, "
                  f"only in {name} {dict(Counter(k[0] for k in (b - a).elements()))}")
        else:
            print(f"\n{name}: the same findings as {runs[0][0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
