"""Benchmarks as ratios in one run: throughput against a regex floor, per-copy time and peak
memory from ×10 copies of the corpus up, and ``--jobs 2`` against ``--jobs 1``.

Copies come from :mod:`synth` (each copy the corpus as another city's gazette: unique
发文字号 and titles, so copies add no findings to each other). Every scale runs in a fresh
process, so its peak memory (max RSS) is its own; times are CPU seconds of that process
unless marked wall. Usage::

    python benchmarks/bench_scale.py [--copies 10,50,100,200,500] [--jobs-copies 50]
                                     [--work DIR] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import CORPUS, generate  # noqa: E402

#: One page of a synthetic notice (about 700 bytes), for the small-input latency.
ONE_PAGE = """某某市人民政府办公室关于做好测试工作的通知

某政办发〔2024〕12号

各县（市）、区人民政府，市政府各直属单位：

为做好测试工作，经市政府同意，现将有关事项通知如下。

一、明确工作目标。2024年底前完成全市测试任务。〔责任单位：市财政局、市统计局〕

二、加强组织领导。各地各部门要于2024年9月30日前报送工作方案。〔牵头单位：市政府办公室〕

三、强化督查考核。市政府将适时组织督查。

某某市人民政府办公室

2024年6月3日
"""


def _cpu() -> float:
    return time.process_time()


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = _cpu()
        fn()
        times.append(_cpu() - t)
    return min(times)


def throughput(corpus: Path, repeat: int = 3) -> dict:
    """MB/s of the regex floor, parse, and parse + all rules on the corpus (CPU time, best of `repeat`)."""
    import regex as re

    import gazette_checks as gc
    from gazette_checks import patterns as P
    from gazette_checks.config import Config
    from gazette_checks.engine import check_records, parse_sources
    from gazette_checks.read import read_source

    files = sorted(corpus.glob("*.txt"))
    sources = [read_source(p) for p in files]
    mb = sum(s.size for s in sources) / 1e6
    floor = re.compile("|".join(f"(?:{p.pattern})" for p in (P.DOC_NUMBER, P.DATE, P.QUOTED_TITLE)))
    check_records(parse_sources(sources), Config())  # warm-up: imports, compiled patterns
    t_floor = _best(lambda: [sum(1 for _ in floor.finditer(s.text)) for s in sources], repeat)
    t_parse = _best(lambda: parse_sources(sources), repeat)
    t_all = _best(lambda: check_records(parse_sources(sources), Config()), repeat)
    gc.check(gc.parse(ONE_PAGE, "page.txt"))
    t_page = _best(lambda: gc.check(gc.parse(ONE_PAGE, "page.txt")), max(repeat, 5))
    return {"mb": round(mb, 2), "floor_mb_s": mb / t_floor, "parse_mb_s": mb / t_parse,
            "check_mb_s": mb / t_all, "one_page_ms": t_page * 1000}


def cold_cli(file: Path, runs: int = 3) -> dict:
    """Wall and CPU seconds of `gazette-checks check FILE` in a fresh interpreter (median of `runs`).

    The package's bytecode is compiled first, as `pip install` does: an editable install run with
    PYTHONDONTWRITEBYTECODE (or a read-only tree) would otherwise compile every module on every
    start, about 0.1 s here, which no installed user pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "gazette_checks")],
                   capture_output=True, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gazette_checks", "check", str(file), "--format", "json"],
                       capture_output=True, check=False, cwd=ROOT)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"cold_cli_wall_s": sorted(walls)[runs // 2], "cold_cli_cpu_s": sorted(cpus)[runs // 2]}


def measure(paths: list[str]) -> dict:
    """In this process: parse and check `paths` serially; CPU seconds and peak memory."""
    from gazette_checks.config import Config
    from gazette_checks.engine import check_records, parse_paths

    t = _cpu()
    records, _ = parse_paths(paths)
    t_parse = _cpu() - t
    findings = check_records(records, Config())
    total = _cpu() - t
    return {"files": len(records.sources), "findings": len(findings), "parse_s": t_parse,
            "check_s": total, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def scale(work: Path, copies: int) -> dict:
    """`measure` on the first `copies` copies, in a fresh process."""
    dirs = [str(work / f"c{k:05d}") for k in range(copies)]
    out = subprocess.run([sys.executable, __file__, "--measure", *dirs], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    row = json.loads(out.stdout)
    row["copies"] = copies
    row["per_copy_s"] = row["check_s"] / copies
    row["rss_per_copy_mb"] = row["max_rss_mb"] / copies
    return row


def jobs(work: Path, copies: int) -> list[dict]:
    """`check --jobs 1` and `--jobs 2` on `copies` copies, each from a fresh process: wall seconds,
    CPU of the CLI and its workers, peak RSS of the largest of them, same output."""
    dirs = [str(work / f"c{k:05d}") for k in range(copies)]
    rows = []
    for n in (1, 2):
        out = subprocess.run([sys.executable, __file__, "--run-cli", str(n), *dirs], capture_output=True,
                             text=True, check=True, cwd=ROOT)
        rows.append({"jobs": n, "copies": copies, **json.loads(out.stdout)})
    hashes = [r.pop("output_hash") for r in rows]
    for r, h in zip(rows, hashes, strict=True):
        r["same_findings"] = h == hashes[0]
    return rows


def run_cli(jobs_n: int, dirs: list[str]) -> dict:
    """In this (fresh) process: run `check DIRS --jobs N` as a child; its resources alone."""
    import hashlib

    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "gazette_checks", "check", *dirs, "--format", "json",
                           "--jobs", str(jobs_n), "--no-progress"], capture_output=True, check=False, cwd=ROOT)
    wall = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "max_rss_mb": ru.ru_maxrss / 1024,
            "output_hash": hashlib.sha256(done.stdout).hexdigest()}


