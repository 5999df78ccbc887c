"""JSON output: the versioned contract (see ``report.FORMAT_VERSION``)."""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report) -> str:
    """The report as one JSON object, UTF-8, Chinese kept readable."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
