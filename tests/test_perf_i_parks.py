"""The shortcuts of the zone reader (round i) decide what the plain rules they replace decide.

`_scan_left` reads a run of name characters in one match of the reversed text, not one
character test at a time. All on invented text.
"""

from __future__ import annotations

import random

from loaders.extract.parks import _STOP_CHARS, _scan_left


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
