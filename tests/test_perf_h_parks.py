"""The shortcuts of the zone reader (round h) decide what the plain rules they replace decide.

`_with_qualifier` scans back for a wider zone only after a qualifier's ending, `_with_province`
looks a province up only after a province's last character, and `_known_head` tries only the
lengths of the place names ending with the character before the suffix (test_perf_d_parks holds
it to every length). A park descriptor shorter than two characters is rejected before jieba is
asked: jieba's opening of such a window is always empty. A title and its body share one
article's tagging: the zones must be those read with a tagging for each text. All on invented
text.
"""

from __future__ import annotations

import random

from loaders.extract.parks import (
    _QUALIFIER,
    _named_zones,
    _opening,
    _scan_left,
    _Tagging,
    _with_province,
    _with_qualifier,
    _with_references,
    find_parks_with_title,
)
from loaders.reference import provinces


def _plain_with_qualifier(body: str, start: int) -> int:
    """`_with_qualifier` as it read before: the scan back, then the pattern."""
    q = _scan_left(body, start, 7)
    return q if start - q >= 5 and _QUALIFIER.search(body[q:start]) else start


def _plain_with_province(body: str, start: int) -> int:
    """`_with_province` as it read before: the four lengths looked up at every head."""
    for k in (3, 2, 5, 4):
        if start - k >= 0 and body[start - k : start] in provinces():
            return start - k
    return start


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [
        "东岭科学城", "西坡科技城", "南湖新区", "北塘新城", "湘江", "四川", "浙江省", "内蒙古", "黑龙江",
        "青禾", "翠屏湾", "云栖湖新区", "的", "，", "\n", "国家", "高新区", "经开区", "产业园", "科学城", "新区",
    ]  # fmt: skip
    texts = ["东岭科学城青禾高新区", "位于四川青禾高新区的企业", "浙江省翠屏湾新区和南湖新区"]
    for _ in range(300):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))))
    return texts


def test_qualifier_looked_for_only_after_its_endings() -> None:
    for text in _texts(11):
        for start in range(len(text) + 1):
            assert _with_qualifier(text, start) == _plain_with_qualifier(text, start), (text, start)


def test_province_looked_up_only_after_its_last_characters() -> None:
    for text in _texts(12):
        for start in range(len(text) + 1):
            assert _with_province(text, start) == _plain_with_province(text, start), (text, start)


def test_a_window_shorter_than_two_characters_opens_with_nothing() -> None:
    for window in ["", "园", "在", "的", "将", "和", "1", "a", "，", "了"]:
        assert _opening(window) == 0, window


def _plain_find_parks_with_title(body: str, title: str | None):
    """`find_parks_with_title` with a tagging made for each text."""
    title_zones = _named_zones(title, _Tagging()) if title else []
    parks = _with_references(body, _named_zones(body, _Tagging()), title_zones)
    return parks, _with_references(title, title_zones, []) if title else []


def test_title_and_body_sharing_a_tagging_read_what_each_reads_alone() -> None:
    rng = random.Random(13)
    heads = ["临溪", "为临溪", "青禾湾", "标志着该", "两个", "翠屏", "助力", "马栏坡视频文创", "在", ""]
    suffixes = ["高新区", "经开区", "合作区", "产业园", "示范区", "新区"]
    filler = ["，", "。", "和", "的企业", "举行签约仪式。"]
    for _ in range(60):
        title = "".join(rng.choice(heads) + rng.choice(suffixes) for _ in range(rng.randint(0, 2))) or None
        body = "".join(rng.choice(filler) + rng.choice(heads) + rng.choice(suffixes) for _ in range(rng.randint(1, 6)))
        assert find_parks_with_title(body, title) == _plain_find_parks_with_title(body, title), (title, body)
