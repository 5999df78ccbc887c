"""Parallel checking on one machine: read, parse and run the per-issue rules in a process pool.

Each file is read, parsed and checked by the per-issue rules in a worker
process (:class:`concurrent.futures.ProcessPoolExecutor`); the parent joins the
records in input order and runs the cross-document rules over all of them (and
any archive context) through :func:`gazette_checks.engine.check_records`.
Per-issue rules see one file at a time in either case, so the findings are
those of a serial run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .config import Config
from .engine import IssueChecks, issue_rules
from .exceptions import InputError
from .findings import Finding
from .read import expand_paths, read_source
from .records import Records


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_and_check(
    paths: Iterable[str | os.PathLike[str]], config: Config, jobs: int = 0
) -> tuple[Records, list[str], IssueChecks]:
    """Read, parse and run the selected per-issue rules on every file under `paths`
    with `jobs` worker processes (0: one per CPU; 1: in this process).

    Returns the joined records (files in input order), one-line input errors
    and the per-issue findings, to be passed to
    :func:`~gazette_checks.engine.check_records` as ``issue_checks``.
    """
    items = [str(p) for p in expand_paths(paths)]
    codes = tuple(r.code for r in issue_rules(config))
    jobs = default_jobs() if jobs <= 0 else jobs
    work = [(item, config, codes) for item in items]
    if jobs == 1 or len(items) < 2:
        results = [_check_file(w) for w in work]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
            results = list(pool.map(_check_file, work, chunksize=_chunksize(len(items), jobs)))
    parts: list[Records] = []
    errors: list[str] = []
    findings: list[Finding] = []
    for records, error, found in results:
        if error is not None:
            errors.append(error)
            continue
        parts.append(records)
        findings.extend(found)
    return Records.concat(parts), errors, IssueChecks(frozenset(codes), findings)


def _chunksize(n: int, jobs: int) -> int:
    """Files per task: a few tasks per worker, so one long issue does not hold the others up."""
    return max(1, min(16, n // (jobs * 4)))


def _check_file(work: tuple[str, Config, Sequence[str]]) -> tuple[Records | None, str | None, list[Finding]]:
    """Worker: read, parse and check one file; (records, None, findings) or (None, error, [])."""
    from .checks import get_rule, run_rules
    from .parse import parse_source

    item, config, codes = work
    if os.path.isdir(item):
        return None, f"{item}: directory holds no .txt files", []
    try:
        source = read_source(item)
    except InputError as exc:
        return None, str(exc), []
    records = parse_source(source)
    rules = [get_rule(c) for c in codes]
    return records, None, list(run_rules(records, config, rules))
