"""Command line: turns arguments into calls on the engine and returns a named exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .exceptions import GazetteChecksError

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
                   help="gazette text files (.txt) or directories of them")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `gazette-checks`."""
    ap = argparse.ArgumentParser(
        prog="gazette-checks",
        description="Consistency checks for Chinese government gazettes (人民政府公报).",
    )
    ap.add_argument("--version", action="version", version=f"gazette-checks {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse gazette text into records (JSON or CSV)")
    _paths_args(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="DIR", help="write records.json or one CSV per table into DIR")

    c = sub.add_parser("check", help="run every rule on all given files together")
    _paths_args(c, required=False)
    c.add_argument("--example", action="store_true", help="check the bundled example issue")
    c.add_argument("--format", choices=OUTPUT_FORMATS[:-1], default=None,
                   help="format printed on stdout (default: text)")
    c.add_argument("--output", "-o", action="append", default=[], metavar="[FORMAT:]FILE",
                   help="also write FORMAT to FILE atomically (format from the extension when omitted); repeatable")
    c.add_argument("--html", nargs="?", const=str(DEFAULT_HTML), default=None, metavar="FILE",
                   help=f"write the HTML report (default file: {DEFAULT_HTML})")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    c.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the HTML report")
    c.add_argument("--baseline", metavar="FILE", help="suppress the findings recorded in FILE")
    c.add_argument("--archive", metavar="FILE", help="also check against the issues stored in FILE")
    c.add_argument("--config", metavar="FILE", help="configuration file (default: discovered)")
    c.add_argument("--select", action="append", default=[], metavar="RULES", help="only these rules")
    c.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")
    c.add_argument("--gx", action="store_true", help="also run the Great Expectations suites (needs the gx extra)")
    c.add_argument("--no-progress", action="store_true", help="no progress indicator on stderr")
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="parse and run the per-issue rules in N processes (0: one per CPU)")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    b = sub.add_parser("baseline", help="record the current findings as accepted")
    _paths_args(b)
    b.add_argument("-o", "--output", required=True, metavar="FILE")
    b.add_argument("--config", metavar="FILE")
    b.add_argument("--archive", metavar="FILE")

    a = sub.add_parser("archive", help="store issues for cross-issue checks")
    asub = a.add_subparsers(dest="archive_command", metavar="ACTION")
    aa = asub.add_parser("add", help="store (or replace) the records of files")
    _paths_args(aa)
    aa.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")
    al = asub.add_parser("list", help="show what the archive holds")
    al.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")
    al.add_argument("--format", choices=("text", "json"), default="text")
    ar = asub.add_parser("remove", help="remove the records of files")
    ar.add_argument("files", nargs="+", metavar="FILE")
    ar.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="FILE")

    r = sub.add_parser("rules", help="list the rules")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--config", metavar="FILE", help="mark which rules this configuration selects")

    e = sub.add_parser("explain", help="show one rule")
    e.add_argument("code")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return ERR
    try:
        handler = {
            "parse": cmd_parse, "check": cmd_check, "baseline": cmd_baseline,
            "archive": cmd_archive, "rules": cmd_rules, "explain": cmd_explain,
        }[args.command]
        return handler(args)
    except GazetteChecksError as exc:
        _err(str(exc))
        return ERR
    except KeyboardInterrupt:
        _err("interrupted")
        return ERR
    except BrokenPipeError:
        return ERR


def _err(msg: str) -> None:
    print(f"gazette-checks: error: {msg}", file=sys.stderr)


def _read(paths: Sequence[str], progress: bool = False):
    """Parse `paths`; print a line per unreadable input; returns (records, errors)."""
    from .engine import parse_sources
    from .read import read_paths

    sources, errors = read_paths(paths)
    for e in errors:
        _err(str(e))
    show = progress and len(sources) >= 5 and sys.stderr.isatty()
    if show:
        from .parse import parse_source
        from .records import Records

        parts = []
        for k, s in enumerate(sources, 1):
            print(f"\rparsing {k}/{len(sources)} {s.name[-50:]:<50}", end="", file=sys.stderr, flush=True)
            parts.append(parse_source(s))
        print("\r" + " " * 72 + "\r", end="", file=sys.stderr, flush=True)
        records = Records.concat(parts)
    else:
        records = parse_sources(sources)
    return records, [str(e) for e in errors]


def _config(args: argparse.Namespace):
    from .config import load_config

    cfg = load_config(getattr(args, "config", None))
    for s in getattr(args, "select", []) or []:
        cfg.select = [x.strip() for x in s.split(",") if x.strip()]
    for s in getattr(args, "ignore", []) or []:
        cfg.ignore += [x.strip() for x in s.split(",") if x.strip()]
    return cfg


# ---------------------------------------------------------------------- parse
def cmd_parse(args: argparse.Namespace) -> int:
    """`parse`: write the record tables."""
    import json

    from .renderers.base import write_atomic

    records, errors = _read(args.paths)
    data = records.to_dict()
    if args.format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"
        if args.out:
            write_atomic(Path(args.out) / "records.json", text)
        else:
            sys.stdout.write(text)
    else:
        out = Path(args.out or "reports/records")
        for name in data:
            df = getattr(records, name)
            write_atomic(out / f"{name}.csv", df.to_csv(index=False))
        print(f"wrote {len(data)} CSV files to {out}", file=sys.stderr)
    return ERR if errors else OK


