"""The word-list helpers of `loaders.extract.rules` against the plain loops they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from loaders.extract.rules import LastWordEnd, longest_word

# a small alphabet makes words that overlap, nest and share prefixes
WORDS = st.lists(st.text(alphabet="高新区园中山", min_size=1, max_size=4), min_size=1, max_size=12, unique=True)
TEXT = st.text(alphabet="高新区园中山，", max_size=40)


@given(WORDS, TEXT)
def test_last_word_end_is_the_rightmost_end_of_any_word(words: list[str], text: str) -> None:
    expected = max([text.rfind(w) + len(w) for w in words if text.rfind(w) >= 0], default=0)
    assert LastWordEnd(words)(text) == expected


@given(WORDS, TEXT)
def test_longest_word_matches_as_the_longest_first_alternation(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(longest_word(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for pos in range(len(text) + 1):
        a, b = trie.match(text, pos), plain.match(text, pos)
        assert (a and a.span()) == (b and b.span())


def test_longest_word_prefers_the_longer_of_nested_names() -> None:
    assert re.match(longest_word(["中山", "中山市", "山"]), "中山市高新区").group(0) == "中山市"
