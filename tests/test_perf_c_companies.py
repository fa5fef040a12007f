"""The shortcuts of the company extractor find what the full scans they replace find.

Each test compares a shortcut with the plain scan on invented sentences and on random texts
drawn from the characters the rule reads, so that a word added to a word list cannot make the
shortcut skip a match.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.companies import (
    _FOLLOW_STRONG,
    _NAME_CHAR,
    _SHORT_HAN,
    _cut_words,
    _has_cover_word,
    _industry_matches,
    _industry_pattern,
    _lexicon,
    _scan_left,
    _Spans,
    _uncovered,
)

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


def _scan_left_by_char(body: str, end: int, limit: int, spans: _Spans | None = None) -> int:
    """`_scan_left` as it was written first: one character test at a time."""
    i = end
    while i > 0 and end - i < limit:
        if spans is not None and spans.is_used(i - 1):
            break
        c = body[i - 1]
        if _NAME_CHAR.match(c):
            i -= 1
            continue
        if c in "）)":
            j = max(body.rfind("（", max(0, i - 12), i - 1), body.rfind("(", max(0, i - 12), i - 1))
            inner = body[j + 1 : i - 1] if j >= 0 else ""
            if j > 0 and inner and _SHORT_HAN.fullmatch(inner) and _NAME_CHAR.match(body[j - 1]):
                i = j
                continue
        break
    return i


_NAMED = [
    "由青禾（攀西）新材料有限公司投资",
    "星河(北岸)科技、远川电子（2）和OPPO·云&帆公司",
    "，（）()（甲）乙（丙丁）戊",
]


def _scans_agree(body: str, taken: list[bool]) -> None:
    spans = _Spans(len(body))
    for pos, used in enumerate(taken[: len(body)]):
        if used:
            spans.take(pos, pos + 1)
    for end in range(len(body) + 1):
        for limit in (0, 1, 7, 12, 40):
            assert _scan_left(body, end, limit) == _scan_left_by_char(body, end, limit), (body, end, limit)
            got, want = _scan_left(body, end, limit, spans), _scan_left_by_char(body, end, limit, spans)
            assert got == want, (body, end, limit, taken)


def test_scan_left_on_invented_names():
    for body in _NAMED:
        _scans_agree(body, [])
        _scans_agree(body, [i % 5 == 3 for i in range(len(body))])


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="甲乙丙丁戊己庚Ab1·&（）()，、 ", max_size=30),
    st.lists(st.booleans(), max_size=30),
)
def test_scan_left_on_random_texts(body: str, taken: list[bool]):
    _scans_agree(body, taken)


def _uncovered_by_size(text: str) -> int:
    """`_uncovered` as it was written first: every length down from the longest cover word."""
    cover = _lexicon().cover
    longest = max(map(len, cover))
    i, free = 0, 0
    while i < len(text):
        size = next((k for k in range(min(longest, len(text) - i), 1, -1) if text[i : i + k] in cover), 0)
        i, free = (i + size, free) if size else (i + 1, free + 1)
    return free


def _has_cover_word_by_size(text: str) -> bool:
    cover = _lexicon().cover
    return any(text[i:j] in cover for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _cover_pieces() -> list[str]:
    """Cover words (generic words, industry words, regions), their halves, and other characters."""
    words = sorted(_lexicon().cover)[::7]
    return [*words, *(w[: len(w) // 2 + 1] for w in words[::3]), *"星河甲乙的与A1"]


def test_uncovered_on_invented_names():
    for text in ["浙江星河数字科技", "湖南", "数字科技", "前沿科技发展", "青禾", "", "A", "长治市卓远信息安全"]:
        assert _uncovered(text) == _uncovered_by_size(text), text
        assert _has_cover_word(text) == _has_cover_word_by_size(text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_cover_pieces()), max_size=6))
def test_uncovered_on_random_texts(pieces: list[str]):
    text = "".join(pieces)
    assert _uncovered(text) == _uncovered_by_size(text), text
    assert _has_cover_word(text) == _has_cover_word_by_size(text), text


def _cut_words_by_size(text: str, offset: int) -> list[tuple[int, str]]:
    """`_cut_words` as it was written first: every length down from the longest cut word."""
    cut = _lexicon().cut_words
    longest = max(map(len, cut))
    out = []
    for i in range(len(text)):
        size = next((k for k in range(min(longest, len(text) - i), 0, -1) if text[i : i + k] in cut), 0)
        if size:
            out.append((offset + i + size, cut[text[i : i + size]]))
    return out


def _cut_pieces() -> list[str]:
    words = sorted(_lexicon().cut_words)[::5]
    return [*words, *(w[:-1] for w in words[::4] if len(w) > 1), *"星河甲乙A1（）"]


def test_cut_words_on_invented_texts():
    for text in ["的星河科技", "与南开大学和青禾研究院联合", "吸纳深圳某某科技", "", "由", "和为及"]:
        assert _cut_words(text, 7) == _cut_words_by_size(text, 7), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_cut_pieces()), max_size=8))
def test_cut_words_on_random_texts(pieces: list[str]):
    text = "".join(pieces)
    assert _cut_words(text, 3) == _cut_words_by_size(text, 3), text
