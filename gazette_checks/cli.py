"""Command line: turns arguments into calls on the engine and returns a named exit code."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .exceptions import ConfigError, GazetteChecksError, OutputError

#: Exit codes (the contract).
OK, FINDINGS, ERR = 0, 1, 2

EXAMPLE = Path(__file__).parent / "examples" / "example-issue.txt"
DEFAULT_HTML = Path("reports") / "report.html"
DEFAULT_ARCHIVE = "gazette-archive.sqlite"
OUTPUT_FORMATS = ("text", "json", "junit", "sarif", "github", "html")
_EXT_FORMAT = {".json": "json", ".xml": "junit", ".sarif": "sarif", ".html": "html", ".htm": "html",
               ".txt": "text", ".log": "text"}


def _paths_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("paths", nargs="*" if not required else "+", metavar="PATH",
                   help="gazette text files (.txt, .md), directories of them, or - for standard input")


def _common() -> argparse.ArgumentParser:
    """Options every subcommand takes (``--debug`` also works before the subcommand)."""
    c = argparse.ArgumentParser(add_help=False)
    c.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks of tool errors and log rule failures")
    return c


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `gazette-checks`."""
    ap = argparse.ArgumentParser(
        prog="gazette-checks",
        description="Consistency checks for Chinese government gazettes (人民政府公报).",
    )
    ap.add_argument("--version", action="version", version=f"gazette-checks {__version__}")
    ap.add_argument("--debug", action="store_true", help="show tracebacks of tool errors and log rule failures")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common()]

    p = sub.add_parser("parse", parents=common, help="parse gazette text into records (JSON or CSV)")
    _paths_args(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="DIR", help="write records.json or one CSV per table into DIR")

    c = sub.add_parser("check", parents=common, help="run every rule on all given files together")
    _paths_args(c, required=False)
    c.add_argument("--example", action="store_true", help="check the bundled example issue")
    c.add_argument("--format", choices=OUTPUT_FORMATS[:-1], default=None,
                   help="format printed on stdout (default: text)")
    c.add_argument("--output", "-o", action="append", default=[], metavar="[FORMAT:]FILE",
                   help="also write FORMAT to FILE atomically (format from the extension when omitted); repeatable")
    c.add_argument("--html", nargs="?", const=str(DEFAULT_HTML), default=None, metavar="FILE.html",
                   help=f"write the HTML report (default file: {DEFAULT_HTML}); a following path that "
                        "does not end in .html is an input, not the report")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    c.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the HTML report")
    c.add_argument("--baseline", metavar="FILE", help="suppress the findings recorded in FILE")
    c.add_argument("--archive", metavar="FILE", help="also check against the issues stored in FILE")
    c.add_argument("--config", metavar="FILE", help="configuration file (default: discovered)")
    c.add_argument("--select", action="append", default=[], metavar="RULES",
                   help="only these rules (codes, prefixes, categories, names; comma-separated; repeatable)")
    c.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")
    c.add_argument("--gx", action="store_true", help="also run the Great Expectations suites (needs the gx extra)")
    c.add_argument("--no-progress", action="store_true", help="no progress indicator on stderr")
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="parse and run the per-issue rules in N processes (0: one per CPU)")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    b = sub.add_parser("baseline", parents=common, help="record the current findings as accepted")
    _paths_args(b)
    b.add_argument("-o", "--output", required=True, metavar="FILE")
    b.add_argument("--config", metavar="FILE")
    b.add_argument("--archive", metavar="FILE")
    b.add_argument("--select", action="append", default=[], metavar="RULES", help="only these rules")
    b.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")

    a = sub.add_parser("archive", parents=common, help="store issues for cross-issue checks")
    asub = a.add_subparsers(dest="archive_command", metavar="ACTION")
    aa = asub.add_parser("add", parents=common, help="store (or replace) the records of files")
    _paths_args(aa)
    aa.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")
    al = asub.add_parser("list", parents=common, help="show what the archive holds")
    al.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")
    al.add_argument("--format", choices=("text", "json"), default="text")
    ar = asub.add_parser("remove", parents=common, help="remove the records of files")
    ar.add_argument("files", nargs="+", metavar="FILE")
    ar.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")
    ae = asub.add_parser("export", help="write the archive as a Parquet store (needs the scale extra)")
    ae.add_argument("--parquet", required=True, metavar="DIR", help="new directory to write")
    ae.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")

    bt = sub.add_parser("batch", help="check many issues on a Dask cluster (needs the scale extra)")
    _paths_args(bt)
    bt.add_argument("--engine", choices=("dask",), default="dask")
    bt.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://…); default: a local cluster")
    bt.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    bt.add_argument("--partition-files", type=int, default=20, metavar="N", help="files per task")
    bt.add_argument("--store", default="gazette-batch", metavar="DIR", help="Parquet store to write")
    bt.add_argument("--overwrite", action="store_true", help="replace an existing store DIR")
    bt.add_argument("--format", choices=OUTPUT_FORMATS[:-1], default="text")
    bt.add_argument("--output", "-o", action="append", default=[], metavar="[FORMAT:]FILE")
    bt.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    bt.add_argument("--config", metavar="FILE")
    bt.add_argument("--select", action="append", default=[], metavar="RULES")
    bt.add_argument("--ignore", action="append", default=[], metavar="RULES")

    r = sub.add_parser("rules", parents=common, help="list the rules")
    r.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="markdown: the rules page (docs/rules.md)")
    r.add_argument("--config", metavar="FILE", help="mark which rules this configuration selects")

    e = sub.add_parser("explain", parents=common, help="show one rule")
    e.add_argument("code")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Every tool failure (bad input, configuration, archive or baseline, a write
    that fails, an internal error) is one line on stderr and exit code 2; a
    traceback only with ``--debug``.
    """
    argv = _html_takes_no_input(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    if not args.command:
        parser.print_help(sys.stderr)
        return ERR
    previous = _terminate_on_sigterm()
    try:
        handler = {
            "parse": cmd_parse, "check": cmd_check, "baseline": cmd_baseline,
            "archive": cmd_archive, "rules": cmd_rules, "explain": cmd_explain, "batch": cmd_batch,
        }[args.command]
        return handler(args)
    except GazetteChecksError as exc:
        if debug:
            raise
        _err(str(exc))
        return ERR
    except KeyboardInterrupt:
        _err("interrupted")
        return ERR
    except BrokenPipeError:
        return ERR
    except Exception as exc:  # a defect of the tool: one line, never the findings exit code
        if debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        return ERR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(SystemExit):
    """SIGTERM, raised as an exception so that pending writes remove their temporary files."""


def _terminate_on_sigterm():
    """Turn SIGTERM into :class:`Terminated` (exit 143) while a command runs; returns the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise Terminated(128 + signal.SIGTERM)

    return signal.signal(signal.SIGTERM, handler)


