"""Metric statements: phrase, growth, subject attribution, periods, dedup."""

from __future__ import annotations

from datetime import date

from loaders.extract.article import extract_article
from loaders.extract.metrics import classify_metric

OCT = date(2024, 10, 31)


def metrics(body: str, published: date = OCT):
    return extract_article(body, published_on=published).metrics


def by_raw(body: str, published: date = OCT) -> dict:
    return {m.raw_text: m for m in metrics(body, published)}


def test_a_zone_level_with_growth_and_period():
    ms = by_raw("今年前三季度，南昌高新区GDP达739.4亿元，同比增长8.0%；规模以上工业总产值同比增长19.8%。")
    gdp, growth, output = ms["达739.4亿元"], ms["8.0%"], ms["19.8%"]
    assert (gdp.metric_code, gdp.value, gdp.qualifier, gdp.is_growth) == ("gdp", 73_940_000_000, "gte", False)
    assert (gdp.subject_type, gdp.subject_name, gdp.park_name) == ("park", "南昌高新区", "南昌高新区")
    assert gdp.period_label == "2024-Q1..Q3" and gdp.period_end == date(2024, 9, 30)
    assert growth.is_growth and growth.metric_raw == "GDP同比增长" and growth.metric_code == "gdp"
    assert output.is_growth and output.metric_raw.startswith("规模以上工业总产值")
    assert output.metric_code == "industrial_output"


def test_percentage_points_are_growth():
    (m,) = metrics("南昌高新区规模以上工业增加值同比增长14.9%，高于全国增幅9.1个百分点。")[1:]
    assert m.unit == "个百分点" and m.is_growth


def test_a_decline_is_a_negative_change_rate():
    ms = by_raw("2023年，甲乙高新区能耗同比下降3.5%。")
    assert ms["3.5%"].value == -3.5 and ms["3.5%"].is_growth


def test_a_company_statement_gets_the_company_and_its_zone():
    body = "位于长治国家高新区的卓怡恒通信息安全有限公司订单饱满。2023年，该企业研发费用投入 7.34亿元。"
    m = by_raw(body)["7.34亿元"]
    assert (m.subject_type, m.company_name, m.park_name) == ("company", "卓怡恒通信息安全有限公司", "长治高新区")
    assert m.metric_code == "rd_expense" and m.period_label == "2023"


def test_a_region_opening_the_clause_is_the_subject_but_not_a_level_or_a_base():
    ms = by_raw(
        "近日，河南省12家单位新备案设立国家级博士后科研工作站，郑州高新区两家单位入选，占河南省入选总数的 1/6。"
    )
    assert (ms["12家"].subject_type, ms["12家"].subject_name) == ("region", "河南省")
    assert ms["两家"].subject_name == "郑州高新区"
    assert ms["1/6"].subject_name == "郑州高新区"
    lvl = by_raw("广州高新区已培育国家级工业设计中心 4个、广东省级工业设计中心超30个。")
    assert lvl["超30个"].subject_name == "广州高新区"


def test_a_figure_inside_a_project_name_measures_the_project():
    body = "攀枝花钒钛高新区大力推进3.5万吨海绵钛扩能，6万吨钛材、6万吨熔盐氯化法钛白等项目建设。"
    subjects = {(m.raw_text, m.subject_type, m.subject_name) for m in metrics(body)}
    assert ("6万吨", "project", "6万吨钛材") in subjects


def test_project_money_belongs_to_the_project():
    body = "当天开工的蓝特光学精密光学器件创新产业基地项目，计划总投资额超10亿元。"
    m = by_raw(body)["超10亿元"]
    assert m.subject_type == "project" and m.subject_name.startswith("蓝特光学")


def test_a_quote_belongs_to_the_company_of_its_speaker():
    body = "卓怡恒通公司制造中心总经理庞宇回忆，企业落户后发展迅速。“投产后一年时间内产值达到了1.89亿元。”庞宇说。"
    facts = extract_article(body, published_on=OCT)
    assert facts.companies, "the extractor should find 卓怡恒通公司"
    m = {x.raw_text: x for x in facts.metrics}["1.89亿元"]
    assert m.subject_type == "company"


def test_a_sentence_topic_is_the_subject():
    body = "贵阳高新区人才工作成效明显。今年以来，贵阳国际人才城已举办3场新春招聘会，217家企业参与现场招聘。"
    ms = by_raw(body, date(2024, 3, 25))
    assert ms["3场"].subject_name == "贵阳国际人才城"
    assert ms["217家"].subject_name == "贵阳国际人才城"
    assert ms["3场"].period_label == "2024-01..03"


def test_the_same_figure_repeated_for_the_same_thing_is_one_statement():
    body = "湘潭高新区目前已签约5个项目。按照节奏，湘潭高新区目前已签约项目5个。"
    assert [m.raw_text for m in metrics(body)].count("5个") == 1


def test_statements_in_other_zones_follow_the_same_rules():
    ms = by_raw("2023年，合肥高新区实现营业收入超万亿元，规模以上工业增加值增长12.5%，拥有高新技术企业3000余家。")
    assert {m.subject_name for m in ms.values()} == {"合肥高新区"}
    assert ms["3000余家"].metric_code == "high_tech_enterprise_count"
    assert ms["12.5%"].is_growth and ms["12.5%"].metric_code == "value_added"


def test_classify_metric_uses_the_vocabulary_seed():
    assert classify_metric("进出口总额", "CNY", False) == "import_export"
    assert classify_metric("全社会R&D投入强度", "percent", False) == "rd_intensity"
    assert classify_metric("数字文化企业营收占比", "percent", False) == "share"
    assert classify_metric("某种说不清的东西", "台", False) == "other"


def test_spans_and_evidence():
    body = "2023年，杭州高新区（滨江）实现文化产业增加值 777.8 亿元，GDP 占比31%。"
    for m in metrics(body):
        assert body[m.start : m.end] == m.raw_text
        assert m.raw_text in m.evidence and m.evidence in body


def test_a_period_carries_across_a_semicolon():
    ms = by_raw("今年前三季度，合肥高新区实现营业收入2356.8亿元；规模以上工业增加值同比增长9.5%。")
    assert ms["9.5%"].period_label == ms["2356.8亿元"].period_label == "2024-Q1..Q3"
