"""gazette_checks: consistency checks for Chinese government gazettes (人民政府公报).

Read text → parse to records → validate (pandera schemas) → rules → findings → renderers.

The public API (everything else is internal):

* :func:`parse` (text or a Path), :func:`parse_paths` → :class:`Records`
* :func:`check`, :func:`check_paths`, :func:`check_frames` → list of :class:`Finding`
* :func:`render_findings` → text in any of :func:`formats`
* :func:`from_frames`, :func:`from_csv_dir`, :func:`from_json` → :class:`Records` from tables (of
  another project, or written by ``parse --format csv|json``: these give the same findings as the text)
* :mod:`gazette_checks.validators` (发文字号, dates, organ names, totals on a str or a Series),
  :mod:`gazette_checks.schemas` (pandera schemas and registered checks),
  :mod:`gazette_checks.gx` (Great Expectations suites)

Heavy modules (pandas, pandera, Great Expectations) are imported on first use, so
``import gazette_checks`` is cheap.
"""

from __future__ import annotations

import sys as _sys
import types as _types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .api import (  # noqa: F401
        check,
        check_frames,
        check_paths,
        formats,
        parse,
        parse_paths,
        render_findings,
    )
    from .config import Config, load_config  # noqa: F401
    from .findings import Finding, Location, Severity  # noqa: F401
    from .records import Records  # noqa: F401
    from .records_io import from_csv_dir, from_frames, from_json  # noqa: F401
    from .validators import (  # noqa: F401
        check_table_totals,
        is_cn_date,
        is_doc_number,
        normalize_organ,
        parse_date,
        validate_doc_number,
    )

#: Public name → module that defines it (imported on first access).
_LAZY = {
    "parse": "api",
    "parse_paths": "api",
    "check": "api",
    "check_paths": "api",
    "check_frames": "api",
    "render_findings": "api",
    "formats": "api",
    "from_frames": "records_io",
    "from_csv_dir": "records_io",
    "from_json": "records_io",
    "validate_doc_number": "validators",
    "is_doc_number": "validators",
    "parse_date": "validators",
    "is_cn_date": "validators",
    "normalize_organ": "validators",
    "check_table_totals": "validators",
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
        value = getattr(module, name)
        globals()[name] = value  # later look-ups skip __getattr__
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(_types.ModuleType):
    """Keeps the public verbs when a submodule of the same name is imported.

    Importing ``gazette_checks.parse`` (the parser module) would otherwise
    replace the function :func:`parse` on the package with the module.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, _types.ModuleType):
            return  # the submodule stays reachable as sys.modules["gazette_checks.<name>"]
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
