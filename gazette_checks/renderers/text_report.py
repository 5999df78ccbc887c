"""Terminal output: findings by file, the offending text pointed at, a summary."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..findings import CATEGORIES, Finding
from ..report import Report
from .html_report import CATEGORY_LABELS, SEVERITY_LABELS, UI, diff_view, total_view

_SEV_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_MARK = "\033[1;4;31m"
_DEL = "\033[9;31m"
_INS = "\033[4;32m"
_RESET = "\033[0m"

_WORDS = {
    "zh": {
        "no_file": "（无文件）",
        "suggestion": "建议：",
        "see_also": "另见",
        "stated": "所写 {stated}，核算 {computed}",
        "parts": "（{parts}）",
        "colon": "：",
        "text_a": "文本一：",
        "text_b": "文本二：",
        "checked": "检查了 {files} 个文件（{issues} 期公报，{documents} 件公文）：",
        "counts": "{error} 处错误，{warning} 处警告，{info} 处提示。",
        "clean": "没有发现问题。",
        "by_category": "按类别：",
        "sep": "，",
        "suppressed": "按基线忽略了 {n} 处已知问题。",
        "stale": "基线中有 {n} 条记录已不再出现，可以删除：",
        "unreadable": "无法读取：",
        "unparsed": "另有 {n} 处内容未能解析，其中的问题未被检查。",
    },
    "en": {
        "no_file": "(no file)",
        "suggestion": "suggestion: ",
        "see_also": "see also",
        "stated": "stated {stated}, computed {computed}",
        "parts": " ({parts})",
        "colon": ": ",
        "text_a": "text A: ",
        "text_b": "text B: ",
        "checked": "Checked {files} file(s) ({issues} issue(s), {documents} document(s)): ",
        "counts": "{error} error(s), {warning} warning(s), {info} info.",
        "clean": "no problems found.",
        "by_category": "By category: ",
        "sep": ", ",
        "suppressed": "{n} known finding(s) suppressed by the baseline.",
        "stale": "{n} baseline entr(y/ies) no longer occur and can be removed:",
        "unreadable": "could not read: ",
        "unparsed": "{n} passage(s) could not be parsed; problems in them were not checked.",
    },
}

_INDENT = "    "

#: Control characters (escape sequences included) never reach the terminal
#: from input text: a gazette could otherwise recolour or rewrite the screen.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _s(text: object) -> str:
    """Input text made safe for one terminal line."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\r\n" else "\ufffd", str(text))


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (CJK characters take two)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def render(report: Report, colour: bool = False) -> str:
    """One ``file:line: severity RULE message`` line per finding (in file and
    line order), its text with the offending part pointed at, then a summary.

    ANSI colours only when `colour` is true (the caller decides: a terminal,
    no ``NO_COLOR``)."""
    lang = report.lang if report.lang in _WORDS else "zh"
    w = _WORDS[lang]
    sev_labels = SEVERITY_LABELS[lang]

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour and text else text

    out: list[str] = []
    for f in sorted(report.findings, key=Finding.sort_key):
        file = _s(f.file) or w["no_file"]
        where = f"{file}:{f.line}:" if f.line else f"{file}:"
        head = (
            f"{paint(where, _BOLD)} {paint(sev_labels[f.severity.value], _SEV_COLOURS[f.severity.value])} "
            f"{paint(_s(f.rule), _BOLD)} {_s(f.message)}"
        )
        if f.document:
            head += paint(f"  [{_s(f.document)}]", _DIM)
        out.append(head)
        out.extend(_excerpt_lines(f, colour))
        out.extend(_data_lines(f, lang, colour))
        if f.suggestion:
            out.append(_INDENT + w["suggestion"] + _s(f.suggestion))
        for r in f.related:
            line = f"{_INDENT}{w['see_also']} {_s(r.file)}:{r.line}"
            if r.document and r.document != f.document:
                line += f"  [{_s(r.document)}]"
            out.append(line)
            if r.excerpt:
                out.append(_INDENT + "  | " + _s(r.excerpt))
        out.append("")

    out.extend(_summary(report, w, lang, colour))
    return "\n".join(out) + "\n"


