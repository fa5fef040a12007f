"""The plausibility check of decoded text counts what it always counted."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from loaders.decode import _plausible


def _plausible_per_character(text: str) -> bool:
    """_plausible as first written: the category of every character asked."""
    if not text:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\r\n\t\f")
    return bad / len(text) < 0.01


@given(st.text(alphabet=st.characters(codec=None), max_size=400))
def test_counting_distinct_characters_decides_as_counting_every_one(text):
    assert _plausible(text) == _plausible_per_character(text)


# page text, layout controls, and bad characters: control, private use, unassigned, surrogate
_PIECES = ["高新区发展", "。", "\n", "\t", "\x00", "\x07", "\ue000", "\u0378", "\ud800"]


@given(st.lists(st.sampled_from(_PIECES), max_size=300))
def test_borderline_shares_of_bad_characters(pieces):
    text = "".join(pieces)
    assert _plausible(text) == _plausible_per_character(text)
