"""Safe and strict command line: inputs are never harmed, typos are refused, tool errors exit 2."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gazette_checks import cli
from gazette_checks.checks import all_rules, base, get_rule
from gazette_checks.cli import ERR, FINDINGS, OK, main
from gazette_checks.config import Config, load_config
from gazette_checks.read import read_paths, read_source
from tests.conftest import FIXTURES, ROOT
from tests.test_rules_totals import gazette

EXAMPLE = ROOT / "gazette_checks" / "examples" / "example-issue.txt"
TABLE = "表1 投资情况\n\n项目\t投资（万元）\n甲区\t1200\n乙区\t1021\n丙区\t1200\n合计\t3420\n"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> bool:
    lines = [x for x in err.splitlines() if x.strip()]
    return len(lines) == 1 and lines[0].startswith("gazette-checks: error:") and "Traceback" not in err


@pytest.fixture
def two(tmp_path, monkeypatch):
    """a.txt and b.txt (the example issue) in a fresh working folder."""
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    return tmp_path


# ------------------------------------------------------------------ outputs never harm an input
def test_html_never_swallows_an_input(capsys, two):
    code, out, _ = run(capsys, "check", "--html", "a.txt", "b.txt", "--format", "json")
    assert (two / "a.txt").read_bytes() == EXAMPLE.read_bytes()
    assert json.loads(out)["files"] == ["a.txt", "b.txt"]
    assert (two / "reports" / "report.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    assert code == FINDINGS


def test_html_takes_a_file_ending_in_html(capsys, two):
    code, _, _ = run(capsys, "check", "--html", "mine.html", "a.txt")
    assert code == FINDINGS and (two / "mine.html").is_file() and not (two / "reports").exists()


@pytest.mark.parametrize("argv", [
    ["check", "a.txt", "-o", "a.txt"],
    ["check", "a.txt", "-o", "json:a.txt"],
    ["check", "a.txt", "--html=a.txt"],
    ["check", "a.txt", "-o", "json:link.txt"],
    ["check", ".", "-o", "json:b.txt"],
    ["baseline", "a.txt", "-o", "a.txt"],
    ["archive", "add", "a.txt", "--archive", "a.txt"],
])
def test_an_output_onto_an_input_is_refused(capsys, two, argv):
    (two / "link.txt").symlink_to("a.txt")
    before = {p.name: p.read_bytes() for p in two.iterdir() if p.is_file()}
    code, _, err = run(capsys, *argv)
    assert code == ERR and one_line_error(err) and "input" in err
    assert {p.name: p.read_bytes() for p in two.iterdir() if p.is_file()} == before
    assert (two / "link.txt").is_symlink()


def test_output_through_a_symlink_keeps_the_link(capsys, two):
    (two / "out").mkdir()
    (two / "report.json").symlink_to(two / "out" / "real.json")
    code, _, _ = run(capsys, "check", "a.txt", "-o", "report.json")
    assert code == FINDINGS and (two / "report.json").is_symlink()
    assert json.loads((two / "out" / "real.json").read_text(encoding="utf-8"))["version"] == 1


def test_output_to_stdout_and_devices(capsys, two):
    code, out, _ = run(capsys, "check", "a.txt", "-o", "json:-", "--format", "github")
    assert code == FINDINGS and '"version": 1' in out and "::error" in out
    code, _, err = run(capsys, "check", "a.txt", "-o", "json:/dev/null")
    assert code == FINDINGS and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    code, _, err = run(capsys, "check", "a.txt", "-o", "-")
    assert code == ERR and one_line_error(err)


def test_output_to_a_fifo_is_written_in_place(capsys, two):
    fifo = two / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run(capsys, "check", "a.txt", "-o", f"sarif:{fifo}")
    reader.join(10)
    assert code == FINDINGS and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["version"] == "2.1.0"


def test_new_files_are_0644_under_the_usual_umask_and_replaced_files_keep_their_mode(capsys, two):
    old = os.umask(0o022)
    try:
        run(capsys, "check", "a.txt", "-o", "new.json")
        (two / "kept.json").write_text("{}")
        os.chmod(two / "kept.json", 0o600)
        run(capsys, "check", "a.txt", "-o", "kept.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(two / "new.json").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(two / "kept.json").st_mode) == 0o600
    assert json.loads((two / "kept.json").read_text())["version"] == 1


@pytest.mark.parametrize("target", ["json:outdir", "json:a.txt/x.json", "json:/proc/gazette/x.json"])
def test_write_failures_exit_2_in_one_line(capsys, two, target):
    (two / "outdir").mkdir()
    code, _, err = run(capsys, "check", "a.txt", "-o", target)
    assert code == ERR and one_line_error(err) and "cannot write" in err


SIGTERM_SCRIPT = """
import os, sys, time
from gazette_checks import cli
from gazette_checks.renderers import base
real_replace = os.replace
def slow_replace(a, b):
    print("TMP", a, flush=True)
    time.sleep(30)
    real_replace(a, b)
