"""The front door: paths or text → records → findings → Report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Config
from .findings import Finding, Severity
from .grouping import group_repeats, link_pairs, mark_same_slip, merge_same_defect
from .parse import parse_source
from .read import Source, read_paths
from .records import Records
from .records import as_int as _i
from .report import DocumentInfo, IssueInfo, Report


def parse_sources(sources: Iterable[Source]) -> Records:
    """Parse each source and join the records."""
    return Records.concat([parse_source(s) for s in sources])


def parse_paths(paths: Iterable[str | Path]) -> tuple[Records, list[str]]:
    """Read and parse files and directories; returns records and one-line input errors."""
    sources, errors = read_paths(paths)
    return parse_sources(sources), [str(e) for e in errors]


def check_records(records: Records, config: Config | None = None, context: Records | None = None) -> list[Finding]:
    """Run every selected rule on `records`, sorted by file and line.

    `context` holds records of other issues (e.g. from the archive) that
    cross-document rules compare against; findings are reported only for
    places in `records`.
    """
    from .checks import run_rules

    config = config or Config()
    if context is not None and len(context.documents):
        records = records.with_context(context)
    findings = list(run_rules(records, config))
    files = set(records.files) if context is None else set(records.own_files)
    if context is not None:
        findings = [f for f in findings if f.file in files]
    findings = _dedupe(findings)
    mark_same_slip(findings, records.line_text)
    findings = group_repeats(merge_same_defect(findings))
    findings.sort(key=Finding.sort_key)
    link_pairs(findings)
    return findings


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.file, f.line, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def build_report(
    records: Records,
    findings: list[Finding],
    input_errors: list[str] | None = None,
    *,
    fail_on: str | Severity = Severity.ERROR,
    lang: str = "zh",
) -> Report:
    """Bundle findings with what renderers need to show them."""
    from . import __version__
    from .checks import all_rules

    issues = [
        IssueInfo(
            file=r["file"], name=_s(r["name"]), number=_i(r["number"]), total_number=_i(r["total_number"]),
            year=_i(r["year"]), date=_s(r["date"]), frequency=_s(r["frequency"]),
        )
        for r in records.issues.to_dict("records")
    ]
    docs = [
        DocumentInfo(
            file=r["file"], line=int(r["line"]), label=_s(r["doc_number"]) or str(r["title"]),
            title=str(r["title"]), doc_number=_s(r["doc_number"]), date=_s(r["date"]),
        )
        for r in records.documents.to_dict("records")
        if r["file"] in set(records.own_files)
    ]
    return Report(
        files=list(records.own_files),
        findings=findings,
        rules={r.code: r.to_dict() for r in all_rules()},
        issues=[i for i in issues if i.file in set(records.own_files)],
        documents=docs,
        input_errors=list(input_errors or []),
        fail_on=Severity.parse(fail_on),
        lang=lang,
        tool_version=__version__,
        sources={name: src.lines for name, src in records.sources.items() if name in set(records.own_files)},
    )


def _s(v) -> str | None:
    return v if isinstance(v, str) and v else None


