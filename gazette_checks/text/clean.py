"""The text stage: named cleaning steps over a file's lines, with a map back to the original.

``clean_text(text)`` runs :data:`DEFAULT_STEPS` in order. Each step is a small
function registered by name in :data:`STEPS` (eyecite's ``clean.py`` is the
model); it edits ``CleanText.lines`` (slicing, joining and dropping
:class:`~gazette_checks.text.lines.Line` objects, which keep their origins) and
may note what it learnt: printed page numbers (``pages``), export metadata
(``meta``), regions that cannot be trusted (``regions``), dropped lines
(``dropped``). Steps know the layout of text, never what a rule checks.

>>> ct = clean_text("某市人民政府公报\\n— 12 —\\n某市人民政府  2024年5月10日\\n")
>>> [ln.text for ln in ct.lines if ln.text]
['某市人民政府公报', '某市人民政府', '2024年5月10日']
>>> ct.pages, ct.origin(2)
([(2, 12)], (3, 8))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .lines import Line


@dataclass(frozen=True)
class Region:
    """Original lines ``line``–``end_line`` (1-based) that the tool cannot read reliably."""

    line: int
    end_line: int
    kind: str
    reason: str


@dataclass
class CleanText:
    """The cleaned lines of one file and what cleaning learnt about it."""

    name: str
    lines: list[Line]
    #: (first original line of the page, printed page number), in text order.
    pages: list[tuple[int, int]] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    #: Metadata read from an export or web header: title, doc_number, issuer, date.
    meta: dict[str, str] = field(default_factory=dict)
    #: (original line, kind) of every line a step removed.
    dropped: list[tuple[int, str]] = field(default_factory=list)
    #: Names of the steps that changed something.
    applied: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The text of every cleaned line."""
        return [ln.text for ln in self.lines]

    def origin(self, index: int, col: int = 0) -> tuple[int, int]:
        """Original ``(line, col)`` of character `col` of cleaned line `index` (0-based)."""
        return self.lines[index].origin(col)

    def drop(self, indices: Iterable[int] | dict[int, str], kind: str = "") -> None:
        """Remove cleaned lines `indices`, noting their original lines as `kind` (or, for a
        dict, as the kind each index maps to)."""
        kinds = indices if isinstance(indices, dict) else dict.fromkeys(indices, kind)
        if not kinds:
            return
        gone = set(kinds)
        for i in sorted(gone):
            self.dropped.extend((n, kinds[i]) for n in self.lines[i].lines)
        self.lines = [ln for i, ln in enumerate(self.lines) if i not in gone]

    def in_region(self, line: int) -> Region | None:
        """The low-confidence region holding original `line`, if any."""
        for r in self.regions:
            if r.line <= line <= r.end_line:
                return r
        return None


Step = Callable[[CleanText], bool]
#: Every cleaning step by name. A step returns True when it changed something.
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    """Register the decorated function as cleaning step `name`."""

    def deco(func: Step) -> Step:
        if name in STEPS and STEPS[name] is not func:
            raise ValueError(f"cleaning step {name!r} defined twice")
        STEPS[name] = func
        return func

    return deco


#: The steps run by default, in order: front matter and page furniture first, then
#: lines that hold two elements, hard wraps, export headers (read whole), joins,
#: and confidence last.
DEFAULT_STEPS: tuple[str, ...] = (
    "control_chars",
    "front_matter",
    "page_furniture",
    "running_heads",
    "back_cover",
    "two_columns",
    "interleaved_columns",
    "split_elements",
    "space_tables",
    "hard_wraps",
    "export_header",
    "web_footer",
    "markdown_heading",
    "page_break_joins",
    "wrap_spaces",
    "garbled_regions",
)


def clean_lines(lines: list[str], name: str = "<string>", steps: Iterable[str | Step] | None = None) -> CleanText:
    """Clean original `lines` (line ``i`` is 1-based line ``i + 1``) with `steps`."""
    from . import columns, confidence, furniture, headers, layout  # noqa: F401  (register the steps)

    ct = CleanText(name=name, lines=[Line.original(t, i + 1) for i, t in enumerate(lines)])
    for s in DEFAULT_STEPS if steps is None else steps:
        func = STEPS[s] if isinstance(s, str) else s
        if func(ct):
            ct.applied.append(s if isinstance(s, str) else getattr(s, "__name__", "step"))
    return ct


def clean_text(text: str, name: str = "<string>", steps: Iterable[str | Step] | None = None) -> CleanText:
    """Clean `text` (already decoded, ``\\n`` line ends)."""
    return clean_lines(text.split("\n"), name, steps)
