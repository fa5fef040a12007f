"""The shortcuts of the numbers area must say what the plain rules they stand in for say.

Each test sets a shortcut beside its reference (the rule written out plainly, as it was) on
invented text, crafted and generated."""

from __future__ import annotations

import calendar
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import dates
from loaders.extract import numbers, periods
from loaders.formats import base

# --- formats.base.language_problem: the UTF-16 rows pre-scan ------------------------------

_SCRIPTS = (
    "高新区园区企业发展项目投资亿元万家",  # Han
    "兀豈更車賈滑",  # Han (compatibility ideographs, U+F900-FAFF)
    "abcXYZéÀżЖжǅɏ",  # Latin, with Latin-1, Latin Extended and Cyrillic
    "ひらがなカタカナー",  # kana
    "한국어산업단지",  # Hangul
    "0123456789 \n\t，。、“”《》「」·—…！？",  # neither: digits, spaces, punctuation
    "\u3400\u9fff\u3040\u30ff\uac00\ud7af\ud7b0\u024f\u0250\u00bf\u00c0\U00020000\ud800",  # edges
)


def _plain_problem(text: str) -> str | None:
    """language_problem as it was: the four script regexes counted on every page."""
    return base.script_verdict(*base.script_counts(text))


_CRAFTED_PAGES = [
    "本报讯 " + "园区企业发展迅速，" * 20,
    "The park hosts many firms and startups. " * 10,
    "日本の高新技術産業開発区では、企業がたくさん集まっています。" * 5,
    "한국의 산업단지에는 많은 기업이 모여 있습니다. " * 10,
    "高新区" * 30 + "ひらがな" * 9,  # kana just about the share
    "高新区" * 30 + "ひらがな" * 10 + "。" * 200,  # punctuation in the kana row
    "高新区" * 10 + "abc " * 20,
    "",
    "短",
]


def test_language_problem_matches_the_plain_counts_on_crafted_pages():
    for text in _CRAFTED_PAGES:
        assert base.language_problem(text) == _plain_problem(text), text[:20]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SCRIPTS), st.integers(1, 40)), max_size=12), st.randoms())
def test_language_problem_matches_the_plain_counts_on_mixed_scripts(runs, rnd):
    text = "".join("".join(rnd.choice(chars) for _ in range(n)) for chars, n in runs)
    assert base.language_problem(text) == _plain_problem(text)
    if base._surely_chinese(text):
        assert _plain_problem(text) is None


# --- dates: `_future` reads its windows in place, one search before; `days_in_month` -------

_PLAIN_FUTURE_AFTER = re.compile(r"^" + dates._FUTURE_AFTER.pattern)


def _plain_future(text: str, start: int, end: int) -> bool:
    """`_future` as it was: the windows sliced out, the two patterns before searched in turn."""
    before = text[max(0, start - 8) : start]
    after = text[end : end + 6]
    return bool(
        dates._FUTURE_BEFORE.search(before) or dates._PLAN_CONTEXT.search(before) or _PLAIN_FUTURE_AFTER.match(after)
    )


_DATE_TEXTS = [
    "计划于2027年竣工，力争到2026年建成，(2023—2025年)规划",
    "园区2023年实现营收100亿元，2024年3月28日开工，预计2025年底前投产",
    "目标是在\n2026年\n建成；将在 2025 年 6 月 完成",
    "为推动产业发展2024年，拟2030年",
    "",
]
_DATE_ALPHABET = "2023年月日底末前将建成投产计划预计力争为目标于在到至—-~～ ，。；\n0123456789园区企业"


def _check_future(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 12) + 1):
            assert dates._future(text, start, end) == _plain_future(text, start, end), (text, start, end)


def test_future_reads_in_place_what_the_slices_said_on_crafted_texts():
    for text in _DATE_TEXTS:
        _check_future(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=30))
def test_future_reads_in_place_what_the_slices_said(text):
    _check_future(text)


def test_days_in_month_is_calendars():
    for y in (1900, 1949, 2000, 2023, 2024, 2100):
        for m in range(1, 13):
            assert dates.days_in_month(y, m) == calendar.monthrange(y, m)[1]


# --- numbers: QUANTITY's optional parts as alternations; `_number`; `read`'s pre-scan -------

# QUANTITY as it was written: each optional part a group made optional with `?`
_PLAIN_QUANTITY = re.compile(
    numbers._OPENING + r"(?:(?P<pre>" + "|".join(numbers._PREFIXES) + r")\s*)?"
    r"(?P<num>\d+(?:[,，]\d{3})*(?:\.\d+)?|" + numbers._CN_NUM + r")"
    r"\s*(?P<post1>余|多)?"
    r"(?P<scale>万亿|亿|万|千|百)?"
    r"\s*(?P<post2>余|多)?\s*"
    r"(?P<unit>个百分点|%|％|倍|亿?美元|元|(?:" + numbers._MEASURE_RE + r"))?"
    r"(?P<post>余|多|以上|左右|上下|之多)?"
)

_NUMBER_ALPHABET = (
    "0123456789.,，/%％ 一二两三四五六七八九十百千万亿零〇余多超过逾近约大达到突破不足高累计共仅以上左右下之"
    "年月日元美家个项人次亩吨平方米公里千瓦时分第前级强AEx+“”，。、\n企业项目园区"
)
_NUMBER_TEXTS = [
    "实现营收777.8亿元，同比增长8.0%，新增企业200余家",
    "超 22 万家企业，近140亿元，两千余万元，约 3.5 万平方米",
    "签约5个项目，大约30个，达到80%左右，高达4000余人次，不足1,000家（次）",
    "年产120万件，三分之一，1/2-3，一半以上，第3家，30强，5A级，E2000台",
    "建强“1 个核心”，亿元以上项目16个，两个超亿美元项目，超千家，千余名",
    "",
]


