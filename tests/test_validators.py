"""Stand-alone validators and the registered pandera checks."""

from __future__ import annotations

import datetime as dt
import importlib

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from gazette_checks.validators import (
    check_table_totals,
    doc_number_parts,
    is_cn_date,
    is_doc_number,
    normalize_organ,
    organ_info,
    parse_date,
    validate_doc_number,
)

# ---------------------------------------------------------------- 发文字号


@pytest.mark.parametrize(
    ("text", "problems", "canonical"),
    [
        ("某政发〔2023〕7号", (), "某政发〔2023〕7号"),
        ("某政办规〔2021〕12号", (), "某政办规〔2021〕12号"),
        ("某政发[2023]7号", ("brackets",), "某政发〔2023〕7号"),
        ("某政发（2023）7号", ("brackets",), "某政发〔2023〕7号"),
        ("某政发【2023〕7号", ("brackets",), "某政发〔2023〕7号"),
        ("某政发〔2023〕07号", ("leading_zero",), "某政发〔2023〕7号"),
        ("某政发〔2023〕第7号", ("di",), "某政发〔2023〕7号"),
        ("某政发 〔2023〕 7号", ("whitespace",), "某政发〔2023〕7号"),
        ("某政发[2023]第007号", ("brackets", "leading_zero", "di"), "某政发〔2023〕7号"),
    ],
)
def test_validate_doc_number(text, problems, canonical):
    r = validate_doc_number(text)
    assert r.parsed
    assert r.problems == problems
    assert r.canonical == canonical
    assert r.valid is (not problems)
    assert r.agency == canonical.split("〔")[0]
    assert r.year == 2023 or r.year == 2021
    assert len(r.messages) == len(problems)


@pytest.mark.parametrize("text", ["", "关于做好防汛工作的通知", "2023年7号", "某政发2023年7号", None])
def test_not_a_doc_number(text):
    r = validate_doc_number(text)
    assert not r.parsed and not r.valid
    assert r.problems == ("unparsed",)
    assert r.canonical is None


def test_serial_ten_is_not_a_leading_zero():
    assert validate_doc_number("某政发〔2023〕10号").valid
    assert validate_doc_number("某政发〔2023〕100号").valid


def test_is_doc_number_on_series():
    s = pd.Series(["某政发〔2023〕7号", "某政发[2023]第07号", "通知", None], index=[10, 11, 12, 13])
    assert is_doc_number(s).tolist() == [True, True, False, False]
    assert is_doc_number(s, strict=True).tolist() == [True, False, False, False]
    assert list(is_doc_number(s).index) == [10, 11, 12, 13]
    assert is_doc_number("某政发〔2023〕7号", strict=True) is True
    assert is_doc_number("见某政发〔2023〕7号文件") is False  # extra text


def test_doc_number_parts():
    df = doc_number_parts(pd.Series(["某政发[2023]07号", "x"]))
    assert df.loc[0, "canonical"] == "某政发〔2023〕7号"
    assert df.loc[0, "serial"] == 7 and df.loc[0, "year"] == 2023
    assert not df.loc[0, "valid"] and df.loc[0, "problems"] == ["brackets", "leading_zero"]
    assert pd.isna(df.loc[1, "serial"])


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("二〇二三年三月十一日", dt.date(2023, 3, 11)),
        ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
        ("2023年3月1日", dt.date(2023, 3, 1)),
        ("于2023年3月1日起施行", dt.date(2023, 3, 1)),
        ("2023年2月30日", None),
        ("三月一日", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_parse_date_series():
    out = parse_date(pd.Series(["二〇二三年三月十一日", "无", None]))
    assert str(out.dtype).startswith("datetime64")
    assert out.iloc[0] == pd.Timestamp("2023-03-11")
    assert out.iloc[1:].isna().all()


def test_is_cn_date():
    s = pd.Series(["二〇二三年三月十一日", "2023年3月11日", "2023年2月29日", "于2023年3月1日起", None])
    assert is_cn_date(s).tolist() == [True, True, False, False, False]
    assert is_cn_date("2024年2月29日") is True


# ---------------------------------------------------------------- organs


def test_normalize_organ():
    assert normalize_organ("市发改委") == "市发展和改革委员会"
    assert normalize_organ("某某市发改委", cities=["某某市"]) == "某某市发展和改革委员会"
    assert normalize_organ("市教育局") == "市教育局"
    assert normalize_organ("市星际航行局") is None
    assert normalize_organ("") is None
    info = organ_info("市环保局")
    assert info["status"] == "retired" and info["successor"] == "市生态环境局"
    assert organ_info("市发改委")["status"] == "alias"
    out = normalize_organ(pd.Series(["市发改委", None, "市星际航行局"]))
    assert out.tolist() == ["市发展和改革委员会", None, None]


# ---------------------------------------------------------------- totals


def test_totals_row_mismatch_found():
    t = pd.DataFrame({"项目": ["甲", "乙", "丙", "合计"], "数量": [10, 20, 30, 61], "金额": ["1.5", "2.25", "3", "6.75"]})
    out = check_table_totals(t)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["kind"], row["label"], row["column"], row["stated"], row["computed"]) == ("row", "合计", "数量", 61, 60)


