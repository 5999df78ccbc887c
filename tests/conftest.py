"""Shared fixtures: the real corpus (skipped when absent) and synthetic texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus, or skip."""
    if not CORPUS.is_dir() or not list(CORPUS.glob("*.txt")):
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    """The corpus .txt files, sorted."""
    return sorted(corpus_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_records(corpus_files):
    """Records of the whole corpus, parsed once."""
    from gazette_checks.engine import parse_paths

    records, errors = parse_paths([str(p) for p in corpus_files])
    assert not errors
    return records


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example issue."""
    return ROOT / "gazette_checks" / "examples" / "example-issue.txt"


# ---------------------------------------------------------------- rule failures fail the test
#: Set by test_crash_injection: every rule raises, and this file gets one JSON line per test phase.
CRASH_ENV, CRASH_REPORT_ENV = "GAZETTE_CHECKS_CRASH_RULES", "GAZETTE_CHECKS_CRASH_REPORT"
#: Every rule run since the last test ended: (code, error or None). Filled by the wrapper that
#: pytest_configure puts around ``gazette_checks.checks.run_rule``, so runs in fixtures of any scope count.
RULE_RUNS: list[tuple[str, str | None]] = []


def pytest_configure(config):
    config.addinivalue_line("markers", "rule_failure_expected: the test makes a rule raise on purpose")
    from gazette_checks import checks

    real = checks.run_rule

    def recorded(rule_, records, config_):
        try:
            yield from real(rule_, records, config_)
        except Exception as exc:
            RULE_RUNS.append((rule_.code, f"{type(exc).__name__}: {exc}"))
            raise
        RULE_RUNS.append((rule_.code, None))

    checks.run_rule = recorded
    if os.environ.get(CRASH_ENV):
        _make_every_rule_raise()


def pytest_collection_modifyitems(config, items):
    """In a crash-injection run, keep only the representative sample of :func:`crash_sample`."""
    if os.environ.get(CRASH_ENV):
        keep = set(crash_sample([i.nodeid for i in items]))
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in keep])
        items[:] = [i for i in items if i.nodeid in keep]


def crash_sample(ids: list[str]) -> list[str]:
    """The tests a crash-injection run keeps: the first test naming each rule code, a slice of the
    cross-document tests (which name no code) and the API tests; corpus tests are left out."""
    from gazette_checks.checks import all_rules

    ids = [i for i in ids if "corpus" not in i]
    picked: list[str] = []
    for r in all_rules():
        picked += [i for i in ids if r.code.lower() in i.lower()][:1]
    picked += [i for i in ids if i.startswith("tests/test_rules_crossdoc.py::")][:12]
    picked += [i for i in ids if i.startswith("tests/test_api.py::")]
    return list(dict.fromkeys(picked))


def _make_every_rule_raise() -> None:
    import dataclasses

    from gazette_checks.checks import _DEFINED, all_rules

    def crash(ctx):
        raise RuntimeError(f"{ctx.rule.code}: injected crash")

    for r in all_rules():
        _DEFINED[r.code] = dataclasses.replace(r, func=crash)


@pytest.fixture(autouse=True)
def rules_must_not_fail(request):
    """The shared guard of every test: a rule that raises fails the test that ran it.

    The engine turns a rule that raises into a PA06 finding so that a user still
    gets the other rules' findings; a test that keeps only the findings of the
    rule under test would not see it. Rules run in a shared (module or session)
    fixture count for the first test that uses it.
    """
    yield
    runs = list(RULE_RUNS)
    RULE_RUNS.clear()
    request.node.user_properties.append(("rules_run", sorted({code for code, _ in runs})))
    failed = [f"{code} raised {err}" for code, err in runs if err]
    if failed and request.node.get_closest_marker("rule_failure_expected") is None:
        pytest.fail("a rule raised during this test (the engine reports it as PA06): " + "; ".join(failed[:3]),
                    pytrace=False)


def pytest_runtest_logreport(report):
    path = os.environ.get(CRASH_REPORT_ENV)
    if path:
        import json

        rules = dict(report.user_properties).get("rules_run", [])
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": report.nodeid, "when": report.when, "outcome": report.outcome,
                                 "xfail": hasattr(report, "wasxfail"), "rules": rules,
                                 "expected": "rule_failure_expected" in report.keywords}) + "\n")
