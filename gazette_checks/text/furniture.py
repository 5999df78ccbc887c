"""Cleaning steps for page furniture: page numbers, running heads, back covers.

Printed page numbers are kept in ``CleanText.pages`` (an editor proofs the
printed issue by page), then the lines are dropped so that no rule reads them
as text and no paragraph is cut by them.
"""

from __future__ import annotations

from collections import Counter

import regex as re

from .. import patterns as P
from .clean import CleanText, step

#: Patterns used inline below, compiled once (the `regex` cache is slow on hot paths).
_DIGITS = re.compile(r"\d+")
_PROSE_PUNCT = re.compile(r"[。；，]")
_PAGE_DIGITS = re.compile(r"\d{1,4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISSUE_WORD = re.compile(r"第\s*\d{1,3}\s*期")

_DASH = r"[-—–－~～_·•]"
#: A page number that says so: `— 12 —`, `-12-`, `·12·`, `第12页`, `第 3 页 共 20 页`, `12 / 40`,
#: `- 12/40 -`, `Page 12 of 40`.
_PAGE_MARKED = re.compile(
    rf"^{_DASH}{{1,3}}\s*(?P<n>\d{{1,4}})\s*(?:[/／]\s*\d{{1,4}}\s*)?{_DASH}{{1,3}}$"
    r"|^第\s*(?P<n2>\d{1,4})\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^(?P<n3>\d{1,4})\s*[/／]\s*(?P<of>\d{1,4})$"
    r"|^(?i:page)\s*(?P<n4>\d{1,4})(?:\s*(?i:of)\s*\d{1,4})?$"
)
#: A rule line (under a 版头, between parts): only dashes, lines or stars.
_RULE_LINE = re.compile(r"^(?:\s*[★☆]{1,3}\s*|[-—─━_＿=＝~～★☆*·•\s]{3,})$")
_HEAD_PAGE_WORD = re.compile(r"[\s\u3000]+第\s*(?P<n>\d{1,4})\s*页$")
_PAGE_BARE = re.compile(r"^(?P<n>\d{1,4})$")
_GAZETTE_WORD = re.compile(r"公报|政报|GAZETTE|Gazette")
#: A running head: the gazette name, maybe with the issue and a page number on either side.
_HEAD_PAGE = re.compile(
    rf"^(?:(?P<pre>{_DASH}*\s*\d{{1,4}}\s*{_DASH}*)\s+)?(?P<head>.*?\S)(?:\s+(?P<post>{_DASH}*\s*\d{{1,4}}\s*{_DASH}*))?$"
)
_COLOPHON = re.compile(
    r"^(?:编辑出版|编辑|出版|主办|承办|主管|编印|印刷|承印|发行|准印证号?|内部资料准印证|刊号|国内统一刊号|"
    r"国际标准连续出版物号|地址|通讯地址|邮编|邮政编码|电话|联系电话|传真|网址|网站|电子邮箱|E-?mail|定价|"
    r"印数|出版日期|送达范围|赠阅|内部资料|免费交流)\s*[：:]?"
)


def _page_number(text: str) -> int | None:
    s = text.strip()
    m = _PAGE_MARKED.match(s)
    if m:
        return int(m["n"] or m["n2"] or m["n3"] or m["n4"])
    return None


def _is_table_neighbour(ct: CleanText, i: int) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(ct.lines) and "\t" in ct.lines[j].text:
            return True
    return False


def _chain(cands: list[tuple[int, int]], min_gap: int = 6) -> list[tuple[int, int]]:
    """The longest run of (line index, number) with numbers rising by 1 or 2, lines apart."""
    best: list[tuple[int, int]] = []
    for k in range(len(cands)):
        run = [cands[k]]
        for idx, num in cands[k + 1:]:
            li, ln = run[-1]
            if 1 <= num - ln <= 2 and idx - li >= min_gap:
                run.append((idx, num))
        if len(run) > len(best):
            best = run
    return best


@step("page_furniture")
def page_furniture(ct: CleanText) -> bool:
    """Lines that are only a page number: marked ones always, bare numbers when they form a rising series."""
    marked: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []
    for i, ln in enumerate(ct.lines):
        s = ln.text.strip()
        if not s or len(s) > 24 or "\t" in ln.text:
            continue
        n = _page_number(s)
        if n is not None:
            marked.append((i, n))
        elif (m := _PAGE_BARE.match(s)) and not _is_table_neighbour(ct, i):
            bare.append((i, int(m["n"])))
    keep = list(marked)
    if 3 <= len(bare) <= 2000:  # thousands of lone numbers are a flattened table, not pages
        run = _chain(sorted(bare + marked), min_gap=15)  # a page is longer than a flattened table row
        bare_set = set(bare)
        if len(run) >= 3:
            keep.extend(x for x in run if x in bare_set)
    gone = {i: "rule_line" for i, ln in enumerate(ct.lines)
            if ln.text.strip() and "\t" not in ln.text and _RULE_LINE.match(ln.text)}
    for i, n in sorted(keep):
        ct.pages.append((ct.lines[i].first_line, n))
        gone[i] = "page_number"
    ct.drop(gone)
    return bool(gone)


def _head_shape(text: str) -> str:
    return _DIGITS.sub("#", P.squash(text))


@step("running_heads")
def running_heads(ct: CleanText) -> bool:
    """Running heads: short lines naming the gazette (with issue or page) that repeat through the text.

    The first occurrence near the top is the masthead and stays.
    """
    shapes: Counter[str] = Counter()
    cand: list[tuple[int, str, int | None]] = []
    for i, ln in enumerate(ct.lines):
        s = ln.text.strip()
        if not s or len(s) > 60 or "\t" in ln.text or _PROSE_PUNCT.search(s):
            continue
        if "期" not in s and not _GAZETTE_WORD.search(s):
            continue  # the head (part of `s`) must name the gazette or an issue: tested below
        m = _HEAD_PAGE.match(s)
        head = m["head"] if m else s
        page = None
        if pm := _HEAD_PAGE_WORD.search(head):  # `某市人民政府公报　第3页`
            page, head = int(pm["n"]), head[: pm.start()].rstrip() or head
        for part in (m["pre"], m["post"]) if m and page is None else ():
            if part and (num := _PAGE_DIGITS.search(part)) and not _YEAR.fullmatch(num.group()):
                page = int(num.group())
        if m and page is None:
            head = s  # a year beside the name is part of the head, not a page number
        if not _GAZETTE_WORD.search(head) and not _ISSUE_WORD.search(head):
            continue
        if "关于" in head or P.DOC_TYPE_END.search(P.squash(head)):
            continue  # a document's title that names a 公报, not a running head
        shape = _head_shape(head)
        shapes[shape] += 1
        cand.append((i, shape, page))
    drop: list[int] = []
    seen: set[str] = set()
    masthead = next((shape for i, shape, page in cand if i < 40 and page is None), None)
    page_lines = [line for line, _ in ct.pages]

    def by_page_number(i: int) -> bool:
        first = ct.lines[i].first_line
        return any(0 < abs(first - p) <= 4 for p in page_lines)

    for i, shape, page in cand:
        if shapes[shape] < 3 and page is None and not (shape == masthead and i >= 40) and not by_page_number(i):
            continue
        if shape not in seen and i < 40 and page is None:
            seen.add(shape)  # the masthead itself
            continue
        seen.add(shape)
        drop.append(i)
        if page is not None:
            ct.pages.append((ct.lines[i].first_line, page))
    if not drop:
        return False
    ct.pages.sort()
    ct.drop(drop, "running_head")
    return True


@step("back_cover")
def back_cover(ct: CleanText) -> bool:
    """The colophon of the back cover (编辑出版, 准印证号, 地址, 电话, 网址…) at the end of an issue."""
    n = len(ct.lines)
    start = None
    hits = 0
    for i in range(n - 1, max(-1, n - 40), -1):
        s = P.squash(ct.lines[i].text)
        if not s:
            continue
        if _COLOPHON.match(s):
            hits += 1
            start = i
            continue
        if len(s) <= 40 and "。" not in s and not P.DATE_LINE.match(s) and not P.ORGAN_ONLY.match(s):
            continue  # the gazette name, an English title, a slogan
        break
    if start is None or hits < 2:
        return False
    block = " ".join(ln.text for ln in ct.lines[start:])
    top = " ".join(ln.text for ln in ct.lines[:40])
    if not (_GAZETTE_WORD.search(block) or (_GAZETTE_WORD.search(top) and _ISSUE_WORD.search(top))):
        return False  # a contact block at the end of a standalone document is its text
    # the block starts at the first colophon line; short lines before it that belong to it
    # (the gazette name above 编辑出版) stay, they are harmless to the parser
    ct.drop(range(start, n), "back_cover")
    return True
