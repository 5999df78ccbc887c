"""Deadline rules (DL): 完成时限 set by a document, read against its dates and its phases.

Deadline phrases are found by the parser (``mentions`` kind ``deadline``, one grammar:
:mod:`gazette_checks.deadline_parse`, which documents how a missing year is inferred) and in
the 完成时限/时间节点 columns of task tables; the rules fill in a missing year from the
成文日期 (:func:`~gazette_checks.deadline_parse.resolve`) and judge.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns as P
from ..deadline_parse import DEADLINE_COLUMN, Deadline, parse_cell, plan_period, resolve
from ..extract.deadlines import Found, decode
from ..findings import Finding
from ..records import tuples
from .base import RuleContext, rule
from .shared_rows import is_missing


@dataclass
class _Hit:
    file: str
    line: int
    doc_id: str
    group: tuple[int, int]  # (paragraph, sentence); (-1 - line, 0) for a 完成时限 cell
    is_table: bool
    deadline: Deadline


def _doc_info(ctx: RuleContext) -> dict[str, dict]:
    """doc_id → date, row and plan period; computed once per records for DL01–DL04."""
    return ctx.shared(("deadline_documents",), lambda: _documents(ctx))


def _documents(ctx: RuleContext) -> dict[str, dict]:
    out = {}
    for d in tuples(ctx.records.documents):
        date = _dt.date.fromisoformat(d.date) if isinstance(d.date, str) and d.date else None
        titles = " ".join(x for x in (d.title, d.attached_title, d.quoted_title) if isinstance(x, str))
        out[d.doc_id] = {"date": date, "row": d, "period": plan_period(titles)}
    return out


def _found(ctx: RuleContext) -> list[tuple[str, int, str, str, Found]]:
    """(file, line, doc_id, role, row read back) of every ``deadline`` mention of a document, in
    text order; computed once per records."""
    def build() -> list[tuple[str, int, str, str, Found]]:
        m = ctx.records.mentions
        if not len(m):
            return []
        dl = m[(m["kind"] == "deadline") & m["doc_id"].notna()]
        rows = []
        for f, ln, d, role, t, v, c in zip(dl["file"], dl["line"], dl["doc_id"], dl["role"], dl["text"],
                                          dl["value"], dl["col"], strict=True):
            if isinstance(v, str) and v.startswith("kind="):  # rows of an older parser carry no reading
                rows.append((f, int(ln), d, role, decode(t, v), int(c)))
        rows.sort(key=lambda x: (x[0], x[4].para, x[4].sentence, x[1], x[5]))
        return [x[:5] for x in rows]

    return ctx.shared(("deadline_mentions",), build)


def _hits(ctx: RuleContext, info: dict[str, dict], rollover: int) -> list[_Hit]:
    """Every deadline of every document, with its sentence or table row (computed once per
    records and `rollover`; `info` is :func:`_doc_info`)."""
    return ctx.shared(("deadline_hits", rollover), lambda: _find_hits(ctx, info, rollover))


def _find_hits(ctx: RuleContext, info: dict[str, dict], rollover: int) -> list[_Hit]:
    out: list[_Hit] = []
    for file, line, doc_id, role, f in _found(ctx):
        d = resolve(f.phrase, info.get(doc_id, {}).get("date"), rollover_days=rollover)
        out.append(_Hit(file, line, doc_id, (f.para, f.sentence), role == "table", d))
    # bare dates in 完成时限 columns (``12月31日``)
    t = ctx.records.tables
    if len(t):
        heads = t[t["is_header"].astype(bool) & t["text"].fillna("").str.contains(DEADLINE_COLUMN.pattern)]
        cols = set(zip(heads["table_id"], heads["col"], strict=False))
        seen = {(h.file, h.line) for h in out}
        for r in tuples(t[~t["is_header"].astype(bool)]):
            if (r.table_id, r.col) not in cols or (r.file, int(r.line)) in seen or not isinstance(r.doc_id, str):
                continue
            doc_date = info.get(r.doc_id, {}).get("date")
            for d in parse_cell(str(r.text), doc_date, rollover_days=rollover):
                out.append(_Hit(r.file, int(r.line), r.doc_id, (-1 - int(r.line), 0), True, d))
    return out


def _label(ctx: RuleContext, doc_id: str) -> str:
    return ctx.records.document_label(doc_id)


# --------------------------------------------------------------------------- DL01
@rule(
    "DL01", "deadlines.due_before_signing", "deadlines", "warning",
    "完成时限早于成文日期", "A deadline earlier than the date of the document that sets it",
    "公文布置的任务，其完成时限早于公文的成文日期（GB/T 9704-2012 §7.3.5.1），任务在印发时已经逾期，"
    "要么时限写错（年份、月份），要么文件签发拖延，需要核对。",
    fix="核对完成时限与成文日期；时限有误的改正，确属逾期的应调整时限或说明。",
    options={"rollover_days": 92},
    example_bad="（成文日期 2024年6月23日）摸底排查阶段（6月20日前）",
    example_good="（成文日期 2024年6月23日）摸底排查阶段（6月30日前）",
)
def due_before_signing(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for deadlines set by a document that fall before its own 成文日期.

    ## Known problems

    Deadlines more than a year before the 成文日期 are reported as info (they are usually quoted history, not
    tasks). Recurring and open-ended deadlines (每月, 长期坚持) are not compared.

    ## Options

    - ``rollover_days``: a deadline written without a year (``6月20日前``) that would fall more than this many
      days before the 成文日期 is read as next year's
    """
    info = _doc_info(ctx)
    groups: dict[tuple, list[_Hit]] = {}
    for h in _hits(ctx, info, int(ctx.option("rollover_days"))):
        date = info.get(h.doc_id, {}).get("date")
        d = h.deadline
        if date is None or d.kind not in ("date", "range") or d.due is None or d.past or d.due >= date:
            continue
        groups.setdefault((h.file, h.group), []).append(h)
    for (file, _group), hs in sorted(groups.items()):
        h = hs[0]
        line = h.line
        date = info[h.doc_id]["date"]
        phrases = "、".join(dict.fromkeys(x.deadline.text for x in hs))
        year_note = "" if h.deadline.year_source == "explicit" else f"（按{h.deadline.due.year}年计）"
        old = (date - h.deadline.due).days > 366
        yield ctx.finding(
            file, line,
            f"完成时限“{phrases}”{year_note}早于本文件的成文日期{P.cn_date(date)}，任务在印发时已经逾期。",
            needle=h.deadline.text, document=_label(ctx, h.doc_id),
            severity="info" if old else None,
            data={"deadlines": [x.deadline.text for x in hs], "due": [x.deadline.due.isoformat() for x in hs],
                  "signed": date.isoformat(), "year_source": h.deadline.year_source,
                  "pattern": phrases + "|" + date.isoformat()},
        )


