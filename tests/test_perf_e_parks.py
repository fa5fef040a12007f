"""The shortcuts of the zone reader (round e) decide what the plain rules they replace decide.

`_pos_pieces` is `jieba.posseg.cut` with the runs of unknown characters left for the HMM until
a reader gets to them: expanded, the same (word, flag) pairs as jieba's. Its `_route` is
jieba's `get_DAG` and `calc` in one pass: the same route. `_place_run` and `_opening` read the
pieces from one end and stop early; they must answer what reading every token of
`jieba.posseg.cut` answers. The Viterbi numbers jieba's states: the path must be jieba's, ties
included (test_perf_d_parks checks `_viterbi` against jieba's own). `_resolve` reads an index of
the gazetteer forms' endings: it must find what a scan of every form finds. `_REFERENCE_SCAN`
must find the spans `_REFERENCE` finds. `_opens_with_place` looks up a head's openings: it must
answer what trying every place name answers.
"""

from __future__ import annotations

import random
from math import log

import jieba
import jieba.posseg as pseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P, viterbi

from loaders.extract.parks import (
    _NOT_OPENING,
    _PLACE_FLAGS,
    _REFERENCE,
    _REFERENCE_SCAN,
    _REFERENCE_SUFFIXES,
    _REFERRING,
    _opening,
    _opens_with_place,
    _place_run,
    _pos_pieces,
    _resolve,
    _route,
    _tokens_from_end,
    _tokens_from_start,
    _viterbi,
)
from loaders.reference import jieba_ready, place_names, zone_forms
from tests.test_perf_d_parks import _INVENTED, _random_texts

_MORE_INVENTED = [
    "共12家",
    "华南731科技",
    "标志着该",
    "学秀水外国语学校",
    "长治信创",
    "中国信创",
    "云栖湖 智造",
    "abc 数字港",
    "临江2期",
    "3.5亿元",
    "翠屏湾新材料",
    "南岭路",
]
_WINDOWS = _INVENTED + _MORE_INVENTED


def _jieba(window: str) -> list[tuple[str, str]]:
    return [(t.word, t.flag) for t in pseg.cut(window)]


def _plain_place_run(window: str) -> int:
    """`_place_run` as it read every token of jieba's cut."""
    tokens = _jieba(window)
    head = 0
    for word, flag in reversed(tokens):
        if flag not in _PLACE_FLAGS:
            break
        head += len(word)
    if head < 2 or (tokens[-1][1] == "zg" and head == len(tokens[-1][0])):
        return 0
    return head


def _plain_opening(window: str) -> int:
    """`_opening` as it read every token of jieba's cut."""
    tokens = _jieba(window)
    skipped = 0
    for word, flag in tokens[:-1]:
        if flag not in _NOT_OPENING:
            break
        skipped += len(word)
    return skipped


def _windows() -> list[str]:
    return _WINDOWS + _random_texts(400, 12, seed=23)


def test_pieces_expanded_are_jieba_posseg() -> None:
    jieba_ready()
    for window in _windows():
        assert list(_tokens_from_start(_pos_pieces(window))) == _jieba(window), window
        assert list(_tokens_from_end(_pos_pieces(window)))[::-1] == _jieba(window), window


@pytest.mark.parametrize("window", _WINDOWS)
def test_place_run_and_opening_on_invented_windows(window: str) -> None:
    jieba_ready()
    if window:
        assert _place_run(window) == _plain_place_run(window)
    assert _opening(window) == _plain_opening(window)


def test_place_run_and_opening_on_random_windows() -> None:
    jieba_ready()
    for window in _random_texts(400, 12, seed=29):
        assert _place_run(window) == _plain_place_run(window), window
        assert _opening(window) == _plain_opening(window), window


def test_route_is_jiebas_dag_and_calc() -> None:
    jieba_ready()
    tokenizer = jieba.dt
    for window in [*_windows(), "中华人民共和国", "长江三角洲区域一体化发展示范区", "研究生命起源"]:
        if not window:
            continue
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(window, tokenizer.get_DAG(window), route)
        assert _route(window, tokenizer.FREQ, log(tokenizer.total)) == [route[k][1] for k in range(len(window))], window


def test_viterbi_is_jiebas_on_rare_and_mixed_characters() -> None:
    """Runs mixing common characters with ones jieba's model lists few states for or none
    (`allowed` falls back to every reachable state), where ties and dead ends are likelier."""
    rng = random.Random(31)
    common = "的在于为将着该了和是从向信创苏相栏山临江长治高新区园"
    rare = [chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(200)] + ["\u3400", "\u9fd0"]
    for _ in range(300):
        run = "".join(rng.choice(common) if rng.random() < 0.5 else rng.choice(rare) for _ in range(rng.randint(1, 9)))
        assert _viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def _plain_resolve(name: str, park_type: str):
    forms = zone_forms()
    if name in forms:
        return forms[name]
    if len(name) < 5:
        return None
    hits = {z for f, z in forms.items() if f.endswith(name) and z.zone_type == park_type}
    return next(iter(hits)) if len(hits) == 1 else None


def test_resolve_by_ending_index_is_the_scan_of_every_form() -> None:
    """`_resolve` reads an index of the forms' endings; the plain rule scans every form. Names
    are endings of real forms (of every length), the same with a character changed, and
    invented ones, under every zone type."""
    rng = random.Random(37)
    forms = sorted(zone_forms())
    types = sorted({z.zone_type for z in zone_forms().values()})
    names = ["临江高新区", "稀土高新区", "星河湾经济开发区", "翠屏湾综合保税区", "云栖湖高新区"]
    for form in rng.sample(forms, 300):
        cut = form[rng.randint(0, max(0, len(form) - 3)) :]
        names += [cut, "新" + cut[1:], cut[:-1]]
    for name in names:
        for park_type in types:
            assert _resolve(name, park_type) == _plain_resolve(name, park_type), (name, park_type)


def _reference_texts() -> list[str]:
    """Invented sentences around the reference words, and random strings of their characters
    with the ones their lookaheads refuse."""
    rng = random.Random(41)
    pieces = [
        *_REFERRING,
        *_REFERENCE_SUFFIXES,
        "区",
        "域",
        "内外",
        "别",
        "间",
        "块",
        "分",
        "级",
        "高新",
        "开发",
        "园",
        "产业",
    ]
    pieces += list("，。的在为")
    texts = [
        "该高新区、本区、园区内外、产业园区、本区域、经开区与该区别",
        "星河湾高新区管委会表示，该区将在本园区内新建两个开发区域，本高新区级别不变。",
        "该该区本本园区高新区域综保区开发区开发区内外示范区合作区自创区",
    ]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    return texts


def test_reference_scan_finds_the_spans_of_the_reference_pattern() -> None:
    for text in _reference_texts():
        spans = [m.span() for m in _REFERENCE_SCAN.finditer(text)]
        assert spans == [m.span() for m in _REFERENCE.finditer(text)], text
        for start, end in spans:
            assert _REFERENCE.match(text, start).span() == (start, end), text


def test_opens_with_place_is_any_place_opening_the_head() -> None:
    rng = random.Random(43)
    places = sorted(place_names())
    heads = ["湘江", "星河湾", "翠屏", "", "湖南湘江", "中关村科技"]
    for name in rng.sample(places, 200):
        heads += [name, name + "新城", name[:-1], "新" + name, name[1:] + "湾"]
    for head in heads:
        assert _opens_with_place(head) == any(head.startswith(p) for p in places), head
