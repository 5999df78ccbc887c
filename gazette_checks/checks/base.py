"""Rule metadata and the context a rule runs in."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import CATEGORIES, Finding, Location, Severity, excerpt_around
from ..records import na_last, row_dicts, text_order

if TYPE_CHECKING:
    from ..config import Config
    from ..records import Records

CheckFunc = Callable[["RuleContext"], Iterable[Finding]]

#: Every rule module registers here through :func:`rule`.
_DEFINED: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """A check with a stable code and the words that explain it.

    `reason` says why the problem matters (citing GB/T 9704-2012 or the
    党政机关公文处理工作条例 where one applies); `fix` says what to do.
    """

    code: str
    name: str
    category: str
    severity: Severity
    title_zh: str
    title_en: str
    reason: str
    func: CheckFunc = field(repr=False, compare=False)
    fix: str = ""
    options: dict[str, Any] = field(default_factory=dict, compare=False)
    default_enabled: bool = True
    since: str = "0.1"
    example_bad: str = ""
    example_good: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Metadata for `rules --format json`, SARIF and the HTML report."""
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "reason": self.reason,
            "fix": self.fix,
            "options": dict(self.options),
            "default_enabled": self.default_enabled,
            "since": self.since,
            "example_bad": self.example_bad,
            "example_good": self.example_good,
        }


def rule(
    code: str,
    name: str,
    category: str,
    severity: str,
    title_zh: str,
    title_en: str,
    reason: str,
    *,
    fix: str = "",
    options: dict[str, Any] | None = None,
    default_enabled: bool = True,
    example_bad: str = "",
    example_good: str = "",
) -> Callable[[CheckFunc], CheckFunc]:
    """Register the decorated function as rule `code` (codes are never reused)."""
    if category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {category!r}")
    if len(code) != 4 or not code[:2].isalpha() or not code[2:].isdigit():
        raise ValueError(f"rule code {code!r} must be two letters and two digits")

    def deco(func: CheckFunc) -> CheckFunc:
        if code in _DEFINED and _DEFINED[code].func is not func:
            raise ValueError(f"rule code {code} defined twice")
        _DEFINED[code] = Rule(
            code=code,
            name=name,
            category=category,
            severity=Severity.parse(severity),
            title_zh=title_zh,
            title_en=title_en,
            reason=reason,
            func=func,
            fix=fix,
            options=dict(options or {}),
            default_enabled=default_enabled,
            example_bad=example_bad,
            example_good=example_good,
        )
        return func

    return deco


