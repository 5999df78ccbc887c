"""Records from other sources: DataFrames or a directory of CSV files, without the gazette text.

A project that already holds its documents as tables (columns as in
:data:`gazette_checks.records.COLUMNS`) can run the record-level and
cross-document rules on them. Missing columns are filled with None; as the
text is absent, findings carry no excerpt.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .records import COLUMNS, TABLE_NAMES, Records, empty_frame

__all__ = ["conform", "from_csv_dir", "from_frames", "to_csv_dir"]

#: Columns that hold whole numbers (line numbers, positions, counts) in the record tables.
_NUMERIC = {"line", "end_line", "title_line", "doc_number_line", "signer_line", "date_line",
            "attached_line", "quoted_line", "body_line", "parent_line", "position", "page", "year",
            "number", "total_number", "number_year", "serial", "part", "level", "row", "col"}
#: Columns that are numeric in some tables only.
_TEXT_IN = {("tables", "number"): False, ("mentions", "col"): True, ("citations", "col"): True}


#: Text columns the parser never leaves missing (an empty cell is "").
_EMPTY_TEXT = {("outline", "text"), ("tables", "text")}
#: Line columns that default to the record's own line when a frame lacks them: always
#: (value None), or for the rows where the named column has a value.
_DEFAULT_TO_LINE: dict[tuple[str, str], str | None] = {
    ("documents", "end_line"): None, ("documents", "title_line"): None, ("documents", "body_line"): None,
    ("documents", "doc_number_line"): "doc_number", ("documents", "signer_line"): "signer",
    ("documents", "date_line"): "date", ("documents", "attached_line"): "attached_title",
    ("documents", "quoted_line"): "quoted_title", ("toc", "end_line"): None,
}


def _numeric(kind: str, column: str) -> bool:
    return _TEXT_IN.get((kind, column), column in _NUMERIC)


def _text(v: object) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if hasattr(v, "isoformat") and hasattr(v, "year"):  # date, datetime, Timestamp → ISO date
        return v.isoformat()[:10]
    return str(v)


def conform(kind: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """`df` with exactly the columns of record table `kind`, in order.

    Missing columns are added as None; missing line columns (``end_line``,
    ``date_line``...) default to ``line`` where their value is present; extra columns are dropped; number columns are made numeric; dates
    (``datetime``) become ISO text.
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown record table {kind!r}; choose from {', '.join(COLUMNS)}")
    if df is None or not len(df):
        return empty_frame(kind)
    out = pd.DataFrame(index=range(len(df)))
    src = df.reset_index(drop=True)
    for c in COLUMNS[kind]:
        if c not in src.columns and (kind, c) in _DEFAULT_TO_LINE and "line" in src.columns:
            line = pd.to_numeric(src["line"], errors="coerce")
            when = _DEFAULT_TO_LINE[(kind, c)]
            out[c] = line if when is None else line.where(src[when].notna()) if when in src.columns \
                else pd.Series([None] * len(src), dtype="object")
        elif c not in src.columns:
            out[c] = pd.Series([None] * len(src), dtype="object")
        elif _numeric(kind, c):
            col = pd.to_numeric(src[c], errors="coerce")
            out[c] = col.astype("int64") if col.notna().all() and (col % 1 == 0).all() else col
        elif c == "is_header":
            out[c] = src[c].map(lambda v: str(v).strip().lower() in ("true", "1", "yes")).astype(bool)
        elif kind == "tables" and c == "number":
            out[c] = pd.to_numeric(src[c], errors="coerce").astype("object").where(src[c].notna(), None)
        else:
            values = [_text(v) for v in src[c].astype("object").where(src[c].notna(), None)]
            if (kind, c) in _EMPTY_TEXT:
                values = ["" if v is None else v for v in values]
            out[c] = pd.Series(values, dtype=None if any(v is not None for v in values) else "object")
    if "file" in src.columns and out["file"].isna().any():
        raise ValueError(f"{kind}: every row needs a file")
    if "file" not in src.columns:
        out["file"] = "<frame>"
    if "line" not in src.columns:
        out["line"] = 1
    return out


def from_frames(
    documents: pd.DataFrame | None = None,
    toc: pd.DataFrame | None = None,
    issues: pd.DataFrame | None = None,
    **tables: pd.DataFrame | None,
) -> Records:
    """Records built from DataFrames (``documents``, ``toc``, ``issues``; also
    ``outline``, ``tables``, ``mentions``, ``citations`` by keyword).

    Columns follow :data:`gazette_checks.records.COLUMNS`; absent ones are None.
    Rows without ``file`` get ``"<frame>"``, rows without ``line`` get 1. Every
    file named is checked (``Records.own``).
    """
    unknown = set(tables) - set(TABLE_NAMES)
    if unknown:
        raise ValueError(f"unknown record table(s) {sorted(unknown)}; choose from {', '.join(TABLE_NAMES)}")
    given = {"documents": documents, "toc": toc, "issues": issues, **tables}
    recs = Records()
    for kind in TABLE_NAMES:
        setattr(recs, kind, conform(kind, given.get(kind)))
    recs.own = recs.files
    return recs


def from_csv_dir(path: str | os.PathLike[str]) -> Records:
    """Records from ``<table>.csv`` files in directory `path` (``documents.csv``,
    ``toc.csv``, ``issues.csv``, ...); absent files give empty tables.

    Raises FileNotFoundError when `path` is not a directory or holds none of them.
    """
    d = Path(path)
    if not d.is_dir():
        raise FileNotFoundError(f"{d}: not a directory")
    frames = {}
    for kind in (*TABLE_NAMES, "problems"):
        f = d / f"{kind}.csv"
        if f.is_file():
            frames[kind] = pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""],
                                       encoding="utf-8-sig")
    if not frames:
        raise FileNotFoundError(f"{d}: no record CSV files ({', '.join(TABLE_NAMES)}.csv)")
    problems = frames.pop("problems", None)
    recs = from_frames(**frames)
    if problems is not None:
        recs.problems = conform("problems", problems)
    return recs


def to_csv_dir(records: Records, path: str | os.PathLike[str]) -> list[Path]:
    """Write each record table as ``<table>.csv`` (UTF-8) in `path`; returns the files written."""
    d = Path(path)
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in (*TABLE_NAMES, "problems"):
        f = d / f"{kind}.csv"
        getattr(records, kind).to_csv(f, index=False)
        out.append(f)
    return out
