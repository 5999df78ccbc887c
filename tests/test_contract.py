"""The record contract: records, pandera models, CSV/JSON and the archive all derive from it and agree,
and records written out and read back give the same findings as the text they were parsed from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import gazette_checks as gc
from gazette_checks import contract
from gazette_checks.archive import SQL_TYPES, Archive
from gazette_checks.config import Config
from gazette_checks.engine import check_records, parse_paths
from gazette_checks.records import COLUMNS, TEXT_COLUMNS, Records, empty_frame, frame
from gazette_checks.records_io import (
    conform,
    from_csv_dir,
    from_frames,
    from_json,
    texts_from_frames,
    to_csv_dir,
    to_json,
)
from gazette_checks.schemas import MODELS, SCHEMAS
from gazette_checks.schemas.records import pandera_dtype
from gazette_checks.store.parquet import layout
from tests.layout.transforms import TRANSFORMS

_PANDAS = {"int": "Int64", "float": "float64", "bool": "bool", "str": "object", "date": "object"}
_PANDERA = {int: "int64", float: "float64", bool: "bool"}


# ------------------------------------------------------------------ agreement
def test_records_columns_come_from_the_contract():
    assert COLUMNS == {t: contract.columns(t) for t in contract.RECORD_TABLES}
    assert TEXT_COLUMNS == {t: contract.columns(t) for t in contract.TEXT_TABLES}
    assert set(contract.TABLES) == set(COLUMNS) | set(TEXT_COLUMNS)
    for name, table in contract.TABLES.items():
        assert len(set(table.names)) == len(table.names), name
        assert table.names[0] == "file", name
        for col in table.columns:
            assert col.zh and col.en, (name, col.name)


@pytest.mark.parametrize("name", sorted(contract.TABLES))
def test_frames_have_the_contract_dtypes(name):
    table = contract.TABLES[name]
    empty = empty_frame(name)
    one = frame(name, [{c.name: _value(c) for c in table.columns}])
    for df in (empty, one):
        assert tuple(df.columns) == table.names
        assert {c: str(t) for c, t in df.dtypes.items()} == {c.name: _PANDAS[c.dtype] for c in table.columns}


@pytest.mark.parametrize("name", sorted(contract.TABLES))
def test_pandera_models_follow_the_contract(name):
    table = contract.TABLES[name]
    schema = MODELS[name].to_schema()
    assert tuple(schema.columns) == table.names
    for col in table.columns:
        pc = schema.columns[col.name]
        typ = pandera_dtype(col)
        assert str(pc.dtype) == _PANDERA[typ] if typ is not str else "str" in str(pc.dtype) or "string" in str(pc.dtype)
        assert pc.nullable == col.nullable, col.name
        assert pc.unique == bool(col.checks.get("unique")), col.name
        names = {c.name for c in pc.checks}
        want = {"ge": "greater_than_or_equal_to", "le": "less_than_or_equal_to", "isin": "isin",
                "str_matches": "str_matches", "str_length": "str_length"}
        assert {want[k] for k in col.checks if k != "unique"} <= names, col.name
        if col.dtype == "date":
            assert "str_matches" in names
        assert col.zh in pc.description
    assert (name in SCHEMAS) == table.validated


def test_public_schema_names_still_importable():
    from gazette_checks.schemas import (  # noqa: F401
        CitationSchema,
        DocumentSchema,
        IssueSchema,
        MentionSchema,
        OutlineSchema,
        TableCellSchema,
        TocSchema,
    )
    from gazette_checks.schemas.records import DOC_NUMBER_SHAPE, ISO_DATE, MENTION_KINDS  # noqa: F401

    assert SCHEMAS["documents"] is DocumentSchema and DocumentSchema.__name__ == "DocumentSchema"
    assert sorted(SCHEMAS) == ["citations", "documents", "issues", "mentions", "outline", "tables", "toc"]


def test_csv_and_json_carry_every_contract_column(example_records, tmp_path):
    written = {p.stem: p for p in to_csv_dir(example_records, tmp_path)}
    assert set(written) == set(contract.TABLES)
    for name, table in contract.TABLES.items():
        header = written[name].read_text(encoding="utf-8").split("\n", 1)[0]
        assert tuple(header.split(",")) == table.names
    data = json.loads(to_json(example_records))
    assert list(data) == list(contract.TABLES)
    for name, rows in data.items():
        assert all(tuple(r) == contract.columns(name) for r in rows), name


def test_tables_written_before_the_label_read_it_from_the_caption():
    cells = pd.DataFrame({"file": ["a.txt"] * 2, "line": [3, 4], "table_id": ["a.txt#T1"] * 2,
                          "caption": ["（表2）主要指标", "（表2）主要指标"], "row": [0, 1], "col": [0, 0],
                          "text": ["序号", "1"], "is_header": [True, False]})
    assert list(conform("tables", cells)["label"]) == ["表2", "表2"]


def test_archive_tables_follow_the_contract(example_records, tmp_path):
    arc = Archive(tmp_path / "a.sqlite")
    arc.add(example_records)
    con = sqlite3.connect(tmp_path / "a.sqlite")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name, table in contract.TABLES.items():
        if table.text:  # the archive keeps the text itself and cleans it again
            assert name not in tables
            continue
        got = [(r[1], r[2]) for r in con.execute(f"PRAGMA table_info({name})")]
        want = [("file_id", "INTEGER"), ("seq", "INTEGER"),
                *[(c.name, SQL_TYPES[c.dtype]) for c in table.columns if c.name != "file"]]
        assert got == want, name
        assert layout()[name] == want  # the Parquet store's layout
    con.close()


def test_a_column_added_to_the_contract_reaches_model_and_archive():
    import dataclasses

    from gazette_checks.archive import record_table_ddl
    from gazette_checks.schemas.records import model
    from gazette_checks.store.sql import table_columns

    docs = contract.TABLES["documents"]
    extra = contract.Column("signed_place", "str", "成文地点", "where it was signed", checks={"str_length": {"min_value": 2}})
    grown = dataclasses.replace(docs, columns=(*docs.columns, extra))
    pc = model(grown).to_schema().columns["signed_place"]
    assert pc.nullable and [c.name for c in pc.checks] == ["str_length"]
    assert table_columns(record_table_ddl(grown))["documents"][-1] == ("signed_place", "TEXT")


# ------------------------------------------------------------------ the text tables
def _value(col: contract.Column):
    return {"str": "某", "date": "2024-05-10", "int": 3, "float": 1.5, "bool": True}[col.dtype]


_PARAGRAPHS = [
    "某市人民政府关于开展某项工作的通知", "某政发〔2024〕6号", "各区人民政府，市政府各委、办、局：",
    "为进一步做好某项工作，切实提高工作质量和服务水平，经市政府同意，现就有关事项通知如下，请认真贯彻执行。"
    "各区要加强组织领导，明确责任分工，细化工作措施，确保各项任务按期完成。",
    "一、总体要求",
    "到2025年，全市建成较为完善的工作体系，服务能力明显提升，群众满意度持续提高，各项指标达到全省先进水平，"
    "形成一批可复制可推广的经验做法。",
]
#: An export header, paragraphs hard-wrapped at 26 characters, a page number, a garbled table and
#: organ and date on one line: every text table has rows, and cleaned lines span several original ones.
SYNTHETIC = "\n".join([
    "【法宝引证码】CLI.12.345678", "【发文字号】某政发〔2024〕6号", "",
    *[p[k:k + 26] for p in _PARAGRAPHS for k in range(0, len(p), 26)],
    "— 2 —",
    "二、任务", "序号\t单位\t完成时限", "3\t市财政屆\t6月2O日前", "l\t市民政▓局\t5月1O日前", "�\t▓▓\t□□",
    "某市人民政府  2024年6月10日",
])


def test_cleaned_text_survives_the_text_tables():
    recs = gc.parse(SYNTHETIC, "x.txt")
    ct = recs.clean_text("x.txt")
    assert ct.pages and ct.regions and ct.meta and any(len(ln.segs) > 1 for ln in ct.lines)
    back = texts_from_frames(recs.text_frames())["x.txt"]
    assert [(ln.text, ln.segs) for ln in back.lines] == [(ln.text, ln.segs) for ln in ct.lines]
    assert (back.pages, back.regions, back.meta) == (ct.pages, ct.regions, ct.meta)


def test_records_from_csv_keep_pages_regions_and_export_header(tmp_path):
    recs = gc.parse(SYNTHETIC, "x.txt")
    to_csv_dir(recs, tmp_path)
    back = from_csv_dir(tmp_path)
    assert back.sources == {} and back.own_files == ["x.txt"]
    assert back.pages.to_dict("records") == recs.pages.to_dict("records")
    assert back.regions.to_dict("records") == recs.regions.to_dict("records")
    assert back.export_meta("x.txt") == recs.export_meta("x.txt")
    for n in range(1, SYNTHETIC.count("\n") + 3):
        assert back.line_text("x.txt", n) == recs.line_text("x.txt", n)
        assert back.excerpt_text("x.txt", n) == recs.excerpt_text("x.txt", n)
        assert back.in_region("x.txt", n) == recs.in_region("x.txt", n)
    line = next(n for n in range(1, 30) if "确保各项任务" in back.line_text("x.txt", n))
    assert back.locate("x.txt", line, "确保各项任务") == recs.locate("x.txt", line, "确保各项任务") > line
    assert _key(gc.check(back)) == _key(gc.check(recs))


def test_records_without_text_tables_still_read():
    recs = from_frames(documents=pd.DataFrame([{"file": "a.txt", "line": 3, "doc_id": "a.txt#1",
                                                "title": "某市人民政府关于某事项的通知"}]))
    assert recs.texts == {} and recs.line_text("a.txt", 3) == ""
    assert conform("lines", None).columns.tolist() == list(contract.columns("lines"))


def test_a_missing_text_cell_reads_back_as_empty_text(tmp_path):
    recs = Records(tables=frame("tables", [{"file": "a.txt", "line": 4, "table_id": "a.txt#T1", "row": 0, "col": 0,
                                            "text": "", "is_header": True}]))
    recs.own = ["a.txt"]
    to_csv_dir(recs, tmp_path)
    back = from_csv_dir(tmp_path)
    assert back.tables["text"].tolist() == [""] and back.tables["caption"].tolist() == [None]
    assert back.tables["is_header"].tolist() == [True]


# ------------------------------------------------------------------ same findings
def _key(findings):
    return [(f.rule, f.file, f.line, f.message, f.excerpt) for f in findings]


def _round_trips(records: Records, tmp_path: Path) -> dict[str, Records]:
    to_csv_dir(records, tmp_path / "csv")
    to_json(records, tmp_path / "records.json")
    arc = Archive(tmp_path / "a.sqlite")
    arc.add(records)
    archived = arc.load()
    archived.own = list(records.own_files)
    return {"csv": from_csv_dir(tmp_path / "csv"), "json": from_json(tmp_path / "records.json"),
            "archive": archived}


@pytest.fixture(scope="module")
def example_records(example_path) -> Records:
    records, errors = parse_paths([str(example_path)])
    assert not errors
    return records


def test_example_read_back_gives_the_same_findings(example_records, tmp_path):
    want = _key(check_records(example_records, Config()))
    assert want
    for how, back in _round_trips(example_records, tmp_path).items():
        assert _key(check_records(back, Config())) == want, how


def test_relaid_example_read_back_gives_the_same_findings(example_path, tmp_path):
    """Page furniture, hard wraps, export headers…: the cleaned lines' map back to the original survives."""
    text = TRANSFORMS["all_at_once"](example_path.read_text(encoding="utf-8"))
    recs = gc.parse(text, "relaid.txt")
    want = _key(gc.check(recs))
    assert want
    to_csv_dir(recs, tmp_path)
    assert _key(gc.check(from_csv_dir(tmp_path))) == want
    assert _key(gc.check(from_json(to_json(recs)))) == want


