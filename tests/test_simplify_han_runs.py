"""is_traditional reads a page's Han characters as its Han runs joined: what removing every
other character leaves."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.simplify import _HAN_RUN

_NOT_HAN = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
_ALPHABET = list("沈撫新區總投資達億元乾县，。 \n1aＡ\u33ff\u3400\u9fff\ua000\uf8ff\uf900\ufaff\ufb00")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_han_runs_joined_are_the_text_without_the_rest(text: str) -> None:
    assert "".join(_HAN_RUN.findall(text)) == _NOT_HAN.sub("", text)
