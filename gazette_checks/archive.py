"""The archive: an SQLite file holding the records and text of every issue checked before.

>>> arc = Archive("gazette-archive.sqlite")            # doctest: +SKIP
>>> arc.add(records)                                  # doctest: +SKIP
>>> context = arc.load_for(new_records)               # doctest: +SKIP
>>> check_records(new_records, config, context=context)  # doctest: +SKIP

Each record table of the contract (:mod:`gazette_checks.contract`) has its own
SQL table, made from its declaration (:func:`record_table_ddl`); the decoded
text of each file is kept (zlib-compressed), and its cleaned lines (the
contract's text tables) are made from it again where a rule reads a line or an
excerpt of an archived place is shown. A file is keyed on its name and on
the hash of its text: adding it again replaces what was stored, never
duplicates it. The store carries :data:`SCHEMA_VERSION`; a store of an older
version is migrated when a migration exists, any other version is refused.

The join keys of documents, citations and mastheads are kept in indexed key
tables (:mod:`gazette_checks.store.sql`), so :meth:`Archive.load_for` returns
only the candidates the cross-document rules need, never the whole archive.
The file is in WAL mode with a busy timeout, and every write takes the write
lock first (``BEGIN IMMEDIATE``), so several ``archive add`` may run at once.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import contract
from .exceptions import ArchiveError
from .patterns import table_label
from .read import Source
from .records import COLUMNS, Records, frame
from .store.sql import (
    KEY_COLUMNS,
    KEY_INDEXES,
    KEY_SCHEMA,
    SQLCandidates,
    key_rows,
    key_table,
    statements,
    table_columns,
)

#: Version of the SQL layout below. Bump it whenever SCHEMA changes, and add a
#: migration from the previous version to :data:`MIGRATIONS` when one is possible.
#: 1: first layout (gazette_checks 0.1).
#: 2: join-key tables (store.sql.KEY_SCHEMA); indexes on files.sha256 and on (file_id, seq) of every table.
#: 3: tables.label, the caption's table label (patterns.table_label).
SCHEMA_VERSION = 3

#: Seconds a writer waits for another one to finish before giving up.
BUSY_TIMEOUT = 60.0

#: Default file name of the archive.
DEFAULT_NAME = "gazette-archive.sqlite"

SCHEMA = """\
CREATE TABLE meta (
    -- Facts about the store: 'schema_version', 'created', 'tool_version'.
    key TEXT PRIMARY KEY,         -- name of the fact
    value TEXT                    -- its value, as text
);

CREATE TABLE files (
    -- One row per archived input file (a gazette issue or a standalone document).
    file_id INTEGER PRIMARY KEY,  -- key used by every record table
    name TEXT NOT NULL UNIQUE,    -- the path as given when added: the `file` of its records
    abspath TEXT,                 -- the absolute path when added, to recognise the same file under another name
    sha256 TEXT NOT NULL,         -- SHA-256 of the decoded text: the same content is stored once
    encoding TEXT,                -- encoding the text was decoded from
    added_at TEXT NOT NULL,       -- when it was added (ISO 8601, UTC)
    text BLOB,                    -- the decoded text, zlib-compressed (for excerpts of archived places)
    known_failures TEXT           -- JSON list of "table:seq" rows that already failed the schemas when added
);

