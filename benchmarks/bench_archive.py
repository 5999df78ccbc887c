"""`check NEW --archive A` at 100, 1,000 and 10,000 archived files against `check NEW` alone.

The archive is synthetic but shaped like a province's: the corpus (three issues
of one city's bimonthly gazette and one standalone document) is copied for
250 cities × 10 years. Each copy gets its city's 机关代字 and gazette name
(牡… → 甲乙…), its year (文号 years, 成文日期, 总期号 shifted), so 文号 are
unique, each city's issues and 发文字号 form a series across the years,
the standalone document is a reprint source of the issue carrying it, and
citations of a city's own documents follow its numbers while citations of
provincial and national documents are shared by every city (as in life).
The records are written straight into the SQLite layout (no re-parsing);
NEW is the first corpus file, archived with its real neighbours of the same
year (the other corpus files, one of them the original of 20-odd reprinted
passages that XD07 aligns: cross-document work that any archive holding them
costs, shown in the first archive row) and ten earlier years of its own city.

Each `check` runs as a fresh process (cold start included); time is the CPU
time of that process (steady on a shared machine; wall time is shown too),
memory its peak RSS. Usage::

    .venv/bin/python benchmarks/bench_archive.py [--corpus DIR] [--sizes 100,1000,10000]
                                                  [--repeat 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazette_checks.archive import TABLES, Archive, _plain, insert_rows  # noqa: E402
from gazette_checks.engine import parse_paths  # noqa: E402

_HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
YEARS = 10  # years of each city's gazette in the archive
BASE_YEAR = 2022  # the corpus year
CITY = "牡"  # the corpus city's one-character abbreviation in 机关代字
CITY_NAME = "牡丹江"


def city_tag(g: int) -> str:
    """Two Han characters naming city `g` (0 is the corpus city itself)."""
    return CITY if g == 0 else _HAN[g // len(_HAN) % len(_HAN)] + _HAN[g % len(_HAN)]


class Builder:
    """Writes copies of the corpus records into an archive's tables."""

    def __init__(self, corpus: Path, archive: Path) -> None:
        self.records, _ = parse_paths([str(corpus)])
        self.files = list(self.records.own_files)
        self.archive = archive
        self.rows = {f: {t: [{k: _plain(v) for k, v in r.items()}
                             for r in getattr(self.records, t).to_dict("records") if r["file"] == f]
                         for t in TABLES} for f in self.files}
        self.text = {f: self.records.sources[f].text.encode("utf-8") for f in self.files}
        self.zip = {}
        self.sha = {}
        for f in self.files:
            z = zlib.compressobj()
            head = z.compress(self.text[f])
            self.zip[f] = (z, head)
            self.sha[f] = hashlib.sha256(self.text[f])
        self.copies = 0

    def start(self, new: str) -> None:
        """A fresh archive holding the real files of the corpus other than `new`."""
        if self.archive.exists():
            self.archive.unlink()
        arc = Archive(self.archive)
        for f in self.files:
            if f != new:
                arc.add(self.records.subset(f))
        self.copies = 0

    def grow_to(self, n_files: int) -> None:
        """Add corpus copies until the archive holds about `n_files` files."""
        want = max(0, (n_files - (len(self.files) - 1)) // len(self.files))
        con = sqlite3.connect(self.archive, isolation_level=None)
        con.execute("PRAGMA foreign_keys = ON")
        try:
            while self.copies < want:
                con.execute("BEGIN IMMEDIATE")
                for c in range(self.copies, min(want, self.copies + 25)):
                    self._copy(con, c)
                con.execute("COMMIT")
                self.copies = min(want, self.copies + 25)
        finally:
            con.close()

    def _copy(self, con: sqlite3.Connection, c: int) -> None:
        g, k = divmod(c, YEARS)
        year = BASE_YEAR - YEARS + k if g == 0 else BASE_YEAR - YEARS + 1 + k
        tag, delta = city_tag(g), year - BASE_YEAR
        for f in self.files:
            name = f"archive/{tag}/{year}/{Path(f).name}"
            mark = f"\n{tag}{year}".encode()
            z, head = self.zip[f]
            z2 = z.copy()
            blob = head + z2.compress(mark) + z2.flush()
            sha = self.sha[f].copy()
            sha.update(mark)
            cur = con.execute(
                "INSERT INTO files (name, abspath, sha256, encoding, added_at, text, known_failures) "
                "VALUES (?, ?, ?, 'utf-8', '2026-01-01T00:00:00+00:00', ?, '[]')",
                (name, name, sha.hexdigest(), blob))
            fid = cur.lastrowid
            for table in TABLES:
                rows = [self._shift(table, r, f, name, tag, delta) for r in self.rows[f][table]]
                if not rows:
                    continue
                insert_rows(con, fid, table, rows)

    @staticmethod
    def _shift(table: str, r: dict, old: str, new: str, tag: str, delta: int) -> dict:
        r = dict(r)
        for col in ("doc_id", "table_id"):
            if isinstance(r.get(col), str):
                r[col] = r[col].replace(old, new)
        if table not in ("issues", "documents", "citations", "toc"):
            return r

        def city(v):
            return v.replace(CITY_NAME, tag if tag != CITY else CITY_NAME) if isinstance(v, str) else v

        def year(v):
            if not isinstance(v, str):
                return v
            for y in range(BASE_YEAR - 3, BASE_YEAR + 1):
                v = v.replace(f"{y}年", f"{y + delta}年").replace(f"{y}-", f"{y + delta}-")
                v = v.replace(f"〔{y}〕", f"〔{y + delta}〕")
            return v

        for col in ("title", "attached_title", "quoted_title", "name", "city", "issuer", "signer", "publisher"):
            if col in r:
                r[col] = city(r[col])
        if table == "issues":
            r["year"] = r["year"] + delta if r.get("year") is not None else None
            r["date"], r["date_raw"] = year(r.get("date")), year(r.get("date_raw"))
            if r.get("total_number") is not None:
                r["total_number"] += 6 * delta
        if table == "documents":
            if isinstance(r.get("agency"), str) and r["agency"].startswith(CITY):
                r["agency"] = tag + r["agency"][1:]
                r["doc_number"] = tag + year(r["doc_number"])[1:]
                r["number_year"] = r["number_year"] + delta if r.get("number_year") is not None else None
            for col in ("date", "date_raw"):
                r[col] = year(r.get(col))
        if table == "citations" and isinstance(r.get("doc_number"), str) and r["doc_number"].startswith(CITY):
            r["doc_number"] = tag + year(r["doc_number"])[1:]  # the city's own documents follow its numbers
        return r


def run_check(new: str, archive: Path | None) -> tuple[float, float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in MiB, findings) of one `check` process."""
    cmd = [sys.executable, "-m", "gazette_checks", "check", new, "--format", "json", "--no-progress"]
    if archive is not None:
        cmd += ["--archive", str(archive)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check failed ({proc.returncode}): {' '.join(cmd)}")
    findings = len(json.loads(out)["findings"])
    return usage.ru_utime + usage.ru_stime, seconds, usage.ru_maxrss / 1024, findings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", default=None, help="where the archive is built (default: a temporary folder)")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; skipped", file=sys.stderr)
        return 0
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-archive-"))
    work.mkdir(parents=True, exist_ok=True)
    b = Builder(corpus, work / "archive.sqlite")
    new = b.files[0]
    b.start(new)
    alone = [run_check(new, None) for _ in range(args.repeat)]
    cpu0, wall0 = statistics.median(x[0] for x in alone), statistics.median(x[1] for x in alone)
    mem0 = max(x[2] for x in alone)
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
    print(f"NEW: {Path(new).name}; medians of {args.repeat} cold `check` processes; CPU = user + system time\n")
    print("| archived files | archive MB | CPU s | × alone | wall s | peak MiB | × alone | findings |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| none | | {cpu0:.2f} | 1.00 | {wall0:.2f} | {mem0:.0f} | 1.00 | {alone[0][3]} |")
    for size in [0, *[int(s) for s in args.sizes.split(",")]]:  # 0: only NEW's real neighbours
        b.grow_to(size)
        n = len(Archive(b.archive).list())
        runs = [run_check(new, b.archive) for _ in range(args.repeat)]
        cpu, wall = statistics.median(x[0] for x in runs), statistics.median(x[1] for x in runs)
        mem = max(x[2] for x in runs)
        mb = b.archive.stat().st_size / 2**20
        print(f"| {n:,} | {mb:.0f} | {cpu:.2f} | {cpu / cpu0:.2f} | {wall:.2f} | {mem:.0f} | {mem / mem0:.2f} "
              f"| {runs[0][3]} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
