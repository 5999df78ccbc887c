"""No rule test is blind: with every rule made to raise, every test that ran a rule fails.

The shared guard (``rules_must_not_fail`` in conftest.py) fails a test when a rule
raised during it, even when the test keeps only the findings of the rule under
test (the engine turns the crash into a PA06 finding). This test proves it on a
representative sample (``crash_sample`` in conftest.py: a test naming each rule
code, a slice of the cross-document tests, the API tests), in a subprocess where
conftest.py makes every rule raise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazette_checks.checks import all_rules
from tests.conftest import CRASH_ENV, CRASH_REPORT_ENV, ROOT

RULE_TESTS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_rules_*.py")) + ["tests/test_api.py"]
#: Tests that make a rule raise on purpose (and check what the user then sees).
EXPECTED_FAILURES = {
    "tests/test_api.py::test_a_failing_rule_is_reported_not_raised",
    "tests/test_cli_safety.py::test_a_rule_that_raises_exits_2_and_keeps_the_other_findings",
    "tests/test_cli_safety.py::test_baseline_of_a_run_where_a_rule_raised_is_not_written",
    "tests/test_crash_injection.py::test_the_shared_helper_fails_on_a_rule_that_raised",
}


def test_every_sampled_rule_test_fails_when_every_rule_raises(tmp_path):
    report = tmp_path / "crash.jsonl"
    env = dict(os.environ, **{CRASH_ENV: "1", CRASH_REPORT_ENV: str(report)})
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *RULE_TESTS],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-2000:]
    phases: dict[str, list[dict]] = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        phases.setdefault(row["id"], []).append(row)
    ran = {i: {c for r in rows for c in r["rules"]} for i, rows in phases.items()}
    blind = [i for i, rows in phases.items()
             if ran[i] and all(r["outcome"] in ("passed", "skipped") for r in rows)
             and not any(r["xfail"] or r["expected"] for r in rows)]
    assert blind == []
    covered = set().union(*ran.values())
    # SC02 runs only with the gx extra (its tests live in test_gx.py).
    assert {r.code for r in all_rules()} - covered <= {"SC02"}
    assert sum(1 for v in ran.values() if v) >= 60


def test_only_known_tests_expect_a_rule_to_raise():
    marked = set()
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for k, line in enumerate(lines[:-1]):
            if line.strip() == "@pytest.mark.rule_failure_expected":
                name = lines[k + 1].split("def ", 1)[1].split("(", 1)[0]
                marked.add(f"tests/{Path(path).name}::{name}")
    assert marked == EXPECTED_FAILURES


@pytest.mark.rule_failure_expected
def test_the_shared_helper_fails_on_a_rule_that_raised(monkeypatch):
    import dataclasses

    from gazette_checks.checks import base
    from gazette_checks.config import Config
    from tests.rule_helpers import rule_hits
    from tests.test_rules_dates import gazette

    def boom(ctx):
        raise ValueError("injected")

    monkeypatch.setitem(base._DEFINED, "DT01", dataclasses.replace(base._DEFINED["DT01"], func=boom))
    with pytest.raises(pytest.fail.Exception, match="DT01"):
        rule_hits(gazette(), "DT03", Config(select=["DT01", "DT03"]))
