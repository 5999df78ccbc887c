"""The record contract: one declaration per table, from which everything else derives.

Each :class:`Table` lists its columns in order with their dtype, whether they
may be missing, a Chinese and an English description and the pandera checks
that hold for them. From :data:`TABLES` come

- the columns and dtypes of the pandas frames (:mod:`gazette_checks.records`:
  ``COLUMNS``, ``frame``, ``normalise_dtypes``),
- the pandera models (:mod:`gazette_checks.schemas.records`),
- CSV and JSON input and output (:mod:`gazette_checks.records_io`),
- the record tables of the archive (:data:`gazette_checks.archive.SCHEMA`, and
  through it the Parquet store's layout).

Adding a column here adds it everywhere; ``tests/test_contract.py`` proves they agree.

Two groups of tables: the *record* tables the parser fills (``issues`` …
``problems``), and the *text* tables (``lines``, ``pages``, ``regions``,
``exports``) that hold what the text stage made of each file (the cleaned lines
with their way back to the original, printed page numbers, untrusted regions,
an export header's metadata). Rules read the text tables through
:meth:`Records.line_text <gazette_checks.records.Records.line_text>` and
friends; they are written with the records so that records read back from CSV
or JSON give the same findings as the text. The archive does not store them:
it keeps each file's text (compressed) and cleans it again when a line is read.

This module is plain data (no pandas, no pandera): every layer may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Column dtypes: text, whole number (nullable), decimal number, flag, ISO date as text (YYYY-MM-DD).
DTYPES: tuple[str, ...] = ("str", "int", "float", "bool", "date")

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
#: Shape of a 发文字号 (any bracket, so that wrong brackets are a rule finding, not a schema error).
DOC_NUMBER_SHAPE = (r"^(?:[\u3400-\u9fff]{1,12}[〔\[【(（［﹝](?:19|20)\d{2}[〕\]】)）］﹞]第?\d{1,5}号"
                    r"|[\u3400-\u9fff]{2,30}令第?\d{1,5}号)$")  # or a 政府令's 令号
FREQUENCIES = ["月刊", "双月刊", "半月刊", "季刊", "旬刊", "周刊", "年刊"]
OUTLINE_KINDS = ["chapter", "section", "article", "cn", "paren_cn", "arabic", "paren_arabic",
                 "column", "attachment"]
MENTION_KINDS = [
    "date", "deadline", "organ",
    # rows of the registered extractors (gazette_checks/extract/), one kind each
    "place", "tenure", "enum_list", "short_name", "group_name", "validity",
    "count_list", "count_head",  # extract.lists
    "carry",  # extract.carrying
    "cite", "label", "last_heading", "cited_number",  # extract.references (+ cite role attachment)
    "table_count",  # extract.table_counts
    "share",  # extract.shares
    "prose_total", "bracket_count", "investment",  # extract.totals
    "attachment_list", "after_list",  # extract.attachments
    "quoted_title",  # extract.quotes
    "role_note", "decree_number", "self_reference", "quoted",  # extract.textmarks
    "appointment",  # extract.appointments
    "effective_period",  # extract.effective
    "front_number",  # parse.py front_numbers: 第N期, 总第N期 before the first document
    "rename",  # extract.renames
]


@dataclass(frozen=True)
class Column:
    """One column: `name`, `dtype` (one of :data:`DTYPES`), whether it may be missing,
    its description (`zh`, `en`) and `checks`, pandera ``Field`` keywords (``ge``,
    ``le``, ``isin``, ``str_matches``, ``str_length``, ``unique``) and `default`, what a
    missing cell reads as. A ``date`` column checks the ISO form by itself."""

    name: str
    dtype: str
    zh: str
    en: str = ""
    nullable: bool = True
    checks: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: The value a missing cell reads as (CSV, JSON, frames of another project): '' for text
    #: that may be empty but is never missing; None keeps it missing.
    default: Any = None
    #: A record column the parser fills with a 1-based line: ``"first"`` where something begins
    #: (a cleaned line is mapped to the original line of its first character), ``"last"`` where
    #: it ends (to the original line of its last character); '' for any other column.
    line_ref: str = ""

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name}: dtype {self.dtype!r} is not one of {DTYPES}")
        if self.line_ref not in ("", "first", "last"):
            raise ValueError(f"column {self.name}: line_ref {self.line_ref!r} is not '', 'first' or 'last'")
        object.__setattr__(self, "checks", MappingProxyType(dict(self.checks)))

    @property
    def description(self) -> str:
        """``中文: English`` (or the Chinese alone)."""
        return f"{self.zh}: {self.en}" if self.en else self.zh


@dataclass(frozen=True)
class Table:
    """One record table: its name, description, columns in order and the name of its pandera model.

    `text` marks a table made by the text stage rather than the parser (kept with
    the records in CSV and JSON, rebuilt from the stored text by the archive);
    `validated` one whose rows the schema rule (SC01) checks.
    """

    name: str
    zh: str
    en: str
    schema: str
    columns: tuple[Column, ...]
    text: bool = False
    validated: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """Column `name` (KeyError when the table has none)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def dtypes(self) -> dict[str, str]:
        """``{column: dtype}``."""
        return {c.name: c.dtype for c in self.columns}


