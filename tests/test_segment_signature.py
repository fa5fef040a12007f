"""The cheap word checks that spare a line the segmenter's patterns (signature, markers) say what the patterns say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.segment import _INNER_MARKER, MARKER, SIGNATURE, _inner_pieces, _may_sign, _signature, is_marked

# the characters SIGNATURE reads, and a few it does not
_ALPHABET = list("（()）:：/ \t\u3000\n，。；责编任辑记者图文来源作王冷媚X1")
_PIECES = ["责任编辑", "编辑", "责编", "来源", "作者", "记者", "图文", "文/图", "（记者", "(记者", "）", ")"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET + _PIECES), max_size=16).map("".join))
def test_every_signature_line_may_sign(text: str) -> None:
    found = SIGNATURE.search(text)
    if found:
        assert _may_sign(text), text
    assert (_signature(text) and _signature(text).span()) == (found and found.span()), text


def test_lines_without_a_colon_or_a_closing_bracket_at_the_end_are_not_searched() -> None:
    assert not _may_sign("据（以下简称“公司”）介绍，项目进展顺利")
    assert _may_sign("(记者孙大康) ")
    assert _may_sign("责任编辑 : 冷媚")


_MARKER_ALPHABET = [
    *"本报讯电日晚时新闻华社财经频道消息【】月1 （(记者）)近，。长春",
    "科技日报讯",
    "新华社",
    "本报讯",
    "频道消息:",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_ALPHABET), max_size=14).map("".join))
def test_marker_pre_checks_spare_only_lines_the_patterns_do_not_match(text: str) -> None:
    """is_marked's and _inner_pieces' word checks (`讯`/`电`/`频道消息`/`【`, `报`/`新华`)."""
    assert is_marked(text) == (MARKER.match(text) is not None), text
    assert _inner_pieces(text) == _INNER_MARKER.split(text), text
