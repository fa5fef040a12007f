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


def test_a_plans_year_is_its_period():
    assert resolve_period("预计至2027年产值将", date(2024, 3, 25)).label == "2027"


@pytest.mark.parametrize(
    ("context", "published", "label"),
    [
        ("截至2023年11月，国家高新区总数达", date(2023, 12, 13), "2023-11"),  # a stock as of a month
        ("截至2023年，成都高新区企业总数超过", date(2024, 6, 1), "2023"),  # ... as of a year
        ("截至4月30日，稀土高新区今年已累计签约项目", date(2022, 5, 8), "2022-01..04"),  # a flow to date
        ("截至2月底，计划总投资额超183亿元的4个项目相继签约落户，共", date(2024, 3, 7), "2024-01..02"),
        ("今年来，先后举办对接会", date(2023, 9, 11), "2023-01..09"),
        ("今年初云溪区招商", date(2019, 7, 4), "2019-01"),
        ("2023年，该区已铺排项目102个，比去年多", date(2023, 4, 18), "2023"),  # a comparison's base
        ("5月7日，云溪高新区集中签约", date(2022, 5, 8), "2022-05-07"),
        ("举行2020年第二批重大项目集中开工仪式，其中，高新区有", date(2020, 6, 5), ""),  # a batch's name
    ],
)
def test_stocks_flows_days_and_bases(context, published, label):
    assert resolve_period(context, published).label == label


def test_period_start_never_after_end():
    for ctx in ("2023年", "今年前两季度", "一季度", "下半年", "3-1月", "前12个月"):
        p = resolve_period(ctx, OCT)
        assert p.start is None or p.end is None or p.start <= p.end


def test_a_stock_as_of_a_month_after_a_misdated_page_keeps_its_order():
    from loaders.extract.periods import stock_or_flow

    for context in ("截至9月，云溪高新区市场主体存量为", "截至今年9月，已累计签约"):
        p = stock_or_flow(context, date(2024, 1, 1), False)
        assert p is not None and p.start is not None and p.start <= p.end, context