# ---------------------------------------------------------------------- check
def _split_output(spec: str) -> tuple[str, str]:
    fmt, sep, path = spec.partition(":")
    if sep and fmt in OUTPUT_FORMATS and path:
        return fmt, path
    ext = Path(spec).suffix.lower()
    if ext not in _EXT_FORMAT:
        raise GazetteChecksError(f"--output {spec}: say the format, e.g. sarif:{spec}")
    return _EXT_FORMAT[ext], spec


def _findings_for(args: argparse.Namespace, records, cfg, issue_checks=None):
    from .engine import check_records

    context = None
    if getattr(args, "archive", None):
        from .archive import Archive

        context = Archive(args.archive).load_for(records)
    if getattr(args, "gx", False):
        import importlib.util

        if importlib.util.find_spec("great_expectations") is None:
            raise GazetteChecksError("--gx needs Great Expectations: pip install 'gazette-checks[gx]'")
        cfg.extend_select.append("SC02")  # the Great Expectations suites, run as rule SC02
    return check_records(records, cfg, context=context, issue_checks=issue_checks)


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
    cfg = _config(args)
    issue_checks = None
    if args.jobs != 1:
        from .jobs import parse_and_check

        records, errors, issue_checks = parse_and_check(paths, cfg, args.jobs)
        for e in errors:
            _err(e)
    else:
        records, errors = _read(paths, progress=not args.no_progress)
    findings = _findings_for(args, records, cfg, issue_checks)
    suppressed, stale = 0, []
    if args.baseline:
        from .baseline import apply_baseline, load_baseline

        findings, suppressed, stale = apply_baseline(findings, load_baseline(args.baseline))
    report = build_report(records, findings, errors, fail_on=args.fail_on, lang=args.lang)
    report.suppressed, report.stale_baseline = suppressed, list(stale)
    if args.html:
        outputs.append(("html", args.html))
    for fmt, path in outputs:
        write_atomic(path, render(report, fmt))
        print(f"wrote {fmt} report to {path}", file=sys.stderr)
    fmt = args.format or "text"
    if fmt == "text":
        from .renderers.text_report import render as render_text

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                             and not os.environ.get("NO_COLOR"))
        sys.stdout.write(render_text(report, colour=colour))
    else:
        sys.stdout.write(render(report, fmt))
    if errors:
        return ERR
    return FINDINGS if report.failed else OK


def cmd_baseline(args: argparse.Namespace) -> int:
    """`baseline`: record the current findings."""
    from .baseline import write_baseline

    records, errors = _read(args.paths)
    findings = _findings_for(args, records, _config(args))
    write_baseline(findings, args.output)
    print(f"recorded {len(findings)} finding(s) in {args.output}", file=sys.stderr)
    return ERR if errors else OK


def cmd_archive(args: argparse.Namespace) -> int:
    """`archive add|list|remove`."""
    import json

    from .archive import Archive

    if not args.archive_command:
        _err("archive needs an action: add, list or remove")
        return ERR
    arch = Archive(args.archive)
    if args.archive_command == "add":
        records, errors = _read(args.paths)
        for f in records.own_files:
            arch.add(records.subset(f))
            print(f"stored {f}", file=sys.stderr)
        return ERR if errors else OK
    if args.archive_command == "remove":
        for f in args.files:
            arch.remove(f)
        return OK
    rows = arch.list()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    else:
        if not rows:
            print(f"{args.archive}: empty")
        for r in rows:
            print("  ".join(str(r.get(k, "") or "") for k in
                            ("file", "name", "number", "total_number", "date", "documents", "added")))
    return OK


# ---------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    """`rules`: list every rule."""
    import json

    from .checks import all_rules
    from .config import load_config

    rules = all_rules()
    cfg = load_config(args.config) if args.config else None
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

    try:
        r = get_rule(args.code)
    except KeyError:
        _err(f"no rule {args.code!r}; `gazette-checks rules` lists them")
        return ERR
    lines = [
        f"{r.code} {r.name}",
        f"{r.title_zh} / {r.title_en}",
        f"类别 category: {r.category}    默认级别 default severity: {r.severity.value}"
        + ("" if r.default_enabled else "    （默认关闭 off by default）"),
        "",
        "为什么 Why:",
        f"  {r.reason}",
    ]
    if r.fix:
        lines += ["", "怎么改 Fix:", f"  {r.fix}"]
    if r.example_bad:
        lines += ["", "示例（有问题）Example:", f"  {r.example_bad}"]
    if r.example_good:
        lines += ["应改为 Use instead:", f"  {r.example_good}"]
    if r.options:
        lines += ["", "选项 Options:"] + [f"  {k} = {v!r}" for k, v in r.options.items()]
    print("\n".join(lines))
    return OK
