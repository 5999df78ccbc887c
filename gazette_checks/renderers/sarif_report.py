"""SARIF 2.1.0 output, for code-scanning services and SARIF viewers."""

from __future__ import annotations

import json
import os
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from ..findings import Finding, Location
from ..report import FORMAT_VERSION, Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: Key of our fingerprint in ``partialFingerprints`` (bump the suffix if the
#: way ``Finding.fingerprint`` is computed ever changes).
FINGERPRINT_KEY = "gazetteChecks/v1"

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_HELP_WORDS = {
    "zh": {"example_bad": "错误示例：", "example_good": "正确写法："},
    "en": {"example_bad": "Example: ", "example_good": "Use instead: "},
}


def artifact_uri(path: str) -> str:
    """`path` as a URI reference: relative paths stay relative (with /),
    absolute ones become file: URIs; other characters are percent-encoded."""
    if "://" in path:
        return path
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/-._~")


def _rule_descriptor(code: str, meta: dict[str, Any], lang: str) -> dict[str, Any]:
    title_zh = meta.get("title_zh") or ""
    title_en = meta.get("title_en") or ""
    title = (title_en if lang == "en" else title_zh) or title_zh or title_en or code
    reason = meta.get("reason") or title
    fix = meta.get("fix") or ""
    words = _HELP_WORDS["en" if lang == "en" else "zh"]
    examples = [
        words[key] + meta[key] for key in ("example_bad", "example_good") if meta.get(key)
    ]
    help_text = "\n\n".join(p for p in (reason, fix, "\n".join(examples)) if p)
    descriptor: dict[str, Any] = {
        "id": code,
        "name": meta.get("name") or code,
        "shortDescription": {"text": title},
        "fullDescription": {"text": reason},
        "help": {"text": help_text},
        "defaultConfiguration": {
            "level": _LEVELS.get(meta.get("severity") or "warning", "warning"),
            "enabled": bool(meta.get("default_enabled", True)),
        },
        "properties": {
            "category": meta.get("category") or "",
            "title_zh": title_zh,
            "title_en": title_en,
            "tags": [t for t in ("gazette", meta.get("category")) if t],
        },
    }
    return descriptor


def _physical(file: str, line: int, excerpt: str, index: int | None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": artifact_uri(file)}
    if index is not None:
        artifact["index"] = index
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line and line >= 1:
        region: dict[str, Any] = {"startLine": int(line)}
        if excerpt:
            region["snippet"] = {"text": excerpt}
        physical["region"] = region
    return physical


def _related(loc: Location, i: int, index: int | None) -> dict[str, Any]:
    related: dict[str, Any] = {"id": i, "physicalLocation": _physical(loc.file, loc.line, loc.excerpt, index)}
    if loc.document:
        related["message"] = {"text": loc.document}
    return related


def _result(f: Finding, rule_index: int, artifacts: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity.value],
        "message": {"text": f.message},
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.file:
        result["locations"] = [{"physicalLocation": _physical(f.file, f.line, f.excerpt, artifacts.get(f.file))}]
    related = [loc for loc in f.related if loc.file]
    if related:
        result["relatedLocations"] = [
            _related(loc, i, artifacts.get(loc.file)) for i, loc in enumerate(related, start=1)
        ]
    properties: dict[str, Any] = {"category": f.category}
    if f.document:
        properties["document"] = f.document
    if f.suggestion:
        properties["suggestion"] = f.suggestion
    result["properties"] = properties
    return result


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict."""
    codes = list(report.rules)
    for f in report.findings:
        if f.rule not in report.rules and f.rule not in codes:
            codes.append(f.rule)
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        meta = report.rules.get(code)
        if meta is None:  # a finding of a rule the report does not describe
            sample = next(f for f in report.findings if f.rule == code)
            meta = {"category": sample.category, "severity": sample.severity.value}
        rules.append(_rule_descriptor(code, meta, report.lang))

    files = list(dict.fromkeys(
        [*report.files, *(f.file for f in report.findings),
         *(r.file for f in report.findings for r in f.related)]
    ))
    files = [f for f in files if f]
    artifacts = {file: i for i, file in enumerate(files)}

    results = [_result(f, rule_index[f.rule], artifacts) for f in sorted(report.findings, key=Finding.sort_key)]

    driver: dict[str, Any] = {"name": "gazette-checks", "rules": rules}
    if report.tool_version:
        driver["version"] = report.tool_version
        driver["semanticVersion"] = report.tool_version
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.input_errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message}} for message in report.input_errors
        ]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "language": "en-US" if report.lang == "en" else "zh-CN",
        "artifacts": [{"location": {"uri": artifact_uri(file)}} for file in files],
        "results": results,
        "properties": {
            "formatVersion": FORMAT_VERSION,
            "suppressedByBaseline": report.suppressed,
            "staleBaselineEntries": len(report.stale_baseline),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (one run)."""
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
