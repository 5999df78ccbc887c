"""The archive as a store: candidates instead of the whole archive, keys, migration, concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from gazette_checks.api import parse
from gazette_checks.archive import SCHEMA_VERSION, Archive
from gazette_checks.checks.crossdoc import document_keys, issue_keys, wanted
from gazette_checks.config import Config
from gazette_checks.engine import check_records
from gazette_checks.records import Records
from gazette_checks.store import LazySource
from tests.test_rules_crossdoc import Doc, issue


def _keys(findings) -> list:
    return sorted((f.rule, f.file, f.line, f.message, tuple((r.file, r.line) for r in f.related))
                  for f in findings)


def _series(n_issues: int = 8) -> dict[str, str]:
    """Issues of one bimonthly gazette: numbered series of 发文字号, reprints, citations and defects.

    Issue k carries 某政发〔2024〕(2k+1)号 and (2k+2)号; issue 5 is missing (a gap),
    issue 6 repeats 某政发〔2024〕3号 with another title, issue 7 dates its first
    document before its predecessor's, issue 3 reprints issue 1's first document
    with one word changed, and issue 4 cites issue 2's document under another title.
    """
    texts: dict[str, str] = {}
    for k in range(1, n_issues + 1):
        if k == 5:
            continue
        month = k + 1
        docs = [
            Doc(title=f"关于做好第{2 * k + 1}项重点工作的通知", number=f"某政发〔2024〕{2 * k + 1}号",
                date=f"2024年{month}月3日"),
            Doc(title=f"关于印发某某市第{2 * k + 2}号专项规划的通知", number=f"某政发〔2024〕{2 * k + 2}号",
                date=f"2024年{month}月9日"),
        ]
        if k == 3:
            body = [line.replace("中俄", "中") for line in docs[0].body]
            docs.append(Doc(title="关于做好第3项重点工作的通知", number="某政发〔2024〕3号",
                            date="2024年2月3日", body=body))
        if k == 4:
            docs.append(Doc(title="关于加强某某工作的意见", number="某政办发〔2024〕1号", date="2024年5月20日",
                            body=["根据《关于印发某某市交通规划的通知》（某政发〔2024〕6号），现提出以下意见。",
                                  "一、工作要求"]))
        if k == 6:
            docs.append(Doc(title="关于另一件事情的通知", number="某政发〔2024〕3号", date="2024年7月20日"))
        if k == 7:
            docs[0].date = "2024年6月1日"
        texts[f"issue{k:02d}.txt"] = issue(docs, number=k, total=20 + k, published=f"2024年{month}月28日",
                                           name="某某市人民政府公报")
    return texts


@pytest.fixture(scope="module")
def series_records() -> dict[str, Records]:
    return {name: parse(text, name) for name, text in _series().items()}


@pytest.fixture(scope="module")
def series_archive(tmp_path_factory, series_records) -> Archive:
    arc = Archive(tmp_path_factory.mktemp("store") / "a.sqlite")
    arc.add(Records.concat(list(series_records.values())))
    return arc


def test_the_series_has_findings_of_every_kind(series_records):
    found = check_records(Records.concat(list(series_records.values())), Config(select=["XD"]))
    assert {"XD03", "XD04", "XD06", "XD07", "XD08"} <= {f.rule for f in found}


def test_candidates_give_the_findings_of_the_whole_archive(series_records, series_archive):
    for name, own in series_records.items():
        full = series_archive.load(exclude_files=[name])
        whole = check_records(own, Config(select=["XD"]), context=full)
        cand = series_archive.load_for(own)
        assert _keys(check_records(own, Config(select=["XD"]), context=cand)) == _keys(whole), name
        assert len(cand.documents) < len(full.documents)  # only what the rules join on


def test_candidates_of_a_middle_issue(series_records, series_archive):
    own = series_records["issue04.txt"]
    cand = series_archive.load_for(own)
    # neighbours in the issue series (3 and 6: 5 is missing) and the masthead of every candidate file
    assert set(cand.issues["number"].astype(int)) == {2, 3, 6}
    numbers = set(cand.documents["doc_number"])
    # 9/10 are its own; 8 and 13 the neighbours in the 某政发 series (issue 5 is missing); 6 the cited one
    assert {"某政发〔2024〕8号", "某政发〔2024〕13号", "某政发〔2024〕6号"} <= numbers
    assert not numbers & {"某政发〔2024〕9号", "某政发〔2024〕10号", "某政发〔2024〕15号"}
    assert all(isinstance(s, LazySource) for s in cand.sources.values())


def test_text_is_read_only_for_places_reported(series_records, series_archive):
    own = series_records["issue02.txt"]
    cand = series_archive.load_for(own)
    check_records(own, Config(select=["XD01", "XD02", "XD03", "XD04", "XD05", "XD06"]), context=cand)
    assert not any(s.loaded for s in cand.sources.values())  # no finding points into the archive
    own = series_records["issue06.txt"]  # reuses 某政发〔2024〕3号: the other place is shown
    cand = series_archive.load_for(own)
    found = check_records(own, Config(select=["XD04"]), context=cand)
    assert found and found[0].related[0].excerpt
    assert {n for n, s in cand.sources.items() if s.loaded} == {"issue01.txt", "issue03.txt"}


def test_re_added_and_renamed_files_are_not_candidates(series_records, series_archive):
    own = series_records["issue02.txt"]
    renamed = parse(own.sources["issue02.txt"].text, "renamed.txt")
    for recs in (own, renamed):
        cand = series_archive.load_for(recs)
        assert "issue02.txt" not in set(cand.documents["file"]) | set(cand.issues["file"])


def test_unrelated_issues_give_no_candidates(tmp_path, series_records, series_archive):
    other = parse(issue([Doc(title="关于另一个城市某项工作的通知", number="另政发〔2023〕7号")],
                        name="另一市人民政府公报"), "other.txt")
    cand = series_archive.load_for(other)
    assert len(cand.documents) == 0 and len(cand.issues) == 0 and not cand.sources
    assert Archive(tmp_path / "none.sqlite").load_for(other).documents.empty


def test_keys_of_a_document_and_a_masthead():
    recs = parse(issue([Doc(number="某政规(2024)第4号", date="2024年5月8日")]), "a.txt")
    doc = recs.documents.to_dict("records")[0]
    k = document_keys(doc)
    assert k["number_key"] == k["fingerprint"] == "某政规〔2024〕4号"
    assert k["series"].startswith("某政规|2024") and k["serial"] == 4 and k["series_date"] == "2024-05-08"
    no_number = document_keys({**doc, "doc_number": None})
    assert no_number["number_key"] is None and no_number["series"] is None
    assert no_number["fingerprint"].startswith("T:")
    assert issue_keys(recs.issues.to_dict("records")[0]) == {
        "gazette": "某某市人民政府公报", "year": 2024, "number": 3, "total": 18}
    w = wanted(recs)
    assert w.numbers == {"某政规〔2024〕4号"} and ("某某市人民政府公报", 2024, 3, 18) in w.issues


# ---------------------------------------------------------------- layout, migration, writers
def _make_v1(path) -> None:
    """Turn a current archive into the version-1 layout (the same tables without keys and indexes)."""
    with sqlite3.connect(path) as con:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                                   "AND name != 'documents_number'").fetchall():
            con.execute(f"DROP INDEX {name}")
        for table in ("document_keys", "citation_keys", "issue_keys"):
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        con.execute("PRAGMA journal_mode = DELETE")


def test_version_1_archive_is_migrated_and_serves_candidates(tmp_path, series_records):
    arc = Archive(tmp_path / "old.sqlite")
    arc.add(Records.concat([r for n, r in series_records.items() if n != "issue06.txt"]))
    _make_v1(arc.path)
    own = series_records["issue06.txt"]
    found = check_records(own, Config(select=["XD04"]), context=arc.load_for(own))
    assert [f.rule for f in found] == ["XD04"]
    with sqlite3.connect(arc.path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        n_docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        n_keys = con.execute("SELECT COUNT(*) FROM document_keys").fetchone()[0]
    assert {"files_sha256", "documents_row", "document_keys_number"} <= indexes
    assert n_keys == n_docs


def test_lookups_use_the_indexes(series_archive):
    with sqlite3.connect(series_archive.path) as con:
        plan = " ".join(str(r) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT file_id, seq FROM document_keys WHERE fingerprint IN ('x')"))
        plan += " ".join(str(r) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT file_id FROM files WHERE sha256 IN ('x')"))
    assert "document_keys_fingerprint" in plan and "files_sha256" in plan


_WRITER = textwrap.dedent("""
    import sys
    from gazette_checks.api import parse
    from gazette_checks.archive import Archive
    from tests.test_rules_crossdoc import Doc, issue
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    arc = Archive(path)
    for k in range(count):
        text = issue([Doc(title=f"关于{tag}第{k}项工作的通知", number=f"{tag}政发〔2024〕{k + 1}号")],
                     number=k + 1, name=f"{tag}市人民政府公报")
        arc.add(parse(text, f"{tag}-{k}.txt"))
