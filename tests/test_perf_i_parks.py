"""The shortcuts of the zone reader (round i) decide what the plain rules they replace decide.

`_scan_left` reads a run of name characters in one match of the reversed text, not one
character test at a time. `park_mention` makes the named tuple `ParkMention(...)` makes, and a
gazetteer form's mention takes its zone's canonical name, its short form and whether it is
shared from one table (`_forms`) worked out from the gazetteer. `_Tagging` is a dict (made
without a Python `__init__`): an empty one given to `_named_zones` is still the one filled.
`_Covered` is a bytearray: its bytes, and `meets`, say what the covered positions say. Texts
are invented.
"""

from __future__ import annotations

import random

from loaders.extract.parks import (
    _STOP_CHARS,
    _Covered,
    _forms,
    _named_zones,
    _opening,
    _place_run,
    _scan_left,
    _shared_form,
    _Tagging,
    short_form,
)
from loaders.extract.spans import ParkMention, park_mention
from loaders.reference import zone_canonical, zone_forms


def _plain_scan_left(body: str, end: int, limit: int) -> int:
    """`_scan_left` as it read before: one character test at a time."""
    start = end
    while start > 0 and end - start < limit and body[start - 1] not in _STOP_CHARS:
        start -= 1
    return start


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["青禾", "翠屏湾", "的", "在", "，", "。", "\n", " ", "（", "）", "、", "高新区", "A7", "与", "将", "云栖"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(200)]


def test_scan_left_reads_the_run_the_character_loop_reads() -> None:
    for text in _texts(21):
        for end in range(len(text) + 1):
            for limit in (0, 1, 4, 7, 8, 12):
                assert _scan_left(text, end, limit) == _plain_scan_left(text, end, limit), (text, end, limit)


def test_park_mention_is_the_named_tuple() -> None:
    cases = [
        ((3, 8, "青禾高新区", "青禾高新区", "高新区"), {}),
        (
            (0, 6, "翠屏湾经开区", "翠屏湾经开区", "经开区", True),
            {"zone_key": "翠屏湾经济技术开发区", "form": "翠屏湾经开区"},
        ),
        ((5, 8, "该园区", "云栖产业园", "园区"), {"is_reference": True, "zone_key": None}),
        ((1, 2, "谷", "谷", "谷", False, True, "k", "f"), {}),
    ]
    for args, kwargs in cases:
        made = park_mention(*args, **kwargs)
        plain = ParkMention(*args, **kwargs)
        assert type(made) is ParkMention and made == plain and made._asdict() == plain._asdict(), (args, kwargs)


def test_form_table_holds_what_each_form_reads() -> None:
    forms = _forms()
    assert forms.keys() == zone_forms().keys()
    for written, zone in zone_forms().items():
        got = forms[written]
        assert got.zone is zone, written
        assert (got.canonical, got.short, got.shared) == (
            zone_canonical(zone),
            short_form(written),
            _shared_form(written),
        )


def test_an_empty_tagging_given_is_the_one_filled() -> None:
    tagging = _Tagging()
    assert _named_zones("今天天气很好。", tagging) == []
    assert not tagging  # nothing asked of jieba yet: the tagging is empty, and so falsy
    _named_zones("为临溪高新区孕育新动能，回忆起信创产业园", tagging)
    assert tagging  # the body's windows were tagged in the tagging given, not in a new one
    for (window, from_start), answer in tagging.items():
        assert answer == (_opening(window) if from_start else _place_run(window)), window


def test_covered_bytes_are_the_positions_the_mentions_cover() -> None:
    rng = random.Random(23)
    for _ in range(200):
        size = rng.randint(1, 30)
        covered, positions = _Covered(size), set()
        for _ in range(rng.randint(0, 4)):
            start = rng.randint(0, size - 1)
            end = rng.randint(start, size)
            covered.add(park_mention(start, end, "x" * (end - start), "青禾高新区", "高新区"))
            positions.update(range(start, end))
        assert [bool(covered[i]) for i in range(size)] == [i in positions for i in range(size)]
        for start in range(size + 1):
            for end in range(start, size + 1):
                assert covered.meets(start, end) == any(i in positions for i in range(start, end))
