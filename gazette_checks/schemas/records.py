"""DataFrameModel schemas, one per record table, made from the record contract.

Each model is generated from :data:`gazette_checks.contract.TABLES` (columns,
dtypes, nullability, descriptions and checks), so a column added there is
validated here too. Text columns are ``Series[str]``; whole numbers are
``Series[int]`` (coerced) when never missing and ``Series[float]`` (coerced)
when they may be, since a numpy int column cannot hold a missing value (the
records hold them as pandas ``Int64``); ISO dates are text matching
:data:`ISO_DATE`. Models are not strict: a frame may carry other columns.
"""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa
from pandera.typing import Series

from ..contract import (
    DOC_NUMBER_SHAPE,
    FREQUENCIES,
    ISO_DATE,
    MENTION_KINDS,
    OUTLINE_KINDS,
    TABLES,
    Column,
    Table,
)

__all__ = [
    "DOC_NUMBER_SHAPE", "FREQUENCIES", "ISO_DATE", "MENTION_KINDS", "MODELS", "OUTLINE_KINDS",
    "CitationSchema", "DocumentSchema", "ExportSchema", "IssueSchema", "LineSchema", "MentionSchema",
    "OutlineSchema", "PageSchema", "ProblemSchema", "RegionSchema", "TableCellSchema", "TocSchema",
    "pandera_dtype",
]


def pandera_dtype(column: Column) -> type:
    """The Python type the model declares for `column` (``str``, ``int``, ``float`` or ``bool``)."""
    if column.dtype == "int":
        return float if column.nullable else int
    return {"str": str, "date": str, "float": float, "bool": bool}[column.dtype]


def _field(column: Column) -> Any:
    kwargs: dict[str, Any] = dict(column.checks)
    if column.dtype == "date":
        kwargs.setdefault("str_matches", ISO_DATE)
    if column.dtype in ("int", "float", "bool"):
        kwargs["coerce"] = True
    return pa.Field(nullable=column.nullable, description=column.description, **kwargs)


class _Config:
    strict = False


def model(table: Table) -> type[pa.DataFrameModel]:
    """The pandera model of contract table `table`."""
    namespace: dict[str, Any] = {
        "__doc__": f"{table.zh}: {table.en}.",
        "__module__": __name__,
        "__qualname__": table.schema,
        "__annotations__": {c.name: Series[pandera_dtype(c)] for c in table.columns},
        "Config": _Config,
    }
    for c in table.columns:
        namespace[c.name] = _field(c)
    return type(table.schema, (pa.DataFrameModel,), namespace)


#: Table name → model, for every table of the contract.
MODELS: dict[str, type[pa.DataFrameModel]] = {name: model(t) for name, t in TABLES.items()}

IssueSchema = MODELS["issues"]
TocSchema = MODELS["toc"]
DocumentSchema = MODELS["documents"]
OutlineSchema = MODELS["outline"]
TableCellSchema = MODELS["tables"]
MentionSchema = MODELS["mentions"]
CitationSchema = MODELS["citations"]
ProblemSchema = MODELS["problems"]
LineSchema = MODELS["lines"]
PageSchema = MODELS["pages"]
RegionSchema = MODELS["regions"]
ExportSchema = MODELS["exports"]
