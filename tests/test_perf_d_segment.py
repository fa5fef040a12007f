"""The segmenter's and the date reader's shortcuts agree with the plain rules they replace.

Texts are invented: random runs of made-up fragments (years, dates, zone names, spaces,
punctuation) chosen to meet the shortcuts' edge cases often.
"""

from __future__ import annotations

import random
import re

import pytest

from loaders import dates, segment
from loaders.normalize import CJK
from loaders.reference import zone_suffixes

# invented pieces, shuffled into texts: digits and spaces around 年/月/日, plans, parts of years
DATE_PIECES = [
    "2023", "1999", "2031", "１９", "20", "19", "12", "3", " ", "  ", "\n", "\u3000",
    "年", "月", "日", "年 ", " 年", "全年", "年底", "度", "度计划", "二季度", "上半年", "前三季度",
    "，", "。", "计划", "将于", "力争到", "预计", "—", "底前", "建成", "园区", "新材料", "企业",
    "２０２２", "٢٠٢١", "2024年", "2019 年", "3月", "12 月", "5日", "28 日", "年12月", "月9日",
]  # fmt: skip


def _texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("seed", range(4))
def test_year_spans_are_the_year_pattern_matches(seed):
    for text in _texts(DATE_PIECES, 3000, seed):
        spans = dates._year_spans(text)
        assert spans == [(m.start(), m.end()) for m in dates._YEAR.finditer(text)], text
        for pattern in (dates._FULL, dates._YEAR_MONTH, dates._COMPLETED_YEAR):
            found = [(m.start(), m.end(), m.groups()) for m in dates._year_matches(pattern, text, spans)]
            assert found == _spans(pattern, text), (pattern.pattern, text)


def _completed_plain(text: str) -> list[int]:
    """The rule `_completed_years` replaces: each whole year searched for a part of it across the text."""
    return [
        int(m.group(1))
        for m in dates._COMPLETED_YEAR.finditer(text)
        if not dates._future(text, m.start(), m.end())
        and not re.search(f"{m.group(1)}\\s*年\\s*{dates._PART_OF_YEAR}", text)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_completed_years_and_past_years_match_the_plain_rules(seed):
    for text in _texts(DATE_PIECES, 3000, seed):
        assert dates._completed_years(text, dates._year_spans(text)) == _completed_plain(text), text
        plain = [int(m.group(1)) for m in dates._YEAR.finditer(text) if not dates._future(text, m.start(), m.end())]
        assert dates.past_years(text) == plain, text


# invented line pieces: markers, bylines, captions, credits, signatures, names, kickers, spaces
LINE_PIECES = [
    "本报讯", "科技日报讯", "新华社", "记者", "通讯员", "本报记者", "◎", "▶", "#", "## ", "图为", "图 1",
    "左图", "图片来源", "摄影", "供图", "/摄", "摄", "责任编辑", "编辑", "来源", "作者", "：", ":", "（", "）",
    "(", ")", " ", "  ", "\u3000", "张明", "李小华", "王", "欧阳春晓", "·", "高新区", "滨湖", "开发区",
    "，", "。", "！", "、", "园区企业加快转型", "新材料项目", "签约仪式现场", "近日", "3月5日", "数字经济",
    "报", "新华", "【", "】", "讯", "电", "频道消息",
]  # fmt: skip


ZONE_WORDS = ["高新区", "国家", "滨湖", "武汉东湖", "经济技术开发区", "产业园区", "科技园", "谷", "新区", "工业园"]


@pytest.mark.parametrize("seed", range(4))
def test_plain_lines_read_as_plain_text(seed):
    rng = random.Random(seed)
    plain = 0
    for _ in range(6000):
        text = "".join(rng.choice(LINE_PIECES) for _ in range(rng.randint(1, 6))).strip()
        if not text or not segment._plain(text):
            continue
        plain += 1
        for bold in (False, True):
            read: list[segment.Line] = []
            segment._read_line(text, bold, read)
            assert read == [segment.Line(text, "text", bold=bold)], text
    assert plain > 500  # the shortcut was exercised


def _plain_alternation() -> str:
    """ZONE_SUFFIX as it was written: the suffixes, longest first, in one alternation."""
    return "(?:" + "|".join(re.escape(z.suffix) for z in zone_suffixes()) + ")"


@pytest.mark.parametrize("seed", range(4))
def test_zone_suffix_trie_matches_as_the_alternation(seed):
    plain = _plain_alternation()
    assert segment.ZONE_SUFFIX in segment.KICKER.pattern
    pairs = [
        (segment._SUFFIX, re.compile(plain)),
        (segment._ZONE, re.compile(f"([{CJK}]{{2}})(?:国家)?{plain}")),
        (segment.KICKER, re.compile(segment.KICKER.pattern.replace(segment.ZONE_SUFFIX, plain))),
    ]
    pieces = [z.suffix for z in zone_suffixes()] + [s[:-1] for s in ZONE_WORDS] + ZONE_WORDS + LINE_PIECES
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for fast, slow in pairs:
            assert _spans(fast, text) == _spans(slow, text), text
        assert segment.zone_keys(text) == {m.group(1) for m in pairs[1][1].finditer(text.replace("国家", ""))}


@pytest.mark.parametrize("seed", range(4))
def test_lead_zone_keys_are_those_of_the_lead(seed):
    rng = random.Random(seed)
    pieces = ZONE_WORDS + LINE_PIECES + ["国", "家", "高新", "区"]
    for _ in range(2000):
        blocks = [
            segment.Block("para", "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))))
            for _ in range(rng.randint(1, 5))
        ]
        draft = segment._Draft(blocks=blocks)
        for size in (0, 1, 7, 20, 45, 160):
            assert draft.lead_zone_keys(size) == segment.zone_keys(draft.text[:size]), (draft.text, size)


def test_plain_looks_for_what_every_marker_and_caption_opens_with():
    """`_plain` skips a line's checks by a few words: each inner-marker word holds `报` or `新华`,
    and each caption opens with one of `_CAPTION_OPENINGS` (a new word in either list must be
    looked for there too)."""
    assert all("报" in w or "新华" in w for w in segment._INNER_MARKER_WORDS.pattern.split("|"))
    alternatives = segment.CAPTION.pattern.removeprefix("^(?:").removesuffix(")").split("|")
    assert alternatives and all(a.startswith(segment._CAPTION_OPENINGS) for a in alternatives)
