"""Cleaning steps for text laid out in columns: tables aligned with spaces, two columns interleaved."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex as re

from .. import patterns as P
from .clean import CleanText, Region, step
from .lines import Line

# ------------------------------------------------------------------ tables aligned with spaces
#: Cells of a table typed with spaces: separated by two or more spaces or full-width spaces.
_CELL_GAP = re.compile(r"[ \u3000]{2,}")
_NUMERIC = re.compile(r"^[-+−－]?\d[\d,，.．]*\s*(?:%|％|[\p{Han}]{0,3})$")
_PAGE_ONLY = re.compile(r"^\d{1,4}$")
_HAN = re.compile(r"\p{Han}")
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
    # a single character spaced out from the next by two spaces at most (`组  长：`, `姓  名`) is
    # one word, not a cell
    k = 0
    while k < len(out) - 1:
        a, b = out[k]
        c = out[k + 1][0]
        if b - a == 1 and _HAN.match(text[a]) and c - b <= 2 and _HAN.match(text[c]):
            out[k: k + 2] = [(a, out[k + 1][1])]
        else:
            k += 1
    return out


def _starts(text: str, cells: list[tuple[int, int]], wide: bool) -> list[int]:
    return [_width(text[:a]) if wide else a for a, _ in cells]


def _columns(rows: list[tuple[str, list[tuple[int, int]]]], wide: bool) -> list[int] | None:
    """The column starts the rows share: cell starts of different rows within 2 of each other, every
    cell of every row starting at one and ending before the next, nearly every column used by two
    rows or more. None when they don't."""
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
    if not all(any(abs(x - c) <= 2 for c in cols) for xs in starts for x in xs):
        return None
    for (t, c), xs in zip(rows, starts, strict=True):  # no cell runs over the start of the next column
        for (a, b), x in zip(c, xs, strict=True):
            end = x + (_width(t[a:b]) if wide else b - a)
            if any(x + 2 < col < end - 1 for col in cols):
                return None
    return cols


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


# ------------------------------------------------------------- two columns interleaved line by line
#: Outline kinds whose numbers run in one series through a column (the weak ones restart often).
_SERIES = ("chapter", "section", "article", "cn", "paren_cn", "arabic", "paren_arabic")
_OPEN_END = re.compile(r"[\p{Han}\d，、“《（(]$")
_TERMINAL = tuple("。！？；：:!?;")
_PROSE = re.compile(r"[，。；、：,;]")


@lru_cache(maxsize=8192)
def _label_of(text: str) -> tuple[int, int] | None:
    """(rank, number) of the outline label `text` begins with, or None."""
    s = text.strip()
    for kind, pat in P.OUTLINE_PATTERNS:
        if kind in _SERIES and (m := pat.match(s)):
            n = P.cn_to_int(m["n"])
            return (P.OUTLINE_RANK[kind], n) if n is not None else None
    return None


def _disorder(texts: list[str]) -> int:
    """Outline numbers out of series: a number that does not follow the last one of its kind (a
    higher-level label restarts the levels under it; the first of a kind may be any number)."""
    last: dict[int, int] = {}
    bad = 0
    for t in texts:
        if t.strip().startswith("附件"):
            last.clear()  # an attachment numbers its outline afresh
            continue
        lab = _label_of(t) if t else None
        if lab is None:
            continue
        rank, n = lab
        if rank in last and n != last[rank] + 1:
            bad += 1
        last[rank] = n
        for r in [r for r in last if r > rank]:
            del last[r]
    return bad


#: Log-likelihood ratios of a line end read as a wrap, from hard-wrapped gazette text: the three
#: characters across a true wrap occur elsewhere in the text about 0.65 of the time (two
#: characters: 0.8), across two lines put side by side by chance 0.07 (0.15).
_LLR_TRIGRAM, _LLR_BIGRAM, _LLR_MISS = 2.3, 0.2, -1.5
#: Two characters across a line end, looked at alone (0.8 across a true wrap, 0.15 by chance): a
#: first look that lets pages that read as printed go without the table of three characters.
_LLR_PAIR = 1.7


@lru_cache(maxsize=8192)
def _goes_on(a: str, width: int) -> bool:
    """`a` is a full line of prose that stops mid-sentence: the next line must go on with it (a list
    item or a title may fill a line without punctuation, and is not judged)."""
    return len(a) >= width - 2 and not a.endswith(_TERMINAL) and _OPEN_END.search(a) is not None \
        and _PROSE.search(a) is not None


