"""Cleaning steps for line layout: lines holding two elements, hard wraps, split words, two columns."""

from __future__ import annotations

import re as stdre
from collections import Counter
from collections.abc import Callable

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
#: Runs of spaces: plain classes, which the standard `re` scans several times faster than `regex`.
_WIDE_GAP = stdre.compile(r"[ \u3000]{3,}")
_HAN = re.compile(r"\p{Han}")

_TERMINAL = tuple("。！？；：:!?;")
_CLOSED = tuple("。！？；：:!?;）)》”」』】〕…")
_GAP = stdre.compile(r"(?:[ \t]{2,}|\u3000+|[ \u3000]{2,})")
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
    return P.outline_label(s.lstrip("—-－ \u3000"))


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


def _split_line(ct: CleanText, pattern: re.Pattern, may_match: Callable[[str], object]) -> bool:
    """Lines matching `pattern` become two: group ``a``, then group ``b`` (whatever their order in the line).

    `may_match` is a cheap test every line `pattern` matches passes: lines that fail it are not tried.
    """
    found: dict[int, re.Match] = {}
    for k, ln in enumerate(ct.lines):
        t = ln.text
        if t and "\t" not in t and may_match(t) and (m := pattern.match(t)):
            found[k] = m
    if not found:
        return False
    out: list[Line] = []
    for k, ln in enumerate(ct.lines):
        m = found.get(k)
        if m is None:
            out.append(ln)
            continue
        out.append(ln.slice(m.start("a"), m.end("a")).strip())
        b = "b" if m.groupdict().get("b") is not None else "b2"
        out.append(ln.slice(m.start(b), m.end(b)).strip())
    ct.lines = out
    return True


#: `第二章总则第五条…`: a chapter (or section) heading run into its first article with no space at all.
_CHAPTER_ARTICLE_TIGHT = re.compile(
    rf"^(?P<a>\s*第(?:{_CN}+|\d+)[章节])[\s\u3000]*(?P<title>[^\s\u3000。；，：、第的之所]{{2,16}}?)"
    rf"[\s\u3000]*(?P<b>第(?:{_CN}+|\d+)条)(?P<rest>[\s\u3000]*[\p{{Han}}“《（(].*)$"
)
#: `第三条　…。第四条　…`: the label of an article inside a line (after a sentence end).
_ARTICLE_LABEL = re.compile(rf"^\s*第(?P<n>{_CN}+|\d+)条(?P<sp>[\s\u3000]*)")
_INNER_ARTICLE = re.compile(rf"(?<=[。；])[\s\u3000]*(?P<lab>第(?P<n>{_CN}+|\d+)条)(?P<sp>[\s\u3000]*)(?=[\p{{Han}}“《（(])")


def _spaced(ln: Line, k: int) -> Line:
    """`ln` with a full-width space put after its first `k` characters (a label glued to its text)."""
    return ln.slice(0, k).join(ln.slice(k), "\u3000")


def _chapter_tight(ln: Line) -> list[Line] | None:
    """`第二章总则第五条本办法…` → `第二章　总则` and `第五条　本办法…` (the lost spaces put back)."""
    m = _CHAPTER_ARTICLE_TIGHT.match(ln.text) if "第" in ln.text[:3] else None
    if m is None:
        return None
    head = ln.slice(m.start("a"), m.end("title")).strip()
    k = m.end("a") - m.start("a")
    if head.text[k:k + 1] not in (" ", "\u3000"):
        head = _spaced(head, k)
    art = ln.slice(m.start("b")).strip()
    if not m["rest"][:1].isspace():
        art = _spaced(art, m.end("b") - m.start("b"))
    return [head, art]


def _articles_run_together(ln: Line) -> list[Line] | None:
    """`第三条　…。第四条　…`: articles run into one line, split where the next article begins.

    Only the next number (N+1, N+2…) after a sentence end, written like the line's own label
    (with a space after it, or without one in a text that prints none), so that a sentence
    citing another article (`。第四条规定的…`) stays whole.
    """
    m = _ARTICLE_LABEL.match(ln.text)
    if m is None or (n := P.cn_to_int(m["n"])) is None:
        return None
    spaced = bool(m["sp"])
    cuts = []
    for k in _INNER_ARTICLE.finditer(ln.text, m.end()):
        if P.cn_to_int(k["n"]) == n + 1 and bool(k["sp"]) == spaced:
            cuts.append(k.start("lab"))
            n += 1
    if not cuts:
        return None
    bounds = [0, *cuts, len(ln.text)]
    return [ln.slice(a, b).strip() for a, b in zip(bounds, bounds[1:], strict=False)]


