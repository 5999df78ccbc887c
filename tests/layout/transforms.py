"""Content-preserving layout transforms of gazette text.

Each transform takes the text of a file and returns the same content laid out
another way, as other cities' gazettes, PDF extractors and web exports do:
page numbers and running heads, the signing organ and the date on one line,
database export headers, hard-wrapped paragraphs, CRLF/BOM/form feeds,
half-width punctuation in addressee lines, joint signatures side by side.
Checking a text and its transform must give the same records and findings.
They are deliberately written without the package's own patterns, so that a
shared mistake cannot hide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Transform = Callable[[str], str]

_DATE = re.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,4}\s*日\s*$")
_ORGAN = re.compile(r"^\s*(?:中共)?[\u4e00-\u9fff（）()]{2,30}(?:人民政府|办公室|办公厅|委员会|局|委|厅|部|办)\s*$")
_TABLE = re.compile(r"\t|<p>|<td")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _blocks(lines: list[str]) -> list[int]:
    """Indices after which a page may break: blank lines not inside a table."""
    return [i for i, s in enumerate(lines) if not s.strip() and not (
        i + 1 < len(lines) and _TABLE.search(lines[i + 1]) and i > 0 and _TABLE.search(lines[i - 1]))]


def page_furniture(text: str, every: int = 45, name: str | None = None) -> str:
    """A page number (`— N —`) and a running head at every page break (about `every` lines).

    The running head repeats the gazette's name from its masthead (`某某市人民政府公报` for a
    text without one), with the issue on odd pages.
    """
    lines = _lines(text)
    if name is None:
        name = next((s.strip() for s in lines[:40] if re.fullmatch(r"\s*[\u4e00-\u9fff]{2,20}(?:公报|政报)\s*", s)),
                    "某某市人民政府公报")
    breaks = set()
    last = 0
    for i in _blocks(lines):
        if i - last >= every:
            breaks.add(i)
            last = i
    out: list[str] = []
    page = 1
    for i, s in enumerate(lines):
        out.append(s)
        if i in breaks:
            out.extend([f"— {page} —", "", f"{name}  2022年第5期" if page % 2 else f"{name}", ""])
            page += 1
    return "\n".join(out)


def _signature_pairs(lines: list[str]) -> list[tuple[int, int]]:
    """(organ line, date line) of each 落款: an organ line whose next non-blank line is a date."""
    pairs = []
    for i, s in enumerate(lines):
        if not _ORGAN.match(s):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and _DATE.match(lines[j]):
            pairs.append((i, j))
    return pairs


def organ_and_date_on_one_line(text: str) -> str:
    """`某市人民政府　　2024年5月10日`: the signing organ and the 成文日期 on one line."""
    lines = _lines(text)
    pairs = dict(_signature_pairs(lines))
    out: list[str] = []
    skip: set[int] = set()
    for i, s in enumerate(lines):
        if i in skip:
            continue
        if i in pairs:
            j = pairs[i]
            out.append(f"{s.strip()}\u3000\u3000{lines[j].strip()}")
            skip.update(range(i + 1, j + 1))
            continue
        out.append(s)
    return "\n".join(out)


def export_header(text: str) -> str:
    """A legal database's export header in front (citation code, link, the title once more)."""
    first = next((s.strip() for s in _lines(text) if s.strip()), "")
    return f"    【法宝引证码】 CLI.9.123456\n原文链接：https://example.org/lar/0123456789abcdef.html\n{first}\n{text}"


def hard_wrap(text: str, width: int = 36) -> str:
    """Paragraphs hard-wrapped at `width` characters, as pdftotext leaves them."""
    out: list[str] = []
    for s in _lines(text):
        if len(s) <= width or _TABLE.search(s):
            out.append(s)
            continue
        out.extend(s[k:k + width] for k in range(0, len(s), width))
    return "\n".join(out)


def two_columns_interleaved(text: str, width: int = 30, rows: int = 14) -> str:
    """Two-column pages whose lines an extractor left alternating: left row, right row, left row…

    Lines are hard-wrapped at `width` (a column). The body of a document flows in two columns:
    from a prose paragraph (longer than a line, ending a sentence) on, with the headings, short
    lines and blank lines among them, up to a table or a long line that is not prose (a title,
    an addressee: these span the page). The flow is cut into pages of ``2 * rows`` lines, the
    first half the left column, the second the right; each page starts at the top of a page (after
    a page number `- N -`), is written row by row, left then right, and is followed by its page
    number. Only full pages mostly of prose are set so (``rows`` full lines of prose at least): the
    last lines of a flow, and pages of short lines, stay in order. (With less running text the
    order can't be told with confidence; the text stage marks such pages instead, see
    tests/test_adversarial_layouts.py.)
    """
    out: list[str] = []
    run: list[str] = []
    page = [0]

    def flush() -> None:
        body = list(run)
        while body and not body[-1].strip():
            body.pop()
        tail = run[len(body):]
        for k in range(0, len(body), 2 * rows):
            chunk = body[k:k + 2 * rows]
            full = sum(1 for x in chunk if len(x) == width and ("，" in x or "。" in x))
            if len(chunk) < 2 * rows or full < rows:
                out.extend(chunk)  # the end of a text, or a page of short lines: left in one column
                continue
            if not (out and re.fullmatch(r"- \d+ -", out[-1])):
                page[0] += 1
                out.append(f"- {page[0]} -")  # the columns start at the top of a page
            h = (len(chunk) + 1) // 2
            left, right = chunk[:h], chunk[h:]
            for r in range(h):
                out.append(left[r])
                if r < len(right):
                    out.append(right[r])
            page[0] += 1
            out.append(f"- {page[0]} -")
        out.extend(tail)
        run.clear()

    for s in _lines(text):
        wrapped = [s[k:k + width] for k in range(0, len(s), width)] or [s]
        prose = len(s) > width and s.rstrip().endswith(("。", "；", "！", "？"))
        if _TABLE.search(s) or (len(s) > width and not prose):
            flush()  # spans the page
            out.extend([s] if _TABLE.search(s) else wrapped)
        elif run or prose:
            run.extend(wrapped)
        else:
            out.append(s)
    flush()
    return "\n".join(out)


