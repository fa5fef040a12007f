"""Turn the quantities of an article into metric statements.

Each quantity the number reader finds becomes one statement, read in named steps:

- `_phrase`: the metric phrase as written — the words between the nearest subject (a zone, a
  company, a clause boundary) and the number, minus time words and leading verbs
  (`实现文化产业增加值 777.8 亿元` -> `文化产业增加值`); when nothing is left, the thing
  counted after the number (`吸引200余家跨境电商企业入驻` -> `跨境电商企业`); a phrase ending
  in 同比增长 / 增速 / 提高 / 下降 … is a change rate, and a bare `同比增长8.0%` takes the
  metric of the figure before it (`GDP同比增长`);
- `classify_metric`: the canonical code from the vocabulary seed, fitting the unit;
- `subjects.subject_of`: who the figure is about, by ranked cues (see `subjects`);
- `_period`: the period, from the words around the figure (see `periods`), the day or period
  of the article's event for its batch figures, or the period the paragraph set.

Only sentences that hold a quantity are examined, so this stays cheap on long pages. A figure
repeated for the same subject, metric and period (a lede repeating a headline figure) is one
statement; the same figure for another period is another.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import NamedTuple

from loaders.extract.context import ArticleContext
from loaders.extract.numbers import Quantity, read_quantities
from loaders.extract.periods import (
    NONE,
    Found,
    Period,
    explicit_periods,
    is_annual_plan,
    is_conditional,
    is_new_addition,
    stock_or_flow,
    times_its_own_clause,
    without_bases,
    year_period,
)
from loaders.extract.rules import EVENT_VERBS, lead_match, skip_to
from loaders.extract.subjects import Figure, Subject, opening_subject, sentence_rules, subject_of
from loaders.reference import metric_vocabulary

_CLAUSE_BREAK = "，,。；;：:！？!?\n、（(）)“”"
_TRAIL = re.compile(r"(?:的|达到了|达到|达|约|近|超过|超|逾|共|为|是|有|已|突破|累计|高达|合计|总计|规模)\s*$")
_GROWTH_WORD = r"(增长|增幅|增速|提高|提升|上升|下降|减少|回落|增加)(?:了|达到?|为)?$"
_GROWTH = re.compile(r"(同比|环比|比上年|比上一年|较上年|较去年|较上月|较上半年|年均)?\s*" + _GROWTH_WORD)
# whether a phrase ends in a change rate: `_GROWTH` finds one exactly when its growth word and
# ending do (its opening is optional), and they span at most _GROWTH_REACH characters at the end
_ENDS_IN_GROWTH = re.compile(_GROWTH_WORD)
_GROWTH_REACH = 2 + 2
_DECLINE = re.compile(r"(下降|减少|回落)")
# a phrase that names a list or an action, not what is measured: `绿茶等`, `管理着`, `打造了`, `被授予`
_NOT_A_METRIC_PHRASE = re.compile(r"(等|等首批|着|了|过|被授予|给予|辅助|首批)$")
# its words have at most three characters and end the phrase (or come before a last `\n`):
# a match starts within this many characters of the end, so it is searched for only there
_NOT_A_METRIC_REACH = 3 + 1
_AFTER_STOP = re.compile(
    r"[，,。；;：:！？!?、（()）“”\n]|入驻|入选|参与|就业|签约|落户|投资|建设|开展|参加|通过|获得|加入|提供"
)


class MetricStatement(NamedTuple):
    """One figure of an article, read (a named tuple: one is made for nearly every figure, and a
    frozen dataclass's field-by-field `__init__` costs several times more)."""

    start: int
    end: int
    raw_text: str
    value: float
    unit: str
    qualifier: str
    metric_raw: str
    metric_code: str
    is_growth: bool
    subject_type: str  # park | company | project | region | programme | other
    subject_name: str
    park_name: str | None
    company_name: str | None
    period_label: str
    period_start: date | None
    period_end: date | None
    evidence: str


PHYSICAL_UNITS = {
    "亩",
    "平方米",
    "平方公里",
    "立方米",
    "吨",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "GW",
    "MW",
    "KVA",
    "公里",
    "米",
    "千米",
    "公顷",
    "度",
}


def unit_kind(unit: str) -> str:
    """currency | percent | physical | count, as the vocabulary seed's unit_kind."""
    if unit in ("CNY", "USD"):
        return "currency"
    if unit in ("percent", "个百分点"):
        return "percent"
    if unit in PHYSICAL_UNITS or unit.endswith("/年"):
        return "physical"
    return "count"


def _fits(kind: str, unit: str) -> bool:
    return kind == unit_kind(unit) or (kind == "count" and unit == "倍")


_SHARE = re.compile(r"占比|比重|占|份额|一半")


@cache
def _keywords_for(unit: str, is_growth: bool) -> tuple[tuple[str, str], ...]:
    """(keyword, code) of the vocabulary terms a figure of `unit` can be, most specific first:
    by the term's priority, then the longer keyword. A growth rate can be any term; `企业` in
    a sentence about money does not make a count of enterprises."""
    ranked = sorted(
        ((term.priority, -len(k), term.code), k)
        for term in metric_vocabulary()
        if is_growth or _fits(term.unit_kind, unit)
        for k in term.keywords
        if k
    )
    return tuple((k, key[2]) for key, k in ranked)


@cache
def _keywords_by_initial(unit: str, is_growth: bool) -> dict[str, tuple[tuple[int, str], ...]]:
    """`_keywords_for(unit, is_growth)` as (rank, keyword) by the keyword's first character: a
    phrase can only hold the keywords opening with one of its characters, so only those are
    tried (the most specific of them is the one of least rank)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for rank, (keyword, _) in enumerate(_keywords_for(unit, is_growth)):
        out.setdefault(keyword[0], []).append((rank, keyword))
    return {ch: tuple(ranked) for ch, ranked in out.items()}


def _most_specific(phrase: str, by_initial: dict[str, tuple[tuple[int, str], ...]]) -> int | None:
    """The least rank of the keywords `phrase` holds (None for none). Each initial's keywords
    come by rank, so its first held one is its best, and none ranking after the best found
    so far is tried; only the phrase's characters that open a keyword are looked at (one set
    intersection, not a lookup per character)."""
    best = None
    for ch in by_initial.keys() & phrase:
        for rank, keyword in by_initial[ch]:
            if best is not None and rank >= best:
                break
            if keyword in phrase:
                best = rank
                break
    return best


def classify_metric(phrase: str, unit: str, is_growth: bool) -> str:
    """The vocabulary code whose keyword the phrase holds (most specific first)."""
    if unit == "percent" and not is_growth and _SHARE.search(phrase):
        for term in metric_vocabulary():
            if term.code == "rd_intensity" and any(k in phrase for k in term.keywords):
                return term.code
        return "share"
    rank = _most_specific(phrase, _keywords_by_initial(unit, is_growth))
    if rank is not None:
        return _keywords_for(unit, is_growth)[rank][1]
    return _CODE_BY_UNIT.get(unit, "other")


# the code of a figure whose phrase holds no keyword, by its unit (made once, not per figure)
_CODE_BY_UNIT = {
    "人": "talent_count",
    "名": "talent_count",
    "人次": "talent_count",
    "家": "enterprise_count",
    "亩": "area",
    "平方米": "area",
    "平方公里": "area",
}


def _clean_phrase(phrase: str) -> str:
    phrase = phrase.strip(" ，,、")
    for _ in range(6):  # (strip_lead in place: LEAD never matches empty, so a match shortens it)
        m = lead_match(phrase)
        if m is None:
            break
        phrase = phrase[m.end() :].strip(" ，,、")
    for _ in range(3):
        new = _TRAIL.sub("", phrase).strip()
        if new == phrase:
            break
        phrase = new
    return phrase


_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")
_STATUS_BEFORE = re.compile(r"(开工|投产|投运|签约|新增|新建|引进)\s*$")  # `新增200家`: what was counted
_LISTED_OPENING = re.compile(r"的|实现|完成|创造|拥有|达到")
_VALUES_JOINED = re.compile(r"\s*(?:、|和|及|以及)\s*")
_QUOTED_TERM = 10  # `国家级“专精特新”企业`: a quoted term this short is part of the phrase


_BREAK_CLASS = "".join(map(re.escape, _CLAUSE_BREAK))
_BREAK = re.compile(f"[{_BREAK_CLASS}]")


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding `pos` opens (not before `floor`): after the last clause break
    before it, except that a short quoted term (`国家级“专精特新”企业`) is part of the clause.
    The last break is the first in the reversed text, found by one search skipping to a break
    (not by stepping back character by character, nor by a pattern tried at every break)."""
    k = pos
    while k > floor:
        m = _BREAK.search(text[floor:k][::-1])
        if m is None:
            return floor
        at = k - 1 - m.start()
        if text[at] == "”":
            opening = text.rfind("“", floor, at)
            if (
                opening != -1
                and at - opening <= _QUOTED_TERM
                and not any(c in _CLAUSE_BREAK for c in text[opening + 1 : at])
            ):
                k = opening
                continue
        return at + 1
    return k


