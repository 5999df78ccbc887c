"""Baselines: round trip, line-number independence, stale entries, multiplicity."""

from __future__ import annotations

import dataclasses
import json

import pytest
from factories import make_finding, sample_findings, sample_report

from gazette_checks.baseline import (
    BASELINE_VERSION,
    BaselineEntry,
    apply_baseline,
    load_baseline,
    suppress,
    write_baseline,
)
from gazette_checks.exceptions import BaselineError


def test_round_trip(tmp_path):
    findings = sample_findings()
    path = tmp_path / "baseline.json"
    assert write_baseline(findings, path) == len(findings)

    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == BASELINE_VERSION
    assert set(data["entries"][0]) == {"rule", "document", "fingerprint", "excerpt", "message", "file"}
    assert "line" not in data["entries"][0]
    assert "牡政发" in path.read_text(encoding="utf-8")  # Chinese kept readable

    entries = load_baseline(path)
    assert len(entries) == len(findings)
    kept, suppressed, stale = apply_baseline(findings, entries)
    assert kept == []
    assert suppressed == len(findings)
    assert stale == []


def test_write_is_stable(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_baseline(sample_findings(), a)
    write_baseline(list(reversed(sample_findings())), b)
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_survives_lines_inserted_at_top(tmp_path):
    """Same findings, every line shifted (and re-paginated): still suppressed."""
    path = tmp_path / "baseline.json"
    before = sample_findings()
    write_baseline(before, path)

    shifted = [dataclasses.replace(f, line=f.line + 37) for f in before]
    # Re-layout: different spacing and full-width digits normalise to the same key.
    shifted[0] = dataclasses.replace(shifted[0], excerpt=shifted[0].excerpt.replace("　", " "))
    new = make_finding(rule="DT01", line=3, excerpt="2023年1月1日印发", message="新问题", document="牡政发〔2023〕1号")
    kept, suppressed, stale = apply_baseline([new, *shifted], load_baseline(path))
    assert kept == [new]
    assert suppressed == len(before)
    assert stale == []


def test_edited_excerpt_is_not_suppressed(tmp_path):
    path = tmp_path / "baseline.json"
    f = make_finding()
    write_baseline([f], path)
    edited = dataclasses.replace(f, excerpt=f.excerpt.replace("3月1日", "3月2日"))
    kept, suppressed, stale = apply_baseline([edited], load_baseline(path))
    assert kept == [edited]
    assert suppressed == 0
    assert [e["rule"] for e in stale] == ["DT01"]


def test_stale_entries_reported(tmp_path):
    path = tmp_path / "baseline.json"
    findings = sample_findings()
    write_baseline(findings, path)
    fixed = findings[1]
    kept, suppressed, stale = apply_baseline(findings[:1] + findings[2:], load_baseline(path))
    assert kept == []
    assert suppressed == len(findings) - 1
    assert len(stale) == 1
    assert stale[0] == BaselineEntry.from_finding(fixed).to_dict()
    assert stale[0]["message"] == fixed.message
    json.dumps(stale)  # ready for Report.stale_baseline and the JSON output


def test_multiplicity():
    """Two identical findings and one entry: one suppressed, one kept."""
    a = make_finding(line=10)
    b = make_finding(line=50)
    assert a.fingerprint == b.fingerprint
    kept, suppressed, stale = apply_baseline([b, a], [BaselineEntry.from_finding(a)])
    assert suppressed == 1
    assert kept == [b]  # the earlier one is taken as the known one
    assert stale == []

    kept, suppressed, stale = apply_baseline([a], [BaselineEntry.from_finding(a)] * 2)
    assert (kept, suppressed, len(stale)) == ([], 1, 1)


def test_rule_is_part_of_the_key():
    f = make_finding()
    other = make_finding(rule="DL01", category="deadlines")
    kept, suppressed, _ = apply_baseline([other], [BaselineEntry.from_finding(f)])
    assert kept == [other]
    assert suppressed == 0


def test_entries_may_be_dicts_and_lack_fingerprint():
    f = make_finding()
    entry = {"rule": f.rule, "document": f.document, "excerpt": f.excerpt}
    kept, suppressed, _ = apply_baseline([f], [entry])
    assert (kept, suppressed) == ([], 1)


def test_suppress_updates_report(tmp_path):
    report = sample_report(suppressed=0, stale_baseline=[])
    path = tmp_path / "baseline.json"
    write_baseline(report.findings[:3], path)
    extra = BaselineEntry("NM01", "牡政发〔2020〕1号", "ffffffffffffffff", "牡政发〔2020〕1号", "旧问题", "old.txt")
    suppress(report, [*load_baseline(path), extra])
    assert len(report.findings) == len(sample_findings()) - 3
    assert report.suppressed == 3
    assert report.stale_baseline == [extra.to_dict()]
    assert report.summary["stale_baseline"] == 1


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "does not exist"),
        ("{not json", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"version": 2, "entries": []}', "version 2"),
        ('{"version": 1}', "no 'entries'"),
        ('{"version": 1, "entries": [1]}', "entry 1 is not an object"),
        ('{"version": 1, "entries": [{"fingerprint": "ab"}]}', "entry 1 has no 'rule'"),
        ('{"version": 1, "entries": [{"rule": "DT01"}]}', "neither 'fingerprint' nor 'excerpt'"),
        ('{"version": 1, "entries": [{"rule": "DT01", "excerpt": 5}]}', "non-text 'excerpt'"),
    ],
)
def test_bad_baseline(tmp_path, content, needle):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as e:
        load_baseline(path)
    message = str(e.value)
    assert needle in message
    assert "\n" not in message
    assert str(path) in message


def test_not_utf8(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_bytes("{\"version\": 1}".encode("utf-16"))
    with pytest.raises(BaselineError, match="not UTF-8"):
        load_baseline(path)
