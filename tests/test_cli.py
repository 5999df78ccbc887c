"""The command line and its JSON contract (version 1): pinned here, extended later, never broken."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gazette_checks.cli import ERR, FINDINGS, OK, main
from tests.conftest import FIXTURES

MONTHLY = str(FIXTURES / "monthly-issue.txt")
FINDING_KEYS = {"rule", "category", "severity", "file", "line", "message", "excerpt", "document", "related",
                "suggestion"}
CATEGORIES = {"dates", "numbering", "departments", "totals", "deadlines", "toc", "crossdoc", "format", "schema",
              "parse"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_contract(capsys, example_path):
    code, out, err = run(capsys, "check", str(example_path), "--format", "json")
    data = json.loads(out)
    assert data["version"] == 1
    assert data["files"] == [str(example_path)]
    assert {"total", "by_severity", "by_category"} <= set(data["summary"])
    assert set(data["summary"]["by_severity"]) == {"error", "warning", "info"}
    assert set(data["summary"]["by_category"]) == CATEGORIES
    assert data["findings"], "the example has deliberate inconsistencies"
    for f in data["findings"]:
        assert FINDING_KEYS <= set(f)
        assert f["category"] in CATEGORIES and f["severity"] in {"error", "warning", "info"}
        assert f["file"] == str(example_path) and isinstance(f["line"], int) and f["line"] >= 1
        assert all({"file", "line"} <= set(r) for r in f["related"])
    errors = data["summary"]["by_severity"]["error"]
    assert code == (FINDINGS if errors else OK)


def test_fail_on_threshold(capsys, example_path):
    code_error, out, _ = run(capsys, "check", str(example_path), "--format", "json", "--fail-on", "error")
    sev = json.loads(out)["summary"]["by_severity"]
    code_info, _, _ = run(capsys, "check", str(example_path), "--format", "json", "--fail-on", "info")
    assert code_error == (FINDINGS if sev["error"] else OK)
    assert code_info == (FINDINGS if sum(sev.values()) else OK)


def test_parse_json_contract(capsys):
    code, out, _ = run(capsys, "parse", MONTHLY)
    assert code == OK
    data = json.loads(out)
    assert {"issues", "toc", "documents", "outline", "tables", "mentions", "citations"} <= set(data)
    assert {"file", "line", "section", "title", "page"} <= set(data["toc"][0])
    doc = data["documents"][0]
    assert {"file", "line", "issuer", "title", "doc_number", "date"} <= set(doc)
    assert doc["file"] == MONTHLY and doc["date"] == "2024-04-02" and doc["doc_number"] == "滨政发[2024]3号"
    assert data["issues"][0]["date"] == "2024-05-31"
    assert data["documents"][3]["doc_number"] is None


def test_parse_csv_writes_one_file_per_table(capsys, tmp_path):
    code, _, _ = run(capsys, "parse", MONTHLY, "--format", "csv", "--out", str(tmp_path))
    assert code == OK
    assert {p.name for p in tmp_path.iterdir()} >= {"documents.csv", "toc.csv", "issues.csv", "tables.csv"}
    assert "滨政发[2024]3号" in (tmp_path / "documents.csv").read_text(encoding="utf-8")


def test_bad_inputs_exit_2_and_other_files_are_processed(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    gb = tmp_path / "gb.txt"
    gb.write_bytes((FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8").encode("gb18030"))
    code, out, err = run(capsys, "check", str(empty), str(binary), str(tmp_path / "nope.txt"), str(gb),
                         "--format", "json")
    assert code == ERR
    assert len([ln for ln in err.splitlines() if ln.startswith("gazette-checks: error:")]) == 3
    assert "Traceback" not in err
    data = json.loads(out)
    assert data["files"] == [str(gb)] and len(data["input_errors"]) == 3
    assert data["summary"]["documents"] == 4


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-on", "sometimes"])
    assert exc.value.code == ERR
    assert main([]) == ERR


def test_several_outputs_in_one_run(capsys, tmp_path, example_path):
    outs = {"json": tmp_path / "r.json", "sarif": tmp_path / "r.sarif", "junit": tmp_path / "r.xml"}
    code, _, _ = run(capsys, "check", str(example_path), "-o", str(outs["json"]), "-o", f"sarif:{outs['sarif']}",
                     "-o", str(outs["junit"]), "--html", str(tmp_path / "r.html"))
    assert json.loads(outs["json"].read_text(encoding="utf-8"))["version"] == 1
    assert json.loads(outs["sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert outs["junit"].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == OK and rules
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes))
    for r in rules:
        assert r["title_zh"] and r["title_en"] and r["reason"] and r["category"] in CATEGORIES
    code, out, _ = run(capsys, "explain", "pa01")
    assert code == OK and "PA01" in out and "目录" in out
    assert run(capsys, "explain", "ZZ99")[0] == ERR


def test_select_and_ignore(capsys, example_path):
    _, out, _ = run(capsys, "check", str(example_path), "--format", "json", "--select", "PA,SC")
    assert {f["rule"][:2] for f in json.loads(out)["findings"]} <= {"PA", "SC"}
    _, out, _ = run(capsys, "check", str(example_path), "--format", "json", "--ignore", "dates")
    assert all(f["category"] != "dates" for f in json.loads(out)["findings"])


def test_config_file_overrides_severity(capsys, tmp_path, example_path):
    _, out, _ = run(capsys, "check", str(example_path), "--format", "json")
    first = json.loads(out)["findings"][0]
    cfg = tmp_path / "gazette-checks.toml"
    cfg.write_text(f'[severity]\n{first["rule"]} = "info"\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", str(example_path), "--format", "json", "--config", str(cfg))
    same = [f for f in json.loads(out)["findings"] if f["rule"] == first["rule"]]
    assert same and all(f["severity"] == "info" for f in same)


def test_python_dash_m_and_console_script():
    proc = subprocess.run([sys.executable, "-m", "gazette_checks", "check", MONTHLY, "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (OK, FINDINGS), proc.stderr
    assert json.loads(proc.stdout)["version"] == 1


def test_rules_off_by_default_need_their_exact_code():
    from gazette_checks.checks import get_rule
    from gazette_checks.config import Config

    off = get_rule("DL04")
    assert not off.default_enabled
    assert not Config().is_selected(off)
    assert not Config(select=["DL"]).is_selected(off) and not Config(select=["deadlines"]).is_selected(off)
    assert Config(select=["DL04"]).is_selected(off) and Config(extend_select=["dl04"]).is_selected(off)


def test_gx_flag_without_great_expectations_is_a_one_line_error(capsys, monkeypatch, example_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "great_expectations" else real(name, *a))
    code, _, err = run(capsys, "check", str(example_path), "--gx")
    assert code == ERR and "pip install 'gazette-checks[gx]'" in err and "Traceback" not in err