def _counted_after(body: str, end: int) -> str:
    """The thing counted after the number ending at `end`: `200余家跨境电商企业入驻` -> `跨境电商企业`."""
    tail = body[end : end + 20]
    m = _AFTER_STOP.search(tail)
    thing = (tail[: m.start()] if m else tail[:12]).lstrip("的").strip()
    if not thing:  # `2人获得博士后科学基金面上资助`: the people are counted by what they did
        clause = _CLAUSE_END.split(tail, maxsplit=1)[0]
        thing = clause.strip()
    return thing


# --- one statement, step by step ----------------------------------------------------------------


def _phrase(body: str, floor: int, cstart: int, qs: int, qe: int, previous_phrase: str) -> tuple[str, bool]:
    """The metric phrase as written before the number (or the thing counted after it), and
    whether it is a change rate."""
    phrase_start = max(cstart, floor)
    phrase = _clean_phrase(body[phrase_start:qs])
    before = body[phrase_start:qs].rstrip()
    growth = bool(_ENDS_IN_GROWTH.search(before, max(0, len(before) - _GROWTH_REACH)))
    if growth and _GROWTH.fullmatch(phrase.strip()) and previous_phrase:
        phrase = previous_phrase + phrase
    not_a_metric = _NOT_A_METRIC_PHRASE.search(phrase, max(0, len(phrase) - _NOT_A_METRIC_REACH))
    if (len(phrase) < 2 or not_a_metric) and not growth:
        counted = _counted_after(body, qe)
        status = _STATUS_BEFORE.search(body, phrase_start, qs)
        phrase = (status.group(1) if status and counted else "") + counted if counted else phrase
    return phrase, growth


