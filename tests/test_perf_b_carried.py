"""The period a paragraph carries is read lazily (`_State.carried_period`): only when a figure
falls back to it, from the latest sentence back. It must agree with reading every sentence's
periods as the sentence passes, the way `find_metrics` did before."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.context import ArticleContext
from loaders.extract.metrics import _is_day, _State
from loaders.extract.periods import explicit_periods, without_bases

_PUBLISHED = date(2024, 10, 30)
# (sentence, holds figures): invented sentences stating a year, a span, a day, nothing, a base
_SENTENCES = [
    ("2023年，示范区实现营业收入50亿元。", True),
    ("今年前三季度，新增市场主体300家。", True),
    ("园区生态环境持续向好。", False),
    ("10月29日记者获悉，上半年工业产值增长8%。", True),
    ("10月29日，推介会在园区举行。", False),
    ("比去年多签约项目12个。", True),
    ("截至2023年底，累计引进企业90家；", True),
    ("1—5月，完成固定资产投资20亿元。", True),
    ("去年全年，示范区经济平稳运行。", False),
    ("今年以来，新认定高新技术企业40家。", True),
    ("同时，园区持续优化营商环境，", False),
]


def _eager(ctx: ArticleContext, passed: list[tuple[int, int, bool]]):
    """The carried period as `find_metrics` kept it before: updated at every sentence."""
    carried = None
    for s0, s_end, figures in passed:
        sentence = ctx.body[s0:s_end]
        stated = [f for f in explicit_periods(without_bases(sentence), ctx.published_on) if f.period.start]
        if not figures:
            carried = stated[0].period if stated else carried
        elif stated:
            carried = next((f.period for f in stated if not _is_day(f.period)), stated[0].period)
    return carried


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(_SENTENCES) - 1), st.sampled_from(["pass", "read", "paragraph"])),
        max_size=14,
    )
)
def test_the_lazily_carried_period_is_the_eagerly_carried_one(steps):
    body = "".join(_SENTENCES[i][0] for i, _ in steps)
    ctx = ArticleContext(body, published_on=_PUBLISHED)
    state = _State()
    state.enter(0)
    passed: list[tuple[int, int, bool]] = []  # the sentences of the current paragraph so far
    at = 0
    for i, action in steps:
        sentence, figures = _SENTENCES[i]
        span = (at, at + len(sentence), figures)
        at += len(sentence)
        if action == "paragraph":  # a new paragraph forgets what the last one stated
            state.enter(span[0])
            passed = []
        passed.append(span)
        state.unread.append(span)
        if action == "read":
            assert state.carried_period(ctx) == _eager(ctx, passed)
    assert state.carried_period(ctx) == _eager(ctx, passed)
