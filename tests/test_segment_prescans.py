"""The cheap checks that spare a line the segmenter's patterns say what the patterns say."""

from __future__ import annotations

from loaders.normalize import clean_line
from loaders.segment import (
    _BYLINE_MARKS,
    _BYLINE_PLAIN_WORDS,
    _CREDIT_LINE_ENDS,
    BYLINE,
    BYLINE_PLAIN,
    CREDIT,
    KICKER,
    MARKER,
    SIGNATURE,
    _has_colon,
    _signature,
    build_blocks,
    classify_lines,
    is_marked,
    zone_keys,
)
from tests.conftest import sample_pages

_CRAFTED = [
    "本 报 讯 近日",
    "本报讯（记者 王一）近日",
    "科技日报讯 (李迪 记者王一)近日",
    "新华社成都1月6日电",
    "中国网·美丽苏州讯 近日",
    "【化工机械设备网 地方新闻】",
    "国际在线江苏频道消息:",
    "新华财经长春1月6日电(记者王一)",
    "责任编辑: 冷媚",
    "…占比近6成。责任编辑: 冷媚",
    "(记者孙大康)",
    "编辑:罗浩",
    "拉萨高新区：",
    "杭州高新区（滨江）:",
    "李立婷/摄",
    "李立婷 摄影",
    "李立婷供图",
    "◎本报记者 王一",
    "▶▶ 甄晓倩 夏梦奇",
    "本报记者 王一",
    "通讯员 李二",
    "# 标题",
]


def _lines() -> list[str]:
    raw = [ln for p in sample_pages() for ln in p.read_text(encoding="utf-8").splitlines()]
    return [t for t in (clean_line(ln)[0] for ln in raw) if t] + _CRAFTED


def test_line_pre_checks_agree_with_the_patterns_they_spare():
    for t in _lines():
        assert is_marked(t) == (MARKER.match(t) is not None), t
        found, searched = _signature(t), SIGNATURE.search(t)
        assert (found and found.span()) == (searched and searched.span()), t
        if CREDIT.match(t):
            assert t.endswith(_CREDIT_LINE_ENDS), t
        if BYLINE.match(t):
            assert t.startswith(_BYLINE_MARKS), t
        if BYLINE_PLAIN.match(t):
            assert t.startswith(_BYLINE_PLAIN_WORDS), t
        if KICKER.match(t):
            assert _has_colon(t), t


def test_blank_lines_do_not_break_a_vertical_title():
    """A vertical title read from a blank line or from its first character is the same title."""
    chars = "\n".join("成都高新区喜迎新春")
    spaced = "\n\n".join("成都高新区喜迎新春")
    for text in (chars, "\n" + chars, spaced, "\n \n" + spaced):
        lines = classify_lines(text + "\n本报讯 近日，成都高新区举行活动。")
        assert (lines[0].kind, lines[0].text) == ("vertical", "成都高新区喜迎新春"), text


def test_an_articles_zone_keys_are_the_union_of_its_blocks():
    """_assign_titles reads an article's zone keys off its blocks: no match runs across a newline."""
    for page in sample_pages():
        texts = [b.text for b in build_blocks(classify_lines(page.read_text(encoding="utf-8")))]
        for k in range(0, len(texts), 5):
            chunk = [*texts[k : k + 5], "临江国", "家高新区"]
            assert zone_keys("\n".join(chunk)) == set().union(*(zone_keys(t) for t in chunk))
