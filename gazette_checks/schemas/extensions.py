"""Registered pandera checks, so that another project's own schemas can use them.

After ``import gazette_checks.schemas`` (or :func:`register`)::

    import pandera.pandas as pa
    schema = pa.DataFrameSchema({
        "文号": pa.Column(str, pa.Check.doc_number()),          # any brackets, 第, 01
        "规范文号": pa.Column(str, pa.Check.gbt9704_doc_number()),  # exactly 机关代字〔2022〕4号
        "成文日期": pa.Column(str, pa.Check.cn_date()),            # 二〇二二年九月二十九日
    })

In a ``DataFrameModel``: ``pa.Field(gbt9704_doc_number={})`` or ``pa.Field(doc_number={"strict": True})``.
Registration is idempotent: importing or calling :func:`register` again does nothing.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from .. import validators

#: Names of the registered ``pandera.Check`` methods.
CHECK_NAMES: tuple[str, ...] = ("doc_number", "gbt9704_doc_number", "cn_date", "iso_date")


def doc_number(series: pd.Series, *, strict: bool = False) -> pd.Series:
    """发文字号: 机关代字 + bracketed year + serial + 号 (`strict`: the GB/T 9704-2012 §7.2.5 form)."""
    return validators.is_doc_number(series, strict=bool(strict))


def gbt9704_doc_number(series: pd.Series) -> pd.Series:
    """发文字号 exactly as GB/T 9704-2012 §7.2.5 writes it: 〔〕, no 第, no leading zero."""
    return validators.is_doc_number(series, strict=True)


def cn_date(series: pd.Series) -> pd.Series:
    """A real date written in Chinese: 2022年9月29日 or 二〇二二年九月二十九日."""
    return validators.is_cn_date(series)


def iso_date(series: pd.Series) -> pd.Series:
    """A real calendar date as YYYY-MM-DD (2022-02-30 fails)."""

    def one(v) -> bool:
        try:
            return isinstance(v, str) and len(v) == 10 and bool(_dt.date.fromisoformat(v))
        except ValueError:
            return False

    return series.map(one).astype(bool)


_STATISTICS = {"doc_number": ["strict"]}


def register() -> None:
    """Register the checks of :data:`CHECK_NAMES` on ``pandera.Check`` (once)."""
    import pandera.extensions as ext
    from pandera.api.checks import Check

    for name in CHECK_NAMES:
        if hasattr(Check, name):
            continue
        ext.register_check_method(
            globals()[name], statistics=_STATISTICS.get(name, []), supported_types=pd.Series,
            check_type="vectorized",
        )


def registered() -> bool:
    """True when every check of :data:`CHECK_NAMES` is available on ``pandera.Check``."""
    from pandera.api.checks import Check

    return all(hasattr(Check, name) for name in CHECK_NAMES)
