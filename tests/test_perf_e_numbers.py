"""The shortcuts of the numbers area must say what the plain rules they stand in for say.

Each test sets a shortcut beside its reference (the rule written out plainly, as it was) on
invented text, crafted and generated."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.formats import base

# --- formats.base.language_problem: the UTF-16 rows pre-scan ------------------------------

_SCRIPTS = (
    "高新区园区企业发展项目投资亿元万家",  # Han
    "兀豈更車賈滑",  # Han (compatibility ideographs, U+F900-FAFF)
    "abcXYZéÀżЖжǅɏ",  # Latin, with Latin-1, Latin Extended and Cyrillic
    "ひらがなカタカナー",  # kana
    "한국어산업단지",  # Hangul
    "0123456789 \n\t，。、“”《》「」·—…！？",  # neither: digits, spaces, punctuation
    "\u3400\u9fff\u3040\u30ff\uac00\ud7af\ud7b0\u024f\u0250\u00bf\u00c0\U00020000\ud800",  # edges
)


def _plain_problem(text: str) -> str | None:
    """language_problem as it was: the four script regexes, counted on every page."""
    han, latin, kana, hangul = (base._letters(s, text) for s in (base._HAN, base._LATIN, base._KANA, base._HANGUL))
    letters = han + latin + kana + hangul
    if letters < base.MIN_LETTERS_TO_JUDGE:
        return None
    if kana > 0.1 * letters:
        script = "Japanese"
    elif hangul > 0.1 * letters:
        script = "Korean"
    elif han < base.MIN_HAN_SHARE * letters:
        script = "Latin-script (e.g. English)"
    else:
        return None
    return (
        f"not a Chinese page: its text is mostly {script} ({han} of {letters} letters are Chinese); "
        "gaoxin reads Chinese news"
    )


_CRAFTED_PAGES = [
    "本报讯 " + "园区企业发展迅速，" * 20,
    "The park hosts many firms and startups. " * 10,
    "日本の高新技術産業開発区では、企業がたくさん集まっています。" * 5,
    "한국의 산업단지에는 많은 기업이 모여 있습니다. " * 10,
    "高新区" * 30 + "ひらがな" * 9,  # kana just about the share
    "高新区" * 30 + "ひらがな" * 10 + "。" * 200,  # punctuation in the kana row
    "高新区" * 10 + "abc " * 20,
    "",
    "短",
]


def test_language_problem_matches_the_plain_counts_on_crafted_pages():
    for text in _CRAFTED_PAGES:
        assert base.language_problem(text) == _plain_problem(text), text[:20]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SCRIPTS), st.integers(1, 40)), max_size=12), st.randoms())
def test_language_problem_matches_the_plain_counts_on_mixed_scripts(runs, rnd):
    text = "".join("".join(rnd.choice(chars) for _ in range(n)) for chars, n in runs)
    assert base.language_problem(text) == _plain_problem(text)
    if base._surely_chinese(text):
        assert _plain_problem(text) is None
