"""The organ registry: data loading, normalisation, near misses, city files."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette_checks import organs as O
from gazette_checks.exceptions import ConfigError


def test_national_registry_loads_full_names_aliases_and_retired():
    reg = O.load_registry()
    assert reg.lookup("市发改委").name == "市发展和改革委员会"
    assert reg.lookup("市发展改革委").name == "市发展和改革委员会"
    assert reg.is_full_name("市市场监督管理局")
    assert not reg.is_full_name("市市场监管局")
    r = reg.retired_name("市环保局")
    assert r.successor == "市生态环境局" and r.retired >= dt.date(2019, 1, 1)
    assert reg.retired_name("市生态环境局") is None


def test_normalise_strips_city_and_party_prefix():
    assert O.normalise("某某市发展和改革委员会", ["某某市"]) == "市发展和改革委员会"
    assert O.normalise("中共某某市委组织部", ["某某市"]) == "市委组织部"
    assert O.normalise("**某某市 市场监督管理局**", ["某某市"]) == "市市场监督管理局"
    assert O.normalise("市财政局", []) == "市财政局"


def test_cities_come_from_government_names():
    assert O.cities_from(["某某市人民政府", "某某市人民政府办公室", "某某市公安局"]) == ["某某市"]
    assert O.cities_from(["甲乙市人民政府、甲乙市教育局"]) == ["甲乙市"]


@pytest.mark.parametrize(("form", "expected"), [
    ("市生态环镜局", ["市生态环境局"]),     # one character changed in a long name
    ("市市城管局", ["市城管局"]),           # doubled character
    ("市委组织委", ["市委组织部"]),         # organ ending changed
])
def test_near_misses_found(form, expected):
    assert O.near_misses(form, O.load_registry().all_forms()) == expected


@pytest.mark.parametrize("form", ["市文物局", "市煤管局", "市地震局"])
def test_short_real_organs_are_not_near_misses(form):
    reg = O.load_registry()
    assert O.near_misses(form, [f for f in reg.all_forms() if f != form]) == []


def test_market_supervision_is_not_a_doubled_city():
    reg = O.load_registry()
    assert reg.known("市市场监督管理局")
    assert reg.known(O.normalise("某某市市场监督管理局", ["某某市"]))


def test_organs_in_text():
    found = [n for n, _ in O.organs_in_text("由市工信局牵头，市财政部门配合，各县（市）市场监督管理局参与，城市管理局")]
    assert found == ["市工信局"]


def test_split_alias():
    assert O.split_alias("市财政局（市国资办）") == ["市财政局", "市国资办"]
    assert O.split_alias("市应急局（市煤管局") == ["市应急局", "市煤管局"]


def test_city_file_adds_local_organs(tmp_path):
    p = tmp_path / "city.toml"
    p.write_text('format_version = 1\ncity = "甲乙市"\n\n[[organ]]\nname = "市经济合作促进局"\n'
                 'aliases = ["市经合局"]\n', encoding="utf-8")
    reg = O.load_registry(p)
    assert reg.lookup("市经合局").name == "市经济合作促进局"
    assert "甲乙市" in reg.cities
    assert reg.lookup("市发改委") is not None


def test_bad_city_file_is_a_config_error(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[[organ]]\naliases = []\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        O.load_registry(p)


def test_another_level_or_kind_of_organ_is_not_a_slip():
    """办公厅 (province, municipality) and 办公室 (city), 交通委 and 交通局: both real, never "corrected"."""
    from gazette_checks.organs import near_misses

    assert near_misses("市交通委", ["市交通局"]) == []
    assert near_misses("某某市人民政府办公厅", ["某某市人民政府办公室"], strict=False) == []
    assert near_misses("市委宣传委", ["市委宣传部"]) == ["市委宣传部"]  # 委 for 部 still is one
