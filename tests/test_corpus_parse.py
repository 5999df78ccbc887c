"""The parser on the real corpus (../shared/corpus), document by document; skipped when absent.

Expectations were checked by hand against the texts. Titles are compared by a short SHA-1 of the
title (spaces removed) so that no corpus text is copied into the project.
"""

from __future__ import annotations

import hashlib
import time

import pytest

from gazette_checks.engine import parse_paths
from gazette_checks.patterns import squash

pytestmark = pytest.mark.corpus

EXPECTED = {
    "000_01544bc314009b20.txt": {
        "issue": (5, 20, '2022-10-30'),
        "toc": [(1, 'ab3f2ad9ba'), (7, '02f328137f'), (46, 'b61a93e533'), (81, '1484bdbf1d'), (82, 'ab20810fed'), (83, 'ae77f71b77'), (87, '5ef8181ce9'), (93, '5a7efa9688'), (99, 'e7b90f70af'), (117, '0271d21f3a')],
        "documents": [
            ('牡政综〔2022〕1号', '2022-09-29', '牡丹江市人民政府', 1, 'ab3f2ad9ba'),
            ('牡政规〔2022〕2号', '2022-07-29', '牡丹江市人民政府', 1, '87d0055f89'),
            ('牡政规〔2022〕4号', '2022-10-12', '牡丹江市人民政府', 1, 'b61a93e533'),
            ('牡政干〔2022〕7号', '2022-09-08', '牡丹江市人民政府', 1, '1484bdbf1d'),
            ('牡政干〔2022〕8号', '2022-10-24', '牡丹江市人民政府', 1, 'ab20810fed'),
            ('牡政办规〔2022〕5号', '2022-09-27', '牡丹江市人民政府办公室', 1, 'ae77f71b77'),
            ('牡政办综〔2022〕21号', '2022-09-22', '牡丹江市人民政府办公室', 1, '5ef8181ce9'),
            ('牡政办综〔2022〕23号', '2022-10-31', '牡丹江市人民政府办公室', 1, '5a7efa9688'),
            ('牡民联规〔2022〕3号', '2022-09-29', '牡丹江市民政局', 16, 'e7b90f70af'),
            ('牡公联〔2022〕5号', '2022-10-12', '牡丹江市公安局', 6, '0271d21f3a'),
        ],
    },
    "001_df724775bb38569d.txt": {
        "issue": (3, 18, '2022-06-30'),
        "toc": [(1, '354839a299'), (8, 'c880258db0'), (9, '79be5db35f'), (12, 'f31708b06d'), (14, '7ebcf131c0'), (16, '37efaeb85e'), (42, 'a0f25468db'), (47, '06678e7d47'), (75, 'fb01811630'), (80, 'a1cbce6f73'), (90, 'cc598e4368')],
        "documents": [
            ('牡政发〔2022〕11号', '2022-06-15', '牡丹江市人民政府', 1, '354839a299'),
            ('牡政复〔2022〕10号', '2022-05-09', '牡丹江市人民政府', 1, 'c880258db0'),
            ('牡政调〔2022〕5号', '2022-05-26', '牡丹江市人民政府', 1, '79be5db35f'),
            ('牡政干〔2022〕4号', '2022-06-15', '牡丹江市人民政府', 1, 'f31708b06d'),
            ('牡政办发〔2022〕11号', '2022-05-16', '牡丹江市人民政府办公室', 1, '7ebcf131c0'),
            ('牡政办发〔2022〕14号', '2022-06-23', '牡丹江市人民政府办公室', 1, '37efaeb85e'),
            ('牡公规〔2022〕1号', '2022-06-01', '牡丹江市公安局', 1, '0a82d6511e'),
            ('牡教发〔2022〕2号', '2022-05-05', '牡丹江市教育局', 1, '7bbbf9ffe8'),
            ('牡市监规〔2022〕1号', '2022-06-18', '牡丹江市市场监督管理局', 1, 'fb01811630'),
            ('牡优环办发〔2022〕11号', '2022-04-28', '牡丹江市优化营商环境领导小组办公室', 1, 'a1cbce6f73'),
            ('牡知领组发〔2022〕1号', '2022-06-29', '牡丹江市知识产权工作领导小组', 1, 'cc598e4368'),
        ],
    },
    "002_5110a9059e2525c4.txt": {
        "issue": (6, 21, '2022-12-30'),
        "toc": [(1, '6f1bd800b0'), (5, 'cb52d11b05'), (6, '43965ad006'), (33, '3ccec52ab7'), (39, 'e80912b275'), (50, '3a63f7c00a'), (54, 'e0e62d4d32'), (72, '4f48bb7262'), (76, 'c44fcc9e03'), (79, '3b0ba50588')],
        "documents": [
            ('牡政规〔2022〕5号', '2022-12-08', '牡丹江市人民政府', 1, '429266fdf1'),
            ('牡政干〔2022〕9号', '2022-12-26', '牡丹江市人民政府', 1, 'cb52d11b05'),
            ('牡政发〔2022〕21号', '2022-12-07', '牡丹江市人民政府', 1, '43965ad006'),
            ('牡政发〔2022〕22号', '2022-12-13', '牡丹江市人民政府', 1, '3ccec52ab7'),
            ('牡政办综〔2022〕24号', '2022-10-25', '牡丹江市人民政府办公室', 1, 'e80912b275'),
            ('牡政办发〔2022〕31号', '2022-11-25', '牡丹江市人民政府办公室', 1, '3a63f7c00a'),
            ('牡市监规〔2022〕4号', '2022-08-11', '牡丹江市市场监督管理局', 1, '6958dc39c1'),
            ('牡市监〔2022〕75号', '2022-10-18', '牡丹江市市场监督管理局', 1, '4f48bb7262'),
            ('牡科规〔2022〕1号', '2022-12-07', '牡丹江市科学技术局', 1, 'c44fcc9e03'),
            (None, '2022-10-28', '牡丹江市市场监督管理局', 1, '3b0ba50588'),
        ],
    },
    "003_dfa5be97218d6ef9.txt": {
        "issue": None,
        "toc": [],
        "documents": [
            ('牡政规〔2022〕4号', '2022-10-12', '牡丹江市人民政府', 1, 'b61a93e533'),
        ],
    },
}


