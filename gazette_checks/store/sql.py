"""Join-key tables and the candidate queries, in SQL that SQLite and DuckDB both run.

Both stores share one layout: ``files`` (file_id, name, abspath, sha256, …), the
record tables of :data:`gazette_checks.records.COLUMNS` keyed on
``(file_id, seq)``, and the three key tables of :data:`KEY_SCHEMA`. The queries
below are the only place that turns :class:`~gazette_checks.checks.crossdoc.Wants`
into archived rows, whichever store runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..records import Records, frame
from .base import LazySource


def table_columns(schema: str) -> dict[str, list[tuple[str, str]]]:
    """``{table: [(column, sql_type), ...]}`` read from the ``CREATE TABLE`` statements of `schema`
    (one column a line, ``--`` comments allowed)."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in schema.splitlines():
        s = raw.split("--", 1)[0].strip()
        if s.startswith("CREATE TABLE"):
            current = s.split()[2]
            out[current] = []
        elif s.startswith(")"):
            current = None
        elif current and s:
            name, typ = s.rstrip(",").split()[:2]
            out[current].append((name, typ))
    return out


#: Key tables (SQLite and DuckDB DDL). Each row points at one record row by (file_id, seq).
KEY_SCHEMA = """\
CREATE TABLE document_keys (
    -- Join keys of each documents row (checks.crossdoc.document_keys), for candidate look-ups.
    file_id INTEGER NOT NULL REFERENCES files(file_id) ON DELETE CASCADE,  -- the file (files.file_id)
    seq INTEGER NOT NULL,         -- the documents row (documents.seq)
    number_key TEXT,              -- canonical 发文字号: 机关代字〔年〕序号号
    title_key TEXT,               -- folded title
    fingerprint TEXT,             -- reprint fingerprint: the 发文字号, else T:title|issuer
    series TEXT,                  -- 机关代字|year, when the row has a serial and a valid date
    serial INTEGER,               -- 发文顺序号 within the series
    series_date TEXT              -- 成文日期 (ISO) of a row in a series
);

CREATE TABLE citation_keys (
    -- Join key of each citations row.
    file_id INTEGER NOT NULL REFERENCES files(file_id) ON DELETE CASCADE,  -- the file (files.file_id)
    seq INTEGER NOT NULL,         -- the citations row (citations.seq)
    number_key TEXT,              -- canonical 发文字号 cited
    title_key TEXT                -- folded title cited
);

CREATE TABLE issue_keys (
    -- Position of each numbered masthead in its gazette's series.
    file_id INTEGER NOT NULL REFERENCES files(file_id) ON DELETE CASCADE,  -- the file (files.file_id)
    seq INTEGER NOT NULL,         -- the issues row (issues.seq)
    gazette TEXT,                 -- 刊名 (else 城市)
    year INTEGER,                 -- 年份 (else the year of the date)
    number INTEGER,               -- 第N期
    total INTEGER                 -- 总第N期
);
"""

#: Indexes of the SQLite store (DuckDB scans Parquet with min/max statistics instead).
KEY_INDEXES = """\
CREATE INDEX IF NOT EXISTS files_sha256 ON files (sha256);
CREATE INDEX IF NOT EXISTS files_abspath ON files (abspath);
CREATE INDEX IF NOT EXISTS document_keys_row ON document_keys (file_id, seq);
CREATE INDEX IF NOT EXISTS document_keys_number ON document_keys (number_key);
CREATE INDEX IF NOT EXISTS document_keys_title ON document_keys (title_key);
CREATE INDEX IF NOT EXISTS document_keys_fingerprint ON document_keys (fingerprint);
CREATE INDEX IF NOT EXISTS document_keys_series ON document_keys (series, serial);
CREATE INDEX IF NOT EXISTS citation_keys_row ON citation_keys (file_id, seq);
CREATE INDEX IF NOT EXISTS citation_keys_number ON citation_keys (number_key, title_key, file_id, seq);
CREATE INDEX IF NOT EXISTS issue_keys_row ON issue_keys (file_id, seq);
CREATE INDEX IF NOT EXISTS issue_keys_number ON issue_keys (gazette, year, number);
CREATE INDEX IF NOT EXISTS issue_keys_total ON issue_keys (gazette, total);
"""

