"""Cleaning steps for line layout: lines holding two elements, hard wraps, split words, two columns."""

from __future__ import annotations

from collections import Counter

import regex as re

from .. import patterns as P
from .clean import CleanText, step
from .lines import Line

#: Patterns used inline below, compiled once (the `regex` cache is slow on hot paths).
_BULLET = re.compile(r"^\s*[-–—·•*●■◆]\s")
_LABEL_ONLY = re.compile(r"^(?:附件|专栏|附表|表)\s*\d*\s*[：:]?$")
_SERIAL_ONLY = re.compile(r"^[（(]?第\s*\d+\s*号[)）]?$")
_SENTENCE_PUNCT = re.compile(r"[，。；]")
_CLAUSE_PUNCT = re.compile(r"[，。；：]")
_MID_PHRASE_END = re.compile(r"[\p{Han}\d、，《“（]$")
_CUT_END = re.compile(r"[\p{Han}\d，、“（《]$")
_CONTINUATION_START = re.compile(r"^[\p{Han}\d“（(《]")
_WIDE_GAP = re.compile(r"[ \u3000]{3,}")
_HAN = re.compile(r"\p{Han}")

_TERMINAL = tuple("。！？；：:!?;")
_CLOSED = tuple("。！？；：:!?;）)》”」』】〕…")
_GAP = re.compile(r"(?:[ \t]{2,}|\u3000+|[ \u3000]{2,})")
_ORGAN = r"(?:中共)?[\p{Han}（）()]{2,40}?" + P.ORGAN_SUFFIX
_ORGAN_DATE = re.compile(
    rf"^(?P<a>\s*(?:{_ORGAN}[\s\u3000]+)*{_ORGAN}|\s*(?:代理?)?[\p{{Han}}]{{0,12}}?(?:省长|市长|州长|盟长|县长|区长|旗长|主席|主任|局长|厅长|部长|书记)"
    rf"[\s\u3000]+[\p{{Han}}·]{{2,5}})[\s\u3000]+(?P<b>{P.DATE.pattern})\s*$"
)
#: `2024年3月8日　某市人民政府`: the date first; the organ is put back above it (the 落款 order).
_DATE_ORGAN = re.compile(rf"^(?P<b>\s*{P.DATE.pattern})[\s\u3000]+(?P<a>{_ORGAN})\s*$")
#: `某财社〔2024〕9号　　签发人：某某`, `某某人民政府文件　　某政发〔2024〕8号`.
_NUMBER_SIGNER = re.compile(rf"^(?P<a>\s*{P.DOC_NUMBER.pattern})[\s\u3000]+(?P<b>签发人[：:].*)$")
_MARK_NUMBER = re.compile(rf"^(?P<a>\s*[\p{{Han}}、\s]{{2,60}}?文件)[\s\u3000]+(?P<b>{P.DOC_NUMBER.pattern})\s*$")
_CN = P.CN_NUM
_CHAPTER_ARTICLE = re.compile(
    rf"^(?P<a>\s*第\s*(?:{_CN}+|\d+)\s*[章节][\s\u3000]*[^\s\u3000。；，：]{{0,30}}?)[\s\u3000]+"
    rf"(?P<b>第\s*(?:{_CN}+|\d+)\s*条[\s\u3000].*)$"
)
#: `一、总体要求（一）指导思想`: a heading and the first item under it on one line.
_HEADING_ITEM = re.compile(
    rf"^(?P<a>\s*(?:{_CN}{{1,3}}、|[（(]{_CN}{{1,3}}[)）])[^\s\u3000。；，：]{{2,24}}?)"
    r"(?:[\s\u3000]+(?P<b>(?:[（(]一[)）]|1[.．、](?!\d))\S.*)"
    r"|(?<=[^\s\u3000。；，：、第的于对按照和与及在)）]{4})(?P<b2>[（(]一[)）][^\s\u3000。；，：（）()]{2,}.*))$"
)


def _outline_label(s: str) -> tuple[str, re.Match] | None:
    """(kind, match) of the outline label `s` begins with (`一、`, `（二）`, `第三条`…), or None."""
    s = s.lstrip("—-－ \u3000")
    for kind, pat in P.OUTLINE_PATTERNS:
        if m := pat.match(s):
            return kind, m
    return None


def _label(s: str) -> bool:
    return _outline_label(s) is not None