def _split_articles(ct: CleanText) -> bool:
    """Chapter headings run into their first article, and articles run into one line, split."""
    out: list[Line] = []
    changed = False
    for ln in ct.lines:
        if "条" not in ln.text or "\t" in ln.text:
            out.append(ln)
            continue
        parts = _chapter_tight(ln)
        if parts is not None:
            more = _articles_run_together(parts[1])
            parts[1:] = more or parts[1:]
        else:
            parts = _articles_run_together(ln)
        if parts is None:
            out.append(ln)
            continue
        out.extend(parts)
        changed = True
    ct.lines = out
    return changed


def _split_organs(ct: CleanText) -> bool:
    """`某市财政局　　某市发展和改革委员会`: organs side by side (a joint signature) on separate lines."""
    out: list[Line] = []
    changed = False
    for ln in ct.lines:
        t = ln.text.strip()
        if not t or "\t" in ln.text or len(t) > 120 or not _GAP.search(t):
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


def _holds(*words: str) -> Callable[[str], object]:
    """A test for a line holding one of `words` (a plain search, which the standard `re` does fast)."""
    return stdre.compile("|".join(stdre.escape(w) for w in words)).search


def _ends_with_date(t: str) -> bool:
    """The line ends with the 日 of a date (white space after it aside)."""
    return t.rstrip().endswith("日")


_ITEM_OPENERS = frozenset(P.CN_NUM.strip("[]") + "（(")


def _heading_with_item(t: str) -> bool:
    """The line opens (white space aside) with a Chinese numeral or a bracket, and holds 一 or 1."""
    return t.lstrip()[:1] in _ITEM_OPENERS and ("一" in t or "1" in t)


#: The patterns of split_elements, in order, each with a cheap test every line it matches passes
#: (a date's 日 closing the line or in it, 签发人, 文件, the 条 of an article, a heading's label and
#: the 一 or 1 of its first item).
_SPLITS: tuple[tuple[re.Pattern, Callable[[str], object]], ...] = (
    (_ORGAN_DATE, _ends_with_date), (_DATE_ORGAN, _holds("日")), (_NUMBER_SIGNER, _holds("签发人")),
    (_MARK_NUMBER, _holds("文件")), (_CHAPTER_ARTICLE, _holds("条")), (_HEADING_ITEM, _heading_with_item),
)


@step("split_elements")
def split_elements(ct: CleanText) -> bool:
    """Lines holding two layout elements, split: organ + date, date + organ, organs side by side,
    a chapter heading + its first article (with or without a space between), two articles run
    into one line, a heading + its first numbered item."""
    changed = False
    for pat, may_match in _SPLITS:
        changed |= _split_line(ct, pat, may_match)
    changed |= _split_articles(ct)
    changed |= _split_organs(ct)
    return changed


def wrap_width(ct: CleanText) -> int | None:
    """The width text lines were hard-wrapped at, or None when paragraphs are whole lines.

    Wrapped text shows many lines of (nearly) one length, few longer, most of them
    not ending a sentence.
    """
    count: Counter[int] = Counter()  # lines by length (tab rows left out), in text order
    open_count: Counter[int] = Counter()  # of them, those not ending a sentence
    for ln in ct.lines:
        t = ln.text
        if "\t" in t:
            continue
        r = t.rstrip()
        if r:
            n = len(r)
            count[n] += 1
            if not r.endswith(_TERMINAL):
                open_count[n] += 1
    long = Counter({n: k for n, k in count.items() if n >= 16})
    total = sum(long.values())
    if total < 6:
        return None
    for width, _ in long.most_common(3):
        near = sum(count[n] for n in range(width - 2, width + 1))
        longer = sum(k for n, k in long.items() if n > width + 2)
        if near < max(5, 0.2 * total) or longer > 0.15 * near:
            continue
        open_end = sum(open_count[n] for n in range(width - 2, width + 1))
        if open_end >= 0.6 * near and 14 <= width <= 80:
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
        if not t or "\t" in t or t.endswith(_CLOSED) or not _CUT_END.search(t[-1]):
            continue  # (_CUT_END tests the last character only)
        if len(P.squash(t)) < 15:
            continue
        if not _SENTENCE_PUNCT.search(_strip_label(t.strip())):
            continue  # a heading, a caption, a label: not a sentence cut short
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


