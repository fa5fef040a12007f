"""Pages printed in traditional characters, read as simplified Chinese.

The extractors, the word lists and the zone gazetteer are written in simplified characters:
on a page from a Hong Kong or Taiwan outlet, or a mirror site that republishes mainland news
in traditional characters (`沈撫新區…總投資達138.4億元`), not one zone, metric word or status
verb would match, and the page would load as articles without a fact. Such a page is
converted with OpenCC's traditional-to-simplified tables (phrase-aware, Apache-2.0, a C++
wheel at tens of MB/s) before it is segmented; a simplified page is left exactly as it is,
since OpenCC also maps a few characters simplified text uses (`乾县`).

What was read stays in `raw.pages.raw_text`; the articles, their facts and their evidence
sentences are in simplified characters.
"""

from __future__ import annotations

import re
from functools import cache
from operator import ne

_HAN_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))  # the Han characters a page is judged on
_HAN_RUN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]+")
# share of a page's Han characters that the conversion changes above which the page is
# traditional: a traditional page changes a fifth to a third of them, a simplified one none
TRADITIONAL_SHARE = 0.05
MIN_HAN_TO_JUDGE = 20  # a title alone says little


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


# the characters OpenCC's t2s tables change only inside a phrase (`瞭解` -> `了解`, `答覆` -> `答复`),
# read from its phrase table: every other character it can change, it changes on its own
# (tests/test_perf_h_seg.py checks both against the installed OpenCC's dictionaries)
CHANGED_IN_PHRASES = "么俱哩坏彷沈甦瞭藉衹覆"


@cache
def _may_change() -> re.Pattern[str]:
    """The Han characters t2s can change: those it changes on their own and CHANGED_IN_PHRASES.
    Every entry of its tables maps a text to one as long, changed only at such characters, so
    a text holding none of them converts to itself. Built once: every Han character converted
    on its own, in one call (a line break between two characters ends any phrase)."""
    han = "".join(chr(c) for first, last in _HAN_RANGES for c in range(first, last + 1))
    converted = _converter().convert("\n".join(han)).split("\n")
    chars = {a for a, b in zip(han, converted, strict=True) if a != b} | set(CHANGED_IN_PHRASES)
    return re.compile("[" + "".join(sorted(chars)) + "]")


def is_traditional(text: str) -> bool:
    """Is `text` written in traditional characters (judged on its Han characters)?

    A text holding no character t2s can change converts to itself: no, without reading out its
    Han characters and converting them (most simplified pages)."""
    if _may_change().search(text) is None:
        return False
    # the Han characters, in order: the runs of them joined (what removing the rest leaves, in
    # less time on a page that is mostly Han with punctuation every few words)
    chars = "".join(_HAN_RUN.findall(text))
    if len(chars) < MIN_HAN_TO_JUDGE:
        return False
    converted = _converter().convert(chars)
    if converted == chars:  # most simplified pages: nothing to count
        return False
    return _changed(chars, converted) > TRADITIONAL_SHARE * len(chars)


_CHUNK = 32  # characters compared at once by _changed


def _changed(chars: str, converted: str) -> int:
    """How many of the positions the two texts share hold different characters: equal chunks
    (most of a simplified page that holds a changed character, `昇腾`) compared at once in C, the
    characters of the others one by one."""
    changed = 0
    for k in range(0, min(len(chars), len(converted)), _CHUNK):
        a, b = chars[k : k + _CHUNK], converted[k : k + _CHUNK]
        if a != b:
            changed += sum(map(ne, a, b))
    return changed


def to_simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC t2s)."""
    return _converter().convert(text) if text else text
