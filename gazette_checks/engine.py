"""The front door: paths or text → records → findings → Report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import Finding, Location, Severity
from .parse import parse_source
from .read import Source, read_paths
from .records import Records, row_dicts
from .records import as_int as _i
from .report import DocumentInfo, IssueInfo, Report

if TYPE_CHECKING:
    from .checks.base import Rule


def parse_sources(sources: Iterable[Source]) -> Records:
    """Parse each source and join the records."""
    return Records.concat([parse_source(s) for s in sources])


def parse_paths(paths: Iterable[str | Path]) -> tuple[Records, list[str]]:
    """Read and parse files and directories; returns records and one-line input errors."""
    sources, errors = read_paths(paths)
    return parse_sources(sources), [str(e) for e in errors]


@dataclass
class IssueChecks:
    """Findings of the per-issue rules `rules` (codes), already run on each file
    (e.g. by worker processes, see :mod:`gazette_checks.jobs`)."""

    rules: frozenset[str]
    findings: list[Finding] = field(default_factory=list)


def is_cross_document(rule: Rule) -> bool:
    """True for a rule that compares documents of several issues (family XD); every other
    rule reads one issue (file) at a time."""
    return rule.category == "crossdoc"


def issue_rules(config: Config) -> list[Rule]:
    """The selected rules that read one issue at a time."""
    from .checks import all_rules

    return [r for r in config.select_rules(all_rules()) if not is_cross_document(r)]


def check_issues(records: Records, config: Config, rules: list[Rule] | None = None) -> list[Finding]:
    """Run the per-issue `rules` (default: all selected) on each file of `records` separately,
    so that a file's findings do not depend on the other files of the run."""
    from .checks import run_rules

    rules = issue_rules(config) if rules is None else rules
    if not rules:
        return []
    return [f for part in records.by_file().values() for f in run_rules(part, config, rules)]


def check_records(
    records: Records,
    config: Config | None = None,
    context: Records | None = None,
    *,
    issue_checks: IssueChecks | None = None,
) -> list[Finding]:
    """Run every selected rule on `records`, sorted by file and line.

    Per-issue rules run on each file alone; cross-document rules (XD) on all
    of `records` plus `context`, records of other issues (e.g. from the
    archive); findings are reported only for places in `records`.
    `issue_checks` holds per-issue findings computed already (those rules are
    not run again).
    """
    from .checks import all_rules, run_rules

    config = config or Config()
    selected = config.select_rules(all_rules())
    done = issue_checks.rules if issue_checks is not None else frozenset()
    findings = list(issue_checks.findings) if issue_checks is not None else []
    todo = [r for r in selected if not is_cross_document(r) and r.code not in done]
    findings += check_issues(records, config, todo)
    cross = [r for r in selected if is_cross_document(r)]
    if cross:
        whole = records.with_context(context) if context is not None and len(context.documents) else records
        findings += run_rules(whole, config, cross)
    files = set(records.files) if context is None else set(records.own_files)
    if context is not None:
        findings = [f for f in findings if f.file in files]
    findings = merge_same_defect(_dedupe(findings))
    findings.sort(key=Finding.sort_key)
    return findings


def merge_same_defect(findings: list[Finding]) -> list[Finding]:
    """One finding per defect that two rules see from two sides.

    A rule marks such a finding with ``data["defect"]`` (a key naming the
    defect, e.g. the line of a mistyped heading) and ``data["defect_rank"]``.
    Of the findings sharing a key, the most severe one with the lowest rank is
    kept; the places of the others become its related locations and their rule
    codes are listed in ``data["also"]``. Both keys are removed from the output.
    """
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for f in findings:
        key = f.data.pop("defect", None)
        rank = f.data.pop("defect_rank", 0)
        if isinstance(key, str) and key:
            groups.setdefault(key, []).append((rank, f))
    if not any(len(g) > 1 for g in groups.values()):
        return findings
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        _, keep = min(group, key=lambda rf: (-rf[1].severity.rank, rf[0], rf[1].rule))
        for _, other in group:
            if other is keep:
                continue
            dropped.add(id(other))
            here = Location(file=other.file, line=other.line, excerpt=other.excerpt, document=other.document)
            places = [here, *other.related]
            known = {(r.file, r.line) for r in keep.related} | {(keep.file, keep.line)}
            keep.related.extend(r for r in places if (r.file, r.line) not in known)
            keep.data.setdefault("also", []).append(other.rule)
    return [f for f in findings if id(f) not in dropped]


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

    own = set(records.own_files)
    issues = [
        IssueInfo(
            file=r["file"], name=_s(r["name"]), number=_i(r["number"]), total_number=_i(r["total_number"]),
            year=_i(r["year"]), date=_s(r["date"]), frequency=_s(r["frequency"]),
        )
        for r in row_dicts(records.issues)
    ]
    docs = [
        DocumentInfo(
            file=r["file"], line=int(r["line"]), label=_s(r["doc_number"]) or str(r["title"]),
            title=str(r["title"]), doc_number=_s(r["doc_number"]), date=_s(r["date"]),
        )
        for r in row_dicts(records.documents)
        if r["file"] in own
    ]
    return Report(
        files=list(records.own_files),
        findings=findings,
        rules={r.code: r.to_dict() for r in all_rules()},
        issues=[i for i in issues if i.file in own],
        documents=docs,
        input_errors=list(input_errors or []),
        fail_on=Severity.parse(fail_on),
        lang=lang,
        tool_version=__version__,
        sources={name: src.lines for name, src in records.sources.items() if name in own},
    )


def _s(v) -> str | None:
    return v if isinstance(v, str) and v else None


