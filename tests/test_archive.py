"""The SQLite archive: layout, adding and replacing, loading, versions and damage."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from gazette_checks import archive as A
from gazette_checks.api import parse
from gazette_checks.archive import SCHEMA, SCHEMA_VERSION, Archive
from gazette_checks.exceptions import ArchiveError
from gazette_checks.records import COLUMNS, TABLE_NAMES, Records

ISSUE = """某某市人民政府公报

(双月刊)

第{n}期 总第{t}期

某某市人民政府办公室主办

2024年{m}月28日

目 录

● 市政府文件

- 某某市人民政府关于做好第{n}期测试工作的通知..... (1)

某某市人民政府
关于做好第{n}期测试工作的通知

某政发〔2024〕{n}号

各县（市）、区人民政府，市政府各直属单位：

现将有关事项通知如下。

表1 指标

序号\t指标\t目标
1\t污水处理率 (%)\t95

某某市人民政府

2024年{m}月8日
"""


def issue(n: int = 3, t: int = 18, m: int = 6) -> str:
    return ISSUE.format(n=n, t=t, m=m)


@pytest.fixture
def arc(tmp_path) -> Archive:
    return Archive(tmp_path / "gazette-archive.sqlite")


def test_schema_has_a_comment_per_column_and_covers_the_record_tables():
    cols = A.schema_columns()
    assert set(cols) == set(COLUMNS)
    for table, names in COLUMNS.items():
        stored = [c for c, _ in cols[table]]
        missing = [c for c in names if c != "file" and c not in stored]
        assert not missing, f"records.COLUMNS[{table!r}] has {missing}: add them to SCHEMA and bump SCHEMA_VERSION"
    for raw in SCHEMA.splitlines():
        s = raw.strip()
        if s and not s.startswith(("CREATE", ")", "--")) and "(" not in s.split()[0]:
            assert "--" in raw, f"column without a comment: {raw}"


def test_created_on_first_add_only(arc):
    assert arc.list() == [] and len(arc.load().documents) == 0
    assert not arc.path.exists()
    arc.add(parse(issue(), "2024-03.txt"))
    assert arc.path.exists()
    with sqlite3.connect(arc.path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_list_describes_each_file(arc):
    arc.add(Records.concat([parse(issue(3, 18), "a.txt"), parse(issue(5, 20, 10), "b.txt")]))
    entries = arc.list()
    assert [(e.file, e.gazette, e.number, e.total_number, e.date, e.documents) for e in entries] == [
        ("a.txt", "某某市人民政府公报", 3, 18, "2024-06-28", 1),
        ("b.txt", "某某市人民政府公报", 5, 20, "2024-10-28", 1),
    ]
    assert entries[0].added_at and len(entries[0].sha256) == 64
    assert entries[0].to_dict()["file"] == "a.txt"


def test_re_adding_replaces_never_duplicates(arc):
    arc.add(parse(issue(3, 18), "a.txt"))
    arc.add(parse(issue(3, 18), "a.txt"))
    assert len(arc.list()) == 1 and len(arc.load().documents) == 1
    # same name, new content: replaced
    arc.add(parse(issue(4, 19), "a.txt"))
    assert [e.number for e in arc.list()] == [4]
    # same content, another name: replaced too
    arc.add(parse(issue(4, 19), "renamed.txt"))
    assert [e.file for e in arc.list()] == ["renamed.txt"]
    assert len(arc.load().tables) == len(parse(issue(), "x").tables)


def test_load_round_trip_matches_the_parser(arc):
    recs = Records.concat([parse(issue(3, 18), "a.txt"), parse(issue(5, 20, 10), "b.txt")])
    arc.add(recs)
    back = arc.load()
    for name in (*TABLE_NAMES, "problems"):
        a, b = getattr(recs, name), getattr(back, name)
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), name
        if len(a):
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                          check_dtype=False, obj=name)
    assert back.tables["is_header"].map(type).eq(bool).all()
    assert back.line_text("a.txt", 5) == recs.line_text("a.txt", 5)
    assert back.own_files == []


def test_load_excludes_files_by_name_path_or_content(arc, tmp_path):
    arc.add(Records.concat([parse(issue(3, 18), "a.txt"), parse(issue(5, 20, 10), "b.txt")]))
    assert set(arc.load(exclude_files=["a.txt"]).documents["file"]) == {"b.txt"}
    assert set(arc.load(exclude_files=["./a.txt"]).documents["file"]) == {"b.txt"}
    same_text = parse(issue(3, 18), "elsewhere/a-copy.txt")
    assert set(arc.load_for(same_text).documents["file"]) == {"b.txt"}


def test_remove(arc):
    arc.add(Records.concat([parse(issue(3, 18), "a.txt"), parse(issue(5, 20, 10), "b.txt")]))
    assert arc.remove("a.txt") is True
    assert arc.remove("a.txt") is False
    assert [e.file for e in arc.list()] == ["b.txt"]
    assert set(arc.load().tables["file"]) == {"b.txt"}


def _set_version(path, value: str) -> None:
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))


def test_newer_version_is_refused(arc):
    arc.add(parse(issue(), "a.txt"))
    _set_version(arc.path, str(SCHEMA_VERSION + 1))
    with pytest.raises(ArchiveError, match="newer"):
        arc.load(validate=True)
    with pytest.raises(ArchiveError, match="newer"):
        arc.add(parse(issue(), "b.txt"))


def test_older_version_without_migration_is_refused(arc):
    arc.add(parse(issue(), "a.txt"))
    _set_version(arc.path, "0")  # no migration from 0
    with pytest.raises(ArchiveError, match="cannot migrate"):
        arc.list()


def test_older_version_with_migration_is_migrated(arc, monkeypatch):
    arc.add(parse(issue(), "a.txt"))
    _set_version(arc.path, str(SCHEMA_VERSION - 1))
    seen = []
    monkeypatch.setitem(A.MIGRATIONS, SCHEMA_VERSION - 1, lambda con: seen.append(con))
    assert len(arc.load().documents) == 1
    assert seen
    with sqlite3.connect(arc.path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_version_2_archive_gets_table_labels(arc):
    text = issue().replace("现将有关事项通知如下。", "现将有关事项通知如下。\n\n表2 主要指标\n\n序号\t指标\n1\t甲\n2\t乙\n")
    recs = parse(text, "a.txt")
    assert "表2" in set(recs.tables["label"])
    arc.add(recs)
    with sqlite3.connect(arc.path) as con:  # back to version 2: tables had no label
        con.execute("ALTER TABLE tables DROP COLUMN label")
    _set_version(arc.path, "2")
    assert set(arc.load().tables["label"].dropna()) == set(recs.tables["label"].dropna())
    with sqlite3.connect(arc.path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_not_an_archive_is_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError):
        Archive(junk).list()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(ArchiveError, match="not a gazette-checks archive"):
        Archive(other).load()
    with pytest.raises(ArchiveError, match="directory"):
        Archive(tmp_path).list()


def test_damaged_rows_are_refused_on_load(arc):
    arc.add(parse(issue(), "a.txt"))
    with sqlite3.connect(arc.path) as con:
        con.execute("UPDATE documents SET date = 'yesterday'")
    with pytest.raises(ArchiveError, match="schemas"):
        arc.load(validate=True)


def test_rows_that_failed_the_schemas_when_added_load(arc):
    recs = parse(issue(), "a.txt")
    recs.documents.loc[0, "date"] = "not a date"  # as a bad parse would give; SC01 reports it
    arc.add(recs)
    assert arc.load().documents.loc[0, "date"] == "not a date"
