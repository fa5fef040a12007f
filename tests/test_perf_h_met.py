"""What the metric reader now reads in one pass, or only when asked, agrees with the plain reading.

`find_metrics` takes each sentence's paragraph and period-scope openings from one walk over
the gaps between sentences (`_sentence_openings`), not by searching the body back from every
sentence; a `该基地`-style reference reads the name of an organisation only for the head words
ending with its own head (`_org_named`), not for every head word of the article; a whole
number is its own rounding to 12 digits (`numbers._rounded`). Each is
compared with the plain reading on invented text.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.extract import metrics, numbers, subjects
from loaders.extract.context import ArticleContext
from loaders.extract.projects import name_start

# invented pieces: words, names, head words, figures and every mark a sentence or scope ends with
_PIECES = [
    "青禾高新区",
    "星河公司",
    "智能制造基地",
    "人才城",
    "服务中心",
    "招聘会",
    "该基地",
    "本次招聘会",
    "该中心",
    "新增企业12家",
    "实现产值5亿元",
    "同比增长8%",
    "今年",
    "和",
    "，",
    "、",
    "。",
    "！",
    "？",
    "!",
    "?",
    "；",
    ";",
    "\n",
    "\n\n",
    "。\n",
    "！！",
    " ",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _plain_openings(ctx: ArticleContext) -> list[tuple[int, int, int, int]]:
    """Each sentence's paragraph searched back from it, and its period scope bisected."""
    body = ctx.body
    return [
        (s0, s_end, body.rfind("\n", 0, s0) + 1, metrics._period_scope_start(ctx, s0)) for s0, s_end in ctx.sentences
    ]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
@example("甲。\n乙；丙！！丁\n\n戊?己")
@example("\n。甲")
def test_sentence_openings_are_the_searched_ones(body: str):
    ctx = ArticleContext(body)
    assert list(metrics._sentence_openings(ctx)) == _plain_openings(ctx)


def _plain_org_named(ctx: ArticleContext, head: str, before: int) -> str | None:
    """Every head word's name read, then the last one fitting."""
    body = ctx.body
    orgs = []
    for m in subjects._TOPIC_HEAD.finditer(body):
        start = name_start(body, m.start())
        if m.end() - start >= 5:
            orgs.append((start, body[start : m.end()]))
    earlier = [n for pos, n in orgs if pos < before and n.endswith(head)]
    return earlier[-1] if earlier else None


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=200))
@example("贵阳国际人才城已举办招聘会。该城", 17)
def test_org_named_is_the_last_fitting_organisation(body: str, before: int):
    ctx = ArticleContext(body)
    for head in "地台城心会盟园区划谷":
        assert subjects._org_named(ctx, head, before) == _plain_org_named(ctx, head, before)


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**15).map(float),
        st.floats(min_value=0, max_value=1e15, allow_nan=False),
        st.decimals(min_value=0, max_value=10**6, places=4).map(float),
    ),
    st.sampled_from([1.0, 1e2, 1e3, 1e4, 1e8, 1e12]),
)
@example(316.15, 1e8)
@example(999999999999.0, 1.0)
@example(1e12, 1.0)
def test_rounded_is_the_value_written_to_12_digits_and_read_back(value: float, scale: float):
    assert numbers._rounded(value * scale) == float(f"{value * scale:.12g}")
