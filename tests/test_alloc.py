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


def test_held_objects_are_handed_back_at_the_end():
    from gazette_checks.alloc import held_objects

    assert gc.get_freeze_count() == 0
    with held_objects() as hold:
        hold()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone():
    import gazette_checks as gc_
    from gazette_checks.engine import parse_sources
    from gazette_checks.read import source_from_string

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        records = parse_sources([source_from_string("某市人民政府关于测试的通知\n\n现通知如下。\n", "a.txt")])
        gc_.check(records)
        assert gc.get_freeze_count() > frozen // 2  # theirs stay frozen (some may have been freed since)
    finally:
        gc.unfreeze()


def test_parse_and_check_leave_nothing_frozen():
    import gazette_checks as gc_
    from gazette_checks.engine import parse_sources
    from gazette_checks.read import source_from_string

    records = parse_sources([source_from_string("某市人民政府关于测试的通知\n\n现通知如下。\n", f"{k}.txt") for k in range(3)])
    assert gc.get_freeze_count() == 0
    gc_.check(records)
    assert gc.get_freeze_count() == 0
