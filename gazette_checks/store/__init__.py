"""Stores of archived records that cross-document rules ask for candidates.

A store holds the records of past issues with their join keys
(:func:`gazette_checks.checks.crossdoc.document_keys` and friends) as indexed
columns. Checking new records against it, the XD rules do not load the
archive: :func:`gazette_checks.checks.crossdoc.wanted` names the keys the new
records join on, the store returns only the archived rows sharing one of them
(same 发文字号, the cited document, likely originals of a reprint, the nearest
neighbours in a 发文字号 or issue series) as :class:`~gazette_checks.records.Records`,
and the rules run over the new records plus these candidates. The text of an
archived file is read only when a rule asks for one of its lines.

- :class:`gazette_checks.archive.Archive`: the SQLite store (the embedded default).
- :class:`gazette_checks.store.parquet.ParquetStore`: a directory of Parquet files
  queried with DuckDB (``pip install 'gazette-checks[scale]'``), written by
  ``archive export --parquet DIR`` or by the Dask ``batch`` command.
- Without an archive the records in memory are the store: the rules read them directly.
"""

from __future__ import annotations

from .base import LazySource, Store, check_against, check_with_store, split_config

__all__ = ["LazySource", "Store", "check_against", "check_with_store", "split_config"]
