"""Cleaning steps for text laid out in columns: tables aligned with spaces, two columns interleaved."""

from __future__ import annotations

import unicodedata

import regex as re

from .. import patterns as P
from .clean import CleanText, step
from .lines import Line

# ------------------------------------------------------------------ tables aligned with spaces
#: Cells of a table typed with spaces: separated by two or more spaces or full-width spaces.
_CELL_GAP = re.compile(r"[ \u3000]{2,}")
_NUMERIC = re.compile(r"^[-+−－]?\d[\d,，.．]*\s*(?:%|％|[\p{Han}]{0,3})$")
_PAGE_ONLY = re.compile(r"^\d{1,4}$")
_CLAUSE = re.compile(r"[，。；：！？、,;:]")


def _has_gap(text: str) -> bool:
    """`text` holds two or more spaces between two of its characters."""
    if "  " not in text and "\u3000" not in text:
        return False
    t = text.strip()
    return "  " in t or "\u3000\u3000" in t or " \u3000" in t or "\u3000 " in t


def _width(s: str) -> int:
    """Display width of `s`: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of `text`, split at runs of two or more spaces."""
    body_start = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    if body_end <= body_start:
        return []
    out: list[tuple[int, int]] = []
    pos = body_start
    for g in _CELL_GAP.finditer(text, body_start, body_end):
        out.append((pos, g.start()))
        pos = g.end()
    out.append((pos, body_end))
    return out


def _starts(text: str, cells: list[tuple[int, int]], wide: bool) -> list[int]:
    return [_width(text[:a]) if wide else a for a, _ in cells]


