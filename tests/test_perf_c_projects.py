"""The shortcuts of the project extractor decide what the full scans they replace decide.

`_status` first asks one pattern whether any status verb occurs at all; it must say no exactly
when every status's own pattern finds nothing. `_listed` reads nothing of an article without
`项目`; `_past_leading_verbs` stops when no stop word opens the item. Checked on invented
sentences and on random texts made of the characters the rules read.
"""

from __future__ import annotations

import re
import re._parser as sre_parser

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.projects import (
    _ITEM_MIN,
    _LIST_STATUS,
    _LIST_TAIL,
    _LISTED_WORD,
    _STOP_WORDS,
    _any_status,
    _past_leading_verbs,
    _status_patterns,
)
from loaders.extract.rules import STATUS
from tests.test_extract_prescans import _opening_characters

_INVENTED = [
    "青禾新材料产业园项目今年开工建设",
    "星河数据中心已经投入运营，二期计划明年竣工",
    "该项目拟投资5亿元，预计年底建成投产",
    "双方签约后，项目加快推进主体结构建设",
    "园区举行揭牌仪式",
    "设施工程",
    "推动一批重大项目早日落地",
    "",
]
_EXTRAS: list[tuple[tuple[str, str], ...]] = [(), _LIST_STATUS]


def test_any_status_opens_only_with_the_characters_it_names():
    """`_any_status` is tried only at `_STATUS_OPENINGS`: a status verb opening with another
    character would be skipped, and `_status` would miss it."""
    for extra in _EXTRAS:
        lookahead, pattern = re.fullmatch(r"\(\?=\[([^\]]*)\]\)\(\?:(.*)\)", _any_status(extra).pattern, re.S).groups()
        opens, empty = _opening_characters(sre_parser.parse(pattern))
        assert opens is not None and not empty
        assert opens <= set(lookahead), opens - set(lookahead)


def _verb_pieces() -> list[str]:
    """The status verbs' characters and a few others, to join at random."""
    chars = {ch for _, pattern in STATUS + _LIST_STATUS for ch in pattern if "\u4e00" <= ch <= "\u9fff"}
    return sorted(chars) + list("，。；的了项目园区 ")


def _agree(text: str) -> None:
    for extra in _EXTRAS:
        some = any(pattern.search(text) for _, pattern in _status_patterns(extra))
        assert bool(_any_status(extra).search(text)) == some, (text, extra)


def test_any_status_on_invented_sentences():
    for text in _INVENTED:
        _agree(text)
        for a in range(len(text)):
            _agree(text[a:])  # the tails `_status` reads


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_verb_pieces()), max_size=16))
def test_any_status_on_random_texts(pieces: list[str]):
    _agree("".join(pieces))


_LIST_PIECES = [*"等个大一二两三十5.多余总投资额亿万元的、，重点产业新能源类", "项目", "项", "目", "项 目", "）", "”"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=20))
def test_every_list_tail_holds_the_listed_word(pieces: list[str]):
    """`_listed` returns at once when the body lacks `项目`: no list tail can be found without it."""
    text = "".join(pieces)
    for m in _LIST_TAIL.finditer(text):
        assert _LISTED_WORD in m.group(0), text


def test_list_tails_of_invented_sentences_hold_the_listed_word():
    texts = ["推进星河园、青禾谷等17个重点项目，远川港十大项目", "A、B等一批百亿级重大项目", "C、D4个项目揭牌"]
    found = [m.group(0) for text in texts for m in _LIST_TAIL.finditer(text)]
    assert len(found) >= 3 and all(_LISTED_WORD in f for f in found)


def _past_leading_verbs_every_pass(body: str, a: int, b: int) -> int:
    """`_past_leading_verbs` without its check of the item's first character."""
    moved = True
    while moved:
        moved = False
        for w in _STOP_WORDS:
            if body.startswith(w, a) and b - a - len(w) >= _ITEM_MIN:
                a += len(w)
                moved = True
    return a


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_STOP_WORDS[::3], *"星河青禾园谷的"]), max_size=8))
def test_past_leading_verbs_on_random_items(pieces: list[str]):
    body = "，" + "".join(pieces)
    for a in range(len(body) + 1):
        assert _past_leading_verbs(body, a, len(body)) == _past_leading_verbs_every_pass(body, a, len(body))
