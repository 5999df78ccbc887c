"""Numbering rules (NM): 发文字号 form, outline numbers, attachments, serial columns, TOC pages."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from operator import itemgetter

import pandas as pd
import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int as _int
from ..records import na_last, row_dicts, tuples
from .base import RuleContext, rule
from .grid import SERIAL_HEAD as _SERIAL_HEAD
from .grid import grid_of, tables_by_id
from .shared_rows import is_missing as _is_missing
from .shared_rows import table_rows

_GB_NUMBER = ("GB/T 9704-2012 §7.2.5 规定发文字号由发文机关代字、年份、发文顺序号组成，年份、发文顺序号用阿拉伯数字标注；"
              "年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。")


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
    example_bad="某政发[2024]05号 / 某政发〔2024〕第5号",
    example_good="某政发〔2024〕5号",
)
def doc_number_form(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that each 发文字号 has the GB/T 9704-2012 form (〔year〕, no leading zero, no 第)."""
    docs = ctx.records.documents
    if not len(docs):
        return
    for file, line, number, number_line in tuples(docs[["file", "line", "doc_number", "doc_number_line"]]):
        if _is_missing(number):
            continue
        res = number_form_problems(number)
        if not res or not res[0]:
            continue
        problems, good = res
        yield ctx.finding(
            file, _int(number_line) or int(line), f"发文字号“{number}”{'；'.join(problems)}，应为“{good}”。",
            needle=number,
            document=number, suggestion=good,
            data={"text": number, "problems": problems, "canonical": good},
        )



# ----------------------------------------------------------------------------- NM02
def _cited_numbers(ctx: RuleContext) -> list[dict]:
    """文号 cited after 《title》 in the text: the citations table and the ``cited_number`` mentions,
    each (file, line, number) once (the first)."""
    rows: dict[tuple, dict] = {}
    cit = ctx.records.citations
    if len(cit):
        for r in row_dicts(cit):
            row = {"file": r["file"], "line": int(r["line"]), "doc_id": r["doc_id"],
                   "number": P.squash(r["doc_number"] or "")}
            rows.setdefault((row["file"], row["line"], row["number"]), row)
    for d, m in ctx.mentions("cited_number"):
        row = {"file": d["file"], "line": ctx.records.start_line(d["file"], int(m["line"])),
               "doc_id": d["doc_id"], "number": m["text"]}
        rows.setdefault((row["file"], row["line"], row["number"]), row)
    return list(rows.values())


