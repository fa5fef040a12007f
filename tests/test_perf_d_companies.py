"""The pre-scans of the company extractor find what the scans they replace find, on invented
sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import _LEGAL, _clause_bounds, _legal_scan_start, _lists_with_known


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
    out, i = [], 0
    while (i := body.find("、", i)) != -1:
        cs, ce = _clause_bounds(body, i)
        i = ce
        if any(t in body[cs:ce] for t in known_texts):
            out.append((cs, ce))
    return out


def _lists_agree(body: str, known_texts: set[str]) -> None:
    found = _lists_with_known(body, known_texts)
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
