"""Reprint alignment: two copies of one document, compared after removing extraction noise.

The text of a document is turned into one *normalised stream* (markup, spaces,
line breaks, character width, dash and bracket forms removed or unified), with
the original line of every character kept beside it. The stream is cut into
units (sentences and table rows); the units of two copies are matched with
:class:`difflib.SequenceMatcher`, and only units that differ are compared
character by character. The cost is near-linear in the length of the texts.

Normalisation is a list of named steps (:data:`STEPS`), applied to each line.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex as re

from . import patterns as P

# --------------------------------------------------------------------------
# Normalisation steps (one line of text in, one line out)
_TAG = re.compile(r"<[^<>]{0,300}>")
_LATEX = re.compile(r"\$([^$]{1,160})\$")
_BULLET = re.compile(r"^\s*(?:[-*+•·]\s+)+")
_DASHES = str.maketrans({c: "-" for c in "—–－‐‑‒―─━-"})
_SAME = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]",
                       "﹝": "[", "﹞": "]", "〈": "<", "〉": ">", "µ": "μ", "·": "·", "・": "·",
                       "。": "。", "｡": "。", "．": "."})
_UNIT_PAREN = re.compile(r"\((%|‰|℃)\)")
_SPACES = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")


def _latex(text: str) -> str:
    def plain(m: re.Match) -> str:
        s = m.group(1)
        s = re.sub(r"\\(?:text|mathrm|rm|mathbf)\s*\{([^{}]*)\}", r"\1", s)
        s = s.replace("\\mu", "μ").replace("\\%", "%").replace("\\times", "×")
        return s
    return _LATEX.sub(plain, text)


def _markup(text: str) -> str:
    t = _TAG.sub(" ", text).replace("**", "").replace("__", "")
    return t.replace("_", "").replace("^", "").replace("{", "").replace("}", "").replace("\\", "")


def _width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _forms(text: str) -> str:
    t = text.translate(_SAME).translate(_DASHES)
    t = _DASH_RUN.sub("-", t)
    return _UNIT_PAREN.sub(r"\1", t)


def _space(text: str) -> str:
    return _SPACES.sub("", text)


def _bullet(text: str) -> str:
    return _BULLET.sub("", text)


#: Named normalisation steps, in order. Each takes and returns one line.
STEPS: dict[str, Callable[[str], str]] = {
    "bullet": _bullet,      # markdown list bullets "- " at the start of a line
    "latex": _latex,        # $\mu\text{g}$ -> μg
    "markup": _markup,      # <p>, **bold**, _{2.5} subscripts, ^3
    "width": _width,        # NFKC: full/half width, Ⅲ -> III, ₂ -> 2, ³ -> 3
    "forms": _forms,        # dashes, quotes, bracket forms, "(%)" -> "%"
    "space": _space,        # all whitespace (line breaks are dropped by the stream)
}


def normalise(text: str, steps: Iterable[str] | None = None) -> str:
    """Apply the named normalisation `steps` (default: all of :data:`STEPS`) to one line."""
    for name in steps or STEPS:
        text = STEPS[name](text)
    return text


# --------------------------------------------------------------------------
# Streams
_COLOPHON = re.compile(r"^(?:抄送|抄报|主送|印发)\s*[：:]|^\S.{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
_UNIT_END = frozenset("。;!?；！？")
_UNIT_SPLIT = re.compile(r"[^。;!?；！？]*[。;!?；！？]|[^。;!?；！？]+")


def is_table_line(raw: str) -> bool:
    """True for a tab-separated or ``<p>``-cell table line."""
    return "\t" in raw or "<p>" in raw or "<td" in raw


@dataclass
class Stream:
    """The normalised text of one document copy, with the original line of each character.

    `units` are ``(start, end)`` offsets into `text` that tile it exactly.
    `tables` is the number of table rows compared; `skipped` lists the lines
    left out (colophon, repeated table headers).
    """

    text: str = ""
    lines: list[int] = field(default_factory=list)
    units: list[tuple[int, int]] = field(default_factory=list)
    table_rows: int = 0
    skipped: list[int] = field(default_factory=list)

    def unit_text(self, k: int) -> str:
        """The text of unit `k`."""
        s, e = self.units[k]
        return self.text[s:e]

    def line_at(self, pos: int) -> int:
        """The original line of the character at `pos` (clamped to the text)."""
        if not self.lines:
            return 0
        return self.lines[max(0, min(pos, len(self.lines) - 1))]

    def context(self, start: int, end: int, width: int = 18, limit: int = 160) -> str:
        """The text around ``[start, end)`` with up to `width` characters either side
        (a long span is cut to about `limit` characters)."""
        a, b = max(0, start - width), min(len(self.text), end + width)
        if b - a > limit:
            return ("…" if a > 0 else "") + self.text[a:a + limit] + "…"
        return ("…" if a > 0 else "") + self.text[a:b] + ("…" if b < len(self.text) else "")


def build_stream(lines: list[tuple[int, str]]) -> Stream:
    """The normalised :class:`Stream` of `lines` (``(line_number, raw_text)`` pairs).

    Blank lines and line breaks vanish (so page-break splits and wrapped
    paragraphs join); a trailing colophon (抄送/印发 lines) is left out; a table
    row that repeats the first row of an earlier table (a header repeated after
    a page break) is left out. Units end after 。；！？ and at the end of each
    table row.
    """
    st = Stream()
    raw_lines = list(lines)
    cut = len(raw_lines)
    # the colophon: from the first 抄送/印发 line among the last lines to the end
    for k in range(max(0, len(raw_lines) - 15), len(raw_lines)):
        if _COLOPHON.match(P.squash(raw_lines[k][1])):
            cut = k
            break
    st.skipped.extend(n for n, _ in raw_lines[cut:])
    headers: set[str] = set()
    prev_table = False
    chars: list[str] = []
    unit_start = 0

    def close_unit() -> None:
        nonlocal unit_start
        if len(chars) > unit_start:
            st.units.append((unit_start, len(chars)))
            unit_start = len(chars)

    for number, raw in raw_lines[:cut]:
        table = is_table_line(raw)
        norm = normalise(raw)
        if not norm:
            continue
        if table:
            if not prev_table:
                if norm in headers:
                    st.skipped.append(number)
                    prev_table = True
                    continue
                headers.add(norm)
            elif norm in headers:
                st.skipped.append(number)
                continue
            close_unit()
            st.table_rows += 1
        elif prev_table:
            close_unit()
        prev_table = table
        if table:
            chars.extend(norm)
            st.lines.extend([number] * len(norm))
            close_unit()
            continue
        for piece in _UNIT_SPLIT.findall(norm):
            chars.extend(piece)
            st.lines.extend([number] * len(piece))
            if piece[-1] in _UNIT_END:
                close_unit()
    close_unit()
    st.text = "".join(chars)
    return st


# --------------------------------------------------------------------------
# Differences
@dataclass(frozen=True)
class Difference:
    """One substantive difference between copy A and copy B.

    `a` and `b` are ``(start, end)`` offsets into the two streams' texts;
    `kind` is ``replace`` (changed), ``delete`` (A has text B lacks) or
    ``insert`` (B has text A lacks).
    """

    kind: str
    a: tuple[int, int]
    b: tuple[int, int]
    text_a: str
    text_b: str


def differences(a: Stream, b: Stream, *, merge_gap: int = 1) -> list[Difference]:
    """The differences between streams `a` and `b`, in the order of `a`.

    Units are matched first; differing runs of units are compared character by
    character. Character edits separated by at most `merge_gap` equal
    characters are merged into one difference.
    """
    ua = [a.unit_text(k) for k in range(len(a.units))]
    ub = [b.unit_text(k) for k in range(len(b.units))]
    out: list[Difference] = []
    sm = difflib.SequenceMatcher(None, ua, ub, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        sa = a.units[i1][0] if i1 < len(a.units) else len(a.text)
        ea = a.units[i2 - 1][1] if i2 > i1 else sa
        sb = b.units[j1][0] if j1 < len(b.units) else len(b.text)
        eb = b.units[j2 - 1][1] if j2 > j1 else sb
        out.extend(_char_diff(a.text, sa, ea, b.text, sb, eb, merge_gap))
    return out


def _char_diff(ta: str, sa: int, ea: int, tb: str, sb: int, eb: int, merge_gap: int) -> list[Difference]:
    xa, xb = ta[sa:ea], tb[sb:eb]
    if xa == xb:
        return []
    if not xa or not xb or len(xa) * len(xb) > 4_000_000:
        ops = [("replace", 0, len(xa), 0, len(xb))]
    else:
        ops = [op for op in difflib.SequenceMatcher(None, xa, xb, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    merged: list[list[int]] = []
    for _, i1, i2, j1, j2 in ops:
        if merged and i1 - merged[-1][1] <= merge_gap and j1 - merged[-1][3] <= merge_gap:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in merged:
        kind = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
        out.append(Difference(kind, (sa + i1, sa + i2), (sb + j1, sb + j2), xa[i1:i2], xb[j1:j2]))
    return out


def has_number_change(diff: Difference) -> bool:
    """True when the difference changes a number (digits on either side)."""
    return any(ch.isdigit() for ch in diff.text_a + diff.text_b)
