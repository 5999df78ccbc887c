"""The collector setting used while parsing and checking is the caller's again afterwards."""

import gc

import pytest

from gazette_checks.alloc import WORKING_THRESHOLD, fewer_collections


@pytest.fixture
def threshold():
    old = gc.get_threshold()
    yield
    gc.set_threshold(*old)


def test_raises_young_threshold_and_restores_it(threshold):
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (WORKING_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_restores_after_an_exception(threshold):
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError
    assert gc.get_threshold() == (700, 10, 10)


def test_never_lowers_a_higher_setting_nor_turns_collection_back_on(threshold):
    gc.set_threshold(50_000, 20, 20)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 20, 20)
    gc.set_threshold(0, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0


def test_parse_and_check_leave_the_setting_as_found(threshold):
    import gazette_checks as gc_

    gc.set_threshold(700, 10, 10)
    gc_.check(gc_.parse("某市人民政府关于测试的通知\n\n某政发〔2024〕1号\n\n各区人民政府：\n\n现通知如下。\n", "a.txt"))
    assert gc.get_threshold() == (700, 10, 10)
