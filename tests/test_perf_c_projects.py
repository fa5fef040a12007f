"""The shortcuts of the project extractor decide what the full scans they replace decide.

`_status` first asks one pattern whether any status verb occurs at all; it must say no exactly
when every status's own pattern finds nothing. Checked on invented sentences and on random
texts made of the status verbs' characters.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.projects import _LIST_STATUS, _any_status, _status_patterns
from loaders.extract.rules import STATUS

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
