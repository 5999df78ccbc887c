"""Configuration: rule selection, severities and options from TOML."""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exceptions import ConfigError
from .findings import Severity

if TYPE_CHECKING:
    from .checks.base import Rule

CONFIG_FILES = ("gazette-checks.toml", "pyproject.toml")
#: Keys of the ``[tool.gazette-checks]`` table; any other key is an error.
KNOWN_KEYS = frozenset({"select", "ignore", "extend-select", "extend_select", "severity", "options",
                        "organs-file", "organs_file"})


@dataclass
class Config:
    """What to run and how.

    `select` / `ignore` take rule codes, code prefixes (``DT``), names,
    categories or globs (``NM0*``); a rule that is off by default (DL04, SC02)
    is selected only by its exact code or name. `severity` maps a code to a severity.
    `options` maps a code to its option values. `organs_file` names a per-city
    registry of organ names (see :mod:`gazette_checks.organs`).
    """

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    organs_file: str | None = None
    source: str | None = None

    # -- selection ---------------------------------------------------------
    def is_ignored(self, rule: Rule) -> bool:
        """True when `rule` is named (by code, prefix, category, name or glob) in ``ignore``."""
        return any(self._matches(rule, p) for p in self.ignore)

    @staticmethod
    def _matches(rule: Rule, pattern: str) -> bool:
        p = pattern.strip()
        if not p:
            return False
        if p.upper() == "ALL":
            return True
        up = p.upper()
        return (
            fnmatch.fnmatchcase(rule.code, up)
            or rule.code.startswith(up) and not any(ch in up for ch in "*?[")
            or p == rule.name
            or p == rule.category
            or fnmatch.fnmatchcase(rule.name, p)
        )

    def is_selected(self, rule: Rule) -> bool:
        """True when `rule` runs under this configuration."""
        if self.is_ignored(rule):
            return False
        explicit = [p for p in self.select + self.extend_select if p.upper() != "ALL"]
        if rule.default_enabled:
            if any(self._matches(rule, p) for p in explicit):
                return True
        elif any(p.strip().upper() == rule.code or p.strip() == rule.name for p in explicit):
            return True  # a rule that is off by default runs only when named exactly
        if any(p.upper() == "ALL" for p in self.select):
            return rule.default_enabled
        return False

    def select_rules(self, rules: Iterable[Rule]) -> list[Rule]:
        """The rules of `rules` that run."""
        return [r for r in rules if self.is_selected(r)]

    # -- severities and options --------------------------------------------
    def overrides_severity(self, code: str) -> bool:
        """True when configuration sets the severity of `code`."""
        return code in self.severity

    def severity_for(self, rule: Rule) -> Severity:
        """The effective severity of `rule`."""
        return Severity.parse(self.severity.get(rule.code, rule.severity))

    def option(self, rule: Rule, name: str) -> Any:
        """The configured value of `rule`'s option `name`."""
        if name not in rule.options:
            raise KeyError(f"{rule.code} has no option {name!r}")
        return self.options.get(rule.code, {}).get(name, rule.options[name])

    def validate(self, rules: Iterable[Rule]) -> None:
        """Raise ConfigError naming every selector, severity code, rule option or option value
        that does not fit `rules` (as ruff does: a typo never silently selects nothing).

        >>> from gazette_checks.checks import all_rules
        >>> Config(select=["DT", "XX99"], options={"TB01": {"tolerance": "a"}}).validate(all_rules())
        Traceback (most recent call last):
        ...
        gazette_checks.exceptions.ConfigError: config: unknown rule selector 'XX99' (select)
        """
        rules = list(rules)
        where = self.source or "config"
        for key, values in (("select", self.select), ("ignore", self.ignore), ("extend-select", self.extend_select)):
            bad = [p for p in values if p.strip().upper() != "ALL" and not any(self._matches(r, p) for r in rules)]
            if bad:
                raise ConfigError(f"{where}: unknown rule selector{'s' * (len(bad) > 1)} "
                                  f"{', '.join(map(repr, bad))} ({key})")
        codes = {r.code: r for r in rules}
        bad = [c for c in self.severity if c not in codes]
        if bad:
            raise ConfigError(f"{where}: severity for unknown rule{'s' * (len(bad) > 1)} {', '.join(bad)}")
        for code, values in self.options.items():
            r = codes.get(code)
            if r is None:
                raise ConfigError(f"{where}: options for unknown rule {code}")
            for name, value in values.items():
                if name not in r.options:
                    known = ", ".join(sorted(r.options)) or "none"
                    raise ConfigError(f"{where}: options.{code}: unknown option {name!r} (options of {code}: {known})")
                expected = _option_type(r.options[name])
                if not _fits(value, expected):
                    raise ConfigError(f"{where}: options.{code}.{name} must be {expected.__name__}, "
                                      f"not {type(value).__name__} {value!r}")

    def unknown_references(self, rules: Iterable[Rule]) -> list[str]:
        """Patterns in select/ignore/severity that match no rule."""
        rules = list(rules)
        out = []
        for p in self.select + self.ignore + self.extend_select + list(self.severity):
            if p.upper() != "ALL" and not any(self._matches(r, p) for r in rules):
                out.append(p)
        return out


