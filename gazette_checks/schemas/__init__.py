"""Pandera schemas of the record tables (made from :mod:`gazette_checks.contract`), and registered
checks, importable by other projects.

>>> from gazette_checks.schemas import DocumentSchema   # doctest: +SKIP
>>> DocumentSchema.validate(records.documents, lazy=True)  # doctest: +SKIP

Importing this package registers ``pa.Check.doc_number``, ``pa.Check.gbt9704_doc_number``,
``pa.Check.cn_date`` and ``pa.Check.iso_date`` (see :mod:`gazette_checks.schemas.extensions`).
"""

from __future__ import annotations

from ..contract import TABLES as _TABLES
from .extensions import CHECK_NAMES, register
from .records import (
    MODELS,
    CitationSchema,
    DocumentSchema,
    ExportSchema,
    IssueSchema,
    LineSchema,
    MentionSchema,
    OutlineSchema,
    PageSchema,
    ProblemSchema,
    RegionSchema,
    TableCellSchema,
    TocSchema,
)

register()

#: Record table name → schema class, for the tables the schema rule (SC01) validates.
#: :data:`MODELS` has a model for every table of the contract (problems and the text tables too).
SCHEMAS = {name: MODELS[name] for name, table in _TABLES.items() if table.validated}

__all__ = [
    "CHECK_NAMES",
    "MODELS",
    "SCHEMAS",
    "CitationSchema",
    "DocumentSchema",
    "ExportSchema",
    "IssueSchema",
    "LineSchema",
    "MentionSchema",
    "OutlineSchema",
    "PageSchema",
    "ProblemSchema",
    "RegionSchema",
    "TableCellSchema",
    "TocSchema",
    "register",
]