# after a year, the name of a batch the event is about (`2023年招商引资项目集中签约`)
_BATCH_NAME = re.compile(r"\s*[\u4e00-\u9fff]{0,10}项目[^，。；,;]{0,6}(?:" + EVENT_VERBS.pattern + ")")
# EVENT_VERBS, tried only at the characters an event verb opens with (`签约`, `开工`, `投产` …)
_EVENT_VERB = skip_to("启试开落竣入建破奠达完已投引动运签正", EVENT_VERBS.pattern)
_EVENT_CUES = re.compile(r"此次|本次|当天|当日|现场|集中|仪式|活动")
_FOLLOWS_EVENT = re.compile(
    r"^\s*(?:其中|此次|本次|上述|据悉|据了解|这些|[\u4e00-\u9fff]{0,4}的\s*[\d一二两三四五六七八九十]+个项目中)"
)


def _in_event(ctx: ArticleContext, s0: int, s_end: int, previous_event: bool, previous_end: int) -> bool:
    """Does this sentence report the article's event (`集中签约项目21个`, `其中现场签约12个`)?
    A `；` continues the sentence before it (which reported the event, `previous_event`, and
    ended at `previous_end`); `其中`/`此次…` continue an event sentence."""
    sentence = ctx.body[s0:s_end]
    if previous_event and ctx.body[max(0, previous_end - 1) : s0] in ("；", ";"):
        return True  # the event's sentence went on after a `；` (a sentence keeps its end mark)
    if _EVENT_VERB.search(sentence) and (_EVENT_CUES.search(sentence) or s0 <= ctx.lede_end):
        return True
    return bool(_FOLLOWS_EVENT.match(sentence)) and previous_event


