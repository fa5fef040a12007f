"""What the metric reader reads once per sentence decides what reading it per figure decided.

`subjects.sentence_rules` leaves out of a sentence's figures the rules whose words the sentence
does not hold; `find_metrics` reads a sentence's period scope at its start, not at each figure;
`_by_later` makes its lists only when a name starts after the figure in its sentence. Each is
compared with the plain reading on invented text.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.extract import metrics, subjects
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