{records}
CREATE INDEX documents_number ON documents (doc_number);
"""

#: SQL type of each contract dtype.
SQL_TYPES: dict[str, str] = {"str": "TEXT", "date": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "BOOLEAN"}


def record_table_ddl(table: contract.Table) -> str:
    """``CREATE TABLE`` of record table `table` of the contract: its columns (``file`` is
    ``file_id``) after ``file_id`` and ``seq``, each with its description as a comment."""
    cols = [c for c in table.columns if c.name != "file"]
    out = [f"CREATE TABLE {table.name} (", f"    -- {table.zh}: {table.en}.",
           "    file_id INTEGER NOT NULL REFERENCES files(file_id) ON DELETE CASCADE,  -- the file (files.file_id)",
           "    seq INTEGER NOT NULL,         -- order of the row within its file"]
    for i, c in enumerate(cols):
        out.append(f"    {c.name} {SQL_TYPES[c.dtype]}{',' if i < len(cols) - 1 else ''}".ljust(34)
                   + f"-- {c.description}")
    return "\n".join([*out, ");", ""])


#: The text stage's tables (contract.TEXT_TABLES) are not stored: ``files.text`` keeps the text,
#: and its cleaned lines are made again when a rule reads one (storing them would more than
#: double the archive).
SCHEMA = SCHEMA.replace("{records}\n", "\n".join(record_table_ddl(contract.TABLES[t]) for t in COLUMNS))

#: Record tables stored, in order.
TABLES: tuple[str, ...] = tuple(COLUMNS)

#: What version 2 adds to version 1: the key tables and the indexes.
SCHEMA_V2 = KEY_SCHEMA + "\n" + KEY_INDEXES + "".join(
    f"CREATE INDEX IF NOT EXISTS {t}_row ON {t} (file_id, seq);\n" for t in TABLES)
SCHEMA = SCHEMA + "\n" + SCHEMA_V2



def _migrate_1(con: sqlite3.Connection) -> None:
    """1 → 2: create the key tables and indexes, and compute the keys of every stored row."""
    for stmt in statements(SCHEMA_V2):
        con.execute(stmt)
    _index_keys(con, [r[0] for r in con.execute("SELECT file_id FROM files")])


def _migrate_2(con: sqlite3.Connection) -> None:
    """2 → 3: add ``tables.label`` and read it from each stored caption, as the parser does."""
    if "label" not in {r[1] for r in con.execute("PRAGMA table_info(tables)")}:
        con.execute("ALTER TABLE tables ADD COLUMN label TEXT")
    captions = [r[0] for r in con.execute("SELECT DISTINCT caption FROM tables WHERE caption IS NOT NULL")]
    con.executemany("UPDATE tables SET label = ? WHERE caption = ?",
                    [(lab.text, c) for c in captions if (lab := table_label(c))])


#: Migrations: ``MIGRATIONS[v]`` upgrades a store of version ``v`` to ``v + 1`` in place.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1, 2: _migrate_2}


def _index_keys(con: sqlite3.Connection, file_ids: Iterable[int]) -> None:
    """Fill the key tables for the stored rows of `file_ids`."""
    for table in ("issues", "documents", "citations"):
        cols = [c for c, _ in _STORED[table]]
        keys = key_table(table)
        marks = ", ".join("?" * (len(KEY_COLUMNS[keys]) + 2))
        for fid in file_ids:
            cur = con.execute(f"SELECT seq, {', '.join(cols)} FROM {table} WHERE file_id = ? ORDER BY seq", (fid,))
            recs = [(seq, dict(zip(cols, rest, strict=True))) for seq, *rest in cur.fetchall()]
            seqs = [seq for seq, _ in recs]
            con.executemany(
                f"INSERT INTO {keys} (file_id, seq, {', '.join(KEY_COLUMNS[keys])}) VALUES ({marks})",
                [(fid, seqs[k], *vals) for k, vals in key_rows(table, (r for _, r in recs))])


def schema_columns() -> dict[str, list[tuple[str, str]]]:
    """``{table: [(column, sql_type), ...]}`` of the record tables in :data:`SCHEMA` (without file_id, seq)."""
    return {t: [(n, typ) for n, typ in cols if n not in ("file_id", "seq")]
            for t, cols in table_columns(SCHEMA).items() if t in COLUMNS}


_STORED = schema_columns()


@dataclass
class ArchivedFile:
    """One archived file as :meth:`Archive.list` shows it."""

    file: str
    gazette: str | None
    number: int | None
    total_number: int | None
    date: str | None
    documents: int
    added_at: str
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return asdict(self)


def text_hash(text: str) -> str:
    """SHA-256 (hex) of `text` as UTF-8: the content key of an archived file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Archive:
    """An archive of checked issues in the SQLite file `path` (created on first :meth:`add`)."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_NAME) -> None:
        self.path = Path(path)

    # ---------------------------------------------------------------- opening
    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """A connection in autocommit mode (transactions are explicit), or None when there is no archive."""
        if not self.path.exists():
            if not create:
                return None
            if self.path.parent and not self.path.parent.exists():
                raise ArchiveError(f"{self.path}: folder {self.path.parent} does not exist")
        elif self.path.is_dir():
            raise ArchiveError(f"{self.path}: is a directory, not an archive file")
        try:
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            con.execute("PRAGMA foreign_keys = ON")
            tables = self._tables(con)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a gazette-checks archive ({exc})") from None
        if not tables:
            if not create:
                con.close()
                return None
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("BEGIN IMMEDIATE")  # another `archive add` may be creating it right now
            if self._tables(con):
                con.execute("COMMIT")
            else:
                for stmt in statements(SCHEMA):
                    con.execute(stmt)
                from . import __version__
                con.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                    ("schema_version", str(SCHEMA_VERSION)), ("created", _now()), ("tool_version", __version__)])
                con.execute("COMMIT")
                return con
            tables = self._tables(con)
        if "meta" not in tables:
            con.close()
            raise ArchiveError(f"{self.path}: an SQLite file, but not a gazette-checks archive (no meta table)")
        self._check_version(con)
        missing = [t for t in TABLES if t not in self._tables(con)]
        if missing:
            con.close()
            raise ArchiveError(f"{self.path}: archive is damaged (missing table {', '.join(missing)})")
        return con

    @staticmethod
    def _tables(con: sqlite3.Connection) -> set[str]:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _check_version(self, con: sqlite3.Connection) -> None:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        try:
            version = int(row[0]) if row else None
        except (TypeError, ValueError):
            version = None
        if version is None:
            con.close()
            raise ArchiveError(f"{self.path}: archive has no readable schema version; refusing to read it")
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            con.close()
            raise ArchiveError(
                f"{self.path}: archive was written by a newer gazette-checks (schema version {version}); "
                f"this version reads schema {SCHEMA_VERSION}. Upgrade gazette-checks."
            )
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                con.close()
                raise ArchiveError(
                    f"{self.path}: archive has schema version {version}, which this gazette-checks "
                    f"(schema {SCHEMA_VERSION}) cannot migrate; re-create it with `archive add`."
                )
            try:
                con.execute("BEGIN IMMEDIATE")
                row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row and row[0] == str(version):  # not migrated meanwhile by another process
                    step(con)
                    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version + 1),))
                con.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                con.close()
                raise ArchiveError(f"{self.path}: migrating from schema {version} failed: {exc}") from None
            version += 1
        if version == SCHEMA_VERSION:
            con.execute("PRAGMA journal_mode = WAL")

    # ---------------------------------------------------------------- writing
    def add(self, records: Records) -> list[str]:
        """Store the records and text of each file of `records`; returns the names stored.

        A file already archived under the same name, or with the same text
        under another name, is replaced.
        """
        names = records.own_files if records.own is not None else records.files
        failures = _failure_keys(records)
        by_file = {t: dict(tuple(getattr(records, t).groupby("file", sort=False)))
                   for t in TABLES if len(getattr(records, t))}
        con = self._connect(create=True)
        assert con is not None
        with closing(con), _write(con):
            for name in names:
                src = records.sources.get(name)
                text = src.text if src is not None else ""
                digest = text_hash(text) if src is not None else text_hash(json.dumps(
                    {k: len(getattr(records, k)) for k in TABLES}) + name)
                con.execute("DELETE FROM files WHERE name = ? OR sha256 = ?", (name, digest))
                cur = con.execute(
                    "INSERT INTO files (name, abspath, sha256, encoding, added_at, text, known_failures) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name, _abspath(name), digest, src.encoding if src else None, _now(),
                     zlib.compress(text.encode("utf-8")), json.dumps(sorted(failures.get(name, ())))),
                )
                file_id = cur.lastrowid
                for table, groups in by_file.items():
                    sub = groups.get(name)
                    if sub is not None:
                        insert_rows(con, file_id, table, sub.to_dict("records"))
        return list(names)

    def remove(self, file: str) -> bool:
        """Remove the archived file named `file` (or with that absolute path); True if one was removed."""
        con = self._connect(create=False)
        if con is None:
            return False
        with closing(con), _write(con):
            cur = con.execute("DELETE FROM files WHERE name = ? OR abspath = ?", (file, _abspath(file)))
            return cur.rowcount > 0

    # ---------------------------------------------------------------- reading
    def list(self) -> list[ArchivedFile]:
        """What the archive holds: one entry per file, in the order added."""
        con = self._connect(create=False)
        if con is None:
            return []
        with closing(con):
            rows = con.execute(
                "SELECT f.name, i.name, i.number, i.total_number, i.date, "
                "(SELECT COUNT(*) FROM documents d WHERE d.file_id = f.file_id), f.added_at, f.sha256 "
                "FROM files f LEFT JOIN issues i ON i.file_id = f.file_id AND i.seq = 0 ORDER BY f.file_id"
            ).fetchall()
        return [ArchivedFile(*r) for r in rows]

    def __len__(self) -> int:
        return len(self.list())

    def load(self, exclude_files: Iterable[str] = (), exclude_hashes: Iterable[str] = (), *,
             validate: bool = False) -> Records:
        """Every archived record (all files but `exclude_files` and `exclude_hashes`).

        Checking needs only :meth:`load_for`; this is for exports and audits.
        With `validate`, the tables are validated with
        :data:`gazette_checks.schemas.SCHEMAS`: a row that fails, and did not
        already fail when it was added, raises :class:`ArchiveError` (the store
        is damaged or was misread). Rows were validated when added, so a plain
        load does not validate them again.
        """
        con = self._connect(create=False)
        if con is None:
            return Records(own=[])
        exclude = set(exclude_files)
        exclude_abs = {_abspath(x) for x in exclude}
        hashes = set(exclude_hashes)
        with closing(con):
            files = [
                r for r in con.execute(
                    "SELECT file_id, name, abspath, sha256, encoding, text, known_failures FROM files ORDER BY file_id")
                if r[1] not in exclude and r[2] not in exclude_abs and r[3] not in hashes
            ]
            names = {r[0]: r[1] for r in files}
            recs = Records(own=[])
            known: set[str] = set()
            for _file_id, name, _, _, enc, blob, fails in files:
                try:
                    text = zlib.decompress(blob).decode("utf-8") if blob else ""
                except (zlib.error, UnicodeDecodeError) as exc:
                    raise ArchiveError(f"{self.path}: stored text of {name} is damaged ({exc})") from None
                recs.sources[name] = Source(name=name, text=text, encoding=enc or "utf-8")
                known.update(f"{name}\x1f{k}" for k in json.loads(fails or "[]"))
            ids = ",".join(str(i) for i in names)
            for table in TABLES:
                cols = [c for c, _ in _STORED[table]]
                rows: list[dict[str, Any]] = []
                seqs: list[int] = []
                if ids:
                    for rec in con.execute(
                        f"SELECT file_id, seq, {', '.join(cols)} FROM {table} "
                        f"WHERE file_id IN ({ids}) ORDER BY file_id, seq"
                    ):
                        row = dict(zip(cols, rec[2:], strict=True))
                        row["file"] = names[rec[0]]
                        rows.append(row)
                        seqs.append(rec[1])
                df = frame(table, rows)
                for c, typ in _STORED[table]:
                    if typ == "BOOLEAN" and c in df.columns and len(df):
                        df[c] = df[c].map(lambda v: bool(v) if v is not None and v == v else v)
                setattr(recs, table, df)
                if validate:
                    _validate(self.path, table, df, seqs, known)
        return recs

    def load_for(self, records: Records) -> Records:
        """The archived records to check `records` against: the candidates of
        :meth:`SQLCandidates.candidates <gazette_checks.store.sql.SQLCandidates.candidates>`
        (rows sharing a join key with `records`, neighbours in a series), never
        the files of `records` themselves, whether named the same or holding the
        same text. Their text is read only where a rule looks at a line."""
        return self.candidates(records)

    def candidates(self, records: Records) -> Records:
        """The :class:`~gazette_checks.store.Store` interface: see :meth:`load_for`."""
        con = self._connect(create=False)
        if con is None:
            return Records(own=[])
        stored = {t: [c for c, _ in _STORED[t]] for t in TABLES}
        with closing(con):
            return SQLCandidates(con, self.text, stored).candidates(records)

    def text(self, file_id: int) -> str:
        """The stored text of the file `file_id`."""
        con = self._connect(create=False)
        if con is None:
            return ""
        with closing(con):
            row = con.execute("SELECT name, text FROM files WHERE file_id = ?", (file_id,)).fetchone()
        if row is None:
            return ""
        try:
            return zlib.decompress(row[1]).decode("utf-8") if row[1] else ""
        except (zlib.error, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{self.path}: stored text of {row[0]} is damaged ({exc})") from None


@contextmanager
def _write(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the write lock at once (waits up to the busy timeout)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _validate(path: Path, table: str, df: pd.DataFrame, seqs: list[int], known: set[str]) -> None:
    from .schemas import SCHEMAS

    schema = SCHEMAS.get(table)
    if schema is None or not len(df):
        return
    bad = _schema_failures(schema, df)
    unexpected = []
    for idx, column, check, value in bad:
        if idx is not None and 0 <= idx < len(df):
            if f"{df['file'].iloc[idx]}\x1f{table}:{seqs[idx]}" in known:
                continue
        unexpected.append(f"{table}.{column}: {check} ({value!r})")
    if unexpected:
        more = f" and {len(unexpected) - 3} more" if len(unexpected) > 3 else ""
        raise ArchiveError(f"{path}: archived records do not match the schemas: "
                           f"{'; '.join(unexpected[:3])}{more}")


def _schema_failures(schema, df: pd.DataFrame) -> list[tuple[int | None, str, str, Any]]:
    import pandera.errors as pe

    try:
        schema.validate(df, lazy=True)
    except pe.SchemaErrors as exc:
        out = []
        for case in exc.failure_cases.to_dict("records"):
            idx = case.get("index")
            idx = int(idx) if idx is not None and idx == idx else None
            out.append((idx, str(case.get("column")), str(case.get("check")), case.get("failure_case")))
        return out
    return []


def _failure_keys(records: Records) -> dict[str, set[str]]:
    """``{file: {"table:seq", ...}}`` of rows that fail the schemas before they are stored."""
    from .schemas import SCHEMAS

    out: dict[str, set[str]] = {}
    for table, schema in SCHEMAS.items():
        df = getattr(records, table)
        if not len(df):
            continue
        df = df.reset_index(drop=True)
        seq = df.groupby("file").cumcount()
        for idx, *_ in _schema_failures(schema, df):
            if idx is None or not 0 <= idx < len(df):
                continue
            out.setdefault(df["file"].iloc[idx], set()).add(f"{table}:{int(seq.iloc[idx])}")
    return out


def insert_rows(con: sqlite3.Connection, file_id: int, table: str, rows: list[dict[str, Any]]) -> None:
    """Store the `rows` of record table `table` for archived file `file_id`, in order, with their
    join keys (issues, documents and citations). A column a row lacks is stored as NULL."""
    cols = [c for c, _ in _STORED[table]]
    con.executemany(
        f"INSERT INTO {table} (file_id, seq, {', '.join(cols)}) VALUES ({', '.join('?' * (len(cols) + 2))})",
        [(file_id, seq, *[_plain(r.get(c)) for c in cols]) for seq, r in enumerate(rows)])
    if table in ("issues", "documents", "citations"):
        keys = key_table(table)
        kcols = KEY_COLUMNS[keys]
        con.executemany(
            f"INSERT INTO {keys} (file_id, seq, {', '.join(kcols)}) VALUES ({', '.join('?' * (len(kcols) + 2))})",
            [(file_id, seq, *vals) for seq, vals in key_rows(table, rows)])


def _plain(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float, str, bytes)):
        return v
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def _abspath(name: str) -> str:
    return os.path.abspath(name) if name and not name.startswith("<") else name


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