@dataclass
class _Events:
    """Which of the article's sentences report its event, read in order only as far as a figure
    asks: `_period` asks only for a figure that would take the event's period, in an article
    that has one, so most articles never read a sentence for its event."""

    reports: list[bool] = field(default_factory=list)  # of the first sentences, in order

    def at(self, ctx: ArticleContext, i: int) -> bool:
        """Whether sentence `i` of `ctx.sentences` reports the event."""
        sentences = ctx.sentences
        while len(self.reports) <= i:
            k = len(self.reports)
            previous_event = self.reports[k - 1] if k else False
            previous_end = sentences[k - 1][1] if k else 0
            self.reports.append(_in_event(ctx, *sentences[k], previous_event, previous_end))
        return self.reports[i]


def _period(ctx: ArticleContext, full: int, s_end: int, qs: int, cstart: int, f: _Facts, state: _State) -> Period:
    """The period of one figure; see `periods` for the words it reads."""
    body = ctx.body
    text = without_bases(body[full:qs])
    if is_conditional(text):
        return NONE  # `项目全部投产后，预计实现年产值450亿元`
    found = _periods_before(ctx, state, full, qs, text)
    spans = [x for x in found if not _is_day(x.period)]
    if not spans and (is_annual_plan(f.phrase) or is_annual_plan(text[cstart - full :])):
        year = (ctx.event_date or ctx.published_on or date.min).year
        return year_period(year) if year > date.min.year else NONE
    stated = _stated(found, text, cstart - full)
    if stated is not None:
        # (the cheap tests first: most articles never need their event's period worked out)
        if (
            stated.period.label.isdigit()
            and _BATCH_NAME.match(text, stated.end)
            and ctx.event_period is not None
            and state.in_event(ctx)
        ):
            return ctx.event_period  # `2023年招商引资项目集中签约…64个项目`: the event's day, not its year
        return stated.period
    if f.subject_kind == "project":
        return NONE  # a project's size or cost is not a flow of any period
    clause = body[cstart:qs]
    if is_new_addition(clause):
        text = clause  # `…累计已拥有40家；新增上市企业8家`: the clause's own flow
    stock = stock_or_flow(text, ctx.published_on, f.growth, body[full:s_end])
    if stock is not None:
        return stock
    if ctx.event_period is not None and state.in_event(ctx):
        return ctx.event_period
    return state.carried_period(ctx) or NONE


# the characters every period `explicit_periods` reads ends with (a year's 年 or 度, a month's 月,
# `以来`, `年初`, a day's 日 or 号, `今天`, `年底`/`年末`), and the 期 of a base's `同期` (a base
# `without_bases` blanks ends with it or 年): the last of them before a figure is the last place
# a period can end
_PERIOD_FINAL = "年度月来初日号天底末期"
_LAST_PERIOD_END = re.compile(f"[{_PERIOD_FINAL}][^{_PERIOD_FINAL}]*\\Z")
# past a period's end the patterns read at most three characters but spaces (`(?!\s*\d{1,2}\s*月)`,
# `(?!\s*以来)`; `_DATELINE` two): with three before the figure, what follows never counts
_SETTLED = re.compile(r"\s*\S\s*\S\s*\S")


def _periods_before(ctx: ArticleContext, state: _State, full: int, qs: int, text: str) -> list[Found]:
    """`explicit_periods(text)` for the figure at `qs`, `text` being the words from `full` to it
    (bases blanked out). No period ends after the last `_PERIOD_FINAL` character before the
    figure, so none is read when there is none; and when the sentence's previous figure had the
    same last one, with three characters past it before that figure, the words between the
    two figures can neither end a period nor change how one before them reads: its periods
    are this figure's too (most figures of a sentence), and the text is not read again."""
    body = ctx.body
    last = _LAST_PERIOD_END.search(body, full, qs)
    if last is None:
        return []
    previous = state.periods
    if previous is not None:
        p_full, p_last, p_qs, p_found = previous
        if p_full == full and p_last == last.start() and _SETTLED.match(body, p_last + 1, p_qs):
            return p_found
    found = explicit_periods(text, ctx.published_on)
    state.periods = (full, last.start(), qs, found)
    return found


