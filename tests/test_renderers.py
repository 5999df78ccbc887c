"""Machine formats (JSON, JUnit, SARIF, GitHub) and the terminal text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from factories import RULES, XSS_SCRIPT, make_finding, sample_findings, sample_report

from gazette_checks.findings import Location
from gazette_checks.renderers import FORMATS, github_report, render, sarif_report, text_report
from gazette_checks.renderers.text_report import display_width

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders(fmt):
    out = render(sample_report(), fmt)
    assert isinstance(out, str) and out.endswith("\n")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_report(fmt):
    out = render(sample_report(findings=[], input_errors=[], suppressed=0, stale_baseline=[]), fmt)
    assert out


# -- JSON -----------------------------------------------------------------


def test_json_contract():
    data = json.loads(render(sample_report(), "json"))
    assert set(data) == {"version", "tool", "files", "issues", "input_errors", "summary", "findings", "stale_baseline"}
    assert data["version"] == 1
    assert data["tool"] == {"name": "gazette-checks", "version": "0.1.0"}
    assert {"total", "by_severity", "by_category", "files", "suppressed", "stale_baseline"} <= set(data["summary"])
    f = data["findings"][0]
    assert {"rule", "category", "severity", "file", "line", "message", "excerpt", "document", "related", "suggestion", "fingerprint"} <= set(f)


# -- JUnit ----------------------------------------------------------------


def test_junit_one_case_per_rule_and_file():
    report = sample_report()
    root = ET.fromstring(render(report, "junit"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    file_cases = [c for c in cases if c.get("classname") != "input"]
    assert len(file_cases) == len(report.files) * len(RULES)
    pairs = {(c.get("classname"), c.get("name").split()[0]) for c in file_cases}
    assert len(pairs) == len(file_cases)
    assert all(c.get("name").startswith(tuple(RULES)) for c in file_cases)
    names = {c.get("name") for c in file_cases}
    assert "DT01 发布日期早于成文日期" in names

    # Failures: one per (file, rule) with an error or warning; infos are not failures.
    failing = {(f.file, f.rule) for f in report.findings if f.severity.value in ("error", "warning")}
    failed = {(c.get("classname"), c.get("name").split()[0]) for c in file_cases if c.find("failure") is not None}
    assert failed == failing
    assert int(root.get("failures")) == len(failing)
    assert int(root.get("tests")) == len(cases)
    dt01 = next(c for c in file_cases if c.get("classname") == "gazette/2022-05.txt" and c.get("name").startswith("DT01"))
    failure = dt01.find("failure")
    assert failure.get("type") == "error"
    assert "(+1)" in failure.get("message")  # two DT01 findings in that file
    assert "2022年13月1日" in failure.text
    tc01 = next(c for c in file_cases if c.get("classname") == "gazette/2022-05.txt" and c.get("name").startswith("TC01"))
    assert tc01.find("failure") is None
    assert "目录所列页码" in tc01.find("system-out").text

    # Input errors become errored cases.
    errors = [c for c in cases if c.find("error") is not None]
    assert len(errors) == 1 and int(root.get("errors")) == 1


def test_junit_survives_control_characters():
    report = sample_report(findings=[make_finding(excerpt="第一页\x0c第二页\x00", message="换页符\x1b[31m")])
    root = ET.fromstring(render(report, "junit"))  # would raise on invalid XML
    text = "".join(root.itertext())
    assert "第一页" in text and "\x0c" not in text


def test_junit_includes_rules_missing_from_metadata():
    report = sample_report(findings=[make_finding(rule="SC01", category="schema")])
    root = ET.fromstring(render(report, "junit"))
    assert any(c.get("name") == "SC01" for c in root.iter("testcase"))


# -- SARIF ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates(sarif_validator):
    log = json.loads(render(sample_report(), "sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_validates_edge_cases(sarif_validator):
    findings = [
        make_finding(rule="SC01", category="schema", line=0, excerpt="", file="表 格/数据 #1.txt"),
        make_finding(file="/abs/path/公报.txt", related=[Location("", 0)]),
    ]
    log = json.loads(render(sample_report(findings=findings, tool_version=""), "sarif"))
    errors = list(sarif_validator.iter_errors(log))
    assert not errors, errors[0].message


def test_sarif_content():
    report = sample_report()
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gazette-checks"
    assert driver["version"] == "0.1.0"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == list(RULES)
    dt01 = driver["rules"][rule_ids.index("DT01")]
    assert dt01["name"] == "dates.published_before_signed"
    assert dt01["shortDescription"]["text"] == "发布日期早于成文日期"
    assert dt01["fullDescription"]["text"].startswith("公文应在成文后发布")
    assert "核对原件" in dt01["help"]["text"]
    assert dt01["defaultConfiguration"]["level"] == "error"
    assert dt01["properties"]["category"] == "dates"
    assert dt01["properties"]["title_zh"] == "发布日期早于成文日期"

    results = run["results"]
    assert len(results) == len(report.findings)
    levels = {r["level"] for r in results}
    assert levels == {"error", "warning", "note"}
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert len(r["partialFingerprints"]["gazetteChecks/v1"]) == 16
        loc = r["locations"][0]["physicalLocation"]
        assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == loc["artifactLocation"]["uri"]
    xd = next(r for r in results if r["ruleId"] == "XD01")
    related = xd["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "gazette/2022-04.txt"
    assert related["region"]["startLine"] == 77
    dt = next(r for r in results if r["ruleId"] == "DT01")
    assert dt["locations"][0]["physicalLocation"]["region"]["snippet"]["text"].endswith("印发")
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_uris():
    assert sarif_report.artifact_uri("gazette/2022-05.txt") == "gazette/2022-05.txt"
    assert sarif_report.artifact_uri("公报 第5期.txt") == "%E5%85%AC%E6%8A%A5%20%E7%AC%AC5%E6%9C%9F.txt"
    assert sarif_report.artifact_uri("/data/a b.txt") == "file:///data/a%20b.txt"


def test_sarif_unknown_rule_gets_a_descriptor():
    log = json.loads(render(sample_report(findings=[make_finding(rule="SC01", category="schema")]), "sarif"))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "SC01" in ids
    assert run["results"][0]["ruleIndex"] == ids.index("SC01")


# -- GitHub ---------------------------------------------------------------


def test_github_escaping():
    assert github_report.escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert github_report.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    line = github_report.command("error", "第1行\n第2行 50%", file="dir,x/a:b.txt", line=3, title="DT01 日期")
    assert line == "::error file=dir%2Cx/a%3Ab.txt,line=3,title=DT01 日期::第1行%0A第2行 50%25"


def test_github_lines():
    report = sample_report()
    lines = render(report, "github").splitlines()
    commands = [ln for ln in lines if ln.startswith("::")]
    assert len(commands) == len(report.findings) + len(report.input_errors)
    assert all("\r" not in ln for ln in lines)
    kinds = [ln.split(" ", 1)[0].split("::")[1] for ln in commands]
    # Most serious first, so GitHub's per-step limit drops notices, not errors.
    rank = {"error": 2, "warning": 1, "notice": 0}
    assert [rank[k] for k in kinds] == sorted((rank[k] for k in kinds), reverse=True)
    assert "notice" in kinds
    dt = next(ln for ln in commands if "title=DT01" in ln)
    assert dt.startswith("::error file=gazette/2022-05.txt,line=12,title=DT01 发布日期早于成文日期::")
    props = dt.split("::")[1]
    assert props.count(",") == 2  # only the separators: values are escaped
    assert "%0A建议：" in dt


def test_github_no_line_no_file():
    report = sample_report(findings=[make_finding(line=0, file="")], input_errors=[])
    line = render(report, "github").splitlines()[0]
    assert line.startswith("::error title=DT01")


# -- text -----------------------------------------------------------------


def test_text_output():
    report = sample_report()
    out = text_report.render(report)
    assert "\033[" not in out
    assert "gazette/2022-05.txt:12: 错误 DT01 发布日期 2022年3月1日 早于成文日期 2022年3月5日" in out
    assert "建议：核对原件中的成文日期与印发日期。" in out
    assert "另见 gazette/2022-04.txt:77" in out
    assert "[-委办局-]" in out and "{+直属单位+}" in out
    assert "所写 1250万元，核算 1240万元（东安区：320 + 爱民区：410 + 西安区：510）" in out
    assert "4 处错误，5 处警告，2 处提示" in out
    assert "按基线忽略了 2 处" in out
    assert "无法读取：gazette/2022-06.pdf" in out
    assert XSS_SCRIPT in out  # text output shows input as it is


def test_text_caret_under_span():
    excerpt = "印发日期：2022年3月1日。"
    f = make_finding(excerpt=excerpt, span=(5, 5 + len("2022年3月1日")))
    out = text_report.render(sample_report(findings=[f]))
    lines = out.splitlines()
    i = next(n for n, ln in enumerate(lines) if ln.endswith("2022年3月1日。"))
    text_line, caret_line = lines[i], lines[i + 1]
    start = caret_line.index("^")
    prefix = text_line[: text_line.index("2022")]
    assert start == display_width(prefix)
    assert caret_line.count("^") == display_width("2022年3月1日")


def test_text_colour_only_when_asked():
    report = sample_report()
    assert "\033[" in text_report.render(report, colour=True)
    assert "\033[" not in text_report.render(report, colour=False)


def test_text_strips_terminal_escapes():
    f = make_finding(message="恶意\033[2J清屏", excerpt="原文\033]0;title\007结束")
    out = text_report.render(sample_report(findings=[f]))
    assert "\033" not in out and "\007" not in out


def test_text_english():
    out = text_report.render(sample_report(lang="en"))
    assert "gazette/2022-05.txt:12: Error DT01" in out
    assert "4 error(s), 5 warning(s), 2 info" in out


def test_text_clean_report():
    out = text_report.render(sample_report(findings=[], input_errors=[], suppressed=0, stale_baseline=[]))
    assert out.strip() == "检查了 2 个文件（2 期公报，0 件公文）：没有发现问题。".replace("0 件", "4 件")


def test_sample_findings_cover_the_brief():
    findings = sample_findings()
    assert {f.severity.value for f in findings} == {"error", "warning", "info"}
    assert any(f.related for f in findings)
    assert any("text_a" in f.data for f in findings)
    assert any("stated" in f.data for f in findings)


def test_written_files_are_readable_by_others_as_umask_allows(tmp_path):
    import os
    import stat

    from gazette_checks.renderers import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.html", "x")
        assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o644
        os.umask(0o077)
        write_atomic(tmp_path / "s.html", "x")
        assert stat.S_IMODE((tmp_path / "s.html").stat().st_mode) == 0o600
    finally:
        os.umask(old)