def markdown(env: dict, tp: dict, cold: dict, rows: list[dict], job_rows: list[dict]) -> str:
    """The README table."""
    out = [f"Machine: {env['machine']}; Python {env['python']}; load average {env['load']:.1f} at the start "
           "(wall times depend on it); CPU seconds of the measured process unless marked wall.", ""]
    out += ["| measure | value | ratio |", "| --- | ---: | ---: |"]
    out.append(f"| regex floor (文号 \\| date \\| 《title》, one pass) | {tp['floor_mb_s']:.1f} MB/s | 1 |")
    out.append(f"| parse | {tp['parse_mb_s']:.2f} MB/s | {tp['floor_mb_s'] / tp['parse_mb_s']:.1f}× floor |")
    out.append(f"| parse + all rules | {tp['check_mb_s']:.2f} MB/s | {tp['floor_mb_s'] / tp['check_mb_s']:.1f}× floor |")
    out.append(f"| one-page notice, parse + check (warm) | {tp['one_page_ms']:.0f} ms | |")
    out.append(f"| cold CLI, check one issue | {cold['cold_cli_cpu_s']:.2f} s CPU, {cold['cold_cli_wall_s']:.2f} s wall | |")
    out += ["", "| copies | files | findings | parse + check | per copy | ratio to ×first | peak RSS | RSS per copy |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    first = rows[0]["per_copy_s"] if rows else 1
    for r in rows:
        out.append(f"| ×{r['copies']} | {r['files']} | {r['findings']} | {r['check_s']:.1f} s | {r['per_copy_s']:.2f} s "
                   f"| {r['per_copy_s'] / first:.2f} | {r['max_rss_mb']:.0f} MB | {r['rss_per_copy_mb']:.1f} MB |")
    if job_rows:
        out += ["", "| check ×{} copies | wall | CPU (CLI and workers) | peak RSS (largest process) | same output |".format(
            job_rows[0]["copies"]), "| --- | ---: | ---: | ---: | --- |"]
        for r in job_rows:
            out.append(f"| --jobs {r['jobs']} | {r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | {r['max_rss_mb']:.0f} MB "
                       f"| {'yes' if r['same_findings'] else 'NO'} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--copies", default="10,50,100")
    ap.add_argument("--jobs-copies", type=int, default=20, help="copies for --jobs 2 vs 1 (0: skip)")
    ap.add_argument("--work", help="directory for the synthetic copies (default: a temporary one)")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--run-cli", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    if args.run_cli:
        print(json.dumps(run_cli(int(args.run_cli[0]), args.run_cli[1:])))
        return 0
    corpus = Path(args.corpus)
    if not sorted(corpus.glob("*.txt")):
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    counts = [int(x) for x in args.copies.split(",") if x]
    env = {"machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores, {platform.system()}",
           "python": platform.python_version(), "load": os.getloadavg()[0]}
    tp = throughput(corpus)
    print(json.dumps(tp), flush=True)
    cold = cold_cli(sorted(corpus.glob("*.txt"))[1])
    print(json.dumps(cold), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        have = len(list(work.glob("c*")))
        need = max([*counts, args.jobs_copies])
        if need > have:
            generate(work, need - have, corpus, start=have)
        rows = []
        for n in counts:
            rows.append(scale(work, n))
            print(json.dumps(rows[-1]), flush=True)
        job_rows = jobs(work, args.jobs_copies) if args.jobs_copies else []
        for r in job_rows:
            print(json.dumps(r), flush=True)
    table = markdown(env, tp, cold, rows, job_rows)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
