"""`check --jobs N`: per-issue rules in worker processes give the findings of a serial run."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from gazette_checks.cli import main
from gazette_checks.config import Config
from gazette_checks.engine import check_records, parse_paths
from gazette_checks.jobs import parse_and_check
from gazette_checks.records import TABLE_NAMES
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def archive(tmp_path_factory, example_path):
    """Six issues: three of the monthly fixture, each with the same organ-name slip (three uses
    over the batch, one per issue), and three copies of the example (same 文号 across copies,
    so the cross-document rules have work)."""
    d = tmp_path_factory.mktemp("issues")
    monthly = (FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8")
    example = example_path.read_text(encoding="utf-8")
    slip = monthly.replace("〔责任单位：市政务服务数据管理局〕", "〔责任单位：市生态环镜局〕", 1)
    assert slip != monthly
    for k in range(3):
        (d / f"m{k}.txt").write_text(slip.replace("第5期", f"第{5 + k}期"), encoding="utf-8")
        (d / f"e{k}.txt").write_text(example, encoding="utf-8")
    return d


def _json(capsys, *argv) -> tuple[int, dict]:
    code = main(["check", *argv, "--format", "json", "--no-progress"])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


@pytest.mark.parametrize("jobs", ["2", "0"])
def test_cli_jobs_give_the_serial_findings(capsys, archive, jobs):
    code1, serial = _json(capsys, str(archive), "--jobs", "1")
    code2, parallel = _json(capsys, str(archive), "--jobs", jobs)
    assert serial["findings"], "the copies must give findings to compare"
    assert {f["rule"][:2] for f in serial["findings"]} >= {"XD"}
    assert (code2, parallel) == (code1, serial)


def test_cli_jobs_report_input_errors_like_a_serial_run(capsys, archive, tmp_path):
    missing = str(tmp_path / "absent.txt")
    code1 = main(["check", str(archive / "m0.txt"), missing, "--format", "json", "-j", "1"])
    out1, err1 = capsys.readouterr()
    code2 = main(["check", str(archive / "m0.txt"), missing, "--format", "json", "-j", "2"])
    out2, err2 = capsys.readouterr()
    assert code1 == code2 == 2
    assert out1 == out2 and err1 == err2 and "absent.txt" in err2


def test_parallel_records_equal_serial_records(archive):
    cfg = Config()
    serial, _ = parse_paths([archive])
    records, errors, issue_checks = parse_and_check([archive], cfg, jobs=2)
    assert errors == []
    for name in (*TABLE_NAMES, "problems"):
        pd.testing.assert_frame_equal(getattr(records, name), getattr(serial, name))
    assert list(records.sources) == list(serial.sources)
    assert "XD04" not in issue_checks.rules and "DP01" in issue_checks.rules
    assert check_records(records, cfg, issue_checks=issue_checks) == check_records(serial, cfg)


def test_a_slip_is_found_whatever_the_batch(archive):
    cfg = Config(select=["DP01"])
    records, _, issue_checks = parse_and_check([archive], cfg, jobs=2)
    batch = check_records(records, cfg, issue_checks=issue_checks)
    assert batch == check_records(parse_paths([archive])[0], cfg)
    for k in range(3):
        name = archive / f"m{k}.txt"
        alone = check_records(parse_paths([name])[0], cfg)
        assert "市生态环境局" in [f.suggestion for f in alone]
        assert [(f.line, f.message) for f in batch if f.file == str(name)] == [(f.line, f.message) for f in alone]