def _columns(rows: list[tuple[str, list[tuple[int, int]]]], wide: bool) -> list[int] | None:
    """The column starts the rows share: cell starts of different rows within 2 of each other, every
    cell of every row starting at one, nearly every column used by two rows or more. None when they
    don't."""
    starts = [_starts(t, c, wide) for t, c in rows]
    flat = sorted(x for xs in starts for x in xs)
    groups: list[list[int]] = []
    for x in flat:
        if groups and x - groups[-1][0] <= 2:
            groups[-1].append(x)
        else:
            groups.append([x])
    shared = sum(1 for g in groups if len(g) >= 2)
    if shared < 2 or any(len(g) < 2 for g in groups[:-1]):
        return None  # only the last column may be one only one row fills (a cell the others leave empty)
    cols = [g[len(g) // 2] for g in groups]
    if all(any(abs(x - c) <= 2 for c in cols) for xs in starts for x in xs):
        return cols
    return None


def _table_like(rows: list[tuple[str, list[tuple[int, int]]]], cols: list[int]) -> bool:
    """Cells, not prose or a table of contents: three columns or more; or two, with a number column,
    or with a header row and short labels in the first column (`服务领域  服务项目`)."""
    if len(cols) >= 3:
        return True
    texts = [[t[a:b].strip() for a, b in c] for t, c in rows]
    if all(_PAGE_ONLY.match(cells[-1]) for cells in texts[1:] if len(cells) == 2):
        return False  # `某某通知        12`: table-of-contents entries with their pages
    if sum(1 for cells in texts for x in cells[1:] if _NUMERIC.match(P.squash(x))) >= len(rows) - 1:
        return True
    head = texts[0]
    labels = [cells[0] for cells in texts if len(cells) == 2]
    return len(head) == 2 and all(len(x) <= 10 and not _CLAUSE.search(x) for x in head) \
        and all(len(x) <= 16 and not _CLAUSE.search(x) for x in labels)


def _row(ln: Line, cells: list[tuple[int, int]], cols: list[int], wide: bool) -> list[Line | None]:
    """The cells of `ln` placed in the table's columns (None where a cell is empty)."""
    out: list[Line | None] = [None] * len(cols)
    for (a, b), start in zip(cells, _starts(ln.text, cells, wide), strict=True):
        k = min(range(len(cols)), key=lambda c: abs(cols[c] - start))
        piece = ln.slice(a, b)
        out[k] = piece if out[k] is None else out[k].join(piece, " ")
    return out


def _tab_line(cells: list[Line | None]) -> Line:
    """One table row: its cells joined by tabs (an empty cell maps to the end of the cell before)."""
    first = next(c for c in cells if c is not None)
    out: Line | None = None
    for c in cells:
        c = c if c is not None else first.slice(0, 0)
        out = c if out is None else out.join(c, "\t")
    assert out is not None
    return out


def _build(lines: list[Line], cells: list[list[tuple[int, int]]], fits: list[bool], cols: list[int],
           wide: bool) -> tuple[list[Line], bool]:
    """The lines of a candidate block, runs of three or more fitting rows made tab rows; whether any was."""
    out: list[Line] = []
    built: list[list[Line | None]] = []
    taken: list[Line] = []  # the original lines of the rows built so far
    made = False

    def flush() -> None:
        nonlocal made
        if len(built) >= 3:
            out.extend(_tab_line(r) for r in built)
            made = True
        else:
            out.extend(taken)
        built.clear()
        taken.clear()

    for ln, cs, fit in zip(lines, cells, fits, strict=True):
        if not fit or (len(cs) == 1 and not built):
            flush()
            out.append(ln)  # a caption or a note above, below or inside: not a row
            continue
        taken.append(ln)
        row = _row(ln, cs, cols, wide)
        if len(cs) == 1 and row[0] is None:  # a wrapped cell: join it to the cell above
            c = next(x for x in range(len(cols)) if row[x] is not None)
            above = built[-1][c]
            built[-1][c] = row[c] if above is None else above.join(row[c])  # type: ignore[union-attr]
            continue
        built.append(row)
    flush()
    return out, made


@step("space_tables")
def space_tables(ct: CleanText) -> bool:
    """Tables typed with spaces (no tabs) read as rows of tab-separated cells, so the parser reads them
    as tables: three or more consecutive lines whose cells, split at runs of two or more spaces,
    start at the same columns (counted in characters or in display width). A line inside the table
    holding one cell under a column (a cell's text wrapped) joins that cell of the row above."""
    lines = ct.lines
    n = len(lines)
    gap = [_has_gap(ln.text) for ln in lines]
    if sum(gap) < 3:
        return False
    # cells only where three lines with gaps come close together (a wrapped cell may sit between)
    near = [gap[k] and sum(gap[max(0, k - 3): k + 4]) >= 3 for k in range(n)]
    cells = [(_cells(ln.text) if (near[k] or (0 < k < n - 1 and near[k - 1] and near[k + 1]))
              and "\t" not in ln.text and "<" not in ln.text else [])
             for k, ln in enumerate(lines)]
    changed = False
    out: list[Line] = []
    i = 0
    while i < n:
        if len(cells[i]) < 2:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < n and (len(cells[j]) >= 2 or (len(cells[j]) == 1 and j + 1 < n and len(cells[j + 1]) >= 2
                                                 and j > i)):
            j += 1
        rows = [(lines[k].text, cells[k]) for k in range(i, j) if len(cells[k]) >= 2]
        cols = None
        wide = False
        if len(rows) >= 3:
            # a caption or a note at either edge may sit apart from the columns: tried without them
            found = [(a + b, len(c), w, c) for a, b in ((0, 0), (1, 0), (0, 1), (1, 1)) if len(rows) - a - b >= 3
                     for w in (False, True) if (c := _columns(rows[a: len(rows) - b], w)) is not None]
            if found:  # the most rows, counted in characters or in display width, whichever fits tighter
                _, _, wide, cols = min(found)
            if cols is not None and not _table_like(rows, cols):
                cols = None
        if cols is None:
            out.extend(lines[i:j])
            i = j
            continue
        fits = [all(any(abs(x - c) <= 2 for c in cols) for x in _starts(lines[k].text, cells[k], wide))
                for k in range(i, j)]
        if sum(fits) < 3:
            out.extend(lines[i:j])
            i = j
            continue
        rows_out, made = _build(lines[i:j], cells[i:j], fits, cols, wide)
        out.extend(rows_out)
        changed |= made
        i = j
    ct.lines = out
    return changed
