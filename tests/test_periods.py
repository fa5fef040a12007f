"""Periods resolved against the article's publication date."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract.periods import resolve_period

OCT = date(2024, 10, 31)


@pytest.mark.parametrize(
    ("context", "published", "label", "start", "end"),
    [
        ("今年前三季度，南昌高新区GDP达", OCT, "2024-Q1..Q3", date(2024, 1, 1), date(2024, 9, 30)),
        ("2023年，杭州高新区实现文化产业增加值", OCT, "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("去年年底，协鑫项目奠基，总投资额", date(2024, 3, 25), "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("今年第三季度，规上工业营业收入同比增长", OCT, "2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024年一季度重大项目", date(2024, 4, 1), "2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("今年上半年，园区营收", OCT, "2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("1—5月，全区外贸", date(2024, 6, 20), "2024-01..05", date(2024, 1, 1), date(2024, 5, 31)),
        ("前5个月，全区外贸", date(2024, 6, 20), "2024-01..05", date(2024, 1, 1), date(2024, 5, 31)),
        ("今年以来引进各类人才", date(2024, 3, 25), "2024-01..03", date(2024, 1, 1), date(2024, 3, 25)),
        ("截至今年7月底，清远高新区拥有", OCT, "cumulative", None, date(2024, 7, 31)),
        ("截至2023年底，园区已有", OCT, "cumulative", None, date(2023, 12, 31)),
        ("2023年，规模以上文化企业累计实现营业收入", OCT, "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("目前，长治国家高新区已培育信创相关企业", OCT, "cumulative", None, OCT),
        ("产品将发往多个地区，日产量", OCT, "", None, None),
    ],
)
def test_periods(context, published, label, start, end):
    p = resolve_period(context, published)
    assert (p.label, p.start, p.end) == (label, start, end)


def test_forecast_years_are_not_periods():
    assert resolve_period("预计至2027年产值将", date(2024, 3, 25)).label == ""


def test_period_start_never_after_end():
    for ctx in ("2023年", "今年前两季度", "一季度", "下半年", "3-1月", "前12个月"):
        p = resolve_period(ctx, OCT)
        assert p.start is None or p.end is None or p.start <= p.end
