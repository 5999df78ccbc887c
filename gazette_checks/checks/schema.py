"""Schema rules (SC): record tables validated lazily against the pandera schemas."""

from __future__ import annotations

from collections.abc import Iterator

from .. import contract
from .. import gx as _gx  # noqa: F401  (registers SC02, off by default; GX itself is imported lazily)
from ..findings import Finding
from ..records import as_int, row_dicts
from .base import RuleContext, rule


def schema_failures(records) -> list[dict]:
    """Validate every record table; one dict per failure case with its file and line.

    Tables the fast pass finds surely valid are not given to pandera, which is not even
    imported when the stored specs (:mod:`gazette_checks.quickcheck`) vouch for every table.
    """
    from ..quickcheck import stored_specs, surely_valid_spec

    out: list[dict] = []
    specs = stored_specs()
    if specs is None:  # no up-to-date stored specs: read them from the schemas
        from ..schemas import SCHEMAS
        from ..schemas.quick import _spec

        specs = {name: _spec(schema) for name, schema in SCHEMAS.items()}
    for name, spec in specs.items():
        df = getattr(records, name)
        if not len(df) or surely_valid_spec(spec, df):  # pandera only where a failure is possible
            continue
        import pandera.errors as pe

        from ..schemas import SCHEMAS

        schema = SCHEMAS[name]
        try:
            schema.validate(df, lazy=True)
        except pe.SchemaErrors as exc:
            fc = exc.failure_cases
            for case in row_dicts(fc):
                idx = case.get("index")
                row = df.loc[idx] if idx is not None and idx == idx and idx in df.index else None
                out.append({
                    "table": name,
                    "column": case.get("column"),
                    "check": str(case.get("check")),
                    "value": case.get("failure_case"),
                    "file": row["file"] if row is not None else (records.files[0] if records.files else ""),
                    "line": (as_int(row["line"]) if row is not None else None) or 1,  # a missing line: 1
                    "document": _doc_label(records, row),
                })
    return out


def _doc_label(records, row) -> str:
    if row is None:
        return ""
    if "doc_number" in row and isinstance(row.get("doc_number"), str) and "title" in row:
        return row["doc_number"]
    if "doc_id" in row and isinstance(row.get("doc_id"), str):
        return records.document_label(row["doc_id"])
    return ""


@rule(
    "SC01", "schema.record_violates_schema", "schema", "error",
    "解析结果不符合数据结构约定", "A parsed record violates its schema",
    "解析出的记录（期刊信息、目录、文件、表格等）必须符合 gazette_checks.schemas 中的约定，"
    "例如发文字号由机关代字、年份和序号组成（GB/T 9704-2012 §7.2.5），日期为真实日期。"
    "不符合约定的记录说明原文格式异常或解析有误，后续规则可能据此得出错误结论。",
    fix="核对所指行的原文；若原文无误，请将样例反馈给维护者。",
    example_bad="某条公文记录的 date 为“2024-13-01”",
    example_good="date 为“2024-12-01”",
)
def record_violates_schema(ctx: RuleContext) -> Iterator[Finding]:
    """Checks the parsed records against the pandera schemas of the record tables."""
    for f in schema_failures(ctx.records):
        table = contract.TABLES[f["table"]].zh if f["table"] in contract.TABLES else f["table"]
        col = f["column"] or ""
        yield ctx.finding(
            f["file"], f["line"],
            f"{table}记录的字段 {col} 不符合约定（{f['check']}）：{f['value']!s}",
            needle=str(f["value"]) if f["value"] is not None else "",
            document=f["document"],
            data={"table": f["table"], "column": col, "check": f["check"]},
        )
