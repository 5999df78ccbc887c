"""The Parquet store and the Dask batch: the same findings as the SQLite archive and the serial run."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")
pytest.importorskip("dask.distributed")

from gazette_checks.archive import Archive  # noqa: E402
from gazette_checks.batch import run_batch  # noqa: E402
from gazette_checks.cli import main  # noqa: E402
from gazette_checks.config import Config  # noqa: E402
from gazette_checks.engine import check_records, parse_paths  # noqa: E402
from gazette_checks.exceptions import ArchiveError  # noqa: E402
from gazette_checks.records import Records  # noqa: E402
from gazette_checks.store import check_against  # noqa: E402
from gazette_checks.store.parquet import ParquetStore, export_archive  # noqa: E402
from tests.test_store import _series  # noqa: E402

pytestmark = pytest.mark.scale


def _keys(findings) -> list:
    return sorted((f.rule, f.file, f.line, f.message, f.excerpt, tuple((r.file, r.line, r.excerpt) for r in f.related))
                  for f in findings)


@pytest.fixture(scope="module")
def series_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("series")
    for name, text in _series(10).items():
        (d / name).write_text(text, "utf-8")
    return d


def test_export_serves_the_same_candidates(tmp_path, series_dir):
    files = sorted(series_dir.glob("*.txt"))
    recs = {str(f): parse_paths([str(f)])[0] for f in files}
    arc = Archive(tmp_path / "a.sqlite")
    arc.add(Records.concat(list(recs.values())))
    assert export_archive(arc, tmp_path / "pq", chunk=3) == len(files)
    with pytest.raises(ArchiveError, match="not empty"):
        export_archive(arc, tmp_path / "pq")
    with ParquetStore(tmp_path / "pq") as store:
        assert len(store.file_ids()) == len(files)
        for own in recs.values():
            from_parquet = check_against(own, Config(select=["XD"]), store)
            from_sqlite = check_against(own, Config(select=["XD"]), arc)
            assert _keys(from_parquet) == _keys(from_sqlite)
        assert any(check_against(own, Config(select=["XD"]), store) for own in recs.values())


def test_not_a_store_is_refused(tmp_path):
    with pytest.raises(ArchiveError, match="store.json"):
        ParquetStore(tmp_path)


def test_dask_batch_gives_the_serial_findings(tmp_path, series_dir):
    paths = [str(p) for p in sorted(series_dir.glob("*.txt"))]
    serial = check_records(parse_paths(paths)[0], Config())
    result = run_batch(paths, tmp_path / "store", workers=2, processes=False, partition_files=3)
    try:
        assert result.partitions == 3 and result.errors == []  # 9 files (issue 5 is missing)
        assert {f.rule for f in serial} & {"XD03", "XD04", "XD06", "XD07", "XD08"}
        assert _keys(result.findings) == _keys(serial)
        assert sorted(result.records.own_files) == sorted(paths)
    finally:
        result.close()
    with ParquetStore(tmp_path / "store") as store:  # the records with join keys, for analytics
        n = store.con.execute("SELECT COUNT(*) FROM document_keys WHERE number_key IS NOT NULL").fetchone()[0]
        assert n == len(parse_paths(paths)[0].documents)


def test_batch_and_export_commands(tmp_path, series_dir, capsys):
    paths = [str(p) for p in sorted(series_dir.glob("*.txt"))][:4]
    code = main(["batch", *paths, "--store", str(tmp_path / "b"), "--format", "json", "--select", "XD",
                 "--partition-files", "2", "--workers", "2"])
    out = json.loads(capsys.readouterr().out)
    serial = check_records(parse_paths(paths)[0], Config(select=["XD"]))
    assert code == (1 if any(f.severity.value == "error" for f in serial) else 0)
    assert sorted((f["rule"], f["line"]) for f in out["findings"]) == sorted((f.rule, f.line) for f in serial)
    assert main(["batch", *paths, "--store", str(tmp_path / "b")]) == 2  # will not overwrite
    arc = tmp_path / "a.sqlite"
    assert main(["archive", "add", *paths, "--archive", str(arc)]) == 0
    assert main(["archive", "export", "--archive", str(arc), "--parquet", str(tmp_path / "pq")]) == 0
    assert sorted(ParquetStore(tmp_path / "pq").file_ids()) == [1, 2, 3, 4]


@pytest.mark.corpus
def test_dask_batch_on_the_corpus_gives_the_serial_findings(tmp_path, corpus_files, corpus_records):
    serial = check_records(corpus_records, Config())
    result = run_batch([str(p) for p in corpus_files], tmp_path / "store", workers=2, processes=False,
                       partition_files=1)
    try:
        assert result.partitions == len(corpus_files)
        assert _keys(result.findings) == _keys(serial)
    finally:
        result.close()