@rule(
    "NM02", "numbering.cited_doc_number_form", "numbering", "warning",
    "引用的发文字号格式不规范", "A cited 发文字号 not in the GB/T 9704-2012 form",
    "《党政机关公文处理工作条例》和 GB/T 9704-2012 §7.3.3 要求引用公文时先引标题、后引发文字号；"
    "所引发文字号同样应符合 §7.2.5 的格式。" + _GB_NUMBER,
    fix="按“机关代字〔年份〕序号号”改正所引文号（排版时的空格不算错误）。",
    example_bad="《关于……的通知》（某政办发【2021】第3号）",
    example_good="《关于……的通知》（某政办发〔2021〕3号）",
)
def cited_doc_number_form(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that 发文字号 cited in the text have the GB/T 9704-2012 form."""
    for row in _cited_numbers(ctx):
        res = number_form_problems(row["number"])
        if not res or not res[0]:
            continue
        problems, good = res
        parts = P.parse_doc_number(row["number"])
        yield ctx.finding(
            row["file"], row["line"],
            f"引用的发文字号“{parts['text']}”{'；'.join(problems)}，应为“{good}”。",
            needle=parts["text"],
            document=ctx.records.document_label(row["doc_id"]), suggestion=good,
            data={"text": parts["text"], "problems": problems, "canonical": good},
        )


# ----------------------------------------------------------------------------- outline
_KIND_ZH = {"chapter": "第X章", "section": "第X节", "article": "第X条", "cn": "一、", "paren_cn": "（一）",
            "arabic": "1.", "paren_arabic": "（1）", "column": "专栏N", "attachment": "附件N"}
#: Kinds numbered straight through a document part, whatever their parent.
_RUN_THROUGH = ("article", "column")


def _attachment_list_lines(ctx: RuleContext) -> set[tuple[str, int]]:
    """(file, line) of the entries of numbered 附件说明 lists (附件：1. … / 2. … / 3. …)."""
    out: set[tuple[str, int]] = set()
    numbered = False
    for d, m in ctx.mentions("attachment_list"):
        if m["role"] == "head":
            numbered = m["data"]["n"] == 1
        elif numbered:
            out.add((d["file"], int(m["line"])))
    return out


def _outline_rows(ctx: RuleContext) -> list[dict]:
    """Outline items (row dicts) with a grouping key ``parent_key``: siblings that must be numbered
    1, 2, 3 … (computed once per records for NM03 and NM04; read, do not change)."""
    return ctx.shared(("numbered_outline_rows",), lambda: _numbered_outline(ctx))


def _numbered_outline(ctx: RuleContext) -> list[dict]:
    """The outline rows but 附件 labels and the entries of numbered 附件说明 lists, each with
    ``parent_key``: its parent's line (-1 for none, and for the kinds numbered straight through
    a part), file by file in table order."""
    rows = [r for r in table_rows(ctx, "outline") if r["kind"] != "attachment"]
    skip = _attachment_list_lines(ctx)
    if skip:
        rows = [r for r in rows if (r["file"], int(r["line"])) not in skip]
    out = []
    for r in rows:
        parent = None if r["kind"] in _RUN_THROUGH else r["parent_line"]
        out.append(r | {"parent_key": -1 if _is_missing(parent) else int(parent)})
    out.sort(key=lambda r: r["file"])  # reading order: two columns read line by line are not in line order
    return out


def _groups(rows: list[dict], keys: tuple[str, ...]) -> list[list[dict]]:
    """`rows` grouped like ``groupby(list(keys), sort=False)``: groups in order of first
    appearance, rows in their order; rows with a missing key are left out (dropna)."""
    out: dict[tuple, list[dict]] = {}
    key_of = itemgetter(*keys)
    one = len(keys) == 1
    for r in rows:
        key = (key_of(r),) if one else key_of(r)
        if any(_is_missing(v) for v in key):
            continue
        out.setdefault(key, []).append(r)
    return list(out.values())


def _sequence_faults(numbers: list[int], parents: list[int]) -> list[tuple[int, str, int | None]]:
    """(index, fault, expected) for each item of one kind that breaks 1, 2, 3 …

    `parents` holds each item's parent line. Under a new parent the numbering may
    restart at 1 or continue from the last item of the kind (both styles occur);
    a 1 under the same parent starts a new list. Neither is a fault. A wrong
    number followed by the expected next one is one slip, reported once.
    """
    out: list[tuple[int, str, int | None]] = []
    prev = None
    for i, n in enumerate(numbers):
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        if prev is None:
            if n != 1:
                out.append((i, "start", 1))
        elif n == prev + 1:
            pass
        elif nxt is not None and nxt == prev + 2 and parents[i] == parents[i - 1]:
            out.append((i, "repeat" if n == prev else ("order" if n < prev else "gap"), prev + 1))
            n = prev + 1  # a slip: the numbering goes on from the expected value
        elif n == 1:
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
    """Checks that outline numbers (一、（一）1.（1）) neither skip, repeat nor go backwards."""
    outline = _outline_rows(ctx)
    if not outline:
        return
    words = {"start": "没有从{exp}起编（也没有接续上一组的序号）", "repeat": "与上一条重号，应为{exp}",
             "gap": "跳号，前一条之后应为{exp}", "order": "顺序颠倒，前一条之后应为{exp}"}
    for rows in _groups(outline, ("file", "doc_id", "part", "kind")):
        for i, fault, exp in _sequence_faults([int(r["number"]) for r in rows], [int(r["parent_key"]) for r in rows]):
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
    """Checks for a sub-level with a single item (（一） followed by 1. and no 2.)."""
    sub = [r for r in _outline_rows(ctx) if r["kind"] not in ("chapter", "column") and r["parent_key"] >= 0]
    for g in _groups(sub, ("file", "doc_id", "part", "kind", "parent_key")):
        if len(g) != 1 or int(g[0]["number"]) != 1:
            continue
        row = g[0]
        yield ctx.finding(
            row["file"], int(row["line"]),
            f"“{row['label']}”是上级条目（第 {int(row['parent_line'])} 行）下唯一的{_KIND_ZH.get(row['kind'])}层级条目，没有后续的第2项。",
            needle=row["label"], document=ctx.records.document_label(row["doc_id"]),
            related=[ctx.location(row["file"], int(row["parent_line"]))],
            data={"kind": row["kind"], "parent_line": int(row["parent_line"])},
        )


# ----------------------------------------------------------------------------- attachments
_BARE_LABEL = re.compile(r"^附\s*件\s*(?P<n>\d{0,2})\s*[：:]?$")
_TAIL_BRACKET = re.compile(r"[(（][^()（）]{1,10}[)）]$")


def _norm_title(text: str) -> str:
    t = P.fold(text).replace("《", "").replace("》", "").strip("。.;；")
    return _TAIL_BRACKET.sub("", t)


def _attachment_lists(ctx: RuleContext) -> dict[str, tuple[list[tuple[int, str, int]], str, list[str]]]:
    """doc_id → the first 附件说明 of the document: its items numbered in order ([(number, title,
    line)]; one item numbered 0 for an unnumbered list), its head as printed, and the short lines
    after those items (possible attachment headings)."""
    rows: dict[str, list[dict]] = {}
    for d, m in ctx.mentions("attachment_list"):
        rows.setdefault(d["doc_id"], []).append(m)
    out: dict[str, tuple[list[tuple[int, str, int]], str, list[str]]] = {}
    for doc_id, ms in rows.items():
        k = next((i for i, m in enumerate(ms) if m["role"] == "head"), None)
        if k is None:
            continue
        file = ms[k]["file"]
        head = ms[k]["data"]
        items = [(head["n"], head["title"], ctx.records.start_line(file, int(ms[k]["line"])))]
        for m in ms[k + 1:] if head["n"] else ():
            if m["role"] != "entry" or not m["data"]["title"] or m["data"]["n"] != items[-1][0] + 1:
                break
            items.append((m["data"]["n"], m["data"]["title"], ctx.records.start_line(file, int(m["line"]))))
        out[doc_id] = (items, ms[k]["text"], [])
    for d, m in ctx.mentions("after_list"):
        if d["doc_id"] in out:
            out[d["doc_id"]][2].append(m["text"])
    return out


def _present(title: str, headings: list[tuple[int, str]], titles: list[str]) -> int | None:
    """Line of the heading that best matches `title` among `titles`, or None."""
    want = _norm_title(title)
    if len(want) < 4:
        return None
    for k, s in headings:
        cand = _norm_title(s)
        if not cand:
            continue
        if 2.0 * min(len(want), len(cand)) / (len(want) + len(cand)) < 0.85:
            continue  # the lengths alone keep the ratio below 0.85 (SequenceMatcher.real_quick_ratio)
        score = difflib.SequenceMatcher(None, want, cand).ratio()
        if score < 0.85:
            continue
        best = max(titles, key=lambda t: difflib.SequenceMatcher(None, _norm_title(t), cand).ratio())
        if _norm_title(best) == want:
            return k
    return None


@rule(
    "NM05", "numbering.attachment_labels_sequence", "numbering", "warning",
    "附件序号不连续", "Attachment labels skip or repeat",
    "GB/T 9704-2012 §7.3.6、§8.4：有多个附件时，附件说明和附件标识应使用阿拉伯数字依次标注附件顺序号"
    "（附件1、附件2……）。附件序号跳号或重号，说明附件缺失或编号错误。",
    fix="补上缺失的附件，或按顺序重新编排附件序号，并同步修改附件说明和正文中的引用。",
    example_bad="附件1 …… 附件2 …… 附件4",
    example_good="附件1 …… 附件2 …… 附件3",
)
def attachment_labels_sequence(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that attachment labels (附件1, 附件2…) neither skip nor repeat."""
    att = sorted((r for r in table_rows(ctx, "outline") if r["kind"] == "attachment"),
                 key=lambda r: (r["file"], r["line"]))
    for rows in _groups(att, ("file", "doc_id")):
        for i in range(1, len(rows)):
            prev, row = rows[i - 1], rows[i]
            p, n = int(prev["number"]), int(row["number"])
            if n == p + 1:
                continue
            fault = "重号" if n == p else ("缺少附件" + "、".join(str(x) for x in range(p + 1, n)) if n > p
                                            else "顺序颠倒")
            yield ctx.finding(
                row["file"], row["line"],
                f"附件序号不连续：第 {prev['line']} 行是“{prev['label']}”，本行是“{row['label']}”（{fault}）。",
                needle=row["label"], document=ctx.records.document_label(row["doc_id"]),
                related=[ctx.location(row["file"], prev["line"], prev["label"])],
                data={"previous": p, "number": n, "missing": list(range(p + 1, n)) if n > p else [],
                      # one missing attachment that the text refers to is NM06's finding too
                      **({"defect": f"attachment:{row['file']}:{row['doc_id']}:{p + 1}", "defect_rank": 1}
                         if n == p + 2 else {})},
            )


