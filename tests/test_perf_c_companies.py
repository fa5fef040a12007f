"""The shortcuts of the company extractor find what the full scans they replace find.

Each test compares a shortcut with the plain scan on invented sentences and on random texts
drawn from the characters the rule reads, so that a word added to a word list cannot make the
shortcut skip a match.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import _FOLLOW_STRONG, _industry_matches, _industry_pattern, _lexicon

_INVENTED = [
    "星河科技与本地高校签约，云帆新能源发布新品。",
    "园区企业瑞丰化工荣获称号；北辰智能装备自主研发的设备上线",
    "光伏企业青禾能源，储能企业远川电子科技。",
    "科技科技科技与",
    "信息技术信息安全，人工智能与大数据投资",
    "研发中心、技术服务和信息技术咨询",
    "",
    "与，。；",
]


def _alphabet() -> list[str]:
    """Industry words, company verbs, punctuation and a few other characters, to join at random."""
    lex = _lexicon()
    return [*lex.industry[:60], *lex.industry[-20:], *_FOLLOW_STRONG, *"，,；;。、的在甲乙丙 A1", "科", "技", "能"]


def _spans_agree(text: str) -> None:
    industry = _lexicon().industry
    shortcut = [m.span() for m in _industry_matches(text, industry)]
    full = [m.span() for m in _industry_pattern(industry).finditer(text)]
    assert shortcut == full, text


def test_industry_matches_on_invented_sentences():
    for text in _INVENTED:
        _spans_agree(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_alphabet()), max_size=24))
def test_industry_matches_on_random_texts(pieces: list[str]):
    _spans_agree("".join(pieces))
