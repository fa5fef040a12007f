"""What every extractor of one article needs to agree on, computed once.

"The article's zone", the date of the event it reports, its sentences: each extractor used
to have its own rule for these, so a figure could be given to one zone while its project was
placed in another. An `ArticleContext` is built once per article, filled by the extractors
in order (parks, companies, projects, metrics), and read by the later ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from loaders.extract.parks import dominant_zone, find_parks_with_title
from loaders.extract.periods import Period, explicit_periods, stock_or_flow, without_bases
from loaders.extract.rules import DATE, EVENT_STATUSES, EVENT_VERBS, SENTENCE, STATUS, is_forecast
from loaders.extract.spans import CompanyMention, ParkMention

if TYPE_CHECKING:
    from loaders.extract.projects import ProjectMention

_T = TypeVar("_T")
_UNKNOWN: Any = object()  # what `derived` has not computed yet (None is a value it keeps)
_RELATIVE_DAY = {"今天": 0, "今日": 0, "当天": 0, "当日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_RELATIVE = re.compile("|".join(_RELATIVE_DAY))
_LEDE_SENTENCES = 2  # the article's event is dated in its first sentences, or not at all
_DATELINE = re.compile(r"\s*(?:电|讯)")
_BARE_DAY = re.compile(r"(?<![\d月年])([1-9]|[12]\d|3[01])\s*日(?=上午|下午|晚|举行|召开|在|[，,]|的)")


def _day_before(dateline: date, day: int) -> date:
    """Day `day` on or before the dateline (`1月6日电 … 5日` -> 1月5日; `3月2日电 … 28日` -> 2月28日)."""
    if day <= dateline.day:
        return dateline.replace(day=day)
    previous = dateline.replace(day=1) - timedelta(days=1)
    return previous.replace(day=min(day, previous.day))


def resolve_date(m: re.Match[str], published: date | None) -> date | None:
    """`5月7日` in a page of 2022-05-08 -> 2022-05-07; a day after publication is last year's."""
    try:
        year = int(m.group("y")) if m.group("y") else (published.year if published else None)
        if year is None:
            return None
        d = date(year, int(m.group("m")), int(m.group("d")))
        if published and not m.group("y") and d > published:
            d = date(year - 1, d.month, d.day)
        return d
    except ValueError:
        return None


