"""The result of a check run: what renderers receive (never DataFrames)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Severity, summarise

#: Version of the JSON output contract. Bump only for breaking changes
#: (never done yet); additions keep the version.
FORMAT_VERSION = 1


def is_tool_limit(f: Finding) -> bool:
    """True for a finding about the tool's own limits (what it could not parse), not the gazette."""
    return f.category == "parse"


@dataclass
class IssueInfo:
    """One gazette issue that was checked (from its masthead)."""

    file: str
    name: str | None = None
    number: int | None = None
    total_number: int | None = None
    year: int | None = None
    date: str | None = None
    frequency: str | None = None

    def label(self) -> str:
        """E.g. 牡丹江市人民政府公报 2022年第5期（总第20期）."""
        parts = [self.name or ""]
        if self.year and self.number:
            parts.append(f"{self.year}年第{self.number}期")
        elif self.number:
            parts.append(f"第{self.number}期")
        if self.total_number:
            parts.append(f"（总第{self.total_number}期）")
        return " ".join(p for p in parts if p).strip()


@dataclass
class DocumentInfo:
    """One document, for grouping findings in reports."""

    file: str
    line: int
    label: str  # 发文字号, or the title where there is none
    title: str
    doc_number: str | None = None
    date: str | None = None


@dataclass
class Report:
    """Everything a renderer may show.

    `findings` are the reported findings (after baseline suppression);
    `input_errors` are one-line messages for files that could not be read;
    `rules` maps a rule code to its metadata (see ``Rule.to_dict``);
    `sources` maps a file to its lines, for context around excerpts.
    """

    files: list[str]
    findings: list[Finding]
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: list[IssueInfo] = field(default_factory=list)
    documents: list[DocumentInfo] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    suppressed: int = 0
    stale_baseline: list[dict[str, Any]] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    lang: str = "zh"
    tool_version: str = ""
    sources: dict[str, list[str]] = field(default_factory=dict)
    #: editor locations (``locations.EditorLocation``) of the findings' places, by (file, line)
    locations: dict[tuple[str, int], Any] = field(default_factory=dict)
    #: run metadata: ``time``, ``inputs`` ([{file, sha256, lines}]), ``config`` (dict), ``rules`` (codes run)
    run: dict[str, Any] = field(default_factory=dict)

    @property
    def gazette_findings(self) -> list[Finding]:
        """Findings about the gazette, the ones a verdict is made of (not tool limits)."""
        return [f for f in self.findings if not is_tool_limit(f)]

    @property
    def tool_limits(self) -> list[Finding]:
        """Findings that say what the tool could not read or check (category ``parse``)."""
        return [f for f in self.findings if is_tool_limit(f)]

    @property
    def summary(self) -> dict[str, Any]:
        """Counts for the JSON ``summary`` object."""
        s = summarise(self.findings)
        s["files"] = len(self.files)
        s["documents"] = len(self.documents)
        s["issues"] = len(self.issues)
        s["input_errors"] = len(self.input_errors)
        s["suppressed"] = self.suppressed
        s["stale_baseline"] = len(self.stale_baseline)
        s["parse_problems"] = sum(1 for f in self.findings if f.category == "parse")
        return s

    @property
    def failed(self) -> bool:
        """True when a finding reaches the `fail_on` severity (see :attr:`failing`)."""
        return bool(self.failing)

    @property
    def failing(self) -> list[Finding]:
        """The findings that fail the run (the exit code and the HTML verdict alike): every one at
        `fail_on` or above except the limits of the tool marked ``data["limit"]`` (text not checked,
        a date an export leaves out). A text nothing was recognised in (PA04) is never a pass."""
        return [f for f in self.findings if f.severity.rank >= self.fail_on.rank and not f.data.get("limit")]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (version 1)."""
        return {
            "version": FORMAT_VERSION,
            "tool": {"name": "gazette-checks", "version": self.tool_version},
            "files": list(self.files),
            "issues": [vars(i).copy() for i in self.issues],
            "input_errors": list(self.input_errors),
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
            "stale_baseline": list(self.stale_baseline),
        }