def _excerpt_lines(f: Finding, colour: bool) -> list[str]:
    if not f.excerpt:
        return []
    text = _s(f.excerpt)
    span = f.span
    if span and 0 <= span[0] < span[1] <= len(text):
        a, b = span
        if colour:
            return [f"{_INDENT}| {text[:a]}{_MARK}{text[a:b]}{_RESET}{text[b:]}"]
        pad = " " * display_width(text[:a])
        return [f"{_INDENT}| {text}", f"{_INDENT}| {pad}{'^' * max(1, display_width(text[a:b]))}"]
    return [f"{_INDENT}| {text}"]


def _data_lines(f: Finding, lang: str, colour: bool) -> list[str]:
    w = _WORDS[lang]
    lines: list[str] = []
    data = f.data or {}
    total = total_view(data, UI[lang])
    if total is not None:
        line = _INDENT + w["stated"].format(stated=_s(total.stated), computed=_s(total.computed))
        if total.parts:
            shown = total.joiner.join(_s(f"{label}{w['colon']}{value}" if label else value) for label, value in total.parts)
            line += w["parts"].format(parts=shown)
        lines.append(line)
    diff = diff_view(f, UI[lang])
    if diff is not None:
        # sides named by role; marks from the finding's own aligned edit
        for label, segs, code, (before, after) in ((diff.label_a, diff.a, _DEL, ("[-", "-]")),
                                                     (diff.label_b, diff.b, _INS, ("{+", "+}"))):
            shown = [type(seg)(_s(seg.text), seg.marked) for seg in segs]
            lines.append(_INDENT + _s(label) + w["colon"] + _marked(shown, code if colour else None, before, after))
    return lines


def _marked(segments: list, code: str | None, before: str, after: str) -> str:
    """Join diff segments, marking the changed ones with colour `code` or brackets."""
    out = []
    for seg in segments:
        if not seg.marked:
            out.append(seg.text)
        elif code:
            out.append(f"{code}{seg.text}{_RESET}")
        else:
            out.append(f"{before}{seg.text}{after}")
    return "".join(out)


def _summary(report: Report, w: dict[str, str], lang: str, colour: bool) -> list[str]:
    s = report.summary
    by_sev = s["by_severity"]
    lines: list[str] = []
    head = w["checked"].format(files=s["files"], issues=s["issues"], documents=s["documents"])
    if s["total"]:
        counts = w["counts"].format(
            **{
                sev: f"{_SEV_COLOURS[sev]}{n}{_RESET}" if colour and n else str(n)
                for sev, n in by_sev.items()
            }
        )
        lines.append(head + counts)
        cats = Counter(f.category for f in report.findings)
        labels = CATEGORY_LABELS[lang]
        lines.append(
            w["by_category"] + w["sep"].join(f"{labels[c]} {cats[c]}" for c in CATEGORIES if cats[c])
        )
    else:
        lines.append(head + w["clean"])
    parse_problems = s.get("parse_problems", 0)
    if parse_problems:
        lines.append(w["unparsed"].format(n=parse_problems))
    for e in report.input_errors:
        lines.append(w["unreadable"] + _s(e))
    if report.suppressed:
        lines.append(w["suppressed"].format(n=report.suppressed))
    if report.stale_baseline:
        lines.append(w["stale"].format(n=len(report.stale_baseline)))
        for e in report.stale_baseline:
            d = e if isinstance(e, dict) else getattr(e, "to_dict", dict)()
            where = f"  {d.get('file')}" if d.get("file") else ""
            text = f"{d.get('rule', '')} [{d.get('document', '')}] {d.get('message') or d.get('excerpt', '')}{where}"
            lines.append(_INDENT + _s(text))
    return lines