def _starts_element(ln: Line) -> bool:
    """A line that begins an element of its own: never the continuation of the line above."""
    raw = ln.text
    s = P.squash(raw)
    if not s or "\t" in raw or raw.startswith(("  ", "\u3000\u3000", "\u3000 ", " \u3000")):
        return True
    if _BULLET.match(raw) or _SECTION_HEAD.match(s) or _TIGHT_LABEL.match(s) \
            or (_TITLE_START.match(s) and not _CLAUSE_PUNCT.search(s)):
        return True  # a bulleted entry (目录, lists), a TOC section, the start of a document title
    return bool(
        _label(raw.strip()) or P.DATE_LINE.match(s) or P.DOC_NUMBER_LINE.match(s)
        or _LABEL_ONLY.match(s) or _SERIAL_ONLY.match(s)
        or s.startswith(("附件", "抄送", "主送", "特此", "此复", "注：", "备注"))
        or (s.startswith("关于") and not _SENTENCE_PUNCT.search(s))
        or (P.ADDRESSEE.match(s) and len(s) <= 60) or P.SIGNATORY.match(raw.strip())
        or (len(s) <= 60 and not _CLAUSE_PUNCT.search(s) and P.DOC_TYPE_END.search(s) is not None)
    )


def _strip_label(s: str) -> str:
    found = _outline_label(s)
    return (found[1]["text"] or "") if found else s.lstrip("—-－ \u3000")


def _split_line(ct: CleanText, pattern: re.Pattern) -> bool:
    """Lines matching `pattern` become two: group ``a``, then group ``b`` (whatever their order in the line)."""
    out: list[Line] = []
    changed = False
    for ln in ct.lines:
        m = pattern.match(ln.text) if ln.text and "\t" not in ln.text else None
        if m:
            out.append(ln.slice(m.start("a"), m.end("a")).strip())
            b = "b" if m.groupdict().get("b") is not None else "b2"
            out.append(ln.slice(m.start(b), m.end(b)).strip())
            changed = True
        else:
            out.append(ln)
    ct.lines = out
    return changed


def _split_organs(ct: CleanText) -> bool:
    """`某市财政局　　某市发展和改革委员会`: organs side by side (a joint signature) on separate lines."""
    out: list[Line] = []
    changed = False
    for ln in ct.lines:
        t = ln.text.strip()
        if not t or "\t" in ln.text or not _GAP.search(t) or len(t) > 120:
            out.append(ln)
            continue
        parts: list[tuple[int, int]] = []
        pos = 0
        for m in _GAP.finditer(ln.text):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, len(ln.text)))
        pieces = [(a, b) for a, b in parts if ln.text[a:b].strip()]
        if len(pieces) >= 2 and all(P.ORGAN_ONLY.match(P.squash(ln.text[a:b])) for a, b in pieces):
            out.extend(ln.slice(a, b).strip() for a, b in pieces)
            changed = True
        else:
            out.append(ln)
    ct.lines = out
    return changed


@step("split_elements")
def split_elements(ct: CleanText) -> bool:
    """Lines holding two layout elements, split: organ + date, date + organ, organs side by side,
    a chapter heading + its first article, a heading + its first numbered item."""
    changed = False
    for pat in (_ORGAN_DATE, _DATE_ORGAN, _NUMBER_SIGNER, _MARK_NUMBER, _CHAPTER_ARTICLE, _HEADING_ITEM):
        changed |= _split_line(ct, pat)
    changed |= _split_organs(ct)
    return changed


def wrap_width(ct: CleanText) -> int | None:
    """The width text lines were hard-wrapped at, or None when paragraphs are whole lines.

    Wrapped text shows many lines of (nearly) one length, few longer, most of them
    not ending a sentence.
    """
    lens = [len(ln.text.rstrip()) for ln in ct.lines if ln.text.strip() and "\t" not in ln.text]
    long = [n for n in lens if n >= 16]
    if len(long) < 6:
        return None
    top = Counter(long).most_common()
    for width, _ in top[:3]:
        near = [i for i, ln in enumerate(ct.lines)
                if "\t" not in ln.text and width - 2 <= len(ln.text.rstrip()) <= width]
        longer = sum(1 for n in long if n > width + 2)
        if len(near) < max(5, 0.2 * len(long)) or longer > 0.15 * len(near):
            continue
        open_end = sum(1 for i in near if not ct.lines[i].text.rstrip().endswith(_TERMINAL))
        if open_end >= 0.6 * len(near) and 14 <= width <= 80:
            return width
    return None


