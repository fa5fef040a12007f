"""published_on inferred from the text when no manifest says it."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dates import date_from_name_and_text, infer_published_on, name_date, name_year
from tests.conftest import sample_pages

# the latest dated event each sample page reports (the manifest's dates are a few days later)
LATEST_EVENT = {
    "000": date(2024, 6, 1),
    "001": date(2024, 10, 28),
    "002": date(2024, 1, 9),
    "003": date(2024, 3, 28),
    "004": date(2024, 3, 22),
}


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.stem)
def test_sample_pages_date_to_their_latest_event(page):
    assert infer_published_on(page.read_text(encoding="utf-8")) == LATEST_EVENT[page.name[:3]]


def test_plans_and_forecasts_do_not_set_the_year():
    text = "2023年，园区产值增长。3月22日，新品发布。该项目计划于2027年竣工，力争到2026年建成。"
    assert infer_published_on(text) == date(2024, 3, 22)  # after the reported 2023, long before 2026/2027


def test_a_page_reporting_a_whole_year_was_published_after_it():
    assert infer_published_on("2023年全区企业总收入突破1.5万亿元。3月15日，新材料产业园开园。") == date(2024, 3, 15)
    assert infer_published_on("2023年3月，园区开园。3月15日，企业入驻。") == date(2023, 3, 15)


def test_january_page_looking_back_on_december():
    text = "2023年12月22日，项目现场一片繁忙。1月9日从管委会获悉，企业获批。"
    assert infer_published_on(text) == date(2024, 1, 9)


def test_full_dates_win_over_bare_ones():
    assert infer_published_on("2022年5月3日，签约仪式举行。") == date(2022, 5, 3)


def test_invalid_dates_are_ignored():
    assert infer_published_on("2024年2月30日，一个不存在的日子。2024年2月1日，活动举行。") == date(2024, 2, 1)


def test_no_dates_means_unknown():
    assert infer_published_on("园区持续推进产业发展。") is None


def test_a_file_name_spelling_a_date_dates_the_page():
    assert name_date("kjrb-2020-11-16_05.pdf") == date(2020, 11, 16)
    assert name_date("20201116.html") == date(2020, 11, 16)
    assert name_date("2020-13-45.txt") is None  # not a date
    assert name_date("p5_2020.txt") is None
    assert date_from_name_and_text("scans/20200512_p3.txt", ["3月2日，园区开园。"]) == date(2020, 5, 12)


def test_a_year_in_a_file_name_is_the_least_year_of_undated_events():
    assert name_year("p5_2020.txt") == 2020
    assert name_year("2019_vs_2020.txt") is None  # two years: no evidence
    older = "2019年7月3日，青松区项目集中签约。"
    undated = "9月28日，云溪高新区两个项目开工。"
    assert date_from_name_and_text("p5_2020.txt", [older, undated]) == date(2020, 9, 28)
    assert date_from_name_and_text("page5.txt", [older, undated]) == date(2019, 9, 28)


def test_digits_inside_a_hash_or_a_future_date_in_a_name_are_not_dates():
    assert name_year("000_ce83b8cda2055e15.txt") is None
    assert date_from_name_and_text("x_20991231.txt", ["2021年3月2日，园区开园。"]) == date(2021, 3, 2)


def test_an_annual_report_looks_back_on_a_year_that_is_over():
    assert infer_published_on("日前发布的《云溪高新区2019年度企业发展报告》显示，企业数量增长。") == date(2020, 1, 1)
    assert infer_published_on("云溪高新区2025年度计划投资30亿元。2024年3月2日，园区开园。") == date(2024, 3, 2)


def test_an_article_that_only_names_its_year_is_read_against_the_pages_day():
    from loaders.dates import article_date

    body = "2019年，云溪高新区新增企业1.2万户。去年全区新增企业增长三成。"
    assert article_date(date(2020, 12, 8), "inferred", body) == date(2020, 12, 8)
    dated = "2020年3月5日，云溪高新区举行签约仪式。"
    assert article_date(date(2020, 12, 8), "inferred", dated) == date(2020, 3, 5)
