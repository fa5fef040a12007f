"""What the metric reader reads once per sentence decides what reading it per figure decided.

`subjects.sentence_rules` leaves out of a sentence's figures the rules whose words the sentence
does not hold; `find_metrics` reads a sentence's period scope at its start, not at each figure;
`_by_later` makes its lists only when a name starts after the figure in its sentence; a figure
takes the periods read for the one before it when no period word stands between them
(`_periods_before`); a period's groups are read without the group dict, and `respectively` only
in a sentence holding `分别`. Each is compared with the plain reading on invented text.
"""

from __future__ import annotations

from datetime import date
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.extract import metrics, periods, subjects
from loaders.extract.context import ArticleContext
from loaders.extract.numbers import read_quantities
from loaders.extract.projects import ProjectMention
from loaders.extract.spans import CompanyMention, ParkMention

# invented fragments: the rules' words, names, brackets, scopes, batches, figures and marks
_FRAGMENTS = [
    "青禾高新区",
    "星河公司",
    "苏州市",
    "全国",
    "全市",
    "该企业",
    "这家公司",
    "该项目",
    "新项目",
    "其",
    "其中",
    "项目",
    "5个项目",
    "签约金额",
    "总投资规模",
    "投资",
    "总投资",
    "建设",
    "星河数据中心项目",
    "（",
    "(",
    "）",
    "平均通过率",
    "实现",
    "产值",
    "的",
    "、",
    "，",
    "；",
    "12亿元",
    "3.5亿元",
    "60.45%",
    "20家",
    "第15",
    "“",
    "”",
    "总经理李明说",
]
_SENTENCE = st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join)


def _article(body: str) -> ArticleContext:
    """A context naming the invented zone, company and project wherever they stand."""
    ctx = ArticleContext(body)
    project = "星河数据中心项目"
    at = body.find(project)
    while at >= 0:
        ctx.projects.append(
            ProjectMention(at, at + len(project), project, "signed", None, None, None, "星河公司", None, None, 0, 0, "")
        )
        at = body.find(project, at + 1)
    for name, add in (("青禾高新区", ctx.parks), ("星河公司", ctx.companies)):
        at = body.find(name)
        while at >= 0:
            if add is ctx.parks:
                add.append(ParkMention(at, at + len(name), name, name, "高新区"))
            else:
                add.append(CompanyMention(at, at + len(name), name, name, "short"))
            at = body.find(name, at + 1)
    return ctx


def _figures(ctx: ArticleContext, s0: int, s_end: int) -> list[subjects.Figure]:
    body = ctx.body
    out = []
    for q in read_quantities(body[s0:s_end]):
        qs = s0 + q.start
        out.append(subjects.Figure(s0, s_end, qs, s0 + q.end, q.unit, metrics._clause_start(body, qs, s0)))
    return out


@settings(max_examples=500, deadline=None)
@given(_SENTENCE, _SENTENCE)
@example("星河公司落户", "星河公司，其产值12亿元")  # a pronoun
@example("星河公司落户", "该企业产值12亿元")  # a company reference
@example("", "超过苏州市平均通过率(60.45%)")  # a bracketed base
@example("", "在全国20家中排名第15")  # a scope
@example("", "星河公司投资3.5亿元，建设星河数据中心项目")  # an investor
@example("", "青禾高新区5个项目总投资12亿元")  # a batch
def test_rules_left_out_of_a_sentence_propose_nothing_for_its_figures(before: str, sentence: str):
    body = before + "。" + sentence + "。"
    ctx = _article(body)
    s0, s_end = len(before) + 1, len(body)
    kept = subjects.sentence_rules(body[s0:s_end])
    assert [r for r in subjects._RULES if r in kept] == list(kept)  # in order
    for f in _figures(ctx, s0, s_end):
        for rule in subjects._RULES:
            if rule not in kept:
                assert rule(ctx, f) is None, rule.__name__
        assert subjects.subject_of(ctx, f, kept) == subjects.subject_of(ctx, f)


def test_every_rule_word_set_is_a_plain_word_test():
    """The table of rules by absent words agrees with testing each rule's words one by one."""
    for rule, words in subjects._RULE_WORDS:
        for word in words:
            assert rule in subjects.sentence_rules(word)
        assert rule not in subjects.sentence_rules("实现产值12亿元")


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE, max_size=5), st.sampled_from(["。", "！", "？", "；", "\n", "!", "?", ";"]))
def test_a_sentence_has_one_period_scope(sentences: list[str], mark: str):
    body = mark.join(sentences)
    ctx = ArticleContext(body)
    for s0, s_end in ctx.sentences:
        scope = metrics._period_scope_start(ctx, s0)
        for q in read_quantities(body[s0:s_end]):
            assert metrics._period_scope_start(ctx, s0 + q.start) == scope


