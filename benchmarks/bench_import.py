"""Benchmark: import cost of gazette_checks (must stay well under 1 s).

Reports, from fresh interpreters (best of N):

* ``import gazette_checks`` — cumulative self-reported time (``python -X importtime``)
  and wall time; pandas, pandera and Great Expectations must not be imported;
* ``import gazette_checks.api`` followed by the first ``parse`` of a small text
  (what a library user pays before the first result);
* ``import gazette_checks.gx`` (GX itself must still not be imported).

Run: python benchmarks/bench_import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_TEXT = "某市人民政府公报\\n\\n第1期\\n\\n某市人民政府\\n\\n关于做好某项工作的通知\\n\\n某政发〔2024〕1号\\n\\n2024年1月5日\\n"
SNIPPETS = {
    "import gazette_checks": "import gazette_checks",
    "import gazette_checks.api + first parse":
        f"import gazette_checks.api as a; a.parse('{_TEXT}', 'x.txt')",
    "import gazette_checks.gx": "import gazette_checks.gx",
}
HEAVY = ("pandas", "pandera", "great_expectations")


def importtime(code: str) -> float:
    """Cumulative import time (seconds) of the gazette_checks modules `code` imports at top
    level, as ``python -X importtime`` reports it (interpreter start-up excluded)."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    total = 0
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:"):].split("|")
        name = name[1:]  # one separator space; more means nested under the line above
        if name.startswith("gazette_checks"):
            total += int(cumulative)
    return total / 1e6


def wall(code: str) -> tuple[float, list[str]]:
    """Wall time of `code` in a fresh interpreter (seconds), and the heavy modules it loaded."""
    probe = (
        "import time, sys, json; _t = time.perf_counter()\n"
        f"{code}\n"
        "print(json.dumps([time.perf_counter() - _t, "
        f"[m for m in {HEAVY!r} if m in sys.modules]]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    t, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    return t, heavy


def measure(repeat: int = 5) -> dict[str, dict]:
    """Best-of-`repeat` import time, wall time and heavy modules per snippet."""
    results = {}
    for label, code in SNIPPETS.items():
        it = min(importtime(code) for _ in range(repeat))
        runs = [wall(code) for _ in range(repeat)]
        results[label] = {"importtime_s": it, "wall_s": min(r[0] for r in runs), "heavy": runs[0][1]}
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    results = measure(args.repeat)
    for label, r in results.items():
        heavy = ", ".join(r["heavy"]) or "none"
        print(f"{label:42s} importtime {r['importtime_s'] * 1000:7.1f} ms   wall {r['wall_s'] * 1000:7.1f} ms"
              f"   heavy modules: {heavy}")
    bare = results["import gazette_checks"]
    ok = bare["importtime_s"] < 1.0 and not bare["heavy"]
    print("OK" if ok else "TOO SLOW or imports heavy modules")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
