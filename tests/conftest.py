"""Shared fixtures: the real corpus (skipped when absent) and synthetic texts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus, or skip."""
    if not CORPUS.is_dir() or not list(CORPUS.glob("*.txt")):
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    """The corpus .txt files, sorted."""
    return sorted(corpus_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_records(corpus_files):
    """Records of the whole corpus, parsed once."""
    from gazette_checks.engine import parse_paths

    records, errors = parse_paths([str(p) for p in corpus_files])
    assert not errors
    return records


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example issue."""
    return ROOT / "gazette_checks" / "examples" / "example-issue.txt"
