"""The ```python examples in README.md's library section run as written."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- api-examples:start -->", "<!-- api-examples:end -->"


def _blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    if START not in text or END not in text:
        return []
    section = text[text.index(START) + len(START):text.index(END)]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


BLOCKS = _blocks()


def test_section_has_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(code: str, monkeypatch, capsys):
    if "gazette_checks import gx" in code and importlib.util.find_spec("great_expectations") is None:
        pytest.skip("needs great-expectations (pip install 'gazette-checks[gx]')")
    monkeypatch.chdir(ROOT)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