def test_totals_rounding_within_precision_not_flagged():
    t = pd.DataFrame({"项目": ["甲", "乙", "合计"], "金额": ["1.26", "2.27", "3.5"]})
    assert check_table_totals(t).empty  # 3.53 shown as 3.5


def test_totals_column_and_subtotals():
    t = pd.DataFrame({
        "地区": ["甲县", "乙县", "小计", "丙县", "丁县", "小计", "合计"],
        "一季度": [1, 2, 3, 4, 1, 5, 8],
        "二季度": [1, 1, 2, 1, 1, 2, 4],
        "合计": [2, 3, 5, 5, 2, 8, 12],
    })
    # The second 小计 of the 合计 column says 8 where 5 + 2 = 7: its row, its column and the
    # 合计 row built on it (5 + 8 = 13, not 12) are each reported.
    out = check_table_totals(t)
    assert sorted((r.kind, r.label, r.column, r.stated, r.computed) for r in out.itertuples()) == [
        ("column", "小计", "合计", 8, 7), ("row", "合计", "合计", 12, 13), ("row", "小计", "合计", 8, 7)]
    t.loc[5, "合计"], t.loc[6, "合计"] = 7, 12
    assert check_table_totals(t).empty


def test_totals_clean_table():
    t = pd.DataFrame({"序号": [1, 2, 3], "单位": ["甲", "乙", "合计"], "人数": ["1,200", "800", "2,000"]})
    assert check_table_totals(t, label_column="单位").empty


# ---------------------------------------------------------------- pandera checks


def test_registered_checks_in_a_schema():
    import gazette_checks.schemas  # noqa: F401  (registers the checks)

    schema = pa.DataFrameSchema({
        "文号": pa.Column(str, pa.Check.doc_number(), nullable=True),
        "规范文号": pa.Column(str, pa.Check.gbt9704_doc_number()),
        "日期": pa.Column(str, pa.Check.cn_date()),
        "iso": pa.Column(str, pa.Check.iso_date()),
    })
    good = pd.DataFrame({"文号": ["某政发[2023]第07号", None], "规范文号": ["某政发〔2023〕7号"] * 2,
                         "日期": ["二〇二三年三月十一日", "2023年3月1日"], "iso": ["2023-03-11", "2024-02-29"]})
    schema.validate(good)
    bad = pd.DataFrame({"文号": ["通知", None], "规范文号": ["某政发[2023]7号", "某政发〔2023〕7号"],
                        "日期": ["2023年2月30日", "2023年3月1日"], "iso": ["2023-02-30", "2023-3-1"]})
    with pytest.raises(pa.errors.SchemaErrors) as exc:
        schema.validate(bad, lazy=True)
    fc = exc.value.failure_cases
    assert sorted(zip(fc["column"], fc["failure_case"], strict=True)) == sorted([
        ("文号", "通知"), ("规范文号", "某政发[2023]7号"), ("日期", "2023年2月30日"),
        ("iso", "2023-02-30"), ("iso", "2023-3-1"),
    ])


def test_registered_checks_in_a_model():
    import gazette_checks.schemas  # noqa: F401

    class Docs(pa.DataFrameModel):
        number: Series[str] = pa.Field(doc_number={"strict": True})
        signed: Series[str] = pa.Field(cn_date={})

    Docs.validate(pd.DataFrame({"number": ["某政发〔2023〕7号"], "signed": ["二〇二三年三月十一日"]}))
    with pytest.raises(pa.errors.SchemaError):
        Docs.validate(pd.DataFrame({"number": ["某政发〔2023〕07号"], "signed": ["二〇二三年三月十一日"]}))


def test_registration_is_idempotent():
    from gazette_checks.schemas import extensions

    extensions.register()
    extensions.register()
    importlib.reload(extensions)
    extensions.register()
    import gazette_checks.schemas as schemas

    importlib.reload(schemas)
    assert extensions.registered()
