"""Great Expectations: expectation suites equivalent to the record schemas, run on records.

``pip install gazette-checks[gx]``. This is the only module that imports
``great_expectations``, and only inside its functions, so importing it is cheap::

    from gazette_checks import gx
    suites = gx.build_suites()                       # table name → ExpectationSuite
    gx.write_suites("gx/expectations")               # JSON files for a team's own GX project
    findings = gx.findings(records)                  # failed expectations as SC02 findings

The suites are derived from the pandera schemas (:data:`gazette_checks.schemas.SCHEMAS`):
column exists, not null, value sets, regular expressions, ranges, lengths, uniqueness.
:data:`CROSS_FIELD` adds what a schema of one column cannot say (``end_line >= line``,
成文日期 not after the issue's 出版日期 on a join of documents and issues).
Each expectation's ``meta`` names the table, column and pandera check it mirrors.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks.base import _DEFINED, RuleContext, rule
from .findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .config import Config
    from .records import Records

__all__ = ["CROSS_FIELD", "RULE_CODE", "Outcome", "build_suites", "expectation_specs", "findings",
           "frames_for", "validate", "write_suites"]

#: Rule code of the findings (category "schema").
RULE_CODE = "SC02"
SUITE_PREFIX = "gazette_checks."

_TABLE_ZH = {"issues": "期刊信息", "toc": "目录", "documents": "文件", "outline": "层次序号",
             "tables": "表格", "mentions": "提及", "citations": "引用",
             "documents_in_issue": "文件与所在期"}


@dataclass(frozen=True)
class Spec:
    """One expectation without GX: its table, GX class name, arguments and meta."""

    table: str
    type: str
    kwargs: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def column(self) -> str:
        """The column (or ``A,B`` for pair and compound expectations)."""
        return str(self.meta.get("column", ""))


#: Cross-field expectations (no pandera counterpart). ``documents_in_issue`` is
#: documents joined with their issue on ``file`` (see :func:`frames_for`).
CROSS_FIELD: tuple[Spec, ...] = (
    Spec("toc", "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "end_line", "column_B": "line", "or_equal": True,
          "ignore_row_if": "either_value_is_missing"},
         {"column": "end_line,line", "check": "end_line >= line"}),
    Spec("documents", "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "end_line", "column_B": "line", "or_equal": True,
          "ignore_row_if": "either_value_is_missing"},
         {"column": "end_line,line", "check": "end_line >= line"}),
    Spec("toc", "ExpectCompoundColumnsToBeUnique", {"column_list": ["file", "position"]},
         {"column": "file,position", "check": "unique (file, position)"}),
    Spec("documents", "ExpectCompoundColumnsToBeUnique", {"column_list": ["file", "position"]},
         {"column": "file,position", "check": "unique (file, position)"}),
    Spec("tables", "ExpectCompoundColumnsToBeUnique", {"column_list": ["table_id", "row", "col"]},
         {"column": "table_id,row,col", "check": "unique (table_id, row, col)"}),
    Spec("issues", "ExpectColumnValuesToBeUnique", {"column": "file"},
         {"column": "file", "check": "one masthead per file"}),
    Spec("documents_in_issue", "ExpectColumnPairValuesAToBeGreaterThanB",
         {"column_A": "issue_date", "column_B": "date", "or_equal": True,
          "ignore_row_if": "either_value_is_missing"},
         {"column": "issue_date,date", "check": "成文日期 <= 出版日期"}),
)


# --------------------------------------------------------------------------
# Schemas → expectation specs (no GX needed)
def _regex(pattern: str) -> str:
    # pandera's str_matches anchors at the start (re.match); GX searches.
    return pattern if pattern.startswith("^") else f"^(?:{pattern})"


def _check_spec(table: str, column: str, check: Any) -> Spec | None:
    name, st = check.name, dict(check.statistics or {})
    meta = {"column": column, "check": name, "pandera": str(check).strip("<>").split(": ", 1)[-1]}
    col = {"column": column}
    if name == "greater_than_or_equal_to":
        return Spec(table, "ExpectColumnValuesToBeBetween", {**col, "min_value": st["min_value"]}, meta)
    if name == "greater_than":
        return Spec(table, "ExpectColumnValuesToBeBetween",
                    {**col, "min_value": st["min_value"], "strict_min": True}, meta)
    if name == "less_than_or_equal_to":
        return Spec(table, "ExpectColumnValuesToBeBetween", {**col, "max_value": st["max_value"]}, meta)
    if name == "less_than":
        return Spec(table, "ExpectColumnValuesToBeBetween",
                    {**col, "max_value": st["max_value"], "strict_max": True}, meta)
    if name == "in_range":
        return Spec(table, "ExpectColumnValuesToBeBetween",
                    {**col, "min_value": st["min_value"], "max_value": st["max_value"],
                     "strict_min": not st.get("include_min", True),
                     "strict_max": not st.get("include_max", True)}, meta)
    if name == "equal_to":
        return Spec(table, "ExpectColumnValuesToBeInSet", {**col, "value_set": [st["value"]]}, meta)
    if name == "isin":
        return Spec(table, "ExpectColumnValuesToBeInSet", {**col, "value_set": list(st["allowed_values"])}, meta)
    if name == "notin":
        return Spec(table, "ExpectColumnValuesToNotBeInSet",
                    {**col, "value_set": list(st["forbidden_values"])}, meta)
    if name == "str_matches":
        return Spec(table, "ExpectColumnValuesToMatchRegex", {**col, "regex": _regex(str(st["pattern"]))}, meta)
    if name == "str_contains":
        return Spec(table, "ExpectColumnValuesToMatchRegex", {**col, "regex": str(st["pattern"])}, meta)
    if name == "str_startswith":
        return Spec(table, "ExpectColumnValuesToMatchRegex", {**col, "regex": "^" + re.escape(st["string"])}, meta)
    if name == "str_endswith":
        return Spec(table, "ExpectColumnValuesToMatchRegex", {**col, "regex": re.escape(st["string"]) + "$"}, meta)
    if name == "str_length":
        if st.get("exact_value") is not None:
            return Spec(table, "ExpectColumnValueLengthsToEqual", {**col, "value": st["exact_value"]}, meta)
        return Spec(table, "ExpectColumnValueLengthsToBeBetween",
                    {**col, "min_value": st.get("min_value"), "max_value": st.get("max_value")}, meta)
    return None  # registered checks (doc_number, cn_date...) have no GX counterpart


def expectation_specs(schemas: dict[str, Any] | None = None, cross_field: bool = True) -> list[Spec]:
    """The expectations equivalent to `schemas` (default: the record schemas), then
    :data:`CROSS_FIELD` when `cross_field`.

    Per column: exists (pandera ``column_in_dataframe``), not null (``not_nullable``),
    unique (``field_uniqueness``), and one expectation per built-in check. Data types
    and registered checks are not translated.
    """
    if schemas is None:
        from .schemas import SCHEMAS as schemas
    out: list[Spec] = []
    for table, model in schemas.items():
        schema = model.to_schema() if hasattr(model, "to_schema") else model
        for column, col in schema.columns.items():
            base = {"column": column}
            if col.required:
                out.append(Spec(table, "ExpectColumnToExist", dict(base),
                                {"column": column, "check": "column_in_dataframe"}))
            if not col.nullable:
                out.append(Spec(table, "ExpectColumnValuesToNotBeNull", dict(base),
                                {"column": column, "check": "not_nullable"}))
            if col.unique:
                out.append(Spec(table, "ExpectColumnValuesToBeUnique", dict(base),
                                {"column": column, "check": "field_uniqueness"}))
            for check in col.checks:
                spec = _check_spec(table, column, check)
                if spec is not None:
                    out.append(spec)
    if cross_field:
        out.extend(CROSS_FIELD)
    return [Spec(s.table, s.type, s.kwargs, {**s.meta, "table": s.table, "id": f"{s.table}:{i}"})
            for i, s in enumerate(out)]


# --------------------------------------------------------------------------
# GX objects
def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    try:
        import great_expectations as gx
        import great_expectations.expectations as gxe
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "Great Expectations is not installed: pip install 'gazette-checks[gx]'"
        ) from exc
    return gx, gxe


def build_suites(specs: list[Spec] | None = None) -> dict[str, Any]:
    """GX ``ExpectationSuite`` objects by table name (``gazette_checks.<table>``)."""
    gx, gxe = _gx()
    specs = expectation_specs() if specs is None else specs
    suites: dict[str, Any] = {}
    for s in specs:
        suite = suites.get(s.table)
        if suite is None:
            suite = suites[s.table] = gx.ExpectationSuite(name=SUITE_PREFIX + s.table)
        suite.expectations.append(getattr(gxe, s.type)(**s.kwargs, meta=dict(s.meta)))
    return suites


def write_suites(directory: str | os.PathLike[str], specs: list[Spec] | None = None) -> list[Path]:
    """Write one ``gazette_checks.<table>.json`` suite per table into `directory`
    (the layout of a GX project's ``expectations/`` folder); returns the files."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for suite in build_suites(specs).values():
        f = d / f"{suite.name}.json"
        f.write_text(json.dumps(suite.to_json_dict(), ensure_ascii=False, indent=2, default=str) + "\n",
                     encoding="utf-8")
        out.append(f)
    return out


def frames_for(records: Records) -> dict[str, pd.DataFrame]:
    """The frames the suites run on: the record tables (fresh index) and
    ``documents_in_issue`` (documents with their issue's date as ``issue_date``,
    both as datetimes; ``line`` is the line of the 成文日期)."""
    import pandas as pd

    frames = {name: df.reset_index(drop=True) for name, df in records.frames().items()}
    docs, issues = records.documents, records.issues
    if len(docs) and len(issues):
        iss = issues.dropna(subset=["date"]).drop_duplicates("file")[["file", "date"]]
        m = docs[["file", "line", "date_line", "doc_id", "date", "date_raw"]].merge(
            iss.rename(columns={"date": "issue_date"}), on="file", how="inner")
        m["line"] = pd.to_numeric(m["date_line"], errors="coerce").fillna(m["line"]).astype(int)
        m["date"] = pd.to_datetime(m["date"], errors="coerce", format="%Y-%m-%d")
        m["issue_date"] = pd.to_datetime(m["issue_date"], errors="coerce", format="%Y-%m-%d")
        frames["documents_in_issue"] = m.reset_index(drop=True)
    return frames


@dataclass
class Outcome:
    """The result of one expectation on one table."""

    spec: Spec
    success: bool
    unexpected_index: list[Any] = field(default_factory=list)
    unexpected_values: list[Any] = field(default_factory=list)
    error: str = ""


def validate(records: Records, specs: list[Spec] | None = None) -> list[Outcome]:
    """Run the expectations on `records` in an ephemeral GX context.

    Empty tables are skipped (as the pandera schema rule does).
    """
    gx, _ = _gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    specs = expectation_specs() if specs is None else specs
    suites = build_suites(specs)
    by_id = {s.meta["id"]: s for s in specs}
    frames = frames_for(records)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("gazette_checks")
    out: list[Outcome] = []
    for table, suite in suites.items():
        df = frames.get(table)
        if df is None or not len(df):
            continue
        asset = source.add_dataframe_asset(name=table)
        batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": df})
        result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        for r in result.results:
            spec = by_id[r.expectation_config.meta["id"]]
            res = r.result or {}
            err = ""
            if r.exception_info and r.exception_info.get("raised_exception"):
                err = str(r.exception_info.get("exception_message") or "")
            out.append(Outcome(
                spec=spec,
                success=bool(r.success),
                unexpected_index=list(res.get("unexpected_index_list") or []),
                unexpected_values=list(res.get("unexpected_list") or []),
                error=err,
            ))
    out.sort(key=lambda o: int(o.spec.meta["id"].rsplit(":", 1)[1]))
    return out


# --------------------------------------------------------------------------
# Findings
@rule(
    RULE_CODE, "schema.gx_expectation_failed", "schema", "error",
    "记录未通过 Great Expectations 期望", "A record fails a Great Expectations expectation",
    "记录表按 gazette_checks.schemas 的约定导出为 Great Expectations 期望集（列存在、非空、取值范围、"
    "格式、唯一性），并加上跨字段期望（如文件的成文日期不晚于所在期的出版日期）。未通过的期望说明原文"
    "格式异常或解析有误；团队可将同一期望集用于自己的数据管道。",
    fix="核对所指行的原文；若原文无误，请将样例反馈给维护者。",
    default_enabled=False,
    example_bad="issues.number 为 0（期号应从1开始）",
    example_good="issues.number 为 1",
) if RULE_CODE not in _DEFINED else (lambda f: f)
def gx_expectation_failed(ctx: RuleContext) -> Iterator[Finding]:
    """Runs the Great Expectations suites on the records and reports every failed expectation (off by default; needs ``--gx``)."""
    yield from _findings(ctx)


def _findings(ctx: RuleContext) -> Iterator[Finding]:
    records = ctx.records
    frames = frames_for(records)
    for o in validate(records):
        if o.success:
            continue
        s = o.spec
        table = _TABLE_ZH.get(s.table, s.table)
        what = s.meta.get("pandera") or s.meta.get("check", "")
        data = {"table": s.table, "column": s.column, "expectation": s.type, "check": s.meta.get("check", ""),
                "kwargs": {k: v for k, v in s.kwargs.items() if k not in ("column",)}}
        df = frames.get(s.table)
        if not o.unexpected_index or df is None:
            file = df["file"].iloc[0] if df is not None and len(df) else (records.files or [""])[0]
            reason = o.error or "期望未满足"
            yield ctx.finding(file, 1, f"{table}表不符合期望“{what}”（{s.column}）：{reason}",
                              excerpt="", data=data)
            continue
        values = o.unexpected_values + [None] * (len(o.unexpected_index) - len(o.unexpected_values))
        for idx, value in zip(o.unexpected_index, values, strict=False):
            if idx not in df.index:
                continue
            row = df.loc[idx]
            names = s.column.split(",")
            if isinstance(value, (list, tuple)) and len(value) == len(names) > 1:
                shown = "，".join(f"{n}={_shown(v)}" for n, v in zip(names, value, strict=True))
            else:
                shown = _shown(value)
            yield ctx.finding(
                str(row["file"]), int(row["line"]),
                f"{table}记录的字段 {s.column} 不符合期望“{what}”：{shown}",
                needle=shown if isinstance(value, str) else "",
                document=_document(records, row),
                data={**data, "value": shown},
            )


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k}={_shown(v)}" for k, v in value.items())
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = "" if value is None else str(value)
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T00:00:00", text) else text


def _document(records: Records, row: Any) -> str:
    doc_id = row.get("doc_id") if hasattr(row, "get") else None
    return records.document_label(doc_id) if isinstance(doc_id, str) and doc_id else ""


def findings(records: Records, config: Config | None = None) -> list[Finding]:
    """Run the suites on `records` and return one SC02 finding per failing row
    (or per table for table-level expectations), sorted by file and line."""
    from .checks.base import _DEFINED as defined
    from .config import Config

    ctx = RuleContext(defined[RULE_CODE], records, config or Config())
    return sorted(_findings(ctx), key=Finding.sort_key)
