"""_signature searches only lines _may_sign admits: every line SIGNATURE finds a match in must be one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.segment import SIGNATURE, _may_sign, _signature

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
