"""Text-format rules (FM): punctuation pairs, bracket styles, traditional characters, 令号, 本办法.

These rules read the source lines of each document (the masthead and the table
of contents are left to the TOC rules). A paragraph broken over several lines
by a page break is checked as one unit: a line that does not end in 。；：！？
continues on the next non-blank line unless that line starts a new outline item
or a table row.
"""

from __future__ import annotations

import re as stdlib_re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import regex as re

from .. import patterns as P
from ..extract.textmarks import SELF_TYPES
from ..findings import Finding
from ..records import as_int as _int
from .base import RuleContext, rule
from .shared_rows import table_rows

# --------------------------------------------------------------------------
# Source lines per document


_is_table_line = P.is_table_row


_SENT_END = tuple("。；：！？;:!?")


#: The characters an item label can begin with (after a bullet and ``**``): 第 专 附 表 续, a
#: Chinese numeral, an opening parenthesis, ``_``/``*`` (markup :func:`~gazette_checks.patterns.table_label`
#: drops); digits and ①…⑳ are tested apart. Any other first character cannot start an item.
_ITEM_FIRST = frozenset("第专附表续（(_*〇○零一二三四五六七八九十百两")


def _starts_item(line: str) -> bool:
    """Whether `line` begins an item of its own: an outline label in the parser's grammar
    (:data:`~gazette_checks.patterns.OUTLINE_PATTERNS`: 第三条, 一、, （二）, 3., 专栏2, 附件1),
    a table label (:func:`~gazette_checks.patterns.table_label`), 附件/专栏 or ①…⑳, after a list bullet."""
    s = line.strip()
    if s[:1] in "-*•" and s[1:2].isspace():
        s = s[1:].lstrip()
    s = s.removeprefix("**").lstrip()
    first = s[:1]
    if first not in _ITEM_FIRST and not first.isdecimal() and not "①" <= first <= "⑳" and first <= "\uffff":
        return False  # the cheap test first: most lines begin with none of these (astral digits: see outline_label)
    return (any(p.match(s) for _, p in P.OUTLINE_PATTERNS) or P.table_label(s) is not None
            or s.startswith(("附件", "专栏")) or "①" <= s[:1] <= "⑳")


def paragraphs(lines: list[str], first: int | list[int], max_lines: int = 8) -> Iterator[tuple[list[int], list[str]]]:
    """Paragraph units of `lines` (numbered from `first`, or by the list `first`): ([line numbers], [texts]).

    Table rows are units of their own; a line that does not end a sentence is
    joined to the next non-blank line unless that line starts an outline item,
    a table row or a list bullet.
    """
    n = len(lines)
    number = first if isinstance(first, list) else list(range(first, first + n))
    i = 0
    while i < n:
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        if _is_table_line(raw):
            yield [number[i]], [raw]
            i += 1
            continue
        nums, texts = [number[i]], [raw]
        j = i
        while len(nums) < max_lines:
            tail = P.strip_markup(texts[-1]).rstrip()
            if not tail or tail.endswith(_SENT_END):
                break
            k = j + 1
            while k < n and not lines[k].strip():
                k += 1
            if k >= n or k - j > 3 or _is_table_line(lines[k]) or _starts_item(lines[k]):
                break
            nums.append(number[k])
            texts.append(lines[k])
            j = k
        yield nums, texts
        i = j + 1


def _doc_lines(ctx: RuleContext, file: str, start: int, end: int) -> tuple[list[int], list[str]]:
    """(line numbers, cleaned texts) of lines `start`–`end` in reading order."""
    order = list(ctx.records.reading_order(file, start, end))
    return order, [ctx.line_text(file, k) for k in order]


# --------------------------------------------------------------------------
# FM01 paired punctuation

_PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "（": "）", "(": ")", "〔": "〕", "﹝": "﹞",
          "【": "】", "「": "」", "『": "』", "[": "]", "［": "］"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
