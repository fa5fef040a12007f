"""Zone mentions: compound forms, left boundaries, references, and what is not a zone."""

from __future__ import annotations

import pytest

from loaders.extract.parks import find_parks
from loaders.segment import split_articles
from tests.conftest import sample_pages


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in find_parks(text) if not m.is_reference]


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        ("近日，特斯联在西部科学城重庆高新区挂牌成立。", "西部科学城重庆高新区", "重庆高新区"),
        ("2023年，杭州高新区（滨江）实现文化产业增加值777.8亿元。", "杭州高新区（滨江）", "杭州高新区"),
        ("3月28日，临江高新区（钱塘区）举行现场会。", "临江高新区（钱塘区）", "萧山临江高新区"),
        ("其中广州市黄埔区、广州高新区占12家。", "广州高新区", "广州高新区"),
        ("在位于四川遂宁高新区的公司车间内。", "四川遂宁高新区", "遂宁高新区"),
        ("包头稀土高新区企业中国北方稀土牵头建设。", "包头稀土高新区", "包头稀土高新区"),
        ("天津滨海高新区积极推动科技突围。", "天津滨海高新区", "天津滨海高新区"),
        ("截至目前，苏州工业园区已有3家企业通过备案。", "苏州工业园区", "苏州工业园区"),
        ("10月23日，位于长治国家高新区的企业厂房内。", "长治国家高新区", "长治高新区"),
        ("在中关村国家自主创新示范区展示中心召开。", "中关村国家自主创新示范区", "中关村示范区"),
        ("贵阳综保区整合政府、企业和学校资源。", "贵阳综保区", "贵阳综合保税区"),
        ("选派干部到成都天府新区挂职锻炼。", "成都天府新区", "天府新区"),
        ("活动现场，湖南湘江新区企业与博物院签约。", "湖南湘江新区", "湘江新区"),
        ("以贵州科学城国检中心为核心。", "贵州科学城", "贵州科学城"),
    ],
)
def test_zone_forms_from_the_pages(sentence, text, name):
    assert (text, name) in names(sentence)


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        ("日前，合肥高新区发布新一轮产业政策。", "合肥高新区", "合肥高新区"),
        ("位于宁波国家高新区的企业订单饱满。", "宁波国家高新区", "宁波高新区"),
        ("近日从洛阳高新技术产业开发区管委会获悉。", "洛阳高新技术产业开发区", "洛阳高新区"),
        ("为武汉东湖高新区发展注入新动能。", "武汉东湖高新区", "武汉东湖高新区"),
        ("在青岛西海岸新区举行签约仪式。", "青岛西海岸新区", "西海岸新区"),
        ("昆明经济技术开发区引进项目12个。", "昆明经济技术开发区", "昆明经开区"),
    ],
)
def test_zones_the_sample_never_names(sentence, text, name):
    """General rules, not a list of the sample's zones."""
    assert (text, name) in names(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "联合共11家国家高新区成立网络。",
        "两个国家高新区合作打造的新样板。",
        "努力为晋升国家高新区奠定良好基础。",
        "聚焦创新发展示范区、先进制造业集聚区建设。",
        "为打造千亿元级产业园区提供人才支撑。",
        "依托四川省级文旅产业园举办招聘会。",
        "前瞻谋划布局生命健康产业园。",
        "共建的昆山紫竹麦埃总部科创产业园破土动工。",
        "毕业生春季供需见面会在襄阳科技城（二期）举行。",
        "助力建设开放创新的世界一流高科技园区。",
    ],
)
def test_generic_uses_class_labels_and_projects_are_not_zones(sentence):
    assert names(sentence) == []


def test_a_verb_before_a_bare_suffix_is_not_a_place():
    text = "贵阳高新区成立联盟，助力高新区检验检测产业更好发展。该高新区将继续探索。"
    mentions = find_parks(text)
    refs = [(m.text, m.name) for m in mentions if m.is_reference]
    assert ("高新区", "贵阳高新区") in refs and ("该高新区", "贵阳高新区") in refs
    assert {m.name for m in mentions} == {"贵阳高新区"}


