"""The metric reader's pre-checks decide what the plain readings they skip decide.

`subjects._region` reads a clause's opening only when it holds a character a region's name
ends with; `_zones` only when it holds `国`; `opening_subject` only when a zone starts in the
sentence or it holds `国`; `topic` only when a head word stands in the sentence. `_Names`
makes a name's subject from its place in the article's lists, and `ArticleContext.derived`
keeps what it computed, None included. Each is compared with the plain rule on invented text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import metrics, subjects
from loaders.extract.context import ArticleContext
from loaders.extract.spans import CompanyMention, ParkMention

# invented fragments: places of the gazetteer, zone words, LEAD words, heads, figures, marks
_FRAGMENTS = [
    "河南省",
    "贵州",
    "苏州市",
    "荣昌区",
    "南宁",
    "成都高新区",
    "青禾高新区",
    "全国高新区",
    "国家级经开区",
    "国家高新区",
    "全省",
    "首家",
    "级",
    "质检院",
    "2023年",
    "今年以来",
    "累计",
    "新增",
    "其中",
    "实现",
    "12家",
    "3.5亿元",
    "的",
    "占",
    "星河人才城",
    "创新服务中心",
    "星河创业平台",
    "青禾实训基地",
    "东湖科创联盟",
    "光谷创客谷",
    "星河创新大赛",
    "青禾人才交流会",
    "计划投资",
    "行动计划",
    "该平台",
    "本次招聘会",
    "已举办",
    "在人才引进方面，",
    "企业",
    "产值",
    "，",
    "。",
    "；",
    "、",
    "（",
    "）",
    " ",
]
_TEXT = st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join)


def _plain_lead(body: str, start: int, qs: int) -> str:
    return body[subjects._lead_end(body, start, qs) : qs]


def _plain_zones(lead: str, qs: int) -> subjects.Subject | None:
    m = subjects._CLASS_OF_ZONES.match(lead)
    return subjects.Subject(qs - len(lead) + m.end(), "other", "国家高新区") if m else None


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_region_and_zones_read_only_where_they_can_be(before: str, clause: str):
    body = before + clause + "12亿元"
    start, qs = len(before), len(before) + len(clause)
    ctx = ArticleContext(body)
    lead = _plain_lead(body, start, qs)
    assert subjects._region(ctx, start, qs) == subjects._region_opening(lead, qs)
    assert subjects._zones(ctx, start, qs) == _plain_zones(lead, qs)


def test_region_endings_cover_every_label_ending():
    """`_REGION_END` holds the last character of every ending `_region_opening` accepts."""
    for ending in subjects._REGION_ENDINGS:
        assert subjects._REGION_END.fullmatch(ending[-1])


def _zone(body: str, text: str, name: str, reference: bool = False) -> ParkMention:
    start = body.index(text)
    return ParkMention(start, start + len(text), text, name, "高新区", is_reference=reference)


def _plain_opening_subject(ctx: ArticleContext, s0: int, s_end: int) -> subjects.Subject | None:
    at = subjects._lead_end(ctx.body, s0, s_end)
    cls = subjects._CLASS_OF_ZONES.match(ctx.body, at, s_end)
    if cls:
        return subjects.Subject(cls.end(), "other", "国家高新区")
    zone = next((p for p in ctx.parks if p.start == at and not p.is_reference), None)
    return subjects._park(zone) if zone else None


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT, st.booleans())
def test_opening_subject_skips_only_sentences_it_cannot_open(before: str, sentence: str, reference: bool):
    body = before + sentence + "。"
    s0, s_end = len(before), len(body)
    ctx = ArticleContext(body)
    for text, name in (("青禾高新区", "青禾高新区"), ("成都高新区", "成都高新区")):
        if text in body:
            ctx.parks.append(_zone(body, text, name, reference and text.startswith("青")))
    assert subjects.opening_subject(ctx, s0, s_end) == _plain_opening_subject(ctx, s0, s_end)


def test_topic_head_words_are_the_heads_without_their_lookahead():
    assert "(?" not in subjects._TOPIC_HEAD_WORDS.pattern
    assert subjects._TOPIC_HEAD.pattern.count("|") == subjects._TOPIC_HEAD_WORDS.pattern.count("|")


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_topic_skips_only_sentences_without_a_head(before: str, sentence: str):
    body = before + sentence + "。"
    s0, s_end = len(before), len(body)
    ctx = ArticleContext(body)
    found = subjects.topic(ctx, s0, s_end)
    every = subjects._TOPIC_HEAD_WORDS
    try:
        subjects._TOPIC_HEAD_WORDS = re.compile("")  # the plain rule: every sentence read
        assert found == subjects.topic(ArticleContext(body), s0, s_end)
    finally:
        subjects._TOPIC_HEAD_WORDS = every


def _plain_named_before(ctx: ArticleContext, s0: int, qs: int) -> list[subjects.Subject]:
    """The names before the figure as the rules were written against: zones, then companies,
    each made on the spot, ranked by end (then by that order), objects and closed brackets out."""
    body = ctx.body
    named = [(p.start, p.end, subjects._park(p)) for p in ctx.parks]
    named += [(c.start, c.end, subjects._company(ctx, c)) for c in ctx.companies]
    kept = [
        (b, order, s)
        for order, (a, b, s) in enumerate(named)
        if s0 <= a and b <= qs and not subjects._is_object(body, a, b) and not subjects._closed_parenthesis(body, b, qs)
    ]
    return [s for _, _, s in sorted(kept, key=lambda t: t[:2])]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["青禾高新区", "星河公司", "，", "、", "的", "（", "）", "实现", "产值"]), max_size=10))
def test_names_are_made_from_their_place_in_the_lists(words: list[str]):
    body = "".join(words) + "12亿元"
    qs = len(body) - len("12亿元")
    ctx = ArticleContext(body)
    at = 0
    for w in words:
        if w == "青禾高新区":
            ctx.parks.append(ParkMention(at, at + len(w), w, w, "高新区"))
        elif w == "星河公司":
            ctx.companies.append(CompanyMention(at, at + len(w), w, w, "short"))
        at += len(w)
    figure = subjects.Figure(0, len(body), qs, len(body), "CNY", 0)
    assert subjects.named_before(ctx, figure) == _plain_named_before(ctx, 0, qs)


def test_derived_computes_once_and_keeps_none():
    ctx = ArticleContext("青禾高新区实现产值12亿元。")
    calls: list[int] = []

    def nothing(c: ArticleContext, k: int) -> None:
        calls.append(k)

    assert ctx.derived(nothing, 1) is None
    assert ctx.derived(nothing, 1) is None
    assert ctx.derived(nothing, 2) is None
    assert calls == [1, 2]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="该这家企业公司基地园区中心工程产业园生产线其项目，。", max_size=20))
def test_reference_patterns_hold_their_gate_words(text: str):
    """`_by_reference` tries `_COMPANY_REF` only with `该` or `这家`, `_HEAD_REF` only with `该`."""
    if "该" not in text and "这家" not in text:
        assert subjects._COMPANY_REF.search(text) is None
    if "该" not in text:
        assert subjects._HEAD_REF.search(text) is None


def _plain_clause_start(text: str, pos: int, floor: int) -> int:
    """The clause's start as it was read: stepping back one character at a time."""
    k = pos
    while k > floor:
        if text[k - 1] == "”":
            opening = text.rfind("“", floor, k - 1)
            if (
                opening != -1
                and k - 1 - opening <= metrics._QUOTED_TERM
                and not any(c in metrics._CLAUSE_BREAK for c in text[opening + 1 : k - 1])
            ):
                k = opening
                continue
        if text[k - 1] in metrics._CLAUSE_BREAK:
            break
        k -= 1
    return k


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="“”专精特新企业国家级，,。；;：:！？!?\n、（(）) 产值的", max_size=30), st.data())
def test_clause_start_is_the_last_break_found_by_one_search(text: str, data: st.DataObject):
    pos = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, pos))
    assert metrics._clause_start(text, pos, floor) == _plain_clause_start(text, pos, floor)
