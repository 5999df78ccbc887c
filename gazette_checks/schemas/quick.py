"""A fast first pass over a record table: True only when pandera would surely accept it.

Validating with pandera costs several milliseconds per table whatever its size,
which dominates the check of a small issue. :func:`surely_valid` reads the
columns and checks of a schema and tests them with plain pandas and Python on
the records this package builds. It answers True only for what it fully
understands (the dtypes records have, the built-in checks the schemas use);
anything else answers False, and the caller then validates with pandera, which
stays the only judge of what fails and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

_INT = {"int64", "Int64"}
_FLOAT = {"int64", "Int64", "float64"}
_TEXT = {"object", "str"}


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # int | float | str | bool
    nullable: bool
    unique: bool
    tests: tuple[Callable[[list], bool], ...]


def surely_valid(schema: Any, df: pd.DataFrame) -> bool:
    """True when `df` passes `schema` (a DataFrameModel class or DataFrameSchema) for certain;
    False when it may not, or when the schema holds something this pass does not know."""
    spec = _spec(schema)
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
        present = [v for v in s.tolist() if v is not None and v == v]
        if not all(type(v) is str for v in present):
            return None
        return present, len(s) - len(present)
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


_SPECS: dict[int, tuple[Any, tuple[_Column, ...] | None]] = {}


def _spec(schema: Any) -> tuple[_Column, ...] | None:
    hit = _SPECS.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    spec = _read_schema(schema.to_schema() if hasattr(schema, "to_schema") else schema)
    _SPECS[id(schema)] = (schema, spec)
    return spec


def _read_schema(schema: Any) -> tuple[_Column, ...] | None:
    if schema.checks or getattr(schema, "unique", None) or getattr(schema, "strict", False) is not False:
        return None
    out = []
    for name, col in schema.columns.items():
        dtype = str(col.dtype)
        if dtype in ("int64", "Int64") and col.coerce:
            kind = "int"
        elif dtype == "float64" and col.coerce:
            kind = "float"
        elif dtype == "bool" and col.coerce and not col.checks:
            kind = "bool"
        elif dtype in ("str", "string[python]", "string[pyarrow]", "string") and not col.coerce:  # pyarrow present
            kind = "str"
        else:
            return None
        if not col.required or getattr(col, "regex", False):
            return None
        tests = []
        for check in col.checks:
            test = _test(check)
            if test is None:
                return None
            tests.append(test)
        out.append(_Column(name, kind, bool(col.nullable), bool(col.unique), tuple(tests)))
    return tuple(out)


def _test(check: Any) -> Callable[[list], bool] | None:
    """A vectorised test of built-in check `check` on non-null values, or None if unknown."""
    if not getattr(check, "ignore_na", False) or getattr(check, "element_wise", False):
        return None
    st = dict(getattr(check, "statistics", None) or {})
    name = getattr(check, "name", None)
    if name == "greater_than_or_equal_to":
        low = st["min_value"]
        return lambda s: min(s) >= low
    if name == "less_than_or_equal_to":
        high = st["max_value"]
        return lambda s: max(s) <= high
    if name == "isin":
        allowed = frozenset(st["allowed_values"])
        return lambda s: all(v in allowed for v in s)
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
