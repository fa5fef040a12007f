"""The whole parse over random and adversarial pages (hypothesis).

Whatever the bytes, parsing a page either returns records or raises PageError (not a
page: empty, binary, no article text); it never raises anything else, every span lies
inside its article body and spells what it claims, every value is finite and within
the plausible bound, and time stays bounded (tests/test_bounded_time.py shows it is
linear; here every example also has a deadline).
"""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import ingest
from loaders.decode import PageError
from loaders.extract.numbers import MAX_PLAUSIBLE_VALUE
from loaders.ingest import Candidate, parse_file
from loaders.records import MetricRecord, ProjectRecord

# pieces news pages are made of, and pieces that break naive parsers
PIECES = [
    "本报讯",
    "科技日报讯（记者 张三）",
    "甲乙高新区",
    "丙丁国家高新区",
    "戊己经济技术开发区",
    "该高新区",
    "有限公司",
    "集团",
    "项目",
    "开工",
    "签约",
    "总投资",
    "亿元",
    "万元",
    "美元",
    "家",
    "人次",
    "%",
    "同比增长",
    "下降",
    "超",
    "近",
    "约",
    "余",
    "以上",
    "2024年",
    "3月28日",
    "今年前三季度",
    "截至",
    "1/2",
    "三分之一",
    "一半",
    "9" * 40,
    "１２３",
    "。",
    "，",
    "；",
    "“",
    "”",
    "（",
    "）",
    "：",
    "——",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\t",
    "#",
    "◎本报记者 李四",
    "▶ 王五",
    "图为",
    "/摄",
    "推动科技推动科技",
    "\ufeff",
    "\U0001f600",
]
piece = st.sampled_from(PIECES)
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), max_size=8)  # decodable noise
adversarial_text = st.lists(st.one_of(piece, piece, piece, printable), max_size=160).map("".join)
any_text = st.text(max_size=600)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


def check(parsed: ingest.ParsedFile) -> None:
    bodies = {a.article_id: a.body for a in parsed.articles}
    for f in parsed.facts:
        body = bodies[f.article_id]
        assert 0 <= f.char_start <= f.char_end <= len(body)
        written = getattr(f, "mention_text", None) or getattr(f, "raw_text", None) or f.evidence
        assert body[f.char_start : f.char_end] == written
        values = []
        if isinstance(f, MetricRecord):
            values = [f.value]
        elif isinstance(f, ProjectRecord):
            assert 0 <= f.name_start <= f.name_end <= len(body)
            assert body[f.name_start : f.name_end] == f.project_name
            values = [v for v in (f.investment_cny, f.investment_usd) if v is not None]
        for v in values:
            assert math.isfinite(v) and abs(v) <= MAX_PLAUSIBLE_VALUE


def parse(text: str, encoding: str = "utf-8") -> ingest.ParsedFile | None:
    try:
        data = text.encode(encoding, "surrogatepass")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    try:
        return parse_file(Candidate(Path("p.txt"), "p.txt"), data)
    except PageError:
        return None  # not a page: the defined, recorded outcome


SETTINGS = settings(max_examples=60, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(adversarial_text, encodings)
def test_adversarial_pages_parse_without_error_and_with_spans_in_place(text, encoding):
    parsed = parse(text, encoding)
    if parsed is not None:
        check(parsed)


@SETTINGS
@given(any_text)
def test_random_unicode_pages_parse_without_error(text):
    parsed = parse(text)
    if parsed is not None:
        check(parsed)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_are_a_page_or_a_reason(data):
    try:
        parsed = parse_file(Candidate(Path("p.txt"), "p.txt"), data)
    except PageError as e:
        assert str(e)  # a reason a person can read
    else:
        check(parsed)


@settings(max_examples=25, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=50, max_size=400).map("".join))
def test_long_adversarial_pages_through_small_windows(text):
    ingest_window = ingest.EXTRACT_WINDOW
    ingest.EXTRACT_WINDOW = 200  # an article longer than the window goes to the extractors in pieces
    try:
        parsed = parse(text)
    finally:
        ingest.EXTRACT_WINDOW = ingest_window
    if parsed is not None:
        check(parsed)


number = st.one_of(
    st.integers(0, 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.integers(1, 400).map(lambda n: "9" * n),  # a 300-digit run once gave value = inf
    st.sampled_from(["三", "两千", "一百零五", "亿亿亿", "1,234,567", "０．５"]),
)
sentence = st.tuples(
    st.sampled_from(["甲乙高新区", "丙丁开发区", "该高新区", "戊己科技有限公司", "庚辛产业园"]),
    st.sampled_from(["营业收入", "规上工业总产值", "新增企业", "总投资", "同比增长", "下降", "签约项目"]),
    st.sampled_from(["", "超", "近", "约", "达", "突破", "不足"]),
    number,
    st.sampled_from(["", "万", "亿", "万亿"]),
    st.sampled_from(["元", "亿元", "美元", "家", "人次", "%", "个百分点", "项", "吨"]),
    st.sampled_from(["", "余", "以上", "左右"]),
    st.sampled_from(["。", "，", "；", "\n", "。\n本报讯 3月28日，"]),
).map("".join)


@SETTINGS
@given(st.lists(sentence, min_size=1, max_size=30).map(lambda s: "本报讯 2024年3月28日，" + "".join(s)))
def test_news_like_pages_keep_every_value_finite_and_plausible(text):
    parsed = parse(text)
    assert parsed is not None
    check(parsed)