@settings(max_examples=400, deadline=None)
@given(_SENTENCE, _SENTENCE)
@example("", "实现产值12亿元的青禾高新区")  # a zone named after its figure
@example("", "投资3.5亿元，星河公司建设星河数据中心项目")  # a company and a project after it
def test_later_names_are_looked_for_only_where_one_starts(before: str, sentence: str):
    """`_by_later` bisects the article's name starts first; with every position a start (the
    plain rule: the lists always made) it decides the same."""
    body = before + "。" + sentence + "。"
    ctx = _article(body)
    s0, s_end = len(before) + 1, len(body)
    every = list(range(len(body) + 1))
    for f in _figures(ctx, s0, s_end):
        found = subjects._by_later(ctx, f)
        with mock.patch.object(subjects, "_name_starts", lambda ctx: every):
            assert found == subjects._by_later(_article(body), f)


# invented period words, bases, figures and what can follow a period's end
_PERIOD_FRAGMENTS = [
    "2023年",
    "2023 年",
    "今年",
    "去年",
    "上年",
    "前三季度",
    "一季度",
    "上半年",
    "1—5月",
    "前5个月",
    "今年以来",
    "年初",
    "年底",
    "年末",
    "5月7日",
    "11月",
    "12 日",
    "今天",
    "昨日",
    "前天",
    "度",
    "全年",
    "同比",
    "比去年同期",
    "较上年",
    "累计",
    "已",
    "以来",
    "来",
    "第",
    "初",
    "电",
    "至",
    "—",
    " ",
    "，",
    "；",
    "实现产值",
    "12亿元",
    "3个",
    "5%",
    "近20家",
    "超100家",
]
_PERIOD_TEXT = st.lists(st.sampled_from(_PERIOD_FRAGMENTS), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PERIOD_TEXT)
def test_every_period_and_base_ends_with_a_final_character(text: str):
    """What `_periods_before` rests on: no period (nor a base) ends but on a `_PERIOD_FINAL`."""
    for _, pattern, _ in periods._PATTERNS:
        for m in pattern.finditer(text):
            assert m.group(0)[-1] in metrics._PERIOD_FINAL, (pattern.pattern, m.group(0))
    for m in periods._BASE.finditer(text):
        assert m.group(0)[-1] in metrics._PERIOD_FINAL


@settings(max_examples=500, deadline=None)
@given(st.lists(_PERIOD_TEXT, min_size=1, max_size=4), st.sampled_from([None, date(2024, 10, 15)]))
@example(["2023年累计12亿元，同比增长5%"], date(2024, 10, 15))  # a lookahead reads the figure
@example(["2023年，全市实现产值12亿元，同比增长5%，较上年3个"], None)
def test_a_figure_reads_the_periods_of_the_one_before_only_when_they_are_its_own(
    sentences: list[str], published: date | None
):
    body = "；".join(sentences) + "。"
    ctx = ArticleContext(body, published_on=published)
    state = metrics._State()
    for s0, s_end in ctx.sentences:
        full = metrics._period_scope_start(ctx, s0)
        for q in read_quantities(body[s0:s_end]):
            qs = s0 + q.start
            text = periods.without_bases(body[full:qs])
            assert metrics._periods_before(ctx, state, full, qs, text) == periods.explicit_periods(text, published)


@settings(max_examples=300, deadline=None)
@given(_PERIOD_TEXT)
def test_a_period_group_reads_as_the_group_dict(text: str):
    """`periods._group` is `m.groupdict().get(name)` for every period pattern's matches."""
    for _, pattern, _ in periods._PATTERNS:
        for m in pattern.finditer(text):
            for name in ("y", "rel", "m", "q"):
                assert periods._group(m, name) == m.groupdict().get(name)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE)
@example("营业收入、净利润分别为12亿元、3.5亿元")
def test_respectively_finds_nothing_without_its_word(sentence: str):
    spans = [(q.start, q.end) for q in read_quantities(sentence)]
    named = metrics.respectively(sentence, 0, spans)
    assert not named or "分别" in sentence
