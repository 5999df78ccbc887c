"""The shared helper of the rule tests: run rules, and fail on any PA06 (a rule that raised).

The engine turns a rule that raises into a PA06 finding so that users still get the
other rules' findings; a test that keeps only the findings of the rule under test
would pass on a crash. Every rule test runs its rules through :func:`checked`
(the ``rules_must_not_fail`` guard in conftest.py catches any other path).
"""

from __future__ import annotations

import pytest

from gazette_checks.api import parse
from gazette_checks.config import Config
from gazette_checks.engine import check_records
from gazette_checks.findings import Finding
from gazette_checks.records import Records


def checked(source: Records | str, config: Config, name: str = "t.txt") -> list[Finding]:
    """The findings of `config`'s rules on `source` (records, or gazette text named `name`)."""
    records = parse(source, name) if isinstance(source, str) else source
    found = check_records(records, config)
    crashed = [f for f in found if f.rule == "PA06"]
    if crashed:
        pytest.fail("a rule raised: " + "; ".join(f.message for f in crashed), pytrace=False)
    return found


def rule_hits(text: str, code: str, config: Config | None = None, name: str = "t.txt") -> list[Finding]:
    """The findings of rule `code` alone on gazette `text` (other rules may run under `config`)."""
    return [f for f in checked(text, config or Config(select=[code]), name) if f.rule == code]
