"""HTML output: one self-contained page for editors (Jinja2, no remote requests).

The page is an editor's work surface: an overview to act on (per issue and
document, 先改这些, coverage), one card per defect located by 期号, page and
发文字号, evidence with its sides named, and triage (采纳/忽略 + note) kept in
the browser and exported as a baseline or a list of changes.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..findings import CATEGORIES, Finding, Severity, normalise_excerpt
from ..grouping import _columns as span_columns
from ..locations import EditorLocation, file_name
from ..report import DocumentInfo, Report, is_tool_limit

#: Severities from most to least serious, as shown everywhere in the page.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

#: Key of the group of findings that belong to no document (used in URLs).
NO_DOCUMENT = "-"

#: Above this many findings the documents start folded and open on demand.
FOLD_ABOVE = 300

#: Places of a card shown at once; the others are folded.
PLACES_SHOWN = 6
#: A rule's findings in one document shown as rows of one table, not as cards, from this many on
#: when each is one two-sided difference (a reprint against its original: one row per slip).
COMPACT_FROM = 4

#: Lines shown either side of a finding in its source view.
SOURCE_CONTEXT = 2

#: The words of the page. Keys are the same in every language.
UI: dict[str, dict[str, str]] = {
    "zh": {
        "title": "公报核查报告",
        "generated_by": "由 gazette-checks {version} 生成",
        "verdict_fail": "未通过：有 {n} 处问题达到“{level}”级别",
        "verdict_pass": "通过：没有达到“{level}”级别的问题",
        "verdict_limits": "另有 {n} 项未能检查的内容，不计入结论，见“未能检查的内容”。",
        "summary": "概况",
        "checked": "核查范围",
        "files_n": "{n} 个文件",
        "documents_n": "{n} 件公文",
        "issues_n": "{n} 期公报",
        "issue_name": "公报",
        "issue_number": "期号",
        "issue_date": "出版日期",
        "file": "文件",
        "no_issue_info": "未能从刊头识别出公报名称和期号。",
        "counts": "问题总数",
        "colon": "：",
        "total_n": "共 {n} 处",
        "by_category": "按类别",
        "chart_label": "各类别问题数量条形图，点击类别可筛选",
        "no_findings": "没有发现问题。",
        "unparsed": "未能检查的内容",
        "unparsed_intro": "以下内容工具未能读取或识别，其中的问题没有被检查（不计入结论）：",
        "nothing_unparsed": "所有文件均已读取并识别。",
        "baseline": "基线",
        "suppressed_n": "按基线忽略了 {n} 处已知问题。",
        "stale_n": "基线中有 {n} 条记录已不再出现（问题可能已改正），可以从基线中删除：",
        "no_baseline": "未使用基线。",
        "findings": "问题明细",
        "filters": "筛选",
        "severity": "级别",
        "category": "类别",
        "rule_filter": "规则",
        "document": "公文",
        "triage_filter": "处理",
        "all": "全部",
        "untriaged": "未处理",
        "accepted": "已采纳",
        "ignored": "已忽略",
        "search": "搜索",
        "search_placeholder": "搜索文字、文号、标题、规则……",
        "shown": "显示 {shown} / {total} 处",
        "none_match": "没有符合筛选条件的问题。",
        "keys_hint": "按 ? 查看快捷键",
        "no_document": "不属于单篇文件（刊头、目录、整体解析等）",
        "line": "第 {line} 行",
        "rule": "规则",
        "why": "为什么是问题",
        "how_to_fix": "一般改法",
        "example_bad": "错误示例",
        "example_good": "正确写法",
        "rule_help": "规则说明",
        "rule_help_intro": "本报告涉及的规则，每条说明一次。",
        "suggestion": "建议",
        "here": "本处",
        "elsewhere": "另一处",
        "place_n": "第 {n} 处",
        "places_n": "本文件中同类问题共 {n} 处：",
        "more_places": "其余 {n} 处",
        "seen_by": "{rule} 所指",
        "text_a": "文本一",
        "text_b": "文本二",
        "original": "原文",
        "suggested": "建议改为",
        "diff_note": "不同之处已标出；工具无法判断哪一方正确，请对照核实。",
        "compact_intro": "以下 {n} 处都是“{a}”与“{b}”不一致之处，每行一处，不同之处已标出；工具无法判断哪一方正确，请对照核实。",
        "diff_note_right": "标为红色波浪线的是疑有误的一方，标为绿色的是与之对照的一方。",
        "axis_row": "合计行",
        "axis_column": "合计列",
        "list_sep": "、",
        "stated": "表中合计",
        "computed": "各项相加",
        "difference": "差额（各项相加减表中合计）",
        "parts": "各项",
        "rule_code": "规则",
        "excerpt": "原文",
        "message": "说明",
        "filter_note": "（打印时已按当前筛选条件隐去部分问题）",
        "n_findings": "{n} 处",
        "overview": "各期、各件问题数",
        "overview_hint": "点击一行只看该件的问题；点击表头排序。",
        "col_issue": "期号",
        "col_doc": "文号 / 标题",
        "col_page": "页码",
        "col_total": "合计",
        "fix_first": "先改这些",
        "fix_first_none": "没有“错误”级别的问题。",
        "coverage": "各类检查结果",
        "coverage_row": "{family}：{n} 件中 {ok} 件未发现问题",
        "coverage_rules": "（{n} 条规则）",
        "coverage_none": "本次没有运行该类规则",
        "also": "同一处也被以下规则发现：",
        "pair": "此问题的另一方",
        "pair_link": "查看另一方的提示",
        "source": "原文上下文",
        "accept": "采纳",
        "ignore": "忽略",
        "note": "备注",
        "note_placeholder": "处理意见（只保存在本浏览器）",
        "triage_intro": "处理结果只保存在本浏览器中。",
        "export_baseline": "导出基线",
        "export_changes": "导出修改清单",
        "expand_all": "全部展开",
        "collapse_all": "全部折叠",
        "shortcuts": "单键快捷键",
        "keys_title": "快捷键",
        "keys_close": "关闭",
        "key_next": "下一处问题",
        "key_prev": "上一处问题",
        "key_search": "搜索",
        "key_accept": "采纳当前问题",
        "key_ignore": "忽略当前问题",
        "key_help": "显示或关闭本说明",
        "keys_off_note": "单键快捷键可在工具栏中关闭。",
        "run": "运行信息",
        "run_time": "时间",
        "run_version": "版本",
        "run_inputs": "输入文件",
        "run_config": "配置",
        "run_rules": "运行的规则",
        "estimated": "页码为按目录估算",
        "shows_all": "本页列出全部 {n} 处问题（同类问题已合并为一张卡片）。",
        "folded_note": "问题较多，各公文默认折叠，点击公文标题展开。",
        "csv_head": "期号,页码,文号,规则,级别,说明,原文,建议,备注,文件,行",
    },
    "en": {
        "title": "Gazette check report",
        "generated_by": "Generated by gazette-checks {version}",
        "verdict_fail": "Failed: {n} finding(s) at level “{level}” or above",
        "verdict_pass": "Passed: no finding at level “{level}” or above",
        "verdict_limits": "{n} item(s) could not be checked; they do not count towards the verdict.",
        "summary": "Summary",
        "checked": "What was checked",
        "files_n": "{n} file(s)",
        "documents_n": "{n} document(s)",
        "issues_n": "{n} issue(s)",
        "issue_name": "Gazette",
        "issue_number": "Issue",
        "issue_date": "Date",
        "file": "File",
        "no_issue_info": "No gazette name or issue number could be read from the masthead.",
        "counts": "Findings",
        "colon": ": ",
        "total_n": "{n} in total",
        "by_category": "By category",
        "chart_label": "Bar chart of findings by category; click a category to filter",
        "no_findings": "No problems found.",
        "unparsed": "Not checked",
        "unparsed_intro": "The tool could not read or recognise the following; problems in it were not checked:",
        "nothing_unparsed": "Every file was read and recognised.",
        "baseline": "Baseline",
        "suppressed_n": "{n} known finding(s) suppressed by the baseline.",
        "stale_n": "Baseline entries that no longer occur (probably fixed; {n}) can be removed:",
        "no_baseline": "No baseline was used.",
        "findings": "Findings",
        "filters": "Filters",
        "severity": "Severity",
        "category": "Category",
        "rule_filter": "Rule",
        "document": "Document",
        "triage_filter": "Triage",
        "all": "All",
        "untriaged": "Open",
        "accepted": "Accepted",
        "ignored": "Ignored",
        "search": "Search",
        "search_placeholder": "Search text, document numbers, titles, rules…",
        "shown": "Showing {shown} of {total}",
        "none_match": "No finding matches the filters.",
        "keys_hint": "Press ? for keys",
        "no_document": "Not tied to one document (masthead, contents, reading the file)",
        "line": "line {line}",
        "rule": "Rule",
        "why": "Why it matters",
        "how_to_fix": "How to fix",
        "example_bad": "Wrong",
        "example_good": "Right",
        "rule_help": "Rules",
        "rule_help_intro": "The rules in this report, each explained once.",
        "suggestion": "Suggestion",
        "here": "Here",
        "elsewhere": "Elsewhere",
        "place_n": "Place {n}",
        "places_n": "{n} places of this kind in the document:",
        "more_places": "{n} more places",
        "seen_by": "Found by {rule}",
        "text_a": "Text A",
        "text_b": "Text B",
        "original": "Text",
        "suggested": "Suggested",
        "diff_note": "The differences are marked; the tool cannot tell which side is right.",
        "compact_intro": "The {n} rows below are each one place where {a} and {b} differ, marked; the tool cannot tell which side is right.",
        "diff_note_right": "Wavy red marks the side that looks wrong, green the side it is compared with.",
        "axis_row": "total row",
        "axis_column": "total column",
        "list_sep": ", ",
        "stated": "Total in the table",
        "computed": "Sum of the parts",
        "difference": "Difference (sum − total)",
        "parts": "Parts",
        "rule_code": "Rule",
        "excerpt": "Text",
        "message": "Message",
        "filter_note": "(printed with the current filters; some findings are hidden)",
        "n_findings": "{n} finding(s)",
        "overview": "Findings per issue and document",
        "overview_hint": "Click a row to see only that document; click a header to sort.",
        "col_issue": "Issue",
        "col_doc": "Number / title",
        "col_page": "Page",
        "col_total": "Total",
        "fix_first": "Fix these first",
        "fix_first_none": "No errors.",
        "coverage": "What passed",
        "coverage_row": "{family}: {ok} of {n} documents without findings",
        "coverage_rules": " ({n} rules)",
        "coverage_none": "no rule of this family ran",
        "also": "The same place was also found by:",
        "pair": "The other side of this finding",
        "pair_link": "Go to the other side",
        "source": "Source",
        "accept": "Accept",
        "ignore": "Ignore",
        "note": "Note",
        "note_placeholder": "Your note (kept in this browser only)",
        "triage_intro": "Triage is kept in this browser only.",
        "export_baseline": "Export baseline",
        "export_changes": "Export change list",
        "expand_all": "Expand all",
        "collapse_all": "Collapse all",
        "shortcuts": "Single-key shortcuts",
        "keys_title": "Keyboard shortcuts",
        "keys_close": "Close",
        "key_next": "Next finding",
        "key_prev": "Previous finding",
        "key_search": "Search",
        "key_accept": "Accept the current finding",
        "key_ignore": "Ignore the current finding",
        "key_help": "Show or hide this help",
        "keys_off_note": "Single-key shortcuts can be turned off in the toolbar.",
        "run": "Run",
        "run_time": "Time",
        "run_version": "Version",
        "run_inputs": "Input files",
        "run_config": "Configuration",
        "run_rules": "Rules run",
        "estimated": "page estimated from the table of contents",
        "shows_all": "All {n} findings are listed (repeats of one kind share a card).",
        "folded_note": "Many findings: documents start folded; click a document to open it.",
        "csv_head": "issue,page,document,rule,severity,message,text,suggestion,note,file,line",
    },
}

SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "dates": "日期",
        "numbering": "编号",
        "departments": "机构名称",
        "totals": "合计数",
        "deadlines": "时限",
        "toc": "目录与标题",
        "crossdoc": "跨文件",
        "format": "格式",
        "schema": "数据结构",
        "parse": "解析",
    },
    "en": {
        "dates": "Dates",
        "numbering": "Numbering",
        "departments": "Department names",
        "totals": "Totals",
        "deadlines": "Deadlines",
        "toc": "Contents and titles",
        "crossdoc": "Across documents",
        "format": "Format",
        "schema": "Data structure",
        "parse": "Parsing",
    },
}


# --------------------------------------------------------------------------
# The view: plain data for the templates, built from the Report.


@dataclass
class Segment:
    """A run of text, marked or not (for <mark>, <del>, <ins>)."""

    text: str
    marked: bool = False


@dataclass
class PlaceView:
    """One place of a finding: its role, where an editor finds it, the excerpt.

    `tag` is how the marked segments show: ``mark`` for the offending span,
    ``bad``/``good``/``neutral`` when the excerpts are the sides of a difference.
    """

    label: str
    where: str
    detail: str
    excerpt: list[Segment]
    tag: str = "mark"


@dataclass
class DiffView:
    """Two texts with their differences marked; `right` names the side believed right."""

    a: list[Segment]
    b: list[Segment]
    label_a: str
    label_b: str
    right: str = ""  # "a", "b" or "" (unknown: neutral marks)
    inline: bool = False  # True when shown in the finding's places instead

    @property
    def tag_a(self) -> str:
        """How side a's marks show."""
        return {"a": "good", "b": "bad"}.get(self.right, "neutral")

    @property
    def tag_b(self) -> str:
        """How side b's marks show."""
        return {"a": "bad", "b": "good"}.get(self.right, "neutral")


