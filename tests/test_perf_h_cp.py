"""The shortcuts of the company and project extractors find what the plain rules they replace
find, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import _LEGAL, _legal_matches


def _legal_agree(body: str) -> None:
    assert [m.span() for m in _legal_matches(body)] == [m.span() for m in _LEGAL.finditer(body)], body


def test_legal_matches_on_invented_names():
    for body in [
        "星河科技股份有限公司与青禾能源有限责任公司签约，云帆合伙企业（有限合伙）入驻",
        "北辰智能有限公司滨湖分公司、远川子公司、南山总公司和集团公司，股份公司",
        "有限公司",
        "分公司",
        "公司",
        "合伙企业",
        "无公司字样的正文",
        "",
    ]:
        _legal_agree(body)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["股份", "有限", "责任", "公司", "集团", "合伙", "企业", "（有限合伙）", "分", "子", "星河", "，", "限", "份"]
        ),
        max_size=12,
    )
)
def test_legal_matches_on_random_texts(pieces: list[str]):
    _legal_agree("".join(pieces))
