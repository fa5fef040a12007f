"""Whether a sentence reports the article's event is read lazily (`_Events`): in order, only as
far as a figure asks. It must be what reading every sentence as it passes gave, the way
`find_metrics` did before (the sentence before passing on whether it reported the event)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.context import ArticleContext
from loaders.extract.metrics import _Events, _in_event

# invented sentences: an event's lede, its continuations (`；`, `其中`, `此次`), and others
_SENTENCES = [
    "5月7日，青禾高新区重点项目集中签约仪式举行。",
    "此次集中签约项目21个，总投资176亿元；",
    "其中现场签约12个；",
    "园区生态环境持续向好。",
    "2023年，示范区实现营业收入50亿元；",
    "上述项目全部投产后，预计年产值80亿元。",
    "当天开工项目15个。",
    "这些项目涵盖先进制造业等领域；",
    "园区新增企业30家。",
    "\n据悉，活动现场还举行了推介会。",
]


def _eager(ctx: ArticleContext) -> list[bool]:
    """Every sentence read as it passes, as `find_metrics` did before."""
    out, previous_event, previous_end = [], False, 0
    for s0, s_end in ctx.sentences:
        previous_event = _in_event(ctx, s0, s_end, previous_event, previous_end)
        previous_end = s_end
        out.append(previous_event)
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, len(_SENTENCES) - 1), min_size=1, max_size=10),
    st.lists(st.integers(0, 12), max_size=6),
)
def test_the_lazily_read_events_are_the_eagerly_read_ones(picked, asked):
    ctx = ArticleContext("".join(_SENTENCES[i] for i in picked), published_on=date(2024, 5, 8))
    eager = _eager(ctx)
    events = _Events()
    for i in sorted(asked):  # a figure asks for its own sentence, in order
        if i < len(ctx.sentences):
            assert events.at(ctx, i) == eager[i]
    assert [events.at(ctx, i) for i in range(len(ctx.sentences))] == eager
