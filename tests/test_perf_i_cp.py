"""Round i's shortcuts of the company and project extractors decide what the plain rules they
replace decide, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import (
    _INVESTS,
    _PLACING_RIGHT,
    _Found,
    _invests_in,
    _ParksByStart,
    _placing_right,
)
from loaders.extract.spans import ParkMention

# --- companies: placement -------------------------------------------------------------------


def _placing_agrees(text: str) -> None:
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            plain = _PLACING_RIGHT.search(text[a:b]) is not None
            assert _placing_right(text, a, b) == plain, (text, a, b)


def test_placing_right_on_invented_sentences():
    for text in ["星河科技落户于湘潭高新区", "云帆智能在\n北辰园区", "青禾能源扎根滨湖", "位于", "落地于\n\n", ""]:
        _placing_agrees(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="在落户入驻扎根位于地星河\n，", max_size=10))
def test_placing_right_on_random_texts(text: str):
    _placing_agrees(text)


def _park(start: int, end: int) -> ParkMention:
    return ParkMention(start, end, "高新区", "高新区", "高新区")


def _plain_invests_in(body: str, f: _Found, parks: list[ParkMention], end: int) -> bool:
    return any(
        f.end <= p.start < end and _PLACING_RIGHT.search(body[f.end : p.start]) and _INVESTS.match(body[p.end : end])
        for p in parks
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_invests_in_reads_the_parks_of_the_sentence_as_the_plain_rule_does(data):
    body = data.draw(st.text(alphabet="星河在落户高新区投资建设，。", min_size=4, max_size=24))
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(body) - 1), st.integers(1, 3)), max_size=6))
    parks = [_park(s, min(len(body), s + n)) for s, n in spans]
    by_start = _ParksByStart(parks)
    for lo in range(len(body) + 1):
        for hi in range(lo, len(body) + 1):
            assert by_start.starting(lo, hi) == sorted((p for p in parks if lo <= p.start < hi), key=lambda p: p.start)
    for start in range(len(body)):
        for end in range(start + 1, len(body) + 1):
            f = _Found(start, start + 1, "brand", body[start])
            for sentence_end in (end, len(body)):
                plain = _plain_invests_in(body, f, parks, sentence_end)
                assert _invests_in(body, f, by_start, sentence_end) == plain, (body, parks, start, sentence_end)


def test_invests_in_on_an_invented_sentence():
    body = "星河科技在湘潭高新区投资建设新材料基地，云帆智能落户北辰园区"
    parks = [_park(5, 10), _park(26, 30)]
    f = _Found(0, 4, "brand", "星河科技")
    assert _invests_in(body, f, _ParksByStart(parks), 20) is True
    assert _plain_invests_in(body, f, parks, 20) is True
