"""The finding model: what every check produces and every renderer consumes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

#: Categories of the JSON contract (version 1). Never remove one.
CATEGORIES: tuple[str, ...] = (
    "dates",
    "numbering",
    "departments",
    "totals",
    "deadlines",
    "toc",
    "crossdoc",
    "format",
    "schema",
    "parse",
)


class Severity(str, Enum):
    """How much a finding matters; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Return the severity named by `value` (case-insensitive)."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}; use error, warning or info") from None


@dataclass(frozen=True)
class Location:
    """A place in an input file: `file` as given, 1-based `line`, optional excerpt."""

    file: str
    line: int
    excerpt: str = ""
    document: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form: file and line always, excerpt/document when known."""
        d: dict[str, Any] = {"file": self.file, "line": self.line}
        if self.excerpt:
            d["excerpt"] = self.excerpt
        if self.document:
            d["document"] = self.document
        return d


@dataclass
class Finding:
    """One problem found in the gazette text.

    `excerpt` is the text of the offending line (or cell); `span` marks the
    offending part of it as ``(start, end)`` character offsets into `excerpt`.
    `document` names the document (发文字号, or the title where there is none).
    `related` holds the other places of a cross-document finding.
    `data` carries structured evidence for renderers (stated vs. computed total,
    the two texts of a reprint difference, ...).
    """

    rule: str
    category: str
    severity: Severity
    file: str
    line: int
    message: str
    excerpt: str = ""
    document: str = ""
    related: list[Location] = field(default_factory=list)
    suggestion: str = ""
    span: tuple[int, int] | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.severity = Severity.parse(self.severity)
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")

    @property
    def fingerprint(self) -> str:
        """A key stable across re-pagination: rule, document and normalised excerpt."""
        return fingerprint(self.rule, self.document, self.excerpt or self.message)

    def sort_key(self) -> tuple:
        """Order by file, line, rule."""
        return (self.file, self.line, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's finding object (version 1)."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "excerpt": self.excerpt,
            "document": self.document,
            "related": [r.to_dict() for r in self.related],
            "suggestion": self.suggestion,
        }
        if self.span is not None:
            d["span"] = list(self.span)
        if self.data:
            d["data"] = _jsonable(self.data)
        d["fingerprint"] = self.fingerprint
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict` (unknown keys are ignored)."""
        return cls(
            rule=d["rule"],
            category=d["category"],
            severity=Severity.parse(d["severity"]),
            file=d.get("file", ""),
            line=int(d.get("line") or 0),
            message=d.get("message", ""),
            excerpt=d.get("excerpt", ""),
            document=d.get("document", ""),
            related=[
                Location(r.get("file", ""), int(r.get("line") or 0), r.get("excerpt", ""), r.get("document", ""))
                for r in d.get("related", [])
            ],
            suggestion=d.get("suggestion", ""),
            span=tuple(d["span"]) if d.get("span") else None,
            data=d.get("data") or {},
        )


def normalise_excerpt(text: str) -> str:
    """Fold width and drop whitespace, so layout changes keep the same key."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(text.split())


def fingerprint(rule: str, document: str, excerpt: str) -> str:
    """Hash of rule + document + normalised excerpt (16 hex digits)."""
    raw = "\x1f".join((rule, normalise_excerpt(document), normalise_excerpt(excerpt)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def summarise(findings: list[Finding]) -> dict[str, Any]:
    """Counts by severity and by category, as in the JSON ``summary``."""
    by_sev = {s.value: 0 for s in Severity}
    by_cat = {c: 0 for c in CATEGORIES}
    for f in findings:
        by_sev[f.severity.value] += 1
        by_cat[f.category] += 1
    return {"total": len(findings), "by_severity": by_sev, "by_category": by_cat}


def raw_needle(line: str, squashed: str) -> str:
    """The span of `line` that reads as `squashed` once spaces and ``**`` are ignored, or ''."""
    if not squashed or squashed in line:
        return squashed
    pat = r"(?:\s|\*\*)*".join(re.escape(ch) for ch in squashed)
    m = re.search(pat, line)
    return m.group(0) if m else ""


def excerpt_around(line_text: str, needle: str, width: int = 60) -> tuple[str, tuple[int, int] | None]:
    """Cut `line_text` to about `width` characters around `needle`.

    Returns the excerpt and the span of `needle` inside it (None if absent).
    """
    text = line_text.strip()
    needle = raw_needle(text, needle) if needle else ""
    i = text.find(needle) if needle else -1
    if i < 0:
        return (text[:width] + ("…" if len(text) > width else "")), None
    if len(text) <= width:
        return text, (i, i + len(needle))
    start = max(0, i - (width - len(needle)) // 2)
    end = min(len(text), start + max(width, len(needle)))
    start = max(0, min(start, end - width))
    pre = "…" if start > 0 else ""
    post = "…" if end < len(text) else ""
    return pre + text[start:end] + post, (len(pre) + i - start, len(pre) + i - start + len(needle))
