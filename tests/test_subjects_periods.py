"""Who a figure is about and which period it covers: the cues of `subjects` and `periods`.

Every sentence is invented; each test states one class of error the rules must not make.
"""

from __future__ import annotations

from datetime import date

from loaders.extract.article import extract_article

MAY = date(2022, 5, 8)


def by_raw(body: str, published: date = MAY, title: str | None = None) -> dict:
    return {m.raw_text: m for m in extract_article(body, title, published).metrics}


def test_a_batch_and_its_breakdown_belong_to_the_zone_not_to_a_listed_project():
    body = (
        "本报讯 5月6日，云溪高新区总投资210亿元的21个项目集中开工。\n"
        "据了解，此次开工项目中，先进制造业项目9个，包括青松电机项目、白鹭轴承项目等，总投资95亿元，"
        "年计划投资30亿元；服务业类项目3个，包括星河酒店、云溪数字港、晨光广场，总投资41亿元。"
    )
    ms = by_raw(body)
    for raw in ("21个", "9个", "95亿元", "3个", "41亿元"):
        assert (ms[raw].subject_type, ms[raw].subject_name) == ("park", "云溪高新区"), raw
        assert ms[raw].period_label == "2022-05-06", raw  # the event's day
    assert ms["30亿元"].period_label == "2022"  # an annual plan is the year's


def test_an_investors_money_builds_the_project_it_names_and_a_reference_finds_it():
    body = (
        "云溪高新区一季度集中开工项目12个。星河仪器有限公司投资约3.5亿元，在云溪小镇建设“高端光谱仪器制造基地”。"
        "该基地总用地约18亩，预计2025年建成。"
    )
    ms = by_raw(body, date(2024, 3, 1))
    assert ms["约3.5亿元"].subject_type == "project" and "光谱仪器制造基地" in ms["约3.5亿元"].subject_name
    assert ms["约18亩"].subject_type == "project"
    assert ms["约18亩"].period_label == ""  # a project's size is of no period


def test_a_bracketed_base_belongs_to_its_region_and_does_not_carry():
    body = "2022年，白鹭合作区高企认定通过率72.94%，超过苏州市平均通过率(60.45%)。合作区新增企业35家。"
    ms = by_raw(body, date(2023, 1, 13))
    assert (ms["60.45%"].subject_type, ms["60.45%"].subject_name) == ("region", "苏州市")
    assert ms["35家"].subject_name == "白鹭合作区"


def test_a_city_level_class_in_a_zones_list_is_still_the_zones():
    body = "2022年，白鹭合作区新添科技型中小企业159家；国家高新技术企业62家；苏州市瞪羚企业4家。"
    ms = by_raw(body, date(2023, 1, 13))
    assert {ms[r].subject_name for r in ("159家", "62家", "4家")} == {"白鹭合作区"}


def test_names_in_a_closed_parenthesis_speak_only_inside_it():
    body = "2020年，兰州白银自创区生产总值420亿元（兰州高新区292亿元、白银高新区128亿元），比2019年增长5.86%。"
    ms = by_raw(body, date(2021, 2, 14))
    assert ms["128亿元"].subject_name == "白银高新区"
    assert ms["5.86%"].subject_name != "白银高新区"
    assert ms["5.86%"].period_label == "2020"  # 比2019年 is the comparison's base


def test_the_national_zones_together_are_a_subject():
    ms = by_raw("前三季度，国家高新区生产总值12.33万亿元，同比增长7.11%。", date(2023, 12, 13))
    assert (ms["12.33万亿元"].subject_type, ms["12.33万亿元"].subject_name) == ("other", "国家高新区")
    assert ms["12.33万亿元"].period_label == "2023-Q1..Q3"


def test_metrics_listed_before_fenbie_take_their_place():
    body = "2020年，云溪高新区实现营业收入、工业总产值和净利润分别为1495亿元、834亿元、135亿元。"
    ms = by_raw(body, date(2021, 3, 1))
    assert [ms[r].metric_raw for r in ("1495亿元", "834亿元", "135亿元")] == ["营业收入", "工业总产值", "净利润"]
    assert ms["834亿元"].metric_code == "industrial_output"


def test_stocks_flows_and_conditions():
    ms = by_raw("截至2023年11月，云溪高新区企业总数达178家。", date(2023, 12, 13))
    assert ms["达178家"].period_label == "2023-11"
    ms = by_raw("截至4月30日，云溪高新区今年已累计签约项目46个，计划总投资404.77亿元。")
    assert ms["46个"].period_label == "2022-01..04"
    ms = by_raw("云溪高新区集中签约项目21个。项目全部投产后，预计实现年产值450亿元。")
    assert ms["450亿元"].period_label == ""


def test_relative_days_and_this_years_end():
    ms = by_raw("云溪智能制造基地昨日投产，首个车间14条生产线投入生产，年底将有25条生产线投产。", date(2020, 9, 29))
    assert ms["14条"].period_label == "2020-09-28"
    assert ms["25条"].period_label == "2020"


