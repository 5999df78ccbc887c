"""Terminal output: one line per finding, coloured when asked."""

from __future__ import annotations

from ..report import Report

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def render(report: Report, colour: bool = False) -> str:
    """`file:line: SEVERITY RULE message` lines, then a summary line."""
    out: list[str] = []
    for f in report.findings:
        sev = f.severity.value
        tag = f"{_COLOURS[sev]}{sev}{_RESET}" if colour else sev
        line = f"{f.file}:{f.line}: {tag} {f.rule} {f.message}"
        if f.document:
            line += f"  [{f.document}]"
        out.append(line)
        if f.excerpt:
            out.append(f"    | {f.excerpt}")
        if f.suggestion:
            out.append(f"    → {f.suggestion}")
        for r in f.related:
            out.append(f"    also {r.file}:{r.line}" + (f"  {r.excerpt}" if r.excerpt else ""))
    for e in report.input_errors:
        out.append(f"error: {e}")
    s = report.summary["by_severity"]
    out.append(
        f"{len(report.files)} file(s), {report.summary['documents']} document(s): "
        f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
        + (f"; {report.suppressed} suppressed by baseline" if report.suppressed else "")
    )
    return "\n".join(out) + "\n"