class RuleContext:
    """What one rule may read (records, options) and how it reports."""

    def __init__(self, rule: Rule, records: Records, config: Config) -> None:
        self.rule = rule
        self.records = records
        self.config = config
        self.severity = config.severity_for(rule)
        self.line_text = records.line_text  # the method below, without one call per line

    def option(self, name: str) -> Any:
        """The configured value of option `name`, or the rule's default."""
        return self.config.option(self.rule, name)

    @property
    def frames(self) -> Records:
        """Shortcut for the records."""
        return self.records

    def line_text(self, file: str, line: int) -> str:
        """The cleaned text that begins at original `line` (1-based) of `file`, or '' (see
        :meth:`Records.line_text`)."""
        return self.records.line_text(file, line)

    def document_spans(self) -> Iterator[tuple[str, dict, int, int]]:
        """(file, document row, first line, last line) of each document of the files being checked
        (not of archive context), in file and position order. The rows are shared by every rule:
        read them, do not change them."""
        docs = self.records.documents
        cache = self.records.__dict__.get("_spans")
        if cache is None or cache[0] is not docs:  # built once per records, shared by every rule
            spans = []
            if len(docs):
                own = set(self.records.own_files)
                mine = [d for d in row_dicts(docs) if d["file"] in own]
                for d in sorted(mine, key=lambda d: (d["file"], na_last(d["position"]))):
                    if d["line"] is None or d["line"] != d["line"]:
                        continue
                    start = int(d["line"])
                    end = d.get("end_line")
                    end = start if end is None or end != end else int(end)
                    spans.append((d["file"], d, start, end))
            cache = (docs, spans)
            self.records.__dict__["_spans"] = cache
        yield from cache[1]

    def shared(self, key: tuple, build: Callable[[], Any]) -> Any:
        """`build()`, computed once per records and `key` and shared by every rule that asks.

        For intermediate data several rules derive from the same tables (organ
        names, TOC matches...). `key` names the data and whatever else it depends
        on (an option, the organ file); the value is rebuilt when a table of the
        records has been replaced. Callers read the value, never change it.
        """
        from ..records import TABLE_NAMES

        recs = self.records
        tables = tuple(getattr(recs, n) for n in TABLE_NAMES)
        memo = recs.__dict__.setdefault("_shared", {})
        hit = memo.get(key)
        if hit is not None and len(hit[0]) == len(tables) and all(a is b for a, b in zip(hit[0], tables, strict=True)):
            return hit[1]
        value = build()
        memo[key] = (tables, value)
        return value

    def mentions(self, kind: str) -> list[tuple[dict, dict]]:
        """(document row, mention row) for each ``mentions`` row of `kind` in the documents of
        :meth:`document_spans`, in file, line and column order; a JSON ``value`` (what the
        extractor packed, an object) is read back into ``data``. Shared by every rule: read, do not change."""
        def build() -> dict[str, list[tuple[dict, dict]]]:
            docs = {d["doc_id"]: d for _, d, _, _ in self.document_spans()}
            m = self.records.mentions
            out: dict[str, list[tuple[dict, dict]]] = {}
            if not len(m):
                return out
            for row in sorted((r for r in row_dicts(m) if r["doc_id"] in docs), key=text_order):
                v = row["value"]
                row["data"] = json.loads(v) if isinstance(v, str) and v[:1] == "{" else None
                out.setdefault(row["kind"], []).append((docs[row["doc_id"]], row))
            return out

        return self.shared(("mentions_by_kind",), build).get(kind, [])

    def document_lines(self, *, tables: bool = False) -> Iterator[tuple[dict, int, str]]:
        """(document row, line number, cleaned text) for each line of :meth:`document_spans`.

        The text is the text stage's (see :meth:`Records.line_text`): a paragraph
        rejoined from several lines comes once, at its first line; page furniture
        reads as ''. Table rows (:func:`gazette_checks.patterns.is_table_row`, the parser's
        test) are left out unless `tables`.
        """
        docs = self.records.documents
        cache = self.records.__dict__.get("_doc_lines")
        if cache is None or cache[0] is not docs:  # built once per records, shared by every rule
            from ..patterns import is_table_row

            line_text = self.records.line_text
            every: list[tuple[dict, int, str]] = []
            for file, d, start, end in self.document_spans():
                every.extend((d, line, line_text(file, line))
                             for line in self.records.reading_order(file, start, end))
            cache = (docs, every, [t for t in every if not is_table_row(t[2])])
            self.records.__dict__["_doc_lines"] = cache
        yield from cache[1] if tables else cache[2]

    def finding(
        self,
        file: str,
        line: int,
        message: str,
        *,
        needle: str = "",
        excerpt: str | None = None,
        document: str = "",
        related: Iterable[Location] = (),
        suggestion: str = "",
        data: dict[str, Any] | None = None,
        severity: str | Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule.

        The excerpt is the original line around `needle` unless given.
        `severity` overrides the rule's default only where configuration
        does not set one.
        """
        span = None
        if excerpt is None:
            excerpt, span = excerpt_around(self.records.excerpt_text(file, line), needle)
            line = self.records.locate(file, line, needle)  # the line of the offending text itself
        elif needle and needle in excerpt:
            i = excerpt.find(needle)
            span = (i, i + len(needle))
        sev = self.severity
        if severity is not None and not self.config.overrides_severity(self.rule.code):
            sev = Severity.parse(severity)
        return Finding(
            rule=self.rule.code,
            category=self.rule.category,
            severity=sev,
            file=file,
            line=int(line),
            message=message,
            excerpt=excerpt,
            document=document,
            related=list(related),
            suggestion=suggestion,
            span=span,
            data=dict(data or {}),
        )

    def location(self, file: str, line: int, needle: str = "", document: str = "") -> Location:
        """A related location with its excerpt."""
        text, _ = excerpt_around(self.records.excerpt_text(file, line), needle)
        return Location(file=file, line=int(line), excerpt=text, document=document)


def run_rule(rule_: Rule, records: Records, config: Config) -> Iterator[Finding]:
    """Run one rule and yield its findings."""
    ctx = RuleContext(rule_, records, config)
    yield from rule_.func(ctx)
