"""The shortcuts of the zone reader (round g) decide what the plain rules they replace decide.

`dominant_zone` counts names in plain dicts and counts the parks only when no zone proper is
named: it must pick what the `Counter` reading picks, ties included. `_references` returns at
once for a text with no zone of its own and no title zone: every suffix's target must then be
None. `_suffix_matches` searches for the suffixes opening with `国家` only in a text holding
`国家`: each of them must hold it.
"""

from __future__ import annotations

import random
from collections import Counter

from loaders.extract.parks import (
    _NATIONAL,
    _PARK_ABOUT,
    _REFERENCE_SUFFIXES,
    _national_suffixes,
    _reference_target,
    _references,
    dominant_zone,
)
from loaders.extract.spans import ParkMention
from loaders.reference import suffix_info

_NAMES = [
    ("星河湾高新区", "高新区"),
    ("翠屏湾经开区", "经开区"),
    ("云栖湖综合保税区", "综保区"),
    ("青禾科技园", "科技园"),
    ("马栏坡视频文创产业园", "产业园"),
    ("南岭新城", "新城"),
    ("苏相合作区", "合作区"),
    ("中关村", ""),
]


def _plain_dominant_zone(mentions, title_mentions=()):
    """`dominant_zone` as it read with two `Counter`s."""
    named = [m for m in mentions if not m.is_reference]
    titles = [m for m in title_mentions if not m.is_reference]
    admin = [m for m in named if suffix_info().get(m.suffix) is None or suffix_info()[m.suffix].kind == "admin"]
    in_title = {m.name for m in titles}
    counts = Counter(m.name for m in named)
    parks = [m for m in named if counts[m.name] >= _PARK_ABOUT or m.name in in_title]
    pool = admin or parks
    if not pool:
        return titles[0] if len({m.name for m in titles}) == 1 else None
    titled = [m for m in pool if m.name in in_title]
    if len({m.name for m in titled}) == 1:
        return titled[0]
    counts = Counter(m.name for m in pool)
    (top, n), *rest = counts.most_common()
    if rest and rest[0][1] * 2 > n:
        return None
    return next(m for m in pool if m.name == top)


def _mentions(rng: random.Random, most: int) -> list[ParkMention]:
    out = []
    for i in range(rng.randint(0, most)):
        name, suffix = rng.choice(_NAMES[: rng.randint(1, len(_NAMES))])
        out.append(ParkMention(i * 10, i * 10 + len(name), name, name, suffix, is_reference=rng.random() < 0.15))
    return out


def test_dominant_zone_is_the_counter_reading() -> None:
    """Random articles of a few invented zones and parks, some named in the title, some only
    referred to: the same mention (the same object) or None, on ties too."""
    rng = random.Random(47)
    for _ in range(3000):
        body, title = _mentions(rng, 9), _mentions(rng, 2)
        assert dominant_zone(body, title) is _plain_dominant_zone(body, title), (body, title)
        assert dominant_zone(body) is _plain_dominant_zone(body), body


def test_no_reference_without_a_zone_to_refer_to() -> None:
    for suffix in (*_REFERENCE_SUFFIXES, "区"):
        assert _reference_target(suffix, [], []) is None, suffix
    assert _references("星河湾高新区管委会表示，该区将在本园区内新建开发区。", [], []) == []


def test_national_suffixes_hold_national() -> None:
    assert _national_suffixes()
    assert all(_NATIONAL in suffix for suffix in _national_suffixes())
