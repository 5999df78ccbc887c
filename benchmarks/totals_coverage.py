"""How much the totals rules (TB) actually examine on a corpus, not only what they flag.

A rule that flags nothing may have checked everything or nothing; this prints, per file, the
tables found and how many totals, counts and shares were compared (and how many agreed).

Run: python benchmarks/totals_coverage.py [CORPUS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {corpus}", file=sys.stderr)
        return 2

    from gazette_checks import patterns as P
    from gazette_checks.api import parse_paths
    from gazette_checks.checks.cited_tables import _CITE, _cited_table, _claims, table_counts
    from gazette_checks.checks.grid import grid_of, tables_by_id
    from gazette_checks.checks.shares import shares
    from gazette_checks.checks.totals import _grid_totals, inline_lists, prose_totals

    records = parse_paths(files)
    tables = tables_by_id(records.tables)
    rows = []
    for path in files:
        name = str(path)
        mine = {k: v for k, v in tables.items() if v[0]["file"] == name}
        totals = [t for cells in mine.values() for t in _grid_totals(grid_of(cells))]
        prose = lists = claims = checked_shares = 0
        agree = {"TB01": sum(t["ok"] for t in totals), "TB02": 0, "TB04": 0, "TB06": 0, "TB07": 0}
        docs = records.documents[records.documents["file"] == name]
        for d in docs.itertuples(index=False):
            for line in range(int(d.line), int(d.end_line) + 1):
                raw = records.line_text(name, line)
                if "\t" in raw:
                    continue
                text = P.squash(P.strip_markup(raw))
                for t in prose_totals(text) if "其中" in text else ():
                    prose += 1
                    agree["TB02"] += t["ok"]
                for lst in inline_lists(text):
                    lists += 1
                    agree["TB04"] += lst["ok"]
                for s in shares(text) if "占" in text else ():
                    checked_shares += 1
                    agree["TB07"] += s.ok
                since = 0
                for cite in _CITE.finditer(text):
                    span = re.split(r"[。；;]", text[since: cite.start()])[-1]
                    since = cite.end()
                    cells = _cited_table(mine, name, d.doc_id, line, cite["k"], bool(cite["fu"]))
                    if cells is None:
                        continue
                    have = table_counts(cells)
                    for what, _, stated in _claims(span):
                        if getattr(have, what) is not None:
                            claims += 1
                            agree["TB06"] += getattr(have, what) == stated
        rows.append((path.name, len(mine), len(totals), prose, lists, claims, checked_shares, agree))
    print(f"{'file':32} {'tables':>6} {'TB01':>5} {'TB02':>5} {'TB04':>5} {'TB06':>5} {'TB07':>5}")
    for name, n, *counts, agree in rows:
        cells = [f"{c}/{agree[k]}" for c, k in zip(counts, ("TB01", "TB02", "TB04", "TB06", "TB07"), strict=True)]
        print(f"{name:32} {n:>6} " + " ".join(f"{c:>5}" for c in cells))
    print("(compared/agreeing: TB01 table totals, TB02 共N…其中, TB04 inline lists, TB06 counts against a "
          "cited table, TB07 shares)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
