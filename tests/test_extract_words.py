"""The extractors' word look-ups and pattern shortcuts find what the plain searches would find."""

from __future__ import annotations

import re

from loaders.extract.companies import (
    _FOLLOW_STRONG,
    _industry_pattern,
    _lexicon,
    _split_words,
    _words_within,
)
from tests.conftest import sample_pages

_NAMES = ["华数数字电视传媒", "三花智能控制", "质安检测技术服务", "信息", "智能控制", "", "科技"]


def test_words_within_finds_every_word_the_text_holds():
    lex = _lexicon()
    for name in _NAMES + list(lex.industry[:40]):
        assert _words_within(name, lex.industry_set) == {w for w in lex.industry if w in name}, name


def test_split_words_takes_the_longest_scope_word_at_each_point():
    lex = _lexicon()

    def naive(tail: str) -> list[str]:
        out, i = [], 0
        while i < len(tail):
            word = next((w for w in lex.scope if tail.startswith(w, i)), None)
            if word is None:
                break
            out.append(word)
            i += len(word)
        return out

    for name in _NAMES + [a + b for a in lex.scope[:30] for b in lex.scope[-30:]]:
        assert _split_words(name) == naive(name), name


def test_industry_trie_pattern_matches_what_the_word_alternation_matched():
    lex = _lexicon()
    alt = "|".join(map(re.escape, lex.industry))
    follow = "|".join(map(re.escape, _FOLLOW_STRONG))
    plain = re.compile(f"(?:{alt})(?:{alt})*(?=(?:{follow})|[，,；;。])")
    scope_end = re.compile("(?:" + "|".join(map(re.escape, lex.scope)) + r")\Z")
    for page in sample_pages():
        text = page.read_text(encoding="utf-8")
        assert [m.span() for m in _industry_pattern(lex.industry).finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        for line in text.splitlines():
            found, searched = lex.scope_end.search(line, 2), scope_end.search(line, 2)
            assert (found and found.start()) == (searched and searched.start()), line


def test_list_tail_opening_lookahead_changes_no_match():
    from loaders.extract.projects import _LIST_TAIL

    plain = re.compile(
        r"(?:等(?:[\d一二两三四五六七八九十]+(?:余|多)?个|一批|多个)?|(?<=[\u4e00-\u9fff）)”])[\d一二两三四五六七八九十]+个)"
        r"(?:总?投资额?[\d.]+\s*[万亿]*元的?)?[\u4e00-\u9fff]{0,8}项目(?:[\d一二两三四五六七八九十百]+个)?|"
        r"(?<=[\u4e00-\u9fff）)”])[两三四五六七八九十]大项目"
    )
    texts = [p.read_text(encoding="utf-8") for p in sample_pages()] + ["推进A、B等17个项目，C、D十大项目，3个重点项目"]
    for text in texts:
        assert [m.span() for m in _LIST_TAIL.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_bare_company_pattern_written_word_first_matches_as_before():
    from loaders.extract.companies import _BARE_COMPANY

    plain = re.compile(r"(?<![限份分总母团])(?<!(?<![电量光粒])子)公司")
    texts = [p.read_text(encoding="utf-8") for p in sample_pages()]
    texts += ["子公司、电子公司、总公司、量子公司、有限公司、公司、子子公司、粒子公司、光子公司、集团公司"]
    for text in texts:
        assert [m.span() for m in _BARE_COMPANY.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sentence_and_clause_openings_match_a_scan_back():
    from loaders.extract.companies import _clause_opening, _sentence_start

    def scan_back(body: str, pos: int, marks: str) -> int:
        while pos > 0 and body[pos - 1] not in marks:
            pos -= 1
        return pos

    texts = [p.read_text(encoding="utf-8") for p in sample_pages()] + ["无标点" * 500, ""]
    for text in texts:
        for pos in [*range(0, len(text) + 1, 97), len(text)]:
            assert _sentence_start(text, pos) == scan_back(text, pos, "。！？!?\n")
            assert _clause_opening(text, pos) == scan_back(text, pos, '，。；！？：,;!?:\n“”"《》')
    long = "无标点" * 40_000  # far more windows than the stack has frames
    assert _sentence_start(long, len(long)) == 0 == _clause_opening(long, len(long))


def test_date_pattern_opening_lookahead_changes_no_match():
    from loaders.extract.rules import DATE

    plain = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
    texts = [p.read_text(encoding="utf-8") for p in sample_pages()] + ["2024 年 3 月 5 日、12月1号、３月５日、年3月"]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in DATE.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ]


def test_occurrences_are_what_a_search_for_the_escaped_form_finds():
    from loaders.extract.projects import _occurrences

    text = "湘潭数据大厦及机房楼项目，湘潭数据大厦湘潭数据大厦；aaaa（a）"
    for form in ("湘潭数据大厦", "aa", "（a）", "不在其中", "。"):
        assert list(_occurrences(text, form)) == [m.span() for m in re.finditer(re.escape(form), text)]


def test_place_pattern_finds_a_place_wherever_a_slice_is_one():
    from loaders.extract.projects import _place_pattern
    from loaders.reference import place_names

    places = place_names()
    texts = [ln[:10] for p in sample_pages() for ln in p.read_text(encoding="utf-8").splitlines()]
    for text in [*texts, "", "在双流建设", "湘潭万洋众创城"]:
        by_slices = any(text[i:j] in places for i in range(len(text)) for j in range(i + 2, len(text) + 1))
        assert (_place_pattern().search(text) is not None) == by_slices, text