def _stated(found: list[Found], text: str, clause: int) -> Found | None:
    """The period a figure takes of those stated before it (`found`, by start, in `text`): the
    last in its clause (from `clause` on), else the last that does not time its own clause.

    The last found is in the clause when any is; the earlier ones are asked whether they time
    their own clause from the last back, only until one does not (not each of them, always)."""
    if found and found[-1].start >= clause:
        return found[-1]
    for x in reversed(found):
        if not times_its_own_clause(text, x):
            return x
    return None


def _is_day(p: Period) -> bool:
    return p.start is not None and p.start == p.end


class _Facts(NamedTuple):
    """What `_period` reads of the figure's statement (made once per figure: a named tuple)."""

    phrase: str
    growth: bool
    subject_kind: str


@dataclass
class _State:
    """What one sentence leaves to the next in its paragraph."""

    paragraph: int = -1
    subject: Subject | None = None
    subject_end: int = -1
    carried: Period | None = None  # the last period stated in the paragraph's `read` sentences
    # the paragraph's sentences since then, (start, end, held figures): their periods are read
    # only when a figure falls back to the carried period (`carried_period`), not for each one
    unread: list[tuple[int, int, bool]] = field(default_factory=list)
    previous_phrase: str = ""
    sentence: int = -1  # the index of the sentence read, in `ctx.sentences`
    # of the sentence read, what each of its figures shares: the subject rules that can apply
    # (`sentence_rules`), where the words that can state a period begin, the evidence
    rules: tuple[Callable[[ArticleContext, Figure], Subject | None], ...] = ()
    scope: int = 0
    evidence: str = ""
    events: _Events = field(default_factory=_Events)
    # the periods read for the previous figure: (its scope's start, where the last period word
    # before it ends, its start, the periods) (see `_periods_before`)
    periods: tuple[int, int, int, list[Found]] | None = None
    figure_floor: int = 0  # the end of the sentence's previous figure: no phrase reaches past it

    def enter(self, paragraph: int, continues: bool = False) -> None:
        """A new paragraph starts afresh, unless it opens with `同时`/`此外`…: then it goes on
        about the previous paragraph's subject and period."""
        if paragraph == self.paragraph:
            return
        self.paragraph, self.previous_phrase = paragraph, ""
        if continues and self.subject is not None:
            self.subject_end = paragraph  # carried into this paragraph
        else:
            self.subject, self.subject_end, self.carried = None, -1, None
            self.unread.clear()

    def in_event(self, ctx: ArticleContext) -> bool:
        """Whether the sentence read reports the article's event (see `_Events`)."""
        return self.events.at(ctx, self.sentence)

    def carried_period(self, ctx: ArticleContext) -> Period | None:
        """The last period the paragraph stated before this figure (a sentence stating one sets
        it, one stating none keeps it): only the latest unread sentence that states a period
        counts, so they are read from the latest back, and the earlier ones never."""
        for s0, s_end, figures in reversed(self.unread):
            stated = _stated_periods(ctx, s0, s_end)
            if stated:
                self.carried = _carried_of(stated, figures)
                break
        self.unread.clear()
        return self.carried


def _stated_periods(ctx: ArticleContext, s0: int, s_end: int) -> list[Found]:
    """The periods a sentence states that have a start (not `cumulative`)."""
    sentence = without_bases(ctx.body[s0:s_end])
    return [f for f in explicit_periods(sentence, ctx.published_on) if f.period.start]


def _carried_of(stated: list[Found], figures: bool) -> Period:
    """The period a sentence stating `stated` leaves to the next ones: a sentence without figures
    leaves its first; one with figures its first that is not a day, since a dateline's day
    (`10月29日记者获悉，前三季度…`) is no period to carry."""
    if not figures:
        return stated[0].period
    return next((f.period for f in stated if not _is_day(f.period)), stated[0].period)