def _html_takes_no_input(argv: list[str]) -> list[str]:
    """``check --html a.txt b.txt``: `a.txt` is an input, not the report file.

    A value after a bare ``--html`` is taken as the report only when it ends in
    ``.html``/``.htm``; otherwise ``--html`` writes the default file.
    """
    if "check" not in argv:
        return argv
    out = list(argv)
    for i, a in enumerate(out[:-1]):
        if a == "--":
            break
        nxt = out[i + 1]
        if a == "--html" and not nxt.startswith("-") and Path(nxt).suffix.lower() not in (".html", ".htm"):
            out[i] = f"--html={DEFAULT_HTML}"
    return out


def _err(msg: str) -> None:
    print(f"gazette-checks: error: {msg}", file=sys.stderr)


def _warn(msg: str) -> None:
    print(f"gazette-checks: warning: {msg}", file=sys.stderr)


class _Progress:
    """A one-line progress indicator on stderr, only when stderr is a terminal: the phase and the
    seconds spent, refreshed from a thread so a long single file or a slow rule shows too."""

    def __init__(self, enabled: bool, delay: float = 1.0) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.delay, self.text, self.start = delay, "", time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def set(self, text: str) -> None:
        self.text = text

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.wait(0.25):
            line = f"{self.text} {time.monotonic() - self.start:5.1f} s"
            print(f"\r{line[:78]:<78}", end="", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            print("\r" + " " * 78 + "\r", end="", file=sys.stderr, flush=True)


def _read(paths: Sequence[str], progress: _Progress | None = None):
    """Parse `paths`; print a line per unreadable input and per warning; returns (records, errors)."""
    from .engine import parse_sources
    from .read import read_paths

    sources, errors = read_paths(paths)
    for e in errors:
        _err(str(e))
    for s in sources:
        for w in s.warnings:
            _warn(w)
    def report(k: int, s) -> None:
        progress.set(f"parsing {k}/{len(sources)} {s.name[-40:]}")

    return parse_sources(sources, report if progress is not None else None), [str(e) for e in errors]


def _split_list(values: Sequence[str], option: str) -> list[str]:
    out = []
    for v in values:
        items = [x.strip() for x in v.split(",")]
        if not any(items):
            raise ConfigError(f"{option} {v!r}: no rule given")
        out += [x for x in items if x]
    return out


def _config(args: argparse.Namespace):
    """The configuration: the file (given or discovered), then --select/--ignore; validated."""
    from .checks import all_rules
    from .config import load_config

    cfg = load_config(getattr(args, "config", None))
    select = _split_list(getattr(args, "select", []) or [], "--select")
    if select:
        cfg.select = select  # repeated --select accumulates, and replaces the file's select
    cfg.ignore += _split_list(getattr(args, "ignore", []) or [], "--ignore")
    cfg.validate(all_rules())
    return cfg


def _inputs_untouched(outputs: Sequence[str], paths: Sequence[str]) -> None:
    """Refuse (OutputError) an output that is one of the inputs (after symlinks)."""
    from .read import input_realpaths

    inputs = input_realpaths(paths)
    for out in outputs:
        if out != "-" and os.path.realpath(out) in inputs:
            raise OutputError(f"refusing to write {out}: it is an input file")


# ---------------------------------------------------------------------- parse
def cmd_parse(args: argparse.Namespace) -> int:
    """`parse`: write the record tables."""
    import json

    from .records_io import record_frames
    from .renderers.base import write_atomic

    records, errors = _read(args.paths)
    out = Path(args.out or "reports/records")
    if args.format == "json":
        text = json.dumps(records.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n"
        if args.out:
            _inputs_untouched([str(out / "records.json")], args.paths)
            write_atomic(out / "records.json", text)
        else:
            sys.stdout.write(text)
    else:
        data = record_frames(records)
        _inputs_untouched([str(out / f"{name}.csv") for name in data], args.paths)
        for name, df in data.items():
            write_atomic(out / f"{name}.csv", df.to_csv(index=False))
        print(f"wrote {len(data)} CSV files to {out}", file=sys.stderr)
    return ERR if errors else OK


# ---------------------------------------------------------------------- check
def _split_output(spec: str) -> tuple[str, str]:
    if spec == "-":
        raise GazetteChecksError("--output -: say the format, e.g. json:-")
    fmt, sep, path = spec.partition(":")
    if sep and fmt in OUTPUT_FORMATS and path:
        return fmt, path
    ext = Path(spec).suffix.lower()
    if ext not in _EXT_FORMAT:
        raise GazetteChecksError(f"--output {spec}: say the format, e.g. sarif:{spec}")
    return _EXT_FORMAT[ext], spec


def _findings_for(args: argparse.Namespace, records, cfg, issue_checks=None):
    from .engine import check_records

    if getattr(args, "gx", False):
        import importlib.util

        if importlib.util.find_spec("great_expectations") is None:
            raise GazetteChecksError("--gx needs Great Expectations: pip install 'gazette-checks[gx]'")
        cfg.extend_select.append("SC02")  # the Great Expectations suites, run as rule SC02
    if getattr(args, "archive", None):
        from .store import check_with_store

        # the XD rules against the archive's candidates, the per-issue rules on the new issue alone
        findings = _archive_call(args.archive, lambda a: check_with_store(records, cfg, a))
    else:
        findings = check_records(records, cfg, issue_checks=issue_checks)
    for f in findings:
        if f.rule == "PA06" and "rule" in f.data:
            _err(f"rule {f.data['rule']} failed ({f.data.get('error')}: {f.data.get('detail')}); "
                 "the results are incomplete")
    return findings


def _rule_failed(findings) -> bool:
    return any(f.rule == "PA06" and "rule" in f.data for f in findings)


def _archive_call(path: str, call):
    """`call(Archive(path))`, with any SQLite failure as a one-line ArchiveError."""
    import sqlite3

    from .archive import Archive
    from .exceptions import ArchiveError

    try:
        return call(Archive(path))
    except sqlite3.Error as exc:
        raise ArchiveError(f"{path}: archive is damaged or unreadable ({exc})") from None


def cmd_check(args: argparse.Namespace) -> int:
    """`check`: run the rules and render the findings."""
    from .engine import build_report
    from .renderers import render, write_atomic

    paths = list(args.paths)
    if args.example:
        paths.append(str(EXAMPLE))
    if not paths:
        _err("no input: give PATH... or --example")
        return ERR
    outputs = [_split_output(o) for o in args.output]
    if args.html:
        outputs.append(("html", args.html))
    _inputs_untouched([p for _, p in outputs], paths)
    cfg = _config(args)
    if args.baseline:
        from .baseline import load_baseline

        baseline = load_baseline(args.baseline)  # a bad baseline fails before the long part
    with _Progress(not args.no_progress) as progress:
        issue_checks = None
        if args.jobs != 1:  # parse and per-issue rules in worker processes (gazette_checks/jobs.py)
            from .jobs import parse_and_check

            records, errors, issue_checks = parse_and_check(paths, cfg, args.jobs)
            for e in errors:
                _err(e)
        else:
            records, errors = _read(paths, progress)
        progress.set("checking")
        findings = _findings_for(args, records, cfg, issue_checks)
    failed = _rule_failed(findings)
    suppressed, stale = 0, []
    if args.baseline:
        from .baseline import apply_baseline

        findings, suppressed, stale = apply_baseline(findings, baseline)
    report = build_report(records, findings, errors, fail_on=args.fail_on, lang=args.lang, config=cfg)
    report.suppressed, report.stale_baseline = suppressed, list(stale)
    for fmt, path in outputs:
        write_atomic(path, render(report, fmt))
        if path != "-":
            print(f"wrote {fmt} report to {path}", file=sys.stderr)
    fmt = args.format or "text"
    if fmt == "text":
        from .renderers.text_report import render as render_text

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                             and not os.environ.get("NO_COLOR"))
        sys.stdout.write(render_text(report, colour=colour))
    else:
        sys.stdout.write(render(report, fmt))
    if errors or failed:
        return ERR
    return FINDINGS if report.failed else OK


def cmd_baseline(args: argparse.Namespace) -> int:
    """`baseline`: record the current findings."""
    from .baseline import write_baseline

    _inputs_untouched([args.output], args.paths)
    cfg = _config(args)
    records, errors = _read(args.paths)
    findings = _findings_for(args, records, cfg)
    if _rule_failed(findings):
        return ERR  # a baseline of an incomplete run would hide what the failed rule misses
    write_baseline(findings, args.output)
    print(f"recorded {len(findings)} finding(s) in {args.output}", file=sys.stderr)
    return ERR if errors else OK


def cmd_archive(args: argparse.Namespace) -> int:
    """`archive add|list|remove`."""
    import json

    if not args.archive_command:
        _err("archive needs an action: add, list or remove")
        return ERR
    if args.archive_command == "add":
        _inputs_untouched([args.archive], args.paths)
        records, errors = _read(args.paths)

        def add(arch):
            for f in arch.add(records):  # one pass and one transaction for the whole batch
                print(f"stored {f}", file=sys.stderr)

        _archive_call(args.archive, add)
        return ERR if errors else OK
    if args.archive_command == "remove":
        missing = [f for f in args.files if not _archive_call(args.archive, lambda a, f=f: a.remove(f))]
        for f in missing:
            _err(f"{args.archive}: holds no file {f}")
        return ERR if missing else OK
    if args.archive_command == "export":
        from .store.parquet import export_archive

        n = _archive_call(args.archive, lambda a: export_archive(a, args.parquet))
        print(f"wrote {n} file(s) to {args.parquet}", file=sys.stderr)
        return OK
    rows = [r.to_dict() for r in _archive_call(args.archive, lambda a: a.list())]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        if not rows:
            print(f"{args.archive}: empty")
        for r in rows:
            print("  ".join(str(r.get(k, "") or "") for k in
                            ("file", "gazette", "number", "total_number", "date", "documents", "added_at")))
    return OK


def cmd_batch(args: argparse.Namespace) -> int:
    """`batch`: parse and check on a Dask cluster (gazette_checks.batch)."""
    from .batch import cmd_batch as run

    return run(args, _config(args), [_split_output(o) for o in args.output])


# ---------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    """`rules`: list every rule."""
    import json

    from .checks import all_rules
    from .config import load_config

    rules = all_rules()
    cfg = load_config(args.config) if args.config else None
    if cfg is not None:
        cfg.validate(rules)
    if args.format == "markdown":
        from .checks.docs import rules_page

        sys.stdout.write(rules_page(rules))
        return OK
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in rules], ensure_ascii=False, indent=1))
        return OK
    for r in rules:
        on = "" if (cfg.is_selected(r) if cfg else r.default_enabled) else "  (off)"
        print(f"{r.code}  {r.severity.value:<7} {r.category:<11} {r.title_zh} / {r.title_en}{on}")
    return OK


def cmd_explain(args: argparse.Namespace) -> int:
    """`explain CODE`: show one rule."""
    from .checks import get_rule
    from .checks.docs import explain

    try:
        r = get_rule(args.code)
    except KeyError:
        _err(f"no rule {args.code!r}; `gazette-checks rules` lists them")
        return ERR
    sys.stdout.write(explain(r))
    return OK