@dataclass
class TotalView:
    """A table total that disagrees with the sum of its parts."""

    row: str
    stated: str
    computed: str
    difference: str
    parts: list[tuple[str, str]]
    joiner: str  # " + " when the parts add up to the computed value, else a list separator


@dataclass
class SourceLine:
    """One line of a finding's source view."""

    number: int
    text: list[Segment]
    target: bool


@dataclass
class FindingView:
    """One finding (one card), ready to show."""

    id: str
    f: Finding
    sev: str
    sev_label: str
    cat_label: str
    doc_key: str
    rule_title: str
    where: str  # 期号 · page · 文号
    detail: str  # file name and line
    estimated: bool
    excerpt: list[Segment]
    places: list[PlaceView]  # here and the related places, when there are any
    more: list[PlaceView]  # places beyond `PLACES_SHOWN`, folded
    count: int  # places of a grouped finding (1 otherwise)
    diff: DiffView | None  # shown apart when not already shown in `places`
    total: TotalView | None
    also: list[tuple[str, str]]  # (rule, message) of rules that saw the same slip
    pair: str  # id of the card of the other side, or ''
    source: list[SourceLine]
    search: str  # extra text the search looks at (文号, title, rule)
    export: dict[str, Any]  # what triage exports (baseline entry + change-list fields)


