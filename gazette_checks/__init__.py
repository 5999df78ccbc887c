"""gazette_checks: consistency checks for Chinese government gazettes (人民政府公报).

Read text → parse to records → validate (pandera schemas) → rules → findings → renderers.
Heavy modules (pandas, pandera) are imported on first use, so ``import gazette_checks`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import check, check_paths, parse, parse_paths, render_findings  # noqa: F401

_LAZY = {
    "parse": "api",
    "parse_paths": "api",
    "check": "api",
    "check_paths": "api",
    "render_findings": "api",
    "Finding": "findings",
    "Severity": "findings",
    "Location": "findings",
    "Records": "records",
    "Config": "config",
    "load_config": "config",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
