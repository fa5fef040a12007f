"""Pages in traditional characters are read as simplified; simplified pages are untouched."""

from __future__ import annotations

import re

from loaders.formats.base import ArticleText, SourcePage
from loaders.ingest import page_articles
from loaders.simplify import MIN_HAN_TO_JUDGE, TRADITIONAL_SHARE, _converter, is_traditional, to_simplified

TRADITIONAL = "本報訊 3月5日，青禾高新區集中簽約落戶12個優質項目，總投資達10億元，涉及高端製造、新材料等產業領域。"
SIMPLIFIED = "本报讯 3月5日，青禾高新区集中签约落户12个优质项目，总投资达10亿元，涉及高端制造、新材料等产业领域。"


def test_a_traditional_text_is_recognised_and_converted():
    assert is_traditional(TRADITIONAL)
    assert to_simplified(TRADITIONAL) == SIMPLIFIED


def test_a_simplified_text_is_not_traditional_even_with_characters_opencc_would_map():
    assert not is_traditional(SIMPLIFIED)
    assert not is_traditional("乾县高新区签约项目12个，总投资10亿元，涉及高端制造、新材料等产业领域。" * 2)


def test_a_text_page_in_traditional_characters_yields_simplified_articles():
    arts = page_articles(SourcePage(text=TRADITIONAL, encoding="utf-8"))
    assert len(arts) == 1
    assert "青禾高新区集中签约落户12个优质项目" in arts[0].body


def test_laid_out_articles_are_converted_title_and_all():
    laid = [ArticleText(title="青禾高新區簽約忙", byline=None, paragraphs=[TRADITIONAL])]
    page = SourcePage(text=TRADITIONAL, encoding="utf-8", articles=laid)
    (art,) = page_articles(page)
    assert art.title == "青禾高新区签约忙"
    assert art.body == SIMPLIFIED


def test_a_simplified_page_is_left_exactly_as_read():
    body = "乾县经开区今年签约项目8个。" + SIMPLIFIED
    page = SourcePage(text=body, encoding="utf-8", articles=[ArticleText(title="乾县", byline=None, paragraphs=[body])])
    assert page_articles(page)[0].body == body


def test_judging_on_the_han_characters_alone_decides_as_before():
    """is_traditional reads the Han characters in one pass and skips counting when the
    conversion changes nothing; the judgement is that of counting every character."""

    def judged_per_character(text: str) -> bool:
        han = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text)
        if len(han) < MIN_HAN_TO_JUDGE:
            return False
        chars = "".join(han)
        changed = sum(a != b for a, b in zip(chars, _converter().convert(chars), strict=False))
        return changed > TRADITIONAL_SHARE * len(han)

    mixed = [SIMPLIFIED * 3 + TRADITIONAL[:k] for k in range(0, len(TRADITIONAL), 3)]
    for text in [TRADITIONAL, SIMPLIFIED, "乾县" * 15, "abc 123" * 20, "𠀀𠀁" + SIMPLIFIED, *mixed]:
        assert is_traditional(text) == judged_per_character(text), text
