"""What the metric reader now reads more cheaply agrees with the plain reading, on invented text.

`subjects._by_later` makes a subject only of the name starting first after the figure (not of
every later name, then sorted); `metrics._clean_phrase` strips LEAD words by matching them in
place (not through `strip_lead` and a comparison of the whole phrase); `subject_of` asks
`_promoted` only of a company; `metrics._stated` asks whether a period times its own clause
only of the periods it must, from the last back; several rules are asked only of a text
holding a word every match holds, or only near its end. Each is compared with the plain
reading.
"""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.extract import metrics, numbers, periods, subjects
from loaders.extract.companies import find_companies
from loaders.extract.context import ArticleContext
from loaders.extract.numbers import read_quantities
from loaders.extract.parks import without_projects
from loaders.extract.projects import find_projects
from loaders.extract.rules import strip_lead

# invented pieces: zones, companies, projects, figures, and the marks that make a name an object
_PIECES = [
    "青禾高新区",
    "星河经开区",
    "云帆科技有限公司",
    "海川新材料股份有限公司",
    "年产10万吨新材料项目",
    "智能制造基地项目",
    "签约",
    "实现产值5亿元",
    "新增企业12家",
    "投资3亿元",
    "同比增长8%",
    "的",
    "、",
    "等",
    "以",
    "为核心",
    "，",
    "。",
    "；",
    "\n",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def _context(body: str) -> ArticleContext:
    """The article's context as `article.extract_article` fills it before the metrics."""
    ctx = ArticleContext.read(body)
    ctx.companies = find_companies(body, ctx.parks, ctx.zone_name)
    ctx.projects = find_projects(ctx)
    done = [(p.start, p.end, p.name) for p in ctx.projects if p.status not in ("planned", "unknown")]
    ctx.parks = without_projects(ctx.parks, done)
    return ctx


def _plain_by_later(ctx: ArticleContext, f: subjects.Figure) -> subjects.Subject | None:
    """Every name after the figure in its sentence made a subject, sorted, the first taken."""
    body = ctx.body

    def named(a: int, b: int) -> bool:
        return f.qe <= a and b <= f.s_end and not subjects._is_object(body, a, b)

    later = sorted(
        [(c.start, subjects._company(ctx, c)) for c in ctx.companies if named(c.start, c.end)]
        + [(p.start, subjects._park(p)) for p in ctx.parks if named(p.start, p.end)]
        + [(a, subjects._project(p, b)) for a, b, p in subjects._project_mentions(ctx) if named(a, b)],
        key=lambda t: t[0],
    )
    return later[0][1] if later else None


def _figures(ctx: ArticleContext) -> list[subjects.Figure]:
    out = []
    for s0, s_end in ctx.sentences:
        for q in read_quantities(ctx.body[s0:s_end]):
            out.append(subjects.Figure(s0, s_end, s0 + q.start, s0 + q.end, q.unit, s0))
    return out


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("实现产值5亿元的青禾高新区、云帆科技有限公司和年产10万吨新材料项目")
@example("投资3亿元，星河经开区云帆科技有限公司签约年产10万吨新材料项目")
def test_by_later_is_the_first_later_name(body: str):
    ctx = _context(body)
    for f in _figures(ctx):
        assert subjects._by_later(ctx, f) == _plain_by_later(ctx, f), (body, f)


def _plain_clean_phrase(phrase: str) -> str:
    phrase = phrase.strip(" ，,、")
    for _ in range(6):
        new = strip_lead(phrase).strip(" ，,、")
        if new == phrase:
            break
        phrase = new
    for _ in range(3):
        new = metrics._TRAIL.sub("", phrase).strip()
        if new == phrase:
            break
        phrase = new
    return phrase


_LEAD_PIECES = ["2023年", "今年以来", "其中", "累计", "新增", "实现了", "本报讯", "截至目前", "，", "、", " "]
_PHRASE_PIECES = ["营业收入", "企业", "产值", "达到", "约", "的", "突破", "讯员", "规模"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LEAD_PIECES + _PHRASE_PIECES), max_size=10).map("".join))
@example("其中，累计新增实现了营业收入达到")
@example("、 2023年 今年以来讯员产值")
def test_clean_phrase_is_the_plain_one(phrase: str):
    assert metrics._clean_phrase(phrase) == _plain_clean_phrase(phrase)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
@example("云帆科技有限公司投资3亿元建设年产10万吨新材料项目，实现产值5亿元")
def test_subject_of_promotes_as_the_plain_rule(body: str):
    ctx = _context(body)
    for f in _figures(ctx):
        for rule in subjects._RULES:
            s = rule(ctx, f)
            if s is not None:
                assert subjects.subject_of(ctx, f) == subjects._promoted(ctx, s)
                break


def _plain_stated(found, text: str, clause: int):
    in_clause = [x for x in found if x.start >= clause]
    earlier = [x for x in found if not periods.times_its_own_clause(text, x)]
    return (in_clause or earlier or [None])[-1]


_PERIOD_PIECES = ["2023年", "一季度", "今年", "上半年", "开工", "投产", "将", "全部", "建成", "实现", "，", "；"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PERIOD_PIECES), max_size=12).map("".join), st.integers(min_value=0, max_value=40))
@example("力争一季度开工，2023年上半年实现", 8)
@example("2023年投产，一季度全部开工", 30)
def test_stated_is_the_plain_choice(text: str, clause: int):
    found = periods.explicit_periods(text, date(2024, 10, 8))
    assert metrics._stated(found, text, clause) == _plain_stated(found, text, clause)


# pieces holding every cue the prechecks look for, and the words they guard
_CUE_PIECES = [
    "今年",
    "今年已",
    "今年以来",
    "累计",
    "已",
    "新增",
    "新认定",
    "当年",
    "全年",
    "年度计划",
    "全年目标",
    "等",
    "首批",
    "被授予",
    "了",
    "\n",
    " ",
    "1/2",
    "三分之一",
    "一半",
    "过半",
    "企业12家",
    "产值",
]
_CUE_TEXT = st.lists(st.sampled_from(_CUE_PIECES), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(_CUE_TEXT)
@example("今年已累计新增企业12家")
@example(" 新认定企业12家")
@example("产值等首批\n")
@example("企业12家，1/2过半")
def test_prechecked_rules_are_the_plain_ones(text: str):
    """Each rule asked only when its word is there reads as when always asked."""
    assert periods.is_new_addition(text) == bool(periods._NEW_ADDITION.match(text))
    assert periods.is_annual_plan(text) == bool(periods._ANNUAL.search(text))
    assert periods._YTD.search(text) is None or "今年" in text  # (what stock_or_flow looks for first)
    reach = max(0, len(text) - metrics._NOT_A_METRIC_REACH)
    assert bool(metrics._NOT_A_METRIC_PHRASE.search(text, reach)) == bool(metrics._NOT_A_METRIC_PHRASE.search(text))
    assert numbers.read(text) == _plain_read(text)


def _plain_read(text: str) -> list[numbers.Quantity]:
    """`numbers.read` with fractions and halves always looked for."""
    out = numbers._fractions(text) + numbers._halves(text)
    taken = bytearray(len(text))
    for q in out:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
    return sorted(out + numbers._numbers(text, taken), key=lambda q: q.start)
