"""The fast pass before pandera, without pandera: record tables checked against a plain spec.

:mod:`gazette_checks.schemas.quick` reads each pandera schema of the record tables
into a *spec*: per column its kind (int, float, str), whether it may be null or
must be unique, and the built-in checks it carries (bounds, allowed values, a
pattern, a length), as JSON-ready data. :func:`surely_valid_spec` tests a table
against a spec with plain pandas and Python and answers True only when pandera
would surely accept the table; anything else goes to pandera, which stays the
only judge of what fails and why.

The specs of this package's schemas are stored in ``data/schema_spec.json`` with
a hash of the schema sources, so that a check need not import pandera (about a
fifth of a second) when every table is surely valid; a stale file is ignored
(``python -m gazette_checks.schemas.quick`` rewrites it, and a test says when).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

_INT = {"int64", "Int64"}
_FLOAT = {"int64", "Int64", "float64"}
_TEXT = {"object", "str"}
_HERE = Path(__file__).resolve().parent
SPEC_FILE = _HERE / "data" / "schema_spec.json"
#: The sources the stored specs are read from: a change to any of them makes the file stale.
SPEC_SOURCES = ("schemas/__init__.py", "schemas/records.py", "schemas/extensions.py", "schemas/quick.py",
                "quickcheck.py")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # int | float | str | bool
    nullable: bool
    unique: bool
    tests: tuple[Callable[[list], bool], ...]


def compile_spec(spec: list[dict] | None) -> tuple[Column, ...] | None:
    """The columns of a JSON spec (see :func:`gazette_checks.schemas.quick.read_schema`), or None
    when the spec is None or holds a check this pass does not know."""
    if spec is None:
        return None
    out = []
    for col in spec:
        tests = []
        for name, statistics in col["checks"]:
            test = make_test(name, statistics)
            if test is None:
                return None
            tests.append(test)
        out.append(Column(col["name"], col["kind"], bool(col["nullable"]), bool(col["unique"]), tuple(tests)))
    return tuple(out)


def surely_valid_spec(spec: tuple[Column, ...] | None, df: pd.DataFrame) -> bool:
    """True when `df` passes the schema `spec` was read from for certain; False when it may not."""
    if spec is None:
        return False
    for col in spec:
        if col.name not in df.columns:
            return False
        values = _values(df[col.name], col.kind)
        if values is None:
            return False
        present, missing = values
        if missing and (not col.nullable or col.kind == "int"):
            return False
        if col.unique and (missing > 1 or len(set(present)) != len(present)):
            return False
        if present and not all(test(present) for test in col.tests):
            return False
    return True


def _values(s: pd.Series, kind: str) -> tuple[list, int] | None:
    """(non-null values, number of nulls) of `s` when its dtype suits column kind `kind`, else None."""
    dtype = str(s.dtype)
    if kind == "bool":
        return ([], 0) if dtype == "bool" else None  # a numpy bool column holds no missing value
    if kind == "str":
        if dtype not in _TEXT:
            return None
        values = s.tolist()
        present = [v for v in values if type(v) is str]
        if len(present) < len(values) and not all(v is None or v != v for v in values if type(v) is not str):
            return None  # a value neither a str nor missing (None, NaN)
        return present, len(values) - len(present)
    if dtype not in (_INT if kind == "int" else _FLOAT):
        return None
    if dtype == "Int64":
        arr = s.array
        mask = arr._mask
        data = arr._data
        present = data[~mask].tolist() if mask.any() else data.tolist()
    else:
        data = s.to_numpy()
        present = data[~np.isnan(data)].tolist() if dtype == "float64" else data.tolist()
    return present, len(s) - len(present)


def make_test(name: str | None, st: dict[str, Any]) -> Callable[[list], bool] | None:
    """A vectorised test of built-in check `name` with `st` (its statistics) on non-null values,
    or None if unknown."""
    if name == "greater_than_or_equal_to":
        low = st["min_value"]
        return lambda s: min(s) >= low
    if name == "less_than_or_equal_to":
        high = st["max_value"]
        return lambda s: max(s) <= high
    if name == "isin":
        allowed = frozenset(st["allowed_values"])
        return allowed.issuperset  # every value allowed (tested in C)
    if name == "str_matches":
        pattern = re.compile(st["pattern"])
        return lambda s: all(pattern.match(v) is not None for v in s)
    if name == "str_length":
        lo, hi, exact = st.get("min_value"), st.get("max_value"), st.get("exact_value")

        def length(s: list) -> bool:
            for v in s:
                n = len(v)
                if exact is not None and n != exact or lo is not None and n < lo or hi is not None and n > hi:
                    return False
            return True

        return length
    return None


def sources_key() -> str:
    """SHA-256 of the sources the specs are read from."""
    h = hashlib.sha256()
    for rel in SPEC_SOURCES:
        h.update(rel.encode())
        h.update((_HERE / rel).read_bytes())
    return h.hexdigest()


_STORED: list[dict[str, tuple[Column, ...] | None] | None] = []


def stored_specs() -> dict[str, tuple[Column, ...] | None] | None:
    """The stored spec of each record table (read once), or None when the file is missing,
    unreadable or stale (then the caller asks pandera's schemas)."""
    if not _STORED:
        specs = None
        try:
            data = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
            if data.get("key") == sources_key():
                specs = {name: compile_spec(spec) for name, spec in data["tables"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            specs = None
        _STORED.append(specs)
    return _STORED[0]
