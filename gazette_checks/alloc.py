"""How often Python's cyclic garbage collector runs while records are built and checked.

Parsing and checking allocate hundreds of thousands of small objects (lines, segments, row
dicts, findings) that form almost no reference cycles; at the interpreter's default threshold
the collector runs about a hundred times per issue and, with pandas and the compiled patterns
in the heap, spends about a tenth of a check scanning objects that are all alive. Reference
counting frees the rest as before; only cycles wait a little longer.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations (net of frees) between two young-generation collections while working.
WORKING_THRESHOLD = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the young-generation threshold to :data:`WORKING_THRESHOLD` for the duration (never
    lower it), and restore the caller's setting afterwards; usable as a decorator."""
    old = gc.get_threshold()
    if old[0] and old[0] < WORKING_THRESHOLD:  # 0 means the caller turned collection off
        gc.set_threshold(WORKING_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