@dataclass
class RuleGroup:
    """The findings of one rule within one document."""

    code: str
    title: str
    findings: list[FindingView] = field(default_factory=list)
    compact: bool = False  # shown as one row per finding (see :func:`_is_compact`)


@dataclass
class DocGroup:
    """The findings of one document, by rule."""

    key: str
    label: str
    title: str
    where: str
    detail: str
    rules: list[RuleGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Number of cards in the document."""
        return sum(len(r.findings) for r in self.rules)


@dataclass
class DocRow:
    """One row of the overview table."""

    key: str
    issue: str
    label: str
    title: str
    page: str
    page_sort: int
    counts: dict[str, int]
    total: int
    order: int


@dataclass
class CoverageRow:
    """What one rule family found: documents checked and documents without findings."""

    category: str
    label: str
    rules: int
    documents: int
    clean: int
    findings: int


@dataclass
class RuleDoc:
    """A rule's explanation, shown once."""

    code: str
    title: str
    reason: str
    fix: str
    example_bad: str
    example_good: str
    count: int


@dataclass
class LimitView:
    """One thing the tool could not check: where and why."""

    id: str
    where: str
    detail: str
    message: str


@dataclass
class Bar:
    """One row of the category chart: label, count and coloured segments."""

    category: str
    label: str
    count: int
    y: int
    segments: list[tuple[str, float, float, int]]  # (severity, x, width, count)
    end: float


@dataclass
class Chart:
    """The category chart: bars and the geometry of the SVG."""

    bars: list[Bar]
    label_width: float
    width: int
    height: int


#: Length in pixels of the longest bar.
_BAR_MAX = 300.0


@dataclass
class PageView:
    """Everything the template shows."""

    lang: str
    t: dict[str, str]
    sev_labels: dict[str, str]
    cat_labels: dict[str, str]
    version: str
    verdict: str
    failed: bool
    summary: dict[str, Any]
    issues: list[dict[str, str]]
    files: list[str]
    chart: Chart
    input_errors: list[str]
    limits: list[LimitView]
    suppressed: int
    stale: list[dict[str, str]]
    docs: list[DocGroup]
    rows: list[DocRow]
    first: list[FindingView]
    coverage: list[CoverageRow]
    rule_docs: list[RuleDoc]
    run: dict[str, Any]
    total: int
    folded: bool
    categories_present: list[str]
    ui_json: Markup
    export_json: Markup


def build_view(report: Report) -> PageView:
    """Turn `report` into the plain data the template shows."""
    lang = report.lang if report.lang in UI else "zh"
    t = UI[lang]
    sev_labels = SEVERITY_LABELS[lang]
    cat_labels = CATEGORY_LABELS[lang]
    gazette = report.gazette_findings
    summary = _summary(report, gazette)

    docs_by_label: dict[str, DocumentInfo] = {}
    # a document printed in several files is shown where its findings are
    where_found = {f.document: f.file for f in sorted(report.findings, key=Finding.sort_key, reverse=True)}
    for d in report.documents:
        if d.label not in docs_by_label or where_found.get(d.label) == d.file:
            docs_by_label[d.label] = d

    # ids first, so that paired findings can link to each other
    ordered = sorted(report.findings, key=_display_key(report))
    seen: Counter[str] = Counter()
    ids: dict[int, str] = {}
    by_fp: dict[str, str] = {}
    for f in ordered:
        fp = f.fingerprint
        seen[fp] += 1
        ids[id(f)] = f"f-{fp}" if seen[fp] == 1 else f"f-{fp}-{seen[fp]}"
        by_fp.setdefault(fp, ids[id(f)])
    views = [_finding_view(f, ids[id(f)], by_fp, report, lang) for f in ordered]
    gviews = [v for v in views if not is_tool_limit(v.f)]

    docs: dict[str, DocGroup] = {}
    for v in gviews:
        group = docs.get(v.doc_key)
        if group is None:
            group = docs[v.doc_key] = _doc_group(v, docs_by_label, report, lang)
        if not group.rules or group.rules[-1].code != v.f.rule:
            group.rules.append(RuleGroup(v.f.rule, v.rule_title))
        group.rules[-1].findings.append(v)
    for group in docs.values():
        # Most serious rule first; rules of equal weight in reading order.
        group.rules.sort(key=lambda r: (-max(x.f.severity.rank for x in r.findings), r.findings[0].f.sort_key()))
        for r in group.rules:
            r.compact = _is_compact(r.findings)

    fail_level = sev_labels[report.fail_on.value]
    failing = report.failing  # what the exit code counts: no verdict of 通过 over a text that was not read
    verdict = (
        t["verdict_fail"].format(n=len(failing), level=fail_level)
        if failing
        else t["verdict_pass"].format(level=fail_level)
    )
    js_ui = {k: t[k] for k in ("shown", "csv_head", "accepted", "ignored")}
    js_ui["sev"] = list(SEVERITIES)
    js_ui["storage"] = "gazette-checks:" + hashlib.sha256("\x1f".join(report.files).encode("utf-8")).hexdigest()[:12]
    return PageView(
        lang=lang,
        t=t,
        sev_labels=sev_labels,
        cat_labels=cat_labels,
        version=report.tool_version or "",
        verdict=verdict,
        failed=bool(failing),
        summary=summary,
        issues=[_issue_row(i, lang) for i in report.issues],
        files=[file_name(f) for f in report.files],
        chart=_chart(gazette, cat_labels),
        input_errors=list(report.input_errors),
        limits=[LimitView(v.id, v.where, v.detail, v.f.message) for v in views if is_tool_limit(v.f)],
        suppressed=report.suppressed,
        stale=[_stale_row(e) for e in report.stale_baseline],
        docs=list(docs.values()),
        rows=_rows(docs, docs_by_label, report, lang),
        first=[v for v in gviews if v.sev == "error"],
        coverage=_coverage(report, gazette, cat_labels),
        rule_docs=_rule_docs(report, gviews, lang),
        run=_run_view(report),
        total=len(gviews),
        folded=len(gviews) > FOLD_ABOVE,
        categories_present=[c for c in CATEGORIES if summary["by_category"].get(c)],
        ui_json=json_script(js_ui),
        export_json=json_script({v.id: v.export for v in gviews}),
    )


def _is_compact(findings: list[FindingView]) -> bool:
    """Whether a rule group is :data:`COMPACT_FROM` or more two-sided differences, shown in place
    with the same two roles (``转载``/``原件``) and neither side known to be right: one row each
    reads better than a card each. A finding with more to show (a paired card, another rule's
    view of the same slip, repeats, a total) keeps the group as cards."""
    if len(findings) < COMPACT_FROM:
        return False
    roles = {(x.places[0].label, x.places[1].label) for x in findings if len(x.places) == 2}
    return len(roles) == 1 and all(
        len(x.places) == 2 and not x.more and x.diff is not None and x.diff.inline and not x.diff.right
        and x.total is None and not x.also and not x.pair and x.count == 1
        for x in findings
    )


def _summary(report: Report, gazette: list[Finding]) -> dict[str, Any]:
    by_sev = {s: 0 for s in SEVERITIES}
    by_cat = {c: 0 for c in CATEGORIES}
    for f in gazette:
        by_sev[f.severity.value] += 1
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
    return {
        "total": len(gazette),
        "by_severity": by_sev,
        "by_category": by_cat,
        "files": len(report.files),
        "documents": len(report.documents),
        "issues": len(report.issues),
        "limits": len(report.tool_limits) + len(report.input_errors),
    }


def _display_key(report: Report):
    """Order: documents in reading order (unassigned last), then rule, then place."""
    first_seen: dict[str, tuple] = {}
    for d in report.documents:
        first_seen.setdefault(d.label, (0, d.file, d.line))
    for f in sorted(report.findings, key=Finding.sort_key):
        if f.document:
            first_seen.setdefault(f.document, (0, f.file, f.line))

    def key(f: Finding) -> tuple:
        doc = first_seen.get(f.document, (0, f.file, f.line)) if f.document else (1, "", 0)
        return (doc, f.document, f.rule, f.file, f.line, f.message)

    return key


def locate(report: Report, file: str, line: int, document: str = "") -> EditorLocation:
    """The editor's location of a place: from the report's locations, else file name and line."""
    loc = report.locations.get((file, line))
    if isinstance(loc, EditorLocation):
        return loc
    if isinstance(loc, dict):
        return EditorLocation(**loc)
    return EditorLocation(document=document, file_name=file_name(file), line=line)


def _finding_view(f: Finding, fid: str, by_fp: dict[str, str], report: Report, lang: str) -> FindingView:
    meta = report.rules.get(f.rule, {})
    title = meta.get(f"title_{lang}") or meta.get("title_zh") or meta.get("name") or ""
    t = UI[lang]
    loc = locate(report, f.file, f.line, f.document)
    excerpt = tidy(highlight(f.excerpt, f.span))
    diff = diff_view(f, t)
    count = int(f.data.get("count") or 1)
    places: list[PlaceView] = []
    if f.related:
        repeats = {tuple(p) for p in f.data.get("places", [])} if count > 1 else set()
        labels = _place_labels(f, repeats, t)
        marks = {(m[0], m[1]): (m[2], m[3]) for m in f.data.get("marks", []) if isinstance(m, list) and len(m) == 4}
        places.append(PlaceView(labels[0], _relative(loc, loc, lang), loc.detail(lang), excerpt))
        for k, r in enumerate(f.related, start=1):
            rloc = locate(report, r.file, r.line, r.document)
            places.append(PlaceView(labels[k], _relative(rloc, loc, lang), rloc.detail(lang),
                                    tidy(highlight(r.excerpt, marks.get((r.file, r.line))))))
        # A difference whose two texts are the two excerpts is shown in place,
        # the sides named and marked, rather than a second time below.
        if diff is not None and _same(_text(f.data, "text_a"), f.excerpt) and _same(_text(f.data, "text_b"), f.related[0].excerpt):
            places[0].excerpt, places[0].tag = diff.a, diff.tag_a
            places[1].excerpt, places[1].tag = diff.b, diff.tag_b
            diff.inline = True
        elif diff is not None and _same(_text(f.data, "text_b"), f.excerpt) and _same(_text(f.data, "text_a"), f.related[0].excerpt):
            places[0].excerpt, places[0].tag = diff.b, diff.tag_b
            places[1].excerpt, places[1].tag = diff.a, diff.tag_a
            diff.inline = True
    also = list(zip(f.data.get("also", []) or [], f.data.get("also_messages", []) or [], strict=False))
    also += [(code, "") for code in (f.data.get("also", []) or [])[len(also):]]
    pair = by_fp.get(str(f.data.get("pair") or ""), "")
    search = " ".join(x for x in (f.document, _doc_title(report, f.document), f.rule, title,
                                  loc.label(lang), *(r.excerpt for r in f.related)) if x)
    return FindingView(
        id=fid,
        f=f,
        sev=f.severity.value,
        sev_label=SEVERITY_LABELS[lang][f.severity.value],
        cat_label=CATEGORY_LABELS[lang].get(f.category, f.category),
        doc_key=f.document or NO_DOCUMENT,
        rule_title=title,
        where=_where(loc, lang),
        detail=loc.detail(lang),
        estimated=loc.page_estimated,
        excerpt=excerpt,
        places=places[:PLACES_SHOWN],
        more=places[PLACES_SHOWN:],
        count=count,
        diff=diff,
        total=total_view(f.data, t),
        also=also,
        pair=pair if pair != fid else "",
        source=_source(f, report),
        search=search,
        export={
            "rule": f.rule, "document": f.document, "fingerprint": f.fingerprint, "excerpt": f.excerpt,
            "message": f.message, "file": f.file, "line": f.line, "issue": loc.issue,
            "page": loc.page_label(lang), "severity": SEVERITY_LABELS[lang][f.severity.value],
            "suggestion": f.suggestion, "count": count,
        },
    )


def _relative(loc: EditorLocation, card: EditorLocation, lang: str) -> str:
    """`loc` without the 期号 and document the card already names."""
    parts = [loc.issue if loc.issue != card.issue else "", loc.page_label(lang),
             loc.document if loc.document != card.document else ""]
    return " · ".join(p for p in parts if p)


def _where(loc: EditorLocation, lang: str) -> str:
    return loc.label(lang) or loc.detail(lang)


def _doc_title(report: Report, label: str) -> str:
    for d in report.documents:
        if d.label == label:
            return d.title
    return ""


def _place_labels(f: Finding, repeats: set[tuple], t: dict[str, str]) -> list[str]:
    """Names for the finding's own place and each related place: roles where known,
    the rule that added it for a place another rule saw."""
    labels = _own_place_labels(f, repeats, t)
    by_rule = {(p[1], p[2]): p[0] for p in f.data.get("also_places", []) if isinstance(p, list) and len(p) == 3}
    for k, r in enumerate(f.related, start=1):
        if (r.file, r.line) in by_rule and labels[k] == t["elsewhere"]:
            labels[k] = t["seen_by"].format(rule=by_rule[(r.file, r.line)])
    return labels


def _own_place_labels(f: Finding, repeats: set[tuple], t: dict[str, str]) -> list[str]:
    n = 1 + len(f.related)
    if repeats:
        out = [t["place_n"].format(n=1)]
        k = 1
        for r in f.related:
            if (r.file, r.line) in repeats:
                k += 1
                out.append(t["place_n"].format(n=k))
            else:
                out.append(t["elsewhere"])
        return out
    role_a, role_b = _text(f.data, "role_a"), _text(f.data, "role_b")
    if role_a and role_b:
        here_is_a = _same(_text(f.data, "text_a"), f.excerpt) or "span_a" in f.data
        mine, theirs = (role_a, role_b) if here_is_a else (role_b, role_a)
        others = theirs.split("、")
        if len(others) < n - 1:
            others += [t["elsewhere"]] * (n - 1 - len(others))
        return [mine, *others[: n - 1]]
    return [t["here"]] + [t["elsewhere"]] * (n - 1)


def _same(a: Any, b: str) -> bool:
    return isinstance(a, str) and bool(a) and normalise_excerpt(a).strip("…") == normalise_excerpt(b).strip("…")


def _text(data: dict[str, Any], key: str) -> str:
    v = data.get(key)
    return v if isinstance(v, str) else ""


def _source(f: Finding, report: Report) -> list[SourceLine]:
    """The finding's line with `SOURCE_CONTEXT` lines either side, the offending characters marked."""
    lines = report.sources.get(f.file) or []
    if not lines or not 1 <= f.line <= len(lines):
        return []
    raw = lines[f.line - 1]
    cols = span_columns(f, raw)
    if cols is None and f.span and f.excerpt:
        marked = f.excerpt[f.span[0]:f.span[1]]
        at = raw.find(marked) if marked else -1
        cols = (at, at + len(marked)) if at >= 0 else None
    out = []
    for n in range(max(1, f.line - SOURCE_CONTEXT), min(len(lines), f.line + SOURCE_CONTEXT) + 1):
        text = lines[n - 1]
        if not text.strip() and n != f.line:
            continue
        segs = highlight(text, cols) if n == f.line else [Segment(text)] if text else []
        out.append(SourceLine(n, segs, n == f.line))
    return out


def _doc_group(v: FindingView, docs_by_label: dict[str, DocumentInfo], report: Report, lang: str) -> DocGroup:
    t = UI[lang]
    if v.doc_key == NO_DOCUMENT:
        return DocGroup(NO_DOCUMENT, t["no_document"], "", "", "")
    info = docs_by_label.get(v.f.document)
    if info is None:
        loc = locate(report, v.f.file, v.f.line, v.f.document)
        return DocGroup(v.doc_key, v.f.document, "", " · ".join(x for x in (loc.issue,) if x), loc.file_name)
    title = info.title if info.title and info.title != info.label else ""
    loc = locate(report, info.file, info.line, info.label)
    where = " · ".join(x for x in (loc.issue, loc.page_label(lang)) if x)
    return DocGroup(v.doc_key, info.label, title, where, loc.detail(lang))


def _rows(docs: dict[str, DocGroup], info: dict[str, DocumentInfo], report: Report, lang: str) -> list[DocRow]:
    """The overview table: one row per document with findings, in reading order."""
    rows = []
    for order, (key, g) in enumerate(docs.items()):
        counts = Counter(v.sev for r in g.rules for v in r.findings)
        d = info.get(key)
        loc = locate(report, d.file, d.line, d.label) if d else None
        if loc is None and g.rules:
            first = g.rules[0].findings[0].f
            loc = locate(report, first.file, first.line, first.document)
        rows.append(DocRow(
            key=key, issue=loc.issue if loc else "", label=g.label, title=g.title,
            page=loc.page_label(lang) if loc else "", page_sort=(loc.page or 0) if loc else 0,
            counts={s: counts.get(s, 0) for s in SEVERITIES}, total=g.count, order=order,
        ))
    return rows


def _coverage(report: Report, gazette: list[Finding], cat_labels: dict[str, str]) -> list[CoverageRow]:
    """Per rule family: rules run, documents checked, documents without a finding."""
    run = set(report.run.get("rules") or [])
    rules_by_cat: Counter[str] = Counter()
    for code, meta in report.rules.items():
        if not run or code in run:
            rules_by_cat[meta.get("category", "")] += 1
    n_docs = len(report.documents)
    out = []
    for c in CATEGORIES:
        if c == "parse":
            continue
        found = [f for f in gazette if f.category == c]
        if not rules_by_cat.get(c) and not found:
            continue
        with_findings = {f.document for f in found if f.document}
        out.append(CoverageRow(c, cat_labels.get(c, c), rules_by_cat.get(c, 0), n_docs,
                               max(0, n_docs - len(with_findings)), len(found)))
    return out


def _rule_docs(report: Report, views: list[FindingView], lang: str) -> list[RuleDoc]:
    counts = Counter(v.f.rule for v in views)
    out = []
    for code in sorted(counts):
        meta = report.rules.get(code, {})
        title = meta.get(f"title_{lang}") or meta.get("title_zh") or meta.get("name") or ""
        out.append(RuleDoc(code, title, meta.get("reason", ""), meta.get("fix", ""),
                           meta.get("example_bad", "") or "", meta.get("example_good", "") or "", counts[code]))
    return out


def _run_view(report: Report) -> dict[str, Any]:
    run = dict(report.run or {})
    return {
        "time": run.get("time", ""),
        "inputs": [{"name": file_name(i.get("file", "")), "sha256": i.get("sha256", ""), "lines": i.get("lines", 0)}
                   for i in run.get("inputs", [])],
        "config": json.dumps(run.get("config") or {}, ensure_ascii=False, sort_keys=True, default=str),
        "rules": " ".join(run.get("rules") or []),
    }


def _issue_row(issue: Any, lang: str) -> dict[str, str]:
    if lang == "zh":
        number = ""
        if issue.number:
            number = f"{issue.year}年第{issue.number}期" if issue.year else f"第{issue.number}期"
        if issue.total_number:
            number += f"（总第{issue.total_number}期）"
    else:
        number = f"No. {issue.number}" if issue.number else ""
        if issue.number and issue.year:
            number += f", {issue.year}"
        if issue.total_number:
            number += f" (overall no. {issue.total_number})"
    return {
        "name": issue.name or "",
        "number": number,
        "date": issue.date or "",
        "file": file_name(issue.file),
    }


def _stale_row(entry: Any) -> dict[str, str]:
    d = entry if isinstance(entry, dict) else getattr(entry, "to_dict", lambda: {})()
    row = {k: str(d.get(k) or "") for k in ("rule", "document", "excerpt", "message", "file")}
    row["file"] = file_name(row["file"]) if row["file"] else ""
    return row


_MARKUP = re.compile(r"</?p>|\*\*")


def tidy(segments: list[Segment]) -> list[Segment]:
    """Drop extraction markup (``<p>`` cells, ``**`` bold) from displayed text, marks kept."""
    out = []
    for seg in segments:
        text = _MARKUP.sub(" ", seg.text) if not seg.marked else _MARKUP.sub("", seg.text)
        text = re.sub(r"[ \t]{2,}", "  ", text)
        if text:
            out.append(Segment(text, seg.marked))
    return out


def highlight(text: str, span: tuple[int, int] | list[int] | None) -> list[Segment]:
    """Split `text` into segments with `span` (start, end offsets) marked.

    A span outside the text is clamped; an empty or reversed one marks nothing.
    """
    text = text or ""
    if not span or len(span) != 2:
        return [Segment(text)] if text else []
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError):
        return [Segment(text)] if text else []
    start = max(0, min(start, len(text)))
    end = max(0, min(end, len(text)))
    if end <= start:
        return [Segment(text)] if text else []
    parts = [Segment(text[:start]), Segment(text[start:end], True), Segment(text[end:])]
    return [p for p in parts if p.text]