@step("hard_wraps")
def hard_wraps(ct: CleanText) -> bool:
    """Paragraphs hard-wrapped at a fixed width (as pdftotext leaves them) rejoined into one line.

    Where the text shows no wrap width (too short to tell), only a line whose
    bracket is closed on the next line is joined to it.
    """
    width = wrap_width(ct)
    out: list[Line] = []
    changed = False
    for ln in ct.lines:
        if out and ((width is not None and _continues(out[-1], ln, width)) or _bracket_continues(out[-1], ln)):
            out[-1] = out[-1].join(ln.strip())
            changed = True
            continue
        out.append(ln)
    ct.lines = out
    return changed


#: Labels that also occur inside a sentence cut by a wrap (`…按照第` / `（二）项规定`, `…共` / `5、6月`).
_WEAK_LABELS = ("cn", "paren_cn", "arabic", "paren_arabic")
_SECTION_HEAD = re.compile(r"^【[^】]{2,20}】$")
#: `第六条区水务局…`: an article (or chapter) printed without the space after its label.
_TIGHT_LABEL = re.compile(rf"^第{_CN}{{1,5}}[章节条](?!第|规定|所|中|之)")
#: `某市人民政府关于印发…`: a document title begins (an organ, then 关于/印发/转发).
_TITLE_START = re.compile(r"^(?:中共)?[\p{Han}（）()、]{2,40}?" + P.ORGAN_SUFFIX + r"(?:关于|印发|转发|批转)")
#: A table-of-contents entry ends with its page: `…的通知 (12)`, `……12`.
_TOC_END = re.compile(r"(?:[（(]\s*\d{1,4}\s*[)）]|[.…·．⋯]{2,}\s*\d{1,4})$")
_PAIRS = {"〔": "〕", "（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "[": "]"}


def _bracket_continues(prev: Line, ln: Line) -> bool:
    """`prev` leaves a bracket open that `ln` closes before opening one of its own."""
    p, t = prev.text.rstrip(), ln.text.strip()
    if not p or not t or "\t" in p or "\t" in ln.text:
        return False
    for o, c in _unclosed(p):
        if c in t and (o not in t or t.index(c) < t.index(o)):
            return not _strong_element(ln)
    return False


def _unclosed(p: str) -> list[tuple[str, str]]:
    """The (opening, closing) bracket pairs `p` leaves open."""
    return [(o, c) for o, c in _PAIRS.items() if p.count(o) > p.count(c)]


def _strong_element(ln: Line) -> bool:
    """A line that begins an element even inside an open bracket: a date, a 文号, an indented
    paragraph, a chapter, article or attachment label."""
    t = ln.text.strip()
    sq = P.squash(t)
    return bool(P.DATE_LINE.match(sq) or P.DOC_NUMBER_LINE.match(sq) or ln.text.startswith(("  ", "\u3000\u3000"))
                or (_label(t) and not _label_weak(t)))


def _label_weak(s: str) -> bool:
    found = _outline_label(s)
    return found is not None and found[0] in _WEAK_LABELS


def _title_like(s: str) -> bool:
    return len(s) <= 60 and not _CLAUSE_PUNCT.search(s) and P.DOC_TYPE_END.search(s) is not None


def _continues(prev: Line, ln: Line, width: int) -> bool:
    """Whether `ln` goes on with the paragraph of `prev`, a full line of hard-wrapped text."""
    p = prev.text.rstrip()
    if not p or "\t" in p or not ln.text.strip() or "\t" in ln.text:
        return False
    last_part = _last_physical(prev)
    full = len(last_part.rstrip())
    if full < width - 2:
        return False  # a short line ends its paragraph
    if p.endswith(("《", "“", "（", "(", "〔", "【", "「", "‘")):
        return True  # a bracket or quote opened at the edge of the line is closed on the next
    if _TOC_END.search(p):
        return False  # a TOC entry ends with its page number
    ends_title = _title_like(P.squash(last_part)) and len(prev.lines) == 1 or _title_like(P.squash(p))
    # a line that leaves a bracket open (`…〔责任单位：`) has not ended, whatever its last character
    unclosed = bool(_unclosed(p))
    open_end = (not p.endswith(_TERMINAL) or unclosed) and not ends_title
    s = ln.text.strip()
    if _starts_element(ln):
        if unclosed and not _strong_element(ln):
            return True  # inside a bracket or a 《title》 left open: the quoted title goes on
        if _title_like(P.squash(s)) and open_end and not ln.text.startswith((" ", "\u3000")):
            return True  # the second line of a title wrapped at the edge
        # a weak label right after a line that stops mid-phrase is the rest of that phrase
        return _label_weak(s) and open_end and bool(_MID_PHRASE_END.search(p)) \
            and not ln.text.startswith((" ", "\u3000"))
    if P.ORGAN_ONLY.match(P.squash(ln.text)) and not p.endswith(("、", "，", "（", "《", "“")):
        return False
    if open_end:
        return True
    # a full line that ends a sentence (or a title) may still go on: only a line filled to the edge,
    # followed by more prose (not a heading or a title, which carry no sentence punctuation)
    return full >= width - (0 if ends_title else 1) and bool(_CLAUSE_PUNCT.search(s))


def _last_physical(ln: Line) -> str:
    """The part of `ln` that came from its last original line."""
    last = ln.segs[-1][1]
    first = next(s for s, line, _ in ln.segs if line == last)
    return ln.text[first:]


@step("page_break_joins")
def page_break_joins(ct: CleanText) -> bool:
    """A paragraph cut by a page break (blank lines or dropped furniture between its halves) rejoined.

    Only a line that is clearly prose (punctuation inside) and stops mid-sentence,
    followed by a line that does not begin an element of its own.
    """
    out: list[Line] = []
    changed = False
    i = 0
    lines = ct.lines
    while i < len(lines):
        ln = lines[i]
        out.append(ln)
        i += 1
        t = ln.text.rstrip()
        if not t or "\t" in t or t.endswith(_CLOSED) or len(P.squash(t)) < 15:
            continue
        if not _SENTENCE_PUNCT.search(_strip_label(t.strip())):
            continue  # a heading, a caption, a label: not a sentence cut short
        if not _CUT_END.search(t):
            continue
        j = i
        while j < len(lines) and not lines[j].text.strip() and j - i < 3:
            j += 1
        if j == i or j >= len(lines):
            continue  # adjacent lines are the hard-wrap step's business
        nxt = lines[j]
        if _starts_element(nxt) or P.ORGAN_ONLY.match(P.squash(nxt.text)):
            continue
        if not _CONTINUATION_START.match(nxt.text.strip()):
            continue
        out[-1] = ln.join(nxt.strip())
        changed = True
        i = j + 1
    ct.lines = out
    return changed


_HAN_SPACE_HAN = re.compile(r"(?<=\p{Han}) (?=\p{Han})")
_LABEL_BEFORE = re.compile(rf"^\s*(?:第\s*(?:{P.CN_NUM}+|\d+)\s*[章节条款]|附件\s*\d*|专栏\s*\d*|[（(]?{P.CN_NUM}{{1,3}}[、)）])$")


@step("wrap_spaces")
def wrap_spaces(ct: CleanText) -> bool:
    """A single space between two Chinese characters inside prose (`有关单 位`) removed.

    Only in lines that hold sentence punctuation: in headings and signature
    blocks a space may separate two names.
    """
    changed = False
    for i, ln in enumerate(ct.lines):
        t = ln.text
        if " " not in t or "\t" in t or not _SENTENCE_PUNCT.search(t):
            continue
        spots = [m.start() for m in _HAN_SPACE_HAN.finditer(t) if not _LABEL_BEFORE.match(t[: m.start()])]
        if not spots:
            continue
        out = ln
        for k in reversed(spots):
            out = out.delete(k, k + 1)
        ct.lines[i] = out
        changed = True
    return changed


@step("two_columns")
def two_columns(ct: CleanText) -> bool:
    """Two columns laid side by side on each line (`pdftotext -layout`) read column by column.

    A run of lines that each hold two texts split by a wide gap at about the same
    place is read as the left column, then the right one.
    """
    cuts: list[int | None] = []
    for ln in ct.lines:
        t = ln.text
        m = None
        if "\t" not in t and len(t) >= 20:
            m = max((g for g in _WIDE_GAP.finditer(t)
                     if len(t[: g.start()].strip()) >= 6 and len(_HAN.findall(t[g.end():])) >= 6),
                    key=lambda g: g.end() - g.start(), default=None)
        cuts.append(m.end() if m else None)
    changed = False
    out: list[Line] = []
    i = 0
    n = len(ct.lines)
    while i < n:
        if cuts[i] is None:
            out.append(ct.lines[i])
            i += 1
            continue
        j = i
        col = cuts[i]
        while j < n and (cuts[j] is not None and abs(cuts[j] - col) <= 4 or not ct.lines[j].text.strip()):
            j += 1
        run = [k for k in range(i, j) if cuts[k] is not None]
        if len(run) >= 6:
            left = [ct.lines[k].slice(0, cuts[k]).strip() if cuts[k] else ct.lines[k] for k in range(i, j)]
            right = [ct.lines[k].slice(cuts[k]).strip() for k in run]
            out.extend(x for x in left)
            out.extend(right)
            changed = True
        else:
            out.extend(ct.lines[i:j])
        i = j
    ct.lines = out
    return changed