# a paragraph opening with these continues the one before it
_CONTINUES = re.compile(r"\s*(?:同时|与此同时|此外|另外|另一方面|同期)[，,]")


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|实现|增长|占)?")
_ITEMS = re.compile(r"、|和|及|以及|与")


def _listed_name(text: str) -> str:
    """`2020年高技术产业创造的营业收入` -> `营业收入`, `云溪高新区实现营业收入` -> `营业收入`."""
    text = _LISTED_OPENING.split(text)[-1]
    return _clean_phrase(text)


def respectively(body: str, s0: int, qs: list[tuple[int, int]]) -> dict[int, str]:
    """`营业收入、工业总产值和净利润分别为A、B、C`: each figure's metric is the name in its place.

    `qs` are the spans of the sentence's figures; returns figure start -> metric phrase for the
    figures listed after `分别`, when as many names stand before it in its clause."""
    out: dict[int, str] = {}
    for m in _RESPECTIVELY.finditer(body, s0, qs[-1][0] if qs else s0):
        clause = max(body.rfind(c, s0, m.start()) for c in "，,；;：:") + 1
        clause = max(clause, s0)
        names = [_listed_name(n) for n in _ITEMS.split(body[clause : m.start()])]
        after = [(a, b) for a, b in qs if a >= m.end()]
        values = [after[0]] if after else []
        for a, b in after[1:]:  # the values run on while separated by 、/和 only
            if not _VALUES_JOINED.fullmatch(body, values[-1][1], a):
                break
            values.append((a, b))
        if len(names) == len(values) > 1 and all(2 <= len(n) <= _NAME_MAX for n in names):
            out.update({a: n for (a, _), n in zip(values, names, strict=True)})
    return out


def _statement(
    ctx: ArticleContext,
    s0: int,
    s_end: int,
    q: Quantity,
    state: _State,
    named: dict[int, str],
    park_names: frozenset[str],
) -> MetricStatement | None:
    body = ctx.body
    qs, qe = s0 + q.start, s0 + q.end
    cstart = _clause_start(body, qs, s0)
    figure = Figure(s0, s_end, qs, qe, q.unit, cstart, state.subject, state.subject_end)
    subject = subject_of(ctx, figure, state.rules)
    floor = subject.at if subject is not None and s0 <= subject.at <= qs else s0
    floor = max(floor, state.figure_floor)  # `投资1亿元的X等11个总投资20亿元`: 总投资
    phrase, growth = _phrase(body, floor, cstart, qs, qe, state.previous_phrase)
    phrase = named.get(qs, phrase)
    growth = growth or q.unit == "个百分点"
    value = -q.value if growth and _DECLINE.search(phrase) else q.value
    kind_ = subject.kind if subject is not None else "other"
    period = _period(ctx, state.scope, s_end, qs, cstart, _Facts(phrase, growth, kind_), state)
    if not growth:
        state.previous_phrase = phrase
    if subject is not None and body[qs - 1 : qs] not in ("（", "("):  # a bracketed base does not carry
        state.subject, state.subject_end = subject, qe
    kind, name = (subject.kind, subject.name) if subject else ("other", "")
    park = subject.park if subject is not None and subject.park in park_names else None
    return MetricStatement(  # by position: keywords are parsed by the named tuple's own __new__ (~8k instructions)
        qs,  # start
        qe,  # end
        q.text,  # raw_text
        value,  # value
        q.unit,  # unit
        q.qualifier,  # qualifier
        phrase[:60],  # metric_raw
        classify_metric(phrase, q.unit, growth),  # metric_code
        growth,  # is_growth
        kind,  # subject_type
        name,  # subject_name
        park,  # park_name
        subject.company if subject is not None and kind == "company" else None,  # company_name
        period.label,  # period_label
        period.start,  # period_start
        period.end,  # period_end
        state.evidence,  # evidence
    )