@rule(
    "NM06", "numbering.named_attachment_missing", "numbering", "error",
    "正文提到的附件不存在", "An attachment named in the text is not in the document",
    "《党政机关公文处理工作条例》第九条：附件说明是公文附件的顺序号和名称；GB/T 9704-2012 §7.3.6 要求"
    "附件说明与附件一一对应。附件说明或正文“（附件N）”提到的附件在文中找不到，读者无法查到所引内容。",
    fix="补上缺失的附件，或删改附件说明和正文中的引用。",
    example_bad="附件：1. 申请表 2. 告知书 3. 结果表 …… （正文之后只有“结果表”）",
    example_good="附件：1. 申请表 2. 告知书 3. 结果表 …… 附件1 申请表 …… 附件2 告知书 …… 附件3 结果表",
)
def named_attachment_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that every attachment named in the text is printed after it."""
    docs = ctx.records.documents
    o = ctx.records.outline
    if not len(docs):
        return
    att = o[o["kind"] == "attachment"] if len(o) else o
    att_of: dict[str, list[tuple]] = {}  # doc_id → (number, line) of its attachment labels, in frame order
    if len(att):
        for n, k, doc_id in zip(att["number"], att["line"], att["doc_id"], strict=True):
            if isinstance(doc_id, str):
                att_of.setdefault(doc_id, []).append((n, k))
    lists = _attachment_lists(ctx)
    refs: dict[str, list[dict]] = {}
    for d, m in ctx.mentions("cite"):
        if m["role"] == "attachment":
            refs.setdefault(d["doc_id"], []).append(m)
    for _, d, _, _ in ctx.document_spans():
        file = d["file"]
        doc_att = att_of.get(d["doc_id"], []) if isinstance(d["doc_id"], str) else []
        labels = {int(n): int(k) for n, k in doc_att}
        items, head_text, after = lists.get(d["doc_id"], ([], "", []))
        headings = list(enumerate(after))
        label = ctx.records.document_label(d["doc_id"])
        judged: set[int] = set()
        if items:
            titles = [t for _, t, _ in items]
            bare = any(_BARE_LABEL.match(s) for _, s in headings)
            missing = []
            for n, title, _k in items:
                judged.add(n)
                if n in labels or _present(title, headings, titles) is not None:
                    continue
                if n == 0 and bare:
                    continue
                missing.append((n, title))
            if missing and ctx.records.export_meta(file) and len(missing) == len(items):
                # a web or database export gives attachments as download links, not as text
                yield ctx.finding(
                    file, items[0][2], "导出的文本没有包含附件正文（网页常以下载链接给出附件），附件是否齐全未检查。",
                    document=label, severity="info",
                    data={"listed": [n for n, _, _ in items], "limit": True},
                )
            elif missing:
                head = items[0][2]
                names = "、".join(f"附件{n}《{P.squash(t).strip('《》')}》" if n else f"《{P.squash(t).strip('《》')}》"
                                 for n, t in missing)
                yield ctx.finding(
                    file, head,
                    f"附件说明列出 {len(items)} 个附件，文中找不到 {names}。",
                    needle=head_text[:12],
                    document=label,
                    related=[ctx.location(file, k, t[:12]) for n, t, k in items if (n, t) in missing][1:],
                    data={"listed": [n for n, _, _ in items], "missing": [n for n, _ in missing],
                          "titles": [t for _, t in missing]},
                )
        if not labels:
            continue
        lo, hi = min(labels), max(labels)
        seen: set[int] = set()
        for ref in refs.get(d["doc_id"], []):
            k, n = ctx.records.start_line(file, int(ref["line"])), int(ref["value"])
            if n in judged or n in labels or n in seen or not lo < n < hi:
                continue
            seen.add(n)
            yield ctx.finding(
                file, k, f"正文引用了附件{n}，但文中只有附件" + "、".join(str(x) for x in sorted(labels)) + "。",
                needle=ref["text"], document=label,
                related=[ctx.location(file, labels[x]) for x in sorted(labels) if x in (n - 1, n + 1)],
                data={"referenced": n, "present": sorted(labels),
                      "defect": f"attachment:{file}:{d['doc_id']}:{n}", "defect_rank": 0},
            )


# ----------------------------------------------------------------------------- serial columns
_SERIAL_CELL = re.compile(r"^(?P<n>\d{1,4})[.．、]?$")


def _serial_runs(tables: dict[str, list[dict]]) -> Iterator[list[dict]]:
    """For each table with a 序号 column (`tables`: :func:`~gazette_checks.checks.grid.tables_by_id`):
    its Arabic serial cells in row order.

    Repeated header rows, blank cells and Chinese-numeral group rows (一、二 …) are skipped.
    """
    for g in (g for cells in tables.values() for g in _groups(cells, ("file",))):
        heads = [c for c in g if _may_head_serials(c["text"]) and _SERIAL_HEAD.match(P.squash(str(c["text"] or "")))]
        if not heads:
            continue
        col_by_row = {c["row"]: c["col"] for c in heads}
        by_row = grid_of([c for c in g if not pd.isna(c["row"])])
        cells: list[dict] = []
        col = None
        for r, rg in by_row.items():
            if r in col_by_row:
                col = col_by_row[r]
                continue
            if col is None:
                continue
            hit = [c for c in rg if c["col"] == col]
            if not hit:
                continue
            cell = dict(hit[0])
            m = _SERIAL_CELL.match(P.squash(str(cell["text"] or "")).translate(P._FW))
            if m:
                cell["n"] = int(m["n"])
                cells.append(cell)
        if len(cells) >= 3:
            yield cells


def _may_head_serials(text) -> bool:
    """Whether a cell's `text` has a character of every header :data:`_SERIAL_HEAD` accepts (序号, 序,
    编号, No.): the cheap test before squashing it."""
    s = str(text or "")
    return "序" in s or "编" in s or "N" in s or "n" in s


@rule(
    "NM07", "numbering.table_serial_sequence", "numbering", "warning",
    "表格序号不连续", "A 序号 column skips, repeats or holds a stray value",
    "表格“序号”列应从1起依次编号；跳号、重号或错值（如把15印成115）会让表格条目数和引用出错。",
    fix="按顺序改正序号列。",
    example_bad="序号：13、14、115、16",
    example_good="序号：13、14、15、16",
)
def table_serial_sequence(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the 序号 column of a table neither skips, repeats nor holds a stray value."""
    t = ctx.records.tables
    if not len(t):
        return
    for cells in _serial_runs(ctx.shared(("tables_by_id",), lambda: tables_by_id(t))):
        prev = None
        for i, c in enumerate(cells):
            n = c["n"]
            if prev is None or n == prev + 1 or n == 1:
                prev = n
                continue
            exp = prev + 1
            nxt = cells[i + 1]["n"] if i + 1 < len(cells) else None
            typo = nxt == exp + 1 or nxt is None
            fault = "重号" if n == prev else ("错值" if typo else ("跳号" if n > exp else "顺序颠倒"))
            yield ctx.finding(
                c["file"], c["line"],
                f"表格序号列：上一行是 {prev}，本行是 {n}（{fault}），应为 {exp}。",
                needle=str(c["text"]).strip(), document=ctx.records.document_label(c["doc_id"]) if c["doc_id"] else "",
                suggestion=str(exp) if typo else "",
                data={"previous": prev, "number": n, "expected": exp, "table_id": c["table_id"]},
            )
            prev = exp if typo else n


