"""Records: the parsed tables (pandas DataFrames), one per kind, and their sources."""

from __future__ import annotations

import keyword
from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype
from pandas.core.arrays.masked import BaseMaskedArray
from pandas.core.dtypes.cast import maybe_box_native

from . import contract as _contract
from .findings import raw_needle
from .read import Source

if TYPE_CHECKING:
    from .text import CleanText

#: Columns of each record table, in order (from :data:`gazette_checks.contract.TABLES`). The JSON
#: contract exposes these; the text stage's tables (``lines``, ``pages``…) are in :data:`TEXT_COLUMNS`.
COLUMNS: dict[str, tuple[str, ...]] = {name: _contract.columns(name) for name in _contract.RECORD_TABLES}
#: Columns of the text stage's tables (:data:`gazette_checks.contract.TEXT_TABLES`).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {name: _contract.columns(name) for name in _contract.TEXT_TABLES}
TABLE_NAMES: tuple[str, ...] = tuple(k for k in COLUMNS if k != "problems")
#: Whole-number columns (nullable Int64) of some record table; every other non-float column holds str or None.
INT_COLUMNS = frozenset(c for t in COLUMNS for c in COLUMNS[t] if _contract.dtype(t, c) == "int")
#: ``table.column`` of the decimal-number columns (float, NaN when missing).
FLOAT_COLUMNS = frozenset(f"{t}.{c}" for t in COLUMNS for c in COLUMNS[t] if _contract.dtype(t, c) == "float")
#: Flag columns (bool).
BOOL_COLUMNS = frozenset(c for t in COLUMNS for c in COLUMNS[t] if _contract.dtype(t, c) == "bool")


def empty_frame(kind: str) -> pd.DataFrame:
    """An empty DataFrame with the columns (and dtypes) of record table `kind`.

    Built once per kind and handed out as a shallow copy (pandas copy-on-write
    keeps the cached frame unchanged whatever the caller does to its copy).
    """
    cached = _EMPTY.get(kind)
    if cached is None:
        cached = _EMPTY[kind] = normalise_dtypes(
            kind, pd.DataFrame({c: pd.Series(dtype="object") for c in _contract.columns(kind)})
        )
    return cached.copy(deep=False)


_EMPTY: dict[str, pd.DataFrame] = {}


