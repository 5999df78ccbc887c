"""The front door: paths or text → records → findings → Report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .alloc import fewer_collections, held_objects
from .config import Config
from .findings import Finding, Severity
from .grouping import group_repeats, link_pairs, mark_same_slip, merge_same_defect
from .parse import parse_source
from .read import Source, read_paths
from .records import Records, row_dicts
from .records import as_int as _i
from .report import DocumentInfo, IssueInfo, Report

if TYPE_CHECKING:
    from .checks.base import Rule


def parse_sources(sources: Iterable[Source], on_file: Callable[[int, Source], None] | None = None) -> Records:
    """Parse each source and join the records; `on_file(k, source)` is called before the k-th
    (from 1), e.g. to show progress."""
    parts = []
    with held_objects() as hold:
        for k, s in enumerate(sources, 1):
            if on_file is not None:
                on_file(k, s)
            parts.append(parse_source(s))
            hold()  # this file's records are not scanned again by the next files' collections
        return Records.concat(parts)


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
    found: list[Finding] = []
    for _file, part in records.iter_by_file():  # one file's tables and caches held at a time
        found.extend(run_rules(part, config, rules))
    return found


@fewer_collections()
def check_records(
    records: Records,
    config: Config | None = None,
    context: Records | None = None,
    *,
    issue_checks: IssueChecks | None = None,
    finish: bool = True,
) -> list[Finding]:
    """Run every selected rule on `records`, sorted by file and line.

    Per-issue rules run on each file alone; cross-document rules (XD) on all
    of `records` plus `context`, records of other issues (e.g. from the
    archive); findings are reported only for places in `records`.
    `issue_checks` holds per-issue findings computed already (those rules are
    not run again). With `finish` false the findings are returned as the rules
    made them, for a caller that joins several runs and then calls
    :func:`finish_findings` once (one slip seen by two runs is merged there).
    """
    from .checks import all_rules, run_rules

    config = config or Config()
    selected = config.select_rules(all_rules())
    done = issue_checks.rules if issue_checks is not None else frozenset()
    findings = list(issue_checks.findings) if issue_checks is not None else []
    todo = [r for r in selected if not is_cross_document(r) and r.code not in done]
    with held_objects() as hold:
        hold()  # what is alive now (the records above all) lives to the end of the check
        findings += check_issues(records, config, todo)
        cross = [r for r in selected if is_cross_document(r)]
        if cross:
            whole = records.with_context(context) if context is not None and len(context.documents) else records
            findings += run_rules(whole, config, cross)
        files = set(records.files) if context is None else set(records.own_files)
        if context is not None:
            findings = [f for f in findings if f.file in files]
        return finish_findings(findings, records) if finish else findings


def finish_findings(findings: list[Finding], records: Records) -> list[Finding]:
    """What every run does once to the findings of all its rules: silence inside text the tool
    cannot trust (PA08 says so once), drop repeats, merge one slip seen by two rules, group one
    pattern repeated through a document, sort, and link pairs reported from both sides."""
    findings = [f for f in findings if f.category == "parse" or not records.in_region(f.file, f.line)]
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
    config: Config | None = None,
) -> Report:
    """Bundle findings with what renderers need to show them.

    `config` (the one the findings were made with) is recorded in the run
    metadata with the rules it selects.
    """
    from . import __version__
    from .checks import all_rules
    from .locations import Locator

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
        locations=_locations(Locator(records), findings, docs),
        run=_run_metadata(records, config or Config()),
    )


def _locations(locator, findings: list[Finding], docs: list[DocumentInfo]) -> dict[tuple[str, int], object]:
    """Editor locations of every place a report shows: findings, their related places, documents."""
    out: dict[tuple[str, int], object] = {}
    for f in findings:
        out.setdefault((f.file, f.line), locator.locate(f.file, f.line, f.document))
        for r in f.related:
            out.setdefault((r.file, r.line), locator.locate(r.file, r.line, r.document))
    for d in docs:
        out.setdefault((d.file, d.line), locator.locate(d.file, d.line, d.label))
    return out


def _run_metadata(records: Records, config: Config) -> dict:
    """When, on what (with SHA-256 of each input) and with which configuration and rules."""
    import datetime as _dt
    import hashlib
    from dataclasses import asdict, is_dataclass

    from .checks import all_rules

    inputs = []
    for name in records.own_files:
        src = records.sources.get(name)
        try:
            data = Path(name).read_bytes()
        except OSError:
            data = ("\n".join(src.lines) if src is not None else "").encode("utf-8")
        inputs.append({"file": name, "sha256": hashlib.sha256(data).hexdigest(),
                       "lines": len(src.lines) if src is not None else 0})
    cfg = asdict(config) if is_dataclass(config) else {}
    return {
        "time": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "inputs": inputs,
        "config": {k: v for k, v in cfg.items() if v not in (None, [], {}, "")},
        "rules": [r.code for r in config.select_rules(all_rules())],
    }


def _s(v) -> str | None:
    return v if isinstance(v, str) and v else None


