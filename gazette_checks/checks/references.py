"""Internal-reference rules (NM09, NM10): 第N条, 第N章, 表N and 专栏N cited in a document but not in it.

A document cites its own parts (``依照本办法第十二条``, ``（见表3）``, ``详见专栏2``): the parser
records them as ``mentions`` kind ``cite`` (:mod:`gazette_checks.extract.references`). The parts it
has come from the outline records (``article``, ``chapter``, ``column``), the table captions and
the labels printed at the start of a line (kind ``label``); the highest article or chapter printed
as a heading anywhere in a line is kind ``last_heading``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule
from .shared_rows import is_missing, table_rows

#: Documents that cite the articles of another text as their subject matter.
_AMENDS = re.compile(r"修改|修正|废止|释义|解读|说明|清理")


def _outline_numbers(ctx: RuleContext) -> dict[tuple[str, str], list[int]]:
    """(doc_id, kind) → the numbers of its outline items of that kind, in line order."""
    out: dict[tuple[str, str], list[int]] = {}
    sel = sorted((r for r in table_rows(ctx, "outline") if r["kind"] in ("article", "chapter", "column")),
                 key=lambda r: (r["file"], r["line"]))
    for r in sel:
        doc_id, kind, n = r["doc_id"], r["kind"], r["number"]
        if isinstance(doc_id, str) and as_int(n) is not None:
            out.setdefault((doc_id, kind), []).append(int(n))
    return out


def _printed_headings(ctx: RuleContext) -> dict[tuple[str, str], int]:
    """(doc_id, article|chapter) → the highest number printed as a heading anywhere in a line
    (after a space), whether or not the outline recorded it."""
    return {(d["doc_id"], m["role"]): int(m["value"]) for d, m in ctx.mentions("last_heading")}


def _runs_one_to_n(nums: list[int]) -> bool:
    return bool(nums) and nums == list(range(1, len(nums) + 1))


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
    for d, m in ctx.mentions("cite"):
        doc_id, kind = d["doc_id"], m["role"]
        if kind not in ("article", "chapter") or _AMENDS.search(str(d.get("title") or "")):
            continue
        have = nums.get((doc_id, kind), [])
        if len(have) < 3 or not _runs_one_to_n(have):
            continue
        if printed.get((doc_id, kind), 0) > len(have):
            continue  # a heading the outline did not record (第七章 总则 第三十八条 on one line)
        n = int(m["value"])
        if n <= len(have):
            continue
        word = "条" if kind == "article" else "章"
        written = m["text"][m["text"].index("第") + 1: m["text"].rindex(word)].strip()
        yield ctx.finding(
            d["file"], int(m["line"]),
            f"引用了“第{written}{word}”，但本文件只有 {len(have)} {word}。",
            needle=m["text"], document=ctx.records.document_label(doc_id),
            data={"cited": n, "last": len(have), "kind": kind},
        )


# --------------------------------------------------------------------------- NM10
def _labels(ctx: RuleContext) -> dict[str, dict[str, set[int]]]:
    """doc_id → the 表N, 附表N and 专栏N it prints: 'table', 'annex_table', 'column' → numbers
    (from the table captions and the lines that begin with a label)."""
    out: dict[str, dict[str, set[int]]] = {}

    def of(doc_id: str) -> dict[str, set[int]]:
        return out.setdefault(doc_id, {"table": set(), "annex_table": set(), "column": set()})

    t = ctx.records.tables
    if len(t):
        labels = dict.fromkeys(zip(t["doc_id"], t["label"], strict=True))  # each pair once
        for doc_id, label in labels:
            if is_missing(doc_id) or is_missing(label):
                continue
            if lab := P.table_label(label):
                of(doc_id)[lab.kind].add(lab.number)
    for d, m in ctx.mentions("label"):
        of(d["doc_id"])[m["role"]].add(int(m["value"]))
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
    labels = _labels(ctx)
    seen: set[tuple[str, str, int]] = set()
    for d, m in ctx.mentions("cite"):
        doc_id, kind, k = d["doc_id"], m["role"], int(m["value"])
        if kind not in ("table", "annex_table", "column"):
            continue
        have = labels.get(doc_id)
        if have is None or not have[kind] or k in have[kind] or (doc_id, kind, k) in seen:
            continue
        if kind != "column" and k in have["table" if kind == "annex_table" else "annex_table"]:
            continue  # 表2 cited where 附表2 is printed (or the reverse): which one is meant is unclear
        seen.add((doc_id, kind, k))
        word = {"table": "表", "annex_table": "附表", "column": "专栏"}[kind]
        shown = "、".join(f"{word}{x}" for x in sorted(have[kind]))
        yield ctx.finding(
            d["file"], int(m["line"]),
            f"正文引用“{word}{k}”，但本文件只有{shown}。",
            needle=m["text"], document=ctx.records.document_label(doc_id),
            data={"cited": k, "kind": kind, "present": sorted(have[kind])},
        )