def _score(texts: list[str], width: int, grams: tuple[set[int], set[int] | None]) -> tuple[float, int, int]:
    """(evidence that `texts` read in order, breaks of reading order, line ends judged) of one
    reading of a block.

    A full line that stops mid-sentence must go on in the next line. The evidence adds up, over
    such line ends, how well the characters across the end fit the rest of the text (whether they
    occur together elsewhere in it: :data:`_LLR_TRIGRAM`…). A break is such a line going on into a
    blank line, an indented paragraph or a heading label (`一、`, `（二）`, `第三条`: a number cut by
    the wrap, `…第1` / `3、14条`, is no label), or an outline number out of series among the lines
    that begin a paragraph.
    """
    bi, tri = grams
    llr = 0.0
    breaks = seen = 0
    heads: list[str] = []
    prev = ""
    for b in texts:
        a_, b_ = prev, b.strip()
        prev = b.rstrip()
        if not _goes_on(a_, width):
            if b_:
                heads.append(b_)
            continue
        seen += 1
        if not b_ or b.startswith(("  ", "\u3000")):
            breaks += 1  # a paragraph cut by a blank line or an indented one
        elif (lab := _label_of(b_)) is not None and lab[0] <= P.OUTLINE_RANK["paren_cn"] and not a_[-1].isdigit():
            breaks += 1
        elif tri is None:  # a first look, on pairs of characters alone
            llr += _LLR_PAIR if _key(a_[-1] + b_[0]) in bi else _LLR_MISS
        elif _key(a_[-2:] + b_[0]) in tri or (len(b_) > 1 and _key(a_[-1] + b_[:2]) in tri):
            llr += _LLR_TRIGRAM
        elif _key(a_[-1] + b_[0]) in bi:
            llr += _LLR_BIGRAM
        else:
            llr += _LLR_MISS
    return llr, breaks + _disorder(heads), seen


def _pages(ct: CleanText) -> list[tuple[int, int]]:
    """Index ranges of the cleaned lines between page breaks (a dropped line, a table, a form feed)."""
    out = []
    start = 0
    lines = ct.lines
    for k in range(1, len(lines) + 1):
        if k == len(lines) or "\t" in lines[k].text or "\t" in lines[k - 1].text \
                or lines[k].first_line > lines[k - 1].last_line + 1:
            out.append((start, k))
            start = k
    return out


