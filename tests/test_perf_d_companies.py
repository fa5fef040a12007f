"""The per-article indexes of the company and project extractors answer what the scans they
replace answer, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import _CLAUSE_SPLIT, _SENTENCE_END, _Marks

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
