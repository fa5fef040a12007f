"""The cheap gates in front of the metric extractor's patterns say what the patterns would.

A pattern prefixed with a lookahead of its opening characters, or a rule skipped when its cue
is missing, must find exactly what the bare pattern finds: these tests compare the two on
crafted texts and on texts drawn from the characters the patterns read.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parser

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import dates
from loaders.extract import metrics, parks, periods, projects, subjects  # noqa: F401  (their patterns register with skip_to)
from loaders.extract.context import ArticleContext
from loaders.extract.rules import EVENT_VERBS, SKIPPING
from tests.conftest import sample_pages

_OPENED = ("_QUARTER", "_FIRST_QUARTERS", "_HALF", "_MONTHS", "_FIRST_MONTHS", "_EARLY", "_DAY", "_YEAR_ONLY")
_LOOKAHEAD = re.compile(r"^\(\?=\[[^\]]*\]\)\(\?:(.*)\)$", re.DOTALL)

# the characters the period patterns read, and some they do not
_ALPHABET = "0123456789 年月日号季度半上下前第个今去本当以来初底末全度已累计—-至到一二三四五六七八九十园区，。增长"

_CRAFTED = [
    "2023年二季度重点项目集中开工",
    "今年前三季度，园区实现营收",
    "2024年 1—5月新增企业30家",
    " 上半年，全区新签约项目",
    "去年前10个月完成投资",
    "2022年初至今，累计引进",
    "5月7日，签约仪式在园区举行",
    "2019年度报告显示，2020年第二批名单",
    "本年 前 三季度",
]


def _bare(name: str) -> re.Pattern[str]:
    """The pattern `name` without its opening lookahead."""
    m = _LOOKAHEAD.match(getattr(periods, name).pattern)
    assert m, name
    return re.compile(m.group(1))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _texts() -> list[str]:
    return _CRAFTED + [p.read_text(encoding="utf-8") for p in sample_pages()]


def test_period_openings_find_what_the_bare_patterns_find():
    for name in _OPENED:
        opened, bare = getattr(periods, name), _bare(name)
        for text in _texts():
            assert _spans(opened, text) == _spans(bare, text), (name, text[:40])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_period_openings_agree_on_any_text(text: str):
    for name in _OPENED:
        assert _spans(getattr(periods, name), text) == _spans(_bare(name), text), name


def test_every_reference_holds_a_reference_cue():
    """`_by_reference` looks for its four patterns only where `_REFERENCE_CUE` finds a cue."""
    patterns = (subjects._COMPANY_REF, subjects._PROJECT_REF, subjects._HEAD_REF, subjects._PRONOUN)
    crafted = "该企业投资。这家公司。新项目总投资。项目计划。该基地。其产值。该中心"
    for text in [crafted, *_texts()]:
        for pattern in patterns:
            for m in pattern.finditer(text):
                assert subjects._REFERENCE_CUE.search(m.group(0)), m.group(0)


def test_regions_open_with_a_place_initial():
    """A clause whose lead opens with no place name's first character holds no region."""
    initials = subjects._place_initials()
    for text in _texts():
        for m in subjects._place_regex().finditer(text):
            assert m.group(0)[0] in initials


def _month_day_spans(matches) -> list[tuple[int, ...]]:
    return [m.span() + m.span(1) + m.span(2) for m in matches]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789٣ \u3000\t\n年月日号，x", max_size=30))
def test_month_days_agree_on_any_text(text: str):
    """`dates._month_days` tries the pattern only before each `月`; it finds what finditer finds."""
    assert _month_day_spans(dates._month_days(text)) == _month_day_spans(dates._MONTH_DAY.finditer(text))


def test_month_days_agree_on_the_sample_pages():
    crafted = "2023年5月6日，5月7日 8 月 9 日；123月4日、年 5月6日、x 12月31日"
    for text in [crafted, *_texts()]:
        assert _month_day_spans(dates._month_days(text)) == _month_day_spans(dates._MONTH_DAY.finditer(text))


