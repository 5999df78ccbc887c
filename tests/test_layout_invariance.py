"""Layout invariance: the same content laid out another way gives the same records and findings.

Findings are compared by rule, document and offending text (not by line: a
transform moves lines). Inputs: the real corpus and the other provinces' documents
(skipped when ../shared is absent), the fixtures and the bundled example.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gazette_checks.engine import check_records, parse_sources
from gazette_checks.read import Source, decode
from tests.layout.transforms import TRANSFORMS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "corpus": SHARED / "corpus",
    "corpus-docs": SHARED / "corpus-docs",
    "fixtures": ROOT / "tests" / "fixtures",
    "example": ROOT / "gazette_checks" / "examples",
}


def _texts(name: str) -> dict[str, str]:
    folder = SETS[name]
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        pytest.skip(f"{folder} is not present")
    return {p.name: p.read_text(encoding="utf-8") for p in files}


def _run(texts: dict[str, str]):
    sources = [Source(name=n, text=decode(t.encode("utf-8"), n)[0]) for n, t in texts.items()]
    records = parse_sources(sources)
    return records, check_records(records)


def _finding_keys(findings) -> Counter:
    def key(f):
        span = f.excerpt[f.span[0]:f.span[1]] if f.span else ""
        return f.rule, f.document, "".join(span.split()) or "".join(f.excerpt.split())[:25]

    return Counter(key(f) for f in findings)


def _document_keys(records) -> list[tuple]:
    cols = ["doc_number", "title", "date", "issuer", "signer", "doc_type"]
    return [tuple(r) for r in records.documents[cols].astype(str).itertuples(index=False)]


_BASELINES: dict[str, tuple] = {}


def _baseline(name: str):
    if name not in _BASELINES:
        texts = _texts(name)
        records, findings = _run(texts)
        _BASELINES[name] = (texts, _document_keys(records), _finding_keys(findings))
    return _BASELINES[name]


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("inputs", sorted(SETS))
def test_layout_does_not_change_records_or_findings(inputs, transform):
    texts, docs, found = _baseline(inputs)
    records, findings = _run({n: TRANSFORMS[transform](t) for n, t in texts.items()})
    assert _document_keys(records) == docs
    now = _finding_keys(findings)
    assert now == found, f"lost {dict(found - now)}, new {dict(now - found)}"


def test_transforms_really_change_the_layout():
    """Each transform changes the text it is given (a transform that does nothing tests nothing)."""
    texts = [(SETS["example"] / "example-issue.txt").read_text(encoding="utf-8"),
             (SETS["fixtures"] / "monthly-issue.txt").read_text(encoding="utf-8")]
    for name, t in TRANSFORMS.items():
        assert any(t(x) != x for x in texts), name