def diff_segments(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Character-level difference of `a` and `b`: what `a` loses, what `b` gains."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            left.append(Segment(a[i1:i2]))
            right.append(Segment(b[j1:j2]))
            continue
        if i2 > i1:
            left.append(Segment(a[i1:i2], True))
        if j2 > j1:
            right.append(Segment(b[j1:j2], True))
    return left, right


def diff_view(f: Finding, t: dict[str, str]) -> DiffView | None:
    """The two texts of a finding's evidence, marked where they differ.

    Marks come from the finding's own aligned edit (``span_a``/``span_b``) when
    it carries one, else from comparing the two whole texts. Sides are named by
    their role (``label_*`` or ``role_*``); a suggestion side is "建议改为".
    """
    data = f.data
    if "text_a" not in data or "text_b" not in data:
        return None
    a, b = str(data.get("text_a") or ""), str(data.get("text_b") or "")
    span_a, span_b = _span(data.get("span_a"), a), _span(data.get("span_b"), b)
    if span_a is not None and span_b is not None:
        left, right = _marked_at(a, span_a), _marked_at(b, span_b)
    else:
        left, right = diff_segments(a, b)
    label_a = _text(data, "label_a") or _text(data, "role_a")
    label_b = _text(data, "label_b") or _text(data, "role_b")
    side = data.get("right") if data.get("right") in ("a", "b") else ""
    if not (label_a and label_b):
        if f.suggestion and normalise_excerpt(f.suggestion).strip("《》“”\"") == normalise_excerpt(b).strip("《》“”\""):
            label_a, label_b, side = t["original"], t["suggested"], "b"
        else:
            label_a, label_b = t["text_a"], t["text_b"]
    elif not side and "、" in _text(data, "role_a"):
        side = "a"  # two versions agree against the third
    return DiffView(left, right, label_a, label_b, side)


def _span(value: Any, text: str) -> tuple[int, int] | None:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    try:
        s, e = int(value[0]), int(value[1])
    except (TypeError, ValueError):
        return None
    if not 0 <= s <= e <= len(text):
        return None
    return s, e


def _marked_at(text: str, span: tuple[int, int]) -> list[Segment]:
    """`text` with `span` marked; an empty span (text missing here) shows as a marked ‸."""
    s, e = span
    if s == e:
        parts = [Segment(text[:s]), Segment("‸", True), Segment(text[s:])]
    else:
        parts = [Segment(text[:s]), Segment(text[s:e], True), Segment(text[e:])]
    return [p for p in parts if p.text]


def total_view(data: dict[str, Any], t: dict[str, str]) -> TotalView | None:
    """The stated/computed/parts evidence of a total finding (None without it).

    `t` gives the words (``UI[lang]``).
    """
    if "stated" not in data or "computed" not in data:
        return None
    unit = str(data.get("unit") or "")
    stated, computed = data.get("stated"), data.get("computed")
    s, c = _as_number(stated), _as_number(computed)
    difference = ""
    if s is not None and c is not None:
        d = c - s
        difference = ("+" if d > 0 else "") + _fmt_number(d) + unit
    raw = data.get("parts") or []
    labels = data.get("labels") if isinstance(data.get("labels"), (list, tuple)) else []
    if isinstance(raw, dict):
        raw = list(raw.items())
    parts: list[tuple[str, str]] = []
    values: list[float | None] = []
    if isinstance(raw, (list, tuple)):
        for i, p in enumerate(raw):
            if isinstance(p, dict):
                label, value = p.get("label") or p.get("name") or "", p.get("value")
            elif isinstance(p, (list, tuple)) and len(p) == 2:
                label, value = p
            else:
                label, value = (labels[i] if i < len(labels) else ""), p
            parts.append((str(label or ""), _fmt_number(value)))
            values.append(_as_number(value))
    # "a + b + c" only when the parts really add up to the computed value;
    # otherwise (e.g. the numbers of listed items) they are just listed.
    adds_up = bool(values) and None not in values and c is not None and abs(sum(values) - c) < 1e-6 * max(1.0, abs(c))
    row = " · ".join(str(data[k]) for k in ("header", "row", "label", "column") if data.get(k))
    if not row and data.get("axis") in ("row", "column"):
        row = t["axis_" + data["axis"]]
    return TotalView(
        row,
        _fmt_number(stated) + unit if stated is not None else "",
        _fmt_number(computed) + unit if computed is not None else "",
        difference,
        parts,
        " + " if adds_up else t["list_sep"],
    )


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "").replace("，", "").strip())
    except (TypeError, ValueError):
        return None