def _item_phrases(ctx: RuleContext) -> dict[tuple[str, int], list[Found]]:
    """The deadline phrases of the text paragraphs, by (file, the paragraph's first original line): the
    line an outline item is recorded at."""
    out: dict[tuple[str, int], list[Found]] = {}
    first_lines: dict[str, list] = {}
    for file, line, _doc_id, role, f in _found(ctx):
        if role != "text":
            continue
        if file not in first_lines:
            ct = ctx.records.clean_text(file)
            first_lines[file] = [ln.first_line for ln in ct.lines] if ct is not None else []
        starts = first_lines[file]
        out.setdefault((file, starts[f.para] if f.para < len(starts) else line), []).append(f)
    return out


# --------------------------------------------------------------------------- DL02
class _Item(NamedTuple):
    file: str
    line: int


@rule(
    "DL02", "deadlines.phases_out_of_order", "deadlines", "warning",
    "工作阶段时间顺序颠倒或重叠", "Work phases out of order or overlapping",
    "工作步骤按阶段排列时，各阶段的时间应前后衔接：后一阶段开始不早于前一阶段结束。时间顺序颠倒或重叠，"
    "多为日期写错，执行单位无法据此安排工作。",
    fix="核对各阶段的起止日期，使其依次衔接。",
    example_bad="（一）准备阶段（6月1日-7月31日）（二）实施阶段（7月1日-10月31日）",
    example_good="（一）准备阶段（6月1日-6月30日）（二）实施阶段（7月1日-10月31日）",
)
def phases_out_of_order(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the dated phases of a work plan follow each other without going back or overlapping.

    ## Known problems

    Only items whose heading carries exactly one date or range in brackets are taken as phases; phases
    described in prose are not compared.
    """
    info = _doc_info(ctx)
    ol = ctx.records.outline
    if not len(ol):
        return
    # one pass over the outline, grouped like ``groupby(["doc_id", "parent_line", "kind"], sort=False)``
    groups: dict[tuple, list[tuple]] = {}
    for doc_id, parent, kind, line, file in zip(
        ol["doc_id"], ol["parent_line"], ol["kind"], ol["line"], ol["file"], strict=True
    ):
        if not isinstance(doc_id, str):
            continue
        key = (doc_id, None if is_missing(parent) else parent, None if is_missing(kind) else kind)
        groups.setdefault(key, []).append((line, file))
    in_brackets = _item_phrases(ctx)
    for (doc_id, _parent, _kind), items in groups.items():
        date = info.get(doc_id, {}).get("date")
        phases = []
        for line, file in sorted(items, key=lambda x: x[0]):
            found = in_brackets.get((file, int(line)))
            if not found:
                continue  # no date in brackets: not a phase (most items)
            r = _Item(file, int(line))
            dated = [(f, d) for f, d in ((f, resolve(f.phrase, date)) for f in found)
                     if d.kind in ("date", "range") and d.due]
            # a phase is an item whose heading carries its dates in brackets
            if len(dated) == 1 and dated[0][0].bracketed:
                phases.append((r, dated[0][1]))
        for (r1, a), (r2, b) in zip(phases, phases[1:], strict=False):
            a_begin = a.begin or a.due
            b_begin = b.begin or b.due
            if b_begin < a_begin or b.due < a.due:
                what = "时间顺序颠倒"
            elif b.begin is not None and b.begin < a.due:
                what = "与上一阶段时间重叠"
            else:
                continue
            yield ctx.finding(
                r2.file, int(r2.line),
                f"阶段“{b.text}”{what}：上一阶段为“{a.text}”。",
                needle=b.text, document=_label(ctx, doc_id),
                related=[ctx.location(r1.file, int(r1.line), a.text)],
                data={"phase": b.text, "previous": a.text},
            )


# --------------------------------------------------------------------------- DL03
@rule(
    "DL03", "deadlines.outside_plan_period", "deadlines", "info",
    "完成时限超出规划期", "A deadline outside the period of its plan",
    "规划、方案的任务期限一般应在其规划期内（如“十四五”规划为2021—2025年）；超出规划期的时限可能是笔误，"
    "也可能是有意的远期目标，需要核对。",
    fix="核对时限年份；远期目标宜注明“到20XX年”。",
    example_bad="《“十四五”……规划》：2027年底前完成", example_good="《“十四五”……规划》：2025年底前完成",
    options={"rollover_days": 92},
)
def outside_plan_period(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for deadlines with an explicit year after the period of the plan that sets them (e.g. 十四五 =
    2021–2025).

    ## Known problems

    Only deadlines with an explicit year are compared; a year inferred from the document date could itself
    be wrong.

    ## Options

    - ``rollover_days``: a deadline written without a year (``6月20日前``) that would fall more than this many
      days before the 成文日期 is read as next year's
    """
    info = _doc_info(ctx)
    done: set[tuple[str, int]] = set()
    for h in _hits(ctx, info, int(ctx.option("rollover_days"))):
        period = info.get(h.doc_id, {}).get("period")
        d = h.deadline
        if period is None or d.due is None or d.past or d.year_source != "explicit":
            continue
        if d.due.year > period[1] and (h.file, h.group[0]) not in done:
            done.add((h.file, h.group[0]))  # one finding per paragraph or table row
            yield ctx.finding(
                h.file, h.line,
                f"完成时限“{d.text}”在规划期（{period[0]}—{period[1]}年）之后。",
                needle=d.text, document=_label(ctx, h.doc_id),
                data={"deadline": d.text, "due": d.due.isoformat(), "period": list(period)},
            )


# --------------------------------------------------------------------------- DL04
@rule(
    "DL04", "deadlines.past_at_publication", "deadlines", "info",
    "完成时限在出版时已过", "Deadlines already past when the gazette was published",
    "公报刊登的文件，其完成时限在公报出版日期前已过，这对转载的文件是正常的；仅供需要时提示读者。",
    fix="无需修改；如需要，可在编者按中说明。",
    default_enabled=False,
    options={"rollover_days": 92},
    example_bad="（出版日期 2024年8月30日）完成时限：2024年7月31日前",
    example_good="（出版日期 2024年8月30日）完成时限：2024年12月31日前",
)
def past_at_publication(ctx: RuleContext) -> Iterator[Finding]:
    """Reports documents whose deadlines had already passed on the publication date of the issue (off by default).

    ## Options

    - ``rollover_days``: a deadline written without a year (``6月20日前``) that would fall more than this many
      days before the 成文日期 is read as next year's
    """
    info = _doc_info(ctx)
    issues = ctx.records.issues
    pub = {r.file: _dt.date.fromisoformat(r.date) for r in tuples(issues)
           if isinstance(r.date, str) and r.date}
    per_doc: dict[str, list[_Hit]] = {}
    for h in _hits(ctx, info, int(ctx.option("rollover_days"))):
        p = pub.get(h.file)
        date = info.get(h.doc_id, {}).get("date")
        d = h.deadline
        if p is None or d.due is None or d.past or d.kind not in ("date", "range"):
            continue
        if d.due < p and (date is None or d.due >= date):
            per_doc.setdefault(h.doc_id, []).append(h)
    for doc_id, hs in per_doc.items():
        h = hs[0]
        yield ctx.finding(
            h.file, h.line,
            f"本文件有 {len(hs)} 处完成时限在本期出版日期{P.cn_date(pub[h.file])}前已过（如“{h.deadline.text}”）。",
            needle=h.deadline.text, document=_label(ctx, doc_id),
            data={"count": len(hs), "published": pub[h.file].isoformat()},
        )
