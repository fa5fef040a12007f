"""The metric reader's shortcuts find what the plain rules they replace find.

`rules.lead_match` tries only the LEAD alternatives that can open with the text's first
character; `subjects._names_by_start` makes a name's subject only when a figure takes it; the
reference rule searches its lookbehind patterns only where their word stands. Each is compared
with the plain rule on invented text.
"""

from __future__ import annotations

import re
import re._parser as sre_parser

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import rules, subjects
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


def test_strip_lead_is_the_repeated_substitution():
    for text in _CRAFTED:
        plain = text
        for _ in range(4):
            new = rules.LEAD.sub("", plain)
            if new == plain:
                break
            plain = new
        assert subjects._strip_lead(text) == plain, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="其项目该新此这一计划拟占地园区企业，。", max_size=20))
def test_reference_words_gate_their_patterns(text: str):
    """`_by_reference` skips `_PROJECT_REF` without `项目` and `_PRONOUN` without `其`."""
    if "项目" not in text:
        assert subjects._PROJECT_REF.search(text) is None
    if "其" not in text:
        assert subjects._PRONOUN.search(text) is None
