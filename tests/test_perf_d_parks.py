"""The shortcuts of the zone reader decide what the plain rules they replace decide.

`_pos_cut` is `jieba.posseg.cut` with another Viterbi for the runs of unknown characters: the
same (word, flag) pairs, and `_viterbi` the same state path as jieba's, on invented windows
and on random strings of the characters zone names are made of. `_place_before`,
`_known_head` and `_gazetteer_at` look up only where a name can end or open; they must find
what a look-up of every length finds. The zone suffixes are one trie, `国家` before them read
apart: they must be what their alternation, longest first, after an optional `国家` finds.
`_Recurring` works a head out only where it is written; it must answer what counting every
suffix's head first answers.
"""

from __future__ import annotations

import random
import re
import re._parser as sre_parser
from collections import Counter

import jieba.posseg as pseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P, viterbi

from loaders.extract.lexicon import made_of_common_words
from loaders.extract.parks import (
    _GENERIC_HEAD,
    _MAX_FORM,
    _MAX_HEAD,
    _RECURRING_HEAD,
    _RECURRING_MIN,
    _gazetteer_at,
    _known_head,
    _national_suffix_regex,
    _place_before,
    _placed,
    _pos_cut,
    _Recurring,
    _says_national,
    _scan_left,
    _short_head,
    _suffix_matches,
    _viterbi,
)
from loaders.reference import (
    jieba_ready,
    place_names,
    place_regions,
    suffix_info,
    zone_forms,
    zone_in,
    zone_suffixes,
)
from tests.test_extract_prescans import _opening_characters

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


def _plain_place_before(body: str, start: int) -> str | None:
    for k in (5, 4, 3, 2):
        if start - k >= 0 and body[start - k : start] in place_regions():
            return body[start - k : start]
    return None


def _plain_known_head(body: str, end: int) -> int | None:
    places = place_names()
    for k in range(_MAX_HEAD, 1, -1):
        if end - k >= 0 and body[end - k : end] in places:
            return end - k
    floor = _scan_left(body, end, _MAX_HEAD)
    for q in range(floor, end - 2):
        for k in range(min(6, end - q - 1), 1, -1):
            if body[q : q + k] in places and 1 <= end - q - k <= 4:
                return q
    return None


def _plain_gazetteer_at(body: str, end: int, provinces):
    """Every length from the longest form down, as the reader looked them up before."""
    forms = zone_forms()
    for k in range(min(_MAX_FORM, end), 1, -1):
        zone = forms.get(body[end - k : end])
        if zone is None:
            continue
        place = _plain_place_before(body, end - k)
        if (place and not zone_in(zone, place)) or body[end - k - 1 : end - k] == "·":
            return None
        return end - k, _placed(body[end - k : end], zone, provinces), place
    return None


def _texts_with_names() -> list[str]:
    """Invented sentences, and random joins of place names, zone forms and filler."""
    rng = random.Random(3)
    names = sorted(place_names())[:300] + sorted(zone_forms())[:300] + ["中山", "浙江", "北京市"]
    filler = ["", "的", "在", "为", "，", "·", "新", "国家", "湾区"]
    texts = [
        "位于长治国家高新区的企业",
        "浙江杭州湾上虞经济技术开发区",
        "中山火炬高新区和厦门火炬高新区",
        "南宁·中关村科技园",
        "为临江高新区孕育",
    ]
    for _ in range(300):
        texts.append("".join(rng.choice(names) + rng.choice(filler) for _ in range(rng.randint(1, 4))))
    return texts


def test_place_before_finds_what_every_length_finds() -> None:
    for text in _texts_with_names():
        for start in range(len(text) + 1):
            assert _place_before(text, start) == _plain_place_before(text, start), (text, start)


def test_known_head_finds_what_every_length_finds() -> None:
    for text in _texts_with_names():
        for end in range(len(text) + 1):
            assert _known_head(text, end) == _plain_known_head(text, end), (text, end)


def test_gazetteer_at_finds_what_every_length_finds() -> None:
    def provinces() -> frozenset[str]:
        return frozenset({"广东", "浙江"})

    for text in _texts_with_names():
        for end in range(len(text) + 1):
            assert _gazetteer_at(text, end, provinces) == _plain_gazetteer_at(text, end, provinces), (text, end)


def _plain_recurring_heads(body: str, matches: list[re.Match[str]]) -> frozenset[str]:
    """Every admin suffix's short head counted first, as the reader did before."""
    counts: Counter[str] = Counter()
    for m in matches:
        if suffix_info()[m.group(1)].kind != "admin":
            continue
        head = body[_short_head(body, m.start(1)) : m.start(1)]
        if _RECURRING_HEAD[0] <= len(head) <= _RECURRING_HEAD[1]:
            counts[head] += 1
    return frozenset(
        h
        for h, n in counts.items()
        if n >= _RECURRING_MIN and not _GENERIC_HEAD.search(h) and not made_of_common_words(h)
    )


def _texts_with_heads() -> list[str]:
    rng = random.Random(5)
    heads = ["苏相", "青禾", "电力系统", "翠屏", "的苏相", "在青禾湾", "国家", "两个", "云栖"]
    suffixes = ["合作区", "高新区", "示范区", "产业园", "新区", "开发区"]
    filler = ["", "，", "和", "与", "。该", "为"]
    texts = ["苏相合作区成立以来，苏相合作区企业增多", "电力系统示范区与电力系统示范区"]
    for _ in range(200):
        texts.append(
            "".join(rng.choice(filler) + rng.choice(heads) + rng.choice(suffixes) for _ in range(rng.randint(1, 6)))
        )
    return texts


def test_recurring_heads_asked_one_by_one_are_the_heads_counted_all_at_once() -> None:
    for text in _texts_with_heads():
        matches = _suffix_matches(text)
        plain = _plain_recurring_heads(text, matches)
        recurring = _Recurring(text, matches)
        asked = {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 6) + 1)}
        for head in sorted(asked | {""}):
            assert (head in recurring) == (head in plain), (text, head)


def test_suffixes_found_are_what_the_longest_first_alternation_after_an_optional_national_finds() -> None:
    alternation = "|".join(re.escape(z.suffix) for z in zone_suffixes())
    plain = re.compile(f"(?:国家)?({alternation})(?:[（(]([^（）()，。、；]{{1,8}})[）)])?")
    rng = random.Random(9)
    pieces = [z.suffix for z in zone_suffixes()]
    pieces += ["国家", "国", "高新", "（二期）", "(滨江)", "技术", "，", "农业", "自主"]
    texts = ["长治国家高新区（滨江）与国家自主创新示范区、国家国家自主创新示范区", *_random_texts(200, 30, seed=13)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(400)]
    texts += ["国家自主创新示范区", "长治国家高新区", "国家国家高新区（二期）"]
    for text in texts:
        found = [(_says_national(text, m), m.span(1), m.span(2), m.end()) for m in _suffix_matches(text)]
        expected = [(m.group(0).startswith("国家"), m.span(1), m.span(2), m.end()) for m in plain.finditer(text)]
        assert found == expected, text


def test_national_suffix_pattern_opens_only_with_the_characters_it_skips_to() -> None:
    """`_national_suffix_regex` is tried only where its lookahead's characters stand."""
    lookahead, pattern = re.fullmatch(
        r"\(\?=\[([^\]]*)\]\)\(\?:(.*)\)", _national_suffix_regex().pattern, re.S
    ).groups()
    opens, empty = _opening_characters(sre_parser.parse(pattern))
    assert opens is not None and not empty
    assert opens <= set(lookahead), opens - set(lookahead)
