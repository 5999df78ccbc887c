"""GitHub Actions output: workflow commands that become annotations on the files."""

from __future__ import annotations

from ..findings import Finding
from ..report import Report

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_WORDS = {
    "zh": {"text": "原文：", "suggestion": "建议：", "see_also": "另见 "},
    "en": {"text": "Text: ", "suggestion": "Suggestion: ", "see_also": "See also "},
}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    """One ``::level k=v,...::message`` line; empty properties are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value not in (None, "", 0)
    )
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def _message(f: Finding, lang: str) -> str:
    w = _WORDS.get(lang, _WORDS["zh"])
    lines = [f.message]
    if f.document:
        lines.append(f"[{f.document}]")
    if f.excerpt:
        lines.append(w["text"] + f.excerpt)
    if f.suggestion:
        lines.append(w["suggestion"] + f.suggestion)
    for r in f.related:
        lines.append(f"{w['see_also']}{r.file}:{r.line}" + (f" {r.excerpt}" if r.excerpt else ""))
    return "\n".join(lines)


def render(report: Report) -> str:
    """Workflow commands, most serious first (GitHub shows only the first few
    annotations of each kind per step), then a plain summary line."""
    out: list[str] = []
    for message in report.input_errors:
        out.append(command("error", message, title="gazette-checks"))
    ordered = sorted(report.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    for f in ordered:
        meta = report.rules.get(f.rule, {})
        title = meta.get("title_en") if report.lang == "en" else meta.get("title_zh")
        out.append(
            command(
                _COMMANDS[f.severity.value],
                _message(f, report.lang),
                file=f.file,
                line=f.line if f.line >= 1 else None,
                title=f"{f.rule} {title}" if title else f.rule,
            )
        )
    s = report.summary["by_severity"]
    out.append(
        f"gazette-checks: {len(report.files)} file(s), {s['error']} error(s), "
        f"{s['warning']} warning(s), {s['info']} info"
        + (f", {report.suppressed} suppressed by baseline" if report.suppressed else "")
    )
    return "\n".join(out) + "\n"
