"""The per-article indexes and pre-scans of the company and project extractors answer what the scans they
replace answer, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import (
    _CLAUSE_SPLIT,
    _LEGAL,
    _SENTENCE_END,
    _legal_scan_start,
    _lists_with_known,
    _Marks,
)

_CLAUSE_MARKS = '，。；！？：,;!?:\n“”"《》'
_SENTENCE_MARKS = "。！？!?\n"

_INVENTED = [
    "星河科技与本地高校签约，云帆新能源发布新品。青禾能源、远川电子等企业入驻园区！",
    "“北辰智能”是一家装备企业；其总部位于滨湖新区：A座\n第二段",
    "无标点的一段话",
    "",
    "。，",
]


def _opening_by_scan(body: str, pos: int, marks: str) -> int:
    while pos > 0 and body[pos - 1] not in marks:
        pos -= 1
    return pos


def _end_by_scan(body: str, pos: int, marks: str) -> int:
    while pos < len(body) and body[pos] not in marks:
        pos += 1
    return pos


def _marks_agree(body: str) -> None:
    for pattern, marks in ((_CLAUSE_SPLIT, _CLAUSE_MARKS), (_SENTENCE_END, _SENTENCE_MARKS)):
        index = _Marks(body, pattern)
        for pos in range(len(body) + 1):
            opening, end = _opening_by_scan(body, pos, marks), _end_by_scan(body, pos, marks)
            assert index.opening(pos) == opening, (body, pos)
            assert index.end(pos) == end, (body, pos)
            assert index.around(pos) == (opening, end), (body, pos)


def test_marks_on_invented_sentences():
    for body in _INVENTED:
        _marks_agree(body)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="星河甲乙A1 、" + _CLAUSE_MARKS, max_size=40))
def test_marks_on_random_texts(body: str):
    _marks_agree(body)


def _legal_spans_agree(body: str) -> None:
    assert [m.span() for m in _LEGAL.finditer(body, _legal_scan_start(body))] == [
        m.span() for m in _LEGAL.finditer(body)
    ], body


def test_legal_scan_start_on_invented_names():
    for body in [
        "星河科技股份有限公司与青禾能源有限责任公司签约，云帆合伙企业（有限合伙）入驻",
        "北辰智能有限公司滨湖分公司、远川子公司、南山总公司和集团公司",
        "分公司",
        "公司",
        "无公司字样的正文",
        "",
    ]:
        _legal_spans_agree(body)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["股份", "有限", "责任", "公司", "集团", "合伙", "企业", "（有限合伙）", "分", "子", "星河", "，"]
        ),
        max_size=10,
    )
)
def test_legal_scan_start_on_random_texts(pieces: list[str]):
    _legal_spans_agree("".join(pieces))


def _lists_by_reading_every_clause(body: str, known_texts: set[str]) -> list[tuple[int, int]]:
    """`_lists_with_known` as it was written first: every clause with a `、`, in turn."""
    clauses, out, i = _Marks(body, _CLAUSE_SPLIT), [], 0
    while (i := body.find("、", i)) != -1:
        cs, ce = clauses.around(i)
        i = ce
        if any(t in body[cs:ce] for t in known_texts):
            out.append((cs, ce))
    return out


def _lists_agree(body: str, known_texts: set[str]) -> None:
    found = _lists_with_known(body, _Marks(body, _CLAUSE_SPLIT), known_texts)
    assert found == _lists_by_reading_every_clause(body, known_texts), (body, known_texts)


def test_lists_with_known_on_invented_sentences():
    body = "星河科技、青禾能源等企业入驻，云帆新能源与北辰智能签约。远川电子、星河科技和南山集团；星河科技"
    for known in [set(), {"星河科技"}, {"云帆新能源"}, {"北辰智能", "南山集团"}, {"科技、青禾"}, {"签约。远川"}]:
        _lists_agree(body, known)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="星河甲乙、，。“”等和", max_size=40),
    st.sets(st.text(alphabet="星河甲乙、，", min_size=1, max_size=3), max_size=3),
)
def test_lists_with_known_on_random_texts(body: str, known_texts: set[str]):
    _lists_agree(body, known_texts)
