"""Administrative levels as data: which level has 办公厅 and which 办公室, organ names with or without
the level prefix, normalised with the place the text names (synthetic places only)."""

from __future__ import annotations

import pytest

from gazette_checks import organs as O
from gazette_checks.config import Config
from tests.rule_helpers import rule_hits


@pytest.mark.parametrize(("place", "level", "office"), [
    ("某某省", "province", "办公厅"), ("某某自治区", "province", "办公厅"), ("北京市", "municipality", "办公厅"),
    ("某某市", "prefecture", "办公室"), ("某某自治州", "prefecture", "办公室"), ("某某盟", "prefecture", "办公室"),
    ("某某县", "county", "办公室"), ("某某自治旗", "county", "办公室"), ("某某区", "district", "办公室"),
    ("某某市某某区", "district", "办公室"),
])
def test_level_and_office_come_from_the_data(place, level, office):
    assert O.place_level(place).key == level
    assert O.office_name(place) == office


def test_a_name_with_no_level_ending_has_no_level():
    assert O.place_level("某某") is None and O.office_name("某某") is None


def test_the_office_pair_that_tells_levels_apart_is_read_from_the_data():
    assert frozenset("厅室") in O._level_pairs()
    assert O.near_misses("市人民政府办公厅", ["市人民政府办公室"], strict=False) == []


@pytest.mark.parametrize("names", [["某某省人民政府"], ["某某自治区人民政府办公厅"], ["某某县人民政府"],
                                   ["某某自治县人民政府"], ["某某市某某区人民政府"]])
def test_places_of_every_level_come_from_government_names(names):
    assert O.cities_from(names) == [names[0].replace("人民政府办公厅", "").replace("人民政府", "")]


@pytest.mark.parametrize(("generic", "full", "place"), [
    ("县发展和改革局", "某某县发展和改革局", "某某县"), ("区民政局", "某某区民政局", "某某区"),
    ("省人民政府办公厅", "某某省人民政府办公厅", "某某省"), ("自治区财政厅", "某某自治区财政厅", "某某自治区"),
    ("旗教育局", "某某旗教育局", "某某旗"), ("市财政局", "某某市财政局", "某某市"),
])
def test_with_or_without_the_level_prefix_one_form(generic, full, place):
    canonical = O.place_level(place).canonical
    assert O.normalise(generic, [place]) == O.normalise(full, [place]) == canonical + full[len(place):]


def test_provinces_compare_with_their_own_prefix_which_the_city_registry_does_not_describe():
    assert O.place_level("某某省").canonical == "省" and O.place_level("某某市").canonical == "市"
    assert O.normalise("某某省人力资源和社会保障厅", ["某某省"]) == "省人力资源和社会保障厅"


def test_another_levels_prefix_is_left_alone():
    assert O.normalise("县发展和改革局", ["某某市"]) == "县发展和改革局"  # a county organ named in a city's text
    assert O.normalise("区民政局", ["某某市", "某某区"]) == "区民政局"   # only the text's own (first) place
    assert O.normalise("县长", ["某某县"]) == "县长"


def test_suggestion_keeps_the_place_as_written():
    assert O.with_place("市生态环境局", "某某县生态环镜局", "市生态环镜局") == "某某县生态环境局"
    assert O.with_place("市生态环境局", "县生态环镜局", "市生态环镜局") == "县生态环境局"
    assert O.with_place("市生态环境局", "某某市生态环镜局", "市生态环镜局") == "某某市生态环境局"
    assert O.with_place("市生态环境局", "市生态环镜局", "市生态环镜局") == "市生态环境局"


@pytest.mark.parametrize(("name", "places", "expected"), [
    ("某某县人民政府办公厅", [], "某某县人民政府办公室"),
    ("某某省人民政府办公室", [], "某某省人民政府办公厅"),
    ("上海市人民政府办公室", [], "上海市人民政府办公厅"),
    ("省政府办公室", ["某某省"], "省政府办公厅"),
    ("县人民政府办公厅", ["某某县"], "县人民政府办公室"),
])
def test_expected_office_by_level(name, places, expected):
    assert O.expected_office(name, places) == expected


@pytest.mark.parametrize(("name", "places"), [
    ("某某省人民政府办公厅", []), ("某某市人民政府办公室", []), ("某某区人民政府办公室", []),
    ("市人民政府办公室", ["某某省"]),  # a city's office named in a province's text
    ("某某人民政府办公室", []), ("某某市教育局", []),
])
def test_expected_office_silent_when_right_or_unknown(name, places):
    assert O.expected_office(name, places) is None


def _county(body: str, signer: str = "某某县人民政府") -> str:
    return (f"某某县人民政府公报\n\n第3期 总第18期\n\n2024年6月30日\n\n某某县人民政府\n关于做好测试工作的通知\n\n"
            f"某政发〔2024〕5号\n\n各乡镇人民政府，县政府各部门：\n\n{body}\n\n{signer}\n\n2024年6月3日\n")


def test_county_slip_is_found_with_or_without_the_place_and_suggested_at_its_level():
    body = ("（一）加强生态保护。〔责任单位：县生态环镜局〕\n\n（二）推进改革。〔责任单位：某某县发展和改革局〕\n\n"
            "（三）做好保障。〔责任单位：县财政局〕")
    found = rule_hits(_county(body), "DP01")
    assert [f.suggestion for f in found] == ["县生态环境局"]


def test_county_names_with_and_without_the_place_are_one_organ():
    body = ("（一）推进改革。〔责任单位：某某县发展和改革局〕\n\n（二）做好保障。〔责任单位：县发展和改革局〕\n\n"
            "（三）加强监管。〔责任单位：县市场监督管理局〕")
    assert rule_hits(_county(body), "DP01") == []
    assert rule_hits(_county(body), "DP02", Config(select=["DP02"])) == []


def _province_doc(body: str) -> str:
    return ("某某省人民政府办公厅关于推进测试工作的实施意见\n\n某政办〔2024〕7号\n\n各市人民政府，省政府各部门：\n\n"
            f"{body}\n\n某某省人民政府办公厅\n\n2024年6月3日\n")


def test_provincial_departments_are_not_read_as_slips_of_city_bureaus():
    body = ("（一）培育人才。（责任单位：省人力资源和社会保障厅、省教育厅）\n\n"
            "（二）整合产业链。（责任单位：省农业农村厅、省商务厅）")
    assert rule_hits(_province_doc(body), "DP01") == []
