"""`batch PATHS --engine dask`: check thousands of issues on a Dask cluster.

Two passes over partitions of the input files, each partition a task on a
Dask worker (``dask.distributed``; a :class:`~distributed.LocalCluster` when no
scheduler address is given):

1. read, parse and run every per-issue rule (all but the XD rules) on the
   partition; validate its record tables with pandera (rows that fail are
   kept and listed, as the archive does); write its records, text and join
   keys as one part of a Parquet store (:mod:`gazette_checks.store.parquet`);
2. for each partition, ask that store for the candidates of its files (the
   same queries as ``check --archive``) and run the XD rules on them.

The findings are those of checking all the files together in one process.
The workers must see the input paths and the output directory (a shared
file system or object store mount). Needs the ``scale`` extra.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .exceptions import GazetteChecksError
from .findings import Finding
from .records import TABLE_NAMES, Records


@dataclass
class PartitionResult:
    """What the first pass returns for one partition."""

    files: list[tuple[int, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    schema_failures: int = 0


@dataclass
class BatchResult:
    """Findings of a batch run, and what it wrote."""

    records: Records
    findings: list[Finding]
    errors: list[str]
    store: Path
    partitions: int
    schema_failures: int
    #: The open store the records read their text from; see :meth:`close`.
    reader: Any = None

    def close(self) -> None:
        """Close the store the records read from."""
        if self.reader is not None:
            self.reader.close()


def check_partition(index: int, paths: Sequence[str], first_id: int, out: str, config: Config) -> PartitionResult:
    """Pass 1 on one partition (runs on a worker)."""
    from .archive import _failure_keys, _now, text_hash
    from .engine import check_records, parse_sources
    from .exceptions import InputError
    from .read import read_source
    from .store.parquet import write_part
    from .store.sql import KEY_COLUMNS, key_rows, key_table

    result = PartitionResult()
    sources = []
    for p in paths:
        try:
            sources.append(read_source(p))
        except InputError as exc:
            result.errors.append(str(exc))
    records = parse_sources(sources)
    from .store import split_config

    per_issue, _ = split_config(config)
    result.findings = check_records(records, per_issue, finish=False)  # finished once, with the XD findings
    failures = _failure_keys(records)  # pandera, on every table of the partition
    result.schema_failures = sum(len(v) for v in failures.values())
    ids = {s.name: first_id + k for k, s in enumerate(sources)}
    rows: dict[str, list[dict[str, Any]]] = {"files": [
        {"file_id": ids[s.name], "name": s.name, "abspath": os.path.abspath(s.name), "sha256": text_hash(s.text),
         "encoding": s.encoding, "added_at": _now(), "text": s.text,
         "known_failures": json.dumps(sorted(failures.get(s.name, ())))} for s in sources]}
    for table in (*TABLE_NAMES, "problems"):
        df = getattr(records, table)
        out_rows: list[dict[str, Any]] = rows.setdefault(table, [])
        keys: list[dict[str, Any]] = []
        for name, sub in (df.groupby("file", sort=False) if len(df) else ()):
            recs = sub.to_dict("records")
            for seq, r in enumerate(recs):
                out_rows.append({**r, "file_id": ids[name], "seq": seq})
            if table in ("issues", "documents", "citations"):
                cols = KEY_COLUMNS[key_table(table)]
                keys += [{"file_id": ids[name], "seq": seq, **dict(zip(cols, vals, strict=True))}
                         for seq, vals in key_rows(table, recs)]
        if table in ("issues", "documents", "citations"):
            rows[key_table(table)] = keys
    write_part(out, f"part-{index:05d}", rows)
    result.files = [(ids[s.name], s.name) for s in sources]
    return result


def cross_partition(file_ids: Sequence[int], out: str, config: Config) -> list[Finding]:
    """Pass 2 on one partition (runs on a worker): the XD rules on its files and their candidates."""
    from .store.base import check_against_raw, split_config
    from .store.parquet import ParquetStore

    _, cross = split_config(config)
    with ParquetStore(out) as store:
        own = store.records_of(file_ids)
        return check_against_raw(own, cross, store)


def run_batch(
    paths: Iterable[str],
    out: str | os.PathLike[str],
    *,
    config: Config | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    processes: bool = True,
    partition_files: int = 20,
    overwrite: bool = False,
) -> BatchResult:
    """Check the files under `paths` on a Dask cluster, writing the Parquet store `out`."""
    try:
        from dask.distributed import Client, LocalCluster
    except ModuleNotFoundError:
        raise GazetteChecksError("batch --engine dask needs Dask: pip install 'gazette-checks[scale]'") from None
    from .read import expand_paths

    config = config or Config()
    root = Path(out)
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise GazetteChecksError(f"{root}: exists and is not empty (use a new directory or --overwrite)")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    files = list(expand_paths(paths))
    size = max(1, partition_files)
    parts = [files[k:k + size] for k in range(0, len(files), size)]
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        first = client.map(check_partition, range(len(parts)), parts, [k * size + 1 for k in range(len(parts))],
                           out=str(root), config=config, pure=False)
        results: list[PartitionResult] = client.gather(first)
        second = client.map(cross_partition, [[fid for fid, _ in r.files] for r in results if r.files],
                            out=str(root), config=config, pure=False)
        cross: list[list[Finding]] = client.gather(second)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    from .engine import finish_findings
    from .store.parquet import ParquetStore

    store = ParquetStore(root)
    records = store.records_of(store.file_ids())
    findings = finish_findings([f for r in results for f in r.findings] + [f for fs in cross for f in fs], records)
    return BatchResult(records=records, findings=findings,
                       errors=[e for r in results for e in r.errors], store=root, partitions=len(parts),
                       schema_failures=sum(r.schema_failures for r in results), reader=store)


def cmd_batch(args: Any, config: Config, outputs: list[tuple[str, str]]) -> int:
    """The `batch` command: run, render like `check`, return its exit code (0, 1 findings, 2 input errors)."""
    import sys

    from .engine import build_report
    from .renderers import render, write_atomic

    result = run_batch(args.paths, args.store, config=config, scheduler=args.scheduler, workers=args.workers,
                       partition_files=args.partition_files, overwrite=args.overwrite)
    try:
        for e in result.errors:
            print(f"gazette-checks: {e}", file=sys.stderr)
        shown = {f.file for f in result.findings}  # the text of the other files is never read
        result.records.sources = {n: s for n, s in result.records.sources.items() if n in shown}
        report = build_report(result.records, result.findings, result.errors, fail_on=args.fail_on)
        for fmt, path in outputs:
            write_atomic(path, render(report, fmt))
        sys.stdout.write(render(report, args.format))
        print(f"checked {len(result.records.own_files)} file(s) in {result.partitions} partition(s); "
              f"records in {result.store}", file=sys.stderr)
    finally:
        result.close()
    if result.errors:
        return 2
    return 1 if report.failed else 0
