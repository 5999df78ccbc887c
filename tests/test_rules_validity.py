"""DT11: a period of validity against its start, its last day and the signing date (synthetic texts)."""

from __future__ import annotations

import pytest

from gazette_checks.config import Config
from tests.rule_helpers import checked
from tests.test_rules_proofreading import issue


def found(body: str, **kw) -> list:
    return [f for f in checked(issue(body, **kw), Config(select=["DT11"])) if f.rule == "DT11"]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    ("five years end one year short", 1, "本办法自2024年7月1日起施行，有效期5年，至2028年6月30日止。"),
    ("five years in Chinese", 1, "本办法自2024年7月1日起施行，有效期五年，有效期至2030年6月30日。"),
    ("end before start", 1, "本办法自2024年7月1日起施行，有效期至2023年6月30日。"),
    ("end before signing", 1, "本办法自印发之日起施行，有效期至2024年5月31日。"),
    ("extension ends before signing", 1, "《某某市测试管理办法》需继续实施，有效期延长至2024年5月31日。"),
    ("article form", 1, "第二十条　本办法自2024年7月1日起施行，有效期2年，至2025年6月30日止。"),
    ("five years right", 0, "本办法自2024年7月1日起施行，有效期5年，至2029年6月30日止。"),
    ("period from … to", 0, "本办法有效期自2024年7月1日起，至2029年6月30日止。"),
    ("to the end of a month", 0, "本办法自2024年7月15日起施行，有效期5年，至2029年7月31日止。"),
    ("years without an end", 0, "本办法自印发之日起施行，有效期5年。"),
    ("another text's period", 0, "《某某市测试管理办法》有效期至2023年12月31日，现已废止。"),
    ("a licence's period", 0, "在核准证有效期内，经营者应当自2024年1月1日至2024年5月31日报送材料。"),
    ("extension after signing", 0, "《某某市测试管理办法》需继续实施，有效期延长至2029年5月31日。"),
    ("a range in brackets", 1, "本办法有效期5年（2024年7月1日至2028年6月30日）。"),
    # issue #15: a 至 of something else, a period of something else
    ("截至 in another clause", 0, "本办法自2024年7月1日起施行，有效期5年，截至2024年6月30日已获批的项目按原规定执行。"),
    ("a transition period", 0, "本办法自2024年7月1日起施行，有效期5年，过渡期至2024年12月31日。"),
    ("an application period", 0, "本办法自印发之日起施行，有效期3年，首批项目申报期至2024年9月30日。"),
    ("an earlier period referred to", 0,
     "本政策自2025年1月1日起施行，2024年1月1日至2024年12月31日期间已认定的企业参照执行，有效期至2029年12月31日。"),
    ("the period a policy applies to", 0, "本通知自印发之日起施行，有效期1年，政策适用期间为2024年1月1日至2024年12月31日。"),
    ("本市 certificates", 0, "本市已核发的测试优待证有效期至2024年3月31日，此后统一换发电子优待证。"),
    ("licences issued before", 0, "本办法施行前已发放的临时测试许可证，有效期至2024年3月31日，逾期自动失效。"),
    ("an extension of the past, now repealed", 0,
     "《某某市测试管理办法》经某政办发〔2021〕5号文件将有效期延长至2023年12月31日，现已期满，予以废止。"),
    pytest.param("start and end in two sentences", 1, "本办法自2024年7月1日起施行。有效期5年，至2028年6月30日止。",
                 marks=xfail("A start and an end in two sentences")),
    pytest.param("months", 1, "本办法自2024年7月1日起施行，有效期18个月，至2027年6月30日止。",
                 marks=xfail("A period given in months or days (``有效期18个月``) is not read")),
]


@pytest.mark.parametrize(("label", "expected", "body"), CASES)
def test_dt11_cases(label, expected, body):
    assert bool(found(body)) == bool(expected), label


def test_dt11_a_prolonging_notice_keeps_the_reprinted_dates():
    body = ("《某某市测试管理办法》需继续实施，有效期延长至2029年5月31日。\n\n"
            "某某市测试管理办法\n\n第一条　为规范测试管理，制定本办法。\n\n第二条　本办法自发布之日起施行，有效期至2019年5月31日止。")
    assert not found(body, title="关于延长《某某市测试管理办法》有效期的通知")


def test_dt11_finding_gives_the_expected_end():
    f = found("本办法自2024年7月1日起施行，有效期5年，至2028年6月30日止。")[0]
    assert f.data["expected_end"] == "2029-06-30" and f.excerpt[f.span[0]:f.span[1]].startswith("至2028年6月30日")