#: Columns of each key table, in order (without file_id, seq).
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "document_keys": ("number_key", "title_key", "fingerprint", "series", "serial", "series_date"),
    "citation_keys": ("number_key", "title_key"),
    "issue_keys": ("gazette", "year", "number", "total"),
}

#: Record tables the XD rules read from candidates.
CANDIDATE_TABLES = ("issues", "documents", "citations")

_CHUNK = 400


def statements(ddl: str) -> list[str]:
    """The statements of `ddl` (comments kept), for connections without executescript."""
    return [s.strip() + ";" for s in ddl.split(";\n") if s.strip().strip(";")]


def key_rows(table: str, rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, tuple]]:
    """``(seq, key values)`` of each record row of `table` that has join keys."""
    from ..checks.crossdoc import citation_key, document_keys, issue_keys, title_key

    cols = KEY_COLUMNS[key_table(table)]
    for seq, row in enumerate(rows):
        if table == "documents":
            k = document_keys(row)
        elif table == "citations":
            key = citation_key(row)
            k = {"number_key": key, "title_key": title_key(row.get("title")) or None} if key else None
        else:
            k = issue_keys(row)
        if k and any(v is not None for v in k.values()):
            yield seq, tuple(k.get(c) for c in cols)


def key_table(table: str) -> str:
    """The key table of record table `table`."""
    return {"documents": "document_keys", "citations": "citation_keys", "issues": "issue_keys"}[table]


