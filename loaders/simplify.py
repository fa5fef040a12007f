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

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# share of a page's Han characters that the conversion changes above which the page is
# traditional: a traditional page changes a fifth to a third of them, a simplified one none
TRADITIONAL_SHARE = 0.05
MIN_HAN_TO_JUDGE = 20  # a title alone says little


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """Is `text` written in traditional characters (judged on its Han characters)?"""
    # the Han characters, in order: the runs of them joined (what removing the rest leaves, in
    # less time on a page that is mostly Han with punctuation every few words)
    chars = "".join(_HAN_RUN.findall(text))
    if len(chars) < MIN_HAN_TO_JUDGE:
        return False
    converted = _converter().convert(chars)
    if converted == chars:  # most simplified pages: nothing to count
        return False
    changed = sum(a != b for a, b in zip(chars, converted, strict=False))
    return changed > TRADITIONAL_SHARE * len(chars)


def to_simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC t2s)."""
    return _converter().convert(text) if text else text
