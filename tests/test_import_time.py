"""`import gazette_checks` stays cheap: no pandas, pandera or Great Expectations, well under 1 s."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> dict:
    probe = (
        "import sys, json, time; _t = time.perf_counter()\n"
        f"{code}\n"
        "print(json.dumps({'t': time.perf_counter() - _t, "
        "'mods': [m for m in ('pandas', 'pandera', 'great_expectations', 'jinja2') if m in sys.modules]}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_bare_import_is_light():
    r = _run("import gazette_checks")
    assert r["mods"] == []


def test_public_names_do_not_import_heavy_modules_until_used():
    r = _run("import gazette_checks as g; g.__all__; dir(g); g.__version__")
    assert r["mods"] == []


def test_cli_modules_without_gx_do_not_import_great_expectations():
    r = _run("import gazette_checks.api, gazette_checks.checks, gazette_checks.gx; "
             "gazette_checks.checks.all_rules()")
    assert "great_expectations" not in r["mods"]


def test_import_time_under_one_second():
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import gazette_checks"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    rows = [line.split("|") for line in out.stderr.splitlines()
            if line.startswith("import time:") and "cumulative" not in line]
    cumulative = {name.strip(): int(cum) for _self, cum, name in rows}
    assert cumulative["gazette_checks"] < 1_000_000  # microseconds


def test_bench_import_reports(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_import
    finally:
        sys.path.pop(0)
    res = bench_import.measure(repeat=1)
    bare = res["import gazette_checks"]
    assert bare["heavy"] == [] and bare["importtime_s"] < 1.0
    assert "pandas" in res["import gazette_checks.api + first parse"]["heavy"]
    assert "great_expectations" not in res["import gazette_checks.gx"]["heavy"]