_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_CATEGORY_SAMPLES = {sre_constants.CATEGORY_DIGIT: "0123456789", sre_constants.CATEGORY_SPACE: " \t\n"}


def _class_characters(items: list) -> set[str] | None:
    """Characters standing for a parsed character class (every literal, each range's ends, a
    category's usual members); None for a negated class or an unknown category."""
    out: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.add(chr(av))
        elif op is sre_constants.RANGE:
            out |= {chr(av[0]), chr(av[1])}
        elif op is sre_constants.CATEGORY and av in _CATEGORY_SAMPLES:
            out |= set(_CATEGORY_SAMPLES[av])
        else:
            return None
    return out


def _opening_characters(parsed: list) -> tuple[set[str] | None, bool]:
    """The characters a match of a parsed pattern can open with (None when the pattern opens
    with something this does not read), and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in parsed:
        if op in _ZERO_WIDTH:
            continue  # `(?<=…)`, `(?!…)`, `^`: they consume nothing
        if op is sre_constants.LITERAL:
            return out | {chr(av)}, False
        if op is sre_constants.IN:
            chars = _class_characters(av)
            return (None if chars is None else out | chars), False
        if op is sre_constants.BRANCH:
            parts = [_opening_characters(alt) for alt in av[1]]
        elif op is sre_constants.SUBPATTERN:
            parts = [_opening_characters(av[-1])]
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            first, empty = _opening_characters(av[2])
            parts = [(first, empty or av[0] == 0)]
        else:
            return None, False
        if any(first is None for first, _ in parts):
            return None, False
        out |= set().union(*(first for first, _ in parts))
        if not any(empty for _, empty in parts):
            return out, False
    return out, True


def test_every_skipping_pattern_opens_only_with_the_characters_it_names():
    """`rules.skip_to` tries a pattern only at the characters it names: each pattern made so
    (dates, periods, event verbs, zone suffixes and references, list tails) must be unable to
    open with any other, or a word added to it would be skipped silently."""
    parks._suffix_regex()  # built on first use, from the seeds' zone suffixes
    assert len(SKIPPING) >= 10  # every extractor module is imported above
    for first, pattern in SKIPPING:
        opens, empty = _opening_characters(sre_parser.parse(pattern))
        assert opens is not None and not empty, pattern
        named = re.compile(f"[{first}]")
        assert {ch for ch in opens if not named.fullmatch(ch)} == set(), pattern


def test_event_verbs_are_found_where_the_scan_of_every_position_finds_them():
    for text in _texts():
        assert [m.span() for m in metrics._EVENT_VERB.finditer(text)] == [m.span() for m in EVENT_VERBS.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_metric_keywords_by_initial_pick_the_most_specific(data):
    """`classify_metric` tries only the keywords opening with a character of the phrase; it picks
    the keyword the ranked scan of every keyword would."""
    unit = data.draw(st.sampled_from(["CNY", "USD", "家", "个", "人", "亩", "倍", "吨", "percent"]))
    growth = data.draw(st.booleans()) if unit != "percent" else True  # (a share is read apart)
    words = [k for k, _ in metrics._keywords_for("percent", True)]
    phrase = "".join(data.draw(st.lists(st.sampled_from([*words, "的", "全区", "新"]), max_size=4)))
    ranked = next((code for keyword, code in metrics._keywords_for(unit, growth) if keyword in phrase), None)
    assert metrics.classify_metric(phrase, unit, growth) == (ranked or metrics.classify_metric("", unit, growth))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab。！？!?；;\n ", max_size=24))
def test_sentence_at_bisects_to_the_sentence_a_scan_finds(text: str):
    """`ArticleContext.sentence_at` bisects the sentence starts; a scan of them says the same."""
    ctx = ArticleContext(text)
    for pos in range(-1, len(text) + 2):
        scanned = next(((a, b) for a, b in ctx.sentences if a <= pos < b), (0, len(text)))
        assert ctx.sentence_at(pos) == scanned, pos