def test_corpus_read_back_gives_the_same_findings(corpus_records, tmp_path):
    """All four corpus issues checked together, from text and from CSV, JSON and the archive."""
    want = _key(check_records(corpus_records, Config()))
    assert want
    for how, back in _round_trips(corpus_records, tmp_path).items():
        assert _key(check_records(back, Config())) == want, how


def test_every_line_column_of_the_records_is_mapped_to_the_original():
    """A record column holding a line is declared so (Column.line_ref): the parser maps exactly those."""
    import importlib

    parse = importlib.import_module("gazette_checks.parse")

    for name in contract.RECORD_TABLES:
        for c in contract.TABLES[name].columns:
            assert (c.dtype == "int" and (c.name == "line" or c.name.endswith("_line"))) == bool(c.line_ref), (name, c)
    assert set(parse._LINE_COLUMNS) >= {"line", "title_line", "date_line", "parent_line"}
    assert parse._END_LINE_COLUMNS == ("end_line",)
    with pytest.raises(ValueError, match="line_ref"):
        contract.Column("x_line", "int", "行", line_ref="middle")


def test_schema_findings_name_the_table_in_chinese(example_path):
    recs = gc.parse(example_path.read_text(encoding="utf-8"), "example.txt")
    docs = recs.documents.copy()
    docs.loc[docs.index[0], "date"] = "not a date"
    recs.documents = docs
    found = [f for f in check_records(recs, Config(select=["SC01"])) if f.rule == "SC01"]
    assert found and all(f.message.startswith(contract.TABLES["documents"].zh + "记录的字段") for f in found)
