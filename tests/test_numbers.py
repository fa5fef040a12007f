"""The number reader: every rule with real phrases from the pages, plus properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.numbers import cn_to_number, read, read_quantities


def one(text: str) -> tuple[float, str, str]:
    qs = read_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return q.value, q.unit, q.qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实现文化产业增加值 777.8 亿元", (77_780_000_000, "CNY", "eq")),
        ("研发费用投入 7.34亿元", (734_000_000, "CNY", "eq")),
        ("每年设立5000万元的人才发展专项资金", (50_000_000, "CNY", "eq")),
        ("总投资额421.8亿元", (42_180_000_000, "CNY", "eq")),
        ("规上工业企业超过1,234家", (1234, "家", "gt")),
        ("拥有超22万家工业企业", (220_000, "家", "gt")),
        ("1.4万家规模以上工业企业", (14_000, "家", "eq")),
        ("预计至2027年产值将突破百亿元", (10_000_000_000, "CNY", "gte")),
        ("投资两千余万元", (20_000_000, "CNY", "gt")),
        ("两个超亿美元重大外资项目", (100_000_000, "USD", "gt")),
        ("GDP达739.4亿元", (73_940_000_000, "CNY", "gte")),
        ("同比增长8.0%", (8.0, "percent", "eq")),
        ("高于全国增幅9.1个百分点", (9.1, "个百分点", "eq")),
        ("达到南昌市平均水平的4.9倍", (4.9, "倍", "eq")),
        ("吸引200余家跨境电商企业入驻", (200, "家", "gt")),
        ("拥有800多家企业", (800, "家", "gt")),
        ("实训的在校大学生达4000余人次", (4000, "人次", "gt")),
        ("先进计算产业产值近140亿元", (14_000_000_000, "CNY", "approx")),
        ("总规划面积约 2000 亩", (2000, "亩", "approx")),
        ("工厂的自动化程度已达到80%左右", (80, "percent", "approx")),
        ("总建筑面积超5.9万平方米", (59_000, "平方米", "gt")),
        ("黄磷年产1.5万吨", (15_000, "吨/年", "eq")),
        ("30万吨/年磷酸（锰）铁锂项目", (300_000, "吨/年", "eq")),
        ("集聚各类科研机构超千家", (1000, "家", "gt")),
        ("千余名大学生求职", (1000, "名", "gt")),
        ("郑州高新区两家单位入选", (2, "家", "eq")),
        ("先后两次被授予", (2, "次", "eq")),
        ("占河南省入选总数的 1/6", (16.67, "percent", "eq")),
        ("占广东省1/2的高水平创新研究院", (50, "percent", "eq")),
        ("占郑州市入选总数的一半", (50, "percent", "eq")),
        ("接近昆山市“半壁江山”", (50, "percent", "approx")),
        ("目前过半房间已经被企业预订", (50, "percent", "gt")),
        ("占苏州市总数三分之二", (66.67, "percent", "eq")),
        ("不足10亿元", (1_000_000_000, "CNY", "lt")),
        ("吸引近600家(次)企业参与", (600, "家(次)", "approx")),
    ],
)
def test_quantities(text, expected):
    value, unit, qualifier = one(text)
    assert value == pytest.approx(expected[0])
    assert (unit, qualifier) == expected[1:]


def test_ranges_give_both_bounds():
    qs = read_quantities("比原有空压站节能约5%—15%")
    assert [(q.value, q.unit) for q in qs] == [(5, "percent"), (15, "percent")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年12月22日，在项目建设现场",  # dates
        "3月28日，临江高新区举行现场会",
        "短短三个月时间，企业的主板生产线建成",  # durations
        "仅用 20天就完成了",
        "连续六年保持高位增长",
        "工信部公示第八批制造业单项冠军企业名单",  # ordinals
        "今年是曾素梅来到清远高新区工作的第四个年头",
        "入选“全国文化企业 30强”",  # names holding numbers
        "以“1+8+N”工作体系为依托",
        "以全领域应用为特色的“311信创体系”",
        "飞腾腾珑E2000CPU自动售检票系统",
        "将大模型和算力产业纳入“623”产业体系",
        "擘画出一张千亿元级先进计算产业集群发展蓝图",  # class labels
        "其中两个为超亿美元重大外资项目之一的一个",  # counted list items / articles
        "位于清远高新区创业一路 11号",  # addresses
        "联系电话 0851-84112345",  # phone numbers
        "建强“1 个核心”、组建“1 套班子”",  # slogans
        "营业收入 1000 万元以上的企业",  # a threshold naming a class
        "乐山高新区出台“人才八条”“三招三引十二条”等政策",
        "一张张原本透明的手机装饰膜",
    ],
)
def test_what_is_not_a_quantity(text):
    qs = [q for q in read_quantities(text) if q.unit != "USD"]
    assert qs == [], qs


@pytest.mark.parametrize(
    ("cn", "value"),
    [
        ("两千", 2000),
        ("十二", 12),
        ("三百六十五", 365),
        ("一百零五", 105),
        ("百亿", 1e10),
        ("两千万", 2e7),
        ("一万二千", 12000),
        ("亿", 1e8),
    ],
)
def test_chinese_numerals(cn, value):
    assert cn_to_number(cn) == value


def test_spans_point_at_the_text():
    text = "2023年，该企业研发费用投入 7.34亿元，比上一年增长13.30%。"
    for q in read_quantities(text):
        assert text[q.start : q.end] == q.text


_alphabet = st.sampled_from(
    list("0123456789.,/%%—-~亿万千百十两一二三四五元美家人次个项吨亩超近约余多以上左右达突破不足年月日第 ，。“”+")
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_alphabet, max_size=40))
def test_reader_never_raises_and_spans_stay_inside(text):
    """The reader itself (`read`), not `read_quantities`, whose guard would hide an exception."""
    for q in read(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.qualifier in {"eq", "gt", "gte", "approx", "lt"}
        assert math.isfinite(q.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_reader_survives_any_unicode(text):
    for q in read(text):
        assert text[q.start : q.end] == q.text


def test_the_property_tests_would_see_a_reader_bug(monkeypatch):
    """`read` raises what the guard swallows: the tests above check the reader, not the guard."""
    import loaders.extract.numbers as numbers

    monkeypatch.setattr(numbers, "_fractions", lambda text: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        numbers.read("1/2")
    assert numbers.read_quantities("1/2") == []


def test_an_amount_naming_a_class_of_projects_or_firms_is_no_figure():
    assert [q.value for q in read_quantities("亿元以上项目16个")] == [16]
    assert [q.value for q in read_quantities("税收500万元以上企业6家")] == [6]
    assert [q.value for q in read_quantities("实现产值10亿元以上")] == [1e9]
