"""Text the tool cannot trust: the ``regions`` record table of the text stage, read by the rules.

The text stage marks regions it cannot read reliably (garbled OCR tables…) as rows of
``records.regions`` (file, line, end_line, kind, reason). Rules stay silent inside them. The
table may be absent (older records) or empty; then every line is trusted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from ..findings import Finding
from ..records import as_int
from .base import RuleContext


def untrusted(ctx: RuleContext, file: str, line: int) -> bool:
    """True when `line` of `file` lies inside a region the text stage could not trust."""
    spans = _spans(ctx).get(file)
    return bool(spans) and any(a <= line <= b for a, b in spans)


def _spans(ctx: RuleContext) -> dict[str, list[tuple[int, int]]]:
    regions = getattr(ctx.records, "regions", None)
    cache = ctx.records.__dict__.get("_untrusted")
    if cache is not None and cache[0] is regions:
        return cache[1]
    out: dict[str, list[tuple[int, int]]] = {}
    if regions is not None and len(regions):
        for row in regions.to_dict("records"):
            a = as_int(row.get("line"))
            if a is None:
                continue
            b = as_int(row.get("end_line"))
            out.setdefault(str(row["file"]), []).append((a, a if b is None else b))
    ctx.records.__dict__["_untrusted"] = (regions, out)
    return out


def trusted_only(func: Callable[[RuleContext], Iterable[Finding]]) -> Callable[[RuleContext], Iterator[Finding]]:
    """Decorate a rule (under ``@rule``) so that its findings inside untrusted regions are dropped."""

    @functools.wraps(func)
    def wrapper(ctx: RuleContext) -> Iterator[Finding]:
        for f in func(ctx):
            if not untrusted(ctx, f.file, f.line):
                yield f

    return wrapper
