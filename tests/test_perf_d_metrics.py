"""The metric reader's shortcuts find what the plain rules they replace find.

`rules.lead_match` tries only the LEAD alternatives that can open with the text's first
character; `subjects._names_by_start` makes a name's subject only when a figure takes it; the
reference rule searches its lookbehind patterns only where their word stands. Each is compared
with the plain rule on invented text.
"""

from __future__ import annotations

import calendar
import re
import re._parser as sre_parser
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import numbers, periods, rules, subjects
from tests.test_extract_prescans import _opening_characters

# invented clause openings: times, datelines, connectives, verbs, places, and plain names
_CRAFTED = [
    "2025年3月8日上午，示范区举行",
    "2021年底，园区拥有",
    "晨光日报讯（通讯员 李明）今年以来",
    "新城讯员工",
    "本报讯 记者获悉",
    "今年以来累计新增企业",
    "去年全年实现营收",
    "前三季度完成投资",
    "二季度新签约项目",
    "截至6月底，共有企业",
    "其中高新技术企业",
    "据了解，目前已建成",
    "达到了12亿元",
    "新增规上企业",
    "新材料产业园实现",
    "青禾高新区实现产值",
    "  同时，新建",
    "实现了实现了实现了实现了营收",
    "",
    "讯",
    "１２月５日",
]
# the characters LEAD's alternatives open with and read, and some they do not
_ALPHABET = (
    "0123456789１２ 年月日上下午晚，,讯日报晚时员（）()今去前三季度上半全截至底"
    "其中据了解目前新增实现达到共已累计园区企业高新"
)


def _plain_lead_end(text: str) -> int:
    m = rules.LEAD.match(text)
    return m.end() if m else -1


def _lead_end(text: str) -> int:
    m = rules.lead_match(text)
    return m.end() if m else -1


def test_lead_alternatives_open_only_with_the_characters_they_name():
    for opening, alternative in rules._LEAD_ALL:
        chars, empty = _opening_characters(sre_parser.parse(alternative))
        assert not empty, alternative
        declared = re.compile(f"[{opening}]")
        if chars is None:  # a class the reader does not list: compare on the invented texts
            for text in _CRAFTED:
                if re.match(alternative, text):
                    assert declared.match(text[0]), (opening, alternative, text)
            continue
        assert all(declared.match(c) for c in chars), (opening, alternative, chars)


def test_lead_is_its_alternatives_in_order():
    assert rules.LEAD.pattern == "^(?:" + "|".join(a for _, a in rules._LEAD_ALL) + r")\s*"


def test_lead_match_is_lead_on_crafted_text():
    for text in _CRAFTED:
        assert _lead_end(text) == _plain_lead_end(text), text
        assert rules.strip_lead(text) == rules.LEAD.sub("", text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_lead_match_is_lead_on_any_text(text: str):
    assert _lead_end(text) == _plain_lead_end(text)
    assert rules.strip_lead(text) == rules.LEAD.sub("", text)


def _plain_strip(text: str) -> str:
    for _ in range(4):
        new = rules.LEAD.sub("", text)
        if new == text:
            break
        text = new
    return text


def _plain_topic_lead(text: str) -> str:
    """`topic`'s opening as it was read: substitutions on copies of the sentence."""
    plain_respect = re.compile(r"^在[^，,]{1,16}方面[，,]")
    for _ in range(4):
        new = plain_respect.sub("", text)
        new = rules.LEAD.sub("", new).lstrip("，, ")
        if new == text:
            break
        text = new
    return text


_FRAMES = ["", "园区", "，据悉，", "在人才引进方面，"]


def test_lead_end_is_the_repeated_substitution_on_crafted_text():
    for text in _CRAFTED:
        for before in _FRAMES:
            for after in ("", "。其他"):
                body = before + text + after
                start, end = len(before), len(before) + len(text)
                assert body[subjects._lead_end(body, start, end) : end] == _plain_strip(text), (before, text)
                assert body[subjects._topic_start(body, start, end) : end] == _plain_topic_lead(text), (before, text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_ALPHABET + "在方面，", max_size=24),
    st.sampled_from(_FRAMES),
    st.text(alphabet="讯员。年", max_size=3),
)
def test_lead_end_is_the_repeated_substitution_on_any_text(text: str, before: str, after: str):
    body = before + text + after
    start, end = len(before), len(before) + len(text)
    assert body[subjects._lead_end(body, start, end) : end] == _plain_strip(text)
    assert body[subjects._topic_start(body, start, end) : end] == _plain_topic_lead(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="其项目该新此这一计划拟占地园区企业，。", max_size=20))
def test_reference_words_gate_their_patterns(text: str):
    """`_by_reference` skips `_PROJECT_REF` without `项目` and `_PRONOUN` without `其`."""
    if "项目" not in text:
        assert subjects._PROJECT_REF.search(text) is None
    if "其" not in text:
        assert subjects._PRONOUN.search(text) is None


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet="0123456789 年月日号时点分钟后代大产业级强周边企业人才以上下的公司项目第前每TopA+＋·-，。", max_size=30
    )
)
def test_number_patterns_read_in_place_as_on_a_slice(text: str):
    """The number reader matches its context patterns at a position of the text (`pos`,
    `endpos`) instead of on a slice: they hold no `^` or lookbehind, so the two agree."""
    slice_of = numbers._AHEAD
    for i in range(len(text) + 1):
        for pattern, reach in ((numbers._NOT_AFTER, 8), (numbers._NAME_AFTER, 3), (numbers._THRESHOLD, slice_of)):
            on_slice = pattern.match(text[i : i + reach])
            in_place = pattern.match(text, i, i + reach)
            assert (on_slice and on_slice.end()) == (in_place and in_place.end() - i), (pattern.pattern, text, i)
        assert bool(numbers._YEARLY.search(text[max(0, i - 3) : i])) == bool(
            numbers._YEARLY.search(text, max(0, i - 3), i)
        )


# the rule `_ordinal_before` reads, as the pattern it was written as
_PLAIN_NOT_BEFORE = re.compile(r"(?:第|前|连续|历时|用时|仅用|长达|每|Top|TOP|No\.|[A-Za-z+＋·-])\s*$")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="第前连续历时用时仅长达每TopNo.EZaz+＋·-  \n\t\u3000年12", max_size=8))
def test_ordinal_before_is_the_pattern(before: str):
    window = before[-numbers._BEFORE :]
    assert numbers._ordinal_before(window.rstrip()) == bool(_PLAIN_NOT_BEFORE.search(window))


def test_month_end_is_the_calendar_s():
    for y in (1900, 1999, 2000, 2023, 2024, 2100):
        for m in range(1, 13):
            assert periods._month_end(y, m) == date(y, m, calendar.monthrange(y, m)[1])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="同比环上年一较去月半均 增长幅速提高升下降减少回落加了达到为的值", max_size=16))
def test_growth_is_read_at_the_phrase_end(text: str):
    """`_phrase` looks for the growth word only near the end: `_GROWTH` finds one exactly then."""
    from loaders.extract import metrics

    near_end = metrics._ENDS_IN_GROWTH.search(text, max(0, len(text) - metrics._GROWTH_REACH))
    assert bool(near_end) == bool(metrics._GROWTH.search(text))