def test_references_stay_unresolved_when_two_zones_compete():
    text = "合肥高新区与芜湖高新区签约。合肥高新区、芜湖高新区将合作。高新区企业参与。"
    assert not [m for m in find_parks(text) if m.is_reference]


def test_short_forms_of_a_park_join_its_long_name():
    text = "长治信创产业园交出成绩单。以信创产业园为载体，引进企业。回忆起信创产业园的起步。"
    assert {m.name for m in find_parks(text)} == {"长治信创产业园"}
    assert len(find_parks(text)) == 3


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.stem)
def test_every_span_points_at_its_text(page):
    for article in split_articles(page.read_text(encoding="utf-8")):
        for m in find_parks(article.body):
            assert article.body[m.start : m.end] == m.text


# --- the zone gazetteer (seeds/development_zones.csv) and the wider suffix list ------------------


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        ("今年一季度，西宁经济技术开发区新签约项目8个。", "西宁经济技术开发区", "西宁经开区"),  # an ETDZ, long form
        ("合肥经开区企业订单增长。", "合肥经开区", "合肥经开区"),
        ("记者从郑洛新国家自主创新示范区获悉。", "郑洛新国家自主创新示范区", "郑洛新自创区"),
        (
            "以北京中关村为例，企业研发投入持续增长。",
            "北京中关村",
            "中关村",
        ),  # a bare name the gazetteer knows, with its city
        ("郑州市高新区新增企业300家。", "郑州市高新区", "郑州高新区"),  # a city form is the same zone
        ("浙江宁波杭州湾经济技术开发区举行签约。", "浙江宁波杭州湾经济技术开发区", "宁波杭州湾经开区"),
    ],
)
def test_gazetteer_forms_name_one_zone(sentence, text, name):
    found = [m for m in find_parks(sentence) if not m.is_reference]
    assert [(m.text, m.name) for m in found] == [(text, name)]
    assert found[0].zone_key is not None


def test_a_form_of_another_province_is_not_the_gazetteer_zone():
    """`滨海新区` is Tianjin's; printed after 东莞 it names another zone."""
    found = find_parks("图为东莞滨海新区的海岸线。")
    assert [(m.text, m.zone_key) for m in found] == [("东莞滨海新区", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "首届“中关村倡议”在会上发布。",  # a bare name inside another name
        "南宁·中关村已引进项目5个。",  # a park named after a famous zone
        "福建省开发区综合发展水平考核结果公布。",  # a province's zones at large
        "打造百亿级电子信息产业园。",  # a class of park
    ],
)
def test_what_only_looks_like_a_gazetteer_zone(sentence):
    assert [m.name for m in find_parks(sentence) if m.zone_key] == []
    assert not any(m.name.startswith(("福建", "电子")) for m in find_parks(sentence))


def test_new_suffixes_and_a_repeated_unknown_head():
    text = "近日，云溪合作区新添企业12家。据了解，云溪合作区聚焦新材料产业，合作区还将继续招商。"
    mentions = find_parks(text)
    assert {m.name for m in mentions} == {"云溪合作区"}
    assert [m.text for m in mentions if m.is_reference] == ["合作区"]
    assert names("中国（柳州）跨境电子商务综合试验区进出口增长。") == [
        ("中国（柳州）跨境电子商务综合试验区", "柳州跨境电子商务综合试验区")
    ]


def test_a_bare_suffix_refers_to_the_zone_of_its_kind_or_the_title_zone():
    body = "当天，开发区与高新区分别签约。开发区新增项目3个。"
    title = "乌海经济开发区与乌海高新区联动发展"
    refs = {m.text: m.name for m in find_parks(body, title) if m.is_reference}
    assert refs == {"开发区": "乌海经开区", "高新区": "乌海高新区"}


def test_a_place_before_a_form_the_gazetteer_lists_is_that_zone_whatever_its_suffix():
    found = find_parks("本报讯 北京中关村国家自主创新示范区最新数据显示，示范区企业总收入增长。")
    assert {p.zone_key for p in found if not p.is_reference} == {"中关村科技园区"}
    # a place the zone does not lie in makes another zone
    assert all(p.zone_key is None for p in find_parks("天津中关村国家自主创新示范区最新数据显示"))