def test_the_same_figure_for_two_periods_is_two_statements():
    ms = extract_article("2022年营业收入同比增长10%。2023年营业收入同比增长10%。", published_on=MAY).metrics
    assert sorted(m.period_label for m in ms if m.raw_text == "10%") == ["2022", "2023"]


def test_a_dateline_is_not_the_events_day():
    body = "新华社2月15日电 2月14日，云溪高新区有43个项目集中开工，总投资566.4亿元。"
    ms = by_raw(body, date(2023, 2, 15))
    assert ms["43个"].period_label == "2023-02-14"


def test_a_district_opening_a_dated_sentence_after_the_dateline_is_its_subject():
    body = (
        "本报讯 6月2日，璧山区2023年上半年招商项目集中签约，落地项目38个、签约金额96.5亿元。"
        "璧山国家高新区负责人表示，将持续优化服务。"
    )
    ms = by_raw(body, date(2023, 6, 5))
    for raw in ("38个", "96.5亿元"):
        assert (ms[raw].subject_type, ms[raw].subject_name) == ("region", "璧山区"), raw


def test_a_new_project_is_the_nearest_companys_even_without_paragraphs():
    body = (
        "8月9日，位于云溪高新区的白鹭纸业有限公司50万吨纸板项目开工、澜拓电子公司智能终端基地投产。"
        "经云溪高新区招商，该区引入白鹭纸业有限公司，盘活低效用地300亩。新项目总投资28亿元，"
        "达产后预计年销售收入为40亿元。澜拓电子公司是一家配套企业，预计年产值达9亿元。"
    )
    ms = by_raw(body, date(2021, 8, 10))
    assert ms["28亿元"].subject_type == "project"
    assert "纸板项目" in ms["28亿元"].subject_name


def test_the_events_day_does_not_run_on_past_a_full_stop_when_paragraphs_are_lost():
    body = (
        "本报讯 3月9日，云溪高新区总投资120亿元的18个项目集中开工。"
        "2022年是云溪高新区项目建设提速之年，该区共谋划项目300个。"
        "其中，产业项目120个，民生项目80个。"
    )
    ms = by_raw(body, date(2022, 3, 12))
    assert ms["18个"].period_label == "2022-03-09"
    assert ms["300个"].period_label == "2022"
    assert ms["120个"].period_label == "2022" and ms["80个"].period_label == "2022"


def test_a_bare_day_after_a_dateline_is_a_day_of_the_datelines_month():
    body = "新华财经青岛3月2日电（记者张三）在28日举行的云溪经开区招商大会上，18个项目集中签约。"
    ms = by_raw(body, date(2023, 3, 3))
    assert ms["18个"].period_label == "2023-02-28"


def test_a_zone_the_list_of_places_also_holds_is_a_zone_not_a_region():
    m = by_raw("今年前三季度，成都高新区实现地区生产总值2034.2亿元。")["2034.2亿元"]
    assert (m.subject_type, m.subject_name) == ("park", "成都高新区")


def test_new_additions_after_a_stock_are_the_periods_flow_and_keep_their_phrase():
    body = (
        "今年以来，青禾高新区聚焦创新主体培育。新增国家级“专精特新”企业20家，累计已拥有40家；"
        "新增上市企业8家，累计上市企业达52家。"
    )
    got = by_raw(body, date(2021, 11, 3))
    assert got["20家"].metric_raw == "国家级“专精特新”企业"
    assert got["20家"].period_label == got["8家"].period_label == "2021-01..11"
    assert got["40家"].period_label == got["达52家"].period_label == "cumulative"
    assert got["8家"].metric_raw == "上市企业"


def test_a_batch_of_an_unnamed_place_keeps_its_phrase():
    m = by_raw("保税区一季度随着企业复工复产加快，开局良好。一季度新开工重点项目15个；结转续建项目88个。")
    assert m["15个"].metric_raw == "开工重点项目"
    assert m["88个"].metric_raw == "结转续建项目"


def test_a_paragraph_opening_with_tongshi_goes_on_about_the_paragraph_before():
    body = (
        "10月29日记者获悉，前三季度，全省10个国家级经开区实现进出口总额979.7亿元，同比增长25%。\n"
        "同时，实现财政收入875.1亿元，同比增长10.4%。\n"
        "今年1-9月，青禾经开区累计签约项目32个，投资总额473亿元。\n"
        "仅今年1—6月，中欧班列开行2732列，同比增长29.6%。"
    )
    got = by_raw(body, date(2023, 10, 30))
    assert (got["875.1亿元"].subject_name, got["875.1亿元"].period_label) == ("全省", "2023-Q1..Q3")
    assert "投资总额" not in got["29.6%"].metric_raw  # another paragraph's metric is not borrowed