base.os.replace = slow_replace
sys.exit(cli.main(["check", sys.argv[1], "-o", sys.argv[2]]))
"""


def test_sigterm_leaves_no_temporary_file(two):
    proc = subprocess.Popen([sys.executable, "-c", SIGTERM_SCRIPT, "a.txt", str(two / "out" / "r.json")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("TMP "), proc.stderr.read()
    assert Path(line.split(" ", 1)[1].strip()).exists()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 128 + signal.SIGTERM
    assert list((two / "out").iterdir()) == []


# ------------------------------------------------------------------ selection and configuration
@pytest.mark.parametrize("argv, named", [
    (["--select", "XX99"], "XX99"),
    (["--select", "DT,ZZ"], "ZZ"),
    (["--select", ""], "--select"),
    (["--select", " , "], "--select"),
    (["--ignore", "dates.no_such_rule"], "dates.no_such_rule"),
    (["--select", "nosuchcategory"], "nosuchcategory"),
])
def test_unknown_selectors_exit_2_naming_them(capsys, argv, named):
    code, out, err = run(capsys, "check", EXAMPLE, *argv)
    assert code == ERR and one_line_error(err) and named in err and out == ""


def test_repeated_select_accumulates(capsys):
    code, out, _ = run(capsys, "check", EXAMPLE, "--format", "json", "--select", "DT", "--select", "NM03")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"DT01", "DT06", "NM03"} and code == FINDINGS


def test_selectors_that_exist_are_accepted(capsys):
    for sel in ("DT01", "DT", "dates", "dates.*", "DT0*", "ALL", "dl04"):
        code, _, err = run(capsys, "check", EXAMPLE, "--select", sel)
        assert code in (OK, FINDINGS), (sel, err)


@pytest.mark.parametrize("toml, named", [
    ('select = ["XX99"]', "XX99"),
    ('selct = ["DT"]', "selct"),
    ('[severity]\nXX01 = "warning"', "XX01"),
    ('[severity]\nDT01 = "fatal"', "DT01"),
    ('[options.TB01]\ntolerence = 1', "tolerence"),
    ('[options.TB01]\ntolerance = "1"', "tolerance"),
    ('[options.XD02]\nmin_title_chars = 4', "XD02"),
    ('[options.DL03]\nrollover_days = 3.5', "rollover_days"),
    ('[options.DL03]\nrollover_days = true', "rollover_days"),
    ('options = 3', "options"),
    ('organs-file = 3', "organs-file"),
    ('select = "DT', "cannot read"),
])
def test_bad_configuration_exits_2_naming_the_problem(capsys, tmp_path, toml, named):
    cfg = tmp_path / "gazette-checks.toml"
    cfg.write_text(toml + "\n", encoding="utf-8")
    code, out, err = run(capsys, "check", EXAMPLE, "--config", cfg)
    assert code == ERR and one_line_error(err) and named in err and out == ""
    code, _, err = run(capsys, "rules", "--config", cfg)
    assert code == ERR and one_line_error(err)


def test_discovered_pyproject_with_a_typo_is_refused(capsys, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.gazette-checks]\nignore = ["FM99"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", EXAMPLE)
    assert code == ERR and "FM99" in err and "pyproject.toml" in err


def _readme_toml() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1]
    return section.split("```toml\n", 1)[1].split("```", 1)[0]


def test_readme_configuration_example_is_valid_and_honoured(capsys, tmp_path, monkeypatch):
    toml = _readme_toml()
    assert "[tool.gazette-checks.options.TB01]" in toml
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "organs-mycity.toml").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    cfg = load_config(start=tmp_path)
    cfg.validate(all_rules())
    assert cfg.options["TB01"]["tolerance"] == 0.5 and cfg.severity == {"NM05": "warning"}
    assert cfg.organs_file == str((tmp_path / "data" / "organs-mycity.toml").resolve())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.txt").write_text(gazette(TABLE), encoding="utf-8")
    code, out, err = run(capsys, "check", "t.txt", "--format", "json")
    assert code in (OK, FINDINGS), err
    assert "FM03" not in {f["rule"] for f in json.loads(out)["findings"]}


def test_tb01_tolerance_is_honoured(capsys, tmp_path):
    (tmp_path / "t.txt").write_text(gazette(TABLE), encoding="utf-8")
    code, out, _ = run(capsys, "check", tmp_path / "t.txt", "--select", "TB01", "--format", "json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["TB01"] and code == FINDINGS
    (tmp_path / "c.toml").write_text("[options.TB01]\ntolerance = 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", tmp_path / "t.txt", "--select", "TB01", "--format", "json",
                       "--config", tmp_path / "c.toml")
    assert json.loads(out)["findings"] == [] and code == OK


def test_every_declared_option_is_read_by_its_rule(monkeypatch):
    """Each rule asks for each option it declares (so a configured value is never ignored)."""
    from gazette_checks.api import check, parse

    asked: dict[str, set[str]] = {}
    real = base.RuleContext.option

    def spy(self, name):
        asked.setdefault(self.rule.code, set()).add(name)
        return real(self, name)

    monkeypatch.setattr(base.RuleContext, "option", spy)
    records = parse(EXAMPLE.read_text(encoding="utf-8") + "\n" + gazette(TABLE), "x.txt")
    with_options = [r for r in all_rules() if r.options and r.code != "SC02"]
    check(records, Config(select=[r.code for r in with_options]))
    assert all(get_rule(c).options.get("rollover_days") == 92 for c in ("DL01", "DL03", "DL04"))
    missing = {r.code: sorted(set(r.options) - asked.get(r.code, set())) for r in with_options}
    assert {k: v for k, v in missing.items() if v} == {}


# ------------------------------------------------------------------ tool errors: exit 2, one line
def _boom(ctx):
    raise RuntimeError("injected")
    yield


@pytest.mark.rule_failure_expected
def test_a_rule_that_raises_exits_2_and_keeps_the_other_findings(capsys, monkeypatch):
    monkeypatch.setitem(base._DEFINED, "DT01", dataclasses.replace(base._DEFINED["DT01"], func=_boom))
    code, out, err = run(capsys, "check", EXAMPLE, "--format", "json")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == ERR and "rule DT01 failed" in err and "Traceback" not in err
    assert "PA06" in rules and "DT01" not in rules and {"NM03", "TB01", "DL01"} <= set(rules)


@pytest.mark.rule_failure_expected
def test_baseline_of_a_run_where_a_rule_raised_is_not_written(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(base._DEFINED, "DT01", dataclasses.replace(base._DEFINED["DT01"], func=_boom))
    code, _, err = run(capsys, "baseline", EXAMPLE, "-o", tmp_path / "b.json")
    assert code == ERR and not (tmp_path / "b.json").exists()


def test_internal_error_is_one_line_unless_debug(capsys, monkeypatch):
    def broken(*a, **k):
        raise AttributeError("'X' object has no attribute 'y'")

    monkeypatch.setattr("gazette_checks.engine.build_report", broken)
    code, _, err = run(capsys, "check", EXAMPLE)
    assert code == ERR and one_line_error(err) and "internal error" in err and "--debug" in err
    for argv in (["--debug", "check", EXAMPLE], ["check", EXAMPLE, "--debug"]):
        with pytest.raises(AttributeError):
            main([str(a) for a in argv])


def test_debug_shows_the_traceback_of_a_tool_error(capsys):
    from gazette_checks.exceptions import ConfigError

    with pytest.raises(ConfigError):
        main(["check", str(EXAMPLE), "--select", "XX99", "--debug"])


# ------------------------------------------------------------------ archive and baseline subcommands
def test_archive_add_list_remove(capsys, two):
    code, _, err = run(capsys, "archive", "add", "a.txt", "--archive", "ar.sqlite")
    assert code == OK and "stored a.txt" in err
    code, out, _ = run(capsys, "archive", "list", "--archive", "ar.sqlite", "--format", "json")
    rows = json.loads(out)
    assert code == OK and [(r["file"], r["number"], r["documents"]) for r in rows] == [("a.txt", 5, 4)]
    code, out, _ = run(capsys, "archive", "list", "--archive", "ar.sqlite")
    assert code == OK and out.startswith("a.txt  青川市人民政府公报  5  65  2024-05-31  4  ")
    code, out, _ = run(capsys, "check", "b.txt", "--archive", "ar.sqlite", "--format", "json")
    assert code == FINDINGS and json.loads(out)["files"] == ["b.txt"]
    code, _, err = run(capsys, "archive", "remove", "nope.txt", "--archive", "ar.sqlite")
    assert code == ERR and one_line_error(err) and "nope.txt" in err
    code, _, _ = run(capsys, "archive", "remove", "a.txt", "--archive", "ar.sqlite")
    code2, out, _ = run(capsys, "archive", "list", "--archive", "ar.sqlite")
    assert code == OK and code2 == OK and out == "ar.sqlite: empty\n"
    code, _, err = run(capsys, "archive")
    assert code == ERR and one_line_error(err)


def _damaged(two: Path) -> list[Path]:
    garbage = two / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    run_ok = main(["archive", "add", "a.txt", "--archive", "good.sqlite"]) == OK
    assert run_ok
    data = (two / "good.sqlite").read_bytes()
    cut = two / "cut.sqlite"
    cut.write_bytes(data[: len(data) // 3])
    foreign = two / "foreign.sqlite"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE t (x)")
    con.close()
    dropped = two / "dropped.sqlite"  # opens fine, fails when read
    dropped.write_bytes(data)
    with sqlite3.connect(dropped) as con:
        con.execute("DROP TABLE documents")
    con.close()
    return [garbage, cut, foreign, dropped, two / "a.txt"]


@pytest.mark.parametrize("action", ["list", "add", "check", "remove"])
def test_damaged_archives_exit_2_in_one_line(capsys, two, action):
    for path in _damaged(two):
        capsys.readouterr()
        argv = {"list": ["archive", "list", "--archive", path, "--format", "json"],
                "add": ["archive", "add", "b.txt", "--archive", path],
                "check": ["check", FIXTURES / "monthly-issue.txt", "--archive", path],
                "remove": ["archive", "remove", "x.txt", "--archive", path]}[action]
        code, out, err = run(capsys, *argv)
        assert code == ERR and one_line_error(err), (path.name, err)


def test_baseline_round_trip_and_damaged_baselines(capsys, two):
    code, _, err = run(capsys, "baseline", "a.txt", "-o", "base.json")
    assert code == OK and "recorded" in err
    code, out, _ = run(capsys, "check", "a.txt", "--baseline", "base.json", "--format", "json")
    assert code == OK and json.loads(out)["findings"] == []
    (two / "bad.json").write_text('{"version": 1, "entries": [', encoding="utf-8")
    (two / "wrong.json").write_text('{"version": 1, "entries": [{"file": "a.txt"}]}', encoding="utf-8")
    (two / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    for name in ("bad.json", "wrong.json", "bin.json", "missing.json"):
        code, out, err = run(capsys, "check", "a.txt", "--baseline", name)
        assert code == ERR and one_line_error(err) and out == "", name


def test_rules_and_explain_subcommands(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == OK and len(json.loads(out)) == len(all_rules())
    code, out, _ = run(capsys, "explain", "tb01")
    assert code == OK and "What it does:" in out and "`tolerance` (default `0.0`)" in out
    code, _, err = run(capsys, "explain", "XX99")
    assert code == ERR and one_line_error(err)


# ------------------------------------------------------------------ inputs
def test_fifos_and_devices_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    sources, errors = read_paths([str(fifo), "/dev/zero"])
    assert sources == [] and len(errors) == 2 and time.monotonic() - start < 5
    assert all("not a regular file" in str(e) for e in errors)


def test_inputs_over_the_size_cap_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("某某市人民政府公报\n" * 50, encoding="utf-8")
    with pytest.raises(Exception, match="more than the 100"):
        read_source(big, max_bytes=100)


def test_stdin_is_read_for_a_dash():
    proc = subprocess.run([sys.executable, "-m", "gazette_checks", "check", "-", "--format", "json"],
                          input=EXAMPLE.read_bytes(), capture_output=True, cwd=ROOT, timeout=120)
    data = json.loads(proc.stdout)
    assert proc.returncode == FINDINGS and data["files"] == ["<stdin>"] and data["findings"]


def test_form_feeds_keep_line_numbers(capsys, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    paged = "\n".join("\f" + x if x.startswith("青川") else x for x in lines)
    assert paged.count("\f") > 3
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "paged.txt").write_text(paged, encoding="utf-8")
    got = {}
    for name in ("plain.txt", "paged.txt"):
        _, out, _ = run(capsys, "check", tmp_path / name, "--format", "json")
        got[name] = [(f["rule"], f["line"]) for f in json.loads(out)["findings"]]
    assert got["plain.txt"] and got["paged.txt"] == got["plain.txt"]
    assert len(read_source(tmp_path / "paged.txt").lines) == len(lines)


def test_the_same_file_twice_is_checked_once(capsys, two):
    (two / "sub").mkdir()
    (two / "sub" / "c.txt").symlink_to(two / "a.txt")
    _, once, _ = run(capsys, "check", "a.txt", "--format", "json")
    code, twice, _ = run(capsys, "check", "a.txt", "./a.txt", str(two / "a.txt"), "sub", "--format", "json")
    assert json.loads(twice)["files"] == ["a.txt"]
    assert json.loads(twice)["findings"] == json.loads(once)["findings"]


def test_a_cut_last_character_is_dropped_with_a_warning(capsys, tmp_path):
    data = (FIXTURES / "monthly-issue.txt").read_bytes().rstrip() + "。".encode()[:2]
    (tmp_path / "cut.txt").write_bytes(data)
    code, out, err = run(capsys, "check", tmp_path / "cut.txt", "--format", "json")
    assert code in (OK, FINDINGS) and json.loads(out)["files"] == [str(tmp_path / "cut.txt")]
    assert "warning" in err and "last character is cut off" in err and f"at byte {len(data) - 2}" in err


def test_a_bad_byte_is_named_where_it_is(tmp_path):
    good = "某某市人民政府公报\n第二行\n".encode()
    (tmp_path / "bad.txt").write_bytes(good + b"\xff\xff\xff" + "第三行\n".encode())
    _, errors = read_paths([str(tmp_path / "bad.txt")])
    assert f"at byte {len(good)}, line 3" in str(errors[0])


def test_progress_is_shown_on_a_terminal_only(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with cli._Progress(True, delay=0.0) as p:
        p.set("checking")
        time.sleep(1.5)
    with cli._Progress(False, delay=0.0) as p:
        time.sleep(0.4)
    err = capsys.readouterr().err
    assert "\rchecking" in err and err.count("\rchecking") >= 2
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with cli._Progress(True, delay=0.0):
        time.sleep(0.4)
    assert capsys.readouterr().err == ""


def test_parse_failure_paths(capsys, two):
    code, _, err = run(capsys, "parse", "missing.txt")
    assert code == ERR and one_line_error(err) and "missing.txt" in err
    code, _, err = run(capsys, "parse", "a.txt", "--out", "a.txt")
    assert code == ERR and one_line_error(err) and "cannot write" in err
    (two / "csv").mkdir()
    (two / "csv" / "documents.csv").write_bytes(EXAMPLE.read_bytes())
    code, _, err = run(capsys, "parse", "csv/documents.csv", "--format", "csv", "--out", "csv")
    assert code == ERR and one_line_error(err) and "input" in err
    assert (two / "csv" / "documents.csv").read_bytes() == EXAMPLE.read_bytes()
    code, _, err = run(capsys, "parse", "a.txt", "--format", "csv", "--out", "out")
    assert code == OK and (two / "out" / "documents.csv").is_file()


def test_the_library_refuses_a_configuration_that_selects_nothing():
    from gazette_checks.api import check
    from gazette_checks.exceptions import ConfigError

    with pytest.raises(ConfigError, match="XX99"):
        check(EXAMPLE.read_text(encoding="utf-8"), Config(select=["XX99"]))
    with pytest.raises(ConfigError, match="tolerance"):
        check(EXAMPLE.read_text(encoding="utf-8"), Config(options={"TB01": {"tolerance": "0.5"}}))
