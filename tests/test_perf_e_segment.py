"""The segmenter's fifth-round shortcuts agree with the plain rules they replace.

Texts are invented: random runs of made-up fragments (zone names and suffixes, gazetteer forms
without a suffix, punctuation, Latin letters and digits) chosen to meet the shortcuts' edge
cases often.
"""

from __future__ import annotations

import random

import pytest

from loaders import segment
from loaders.extract.parks import named_zones
from loaders.reference import bare_zone_forms, zone_suffixes

# invented pieces: parts of zone names, suffixes and their pieces, words around them
ZONE_PIECES = [
    "高新区", "国家", "滨湖", "武汉东湖", "经济技术开发区", "产业园区", "科技园", "新区", "工业园", "区", "园",
    "开发", "高新", "示范", "综合保税区", "青山", "南宁", "杭州湾", "，", "。", "、", " ", "（", "）", "(滨江)",
    "企业", "项目", "签约", "近日", "3月5日", "AI", "5G", "-", "数字经济", "新材料", "的", "在", "与",
]  # fmt: skip


def _texts(pieces: list[str], count: int, seed: int, most: int = 10) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, most))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_shared_bigrams_count_the_common_bigrams(seed):
    """_assign_titles counts a title's bigrams found in a lead by substring tests on the lead's
    word characters: the size of the intersection of the two bigram sets."""
    texts = _texts(ZONE_PIECES, 2000, seed, most=14)
    rng = random.Random(seed)
    for title in texts[:400]:
        tb = segment._bigrams(title)
        for lead in [*rng.sample(texts, 5), title, title[1:], ""]:
            assert segment._shared_bigrams(tb, segment._word_chars(lead)) == len(tb & segment._bigrams(lead)), (
                title,
                lead,
            )


@pytest.mark.parametrize("seed", range(4))
def test_texts_not_read_for_zones_name_none(seed):
    """_zone_places skips named_zones on a text with no zone suffix and no bare gazetteer form:
    named_zones finds nothing there (and the skip is exercised both ways)."""
    bare = sorted(bare_zone_forms())[:40]
    pieces = ZONE_PIECES + bare + [f[:-1] for f in bare if len(f) > 2] + [z.suffix[1:] for z in zone_suffixes()]
    skipped = read = 0
    for text in _texts(pieces, 3000, seed):
        if segment._may_name_zone(text):
            read += 1
        else:
            skipped += 1
            assert named_zones(text) == [], text
            assert segment._zone_places(text) == set()
    assert skipped > 300 and read > 300
