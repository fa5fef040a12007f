"""published_on inferred from the text when no manifest says it."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dates import infer_published_on
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