def _fmt_number(value: Any) -> str:
    """Numbers without float noise: 12, 12.5, 0.01; anything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _chart(findings: list[Finding], cat_labels: dict[str, str]) -> Chart:
    """Stacked bars per category (categories with findings only)."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    for f in findings:
        counts.setdefault(f.category, Counter())[f.severity.value] += 1
    rows = [(c, n) for c, n in counts.items() if sum(n.values())]
    if not rows:
        return Chart([], 0, 0, 0)
    labels = [cat_labels.get(c, c) for c, _ in rows]
    label_w = round(max(_text_width(label) for label in labels) + 8, 1)
    biggest = max(sum(n.values()) for _, n in rows)
    bars = []
    for i, ((_, n), label) in enumerate(zip(rows, labels, strict=True)):
        x = 0.0
        segments = []
        for sev in SEVERITIES:
            if n[sev]:
                width = _BAR_MAX * n[sev] / biggest
                segments.append((sev, round(label_w + x, 2), round(width, 2), n[sev]))
                x += width
        bars.append(Bar(rows[i][0], label, sum(n.values()), 6 + i * 26, segments, round(label_w + x, 2)))
    return Chart(bars, label_w, round(label_w + _BAR_MAX + 40), 12 + len(rows) * 26)


def _text_width(text: str, size: float = 13.0) -> float:
    """Rough width in pixels of `text` in the chart's font (CJK is square)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return wide * size + (len(text) - wide) * size * 0.6


def json_script(value: Any) -> Markup:
    """`value` as JSON safe to place inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)


# --------------------------------------------------------------------------
# Rendering.

_ENV: Environment | None = None


def _env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(
            loader=PackageLoader("gazette_checks.renderers", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return _ENV


def _static(name: str) -> str:
    env = _env()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(report: Report) -> str:
    """The report as one self-contained HTML page (Chinese unless `report.lang` is "en")."""
    view = build_view(report)
    css = _static("report.css")
    js = _static("report.js")
    # Only our own style and script may run: a strict policy also blocks any
    # request to another host, should some input ever slip past escaping.
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return _env().get_template("report.html.j2").render(
        v=view,
        t=view.t,
        css=Markup(css),
        js=Markup(js),
        csp=csp,
        severities=SEVERITIES,
        Severity=Severity,
    )
