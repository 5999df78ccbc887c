"""JUnit XML output: one test case per rule and file, for CI test tabs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..findings import Finding
from ..report import Report

#: Characters XML 1.0 cannot carry at all (ElementTree would write them and
#: produce a file no parser accepts); gazette text from PDFs has form feeds.
_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Severities that fail a test case; info findings only go to system-out.
_FAILING = ("error", "warning")


def _clean(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def _describe(f: Finding) -> str:
    """One finding as a few plain lines for the failure body."""
    lines = [f"{f.file}:{f.line}: [{f.severity.value}] {f.rule} {f.message}"]
    if f.document:
        lines.append(f"  document: {f.document}")
    if f.excerpt:
        lines.append(f"  text: {f.excerpt}")
    if f.suggestion:
        lines.append(f"  suggestion: {f.suggestion}")
    for r in f.related:
        lines.append(f"  see also: {r.file}:{r.line}" + (f" {r.excerpt}" if r.excerpt else ""))
    return "\n".join(lines)


def _title(report: Report, code: str) -> str:
    meta = report.rules.get(code, {})
    lang_title = meta.get("title_en") if report.lang == "en" else meta.get("title_zh")
    return lang_title or meta.get("title_zh") or meta.get("title_en") or meta.get("name") or ""


def render(report: Report) -> str:
    """A <testsuites> document: a <testsuite> per file, a <testcase> per rule.

    A case fails (one <failure>, listing every finding) when the rule found an
    error or warning in the file; info findings go to <system-out>. Files that
    could not be read become a suite with an <error>.
    """
    by_file_rule: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in sorted(report.findings, key=Finding.sort_key):
        by_file_rule[(f.file, f.rule)].append(f)

    files = list(dict.fromkeys([*report.files, *(f.file for f in report.findings)]))
    codes = sorted(set(report.rules) | {f.rule for f in report.findings})

    root = ET.Element("testsuites", name="gazette-checks")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for file in files:
        suite = ET.SubElement(root, "testsuite", name=_clean(file or "-"))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for code in codes:
            found = by_file_rule.get((file, code), [])
            title = _title(report, code)
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(file or "-"),
                name=_clean(f"{code} {title}".strip()),
                time="0",
            )
            counts["tests"] += 1
            failing = [f for f in found if f.severity.value in _FAILING]
            if failing:
                counts["failures"] += 1
                first = failing[0]
                more = f" (+{len(failing) - 1})" if len(failing) > 1 else ""
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_clean(f"{first.file}:{first.line}: {first.message}{more}"),
                    type=max(failing, key=lambda f: f.severity.rank).severity.value,
                )
                failure.text = _clean("\n\n".join(_describe(f) for f in failing))
            infos = [f for f in found if f.severity.value not in _FAILING]
            if infos:
                out = ET.SubElement(case, "system-out")
                out.text = _clean("\n\n".join(_describe(f) for f in infos))
        _set_counts(suite, counts)
        for k, n in counts.items():
            totals[k] += n

    if report.input_errors:
        suite = ET.SubElement(root, "testsuite", name="input")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for message in report.input_errors:
            case = ET.SubElement(suite, "testcase", classname="input", name=_clean(message), time="0")
            err = ET.SubElement(case, "error", message=_clean(message), type="input")
            err.text = _clean(message)
            counts["tests"] += 1
            counts["errors"] += 1
        _set_counts(suite, counts)
        for k, n in counts.items():
            totals[k] += n

    _set_counts(root, totals)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _set_counts(element: ET.Element, counts: dict[str, int]) -> None:
    for k in ("tests", "failures", "errors", "skipped"):
        element.set(k, str(counts[k]))
    element.set("time", "0")
