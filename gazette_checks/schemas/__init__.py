"""Pandera schemas of the record tables, importable by other projects.

>>> from gazette_checks.schemas import DocumentSchema   # doctest: +SKIP
>>> DocumentSchema.validate(records.documents, lazy=True)  # doctest: +SKIP
"""

from __future__ import annotations

from .records import (
    CitationSchema,
    DocumentSchema,
    IssueSchema,
    MentionSchema,
    OutlineSchema,
    TableCellSchema,
    TocSchema,
)

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
    "SCHEMAS",
    "CitationSchema",
    "DocumentSchema",
    "IssueSchema",
    "MentionSchema",
    "OutlineSchema",
    "TableCellSchema",
    "TocSchema",
]