def crlf_bom_form_feeds(text: str, every: int = 60) -> str:
    """Windows line ends, a byte-order mark and a form feed at every page break."""
    lines = _lines(text)
    breaks = set(_blocks(lines)[::max(1, len(_blocks(lines)) // max(1, len(lines) // every))])
    out = [("\f" + s if i in breaks else s) for i, s in enumerate(lines)]
    return "\ufeff" + "\r\n".join(out)


def halfwidth_addressee(text: str) -> str:
    """Addressee lines (主送) typed with half-width punctuation: `各县(市)、区人民政府,市政府各部门:`."""
    out = []
    for s in _lines(text):
        t = s.strip()
        if t.endswith("：") and 4 <= len(t) <= 120 and "。" not in t and "\t" not in t:
            s = s.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")")
        out.append(s)
    return "\n".join(out)


def joint_signatures_side_by_side(text: str) -> str:
    """Organs of a joint 落款 printed side by side on one line (two-column signature block)."""
    lines = _lines(text)
    out: list[str] = []
    i = 0
    while i < len(lines):
        run = []
        j = i
        while j < len(lines) and (_ORGAN.match(lines[j]) or (not lines[j].strip() and run)):
            if lines[j].strip():
                run.append(j)
            j += 1
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        if len(run) >= 2 and k < len(lines) and _DATE.match(lines[k]):
            names = [lines[r].strip() for r in run]
            for a in range(0, len(names), 2):
                out.append("\u3000\u3000\u3000".join(names[a:a + 2]))
            out.extend(lines[run[-1] + 1:j])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def tables_aligned_with_spaces(text: str, wide: bool = False) -> str:
    """Tables typed with spaces instead of tabs: each column padded to its widest cell plus two spaces,
    counted in characters (as pdftotext -layout places them) or, with `wide`, in display width (as
    typed in a monospaced font, where a Chinese character is two columns wide).

    Only tables whose every row fills two cells or more: typed with spaces, a row with one filled
    cell is a line of text to any reader.
    """
    lines = _lines(text)
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        filled = all(sum(1 for c in lines[k].split("\t") if c.strip()) >= 2 for k in range(i, j))
        markup = any("<" in lines[k] for k in range(i, j))
        if j - i < 3 or not filled or markup:  # a row with one filled cell, typed with spaces, is text
            out.extend(lines[i:max(j, i + 1)])
            i = max(j, i + 1)
            continue
        rows = [[" ".join(c.split()) for c in lines[k].split("\t")] for k in range(i, j)]
        size = _display_width if wide else len
        widths = [max(size(r[c]) for r in rows if c < len(r)) for c in range(max(map(len, rows)))]
        for r in rows:
            out.append("".join(cell + " " * (widths[c] + 2 - size(cell)) for c, cell in enumerate(r)).rstrip())
        i = j
    return "\n".join(out)


#: Every transform by name.
TRANSFORMS: dict[str, Transform] = {
    "page_furniture": page_furniture,
    "organ_and_date_on_one_line": organ_and_date_on_one_line,
    "export_header": export_header,
    "hard_wrap_36": hard_wrap,
    "hard_wrap_30": lambda t: hard_wrap(t, 30),
    "hard_wrap_40": lambda t: hard_wrap(t, 40),
    "crlf_bom_form_feeds": crlf_bom_form_feeds,
    "halfwidth_addressee": halfwidth_addressee,
    "joint_signatures_side_by_side": joint_signatures_side_by_side,
    "tables_aligned_with_spaces": tables_aligned_with_spaces,
    "two_columns_interleaved": two_columns_interleaved,
    "tables_aligned_in_display_width": lambda t: tables_aligned_with_spaces(t, wide=True),
}


def compose(*transforms: Transform) -> Transform:
    """Apply `transforms` left to right."""

    def run(text: str) -> str:
        for t in transforms:
            text = t(text)
        return text

    return run


#: Several at once, as one PDF extraction of another city's issue would show them.
TRANSFORMS["all_at_once"] = compose(
    organ_and_date_on_one_line, joint_signatures_side_by_side, halfwidth_addressee,
    hard_wrap, page_furniture, crlf_bom_form_feeds,
)