""")


def test_concurrent_archive_add_from_two_processes(tmp_path):
    path = tmp_path / "shared.sqlite"  # created by whichever writer comes first
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), tag, "12"], cwd=str(tmp_path.parent),
                              stderr=subprocess.PIPE, text=True, env=_env())
             for tag in ("甲", "乙")]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    files = {f.file for f in Archive(path).list()}
    assert files == {f"{t}-{k}.txt" for t in "甲乙" for k in range(12)}
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM document_keys").fetchone()[0] == 24


def _env() -> dict[str, str]:
    import os
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_document_cited_by_every_issue_gives_a_few_candidates(tmp_path):
    def citing(k: int, title: str) -> str:
        doc = Doc(title=f"关于第{k}项工作的通知", number=f"某政发〔2024〕{k}号",
                  body=[f"根据《{title}》（省政发〔2023〕5号），现提出以下意见。", "一、工作要求"])
        return issue([doc], number=k, total=None, name=f"某{k}市人民政府公报")

    arc = Archive(tmp_path / "a.sqlite")
    arc.add(Records.concat([parse(citing(k, "省政府关于甲事项的意见"), f"a{k}.txt") for k in range(1, 12)]
                           + [parse(citing(k, "省政府关于乙事项的意见"), f"b{k}.txt") for k in range(12, 14)]))
    own = parse(citing(20, "省政府关于甲事项的意见"), "new.txt")
    cand = arc.load_for(own)
    assert sorted(cand.citations["file"]) == ["a1.txt", "a2.txt", "a3.txt", "b12.txt", "b13.txt"]
    full = arc.load(exclude_files=["new.txt"])
    assert _keys(check_records(own, Config(select=["XD08"]), context=cand)) == \
        _keys(check_records(own, Config(select=["XD08"]), context=full))
    assert len(check_records(own, Config(select=["XD08"]), context=cand)) == 1


def test_archive_add_list_and_check_commands(tmp_path, capsys):
    import json

    from gazette_checks.cli import main

    paths = []
    for name, text in _series(7).items():
        (tmp_path / name).write_text(text, "utf-8")
        paths.append(str(tmp_path / name))
    arc = str(tmp_path / "a.sqlite")
    new, old = paths[-1], paths[:-1]
    assert main(["archive", "add", *old, "--archive", arc]) == 0
    assert main(["archive", "list", "--archive", arc]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == len(old) and "某某市人民政府公报" in listed[0]
    assert main(["archive", "list", "--archive", arc, "--format", "json"]) == 0
    assert [r["file"] for r in json.loads(capsys.readouterr().out)] == old
    main(["check", new, "--archive", arc, "--format", "json", "--no-progress"])
    got = json.loads(capsys.readouterr().out)["findings"]
    together = check_records(Records.concat([parse(open(p, encoding="utf-8").read(), p) for p in paths]),
                             Config())
    want = sorted((f.rule, f.line, f.message) for f in together if f.file == new)
    assert sorted((f["rule"], f["line"], f["message"]) for f in got) == want
    assert any(r for r, _, _ in want if r.startswith("XD"))


@pytest.mark.corpus
def test_real_texts_against_the_archive_give_the_findings_of_checking_together(tmp_path, corpus_files):
    """The city corpus, the other provinces' documents and the web documents archived together:
    each corpus issue and document checked against the archive's candidates gets exactly the XD
    findings it gets when every text is checked in one run."""
    from pathlib import Path

    from gazette_checks.engine import parse_paths
    from gazette_checks.store import check_against

    shared = Path(corpus_files[0]).parent.parent
    others = sorted((shared / "corpus-docs").glob("*.txt")) + sorted((shared / "corpus-web").glob("*.md"))
    if not others:
        pytest.skip("../shared/corpus-docs and corpus-web are not present")
    recs, errors = parse_paths([str(p) for p in [*corpus_files, *others]])
    assert not errors
    together = check_records(recs, Config(select=["XD"]))
    arc = Archive(tmp_path / "a.sqlite")
    arc.add(recs)
    checked = [str(p) for p in corpus_files] + [str(p) for p in others if p.suffix == ".txt"]
    for name in checked:
        got = check_against(recs.subset(name), Config(select=["XD"]), arc)
        assert _keys(got) == _keys(f for f in together if f.file == name), name
    assert sum(1 for f in together if f.file in checked) >= 20
