"""Numbering rules (NM): 发文字号 form, outline numbers, attachments, serial columns, TOC pages."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pandas as pd
import regex as re

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule

_GB_NUMBER = ("GB/T 9704-2012 §7.2.5 规定发文字号由发文机关代字、年份、发文顺序号组成，年份、发文顺序号用阿拉伯数字标注；"
              "年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。")


def _int(value) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def number_form_problems(text: str) -> tuple[list[str], str] | None:
    """What is wrong with the form of 发文字号 `text`, and its canonical form.

    None when `text` is not a 发文字号; ([], canonical) when it is well formed.
    Spaces (extraction artefacts) are ignored.
    """
    parts = P.parse_doc_number(text)
    if parts is None:
        return None
    problems: list[str] = []
    if parts["open"] != "〔" or parts["close"] != "〕":
        shown = parts["open"] + str(parts["year"]) + parts["close"]
        if (parts["open"], parts["close"]) in (("〔", "]"), ("[", "〕"), ("〔", "）"), ("（", "〕")) or \
                P.OPEN_BRACKETS.index(parts["open"]) != P.CLOSE_BRACKETS.index(parts["close"]):
            problems.append(f"年份括号前后不配对（{shown}）")
        else:
            problems.append(f"年份用了“{parts['open']}{parts['close']}”而不是六角括号“〔〕”")
    if parts["has_di"]:
        problems.append("序号前多了“第”字")
    if len(parts["serial_text"]) > 1 and parts["serial_text"].startswith("0"):
        problems.append(f"序号编了虚位（{parts['serial_text']}）")
    return problems, P.canonical_doc_number(parts["agency"], parts["year"], parts["serial"])


# ----------------------------------------------------------------------------- NM01
@rule(
    "NM01", "numbering.doc_number_form", "numbering", "warning",
    "发文字号格式不规范", "发文字号 not in the GB/T 9704-2012 form",
    _GB_NUMBER,
    fix="改为“机关代字〔年份〕序号号”，如“牡政发〔2024〕5号”。",
    example_bad="牡政发[2024]05号 / 牡政发〔2024〕第5号",
    example_good="牡政发〔2024〕5号",
)
def doc_number_form(ctx: RuleContext) -> Iterator[Finding]:
    docs = ctx.records.documents
    if not len(docs):
        return
    for row in docs.dropna(subset=["doc_number"]).to_dict("records"):
        res = number_form_problems(row["doc_number"])
        if not res or not res[0]:
            continue
        problems, good = res
        line = _int(row["doc_number_line"]) or int(row["line"])
        yield ctx.finding(
            row["file"], line, f"发文字号“{row['doc_number']}”{'；'.join(problems)}，应为“{good}”。",
            needle=_raw_needle(ctx.line_text(row["file"], line), row["doc_number"]),
            document=row["doc_number"], suggestion=good,
            data={"text": row["doc_number"], "problems": problems, "canonical": good},
        )


def _raw_needle(line: str, squashed: str) -> str:
    """The span of `line` that squashes to `squashed` (spaces kept), or ''."""
    if squashed in line:
        return squashed
    pat = r"\s*".join(re.escape(ch) for ch in squashed)
    m = re.search(pat, line)
    return m.group(0) if m else ""


# ----------------------------------------------------------------------------- NM02
_CITED = re.compile(r"》\s*[（(]")


def _cited_numbers(ctx: RuleContext) -> pd.DataFrame:
    """文号 cited after 《title》 in the text: the citations table plus a line scan."""
    rows: list[dict] = []
    cit = ctx.records.citations
    if len(cit):
        for r in cit.to_dict("records"):
            rows.append({"file": r["file"], "line": int(r["line"]), "doc_id": r["doc_id"],
                         "number": P.squash(r["doc_number"] or "")})
    docs = ctx.records.documents
    for d in docs.to_dict("records") if len(docs) else []:
        for k in range(int(d["line"]), int(d["end_line"]) + 1):
            text = ctx.line_text(d["file"], k)
            if "》" not in text:
                continue
            for m in _CITED.finditer(text):
                tail = text[m.end(): m.end() + 80]
                close = re.search(r"[)）](?![\s\d]*(?:第\s*)?\d*\s*号)", tail)
                inside = tail[: close.start()] if close else tail[:40]
                for n in P.DOC_NUMBER.finditer(P.squash(inside)):
                    rows.append({"file": d["file"], "line": k, "doc_id": d["doc_id"], "number": n.group(0)})
    if not rows:
        return pd.DataFrame(columns=["file", "line", "doc_id", "number"])
    return pd.DataFrame(rows).drop_duplicates(["file", "line", "number"])


@rule(
    "NM02", "numbering.cited_doc_number_form", "numbering", "warning",
    "引用的发文字号格式不规范", "A cited 发文字号 not in the GB/T 9704-2012 form",
    "《党政机关公文处理工作条例》和 GB/T 9704-2012 §7.3.3 要求引用公文时先引标题、后引发文字号；"
    "所引发文字号同样应符合 §7.2.5 的格式。" + _GB_NUMBER,
    fix="按“机关代字〔年份〕序号号”改正所引文号（排版时的空格不算错误）。",
    example_bad="《关于……的通知》（黑政办发【2021】第3号）",
    example_good="《关于……的通知》（黑政办发〔2021〕3号）",
)
def cited_doc_number_form(ctx: RuleContext) -> Iterator[Finding]:
    for row in _cited_numbers(ctx).to_dict("records"):
        res = number_form_problems(row["number"])
        if not res or not res[0]:
            continue
        problems, good = res
        parts = P.parse_doc_number(row["number"])
        yield ctx.finding(
            row["file"], row["line"],
            f"引用的发文字号“{parts['text']}”{'；'.join(problems)}，应为“{good}”。",
            needle=_raw_needle(ctx.line_text(row["file"], row["line"]), parts["text"]),
            document=ctx.records.document_label(row["doc_id"]), suggestion=good,
            data={"text": parts["text"], "problems": problems, "canonical": good},
        )


# ----------------------------------------------------------------------------- outline
_KIND_ZH = {"chapter": "第X章", "section": "第X节", "article": "第X条", "cn": "一、", "paren_cn": "（一）",
            "arabic": "1.", "paren_arabic": "（1）", "column": "专栏N", "attachment": "附件N"}
#: Kinds numbered straight through a document part, whatever their parent.
_RUN_THROUGH = ("article", "column")
_ATTACH_LIST = re.compile(r"^[-–—·•*\s]*附\s*件\s*[：:]\s*1\s*[.．、]")
_LIST_ENTRY = re.compile(r"^[-–—·•*\s]*\d{1,2}\s*[.．、]")


def _attachment_list_lines(ctx: RuleContext, file: str, first: int, last: int) -> set[int]:
    """Lines of numbered 附件说明 lists (附件：1. … / 2. … / 3. …) between `first` and `last`."""
    out: set[int] = set()
    k = first
    while k <= last:
        if _ATTACH_LIST.match(P.clean_line(ctx.line_text(file, k))):
            j, blanks = k + 1, 0
            while j <= last and blanks <= 1:
                s = P.clean_line(ctx.line_text(file, j))
                if not s:
                    blanks += 1
                elif _LIST_ENTRY.match(s):
                    out.add(j)
                    blanks = 0
                else:
                    break
                j += 1
            k = j
        else:
            k += 1
    return out


def _outline(ctx: RuleContext) -> pd.DataFrame:
    """Outline items with a grouping key: siblings that must be numbered 1, 2, 3 …"""
    o = ctx.records.outline
    if not len(o):
        return o
    o = o[o["kind"] != "attachment"].copy()
    docs = ctx.records.documents
    skip: set[tuple[str, int]] = set()
    for d in docs.to_dict("records") if len(docs) else []:
        skip.update((d["file"], k) for k in _attachment_list_lines(ctx, d["file"], int(d["line"]), int(d["end_line"])))
    if skip:
        o = o[[(f, int(k)) not in skip for f, k in zip(o["file"], o["line"], strict=True)]]
    parent = o["parent_line"].where(~o["kind"].isin(_RUN_THROUGH))
    o["parent_key"] = parent.fillna(-1).astype(int)
    return o.sort_values(["file", "line"])


def _sequence_faults(numbers: list[int], parents: list[int]) -> list[tuple[int, str, int | None]]:
    """(index, fault, expected) for each item of one kind that breaks 1, 2, 3 …

    `parents` holds each item's parent line. Under a new parent the numbering may
    restart at 1 or continue from the last item of the kind (both styles occur);
    a 1 under the same parent starts a new list. Neither is a fault.
    """
    out: list[tuple[int, str, int | None]] = []
    prev = None
    for i, n in enumerate(numbers):
        if prev is None:
            if n != 1:
                out.append((i, "start", 1))
        elif n == 1 or n == prev + 1:
            pass
        elif parents[i] != parents[i - 1] and n < prev:
            out.append((i, "start", 1))  # a restart under a new parent that does not begin at 1
        elif n == prev:
            out.append((i, "repeat", prev + 1))
        elif n > prev + 1:
            out.append((i, "gap", prev + 1))
        else:
            out.append((i, "order", prev + 1))
        prev = n
    return out


@rule(
    "NM03", "numbering.outline_sequence", "numbering", "warning",
    "层次序号不连续或顺序错误", "Outline numbers skip, repeat or go backwards",
    "GB/T 9704-2012 §7.3.3 规定文中结构层次序数依次用“一、”“（一）”“1.”“（1）”标注；"
    "同一层级的序号应从1起连续编排，下级序号在每个上级条目下重新起编，"
    "“第X条”在整个办法、规定中连续编排。跳号、重号、倒序会使引用和执行出错。",
    fix="按顺序重新编排该层级的序号。",
    example_bad="1. …… 2. …… 3. …… 2. ……",
    example_good="1. …… 2. …… 3. …… 4. ……",
)
def outline_sequence(ctx: RuleContext) -> Iterator[Finding]:
    o = _outline(ctx)
    if not len(o):
        return
    words = {"start": "没有从{exp}起编（也没有接续上一组的序号）", "repeat": "与上一条重号，应为{exp}",
             "gap": "跳号，前一条之后应为{exp}", "order": "顺序颠倒，前一条之后应为{exp}"}
    for _, g in o.groupby(["file", "doc_id", "part", "kind"], sort=False):
        rows = g.to_dict("records")
        for i, fault, exp in _sequence_faults([int(n) for n in g["number"]], [int(p) for p in g["parent_key"]]):
            row = rows[i]
            prev = rows[i - 1] if i else None
            kind = _KIND_ZH.get(row["kind"], row["kind"])
            msg = f"{kind}层级的序号“{row['label']}”" + words[fault].format(exp=exp) + "。"
            if prev is not None:
                msg = f"{kind}层级：第 {prev['line']} 行是“{prev['label']}”，本行却是“{row['label']}”，" + \
                    words[fault].format(exp=exp) + "。"
            yield ctx.finding(
                row["file"], row["line"], msg, needle=row["label"],
                document=ctx.records.document_label(row["doc_id"]),
                related=[ctx.location(row["file"], prev["line"], prev["label"])] if prev else [],
                suggestion=_relabel(row["label"], exp) if fault != "start" else "",
                data={"kind": row["kind"], "fault": fault, "number": int(row["number"]), "expected": exp,
                      "previous": int(prev["number"]) if prev else None},
            )


def _relabel(label: str, n: int) -> str:
    """`label` with its number replaced by `n`, in the same numeral style."""
    if re.search(r"\d", label):
        return re.sub(r"\d+", str(n), label, count=1)
    return re.sub(P.CN_NUM + "+", _cn_numeral(n), label, count=1)


def _cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


@rule(
    "NM04", "numbering.lone_subitem", "numbering", "info",
    "只有一个下级条目", "A sub-level with a single item",
    "GB/T 9704-2012 §7.3.3 的层次序数用于列举多个并列条目；某一层级只有“1.”而没有“2.”，"
    "通常是漏编或多余的编号，也可能是正文中后续条目丢失。",
    fix="确认是否缺少后续条目；只有一项时可去掉序号。",
    example_bad="（一）…… 1. …… （二）……",
    example_good="（一）…… 1. …… 2. …… （二）……",
)
def lone_subitem(ctx: RuleContext) -> Iterator[Finding]:
    o = _outline(ctx)
    if not len(o):
        return
    sub = o[~o["kind"].isin(("chapter", "column")) & (o["parent_key"] >= 0)]
    for _, g in sub.groupby(["file", "doc_id", "part", "kind", "parent_key"], sort=False):
        if len(g) != 1 or int(g["number"].iloc[0]) != 1:
            continue
        row = g.iloc[0]
        yield ctx.finding(
            row["file"], int(row["line"]),
            f"“{row['label']}”是上级条目（第 {int(row['parent_line'])} 行）下唯一的{_KIND_ZH.get(row['kind'])}层级条目，没有后续的第2项。",
            needle=row["label"], document=ctx.records.document_label(row["doc_id"]),
            related=[ctx.location(row["file"], int(row["parent_line"]))],
            data={"kind": row["kind"], "parent_line": int(row["parent_line"])},
        )
