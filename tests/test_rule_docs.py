"""Rule documentation as ruff writes it: every rule has its sections, options match, examples are synthetic."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
import regex as re

from gazette_checks.checks import all_rules, get_rule
from gazette_checks.checks.base import Rule
from gazette_checks.checks.docs import explain, problems, rule_doc, rules_page
from gazette_checks.findings import Severity
from tests.conftest import ROOT

RULES_PAGE = ROOT / "docs" / "rules.md"
SHARED = ROOT.parent / "shared"


def test_every_rule_has_every_section_and_its_options_documented():
    assert [p for r in all_rules() for p in problems(r)] == []


def _fake(doc: str, options: dict | None = None, example_bad: str = "某政发[2024]5号") -> Rule:
    def func(ctx):
        return iter(())

    func.__doc__ = doc
    return Rule(code="ZZ01", name="test.fake", category="dates", severity=Severity.WARNING, title_zh="测试",
                title_en="Test", reason="测试。", func=func, options=options or {}, example_bad=example_bad,
                example_good="某政发〔2024〕5号")


@pytest.mark.parametrize("doc, options, bad, complaint", [
    ("Checks something.", {}, "", "no example_bad"),
    ("", {}, "x", "no summary"),
    ("Checks something.\n\n## Options\n\n- ``limit``: how far", {}, "x", "does not declare"),
    ("Checks something.", {"limit": 3}, "x", "not described"),
    ("Checks something.\n\n## Options\n\n- ``limit``: how far", {"limit": 3, "other": 1}, "x", "'other'"),
    ("Checks something.\n\n## Notes\n\ntext", {}, "x", "unknown docstring section"),
    ("Checks something.\n\n## Options\n\nlimit: how far", {"limit": 3}, "x", "is not '- ``name``"),
])
def test_the_documentation_check_catches_what_is_missing(doc, options, bad, complaint):
    found = problems(_fake(doc, options, bad))
    assert found and complaint in " ".join(found)


def test_explain_renders_the_sections():
    for r in all_rules():
        text = explain(r)
        heads = [h for h in ("What it does:", "Why:", "Example:", "Use instead:", "Known problems:", "Options:")
                 if f"\n{h}\n" in text]
        want = ["What it does:", "Why:", "Example:", "Use instead:"]
        want += ["Known problems:"] if rule_doc(r).known_problems else []
        want += ["Options:"] if r.options else []
        assert heads == want, r.code
        for name in r.options:
            assert f"`{name}` (default `{r.options[name]!r}`): {rule_doc(r).options[name]}" in text
    assert rule_doc(get_rule("TB07")).known_problems and rule_doc(get_rule("TB01")).options["tolerance"]


def test_rules_page_is_up_to_date(capsys):
    from gazette_checks.cli import main

    assert main(["rules", "--format", "markdown"]) == 0
    page = capsys.readouterr().out
    assert page == rules_page(all_rules())
    assert RULES_PAGE.read_text(encoding="utf-8") == page, (
        "docs/rules.md is stale: run `gazette-checks rules --format markdown > docs/rules.md`")
    for r in all_rules():
        assert f"\n## {r.code}\n" in page


def _strict_xfails() -> list[tuple[str, str, str]]:
    """(rule code, test, reason) of every strict xfail in the rule tests."""
    out = []
    for path in sorted((ROOT / "tests").glob("test_rules_*.py")):
        mod = importlib.import_module(f"tests.{path.stem}")
        for name, func in inspect.getmembers(mod, inspect.isfunction):
            if not name.startswith("test_"):
                continue
            named = re.search(r"_([a-z]{2}\d{2})(?:_|$)", name)
            for mark in getattr(func, "pytestmark", []):
                if mark.name == "xfail" and mark.kwargs.get("strict"):
                    out.append((named[1].upper() if named else "", name, mark.kwargs["reason"]))
                if mark.name != "parametrize":
                    continue
                for p in mark.args[1]:
                    for m in getattr(p, "marks", ()):
                        if m.name == "xfail" and m.kwargs.get("strict"):
                            codes = [v for v in p.values if isinstance(v, str) and re.fullmatch(r"[A-Z]{2}\d{2}", v)]
                            code = codes[0] if codes else (named[1].upper() if named else "")
                            out.append((code, f"{name}[{p.values[0]}]", m.kwargs["reason"]))
    return out


def test_strict_xfails_are_known_problems_of_their_rule():
    cases = _strict_xfails()
    assert len(cases) >= 6
    for code, test, reason in cases:
        assert code, f"{test}: name the rule (test_xx01_… or a code in the parameters)"
        assert reason in rule_doc(get_rule(code)).known_problems, f"{test}: {reason!r} not in {code} Known problems"


def _documented_text(r: Rule) -> dict[str, str]:
    d = rule_doc(r)
    return {"example_bad": r.example_bad, "example_good": r.example_good, "reason": r.reason, "fix": r.fix,
            "summary": d.summary, "known_problems": d.known_problems}


def test_examples_use_a_neutral_agency_code():
    agency = re.compile(r"(\p{Han}{1,8})[〔\[【(（]\d{4}[〕\]】)）]")
    for r in all_rules():
        for field in ("example_bad", "example_good"):
            for m in agency.finditer(getattr(r, field)):
                assert "某" in m[1], f"{r.code} {field}: 机关代字 {m[1]} (use 某政发-style codes)"


@pytest.fixture(scope="module")
def shared_texts() -> str:
    files = [p for d in ("corpus", "corpus-docs", "corpus-web") if (SHARED / d).is_dir()
             for p in sorted((SHARED / d).rglob("*")) if p.suffix in (".txt", ".md") and p.is_file()]
    if not files:
        pytest.skip("../shared texts are not present")
    return "\n".join(re.sub(r"\s+", "", p.read_text(encoding="utf-8", errors="replace")) for p in files)


_HAN = re.compile(r"\p{Han}")


def test_no_rule_documentation_copies_the_corpus(shared_texts):
    """No run of 12 characters (half of them Chinese) of a rule's texts occurs in the real texts."""
    run = 12
    copied = []
    for r in all_rules():
        for field, value in _documented_text(r).items():
            text = re.sub(r"\s+", "", value)
            hits = {text[i:i + run] for i in range(len(text) - run + 1)
                    if len(_HAN.findall(text[i:i + run])) >= run // 2 and text[i:i + run] in shared_texts}
            if hits:
                copied.append(f"{r.code} {field}: {sorted(hits)[0]}")
    assert copied == []


def test_rules_page_is_referenced_from_the_readme():
    assert "docs/rules.md" in Path(ROOT / "README.md").read_text(encoding="utf-8")
