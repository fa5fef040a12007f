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

import math
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
def _changed_alone() -> frozenset[str]:
    """The Han characters t2s changes on their own. Built once: every Han character converted on
    its own, in one call (a line break between two characters ends any phrase)."""
    han = "".join(chr(c) for first, last in _HAN_RANGES for c in range(first, last + 1))
    converted = _converter().convert("\n".join(han)).split("\n")
    return frozenset(a for a, b in zip(han, converted, strict=True) if a != b)


@cache
def _changeable() -> re.Pattern[str]:
    """A character t2s can change: one it changes on its own or one of CHANGED_IN_PHRASES."""
    return re.compile("[" + "".join(sorted(_changed_alone() | set(CHANGED_IN_PHRASES))) + "]")


def is_traditional(text: str) -> bool:
    """Is `text` written in traditional characters (judged on its Han characters)?

    Every entry of t2s's tables maps a text to one as long, changed only at characters it changes
    on their own or at CHANGED_IN_PHRASES: no when those are too few to make TRADITIONAL_SHARE of
    its Han characters (simplified pages, `沈阳`, `覆盖`, `什么`, `昇腾`), without reading all its
    Han characters and converting them."""
    if _too_few(len(_changeable().findall(text)), text):
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


_HAN_DENSITY = 2  # the characters of a page read for every Han character the bound needs


def _too_few(changeable: int, text: str) -> bool:
    """Are `changeable` characters at most TRADITIONAL_SHARE of the Han characters of `text` (or
    none)? Yes as soon as an opening of it holds Han characters enough: a page's
    few changeable characters need only its first lines counted."""
    if not changeable:
        return True
    opening = _HAN_DENSITY * math.ceil(changeable / TRADITIONAL_SHARE)
    return changeable <= TRADITIONAL_SHARE * sum(map(len, _HAN_RUN.findall(text, 0, opening)))


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
