"""Time checking the corpus replicated 1×, 10× and 50× (cross-document work must stay near-linear).

The corpus is parsed once; each copy gets its own file names, 刊名, 机关代字
and titles (a copy tag is appended), so copies do not collide with each other
and the findings grow in proportion. Usage::

    .venv/bin/python benchmarks/bench_scale.py [--corpus DIR] [--multipliers 1,10,50]
                                               [--select XD] [--archive]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazette_checks.config import Config  # noqa: E402
from gazette_checks.engine import check_records, parse_paths  # noqa: E402
from gazette_checks.read import Source  # noqa: E402
from gazette_checks.records import TABLE_NAMES, Records  # noqa: E402

_TAGS = "甲乙丙丁戊己庚辛壬癸"


def tag(copy: int) -> str:
    """Two Han characters naming copy `copy` (0-99)."""
    return _TAGS[copy // 10 % 10] + _TAGS[copy % 10]


def replicate(records: Records, times: int) -> Records:
    """`records` repeated `times` times, each copy with its own names and numbers."""
    parts = []
    for c in range(times):
        t = tag(c)
        names = {f: f"copy{c:03d}/{Path(f).name}" for f in records.sources}
        part = Records()
        for table in (*TABLE_NAMES, "problems"):
            df = getattr(records, table).copy()
            if not len(df):
                setattr(part, table, df)
                continue
            df["file"] = df["file"].map(names)
            if "doc_id" in df.columns:
                df["doc_id"] = df["doc_id"].map(lambda v, c=c: f"copy{c:03d}/{v}" if isinstance(v, str) else v)
            if "table_id" in df.columns:
                df["table_id"] = df["table_id"].map(lambda v, c=c: f"copy{c:03d}/{v}" if isinstance(v, str) else v)
            if table == "issues":
                df["name"] = df["name"].map(lambda v, t=t: _tagged_name(v, t))
            if table == "documents":
                df["agency"] = df["agency"].map(lambda v, t=t: v + t if isinstance(v, str) else v)
                df["doc_number"] = df["doc_number"].map(lambda v, t=t: _tagged_number(v, t))
                for col in ("title", "attached_title", "quoted_title"):
                    df[col] = df[col].map(lambda v, t=t: v + t if isinstance(v, str) else v)
            if table == "citations":
                df["doc_number"] = df["doc_number"].map(lambda v, t=t: _tagged_number(v, t))
            setattr(part, table, df)
        # a different last line per copy, so the archive does not take copies for one file
        part.sources = {names[f]: Source(name=names[f], text=s.text + f"\n{t}", encoding=s.encoding)
                        for f, s in records.sources.items()}
        parts.append(part)
    return Records.concat(parts)


def _tagged_name(v, t: str):
    if not isinstance(v, str):
        return v
    return v[:-2] + t + v[-2:] if v.endswith(("公报", "政报")) else v + t


def _tagged_number(v, t: str):
    if not isinstance(v, str):
        return v
    for k, ch in enumerate(v):
        if ch in "〔[【(（［﹝":
            return v[:k] + t + v[k:]
    return v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--multipliers", default="1,10,50")
    ap.add_argument("--select", default="ALL", help="rules to run (ALL, XD, ...)")
    ap.add_argument("--archive", action="store_true", help="also time archive add + load")
    args = ap.parse_args(argv)
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    base, errors = parse_paths([str(p) for p in files])
    parse_s = time.perf_counter() - t0
    print(f"parsed {len(files)} files once in {parse_s:.2f}s ({len(base.documents)} documents)")
    config = Config(select=args.select.split(","))
    rows = []
    for m in (int(x) for x in args.multipliers.split(",")):
        recs = replicate(base, m)
        t0 = time.perf_counter()
        findings = check_records(recs, config)
        check_s = time.perf_counter() - t0
        xd = sum(1 for f in findings if f.rule.startswith("XD"))
        row = {"copies": m, "files": len(recs.sources), "documents": len(recs.documents),
               "findings": len(findings), "xd_findings": xd, "check_s": round(check_s, 2)}
        if args.archive:
            from gazette_checks.archive import Archive

            with tempfile.TemporaryDirectory() as tmp:
                arc = Archive(Path(tmp) / "bench.sqlite")
                t0 = time.perf_counter()
                arc.add(recs)
                row["archive_add_s"] = round(time.perf_counter() - t0, 2)
                t0 = time.perf_counter()
                arc.load()
                row["archive_load_s"] = round(time.perf_counter() - t0, 2)
        rows.append(row)
        print(row, flush=True)
    df = pd.DataFrame(rows)
    first = df.iloc[0]
    df["time_ratio"] = (df["check_s"] / max(first["check_s"], 1e-9)).round(1)
    df["size_ratio"] = df["copies"] / first["copies"]
    print(df.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
