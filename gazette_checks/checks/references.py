"""Internal-reference rules (NM09, NM10): 第N条, 第N章, 表N and 专栏N cited in a document but not in it.

A document cites its own parts (``依照本办法第十二条``, ``（见表3）``, ``详见专栏2``). The
parts it has come from the outline records (``article``, ``chapter``, ``column``) and from the
table captions; table and 专栏 labels printed at the start of a line are read from
``ctx.document_lines()`` too, since the parser records only tab-separated tables (the lead may
move this into the parser).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule

_N = r"(?P<n>\d{1,3}|[一二三四五六七八九十百零两]{1,6})"
#: 第N条 / 第N章 in running text, with what may stand before it.
_CITED = re.compile(r"(?P<own>本(?:办法|条例|细则|规定|规则|实施细则|规程|决定|制度|标准|准则))?\s*第\s*" + _N
                    + r"\s*(?P<kind>条|章)(?=[规款项的中所之第至和及或、，。；：:）)和以、]|$)")
#: Words just before 第N条 that name another text (…法第五条, 《…》第五条, 前述条例第五条).
_OTHER_TEXT = re.compile(r"(?:》|法|条例|规定|办法|细则|规则|意见|通知|决定|公约|协定|章程|纲要|规划|令|号|文件)\s*$")
#: Documents that cite the articles of another text as their subject matter.
_AMENDS = re.compile(r"修改|修正|废止|释义|解读|说明|清理")
_TABLE_CITE = re.compile(
    r"(?<!》)(?:[（(]\s*(?:详见|见|参见)?\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})\s*[)）]"
    r"|(?:如|见|详见|参见)\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})(?![\d.．\-—]))"
)
_TABLE_LABEL = re.compile(r"^[（(]?(?:续)?(?P<fu>附)?表\s*(?P<k>\d{1,3})(?![\d.．])")
_COLUMN_CITE = re.compile(r"(?<!》)(?:[（(]\s*(?:详见|见|参见)?\s*|(?:如|见|详见|参见))专栏\s*(?P<k>\d{1,3}|[一二三四五六七八九十]{1,3})(?!\d)")
_COLUMN_LABEL = re.compile(r"^专栏\s*(?P<k>\d{1,3}|[一二三四五六七八九十]{1,3})(?![\d.．])")


def _outline_numbers(ctx: RuleContext) -> dict[tuple[str, str], list[int]]:
    """(doc_id, kind) → the numbers of its outline items of that kind, in line order."""
    o = ctx.records.outline
    out: dict[tuple[str, str], list[int]] = {}
    if not len(o):
        return out
    sel = o[o["kind"].isin(["article", "chapter", "column"])].sort_values(["file", "line"])
    for doc_id, kind, n in zip(sel["doc_id"], sel["kind"], sel["number"], strict=True):
        if isinstance(doc_id, str) and as_int(n) is not None:
            out.setdefault((doc_id, kind), []).append(int(n))
    return out


_HEADING_ANYWHERE = re.compile(r"(?:^|[\s　])第\s*" + _N + r"\s*(?P<kind>条|章)(?=[\s　])")


def _printed_headings(ctx: RuleContext) -> dict[tuple[str, str], int]:
    """(doc_id, 条|章) → the highest number printed as a heading anywhere in a line (after a
    space), whether or not the outline recorded it."""
    out: dict[tuple[str, str], int] = {}
    for d, _line, raw in ctx.document_lines():
        if not isinstance(d["doc_id"], str) or "第" not in raw:
            continue
        for m in _HEADING_ANYWHERE.finditer(P.strip_markup(raw)):
            n = P.cn_to_int(m["n"])
            key = (d["doc_id"], m["kind"])
            if n is not None and n > out.get(key, 0):
                out[key] = n
    return out


def _runs_one_to_n(nums: list[int]) -> bool:
    return bool(nums) and nums == list(range(1, len(nums) + 1))


def _is_heading(text: str, start: int) -> bool:
    return not text[:start].strip(" 　*#")


# --------------------------------------------------------------------------- NM09
@rule(
    "NM09", "numbering.cited_article_beyond_last", "numbering", "error",
    "引用的条、章超出本文件范围", "An article or chapter cited beyond the last one of the document",
    "正文引用本文件的“第N条”“第N章”（如“违反本办法第二十条规定”），而本文件只有较少的条或章；"
    "引用的条款不存在，读者无法据以执行，多是条文增删后未同步修改引用。",
    fix="核对条文编号，改正引用的条、章序号。",
    example_bad="（全文共十八条）违反本办法第二十条规定的，依法予以处理。",
    example_good="（全文共十八条）违反本办法第十二条规定的，依法予以处理。",
)
def cited_article_beyond_last(ctx: RuleContext) -> Iterator[Finding]:
    """A 第N条 or 第N章 of the document's own text cited beyond its last one.

    Only documents whose articles (or chapters) run 1, 2, … without a gap or restart are
    judged, and only citations of the document itself: ``本办法第N条`` or a bare ``第N条``
    with no other text named just before it (``《…》第N条``, ``……法第N条`` are other texts).
    The heading of an article (a line that begins with ``第N条``) is not a citation.

    ## Known problems
    - A notice carrying two texts with their own articles restarts the numbering and is
      not judged.
    - Documents that amend, repeal or explain another text (``关于修改……的决定``) cite that
      text's articles and are skipped.
    - A citation of an article that exists but is the wrong one is not found.
    - A document whose text prints an article heading the outline did not record (two
      headings on one line) is not judged beyond the printed one.
    """
    nums = _outline_numbers(ctx)
    printed = _printed_headings(ctx)
    for d, line, raw in ctx.document_lines():
        doc_id = d["doc_id"]
        if not isinstance(doc_id, str) or _AMENDS.search(str(d.get("title") or "")):
            continue
        text = P.squash(P.strip_markup(raw))
        for m in _CITED.finditer(text):
            kind = "article" if m["kind"] == "条" else "chapter"
            have = nums.get((doc_id, kind), [])
            if len(have) < 3 or not _runs_one_to_n(have) or _is_heading(text, m.start()):
                continue
            if printed.get((doc_id, m["kind"]), 0) > len(have):
                continue  # a heading the outline did not record (第七章 总则 第三十八条 on one line)
            if not m["own"]:
                before = text[:m.start()]
                clause = re.split(r"[。；;]", before)[-1]
                if _OTHER_TEXT.search(before) or "《" in clause or "“" in clause[-12:]:
                    continue
            n = P.cn_to_int(m["n"])
            if n is None or n <= len(have):
                continue
            word = m["kind"]
            yield ctx.finding(
                d["file"], line,
                f"引用了“第{m['n']}{word}”，但本文件只有 {len(have)} {word}。",
                needle=m.group(0), document=ctx.records.document_label(doc_id),
                data={"cited": n, "last": len(have), "kind": kind},
            )


# --------------------------------------------------------------------------- NM10
def _labels(ctx: RuleContext, doc_id: str, lines: list[str]) -> dict[str, set[int]]:
    """The 表N, 附表N and 专栏N a document prints: 'table', 'annex_table', 'column' → numbers."""
    out: dict[str, set[int]] = {"table": set(), "annex_table": set(), "column": set()}
    t = ctx.records.tables
    if len(t):
        for cap in t.loc[t["doc_id"] == doc_id, "caption"].dropna().unique().tolist():
            m = _TABLE_LABEL.match(P.squash(str(cap)))
            if m:
                out["annex_table" if m["fu"] else "table"].add(int(m["k"]))
    for text in lines:
        if m := _TABLE_LABEL.match(text):
            out["annex_table" if m["fu"] else "table"].add(int(m["k"]))
        elif m := _COLUMN_LABEL.match(text):
            k = P.cn_to_int(m["k"])
            if k is not None:
                out["column"].add(k)
    return out


@rule(
    "NM10", "numbering.cited_table_or_box_missing", "numbering", "error",
    "引用的表、专栏不存在", "A table or 专栏 cited in the text is not in the document",
    "正文写“（见表3）”“详见专栏2”，而文件中的表或专栏没有这一编号；"
    "引用的内容找不到，多是表、专栏增删或重新编号后未同步修改引用。",
    fix="核对表、专栏的编号，改正引用或补上缺失的表、专栏。",
    example_bad="（文中有表1、表2）主要指标见表3。",
    example_good="（文中有表1、表2）主要指标见表2。",
)
def cited_table_or_box_missing(ctx: RuleContext) -> Iterator[Finding]:
    """A cited 表N, 附表N or 专栏N that the document does not print, where it prints others.

    A document that prints no table (or no 专栏) at all is not judged: web exports often
    leave tables and attachments out, so only a gap in numbers the document does print
    counts as evidence.

    ## Known problems
    - A table printed as an image, or captioned without its number, looks absent; the rule
      stays silent only when no table of that kind is printed at all.
    - 表N of another document named just before (``《某规划》表3``) is skipped; one named
      earlier in the sentence is not recognised.
    - ``表2`` cited where only ``附表2`` is printed (or the reverse) is left alone.
    """
    for _file, d, start, end in ctx.document_spans():
        doc_id = d["doc_id"]
        if not isinstance(doc_id, str):
            continue
        raws = [(k, ctx.line_text(d["file"], k)) for k in range(start, end + 1)]
        texts = [P.squash(P.strip_markup(r)) for _, r in raws]
        have = _labels(ctx, doc_id, [t for (_, r), t in zip(raws, texts, strict=True) if "\t" not in r])
        seen: set[tuple[str, int]] = set()
        for (line, raw), text in zip(raws, texts, strict=True):
            if "\t" in raw:
                continue
            cites = [("annex_table" if m["fu"] else "table", int(m["k"]), m.group(0)) for m in _TABLE_CITE.finditer(text)]
            cites += [("column", P.cn_to_int(m["k"]), m.group(0)) for m in _COLUMN_CITE.finditer(text)]
            for kind, k, needle in cites:
                if k is None or not have[kind] or k in have[kind] or (kind, k) in seen:
                    continue
                if kind != "column" and k in have["table" if kind == "annex_table" else "annex_table"]:
                    continue  # 表2 cited where 附表2 is printed (or the reverse): which one is meant is unclear
                seen.add((kind, k))
                word = {"table": "表", "annex_table": "附表", "column": "专栏"}[kind]
                shown = "、".join(f"{word}{x}" for x in sorted(have[kind]))
                yield ctx.finding(
                    d["file"], line,
                    f"正文引用“{word}{k}”，但本文件只有{shown}。",
                    needle=needle, document=ctx.records.document_label(doc_id),
                    data={"cited": k, "kind": kind, "present": sorted(have[kind])},
                )
