"""Sessions: tests (default), lint, gx, scale, bench."""

from __future__ import annotations

import nox

PYTHONS = ["3.11"]
nox.options.sessions = ["tests"]
nox.options.reuse_existing_virtualenvs = True


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite (browser tests skip when Chromium is absent)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", *session.posargs)


@nox.session(python=PYTHONS)
def lint(session: nox.Session) -> None:
    """Lint with ruff."""
    session.install("ruff")
    session.run("ruff", "check", "gazette_checks", "tests", "benchmarks", "noxfile.py")


@nox.session(python=PYTHONS)
def gx(session: nox.Session) -> None:
    """Great Expectations tests, with the gx extra installed."""
    session.install("-e", ".[test,gx]")
    session.run("pytest", "-q", "-m", "gx", "tests", *session.posargs)


@nox.session(python=PYTHONS)
def scale(session: nox.Session) -> None:
    """Parquet store and Dask batch tests, with the scale extra installed (a 2-worker local cluster)."""
    session.install("-e", ".[test,scale]")
    session.run("pytest", "-q", "-m", "scale", "-p", "no:logging", "tests", *session.posargs)


@nox.session(python=PYTHONS)
def bench(session: nox.Session) -> None:
    """Benchmarks on ../shared/corpus."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench_parse.py")
    session.run("python", "benchmarks/totals_coverage.py")
    session.run("python", "benchmarks/bench_scale.py", "--copies", "10,50,100", "--jobs-copies", "20",
                *session.posargs)
    session.run("python", "benchmarks/bench_archive.py", *session.posargs)
    session.install("-e", ".[scale]")
    session.run("python", "benchmarks/bench_batch.py")