#: The standard `re`, not `regex`: it scans a plain character class about three times faster.
_PAIRED = stdlib_re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_CELL_SEP = re.compile(r"\t|</p>")
#: Openers whose closers of either width are accepted: （…) is width noise, not a wrong partner.
_SAME = {"（": "）)", "(": ")）", "[": "]］", "［": "］]", "〔": "〕﹞", "﹝": "﹞〕"}
_LIST_CLOSE = re.compile(r"(?:^|[\s；;。，,：:、*-])(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\s*$")


#: Two adjacent marks that are exact partners (《》, （）…): what :func:`_strip_partners` removes.
_ADJACENT_PAIR = stdlib_re.compile("|".join(re.escape(o + c) for o, c in _PAIRS.items()))
#: The paired marks and the line break :func:`_each_line_nests` joins lines with.
_PAIRED_OR_BREAK = stdlib_re.compile("[\n" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def _strip_partners(marks: str) -> str:
    """`marks` (paired marks only, in text order) with adjacent exact partners removed until none
    are left: '' when the marks nest with their exact partners."""
    while True:
        shorter = _ADJACENT_PAIR.sub("", marks)
        if len(shorter) == len(marks):
            return marks
        marks = shorter


def _each_line_nests(texts: list[str]) -> bool:
    """Whether the paired marks of each of `texts` nest with their exact partners, with no ‘’
    (maybe apostrophes) among them. Then no paragraph joined from these lines has a pairing
    problem: marks that nest line by line nest in any run of lines."""
    marks = "".join(_PAIRED_OR_BREAK.findall("\n".join(texts)))
    return "‘" not in marks and "’" not in marks and not _strip_partners(marks).replace("\n", "")


def _scan(units: list[tuple[int, str]]) -> dict | None:
    """The first pairing problem of a paragraph given as (line, text) parts, or None."""
    if _each_line_nests([text for _, text in units]):
        return None  # the common case, without the walk below
    stack: list[tuple[str, int, int]] = []  # (char, line, col)
    for line, text in units:
        for m in _PAIRED.finditer(text):  # only the paired marks: the rest of the text plays no part
            col, ch = m.start(), m.group()
            if ch in _PAIRS:
                if ch == "‘" and col and text[col - 1].isascii() and text[col - 1].isalpha():
                    continue
                stack.append((ch, line, col))
            elif ch in _CLOSERS:
                if ch == "’" and col + 1 < len(text) and text[col + 1].isascii() and text[col + 1].isalpha():
                    continue  # an English apostrophe
                if stack and ch in _SAME.get(stack[-1][0], _PAIRS[stack[-1][0]]):
                    stack.pop()
                    continue
                if stack:
                    # a closer that belongs to an opener deeper down: the top one was left open
                    depth = next((k for k in range(len(stack) - 1, -1, -1)
                                  if ch in _SAME.get(stack[k][0], _PAIRS[stack[k][0]])), None)
                    top = stack[-1]
                    if depth is not None:
                        return {"kind": "unclosed", "open": top[0], "line": top[1], "col": top[2],
                                "close_line": line, "close": ch}
                    return {"kind": "mismatch", "open": top[0], "close": ch, "line": line, "col": col,
                            "open_line": top[1], "open_col": top[2], "expected": _PAIRS[top[0]]}
                if ch in ")）" and _LIST_CLOSE.search(text[:col]):
                    continue  # 1) / a） list markers
                return {"kind": "unopened", "close": ch, "line": line, "col": col, "expected": _CLOSERS[ch]}
    if stack:
        top = stack[0]
        return {"kind": "unclosed", "open": top[0], "line": top[1], "col": top[2]}
    return None


@rule(
    "FM01", "format.unpaired_punctuation", "format", "warning",
    "成对标点不配对", "Paired punctuation opened and not closed, or closed by the wrong partner",
    "书名号、引号、括号、六角括号等成对标点必须配对使用，且左右形式一致（GB/T 15834-2011《标点符号用法》"
    "§4.5、§4.9、§4.10；GB/T 9704-2012 §7.2.5 规定年份用六角括号“〔〕”括入）。不配对或用错的另一半，"
    "会使标题、文号和引文的范围不清。",
    fix="补上缺少的另一半，或把用错的标点改为配对的形式（如“〔……]”改为“〔……〕”）。",
    options={"max_join_lines": 8},
    example_bad="〔责任单位：某市甲局、某市乙局，各区（县）政府]",
    example_good="〔责任单位：某市甲局、某市乙局，各区（县）政府〕",
)
def unpaired_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for paired punctuation (《》“”（）〔〕) left open or closed by the wrong partner.

    ## Options

    - ``max_join_lines``: most lines joined into one paragraph before pairs are matched
    """
    max_lines = int(ctx.option("max_join_lines"))
    for file, d, start, end in ctx.document_spans():
        label = ctx.records.document_label(d["doc_id"])
        order, lines = _doc_lines(ctx, file, start, end)
        if _each_line_nests([P.strip_markup(t) for t in lines if not _is_table_line(t)]):
            # no paragraph of prose can have a problem: only the table rows' cells are checked
            units = (([n], [t]) for n, t in zip(order, lines, strict=True) if _is_table_line(t))
        else:
            units = paragraphs(lines, order, max_lines)
        for nums, texts in units:
            table = len(nums) == 1 and _is_table_line(texts[0])
            if table:
                cells = [P.strip_markup(c) for c in _CELL_SEP.split(texts[0])]
                if _each_line_nests(["".join(cells)]):
                    continue  # the row's marks nest as one run: no cell, a part of that run, has a mismatch
                parts = [(nums[0], c) for c in cells]
                probs = [p for p in (_scan([c]) for c in parts) if p and p["kind"] == "mismatch"]
                prob = probs[0] if probs else None
            else:
                prob = _scan([(n, P.strip_markup(t)) for n, t in zip(nums, texts, strict=True)])
            if prob is None:
                continue
            yield _pair_finding(ctx, file, label, prob)


def _pair_finding(ctx: RuleContext, file: str, label: str, p: dict) -> Finding:
    line = p["line"]
    text = P.strip_markup(ctx.line_text(file, line))
    raw = ctx.line_text(file, line)
    if p["kind"] == "mismatch":
        if p["open_line"] == line:
            needle = text[p["open_col"]:p["col"] + 1]
        else:
            needle = text[max(0, p["col"] - 12):p["col"] + 1]
        needle = needle if needle in raw else p["close"]
        fixed = needle[:-1] + p["expected"] if needle.endswith(p["close"]) else ""
        related = [ctx.location(file, p["open_line"], p["open"])] if p["open_line"] != line else []
        return ctx.finding(
            file, line, f"“{p['open']}”与“{p['close']}”不配对，应以“{p['expected']}”闭合。",
            needle=needle, document=label, related=related, suggestion=fixed, severity="error",
            data={"kind": "mismatch", "open": p["open"], "close": p["close"], "expected": p["expected"],
                  "open_line": p["open_line"], "pattern": "mismatch" + p["open"] + p["close"]},
        )
    if p["kind"] == "unclosed":
        needle = text[p["col"]:p["col"] + 12]
        needle = needle if needle in raw else p["open"]
        where = (f"；其后第 {p['close_line']} 行的“{p['close']}”可能应为“{_PAIRS[p['open']]}”"
                 if p.get("close_line") else "")
        return ctx.finding(
            file, line, f"“{p['open']}”没有对应的“{_PAIRS[p['open']]}”{where}。",
            needle=needle, document=label,
            data={"kind": "unclosed", "open": p["open"], "expected": _PAIRS[p["open"]], "pattern": "unclosed" + p["open"]},
        )
    needle = text[max(0, p["col"] - 12):p["col"] + 1]
    needle = needle if needle in raw else p["close"]
    return ctx.finding(
        file, line, f"“{p['close']}”前面没有对应的“{p['expected']}”。",
        needle=needle, document=label,
        data={"kind": "unopened", "close": p["close"], "expected": p["expected"], "pattern": "unopened" + p["close"]},
    )


# --------------------------------------------------------------------------
# FM02 bracket style of 责任单位 / 牵头部门

_STYLE = {"〔": "〔〕", "﹝": "〔〕", "[": "[]", "［": "[]", "【": "【】", "(": "（）", "（": "（）"}


@rule(
    "FM02", "format.mixed_bracket_style", "format", "warning",
    "同一文件中责任单位括号样式不统一", "Mixed bracket styles for 责任单位 / 牵头部门 in one document",
    "同一文件中同类标注（如“〔责任单位：……〕”“〔牵头部门：……〕”）应使用同一种括号；"
    "混用六角括号和方括号多为排版或文字识别错误，也使标注范围不清（GB/T 15834-2011 §4.9）。",
    fix="把少数几处改为全文通用的括号（通常是“〔〕”）。",
    example_bad="〔牵头部门：市工信局〕……[牵头部门：市商务局]",
    example_good="〔牵头部门：市工信局〕……〔牵头部门：市商务局〕",
)
def mixed_bracket_style(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that one document brackets 责任单位 / 牵头部门 notes in one style."""
    notes: dict[str, list[tuple[int, str, str, str]]] = {}  # doc_id → line, style, needle, role
    for d, m in ctx.mentions("role_note"):
        notes.setdefault(d["doc_id"], []).append(
            (ctx.records.start_line(d["file"], int(m["line"])), _STYLE[m["value"]], m["text"], m["role"]))
    for file, d, _start, _end in ctx.document_spans():
        hits = notes.get(d["doc_id"], [])
        if len(hits) < 3:
            continue
        count = Counter(h[1] for h in hits)
        if len(count) < 2:
            continue
        (major, n_major), (_, n_second) = count.most_common(2)
        if n_major == n_second:
            continue
        first_major = next(h for h in hits if h[1] == major)
        label = ctx.records.document_label(d["doc_id"])
        for line, style, needle, role in hits:
            if style == major:
                continue
            yield ctx.finding(
                file, line,
                f"“{role}”用了“{style}”，本文件其余 {n_major} 处用“{major}”，括号样式不统一。",
                needle=needle, document=label,
                related=[ctx.location(file, first_major[0], first_major[2])],
                suggestion=major[0] + needle[1:],
                data={"style": style, "usual": major, "counts": dict(count), "pattern": style + role},
            )


# --------------------------------------------------------------------------
# FM03 traditional characters


@lru_cache(maxsize=1)
def traditional_table() -> tuple[dict[str, str], frozenset[str]]:
    """(traditional → simplified, characters legitimate in names) from data/traditional.tsv."""
    text = resources.files("gazette_checks").joinpath("data/traditional.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    names: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or len(cols[0]) != 1:
            continue
        if len(cols) > 2 and cols[2].strip() == "name":
            names.add(cols[0])
        else:
            table[cols[0]] = cols[1].strip()
    return table, frozenset(names)


@lru_cache(maxsize=1)
def _trad_regex() -> re.Pattern:
    table, _ = traditional_table()
    chars = "".join(sorted(table))
    return re.compile(rf"\p{{Han}}{{0,2}}?[{re.escape(chars)}](?:\p{{Han}}{{0,3}}?[{re.escape(chars)}])*\p{{Han}}{{0,2}}")


@lru_cache(maxsize=1)
def _trad_char() -> stdlib_re.Pattern:
    """Any one character of the table. The standard `re` tests a class this large against a
    bitmap: a line is screened ~10× faster than by a set test per character."""
    table, _ = traditional_table()
    return stdlib_re.compile("[" + stdlib_re.escape("".join(sorted(table))) + "]")


@rule(
    "FM03", "format.traditional_character", "format", "warning",
    "简体文本中夹有繁体字", "Traditional characters inside simplified text",
    "公文用字应使用规范汉字（《中华人民共和国国家通用语言文字法》第三条、第十四条，以《通用规范汉字表》为准）；"
    "简体文本中夹杂的繁体字多为录入或转换错误。地名、人名中依法保留的异体字（如“穆稜河”的“稜”）不在检查之列。",
    fix="把繁体字改为对应的规范简化字（如“辦法”改为“办法”）。",
    example_bad="某某项目参与人員名单",
    example_good="某某项目参与人员名单",
)
def traditional_character(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for traditional characters inside simplified text."""
    table, _names = traditional_table()
    screen = _trad_char()
    for d, k, raw in ctx.document_lines(tables=True):
        if not screen.search(raw):
            continue  # no traditional character: the regex cannot match
        m = _trad_regex().search(raw)  # compiled (slow: a class of every character) only when needed
        if not m:
            continue
        chars = [c for c in raw if c in table]
        word = m.group(0)
        fixed = "".join(table.get(c, c) for c in word)
        pairs = "、".join(dict.fromkeys(f"{c}（{table[c]}）" for c in chars))
        yield ctx.finding(
            d["file"], k, f"简体文本中出现繁体字：{pairs}。",
            needle=word, document=ctx.records.document_label(d["doc_id"]), suggestion=fixed,
            data={"characters": list(dict.fromkeys(chars)), "text_a": word, "text_b": fixed,
                  "pattern": "".join(sorted(set(chars)))},
        )


# --------------------------------------------------------------------------
# FM04 令号 without 第



@rule(
    "FM04", "format.decree_number_without_di", "format", "warning",
    "令号缺少“第”字", "Decree number written without 第",
    "GB/T 9704-2012 §10.3 规定令号由“第”字、阿拉伯数字和“号”组成，引用时也应照录，"
    "如“国务院令第588号”，不写作“国务院令588号”。",
    fix="在令号数字前补上“第”字。",
    example_bad="《某某条例》（国务院令 701 号）",
    example_good="《某某条例》（国务院令第701号）",
)
def decree_number_without_di(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for decree numbers written without 第 (国务院令 N 号)."""
    for d, m in ctx.mentions("decree_number"):
        v = m["data"]
        if v["di"]:
            continue
        yield ctx.finding(
            d["file"], ctx.records.start_line(d["file"], int(m["line"])), f"令号“{P.squash(m['text'])}”缺少“第”字。",
            needle=m["text"], document=ctx.records.document_label(d["doc_id"]),
            suggestion=f"{v['org']}令第{v['num']}号",
            data={"text_a": m["text"], "text_b": f"{v['org']}令第{v['num']}号"},
        )


# --------------------------------------------------------------------------
# FM05 本办法 / 本方案 naming another 文种

_TYPE_ALIAS = {"实施方案": "方案", "工作方案": "方案", "实施意见": "意见", "指导意见": "意见",
               "实施细则": "细则", "实施办法": "办法", "管理办法": "办法", "暂行办法": "办法"}
_SELF_TYPES = set(SELF_TYPES)


def title_type(title: Any) -> str | None:
    """The 文种 of a title as a self-reference would name it (实施方案 → 方案), or None."""
    if not isinstance(title, str):
        return None
    m = P.DOC_TYPE_END.search(P.squash(P.strip_markup(title)))
    if not m:
        return None
    t = _TYPE_ALIAS.get(m["type"], m["type"])
    return t if t in _SELF_TYPES else None


def _attachment_lines(ctx: RuleContext, doc_id: str) -> list[int]:
    """Sorted lines of the 附件 headings of document `doc_id` (one pass over the outline per records)."""
    return ctx.shared(("attachment_lines",), lambda: _attachment_lines_by_doc(ctx)).get(doc_id, [])


def _attachment_lines_by_doc(ctx: RuleContext) -> dict[str, list[int]]:
    out = ctx.records.outline
    if not len(out):
        return {}
    sel = out[out["kind"] == "attachment"]
    lines: dict[str, list[int]] = {}
    for doc_id, line in zip(sel["doc_id"], sel["line"], strict=True):
        lines.setdefault(doc_id, []).append(int(line))
    return {d: sorted(v) for d, v in lines.items()}


@rule(
    "FM05", "format.self_reference_wrong_type", "format", "warning",
    "“本办法”“本方案”等自称与文种不符", "Self-reference names another 文种 than the document's",
    "文件正文自称应与其标题的文种一致（标题为“……办法”则称“本办法”）；文种是标题的组成部分"
    "（GB/T 9704-2012 §7.3.1），自称与文种不符多因套用其他文件而未改全，易使条款的适用范围产生歧义。",
    fix="把自称改为与标题文种一致的说法（如“……管理规定”中的“本办法”改为“本规定”）。",
    example_bad="标题“某市甲事项管理规定”，正文：“本办法自发布之日起执行。”",
    example_good="标题“某市甲事项管理规定”，正文：“本规定自发布之日起执行。”",
)
def self_reference_wrong_type(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a document refers to itself by its own 文种 (本办法 in a 办法)."""
    marks = ctx.shared(("self_marks",), lambda: _self_marks(ctx))
    for file, d, _start, end in ctx.document_spans():
        a_line = _int(d.get("attached_line"))
        if a_line is None:
            a_line, own = _standalone(d)  # the document is itself a 办法, 规定…: its body from the title on
        else:
            own = title_type(d.get("attached_title"))
        if a_line is None or own is None:
            continue
        allowed = {own}
        # a notice carrying several texts (《甲》等文件): every carried text's type is its own
        q_line = _int(d.get("quoted_line"))
        selfs, quoted = marks.get(d["doc_id"], ([], []))
        if q_line and re.search(r"等\S{0,3}文件", P.squash(str(d.get("title") or ""))):
            for k, q in quoted:
                if k == q_line and (t := title_type(q)):
                    allowed.add(t)
        stop = next((x for x in _attachment_lines(ctx, d["doc_id"]) if x > a_line), end + 1)
        label = ctx.records.document_label(d["doc_id"])
        for k, kind, needle in selfs:
            if not a_line < k < stop:
                continue
            if kind in allowed or any(k - 2 <= j <= k and kind in q for j, q in quoted):
                continue  # 本条例 of a 《…条例》 quoted on this line or the 2 lines before
            yield ctx.finding(
                file, k,
                f"正文自称“本{kind}”，但{'所附文本' if d.get('attached_title') else '本文件'}标题的文种是“{own}”"
                f"（应称“本{own}”）。",
                needle=needle, document=label,
                related=[ctx.location(file, a_line)],
                suggestion=f"本{own}",
                data={"self_type": kind, "title_type": own, "title": d.get("attached_title") or d.get("title")},
            )


def _standalone(d: dict) -> tuple[int | None, str | None]:
    """(title line, 文种) of a document that is itself a 办法, 规定, 细则… (no quoted title in its
    heading, not a 通知 or 决定, which carry or quote other texts); (None, None) otherwise."""
    title = P.squash(P.strip_markup(str(d.get("title") or "")))
    own = title_type(title)
    line = _int(d.get("title_line"))
    if own is None or own in ("通知", "决定") or "《" in title or line is None:
        return None, None
    return line, own


def _self_marks(ctx: RuleContext) -> dict[str, tuple[list[tuple[int, str, str]], list[tuple[int, str]]]]:
    """doc_id → its self-references [(line, 文种, text)] and the 《titles》 naming a 文种 it quotes
    [(line, title)], each at the first line of its paragraph."""
    out: dict[str, tuple[list[tuple[int, str, str]], list[tuple[int, str]]]] = {}
    for d, m in ctx.mentions("self_reference"):
        line = ctx.records.start_line(d["file"], int(m["line"]))
        out.setdefault(d["doc_id"], ([], []))[0].append((line, m["role"], m["text"]))
    for d, m in ctx.mentions("quoted"):
        line = ctx.records.start_line(d["file"], int(m["line"]))
        out.setdefault(d["doc_id"], ([], []))[1].append((line, m["text"]))
    return out


# --------------------------------------------------------------------------
# FM06 发文字号 missing where the issuer's other documents have one


@rule(
    "FM06", "format.missing_doc_number", "format", "info",
    "缺少发文字号", "A document without 发文字号 where the issuer's others have one",
    "发文字号由发文机关代字、年份和发文顺序号组成（GB/T 9704-2012 §7.2.5），是公文的必备要素"
    "（《党政机关公文处理工作条例》第九条）。同一发文机关在本期的其他文件都有发文字号，"
    "这一篇没有，可能是刊载时漏排。",
    fix="核对原件，在标题下补上发文字号；原件确实没有的可忽略。",
    example_bad="某市甲局关于印发《某某方案》的通知（标题下直接是主送机关）",
    example_good="标题下一行为“某甲规〔2022〕4号”。",
)
def missing_doc_number(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for documents without a 发文字号 where the other documents of the same issuer have one."""
    docs = ctx.records.documents
    if not len(docs):
        return
    own = set(ctx.records.own_files)
    by_file: dict[str, list[dict]] = {}  # the checked files' documents, file by file, in table order
    for r in table_rows(ctx, "documents"):
        if r["file"] in own:
            by_file.setdefault(r["file"], []).append(r)
    for file, rows in by_file.items():
        has = [r for r in rows if _has_number(r)]
        for r in rows:
            if _has_number(r):
                continue
            issuer = r.get("issuer") if isinstance(r.get("issuer"), str) else ""
            same = [h for h in has if issuer and h.get("issuer") == issuer]
            if not same:
                continue
            others = "、".join(h["doc_number"] for h in same[:3])
            line = _int(r.get("title_line")) or int(r["line"])
            yield ctx.finding(
                file, line,
                f"该文件没有发文字号，而同一发文机关（{issuer}）在本期的其他文件都有（{others}）。",
                document=ctx.records.document_label(r["doc_id"]),
                related=[ctx.location(file, int(h["doc_number_line"]), h["doc_number"])
                         for h in same[:3] if _int(h.get("doc_number_line"))],
                data={"issuer": issuer, "others": [h["doc_number"] for h in same]},
            )


def _has_number(doc: dict) -> bool:
    """Whether document row `doc` has a 发文字号."""
    return isinstance(doc.get("doc_number"), str) and bool(doc["doc_number"])


# --------------------------------------------------------------------------
# FM07 stray English words

_STRAY_AND = re.compile(r"(?<=\p{Han}[”’）)]?)\s*(?<![A-Za-z])and(?![A-Za-z])\s*(?=[“‘（(]?\p{Han})")
_LEFT = re.compile(r"\p{Han}{1,3}[”’）)]?$")
_RIGHT = re.compile(r"^[“‘（(]?\p{Han}{1,3}")


@rule(
    "FM07", "format.stray_english_word", "format", "warning",
    "中文句中夹有英文“and”", "Stray English 'and' between Chinese characters",
    "公文应使用规范汉字书写（《党政机关公文处理工作条例》第十九条要求文字准确、规范）；"
    "中文词语之间出现的英文“and”多为排版或转换错误，应为“和”或“及”。",
    fix="把“and”改为“和”（或按文意改为“及”“与”）。",
    example_bad="支持中小企业 and 个体工商户发展",
    example_good="支持中小企业和个体工商户发展",
)
def stray_english_word(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for a stray English ``and`` between Chinese characters."""
    for d, k, raw in ctx.document_lines(tables=True):
        if "and" not in raw:
            continue
        for m in _STRAY_AND.finditer(raw):
            left = _LEFT.search(raw[:m.start()])
            right = _RIGHT.search(raw[m.end():])
            lt, rt = (left.group(0) if left else ""), (right.group(0) if right else "")
            yield ctx.finding(
                d["file"], k, f"“{P.squash(lt + m.group(0) + rt)}”中夹有英文“and”，应为“和”。",
                needle=lt + m.group(0) + rt, document=ctx.records.document_label(d["doc_id"]),
                suggestion=lt + "和" + rt,
                data={"text_a": lt + m.group(0) + rt, "text_b": lt + "和" + rt, "pattern": "and"},
            )