@dataclass
class ArticleContext:
    """One article and what has been read from it so far."""

    body: str
    title: str | None = None
    published_on: date | None = None
    parks: list[ParkMention] = field(default_factory=list)
    title_parks: list[ParkMention] = field(default_factory=list)
    companies: list[CompanyMention] = field(default_factory=list)
    projects: list[ProjectMention] = field(default_factory=list)
    _derived: dict[tuple[Callable[..., Any], tuple[Hashable, ...]], Any] = field(
        default_factory=dict, repr=False, compare=False
    )

    def derived(self, compute: Callable[..., _T], *args: Hashable) -> _T:
        """`compute(self, *args)`, computed once per article: a later extractor asks per sentence
        or per rule for what depends only on the article (its organisations, its project
        mentions) or on one figure of it (the names before it, read by three subject rules).

        Only for what is read after the fields it depends on are final: the value is kept for
        the article's lifetime, not recomputed when `parks` or `projects` change. Callers must
        not mutate what it returns.
        """
        key = (compute, args)
        value = self._derived.get(key, _UNKNOWN)  # asked tens of times per figure: one lookup
        if value is _UNKNOWN:  # (a miss is as common as a hit: no exception raised for it)
            value = self._derived[key] = compute(self, *args)
        return value

    @classmethod
    def read(cls, body: str, title: str | None = None, published_on: date | None = None) -> ArticleContext:
        """A context with the zones read (every other extractor needs them)."""
        ctx = cls(body, title, published_on)
        ctx.parks, ctx.title_parks = find_parks_with_title(body, title)
        return ctx

    @cached_property
    def zone(self) -> ParkMention | None:
        """The article's zone: the one its title names, else the one its body names most
        (None when two compete). The one definition every extractor uses."""
        return dominant_zone(self.parks, self.title_parks)

    @cached_property
    def zone_name(self) -> str | None:
        """The article's zone's name (kept like `zone`: the later extractors ask per mention)."""
        return self.zone.name if self.zone else None

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [m.span() for m in SENTENCE.finditer(self.body)]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (the whole body when none does, e.g. at a line break).

        Found by bisection: the extractors ask for every mention, and sentences are in order
        and do not overlap, so only the last one starting at or before `pos` can hold it."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return (0, len(self.body))

    @cached_property
    def event_date(self) -> date | None:
        """The day of the event the article reports: a date in its lede (`5月7日，…签约仪式`),
        or `今天`/`昨日` counted from the page's date."""
        for a, b in self.sentences[:_LEDE_SENTENCES]:
            text = self.body[a:b]
            dates = list(DATE.finditer(text))
            if len(dates) > 1 and _DATELINE.match(text, dates[0].end()):
                dates = dates[1:]  # `新华社2月15日电 2月14日，…`: the dateline, then the event's day
            m = dates[0] if dates else None
            if m:
                day = resolve_date(m, self.published_on)
                rel = _RELATIVE.search(text, m.end())
                if day and rel:  # `本报11月13日讯 … 在今天上午举行的…`: a dateline, then the day
                    return day - timedelta(days=_RELATIVE_DAY[rel.group(0)])
                bare = _BARE_DAY.search(text, m.end()) if _DATELINE.match(text, m.end()) else None
                if day and bare:  # `长春1月6日电 … 在5日举行的…`: a day of the dateline's month
                    return _day_before(day, int(bare.group(1)))
                return day
            rel = _RELATIVE.search(text)
            if rel and self.published_on:
                return self.published_on - timedelta(days=_RELATIVE_DAY[rel.group(0)])
        return None

    @cached_property
    def event_status(self) -> str | None:
        """What the article's event did to its projects, when its title and lede say one thing
        (`…集中签约仪式` -> signed, `…项目集中开工` -> started); None for several or none."""
        text = (self.title or "") + "".join(self.body[a:b] for a, b in self.sentences[:_LEDE_SENTENCES])
        found = {
            s
            for s, pattern in STATUS
            if EVENT_VERBS.search(text) and any(not is_forecast(text, m.start()) for m in re.finditer(pattern, text))
        }
        found &= set(EVENT_STATUSES)
        return next(iter(found)) if len(found) == 1 else None

    @cached_property
    def lede_end(self) -> int:
        """Where the article's lede (its first sentences) ends."""
        lede = self.sentences[:_LEDE_SENTENCES]
        return lede[-1][1] if lede else 0

    @cached_property
    def event_period(self) -> Period | None:
        """The period the article's event gives the figures reporting it: the period its lede
        states before the event's verb (`2023年二季度重点产业项目集中开工` -> 2023-Q2; `截至2月底…
        4个项目相继签约` -> January to February), else the event's day (`5月7日…集中签约`)."""
        for a, b in self.sentences[:_LEDE_SENTENCES]:
            verb = EVENT_VERBS.search(self.body, a, b)
            if verb is None:
                continue
            before = without_bases(self.body[a : verb.start()])
            found = explicit_periods(before, self.published_on)
            coarse = [f for f in found if len(f.period.label) != len("2024-01-01")]  # not a day
            if coarse and not coarse[-1].period.label.isdigit():
                return coarse[-1].period
            if "截至" in before or "截止" in before:
                flow = stock_or_flow(before + verb.group(0), self.published_on, False)
                if flow is not None and flow.start is not None:
                    return flow
            break
        if self.event_date is None:
            return None
        return Period(self.event_date.isoformat(), self.event_date, self.event_date)
