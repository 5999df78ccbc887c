"""Pandera schemas of the record tables, and registered checks, importable by other projects.

>>> from gazette_checks.schemas import DocumentSchema   # doctest: +SKIP
>>> DocumentSchema.validate(records.documents, lazy=True)  # doctest: +SKIP

Importing this package registers ``pa.Check.doc_number``, ``pa.Check.gbt9704_doc_number``,
``pa.Check.cn_date`` and ``pa.Check.iso_date`` (see :mod:`gazette_checks.schemas.extensions`).
"""

from __future__ import annotations

from .extensions import CHECK_NAMES, register
from .records import (
    CitationSchema,
    DocumentSchema,
    IssueSchema,
    MentionSchema,
    OutlineSchema,
    TableCellSchema,
    TocSchema,
)

register()

#: Record table name → schema class.
SCHEMAS = {
    "issues": IssueSchema,
    "toc": TocSchema,
    "documents": DocumentSchema,
    "outline": OutlineSchema,
    "tables": TableCellSchema,
    "mentions": MentionSchema,
    "citations": CitationSchema,
}

__all__ = [
    "CHECK_NAMES",
    "SCHEMAS",
    "CitationSchema",
    "DocumentSchema",
    "IssueSchema",
    "MentionSchema",
    "OutlineSchema",
    "TableCellSchema",
    "TocSchema",
    "register",
]