# ----------------------------------------------------------------------------- toc pages
@rule(
    "NM08", "numbering.toc_pages_not_increasing", "numbering", "warning",
    "目录页码没有递增", "Table-of-contents page numbers do not increase",
    "目录按正文顺序排列，后一篇文件的起始页码应大于前一篇；页码倒退或重复说明目录页码或顺序有误。",
    fix="核对正文中各篇文件的起始页，改正目录页码。",
    example_bad="关于……的通知（12） 关于……的通知（9）",
    example_good="关于……的通知（9） 关于……的通知（12）",
)
def toc_pages_not_increasing(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the page numbers of the table of contents increase."""
    toc = ctx.records.toc
    if not len(toc):
        return
    entries = sorted((r for r in row_dicts(toc) if not _is_missing(r["page"])),
                     key=lambda r: (na_last(r["file"]), na_last(r["position"])))
    for rows in _groups(entries, ("file",)):
        for prev, row in zip(rows, rows[1:], strict=False):
            p, n = int(prev["page"]), int(row["page"])
            if n > p:
                continue
            line = int(row["end_line"] or row["line"])
            yield ctx.finding(
                row["file"], line,
                f"目录页码 {n} {'与上一条相同' if n == p else '小于上一条的页码'} {p}。",
                needle=_page_needle(ctx.line_text(row["file"], line), n),
                related=[ctx.location(row["file"], int(prev["end_line"] or prev["line"]),
                                      _page_needle(ctx.line_text(row["file"], int(prev["end_line"] or prev["line"])), p))],
                severity="info" if n == p else None,
                data={"previous": p, "page": n, "title": row["title"]},
            )


def _page_needle(line: str, page: int) -> str:
    """The page number as printed at the end of a TOC line: “(12)”, “（12）” or “12”."""
    m = re.search(rf"[(（]\s*{page}\s*[)）]\s*$|(?<!\d){page}\s*$", line.rstrip())
    return m.group(0).strip() if m else str(page)
