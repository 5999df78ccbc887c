"""The public verbs: parse, check, render (re-exported by :mod:`gazette_checks`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import Finding
from .records import Records

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

PathArg = str | os.PathLike[str]

__all__ = ["check", "check_frames", "check_paths", "formats", "parse", "parse_paths",
           "render_findings"]


def parse(text: str | os.PathLike[str], name: str = "<string>") -> Records:
    """Parse gazette `text` (already decoded) into records; `name` is the ``file`` of every row.

    A :class:`pathlib.Path` (any ``os.PathLike``) is read as a file instead, as
    :func:`parse_paths` does; a plain ``str`` is always text.
    """
    if isinstance(text, os.PathLike):
        return parse_paths(text)
    from .parse import parse_text

    return parse_text(text, name)


def parse_paths(paths: PathArg | Iterable[PathArg]) -> Records:
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
    """Run the rules on `records` (or on gazette text) and return the findings.

    `context` holds records of other issues that cross-document rules compare
    against; findings are reported only for `records`. A `config` naming a rule,
    option or value that does not exist raises :class:`~gazette_checks.exceptions.ConfigError`.
    """
    from .engine import check_records

    if config is not None:
        from .checks import all_rules

        config.validate(all_rules())
    if isinstance(records, str):
        records = parse(records)
    return check_records(records, config, context)


def check_paths(paths: PathArg | Iterable[PathArg], config: Config | None = None) -> list[Finding]:
    """Parse `paths` and run the rules on all of them together."""
    return check(parse_paths(paths), config)


def check_frames(
    documents: pd.DataFrame | None = None,
    toc: pd.DataFrame | None = None,
    issues: pd.DataFrame | None = None,
    config: Config | None = None,
    **tables: pd.DataFrame,
) -> list[Finding]:
    """Run the record-level and cross-document rules on DataFrames (no gazette text).

    Columns follow :data:`gazette_checks.records.COLUMNS`; see
    :func:`gazette_checks.records_io.from_frames`. Findings have no excerpt.
    """
    from .records_io import from_frames

    return check(from_frames(documents=documents, toc=toc, issues=issues, **tables), config)


def formats() -> list[str]:
    """The formats :func:`render_findings` can write."""
    from .renderers import FORMATS as registered

    return list(registered)


def render_findings(findings: list[Finding], fmt: str = "json", records: Records | None = None, **kw) -> str:
    """Render findings in `fmt` (json, text, html, junit, sarif, github).

    With `records`, reports list the files, issues and documents checked and show
    source lines; `kw` goes to the report (``fail_on=``, ``lang="en"``).
    """
    from .engine import build_report
    from .renderers import render

    report = build_report(records or Records(), findings, **kw)
    if records is None:
        report.files = sorted({f.file for f in findings})
    return render(report, fmt)
