"""The Parquet store: the archive layout as Parquet files, queried with DuckDB.

A store directory holds one folder per table of the SQLite archive (``files``,
the record tables, the key tables), each with ``part-*.parquet`` files of
the same columns, plus ``store.json`` naming the layout version. The text
of each file is kept plain in ``files.text`` (Parquet compresses it). It is
written by ``archive export --parquet DIR`` or by the Dask ``batch`` command,
read by :class:`ParquetStore` with the candidate queries of
:mod:`gazette_checks.store.sql`, and loads into pandas, DuckDB, Spark or Dask
for analytics.

Needs the ``scale`` extra (duckdb, pyarrow); imported only where used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..exceptions import ArchiveError
from ..records import Records
from .sql import KEY_SCHEMA, SQLCandidates, table_columns

#: Version of the directory layout (the SQLite SCHEMA_VERSION it mirrors).
LAYOUT_VERSION = 3

_SQL_TO_ARROW = {"INTEGER": "int64", "TEXT": "string", "REAL": "float64", "BOOLEAN": "bool_", "BLOB": "string"}

#: Columns of ``files`` in the Parquet layout.
FILE_COLUMNS: list[tuple[str, str]] = [
    ("file_id", "INTEGER"), ("name", "TEXT"), ("abspath", "TEXT"), ("sha256", "TEXT"),
    ("encoding", "TEXT"), ("added_at", "TEXT"), ("text", "TEXT"), ("known_failures", "TEXT"),
]


def _key_columns() -> dict[str, list[tuple[str, str]]]:
    return table_columns(KEY_SCHEMA)


def layout() -> dict[str, list[tuple[str, str]]]:
    """``{table: [(column, sql_type), ...]}`` of every table of the layout, file_id and seq included."""
    from ..archive import _STORED

    out: dict[str, list[tuple[str, str]]] = {"files": list(FILE_COLUMNS)}
    for table, cols in _STORED.items():
        out[table] = [("file_id", "INTEGER"), ("seq", "INTEGER"), *cols]
    out.update(_key_columns())
    return out


def arrow_schema(table: str):
    """The pyarrow schema of `table`."""
    import pyarrow as pa

    return pa.schema([(c, getattr(pa, _SQL_TO_ARROW[t])()) for c, t in layout()[table]])


def write_part(directory: str | os.PathLike[str], part: str, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Write one part of every table (rows as dicts; missing tables as empty files) under `directory`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(directory)
    for table, cols in layout().items():
        rows = tables.get(table, [])
        schema = arrow_schema(table)
        data = {c: [_cell(r.get(c), t) for r in rows] for c, t in cols}
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part}.parquet.tmp"
        pq.write_table(pa.table(data, schema=schema), tmp, compression="zstd")
        os.replace(tmp, folder / f"{part}.parquet")
    meta = root / "store.json"
    if not meta.exists():
        meta.write_text(json.dumps({"layout_version": LAYOUT_VERSION, "tool": "gazette-checks"}), "utf-8")


def _cell(v: Any, sql_type: str) -> Any:
    if v is None:
        return None
    try:
        if v != v:  # NaN, pd.NA
            return None
    except (TypeError, ValueError):
        return None
    if sql_type == "INTEGER":
        return int(v)
    if sql_type == "REAL":
        return float(v)
    if sql_type == "BOOLEAN":
        return bool(v)
    return v if isinstance(v, str) else str(v)


def export_archive(archive, directory: str | os.PathLike[str], chunk: int = 200) -> int:
    """Write the SQLite `archive` as a Parquet store in `directory`, `chunk` files per part; returns files written."""
    import importlib.util
    import sqlite3
    import zlib
    from contextlib import closing

    if importlib.util.find_spec("pyarrow") is None:
        raise ArchiveError("archive export --parquet needs pyarrow: pip install 'gazette-checks[scale]'")
    root = Path(directory)
    if root.exists() and any(root.iterdir()):
        raise ArchiveError(f"{root}: exists and is not empty; export into a new directory")
    con = archive._connect(create=False)
    if con is None:
        raise ArchiveError(f"{archive.path}: no archive")
    tables = layout()
    n = 0
    with closing(con):
        ids = [r[0] for r in con.execute("SELECT file_id FROM files ORDER BY file_id")]
        for k in range(0, len(ids), chunk):
            part_ids = ids[k:k + chunk]
            where = f"file_id IN ({', '.join(map(str, part_ids))})"
            rows: dict[str, list[dict[str, Any]]] = {}
            for table, cols in tables.items():
                names = [c for c, _ in cols]
                con.row_factory = sqlite3.Row
                got = [dict(r) for r in con.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {where}")]
                con.row_factory = None
                if table == "files":
                    for r in got:
                        r["text"] = zlib.decompress(r["text"]).decode("utf-8") if r["text"] else ""
                rows[table] = got
            write_part(root, f"part-{k // chunk:05d}", rows)
            n += len(part_ids)
    if not n:
        write_part(root, "part-00000", {})
    return n


class ParquetStore:
    """A Parquet store directory, queried with DuckDB: the :class:`~gazette_checks.store.Store` interface."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory)
        meta = self.path / "store.json"
        if not meta.is_file():
            raise ArchiveError(f"{self.path}: not a gazette-checks Parquet store (no store.json)")
        version = json.loads(meta.read_text("utf-8")).get("layout_version")
        if version != LAYOUT_VERSION:
            raise ArchiveError(f"{self.path}: Parquet layout {version}; this gazette-checks reads {LAYOUT_VERSION}")
        try:
            import duckdb
        except ModuleNotFoundError:
            raise ArchiveError("the Parquet store needs DuckDB: pip install 'gazette-checks[scale]'") from None
        self.con = duckdb.connect()
        for table in layout():
            glob = str(self.path / table / "*.parquet").replace("'", "''")
            self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}')")

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.con.close()

    def __enter__(self) -> ParquetStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _candidates(self) -> SQLCandidates:
        from ..archive import _STORED

        return SQLCandidates(self.con, self.text, {t: [c for c, _ in cols] for t, cols in _STORED.items()})

    def candidates(self, records: Records) -> Records:
        """The archived rows the XD rules need to check `records` (see :meth:`SQLCandidates.candidates`)."""
        return self._candidates().candidates(records)

    def records_of(self, file_ids: Iterable[int]) -> Records:
        """The issues, documents and citations of the files `file_ids`, their text read lazily."""
        ids = sorted(set(file_ids))
        cand = self._candidates()
        rows: dict[str, set[tuple[int, int]]] = {}
        for table in ("issues", "documents", "citations"):
            rows[table] = set(cand._in(f"SELECT file_id, seq FROM {table} WHERE file_id IN ({{}})", ids))
        out = cand._records(rows)
        names = dict(cand._in("SELECT file_id, name FROM files WHERE file_id IN ({})", ids))
        out.own = [names[i] for i in ids if i in names]
        return out

    def file_ids(self) -> list[int]:
        """Every file_id of the store."""
        return [r[0] for r in self.con.execute("SELECT file_id FROM files ORDER BY file_id").fetchall()]

    def text(self, file_id: int) -> str:
        """The text of the file `file_id`."""
        row = self.con.execute("SELECT text FROM files WHERE file_id = ?", [file_id]).fetchone()
        return (row[0] or "") if row else ""
