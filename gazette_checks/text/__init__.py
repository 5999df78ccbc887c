"""The text stage: decoded lines → cleaned lines that keep their way back to the original.

Everything about how a text is laid out (export headers, page furniture, organ
and date on one line, hard wraps, two columns, garbled regions) is handled
here, once; the parser reads the cleaned lines. See :mod:`.clean` for the steps.
"""

from __future__ import annotations

from .clean import DEFAULT_STEPS, STEPS, CleanText, Region, clean_lines, clean_text, step
from .lines import Line

__all__ = ["DEFAULT_STEPS", "STEPS", "CleanText", "Line", "Region", "clean_lines", "clean_text", "step"]