def _option_type(default: Any) -> type:
    """The type an option's value must have: that of its default (an int default also takes floats
    only when the default is a float)."""
    return bool if isinstance(default, bool) else type(default)


def _fits(value: Any, expected: type) -> bool:
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _table_from(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return tool.get("gazette-checks", tool.get("gazette_checks"))
    return data.get("tool", {}).get("gazette-checks", data)


def from_mapping(table: dict[str, Any], source: str | None = None) -> Config:
    """Build a Config from a parsed TOML table."""
    def strings(key: str) -> list[str]:
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"{source or 'config'}: {key} must be a list of strings")
        return v

    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{source or 'config'}: unknown key{'s' * (len(unknown) > 1)} "
                          f"{', '.join(unknown)} (known: {', '.join(sorted(KNOWN_KEYS))})")
    cfg = Config(source=source)
    if "select" in table:
        cfg.select = strings("select")
    cfg.ignore = strings("ignore")
    cfg.extend_select = strings("extend-select") + strings("extend_select")
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{source or 'config'}: severity must be a table CODE = \"warning\"")
    for code, value in sev.items():
        try:
            Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{source or 'config'}: severity.{code}: {exc}") from exc
    cfg.severity = {k.upper(): str(v).lower() for k, v in sev.items()}
    opts = table.get("options", {})
    if not isinstance(opts, dict):
        raise ConfigError(f"{source or 'config'}: options must be a table of tables")
    bad = [k for k, v in opts.items() if not isinstance(v, dict)]
    if bad:
        raise ConfigError(f"{source or 'config'}: options.{bad[0]} must be a table of option = value")
    cfg.options = {k.upper(): dict(v) for k, v in opts.items()}
    organs = table.get("organs-file", table.get("organs_file"))
    if organs is not None and not isinstance(organs, str):
        raise ConfigError(f"{source or 'config'}: organs-file must be a string (a path)")
    if organs:
        base = Path(source).parent if source else Path.cwd()
        cfg.organs_file = str((base / organs).resolve())
    return cfg


def load_config(path: str | Path | None = None, start: str | Path | None = None) -> Config:
    """Load `path`, or the first gazette-checks.toml / pyproject.toml with a
    ``[tool.gazette-checks]`` table from `start` (default: cwd) upwards.
    Returns the default Config when there is none."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"{p}: configuration file not found")
        table = _table_from(p)
        return from_mapping(table or {}, str(p))
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_FILES:
            p = d / name
            if p.is_file():
                table = _table_from(p)
                if table is not None:
                    return from_mapping(table, str(p))
    return Config()