def _h(title: str) -> str:
    return hashlib.sha1(squash(title).encode("utf-8")).hexdigest()[:10]


@pytest.fixture(scope="module")
def parsed(corpus_files):
    out = {}
    for p in corpus_files:
        if p.name in EXPECTED:
            records, errors = parse_paths([str(p)])
            assert errors == []
            out[p.name] = records
    if len(out) != len(EXPECTED):
        pytest.skip("corpus differs from the expected four files")
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_issue_masthead(parsed, name):
    issue = parsed[name].issues
    if EXPECTED[name]["issue"] is None:
        assert issue.empty
        return
    row = issue.iloc[0]
    assert (row["number"], row["total_number"], row["date"]) == EXPECTED[name]["issue"]
    assert row["frequency"] == "双月刊" and row["name"].endswith("人民政府公报")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_toc_entry(parsed, name):
    toc = parsed[name].toc
    got = [(int(r["page"]), _h(r["title"])) for r in toc.to_dict("records")]
    assert got == EXPECTED[name]["toc"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_document(parsed, name):
    docs = parsed[name].documents.to_dict("records")
    assert len(docs) == len(EXPECTED[name]["documents"])
    for doc, (number, date, first_issuer, n_issuers, title_hash) in zip(docs, EXPECTED[name]["documents"], strict=True):
        label = f"{name}:{doc['line']}"
        assert doc["doc_number"] == number, label
        assert doc["date"] == date, label
        issuers = doc["issuer"].split("、")
        assert (issuers[0], len(issuers)) == (first_issuer, n_issuers), label
        assert _h(doc["title"]) == title_hash, (label, doc["title"])


def test_corpus_records_validate_against_schemas(corpus_records):
    from gazette_checks.checks.schema import schema_failures

    assert schema_failures(corpus_records) == []


def test_no_parse_problems_on_corpus(corpus_records):
    assert corpus_records.problems.empty, corpus_records.problems.to_dict("records")


def test_tables_found(corpus_records):
    per_file = corpus_records.tables.groupby("file")["table_id"].nunique()
    counts = {k.rsplit("/", 1)[-1][:3]: int(v) for k, v in per_file.items()}
    assert counts == {"000": 5, "001": 13, "002": 9, "003": 2}


def test_parse_speed_is_reported_not_asserted(corpus_files):
    # Performance is measured by benchmarks/bench_parse.py; this only guards against a hang.
    t = time.perf_counter()
    parse_paths([str(p) for p in corpus_files])
    assert time.perf_counter() - t < 60