_PERIOD_SCOPE_END = re.compile(r"[。！？!?\n]")  # `；` does not end a period's scope


def _period_scope_start(ctx: ArticleContext, qs: int) -> int:
    """Where the words that can state the period of a figure at `qs` begin: after the last
    sentence end before it (found by bisecting the article's ends, not by searching back
    from every figure to the start of the body for marks most articles never print).

    A sentence of `ctx.sentences` holds none of these ends before its last character, and no
    figure starts on that one, so every figure of a sentence has the scope of its start."""
    ends = ctx.derived(_period_scope_ends)
    i = bisect_left(ends, qs)
    return ends[i - 1] + 1 if i else 0


def _period_scope_ends(ctx: ArticleContext) -> list[int]:
    return [m.start() for m in _PERIOD_SCOPE_END.finditer(ctx.body)]


_SCOPE_ENDS = "。！？!?\n"  # the characters of `_PERIOD_SCOPE_END`


def _sentence_openings(ctx: ArticleContext) -> Iterator[tuple[int, int, int, int]]:
    """Each sentence of `ctx.sentences` with where its paragraph opens (after the last line
    break before it) and where its period scope does (`_period_scope_start`), read in one pass.

    A sentence holds no line break, and no scope end but as its last character; what lies
    between two sentences is marks only (SENTENCE reads every other character). So only the
    previous sentence's last character and the gap before a sentence can move either opening:
    the body is not searched back from every sentence, nor every mark of it listed."""
    body = ctx.body
    paragraph = scope = previous_end = 0
    for s0, s_end in ctx.sentences:
        if previous_end and body[previous_end - 1] in _SCOPE_ENDS:
            scope = previous_end
        if previous_end < s0:  # (most sentences follow the previous one at once)
            gap = body[previous_end:s0]
            line_break = gap.rfind("\n")
            if line_break >= 0:
                paragraph = previous_end + line_break + 1
            mark = max(map(gap.rfind, _SCOPE_ENDS))
            if mark >= 0:
                scope = previous_end + mark + 1
        yield s0, s_end, paragraph, scope
        previous_end = s_end


_NAME_MAX = 12  # a metric's name in a `…分别为…` list is short
_HAS_NUMBER = re.compile(r"[\d零一二两三四五六七八九十百千万亿半]")


def find_metrics(ctx: ArticleContext) -> list[MetricStatement]:
    """Metric statements of one article, in order; a figure repeated for the same subject,
    metric and period once."""
    body = ctx.body
    out: list[MetricStatement] = []
    seen: set[tuple] = set()
    state = _State()
    park_names = frozenset(p.name for p in ctx.parks)  # the article's zones (final: metrics come last)
    for s0, s_end, paragraph, scope in _sentence_openings(ctx):
        state.enter(paragraph, s0 == paragraph and bool(_CONTINUES.match(body, s0)))
        state.sentence += 1
        sentence = body[s0:s_end]
        if not _HAS_NUMBER.search(sentence):
            state.unread.append((s0, s_end, False))
            opening = opening_subject(ctx, s0, s_end)
            if opening is not None:  # `国家高新区发挥…作用。…聚集了近80%的…`: the topic carries
                state.subject, state.subject_end = opening, s_end
            continue
        quantities = read_quantities(sentence)
        if not quantities:  # (a date, a rank: nothing the sentence shares is read)
            state.unread.append((s0, s_end, True))
            continue
        # (every `分别` list opens with the word: most sentences hold none)
        named = respectively(body, s0, [(s0 + q.start, s0 + q.end) for q in quantities]) if "分别" in sentence else {}
        state.figure_floor = s0
        state.rules = sentence_rules(sentence)
        state.scope = scope
        state.evidence = sentence.strip()
        for q in quantities:
            m = _statement(ctx, s0, s_end, q, state, named, park_names)
            state.figure_floor = s0 + q.end
            key = (round(m.value, 6), m.unit, m.subject_name, m.metric_code, m.period_label)
            if key not in seen:
                seen.add(key)
                out.append(m)
        state.unread.append((s0, s_end, True))  # its periods carry to the next sentences only
    return out
