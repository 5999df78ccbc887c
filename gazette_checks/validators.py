"""Stand-alone validators for a string or a pandas Series: 发文字号, dates, organ names, totals.

Each function takes one value (a ``str``) and returns a plain result, or takes a
``pandas.Series`` and returns a Series aligned on the same index::

    >>> from gazette_checks.validators import validate_doc_number, parse_date
    >>> validate_doc_number("牡政发[2022]第011号").canonical
    '牡政发〔2022〕11号'
    >>> parse_date("二〇二二年九月二十九日")
    datetime.date(2022, 9, 29)
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex as re

from .patterns import (
    DATE,
    canonical_doc_number,
    date_parts,
    parse_cn_date,
    parse_doc_number,
    squash,
    to_date,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "DOC_NUMBER_PROBLEMS",
    "DocNumberResult",
    "check_table_totals",
    "doc_number_parts",
    "is_cn_date",
    "is_doc_number",
    "normalize_organ",
    "organ_info",
    "parse_date",
    "validate_doc_number",
]

#: Problem code → what it means (Chinese, for editors). GB/T 9704-2012 §7.2.5: 发文字号由发文机关代字、
#: 年份和发文顺序号组成；年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；
#: 发文顺序号不加“第”字，不编虚位（即 1 不编为 01）。
DOC_NUMBER_PROBLEMS: dict[str, str] = {
    "unparsed": "不是发文字号（应由机关代字、〔年份〕和序号组成）",
    "brackets": "年份未用六角括号〔〕括入",
    "leading_zero": "发文顺序号编了虚位（如 01）",
    "di": "发文顺序号前加了“第”字",
    "whitespace": "发文字号中有空格",
    "extra_text": "发文字号前后有多余文字",
}


@dataclass(frozen=True)
class DocNumberResult:
    """A 发文字号 split into its parts, with the problems found in its form.

    `canonical` is the GB/T 9704-2012 §7.2.5 form (机关代字〔年份〕序号号) when
    the text could be read; `problems` holds codes of :data:`DOC_NUMBER_PROBLEMS`.
    """

    text: str
    agency: str | None = None
    year: int | None = None
    serial: int | None = None
    canonical: str | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def parsed(self) -> bool:
        """True when the text is a 发文字号 at all (any brackets, 第, leading zeros)."""
        return self.canonical is not None

    @property
    def valid(self) -> bool:
        """True when the text is exactly in the canonical form."""
        return self.parsed and not self.problems

    @property
    def messages(self) -> list[str]:
        """The problems in plain Chinese."""
        return [DOC_NUMBER_PROBLEMS[p] for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        """Plain fields, for a DataFrame row or JSON."""
        return {"text": self.text, "agency": self.agency, "year": self.year, "serial": self.serial,
                "canonical": self.canonical, "valid": self.valid, "problems": list(self.problems)}


def _is_series(x: Any) -> bool:
    return hasattr(x, "map") and hasattr(x, "index") and not isinstance(x, str)


def _is_missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or type(x).__name__ in ("NAType", "NaTType")


# --------------------------------------------------------------------------
# 发文字号
def validate_doc_number(text: str) -> DocNumberResult:
    """Parse the 发文字号 `text` and list what departs from GB/T 9704-2012 §7.2.5.

    Wrong or mismatched brackets (``[2022]``, ``（2022）``), a leading zero
    (``01号``), ``第`` before the serial, spaces and surrounding text are problems;
    the result's `canonical` is the corrected form.
    """
    raw = "" if _is_missing(text) else str(text)
    parts = parse_doc_number(raw)
    if parts is None:
        return DocNumberResult(text=raw, problems=("unparsed",))
    problems: list[str] = []
    if parts["open"] != "〔" or parts["close"] != "〕":
        problems.append("brackets")
    if len(parts["serial_text"]) > 1 and parts["serial_text"].startswith("0"):
        problems.append("leading_zero")
    if parts["has_di"]:
        problems.append("di")
    stripped = raw.strip()
    if squash(stripped) != stripped.replace("**", "").replace("__", ""):
        problems.append("whitespace")
    if parts["text"] != squash(stripped):
        problems.append("extra_text")
    return DocNumberResult(
        text=raw,
        agency=parts["agency"],
        year=parts["year"],
        serial=parts["serial"],
        canonical=canonical_doc_number(parts["agency"], parts["year"], parts["serial"]),
        problems=tuple(problems),
    )


def is_doc_number(value: str | pd.Series, strict: bool = False) -> bool | pd.Series:
    """True where `value` is a 发文字号 (`strict`: exactly in the GB/T 9704-2012 form).

    On a Series, returns a boolean Series (missing values are False).
    """
    def one(v: Any) -> bool:
        if _is_missing(v):
            return False
        r = validate_doc_number(v)
        return r.valid if strict else (r.parsed and "extra_text" not in r.problems)

    if _is_series(value):
        return value.map(one).astype(bool)
    return one(value)


def doc_number_parts(values: pd.Series) -> pd.DataFrame:
    """One row per value of `values` (same index): agency, year, serial, canonical, valid, problems."""
    import pandas as pd

    rows = [validate_doc_number(v).to_dict() for v in values]
    df = pd.DataFrame(rows, index=values.index,
                      columns=["text", "agency", "year", "serial", "canonical", "valid", "problems"])
    df["year"] = df["year"].astype("Int64")
    df["serial"] = df["serial"].astype("Int64")
    return df


# --------------------------------------------------------------------------
# Dates
_WHOLE_DATE = re.compile(r"^\s*" + DATE.pattern + r"\s*$")


def parse_date(value: str | pd.Series) -> _dt.date | None | pd.Series:
    """The first Chinese date in `value` (二〇二二年九月二十九日, 2022年9月29日), or None.

    Impossible dates (2月30日) give None. On a Series, returns a ``datetime64``
    Series with NaT where no date could be read.
    """
    if _is_series(value):
        import pandas as pd

        return pd.to_datetime(value.map(lambda v: None if _is_missing(v) else parse_cn_date(str(v))))
    return None if _is_missing(value) else parse_cn_date(str(value))


def is_cn_date(value: str | pd.Series) -> bool | pd.Series:
    """True where `value` is exactly one real Chinese date and nothing else.

    On a Series, returns a boolean Series (missing values are False).
    """
    def one(v: Any) -> bool:
        if _is_missing(v):
            return False
        m = _WHOLE_DATE.match(squash(str(v)))
        return bool(m) and to_date(*date_parts(m)) is not None

    if _is_series(value):
        return value.map(one).astype(bool)
    return one(value)


# --------------------------------------------------------------------------
# Organ names
def organ_info(name: str, cities: Iterable[str] = (), registry: Any = None) -> dict[str, Any]:
    """What the organ registry says about `name`.

    `cities` are the city names to read as the generic ``市`` (``某某市教育局`` →
    ``市教育局``); `registry` is a :class:`gazette_checks.organs.Registry` (the
    national one when None). Returns ``form`` (compared form), ``status``
    (``full`` | ``alias`` | ``retired`` | ``unknown``), ``name`` (the current full
    name, with the city put back when `name` had it) and ``successor`` (for a
    retired name).
    """
    from . import organs  # the registry is read on first use

    reg = registry if registry is not None else _national_registry()
    cities = list(cities)
    raw = "" if _is_missing(name) else str(name)
    form = organs.normalise(raw, cities)
    city = next((c for c in sorted(cities, key=len, reverse=True)
                 if c and squash(raw).lstrip("中共").startswith(c)), "")

    def full(n: str) -> str:
        return city + n[1:] if city and n.startswith("市") else n

    o = reg.lookup(form)
    if o is not None:
        status = "full" if o.name == form else "alias"
        return {"form": form, "status": status, "name": full(o.name), "successor": None}
    r = reg.retired_name(form)
    if r is not None:
        return {"form": form, "status": "retired", "name": full(r.successor) if r.successor else None,
                "successor": full(r.successor) if r.successor else None}
    return {"form": form, "status": "unknown", "name": None, "successor": None}


def normalize_organ(
    name: str | pd.Series, cities: Iterable[str] = (), registry: Any = None
) -> str | None | pd.Series:
    """The current full name of organ `name` (for a short form or a retired name), or None.

    ``normalize_organ("某某市发改委", ["某某市"])`` → ``"某某市发展和改革委员会"``.
    See :func:`organ_info` for `cities` and `registry`. On a Series, returns a
    Series of names (None where unknown).
    """
    cities = list(cities)

    def one(v: Any) -> str | None:
        if _is_missing(v) or not str(v).strip():
            return None
        return organ_info(str(v), cities, registry)["name"]

    if _is_series(name):
        import pandas as pd

        return pd.Series([one(v) for v in name], index=name.index, dtype=object, name=name.name)
    return one(name)


def _national_registry() -> Any:
    global _REGISTRY
    if _REGISTRY is None:
        from .organs import load_registry

        _REGISTRY = load_registry()
    return _REGISTRY


_REGISTRY: Any = None


# --------------------------------------------------------------------------
# Totals
TOTAL_LABELS: tuple[str, ...] = ("合计", "总计", "小计", "总数", "共计")
_SUBTOTAL = "小计"
_NUMBER = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-−]?\d+(?:\.\d+)?$")
_SKIP_COLUMNS = ("序号", "编号", "年份", "年度", "排名", "代码")


def _number(v: Any) -> tuple[float, int] | None:
    """(value, decimals shown) of a cell, or None when it is not a plain number."""
    if _is_missing(v) or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        s = repr(float(v)) if isinstance(v, float) else str(v)
        decimals = len(s.split(".")[1]) if "." in s and not s.endswith(".0") else 0
        return float(v), decimals
    s = squash(str(v)).replace("，", ",").replace("−", "-")
    if not _NUMBER.match(s):
        return None
    decimals = len(s.split(".")[1]) if "." in s else 0
    return float(s.replace(",", "")), decimals


def _is_total(label: Any) -> str | None:
    if _is_missing(label):
        return None
    s = squash(str(label))
    for t in TOTAL_LABELS:
        if s == t or s.startswith(t) and len(s) <= len(t) + 4 or s.endswith(t) and len(s) <= len(t) + 4:
            return t
    return None


def _tolerance(stated_decimals: int, parts: list[tuple[float, int]]) -> float:
    # A value with decimals is taken as rounded (off by up to half a unit of its last digit);
    # a whole number as exact (counts of people, projects, ...).
    def half(d: int) -> float:
        return 0.5 * 10 ** -d if d > 0 else 0.0

    return half(stated_decimals) + sum(half(d) for _, d in parts) + 1e-9


def check_table_totals(
    table: pd.DataFrame,
    label_column: str | int | None = None,
    tolerance: float | None = None,
) -> pd.DataFrame:
    """Compare the 合计/总计/小计 rows and columns of `table` with the sums of their parts.

    * A row whose label (in `label_column`, by default the first column) is 小计
      must equal the sum of the rows since the previous total row; a 合计/总计
      row the sum of the non-total rows above it (or of the 小计 rows).
    * A column headed 合计/总计/小计 must equal, row by row, the sum of the other
      numeric columns (columns such as 序号 or 年份 are left out).

    Cells are numbers or text such as ``"1,234.5"``; other cells are skipped.
    The tolerance comes from the precision shown unless `tolerance` is given.
    When the table rule's engine (:func:`gazette_checks.checks.totals.table_totals`)
    is available it does the comparison (half a unit of the total's last digit);
    otherwise a value with decimals may be off by half a unit of its last digit
    and whole numbers are taken as exact.

    Returns one row per mismatch: ``kind`` (row | column), ``label``, ``column``,
    ``stated``, ``computed``, ``difference``, ``tolerance``; empty when all add up.
    """
    import pandas as pd

    cols = list(table.columns)
    label_col = cols[0] if label_column is None else (
        cols[label_column] if isinstance(label_column, int) else label_column)
    cols = [label_col] + [c for c in cols if c != label_col and not any(k in str(c) for k in _SKIP_COLUMNS)]
    table = table[cols]
    try:
        from .checks.totals import table_totals
    except ImportError:  # pragma: no cover - the rule module is optional here
        rows = _own_totals(table, tolerance)
    else:
        rows = _rule_totals(table, table_totals, tolerance)
    return pd.DataFrame(rows, columns=["kind", "label", "column", "stated", "computed", "difference",
                                       "tolerance"])


def _rule_totals(table: pd.DataFrame, table_totals: Any, tolerance: float | None) -> list[dict[str, Any]]:
    """Run the TB01 engine on `table` laid out as record cells (row 0 = the header)."""
    import pandas as pd

    from .checks.totals import tolerance as shown_tolerance

    cells, where = [], []
    grid = [[str(c) for c in table.columns], *table.astype(object).values.tolist()]
    for r, values in enumerate(grid):
        for c, v in enumerate(values):
            num = None if r == 0 else _number(v)
            text = "" if _is_missing(v) else str(v)
            unit = "%" if text.strip().endswith("%") else None
            if unit:
                num = _number(text.strip()[:-1])
            where.append((r, c))
            cells.append({"file": "<table>", "line": len(where), "doc_id": None, "table_id": "T1",
                          "row": r, "col": c, "text": text,
                          "number": None if num is None else num[0], "unit": unit, "is_header": r == 0})
    out = []
    for t in table_totals(pd.DataFrame(cells)):
        r, c = where[t["line"] - 1]
        tol = tolerance if tolerance is not None else shown_tolerance(t["text"])
        if abs(t["stated"] - t["computed"]) <= tol + 1e-9:
            continue
        out.append({"kind": t["axis"], "label": t["label"], "column": table.columns[c],
                    "stated": t["stated"], "computed": round(t["computed"], 10),
                    "difference": round(t["stated"] - t["computed"], 10), "tolerance": tol})
    return out


def _own_totals(table: pd.DataFrame, tolerance: float | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cols = list(table.columns)
    label_col = cols[0]
    cells = {c: [_number(v) for v in table[c].tolist()] for c in cols}
    labels = table[label_col].tolist()
    kinds = [_is_total(v) for v in labels]

    def add(kind: str, label: Any, column: Any, stated: tuple[float, int], parts: list[tuple[float, int]]) -> None:
        if not parts:
            return
        computed = sum(v for v, _ in parts)
        tol = tolerance if tolerance is not None else _tolerance(stated[1], parts)
        if abs(stated[0] - computed) > tol:
            out.append({"kind": kind, "label": label, "column": column, "stated": stated[0],
                        "computed": round(computed, 10), "difference": round(stated[0] - computed, 10),
                        "tolerance": tol})

    value_cols = cols[1:]
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        if kind == _SUBTOTAL:
            start = max((j + 1 for j in range(i) if kinds[j] is not None), default=0)
            rows = list(range(start, i))
        else:
            subs = [j for j in range(i) if kinds[j] == _SUBTOTAL]
            rows = subs or [j for j in range(i) if kinds[j] is None]
        for c in value_cols:
            stated = cells[c][i]
            if stated is None:
                continue
            add("row", labels[i], c, stated, [cells[c][j] for j in rows if cells[c][j] is not None])

    total_cols = [c for c in value_cols if _is_total(c)]
    part_cols = [c for c in value_cols if not _is_total(c)]
    for c in total_cols:
        for i in range(len(table)):
            stated = cells[c][i]
            if stated is None:
                continue
            add("column", labels[i], c, stated, [cells[p][i] for p in part_cols if cells[p][i] is not None])
    return out
