"""The shortcuts of the zone reader decide what the plain rules they replace decide.

`_pos_cut` is `jieba.posseg.cut` with another Viterbi for the runs of unknown characters: the
same (word, flag) pairs, and `_viterbi` the same state path as jieba's, on invented windows
and on random strings of the characters zone names are made of.
"""

from __future__ import annotations

import random

import jieba.posseg as pseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P, viterbi

from loaders.extract.parks import (
    _pos_cut,
    _viterbi,
)
from loaders.reference import (
    jieba_ready,
    place_names,
    zone_forms,
    zone_suffixes,
)

_INVENTED = [
    "为临江",
    "回忆起信创",
    "标志着该",
    "星河湾科创",
    "助力青禾",
    "位于长治国家",
    "马栏坡视频文创",
    "云栖湖智造",
    "南岭965科技",
    "abc数字港",
    "，。",
    "",
    "该",
    "着该区",
    "由苏相",
    "翠屏湾新材料",
]


def _pieces() -> list[str]:
    """Characters of place names, zone forms and suffixes, a few stop characters, digits and
    Latin letters: what the windows the reader tags are made of, to join at random."""
    chars = {ch for name in list(place_names())[:400] + list(zone_forms())[:400] for ch in name}
    chars |= {ch for z in zone_suffixes() for ch in z.suffix}
    return sorted(chars) + list("的在于为将着该了和是从向9aX，。 ·（）")


def _random_texts(n: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _pieces()
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, longest))) for _ in range(n)]


def _pairs(tokens) -> list[tuple[str, str]]:
    return [(t.word, t.flag) for t in tokens]


@pytest.mark.parametrize("window", _INVENTED)
def test_pos_cut_is_jieba_posseg_on_invented_windows(window: str) -> None:
    jieba_ready()
    assert _pairs(_pos_cut(window)) == _pairs(pseg.cut(window))


def test_pos_cut_is_jieba_posseg_on_random_windows() -> None:
    jieba_ready()
    for window in _random_texts(400, 12, seed=7):
        assert _pairs(_pos_cut(window)) == _pairs(pseg.cut(window)), window


def test_viterbi_is_jiebas_to_the_state() -> None:
    for run in [*_random_texts(300, 10, seed=11), "信创", "苏相", "栏山"]:
        run = "".join(ch for ch in run if "\u4e00" <= ch <= "\u9fff") or "信"
        assert _viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run