def _plain_number(raw: str) -> float | None:
    """`_number` as it was: float first, the Chinese reading when float raises."""
    raw = raw.replace(",", "").replace("，", "")
    try:
        return float(raw)
    except ValueError:
        return numbers.cn_to_number(raw)


def _plain_reading(text: str) -> list[numbers.Quantity]:
    """The reader on the plain pattern: every match checked against fractions and halves."""
    out = numbers._fractions(text) + numbers._halves(text)
    taken = bytearray(len(text))
    for q in out:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
    for m in _PLAIN_QUANTITY.finditer(text):
        if m.group("unit") is not None and 1 not in taken[m.start() : m.end()]:
            q = numbers._quantity(text, m)
            if q is not None:
                out.append(q)
    return sorted(out, key=lambda q: q.start)


def _check_quantities(text: str) -> None:
    plain = [(m.span(), m.group(*numbers._GROUPS)) for m in _PLAIN_QUANTITY.finditer(text)]
    fast = [(m.span(), tuple(g or None for g in m.group(*numbers._GROUPS))) for m in numbers.QUANTITY.finditer(text)]
    assert fast == plain
    assert numbers.read(text) == _plain_reading(text)


def test_quantity_pattern_and_reading_are_the_plain_ones_on_crafted_texts():
    for text in _NUMBER_TEXTS:
        _check_quantities(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NUMBER_ALPHABET, max_size=60))
def test_quantity_pattern_and_reading_are_the_plain_ones(text):
    _check_quantities(text)


@given(st.text(alphabet="0123456789.,，一二两三四五六七八九十百千万亿零〇 e-", max_size=12))
def test_number_is_the_plain_one(raw):
    assert numbers._number(raw) == _plain_number(raw)


def test_number_is_the_plain_one_on_crafted_raws():
    for raw in ("777.8", "1,000", "两千", "十二", "〇", "零", "", "1e5", " 3", "三百六十五", "万"):
        assert numbers._number(raw) == _plain_number(raw)


# --- periods: optional parts written as alternations with an empty branch -----------------

_P = periods
_PLAIN_PERIOD_PATTERNS = {
    "_QUARTER": _P._YEAR + r"?\s*(?:前|第)?(?P<q>[一二三四1-4])(?:个)?季度",
    "_FIRST_QUARTERS": _P._YEAR + r"?\s*前(?P<q>[一二三1-3])季度",
    "_HALF": _P._YEAR + r"?\s*(?P<h>上|下)半年",
    "_MONTHS": _P._YEAR + r"?\s*(?P<m1>\d{1,2})\s*[—\-~～至到]\s*(?P<m2>\d{1,2})\s*月",
    "_FIRST_MONTHS": _P._YEAR + r"?\s*前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})个?月",
    "_DAY": r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]",
    "_YEAR_ONLY": _P._YEAR + r"(?:度|全年)?(?!\s*\d{1,2}\s*月)(?!\s*第)(?!\s*[初底末])(?!\s*(?:已|累计|以来|来))",
    "_AS_OF": r"截[至止]\s*" + _P._YEAR + r"?\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?:(?P<d>\d{1,2})\s*[日号]|底|末)?",
    "_YTD": r"今年(?:已|以来)?累计|今年已",
    "_BASE": r"(?:比|较|同比|环比|相比|高于|低于)\s*(?:(?:19|20)\d{2}\s*年|去年|上年|上一年|前年)(?:同期)?",
    "_VERB_AFTER": r"\s*(?:将|要|内|前)?(?:全部|全面)?(?:开工|投产|建成|竣工|投用|落地)",
    "_NEW_ADDITION": r"\s*(?:今年|当年|全年|年内|本年)?(?:新增|新认定|新引进|新培育|新注册|新设立|新签约|新落户|新开工"
    r"|新获批|新入选|新备案)",
}
_PERIOD_ALPHABET = (
    "2019年20231-5—至到月日号今去前上本当第一二三四个季度半下初底末全度已累计以来截止比较同期将要内开工投产全部新增 ，"
)
_PERIOD_TEXTS = [
    "今年前三季度，2023年一季度，上半年，1—5月，今年以来，2023年11月，5月7日",
    "截至2023年11月底，比去年同期多34个，2020年第二批，年度计划，将全部开工，今年新增8家",
    "截止 今年 7 月 30 日，2024 年 第 二 个 季度，前 10 个月",
]


def _same_matches(name: str, text: str) -> None:
    plain = re.compile(_PLAIN_PERIOD_PATTERNS[name])
    fast = getattr(_P, name)
    for pos in range(len(text) + 1):
        a, b = plain.match(text, pos), fast.match(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (name, text, pos)


def test_period_patterns_match_as_written_plainly_on_crafted_texts():
    for name in _PLAIN_PERIOD_PATTERNS:
        for text in _PERIOD_TEXTS:
            _same_matches(name, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_PERIOD_ALPHABET, max_size=30))
def test_period_patterns_match_as_written_plainly(text):
    for name in _PLAIN_PERIOD_PATTERNS:
        _same_matches(name, text)
