"""A fast first pass over a record table: True only when pandera would surely accept it.

Validating with pandera costs several milliseconds per table whatever its size,
which dominates the check of a small issue. :func:`read_schema` reads the
columns and checks of a schema into a plain spec, and
:func:`gazette_checks.quickcheck.surely_valid_spec` tests it with plain pandas
and Python on the records this package builds. It answers True only for what it
fully understands (the dtypes records have, the built-in checks the schemas
use); anything else answers False, and the caller then validates with pandera,
which stays the only judge of what fails and why.

``python -m gazette_checks.schemas.quick`` writes the specs of :data:`SCHEMAS`
to ``gazette_checks/data/schema_spec.json``, which lets a check skip importing
pandera when every table is surely valid.
"""

from __future__ import annotations

import json
from typing import Any

from ..quickcheck import SPEC_FILE, compile_spec, make_test, sources_key, surely_valid_spec


def surely_valid(schema: Any, df) -> bool:
    """True when `df` passes `schema` (a DataFrameModel class or DataFrameSchema) for certain;
    False when it may not, or when the schema holds something this pass does not know."""
    return surely_valid_spec(_spec(schema), df)


_SPECS: dict[int, tuple[Any, Any]] = {}


def _spec(schema: Any):
    hit = _SPECS.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    spec = compile_spec(read_schema(schema))
    _SPECS[id(schema)] = (schema, spec)
    return spec


def read_schema(schema: Any) -> list[dict] | None:
    """The JSON-ready spec of `schema` (columns: name, kind, nullable, unique, checks as
    [name, statistics]), or None when it holds something the fast pass does not know."""
    schema = schema.to_schema() if hasattr(schema, "to_schema") else schema
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
        checks = []
        for check in col.checks:
            if not getattr(check, "ignore_na", False) or getattr(check, "element_wise", False):
                return None
            st = _plain(dict(getattr(check, "statistics", None) or {}))
            cname = getattr(check, "name", None)
            if st is None or make_test(cname, st) is None:
                return None
            checks.append([cname, st])
        out.append({"name": str(name), "kind": kind, "nullable": bool(col.nullable), "unique": bool(col.unique),
                     "checks": checks})
    return out


def _plain(value: Any) -> Any:
    """`value` as JSON data (a compiled pattern as its text), or None when it is not one."""
    import re

    if isinstance(value, re.Pattern):
        return value.pattern
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        out = {str(k): _plain(v) for k, v in value.items()}
        return None if any(out[str(k)] is None and v is not None for k, v in value.items()) else out
    return None


def stored_spec_data() -> dict:
    """What ``data/schema_spec.json`` should hold: the sources' key and each table's spec."""
    from . import SCHEMAS

    return {"key": sources_key(), "tables": {name: read_schema(schema) for name, schema in SCHEMAS.items()}}


def main() -> int:
    """Write ``data/schema_spec.json``."""
    SPEC_FILE.write_text(json.dumps(stored_spec_data(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SPEC_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
