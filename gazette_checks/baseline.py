"""Baselines: record today's findings, report only new ones from then on.

An entry is keyed on rule + document + normalised excerpt (``Finding.fingerprint``),
never on line numbers, so it survives re-pagination and edits elsewhere in the
file. Two identical findings need two entries: each entry suppresses one.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .exceptions import BaselineError
from .findings import Finding, fingerprint
from .renderers.base import write_atomic
from .report import Report

#: Version of the baseline file format. Bump only for breaking changes;
#: :func:`load_baseline` refuses other versions.
BASELINE_VERSION = 1


@dataclass(frozen=True)
class BaselineEntry:
    """One known finding. `fingerprint` is the key; the rest is for people
    reading the file (and for reporting stale entries)."""

    rule: str
    document: str
    fingerprint: str
    excerpt: str = ""
    message: str = ""
    file: str = ""

    @classmethod
    def from_finding(cls, f: Finding) -> BaselineEntry:
        """The entry that suppresses `f`."""
        return cls(f.rule, f.document, f.fingerprint, f.excerpt, f.message, f.file)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (also what ``Report.stale_baseline`` holds)."""
        return asdict(self)


def write_baseline(findings: Iterable[Finding], path: str | os.PathLike[str]) -> int:
    """Record `findings` as the baseline at `path` (atomically); return the entry count."""
    entries = sorted(
        (BaselineEntry.from_finding(f) for f in findings),
        key=lambda e: (e.file, e.rule, e.document, e.excerpt, e.message),
    )
    payload = {"version": BASELINE_VERSION, "entries": [e.to_dict() for e in entries]}
    write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def load_baseline(path: str | os.PathLike[str]) -> list[BaselineEntry]:
    """Read the baseline at `path`.

    Raises BaselineError (one line, naming the file) when it is missing,
    unreadable, not JSON, of another version, or has a malformed entry.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file {p} does not exist (create it with --write-baseline)") from None
    except UnicodeDecodeError:
        raise BaselineError(f"baseline file {p} is not UTF-8 text") from None
    except OSError as e:
        raise BaselineError(f"cannot read baseline file {p}: {e.strerror or e}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(f"baseline file {p} is not valid JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, dict):
        raise BaselineError(f"baseline file {p} must hold a JSON object with 'version' and 'entries'")
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"baseline file {p} has version {version!r}; this gazette-checks reads version {BASELINE_VERSION}"
        )
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise BaselineError(f"baseline file {p} has no 'entries' list")
    return [_entry(item, i, p) for i, item in enumerate(raw, start=1)]


def _entry(item: Any, i: int, path: Path) -> BaselineEntry:
    if not isinstance(item, dict):
        raise BaselineError(f"baseline file {path}: entry {i} is not an object")
    rule = item.get("rule")
    if not isinstance(rule, str) or not rule:
        raise BaselineError(f"baseline file {path}: entry {i} has no 'rule'")
    for key in ("document", "fingerprint", "excerpt", "message", "file"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise BaselineError(f"baseline file {path}: entry {i} has a non-text '{key}'")
    document = item.get("document") or ""
    excerpt = item.get("excerpt") or ""
    message = item.get("message") or ""
    fp = item.get("fingerprint") or ""
    if not fp:
        if not (excerpt or message):
            raise BaselineError(f"baseline file {path}: entry {i} has neither 'fingerprint' nor 'excerpt'")
        fp = fingerprint(rule, document, excerpt or message)
    return BaselineEntry(rule, document, fp, excerpt, message, item.get("file") or "")


def apply_baseline(
    findings: Sequence[Finding], entries: Iterable[BaselineEntry | dict[str, Any]]
) -> tuple[list[Finding], int, list[dict[str, Any]]]:
    """Drop the findings that `entries` know about.

    Each entry suppresses at most one finding with the same rule and
    fingerprint. Returns the kept findings (in their order), how many were
    suppressed, and the stale entries, those that matched nothing, as dicts
    ready for ``Report.stale_baseline``.
    """
    pool: dict[tuple[str, str], list[BaselineEntry]] = defaultdict(list)
    for e in entries:
        entry = e if isinstance(e, BaselineEntry) else _entry(e, 0, Path("<baseline>"))
        pool[(entry.rule, entry.fingerprint)].append(entry)
    suppressed = 0
    # Match in file/line order so that, of identical findings, the earliest are
    # the ones suppressed and the last one (likely the new one) is reported.
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    drop: set[int] = set()
    for i in order:
        f = findings[i]
        waiting = pool.get((f.rule, f.fingerprint))
        if waiting:
            waiting.pop(0)
            drop.add(i)
            suppressed += 1
    kept = [f for i, f in enumerate(findings) if i not in drop]
    stale = [e.to_dict() for waiting in pool.values() for e in waiting]
    return kept, suppressed, stale


def suppress(report: Report, entries: Iterable[BaselineEntry | dict[str, Any]]) -> None:
    """Apply `entries` to a ``Report`` in place: filter its findings and set
    ``suppressed`` and ``stale_baseline``."""
    kept, n, stale = apply_baseline(report.findings, entries)
    report.findings = kept
    report.suppressed += n
    report.stale_baseline = stale