def _c(name: str, dtype: str, zh: str, en: str = "", nullable: bool = True, default: Any = None,
       line_ref: str = "", **checks: Any) -> Column:
    return Column(name, dtype, zh, en, nullable, checks, default, line_ref)


def _ln(name: str, zh: str, en: str, nullable: bool = True, ref: str = "first", **checks: Any) -> Column:
    """A column holding a 1-based line (see :attr:`Column.line_ref`)."""
    return _c(name, "int", zh, en, nullable, line_ref=ref, **checks)


_FILE = _c("file", "str", "文件", "the path as given", nullable=False)
_LINE = _ln("line", "行号", "1-based line in the original", nullable=False, ge=1)


def _doc_id(en: str = "document key") -> Column:
    return _c("doc_id", "str", "所属文件", en)


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("issues", "期刊信息", "one row per gazette issue (masthead)", "IssueSchema", (
        _FILE, _LINE,
        _c("name", "str", "刊名", "name of the gazette", str_length={"min_value": 2}),
        _c("city", "str", "城市", "city or place"),
        _c("frequency", "str", "刊期", "月刊, 双月刊…", isin=FREQUENCIES),
        _c("year", "int", "年份", "year of the issue", ge=1949, le=2100),
        _c("number", "int", "第N期", "issue number in the year", nullable=False, ge=1, le=60),
        _c("total_number", "int", "总第N期", "running issue number", ge=1),
        _c("date", "date", "出版日期", "publication date (ISO)"),
        _c("date_raw", "str", "出版日期原文", "publication date as written"),
        _c("publisher", "str", "主办单位", "publisher"),
    )),
    Table("toc", "目录", "one row per table-of-contents entry", "TocSchema", (
        _FILE, _ln("line", "行号", "first line of the entry", nullable=False, ge=1),
        _ln("end_line", "末行", "last line of the entry", ref="last"),
        _c("section", "str", "栏目", "TOC section (● 市政府文件)"),
        _c("position", "int", "序位", "position in the TOC", nullable=False, ge=1),
        _c("title", "str", "标题", "title", nullable=False, str_length={"min_value": 4}),
        _c("page", "int", "页码", "page number", ge=1),
    )),
    Table("documents", "文件", "one row per document (公文) in the text", "DocumentSchema", (
        _FILE, _ln("line", "行号", "first line of the heading", nullable=False, ge=1),
        _ln("end_line", "末行", "last line of the document", ref="last"),
        _c("doc_id", "str", "文件键", "document key: file#position", nullable=False, unique=True),
        _c("position", "int", "序位", "position in the file"),
        _c("section", "str", "栏目", "TOC section"),
        _c("issuer", "str", "发文机关", "issuer(s), several joined by 、"),
        _c("title", "str", "标题", "title", nullable=False, str_length={"min_value": 4}),
        _ln("title_line", "标题行", "line of the title"),
        _c("doc_number", "str", "发文字号", "document number (or 令号)", str_matches=DOC_NUMBER_SHAPE),
        _ln("doc_number_line", "发文字号行", "line of the 发文字号"),
        _c("agency", "str", "机关代字", "issuing agency code"),
        _c("number_year", "int", "发文年份", "year of the 发文字号", ge=1949, le=2100),
        _c("serial", "int", "发文顺序号", "serial number of the 发文字号", ge=1),
        _c("doc_type", "str", "文种", "kind of document (通知, 意见…)"),
        _c("addressee", "str", "主送机关", "addressee(s)"),
        _c("signer", "str", "落款", "signing organ(s)"),
        _ln("signer_line", "落款行", "line of the 落款"),
        _c("date", "date", "成文日期", "date of signing (ISO)"),
        _c("date_raw", "str", "成文日期原文", "date of signing as written"),
        _ln("date_line", "成文日期行", "line of the 成文日期"),
        _c("attached_title", "str", "所附文件标题", "heading of the carried text (印发 notices)"),
        _ln("attached_line", "所附标题行", "its line"),
        _c("quoted_title", "str", "引述标题", "title quoted in the notice"),
        _ln("quoted_line", "引述标题行", "its line"),
        _ln("body_line", "正文首行", "first line after the head (主送)"),
    )),
    Table("outline", "层次序号", "numbered headings and items", "OutlineSchema", (
        _FILE, _LINE,
        _c("doc_id", "str", "所属文件", "document key", nullable=False),
        _c("part", "int", "部分", "0 = the notice, 1.. = carried texts", nullable=False, ge=0),
        _c("kind", "str", "序号类型", "chapter, cn, paren_cn…", nullable=False, isin=OUTLINE_KINDS),
        _c("label", "str", "序号原文", "the marker as written"),
        _c("number", "int", "序号数值", "number of the marker", nullable=False, ge=0),
        _c("level", "int", "层级", "depth in the outline", nullable=False, ge=1),
        _ln("parent_line", "上级行", "line of the parent item"),
        _c("text", "str", "文字", "text of the item (first 200 characters)", nullable=False, default=""),
    )),
    Table("tables", "表格", "one row per table cell", "TableCellSchema", (
        _FILE, _ln("line", "行号", "line of the table row", nullable=False, ge=1),
        _doc_id(),
        _c("table_id", "str", "表格键", "table key: file#Tn", nullable=False),
        _c("caption", "str", "表题", "caption"),
        _c("label", "str", "表号", "the caption's label (表3, 附表2, 续表1, 表3（续）): patterns.table_label"),
        _c("row", "int", "行", "row index", nullable=False, ge=0),
        _c("col", "int", "列", "column index", nullable=False, ge=0),
        _c("text", "str", "单元格文本", "cell text", nullable=False, default=""),
        _c("number", "float", "数值", "the cell's number"),
        _c("unit", "str", "单位", "unit"),
        _c("is_header", "bool", "表头", "true for a header row", nullable=False),
    )),
    Table("mentions", "提及", "dates, deadline phrases, organ names and what extractors find", "MentionSchema", (
        _FILE, _ln("line", "行号", "line of the mention", nullable=False, ge=1),
        _doc_id(),
        _c("kind", "str", "类型", "date | deadline | organ …", nullable=False, isin=MENTION_KINDS),
        _c("role", "str", "作用", "signed, meeting, 责任单位…"),
        _c("text", "str", "原文", "as written", nullable=False, str_length={"min_value": 1}),
        _c("value", "str", "规范值", "normalised value (ISO date)"),
        _c("col", "int", "列", "column in the cleaned line"),
    )),
    Table("citations", "引用", "《title》（文号） cited in a document", "CitationSchema", (
        _FILE, _ln("line", "行号", "line of the citation", nullable=False, ge=1),
        _doc_id("citing document key"),
        _c("title", "str", "被引文件标题", "title cited", nullable=False, str_length={"min_value": 2}),
        _c("doc_number", "str", "被引文件文号", "发文字号 cited, as written", nullable=False),
        _c("text", "str", "原文", "the citation as written"),
        _c("col", "int", "列", "column in the cleaned line"),
    )),
    Table("problems", "解析问题", "what the parser could not read", "ProblemSchema", (
        _FILE, _LINE,
        _c("kind", "str", "问题类型", "toc_no_page, document_no_date…", nullable=False),
        _c("message", "str", "说明", "what went wrong", nullable=False),
        _c("document", "str", "所属文件", "document label"),
    ), validated=False),
    # ---- what the text stage made of each file
    Table("lines", "清理后文本", "the cleaned text, one row per cleaned line, in text order", "LineSchema", (
        _FILE, _c("line", "int", "起始行", "original line of the first character", nullable=False, ge=1),
        _c("end_line", "int", "末行", "original line of the last character", nullable=False, ge=1),
        _c("col", "int", "起始列", "original column (0-based) of the first character", nullable=False, ge=0),
        _c("text", "str", "文字", "the cleaned line (a rejoined paragraph whole)", nullable=False, default=""),
        _c("segs", "str", "字符来源",
           "where later characters come from: 'start:line:col' per segment, ';'-separated "
           "(empty when the whole line is copied from line, col)", nullable=False, default=""),
    ), text=True, validated=False),
    Table("pages", "页码", "printed page numbers found in the text", "PageSchema", (
        _FILE, _c("line", "int", "行号", "first line of the page", nullable=False, ge=1),
        _c("page", "int", "页码", "printed page number", nullable=False),
    ), text=True, validated=False),
    Table("regions", "不可靠区域", "text the tool cannot read reliably (rules stay silent)", "RegionSchema", (
        _FILE, _c("line", "int", "起始行", "first line", nullable=False, ge=1),
        _c("end_line", "int", "末行", "last line", nullable=False, ge=1),
        _c("kind", "str", "类型", "kind of region (garbled…)", nullable=False),
        _c("reason", "str", "原因", "why it cannot be read", nullable=False),
    ), text=True, validated=False),
    Table("exports", "导出信息", "what an export or web header said about the text", "ExportSchema", (
        _FILE,
        _c("key", "str", "项目", "title, doc_number, issuer, date…", nullable=False),
        _c("value", "str", "内容", "its value as written", nullable=False),
    ), text=True, validated=False),
)}

#: Tables the parser fills, in order (``problems`` last).
RECORD_TABLES: tuple[str, ...] = tuple(n for n, t in TABLES.items() if not t.text)
#: Tables of the text stage's output, in order.
TEXT_TABLES: tuple[str, ...] = tuple(n for n, t in TABLES.items() if t.text)


def line_columns(ref: str) -> tuple[str, ...]:
    """Names of the record columns whose :attr:`Column.line_ref` is `ref` (``first`` or ``last``),
    over every record table."""
    return tuple(dict.fromkeys(c.name for n in RECORD_TABLES for c in TABLES[n].columns if c.line_ref == ref))


def columns(table: str) -> tuple[str, ...]:
    """Column names of `table`, in order."""
    return TABLES[table].names


def dtype(table: str, column: str) -> str | None:
    """The dtype of `column` in `table`, or None when the table has no such column."""
    return _DTYPES.get(table, {}).get(column)


_DTYPES: dict[str, dict[str, str]] = {n: t.dtypes() for n, t in TABLES.items()}