def frame(kind: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame of `rows` with exactly the columns of `kind`, in order.

    Columns are built straight from the row values, in the dtypes
    :func:`normalise_dtypes` gives; a column holding other values than it
    expects (text in a number column...) goes through that function instead.
    Every column is made on the frame's own index, so pandas does not align them.
    """
    if not rows:
        return empty_frame(kind)
    index = pd.RangeIndex(len(rows))
    data: dict[str, Any] = {}
    for c in _contract.columns(kind):
        values = [r.get(c) for r in rows]
        data[c] = _column(kind, c, values, index)
    return pd.DataFrame(data, index=index, copy=False)


def _column(kind: str, c: str, values: list[Any], index: pd.RangeIndex) -> Any:
    """Column `c` of table `kind` from plain Python `values`, as normalise_dtypes types it."""
    dt = _contract.dtype(kind, c)
    if dt == "int":
        if all(v is None or type(v) is int for v in values):
            return _int_array(values)
        return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").round().astype("Int64").array
    if dt == "float":
        if all(v is None or type(v) is float or type(v) is int for v in values):
            return np.array([np.nan if v is None else v for v in values], dtype=float)
        return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float).to_numpy()
    if dt == "bool":
        if all(type(v) is bool for v in values):
            return np.array(values, dtype=bool)
        return pd.Series(values, dtype=object).fillna(False).astype(bool).to_numpy()
    arr = np.empty(len(values), dtype=object)
    if all(v is None or type(v) is str for v in values):
        arr[:] = values
    else:
        for i, v in enumerate(values):
            arr[i] = None if v is None or (not isinstance(v, str) and is_missing(v)) else v
    # a Series, as a bare array of str would become dtype str; on `index`, so it is not realigned
    return pd.Series(arr, index=index, dtype=object, copy=False)


def _int_array(values: list[int | None]) -> pd.arrays.IntegerArray:
    """A nullable Int64 array of ints and Nones (what ``pd.array(values, dtype="Int64")`` gives,
    built from numpy directly: pandas' own conversion is several times slower on short columns)."""
    mask = np.array([v is None for v in values], dtype=bool)
    data = np.array([1 if v is None else v for v in values], dtype=np.int64)
    return pd.arrays.IntegerArray(data, mask)


def _renumbered(df: pd.DataFrame) -> pd.DataFrame:
    """`df` as ``pd.concat([df], ignore_index=True)`` gives it (rows numbered from 0), without
    concat's cost: a shallow copy, which shares its data with `df` unless pandas' copy-on-write is
    on (the default from pandas 3); record tables are never changed in place, so either is safe."""
    index = df.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None:
        return df.copy(deep=False)
    return df.reset_index(drop=True)


def is_missing(value: Any) -> bool:
    """``pd.isna`` of one value (None, NaN, pd.NA, NaT), without the call for the usual str or int;
    a list-like value is not missing."""
    if value is None:
        return True
    if isinstance(value, (str, int)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values are not missing
        return False


def normalise_dtypes(kind: str, df: pd.DataFrame) -> pd.DataFrame:
    """Give the columns of table `kind` their dtypes: Int64 for whole numbers,
    float for parsed numbers, bool for flags, object (str or None) for text."""
    df = df.copy()
    for c in df.columns:
        dt = _contract.dtype(kind, c)
        if dt == "int":
            df[c] = pd.to_numeric(df[c], errors="coerce").round().astype("Int64")
        elif dt == "float":
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
        elif dt == "bool":
            df[c] = df[c].fillna(False).astype(bool)
        else:
            col = df[c].astype(object)
            df[c] = col.where(col.notna(), None)
    return df


@dataclass
class Records:
    """All record tables of one parse, with the sources they came from.

    Every row of every table has ``file`` (as given) and ``line`` (1-based).
    ``problems`` lists what could not be parsed.
    """

    issues: pd.DataFrame = field(default_factory=lambda: empty_frame("issues"))
    toc: pd.DataFrame = field(default_factory=lambda: empty_frame("toc"))
    documents: pd.DataFrame = field(default_factory=lambda: empty_frame("documents"))
    outline: pd.DataFrame = field(default_factory=lambda: empty_frame("outline"))
    tables: pd.DataFrame = field(default_factory=lambda: empty_frame("tables"))
    mentions: pd.DataFrame = field(default_factory=lambda: empty_frame("mentions"))
    citations: pd.DataFrame = field(default_factory=lambda: empty_frame("citations"))
    problems: pd.DataFrame = field(default_factory=lambda: empty_frame("problems"))
    sources: dict[str, Source] = field(default_factory=dict)
    #: Files whose findings are reported; None means every file of `sources`.
    own: list[str] | None = None
    #: The cleaned text of each file (the text stage's output), made from `sources` when absent.
    texts: dict[str, CleanText] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the caches rules keep on the records (``_shared``, ``_spans``...):
        they are rebuilt where needed and may hold objects that do not pickle."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    @property
    def own_files(self) -> list[str]:
        """Files being checked (context files from an archive excluded)."""
        return list(self.own) if self.own is not None else list(self.sources)

    def with_context(self, context: Records) -> Records:
        """These records plus `context` (e.g. archived issues) for cross-document rules.

        Files present in both are taken from these records only.
        """
        mine = set(self.sources) | set(self.own or [])
        ctx = Records()
        for name in (*TABLE_NAMES, "problems"):
            df = getattr(context, name)
            setattr(ctx, name, df[~df["file"].isin(mine)] if len(df) else df)
        out = Records.concat([self, ctx])
        out.sources = {**context.sources, **self.sources}  # archived text: excerpts and reprint alignment
        out.texts = {**context.texts, **self.texts}
        out.own = self.own_files
        return out

    def subset(self, file: str) -> Records:
        """The records of one file."""
        out = Records()
        for name in (*TABLE_NAMES, "problems"):
            df = getattr(self, name)
            setattr(out, name, df[df["file"] == file].reset_index(drop=True) if len(df) else df)
        if file in self.sources:
            out.sources = {file: self.sources[file]}
        if file in self.texts:
            out.texts = {file: self.texts[file]}
        return out

    def by_file(self) -> dict[str, Records]:
        """The records of each file being checked (:attr:`own_files`, or every file when
        none is marked), in one pass over each table; each part as that file parsed alone."""
        return dict(self.iter_by_file())

    def iter_by_file(self) -> Iterator[tuple[str, Records]]:
        """(file, its records) for each file of :meth:`by_file`, in the same order, each part
        made only when the loop reaches it: a caller that lets each part go before the next
        holds one file's copy of the tables at a time, not a copy of every file's."""
        files = self.own_files if self.own is not None else self.files
        rows: dict[str, tuple[pd.DataFrame, dict[str, Any]]] = {}
        for name in (*TABLE_NAMES, "problems"):
            df = getattr(self, name)
            if len(df):
                rows[name] = (df, _positions_by_file(df))
        for f in files:
            part = Records(sources={f: self.sources[f]} if f in self.sources else {},
                           texts={f: self.texts[f]} if f in self.texts else {}, own=[f])
            for name, (df, positions) in rows.items():
                at = positions.get(f)
                if at is None:
                    continue
                setattr(part, name, df.iloc[at].reset_index(drop=True))
            yield f, part

    def frames(self) -> dict[str, pd.DataFrame]:
        """The record tables by name (without ``problems``)."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def clean_text(self, file: str) -> CleanText | None:
        """The cleaned text of `file` (made from its source once), or None when the source is not held."""
        ct = self.texts.get(file)
        if ct is None and file in self.sources:
            from .text import clean_lines

            src = self.sources[file]
            ct = self.texts[file] = clean_lines(src.lines, src.name)
        return ct

    def line_text(self, file: str, line: int) -> str:
        """The cleaned text that begins at original `line` of `file` ('' when none does).

        A paragraph rejoined from several lines is returned whole at its first
        line and as '' at the others; page numbers, running heads and export
        headers read as ''. Two elements split from one line are joined by a
        space again. '' when the source is not held.
        """
        views = self.__dict__.get("_views")
        view = views.get(file) if views is not None else None
        if view is None:
            view = self._view(file)
            if view is None:
                return ""
        return view[0].get(line if type(line) is int else int(line), "")

    def reading_order(self, file: str, start: int, end: int) -> Iterable[int]:
        """Original lines `start`–`end` of `file` in reading order: line order, unless the text
        stage read some lines in another order (two columns whose lines alternate, read column by
        column); then the lines that begin a cleaned line, in the cleaned order."""
        self._view(file)
        order = self.__dict__.get("_order", {}).get(file)
        if order is None:
            return range(start, end + 1)
        return [n for n in order if start <= n <= end]

    def excerpt_text(self, file: str, line: int) -> str:
        """The cleaned line that holds original `line`, whole (for excerpts): where `line` was
        joined to the line above, the text that begins there."""
        view = self._view(file)
        if view is None:
            return ""
        text, cover = view
        return text.get(cover.get(int(line), int(line)), "")

    def start_line(self, file: str, line: int) -> int:
        """The original line where the cleaned line holding original `line` begins (the first
        line of a rejoined paragraph); `line` itself when it begins one or the text is not held."""
        view = self._view(file)
        return view[1].get(int(line), int(line)) if view is not None else int(line)

    def locate(self, file: str, line: int, needle: str) -> int:
        """The original line where `needle` stands in the cleaned line that holds `line`
        (a paragraph rejoined from several lines points at the right one), read as printed
        when spaces or ``**`` stand inside it; `line` if not found."""
        ct = self.clean_text(file)
        view = self._view(file)
        if not needle or ct is None or view is None:
            return int(line)
        first = view[1].get(int(line), int(line))
        starts = self.__dict__["_starts"][file].get(first, ())
        for ln in starts:
            k = ln.text.find(needle)
            if k >= 0:
                return ln.origin(k)[0]
        for ln in starts:  # printed with spaces or ``**`` inside (`某政发〔2024〕 3号`)
            printed = raw_needle(ln.text, needle)
            if printed:
                return ln.origin(ln.text.find(printed))[0]
        return int(line)

    def _view(self, file: str) -> tuple[dict[int, str], dict[int, int]] | None:
        views = self.__dict__.setdefault("_views", {})
        view = views.get(file)
        if view is None:
            ct = self.clean_text(file)
            if ct is None:
                return None
            text: dict[int, str] = {}
            cover: dict[int, int] = {}
            starts = self.__dict__.setdefault("_starts", {})[file] = {}
            for ln in ct.lines:
                segs = ln.segs
                first = segs[0][1]
                # a tuple, not a list: views are kept as long as the records (all files of a run)
                starts[first] = (*starts[first], ln) if first in starts else (ln,)
                text[first] = f"{text[first]} {ln.text}" if text.get(first) else ln.text
                if len(segs) > 1:  # the other original lines it draws on (Line.lines[1:])
                    for _, other, _ in segs:
                        if other != first:
                            text.setdefault(other, "")
                            cover.setdefault(other, first)
            for n, _ in ct.dropped:
                text.setdefault(n, "")
            firsts = list(dict.fromkeys(ln.first_line for ln in ct.lines))
            if any(b < a for a, b in zip(firsts, firsts[1:], strict=False)):
                self.__dict__.setdefault("_order", {})[file] = firsts
            view = views[file] = (text, cover)
        return view

    def export_meta(self, file: str) -> dict[str, str]:
        """What an export or web header of `file` said (title, doc_number, issuer, dates); {} for plain text.

        A non-empty answer means the text is an export: it may leave out what the
        page shows elsewhere (the 发文字号, the 成文日期, attachments given as links).
        """
        ct = self.texts.get(file)
        return dict(ct.meta) if ct is not None else {}

    @property
    def pages(self) -> pd.DataFrame:
        """Printed page numbers found in the text: file, line (first line of the page), page.

        Made from the cleaned texts unless set (records held without their text).
        """
        if "_pages" in self.__dict__:
            return self.__dict__["_pages"]
        rows = [{"file": f, "line": line, "page": page}
                for f in self.own_files if (ct := self.clean_text(f)) is not None for line, page in ct.pages]
        return pd.DataFrame(rows, columns=["file", "line", "page"])

    @pages.setter
    def pages(self, frame: pd.DataFrame) -> None:
        self.__dict__["_pages"] = frame

    @property
    def regions(self) -> pd.DataFrame:
        """Text the tool cannot trust: file, line, end_line, kind, reason.

        Made from the cleaned texts unless set (records held without their text).
        """
        if "_regions" in self.__dict__:
            return self.__dict__["_regions"]
        rows = [{"file": f, "line": r.line, "end_line": r.end_line, "kind": r.kind, "reason": r.reason}
                for f in self.own_files if (ct := self.clean_text(f)) is not None for r in ct.regions]
        return pd.DataFrame(rows, columns=["file", "line", "end_line", "kind", "reason"])

    @regions.setter
    def regions(self, frame: pd.DataFrame) -> None:
        self.__dict__["_regions"] = frame

    def in_region(self, file: str, line: int) -> bool:
        """Whether original `line` of `file` lies in a low-confidence region."""
        if "_regions" in self.__dict__:
            df = self.__dict__["_regions"]
            for f, a, b in zip(df["file"], df["line"], df["end_line"], strict=True):
                b = a if pd.isna(b) else b
                if f == file and a <= int(line) <= b:
                    return True
            return False
        ct = self.texts.get(file)
        return ct is not None and ct.in_region(int(line)) is not None

    @property
    def files(self) -> list[str]:
        """Every file these records came from (own files first, then context)."""
        seen = dict.fromkeys(self.own_files)
        for name in TABLE_NAMES:
            df = getattr(self, name)
            if len(df):
                seen.update(dict.fromkeys(df["file"].unique().tolist()))
        return list(seen)

    def document_label(self, doc_id: str) -> str:
        """发文字号 of document `doc_id`, or its title when it has none."""
        docs = self.documents
        cache = self.__dict__.get("_labels")
        if cache is None or cache[0] is not docs:
            labels = {
                d: (n if isinstance(n, str) and n else str(t))
                for d, n, t in zip(docs["doc_id"], docs["doc_number"], docs["title"], strict=True)
            }
            cache = (docs, labels)
            self.__dict__["_labels"] = cache
        return cache[1].get(doc_id, "")

    def rows(self, name: str) -> list[tuple]:
        """The rows of record table `name` as named tuples (:func:`tuples`), built once and kept
        until the table is replaced: for rules that read every row without pandas' per-row cost.
        Shared by every rule: read, do not change."""
        df = getattr(self, name)
        cache = self.__dict__.setdefault("_rows", {})
        hit = cache.get(name)
        if hit is None or hit[0] is not df:
            hit = cache[name] = (df, list(tuples(df)))
        return hit[1]

    def mention_rows(self, kind: str) -> list[tuple]:
        """The ``mentions`` rows of `kind`, in table order (see :meth:`rows`)."""
        m = self.mentions
        hit = self.__dict__.get("_mention_kinds")
        if hit is None or hit[0] is not m:
            by_kind: dict[str, list[tuple]] = {}
            for r in self.rows("mentions"):
                by_kind.setdefault(r.kind, []).append(r)
            hit = self.__dict__["_mention_kinds"] = (m, by_kind)
        return hit[1].get(kind, [])

    @classmethod
    def concat(cls, parts: list[Records]) -> Records:
        """Join the records of several files."""
        tables: dict[str, pd.DataFrame] = {}  # the others: empty, as Records() makes them
        for name in (*TABLE_NAMES, "problems"):
            frames = [getattr(p, name) for p in parts if len(getattr(p, name))]
            if len(frames) == 1:
                tables[name] = _renumbered(frames[0])
            elif frames:
                tables[name] = pd.concat(frames, ignore_index=True)
        out = cls(**tables)
        for p in parts:
            out.sources.update(p.sources)
            out.texts.update(p.texts)
        if any(p.own is not None for p in parts):
            out.own = [f for p in parts for f in p.own_files]
        return out

    def text_frames(self, files: list[str] | None = None) -> dict[str, pd.DataFrame]:
        """The text stage's tables (``lines``, ``pages``, ``regions``, ``exports``; see
        :data:`gazette_checks.contract.TEXT_TABLES`) of `files` (default: the files being
        checked), made from their cleaned texts: what records written without their text
        need to give the same findings when read back (:mod:`gazette_checks.records_io`)."""
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TEXT_COLUMNS}
        for f in self.own_files if files is None else files:
            ct = self.clean_text(f)
            if ct is None:
                continue
            for ln in ct.lines:
                segs = ln.segs
                rows["lines"].append({
                    "file": f, "line": segs[0][1], "end_line": ln.last_line, "col": segs[0][2], "text": ln.text,
                    "segs": ";".join(f"{a}:{b}:{c}" for a, b, c in segs[1:]) if len(segs) > 1 else ""})
            rows["pages"] += [{"file": f, "line": line, "page": page} for line, page in ct.pages]
            rows["regions"] += [{"file": f, "line": r.line, "end_line": r.end_line, "kind": r.kind,
                                 "reason": r.reason} for r in ct.regions]
            rows["exports"] += [{"file": f, "key": k, "value": v} for k, v in ct.meta.items()]
        return {name: frame(name, r) for name, r in rows.items()}

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """JSON-ready rows of every table (NaN → null), then the text stage's tables
        (:meth:`text_frames`: ``lines``, ``pages``, ``regions``, ``exports``)."""
        out: dict[str, list[dict[str, Any]]] = {}
        frames = {name: getattr(self, name) for name in COLUMNS} | self.text_frames()
        for name, df in frames.items():
            out[name] = [
                {k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")
            ]
        return out


def _positions_by_file(df: pd.DataFrame) -> dict[str, Any]:
    """Where each file's rows are in `df`, in table order: a slice when they stand together
    (tables joined file by file, the usual case: the part is then a view, not a copy), else
    an array of positions."""
    files = df["file"].to_numpy()
    cuts = (np.flatnonzero(files[1:] != files[:-1]) + 1).tolist()
    starts, stops = [0, *cuts], [*cuts, len(files)]
    runs = {files[a]: slice(a, b) for a, b in zip(starts, stops, strict=True)}
    if len(runs) == len(starts):  # one run per file
        return runs
    return df.groupby("file", sort=False).indices


def row_dicts(df: pd.DataFrame) -> list[dict[str, Any]]:
    """``df.to_dict("records")``, the same values, built column by column (several times faster
    on small frames, where pandas' per-row machinery dominates)."""
    cols = df.columns.tolist()
    if not cols or not df.columns.is_unique:
        return df.to_dict("records")
    values = []
    for _c, s in df.items():
        arr = s.array
        if s.dtype == object:
            vals = arr.to_numpy().tolist()
            if not all(v is None or type(v) is str for v in vals):  # the usual str/None column as it is
                vals = list(map(maybe_box_native, vals))  # as pandas boxes them
        elif isinstance(arr, BaseMaskedArray) and arr.dtype.kind in "iu":  # Int64: ints, None where masked
            vals = arr._data.tolist()
            if arr._hasna:
                vals = [None if m else v for m, v in zip(arr._mask.tolist(), vals, strict=True)]
        elif isinstance(s.dtype, ExtensionDtype):
            vals = list(map(maybe_box_native, s))
        else:
            vals = s.to_numpy().tolist()  # numpy floats and bools as Python's, as iterating does
        values.append(vals)
    return [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]


def na_last(value: Any) -> tuple:
    """A sort key that puts missing values (:func:`is_missing`) last, as ``sort_values`` does."""
    return (1, 0) if is_missing(value) else (0, value)


def text_order(row: Any) -> tuple:
    """Sort key of a row with ``file``, ``line`` and ``col`` (a named tuple or a dict): the order
    ``sort_values(["file", "line", "col"], kind="stable")`` gives, a missing column last."""
    if isinstance(row, dict):
        return (row["file"], row["line"], na_last(row["col"]))
    return (row.file, row.line, na_last(row.col))


def tuples(df: pd.DataFrame) -> Iterator[tuple]:
    """``df.itertuples(index=False)``, the same rows, with the row class made once per set of columns."""
    cols = tuple(df.columns)
    if not cols or not df.columns.is_unique or not all(
        isinstance(c, str) and c.isidentifier() and not keyword.iskeyword(c) and not c.startswith("_")
        for c in cols
    ):
        return df.itertuples(index=False)
    return map(_row_class(cols)._make, zip(*[_iter_values(s) for _c, s in df.items()], strict=True))


def _iter_values(s: pd.Series) -> Any:
    """The values iterating `s` gives (numpy columns as Python scalars, objects as they are), as a
    list when that is cheaper to build."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "biufO":
        return s.to_numpy().tolist()
    return s


@lru_cache(maxsize=64)
def _row_class(cols: tuple[str, ...]) -> type:
    return namedtuple("Pandas", cols)


def as_int(value: Any) -> int | None:
    """A record value as int, or None when missing (None, NaN, pd.NA) or not a number."""
    try:
        if value is None or value != value:
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def as_str(value: Any) -> str | None:
    """A record value as a non-empty str, or None."""
    return value if isinstance(value, str) and value else None


def _plain(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v
