"""Round i's shortcuts of the company and project extractors decide what the plain rules they
replace decide, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

import re
import re._parser as sre_parser

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import MonkeyPatch

from loaders.extract import projects as P
from loaders.extract.companies import (
    _INVESTS,
    _PLACING_RIGHT,
    _Found,
    _invests_in,
    _ParksByStart,
    _placing_right,
)
from loaders.extract.rules import STATUS
from loaders.extract.spans import ParkMention
from tests.test_extract_prescans import _opening_characters

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


# --- projects: stop words and status verbs ----------------------------------------------------


def _stop_word_end_agrees(text: str) -> None:
    """Where the rightmost stop word ends: the compiled finder against one `rfind` per word."""
    plain = max([text.rfind(w) + len(w) for w in P._STOP_WORDS if text.rfind(w) >= 0], default=0)
    assert P._LAST_STOP_WORD_END(text) == plain, text


def test_end_of_last_stop_word_on_invented_sentences():
    for text in ["本次签约的星河产业园", "推进云帆数据中心建设", "又一个北辰基地", "如果说那么", "星河", ""]:
        _stop_word_end_agrees(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*P._STOP_WORDS[:40], "又一", "一个", "星河", "基地", "计划", "建设"]), max_size=6))
def test_end_of_last_stop_word_on_random_texts(pieces: list[str]):
    _stop_word_end_agrees("".join(pieces))


def test_each_status_opens_only_with_the_characters_it_names():
    """`_status` tries at a verb start only the statuses named for its character: a verb added to
    a status and opening with another character would be missed."""
    assert [status for status, _ in STATUS] == list(P._OPENINGS_BY_STATUS)
    for status, pattern in STATUS:
        opens, empty = _opening_characters(sre_parser.parse(pattern))
        assert opens is not None and not empty, status
        assert opens <= set(P._OPENINGS_BY_STATUS[status]), (status, opens - set(P._OPENINGS_BY_STATUS[status]))


def _every_status(extra: tuple[tuple[str, str], ...]) -> dict[str, frozenset[int]]:
    """The plain rule: every status tried at every verb start."""
    everywhere = frozenset(range(len(STATUS) + len(extra)))
    return {ch: everywhere for ch in P._STATUS_OPENINGS + P._LIST_STATUS_OPENINGS}


def _status_agrees(before: str, after: str) -> None:
    for extra in ((), P._LIST_STATUS):
        short = P._status(before, after, extra)
        with MonkeyPatch.context() as m:
            m.setattr(P, "_status_openers", _every_status)
            assert P._status(before, after, extra) == short, (before, after, extra)


def test_status_on_invented_sentences():
    for before, after in [
        ("星河新材料产业园项目今年开工建设，", "已经投入运营"),
        ("", "二期计划明年竣工，设施工程加快建设"),
        ("该项目拟投资5亿元，预计年底建成投产", "揭牌"),
        ("双方签约后", "推动一批重大项目早日落地"),
        ("", ""),
    ]:
        _status_agrees(before, after)


_VERB_PIECES = sorted({ch for _, pattern in STATUS + P._LIST_STATUS for ch in pattern if "\u4e00" <= ch <= "\u9fff"})


_BEFORE_PIECES = [*_VERB_PIECES, "，", "后", "企", "业"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_BEFORE_PIECES, max_size=12), st.text(alphabet=_VERB_PIECES, max_size=8))
def test_status_on_random_texts(before: str, after: str):
    _status_agrees(before, after)


# --- projects: batch and generic-tail patterns tried at their opening characters --------------

_BARE = re.compile(r"^\(\?=\[[^\]]*\]\)\(\?:(.*)\)$", re.DOTALL)


def _bare_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the opening lookahead `rules.skip_to` put in front of it."""
    m = _BARE.match(pattern.pattern)
    assert m, pattern.pattern
    return re.compile(m.group(1))


def _tails_agree(text: str) -> None:
    for pattern in (P._BATCH, P._GENERIC_TAIL):
        assert bool(pattern.search(text)) == bool(_bare_pattern(pattern).search(text)), (pattern.pattern[:20], text)


def test_batch_and_generic_tail_on_invented_names():
    for text in ["2023年招商引资", "海口国家高新区7个", "省级重点", "多个", "一批重大", "投资推介会", "两大", ""]:
        _tails_agree(text)


_TAIL_PIECES = sorted(
    {ch for p in (P._BATCH, P._GENERIC_TAIL) for ch in _bare_pattern(p).pattern if "\u4e00" <= ch <= "\u9fff"}
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=[*_TAIL_PIECES, "7", "1", "0", " ", "星", "河"], max_size=10))
def test_batch_and_generic_tail_on_random_texts(text: str):
    _tails_agree(text)
