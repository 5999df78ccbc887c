"""How often Python's cyclic garbage collector runs while records are built and checked.

Parsing and checking allocate hundreds of thousands of small objects (lines, segments, row
dicts, findings) that form almost no reference cycles; at the interpreter's default threshold
the collector runs about a hundred times per issue and, with pandas and the compiled patterns
in the heap, spends about a tenth of a check scanning objects that are all alive. Reference
counting frees the rest as before; only cycles wait a little longer.

A batch of thousands of files adds a second cost: each full collection scans every record held
so far, so their total grows faster than the batch. :func:`held_objects` takes what is already
built out of those scans (``gc.freeze``) for the length of a parse or a check.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
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


@contextmanager
def held_objects() -> Iterator[Callable[[], None]]:
    """Yield ``hold()``: every object alive when it is called is left out of the collector's passes
    (``gc.freeze``) until the block ends, when all are handed back (``gc.unfreeze``).

    Does nothing when the caller has frozen objects itself (unfreezing would hand back theirs too)
    or off the main thread (the freeze is the whole interpreter's: threaded workers, such as a Dask
    cluster with ``processes=False``, would undo each other's). Frozen objects are still freed by
    reference counting; cycles among them, and any cyclic garbage the caller had pending, wait for
    the next full collection after the block.
    """
    if gc.get_freeze_count() or threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