def _codes(t: str):
    import numpy as np  # already loaded with the records; kept out of the text stage's import

    return np.frombuffer(t.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _pairs(t: str) -> set[int]:
    """Every two characters that occur together inside a line of `t`, as :func:`_key` numbers."""
    import numpy as np

    a = _codes(t)
    return set(np.unique((a[:-1] << np.uint64(21)) | a[1:]).tolist())


def _triples(t: str) -> set[int]:
    """Every three characters that occur together inside a line of `t`, as :func:`_key` numbers."""
    import numpy as np

    a = _codes(t)
    return set(np.unique((a[:-2] << np.uint64(42)) | (a[1:-1] << np.uint64(21)) | a[2:]).tolist())


def _key(chars: str) -> int:
    """Two or three characters as one number (21 bits each, as :func:`_pairs` builds them)."""
    k = 0
    for ch in chars:
        k = (k << 21) | ord(ch)
    return k


def _columns_of(part: list, rows: int | None) -> list:
    """`part` read column by column: its even lines then its odd ones; or, when the right column
    has only `rows` rows, the first ``2 * rows`` lines alternate and the rest is the left column's."""
    if rows is None:
        return part[0::2] + part[1::2]
    return part[0:2 * rows:2] + part[2 * rows:] + part[1:2 * rows:2]


def _shorter_right(part: list[str], width: int, grams: tuple[set[int], set[int]]) -> tuple[int, float, int, int] | None:
    """(rows of the right column, gain, breaks, line ends judged) of the best reading of `part` as
    a left column longer than the right one (the right column of a flow's last page may end
    first), or None. Asks for more evidence than the plain reading: it is one of many tried."""
    llr0, breaks0, _ = _score(part, width, grams)
    best = None
    for rows in range(2, len(part) // 2):
        llr1, breaks1, seen1 = _score(_columns_of(part, rows), width, grams)
        gain = llr1 - llr0 + _LLR_BREAK * (breaks0 - breaks1) - _LLR_SEARCH
        if breaks1 == 0 and seen1 >= 6 and (best is None or gain > best[1]):
            best = (rows, gain, breaks1, seen1)
    return best


def _page_width(texts: list[str], width: int) -> int:
    """The width a full line of the page has: the narrower of the widths its even and its odd lines
    fill (two columns of different widths alternate a long and a short full line), else `width`."""
    even = max((len(t.rstrip()) for t in texts[0::2]), default=0)
    odd = max((len(t.rstrip()) for t in texts[1::2]), default=0)
    narrow = min(even, odd)
    return narrow if 14 <= narrow < width - 2 else width


def _starts_of_columns(texts: list[str], width: int) -> list[int]:
    """Where the alternating lines of a page may begin: one of its first lines, or a line after one
    that ends an element (blank, short, or ending a sentence), leaving a page's worth of lines
    (8 to 80) to the page's end."""
    n = len(texts)
    out = []
    for s in range(max(0, n - 80), n - 7):
        prev = texts[s - 1].rstrip() if s else ""
        if s < 8 or not prev or len(prev) < width - 2 or prev.endswith(_TERMINAL):
            out.append(s)
    return out


#: A break of reading order counts as this much evidence; a column reading is taken when its
#: evidence beats the printed order's by `_LLR_REPAIR` (odds of about 1 in 3000 of a wrong repair).
_LLR_BREAK, _LLR_REPAIR = 3.0, 8.0
#: What a reading found by trying every length of a shorter right column must beat the others by.
_LLR_SEARCH = 4.0


@step("interleaved_columns")
def interleaved_columns(ct: CleanText) -> bool:
    """Two columns whose lines alternate (left, right, left…), as some PDF extractors leave them,
    read column by column; where the order can't be told with confidence, a low-confidence region.

    Only in text hard-wrapped at a column's width, one page at a time (pages end where furniture
    was dropped, or at a table); columns of two widths (long and short full lines alternating)
    are judged at the narrower. The last part of a page (8 to 80 lines, after an element's end)
    is read as its even lines then its odd ones when that reading breaks no sentence (a full line
    that stops mid-sentence going on into an outline label or an indented paragraph) and no
    outline series, and the characters across its line ends fit the rest of the text (occur
    together elsewhere) far better than those of the page as printed. A part whose printed order
    breaks sentences and outline series while the column reading is not clean either is marked
    low-confidence instead.
    """
    from .layout import wrap_width

    width = wrap_width(ct)
    if width is None:
        return False
    joined: str | None = None
    bi: set[int] = set()
    tri: set[int] | None = None
    lines = ct.lines
    repairs: list[tuple[int, int, int | None]] = []
    regions: list[tuple[int, int]] = []
    for a, b in _pages(ct):
        if b - a < 8 or sum(1 for k in range(a, b) if len(lines[k].text.rstrip()) >= width - 2) < 4:
            continue
        texts = [ln.text for ln in lines[a:b]]
        if joined is None:
            joined = "\n".join(ln.text for ln in lines)
            bi = _pairs(joined)
        w = _page_width(texts, width)
        llr, breaks, _ = _score(texts, w, (bi, None))
        if llr >= 0 and breaks <= 1:
            continue  # the page reads as printed (a first look, on pairs of characters)
        if tri is None:
            tri = _triples(joined)
        grams = (bi, tri)
        tried = []
        for s in _starts_of_columns(texts, w):
            part = texts[s:]
            llr0, breaks0, _ = _score(part, w, grams)
            llr1, breaks1, seen1 = _score(part[0::2] + part[1::2], w, grams)
            tried.append((llr1 - llr0 + _LLR_BREAK * (breaks0 - breaks1), s, llr0, breaks0, breaks1, seen1))
        if not tried:
            continue
        # columns fill a page from its top: after dropped furniture, the whole page when it reads
        # so; else, of the readings that explain the page about as well, the one that moves the
        # fewest lines (lines above the columns, a heading, carry no evidence either way)
        top = max(t[0] for t in tried)
        page_top = a > 0 and lines[a].first_line > lines[a - 1].last_line + 1
        first = tried[0]
        if page_top and first[1] == 0 and first[0] >= _LLR_REPAIR and first[4] == 0 and first[5] >= 6:
            gain, s, llr0, breaks0, breaks1, seen1 = tried[0]
        else:
            gain, s, llr0, breaks0, breaks1, seen1 = max((t for t in tried if t[0] >= top - 1.0), key=lambda t: t[1])
        rows = None
        if not (gain >= _LLR_REPAIR and breaks1 == 0 and seen1 >= 6):
            found = _shorter_right(texts[s:], w, grams)  # the right column may end before the left
            if found is not None:
                rows, gain, breaks1, seen1 = found
        if gain >= _LLR_REPAIR and breaks1 == 0 and seen1 >= 6:
            repairs.append((a + s, b, rows))
        elif gain >= _LLR_REPAIR and llr0 < 0:
            regions.append((a if page_top else a + s, b))  # the page reads neither as printed nor surely as columns
    for a, b, rows in reversed(repairs):
        ct.lines[a:b] = _columns_of(ct.lines[a:b], rows)
    for a, b in regions:
        ct.regions.append(Region(ct.lines[a].first_line, ct.lines[b - 1].last_line, "interleaved",
                                 "两栏文字逐行交错，无法可靠还原阅读顺序"))
    return bool(repairs or regions)
