"""The rules, one module per family, registered explicitly."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator

from ..findings import Finding
from .base import _DEFINED, Rule, RuleContext, rule, run_rule

#: Rule families in the order they run. Each module registers its rules on import.
FAMILIES: tuple[str, ...] = (
    "parse",
    "schema",
    "dates",
    "numbering",
    "toc",
    "textformat",
    "totals",
    "cited_tables",
    "shares",
    "deadlines",
    "departments",
    "crossdoc",
    "repeats",
    "references",
    "effective",
    "titles",
    "listcounts",
    "names",
    "appointments",
    "places",
    "tenure",
    "enumerations",
    "aliases",
    "validity",
)

__all__ = ["FAMILIES", "Rule", "RuleContext", "all_rules", "get_rule", "rule", "run_rule", "run_rules"]


def _load() -> None:
    for fam in FAMILIES:
        try:
            importlib.import_module(f"{__name__}.{fam}")
        except ModuleNotFoundError as exc:  # a family not written yet
            if exc.name != f"{__name__}.{fam}":
                raise


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    _load()
    return sorted(_DEFINED.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    """The rule with `code` (case-insensitive); KeyError if there is none."""
    _load()
    return _DEFINED[code.upper()]


def run_rules(records, config, rules: list[Rule] | None = None) -> Iterator[Finding]:
    """Run `rules` (default: every rule `config` selects) on `records`.

    A rule that raises does not stop the others: what it found before is kept
    and the failure is reported as a PA06 finding (an error, so the run does
    not pass) whatever was selected, unless PA06 is ignored; the traceback is
    logged at debug level.
    """
    selected = config.select_rules(all_rules()) if rules is None else rules
    failure_rule = _DEFINED.get("PA06")
    for r in selected:
        found: list[Finding] = []
        try:
            found.extend(run_rule(r, records, config))
        except Exception as exc:  # a defect in one rule must not cost the whole report
            logging.getLogger(__name__).debug("rule %s failed", r.code, exc_info=True)
            if failure_rule is not None and not config.is_ignored(failure_rule):
                from .parse import rule_failure

                found.append(rule_failure(RuleContext(failure_rule, records, config), r.code, exc))
        yield from found