_ANY_GAP = stdre.compile(r"[ \u3000]{2,}")


def _weak_cut(t: str, col: int) -> int | None:
    """Where line `t` splits at column `col` of a two-column run it sits in, when its own gap is weak:
    a short right-hand part (`施行。`), a row with only the left column (returns ``len(t)``) or only
    the right one (returns where it starts). None when the line does not fit the columns."""
    body = t.rstrip()
    if not body.strip():
        return None
    if len(body) <= col - 2:
        return len(t)  # the right column is empty on this row
    lead = len(body) - len(body.lstrip())
    if lead >= col - 4 and lead <= col + 4:
        return lead  # the left column is empty on this row
    for g in _ANY_GAP.finditer(body):
        if abs(g.end() - col) <= 4 and body[: g.start()].strip():
            return g.end()
    return None


@step("two_columns")
def two_columns(ct: CleanText) -> bool:
    """Two columns laid side by side on each line (`pdftotext -layout`) read column by column.

    A run of lines that each hold two texts split by a wide gap at about the same
    place is read as the left column, then the right one. Inside the run, a row
    whose right-hand part is short, or that holds only one column, splits at the
    same place; such rows never start or end a run.
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
        col = cuts[i]
        row_cut: dict[int, int] = {i: col}
        j = last = i
        k = i + 1
        while k < n:
            t = ct.lines[k].text
            if cuts[k] is not None and abs(cuts[k] - col) <= 4:
                row_cut[k] = cuts[k]
                last = k
            elif not t.strip():
                pass
            elif "\t" not in t and (w := _weak_cut(t, col)) is not None:
                row_cut[k] = w
            else:
                break
            k += 1
        j = last + 1  # weak rows and blank lines after the last strong row are not the run's, except
        # the rows right after it that still hold the right column, and the left column's last
        # lines (the right column of an article's last page is shorter): full lines up to the one
        # ending the paragraph
        width = sorted(len(ct.lines[k].text[: cuts[k]].strip()) for k in row_cut if cuts[k] is not None)
        width = width[len(width) // 2]
        while j < k and j in row_cut:
            t = ct.lines[j].text
            if row_cut[j] < len(t):
                j += 1
                continue
            sq = P.squash(t)
            if P.DATE_LINE.match(sq) or P.ORGAN_ONLY.match(sq) or P.SIGNATORY.match(t.strip()):
                break
            j += 1
            if len(t.strip()) < width - 2:
                break
        run = [k for k in range(i, j) if k in row_cut]
        strong = [k for k in run if cuts[k] is not None]
        prose = sum(1 for k in strong if _CLAUSE_PUNCT.search(ct.lines[k].text)) >= 0.5 * len(strong)
        # rows of three parts or more are a table typed with spaces, not two columns of text
        table = sum(1 for k in strong if len(_ANY_GAP.findall(ct.lines[k].text.strip())) >= 2) > 0.5 * len(strong)
        # a column of text is filled to its width on most rows; short labels on the left are a table's
        lefts = [len(ct.lines[k].text[: cuts[k]].strip()) for k in strong]
        table |= max(lefts) < 12 or sum(1 for x in lefts if x >= max(lefts) - 2) < 0.5 * len(lefts)
        if not table and len(strong) >= 0.5 * len(run) \
                and (len(strong) >= 6 or (len(strong) >= 4 and len(run) >= 6 and prose)):
            for k in range(i, j):  # the left column (blank lines kept), then the right one
                if k not in row_cut:
                    out.append(ct.lines[k])
                elif (part := ct.lines[k].slice(0, row_cut[k]).strip()).text:
                    out.append(part)
            out.extend(part for k in run if (part := ct.lines[k].slice(row_cut[k]).strip()).text)
            changed = True
        else:
            out.extend(ct.lines[i:j])
        i = j
    ct.lines = out
    return changed
