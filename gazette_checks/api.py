"""The public verbs: parse, check, render."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .config import Config
from .findings import Finding
from .records import Records


def parse(text: str, name: str = "<string>") -> Records:
    """Parse gazette `text` (already decoded) into records."""
    from .parse import parse_text

    return parse_text(text, name)


def parse_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Records:
    """Read and parse files or directories of ``.txt``; unreadable files raise
    :class:`~gazette_checks.exceptions.InputError` (the first one)."""
    from .engine import parse_paths as _parse_paths
    from .exceptions import InputError

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    records, errors = _parse_paths([Path(p) if not isinstance(p, str) else p for p in paths])
    if errors:
        raise InputError(errors[0])
    return records


def check(records: Records | str, config: Config | None = None, context: Records | None = None) -> list[Finding]:
    """Run the rules on `records` (or on gazette text) and return the findings."""
    from .engine import check_records

    if isinstance(records, str):
        records = parse(records)
    return check_records(records, config, context)


def check_paths(paths, config: Config | None = None) -> list[Finding]:
    """Parse `paths` and run the rules on all of them together."""
    return check(parse_paths(paths), config)


def render_findings(findings: list[Finding], fmt: str = "json", records: Records | None = None, **kw) -> str:
    """Render findings in `fmt` (json, text, html, junit, sarif, github)."""
    from .engine import build_report
    from .renderers import render

    report = build_report(records or Records(), findings, **kw)
    if records is None:
        report.files = sorted({f.file for f in findings})
    return render(report, fmt)
