"""Renderers: a Report → text in one output format. Each format is a module."""

from __future__ import annotations

import importlib

from ..report import Report
from .base import write_atomic

#: Format name → module (each module has ``render(report) -> str``).
FORMATS: dict[str, str] = {
    "json": "json_report",
    "text": "text_report",
    "html": "html_report",
    "junit": "junit_report",
    "sarif": "sarif_report",
    "github": "github_report",
}

__all__ = ["FORMATS", "render", "write_atomic"]


def render(report: Report, fmt: str) -> str:
    """Render `report` in format `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render(report)
