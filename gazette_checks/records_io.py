"""Records as tables: from DataFrames, a directory of CSV files or JSON, and back.

Columns and dtypes follow the record contract (:mod:`gazette_checks.contract`,
:data:`gazette_checks.records.COLUMNS`). :func:`to_csv_dir` and :func:`to_json`
write the record tables and the text stage's tables (``lines``, ``pages``,
``regions``, ``exports``); :func:`from_csv_dir` and :func:`from_json` read them
back and rebuild each file's cleaned text from them, so records read back give
the same findings, excerpts and places as the text they were parsed from.

A project that already holds its documents as tables can run the record-level
and cross-document rules on them (:func:`from_frames`). Missing columns are
filled with None; without the text tables, findings carry no excerpt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import contract
from . import patterns as P
from .records import COLUMNS, TABLE_NAMES, Records, empty_frame, normalise_dtypes

if TYPE_CHECKING:
    from .text import CleanText

__all__ = ["conform", "from_csv_dir", "from_frames", "from_json", "record_frames", "texts_from_frames", "to_csv_dir", "to_json"]

#: Line columns that default to the record's own line when a frame lacks them: always
#: (value None), or for the rows where the named column has a value.
_DEFAULT_TO_LINE: dict[tuple[str, str], str | None] = {
    ("documents", "end_line"): None, ("documents", "title_line"): None, ("documents", "body_line"): None,
    ("documents", "doc_number_line"): "doc_number", ("documents", "signer_line"): "signer",
    ("documents", "date_line"): "date", ("documents", "attached_line"): "attached_title",
    ("documents", "quoted_line"): "quoted_title", ("toc", "end_line"): None,
}


def _text(v: object) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if hasattr(v, "isoformat") and hasattr(v, "year"):  # date, datetime, Timestamp → ISO date
        return v.isoformat()[:10]
    return str(v)


def _flag(v: object) -> bool:
    if isinstance(v, bool):
        return v
    return str(v).strip().lower() in ("true", "1", "yes")


def conform(kind: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """`df` with exactly the columns of table `kind` (a record table or a text table of
    the contract), in order and in the dtypes :func:`gazette_checks.records.frame` gives.

    Missing columns are added as None; missing line columns (``end_line``,
    ``date_line``...) default to ``line`` where their value is present; extra
    columns are dropped; number columns are made numeric; dates (``datetime``)
    become ISO text; a missing cell of a column with a ``default`` (text never missing) takes it.
    """
    if kind not in contract.TABLES:
        raise ValueError(f"unknown record table {kind!r}; choose from {', '.join(contract.TABLES)}")
    if df is None or not len(df):
        return empty_frame(kind)
    table = contract.TABLES[kind]
    out = pd.DataFrame(index=range(len(df)))
    src = df.reset_index(drop=True)
    for col in table.columns:
        c = col.name
        if c not in src.columns and (kind, c) in _DEFAULT_TO_LINE and "line" in src.columns:
            line = pd.to_numeric(src["line"], errors="coerce")
            when = _DEFAULT_TO_LINE[(kind, c)]
            out[c] = line if when is None else line.where(src[when].notna()) if when in src.columns \
                else pd.Series([None] * len(src), dtype="object")
        elif (kind, c) == ("tables", "label") and c not in src.columns and "caption" in src.columns:
            # records written before the label was recorded: read it from the caption, as the parser does
            out[c] = pd.Series([lab.text if (lab := P.table_label(_text(v) if pd.notna(v) else None)) else None
                                for v in src["caption"]], dtype="object")
        elif c not in src.columns:
            out[c] = pd.Series([None] * len(src), dtype="object")
        elif col.dtype in ("int", "float"):
            out[c] = pd.to_numeric(src[c], errors="coerce")
        elif col.dtype == "bool":
            out[c] = src[c].map(_flag).astype(bool)
        else:
            values = [_text(v) for v in src[c].astype("object").where(src[c].notna(), None)]
            if col.default is not None:
                values = [col.default if v is None else v for v in values]
            out[c] = pd.Series(values, dtype="object")
    if "file" in src.columns and out["file"].isna().any():
        raise ValueError(f"{kind}: every row needs a file")
    if "file" not in src.columns:
        out["file"] = "<frame>"
    if "line" in table.names and "line" not in src.columns:
        out["line"] = 1
    return normalise_dtypes(kind, out)


def from_frames(
    documents: pd.DataFrame | None = None,
    toc: pd.DataFrame | None = None,
    issues: pd.DataFrame | None = None,
    **tables: pd.DataFrame | None,
) -> Records:
    """Records built from DataFrames (``documents``, ``toc``, ``issues``; also
    ``outline``, ``tables``, ``mentions``, ``citations``, ``problems`` and the text
    tables ``lines``, ``pages``, ``regions``, ``exports`` by keyword).

    Columns follow :data:`gazette_checks.records.COLUMNS`; absent ones are None.
    Rows without ``file`` get ``"<frame>"``, rows without ``line`` get 1. Every
    file named is checked (``Records.own``). The text tables, when given, give
    each file its cleaned text back (:func:`texts_from_frames`).
    """
    unknown = set(tables) - set(contract.TABLES)
    if unknown:
        raise ValueError(f"unknown record table(s) {sorted(unknown)}; choose from {', '.join(contract.TABLES)}")
    given = {"documents": documents, "toc": toc, "issues": issues, **tables}
    recs = Records()
    for kind in COLUMNS:
        setattr(recs, kind, conform(kind, given.get(kind)))
    recs.texts = texts_from_frames({k: given[k] for k in contract.TEXT_TABLES if given.get(k) is not None})
    recs.own = list(dict.fromkeys([*recs.texts, *recs.files]))
    return recs


def texts_from_frames(frames: dict[str, pd.DataFrame]) -> dict[str, CleanText]:
    """The cleaned text of each file named in the text tables `frames` (``lines``, ``pages``,
    ``regions``, ``exports``; see :meth:`Records.text_frames <gazette_checks.records.Records.text_frames>`)."""
    from .text import CleanText, Line, Region

    tables = {k: conform(k, frames.get(k)) for k in contract.TEXT_TABLES}
    files = dict.fromkeys(f for df in tables.values() for f in df["file"].tolist())
    out = {f: CleanText(name=f, lines=[]) for f in files}
    for f, line, col, text, segs in zip(*(tables["lines"][c] for c in ("file", "line", "col", "text", "segs")),
                                        strict=True):
        parts = [(0, int(line), int(col))]
        if segs:
            parts += [tuple(int(x) for x in s.split(":")) for s in segs.split(";")]  # type: ignore[misc]
        out[f].lines.append(Line(text, parts))
    for f, line, page in zip(*(tables["pages"][c] for c in ("file", "line", "page")), strict=True):
        out[f].pages.append((int(line), int(page)))
    for f, line, end, kind, reason in zip(*(tables["regions"][c] for c in ("file", "line", "end_line", "kind",
                                                                           "reason")), strict=True):
        out[f].regions.append(Region(int(line), int(end), kind, reason))
    for f, key, value in zip(*(tables["exports"][c] for c in ("file", "key", "value")), strict=True):
        out[f].meta[key] = value
    return out


def _table_names() -> tuple[str, ...]:
    return (*COLUMNS, *contract.TEXT_TABLES)


def from_csv_dir(path: str | os.PathLike[str]) -> Records:
    """Records from ``<table>.csv`` files in directory `path` (``documents.csv``,
    ``toc.csv``, ``issues.csv``, ..., and the text tables ``lines.csv``...); absent
    files give empty tables.

    Raises FileNotFoundError when `path` is not a directory or holds none of them.
    """
    d = Path(path)
    if not d.is_dir():
        raise FileNotFoundError(f"{d}: not a directory")
    frames = {}
    for kind in _table_names():
        f = d / f"{kind}.csv"
        if f.is_file():
            frames[kind] = pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""],
                                       encoding="utf-8-sig")
    if not any(k in frames for k in COLUMNS):
        raise FileNotFoundError(f"{d}: no record CSV files ({', '.join(TABLE_NAMES)}.csv)")
    return from_frames(**frames)


def to_csv_dir(records: Records, path: str | os.PathLike[str]) -> list[Path]:
    """Write each record table and text table as ``<table>.csv`` (UTF-8) in `path`; returns the files written."""
    d = Path(path)
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for kind, df in record_frames(records).items():
        f = d / f"{kind}.csv"
        df.to_csv(f, index=False)
        out.append(f)
    return out


def record_frames(records: Records) -> dict[str, pd.DataFrame]:
    """Every table written out: the record tables of :data:`~gazette_checks.records.COLUMNS`,
    then the text tables of the files being checked (:meth:`Records.text_frames`)."""
    return {kind: getattr(records, kind) for kind in COLUMNS} | records.text_frames()


def to_json(records: Records, path: str | os.PathLike[str] | None = None) -> str:
    """The records as JSON (:meth:`Records.to_dict <gazette_checks.records.Records.to_dict>`: every
    record table, then the text tables), written to `path` when given; returns the text."""
    text = json.dumps(records.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def from_json(data: str | os.PathLike[str] | dict[str, Any]) -> Records:
    """Records from the JSON of :func:`to_json` or ``gazette-checks parse --format json``:
    a dict of table name → rows, its text, or the path of a file holding it."""
    if isinstance(data, os.PathLike) or isinstance(data, str) and not data.lstrip().startswith("{"):
        data = Path(data).read_text(encoding="utf-8-sig")
    obj = json.loads(data) if isinstance(data, str) else data
    if not isinstance(obj, dict):
        raise ValueError("records JSON: expected an object of table name → rows")
    unknown = set(obj) - set(_table_names())
    if unknown:
        raise ValueError(f"records JSON: unknown table(s) {sorted(unknown)}")
    return from_frames(**{k: pd.DataFrame(v) for k, v in obj.items() if v})