class SQLCandidates:
    """The candidate queries over a DB-API connection holding the shared layout.

    `text_of(file_id)` returns the text of an archived file (read lazily);
    `stored_columns` maps each record table to the columns the store holds.
    """

    def __init__(self, con: Any, text_of: Callable[[int], str],
                 stored_columns: dict[str, list[str]]) -> None:
        self.con = con
        self.text_of = text_of
        self.stored = stored_columns

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def _in(self, sql: str, values: Iterable[Any], extra: tuple = ()) -> list[tuple]:
        """`sql` with ``{}`` replaced by placeholders, run on chunks of `values`."""
        vals = list(values)
        out: list[tuple] = []
        for k in range(0, len(vals), _CHUNK):
            part = vals[k:k + _CHUNK]
            out += self._all(sql.format(", ".join("?" * len(part))), [*part, *extra])
        return out

    def excluded(self, records: Records) -> set[int]:
        """file_ids of archived copies of the files of `records` (same name, path or text)."""
        from ..archive import _abspath, text_hash

        names = set(records.files)
        paths = {_abspath(n) for n in names}
        hashes = {text_hash(s.text) for s in records.sources.values()}
        ids = {r[0] for r in self._in("SELECT file_id FROM files WHERE name IN ({})", names)}
        ids |= {r[0] for r in self._in("SELECT file_id FROM files WHERE abspath IN ({})", paths)}
        ids |= {r[0] for r in self._in("SELECT file_id FROM files WHERE sha256 IN ({})", hashes)}
        return ids

    def candidates(self, records: Records) -> Records:
        """The archived issues, documents and citations the XD rules need to check `records`."""
        from ..checks.crossdoc import _MAX_RELATED, wanted

        w = wanted(records)
        if not w:
            return Records(own=[])
        skip = self.excluded(records)
        not_own = f" AND file_id NOT IN ({', '.join(map(str, sorted(skip)))})" if skip else ""
        rows: dict[str, set[tuple[int, int]]] = {t: set() for t in CANDIDATE_TABLES}
        docs = rows["documents"]
        q = "SELECT file_id, seq FROM document_keys WHERE {col} IN ({{}})" + not_own
        docs.update(self._in(q.format(col="fingerprint"), w.fingerprints))
        docs.update(self._in(q.format(col="number_key"), w.numbers))
        docs.update(self._in(q.format(col="title_key"), w.titles))
        for series, serial in w.series:
            base = "FROM document_keys WHERE series = ?" + not_own
            docs.update(self._all(f"SELECT file_id, seq {base} AND serial = ?", [series, serial]))
            for agg, op in (("MAX", "<"), ("MIN", ">")):
                near = self._all(f"SELECT {agg}(serial) {base} AND serial {op} ?", [series, serial])
                if near and near[0][0] is not None:
                    docs.update(self._all(f"SELECT file_id, seq {base} AND serial = ?", [series, near[0][0]]))
        # other citations of the same 文号: the first few of each title cited (XD08 names at most
        # _MAX_RELATED other places), however many issues of the archive cite a provincial document
        rows["citations"].update(self._in(
            "SELECT file_id, seq FROM (SELECT file_id, seq, ROW_NUMBER() OVER (PARTITION BY number_key, "
            "title_key ORDER BY file_id, seq) AS k FROM citation_keys WHERE number_key IN ({})"
            + not_own + f") AS c WHERE k <= {_MAX_RELATED}", w.numbers))
        issues = rows["issues"]
        for gazette, year, number, total in w.issues:
            base = "FROM issue_keys WHERE gazette = ?" + not_own
            issues.update(self._all(f"SELECT file_id, seq {base} AND year = ? AND number = ?",
                                    [gazette, year, number]))
            if total is not None:
                issues.update(self._all(f"SELECT file_id, seq {base} AND total = ?", [gazette, total]))
            for cond, order in (("year < ? OR (year = ? AND number < ?)", "DESC"),
                                ("year > ? OR (year = ? AND number > ?)", "ASC")):
                near = self._all(f"SELECT year, number {base} AND ({cond}) "
                                 f"ORDER BY year {order}, number {order} LIMIT 1",
                                 [gazette, year, year, number])
                if near:
                    issues.update(self._all(f"SELECT file_id, seq {base} AND year = ? AND number = ?",
                                            [gazette, *near[0]]))
        # the mastheads of every file a candidate document comes from (which copy is the reference)
        doc_files = {f for f, _ in docs}
        issues.update(self._in("SELECT file_id, seq FROM issues WHERE file_id IN ({})", doc_files))
        return self._records(rows)

    def _records(self, rows: dict[str, set[tuple[int, int]]]) -> Records:
        file_ids = sorted({f for keys in rows.values() for f, _ in keys})
        out = Records(own=[])
        if not file_ids:
            return out
        names: dict[int, tuple[str, str]] = {}
        for fid, name, enc in self._in("SELECT file_id, name, encoding FROM files WHERE file_id IN ({})",
                                       file_ids):
            names[fid] = (name, enc or "utf-8")
        for table, keys in rows.items():
            if not keys:
                continue
            cols = self.stored[table]
            got: list[dict[str, Any]] = []
            by_file: dict[int, list[int]] = {}
            for fid, seq in sorted(keys):
                by_file.setdefault(fid, []).append(seq)
            for fid, seqs in by_file.items():
                seq_list = ", ".join(str(int(s)) for s in seqs)
                for rec in self._all(f"SELECT seq, {', '.join(cols)} FROM {table} WHERE file_id = ? "
                                     f"AND seq IN ({seq_list}) ORDER BY seq", [fid]):
                    row = dict(zip(cols, rec[1:], strict=True))
                    row["file"] = names[fid][0]
                    got.append(row)
            setattr(out, table, frame(table, got))
        for fid, (name, enc) in names.items():
            out.sources[name] = LazySource(name, lambda fid=fid: self.text_of(fid), enc)
        return out
