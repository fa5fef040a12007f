"""Resolve the period a figure refers to, against the article's publication date.

Explicit periods are read with their positions (`explicit_periods`): `2023年` -> 2023;
`今年前三季度` in an October 2024 article -> 2024-Q1..Q3 (2024-01-01 .. 2024-09-30);
`一季度` -> Q1; `上半年` -> H1; `1—5月` -> 2024-01..05; `今年以来` -> January to the month of
publication; `2023年11月` -> 2023-11; `5月7日` -> that day. Which one a figure takes, and what a
figure without one takes (a stock as of a date, the day of the article's event, an annual plan's
year), is decided by `period_of` from the words around the figure. Pure: text and dates in,
a Period out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from loaders.dates import days_in_month
from loaders.extract.rules import skip_to

_CN_NUM = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}


class Period(NamedTuple):
    """A period a figure refers to (a named tuple: every period read makes one, and a frozen
    dataclass's field-by-field `__init__` costs several times more)."""

    label: str  # `2023`, `2024-Q1`, `2024-Q1..Q3`, `2024-H1`, `2024-01..05`, `2023-11`, `2024-03-27`, `cumulative`, ``
    start: date | None = None
    end: date | None = None


NONE = Period("")

_YEAR = r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<rel>今年|去年|前年|上年|本年|当年))"
_YEAR_OPENS = r"12今去前上本当"  # what `_YEAR` opens with: the 1 of 19…, the 2 of 20…, or the first of `今年` …
# where the year is optional, what follows it may open the match: a digit, or the spaces after it
_YEAR_OMITTED = _YEAR_OPENS + r"\d\s"
# An optional part is written as an alternation ending in an empty branch (`(?:…|)`): it matches
# what `(?:…)?` matches, trying the same things in the same order, but the engine runs a group
# made optional through its costly repeat machinery and a branch through none.
_MAYBE_YEAR = f"(?:{_YEAR}|)"


_QUARTER = skip_to(_YEAR_OMITTED + "前第一二三四", _MAYBE_YEAR + r"\s*(?:前|第)?(?P<q>[一二三四1-4])(?:个)?季度")
_FIRST_QUARTERS = skip_to(_YEAR_OMITTED + "前", _MAYBE_YEAR + r"\s*前(?P<q>[一二三1-3])季度")
_HALF = skip_to(_YEAR_OMITTED + "上下", _MAYBE_YEAR + r"\s*(?P<h>上|下)半年")
_MONTHS = skip_to(_YEAR_OMITTED, _MAYBE_YEAR + r"\s*(?P<m1>\d{1,2})\s*[—\-~～至到]\s*(?P<m2>\d{1,2})\s*月")
_FIRST_MONTHS = skip_to(_YEAR_OMITTED + "前", _MAYBE_YEAR + r"\s*前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})个?月")
_SINCE = re.compile(r"(?P<rel>今年)\s*(?:以)?来")
_EARLY = skip_to(_YEAR_OPENS, _YEAR + r"\s*初")
_RELATIVE_DAY = re.compile(r"(?P<back>今天|今日|昨天|昨日|前天)")
_THIS_YEAR_END = re.compile(r"(?<![\d年])(?:年底|年末)")  # `年底将有25条生产线投产`: this year's
_DAY = skip_to(r"\d", r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*|)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_MONTH = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?!\s*[—\-~～至到])")
# `2020年第二批`: a year in a batch's name is no period; `2020年6月5日` is a day, not a year
_YEAR_ONLY = skip_to(
    _YEAR_OPENS, _YEAR + r"(?:度|全年|)(?!\s*\d{1,2}\s*月)(?!\s*第)(?!\s*[初底末])(?!\s*(?:已|累计|以来|来))"
)
_YEAR_END = re.compile(_YEAR + r"\s*(?:底|末|年底|年末)")
_AS_OF = re.compile(r"截[至止]\s*" + _MAYBE_YEAR + r"\s*(?:(?P<m>\d{1,2})\s*月|)\s*(?:(?P<d>\d{1,2})\s*[日号]|底|末|)")
_STOCK = re.compile(r"截至|截止|目前|当前|如今|现有|已有|至今|总数|总量|累计|拥有|存量|有效")
_FLOW = re.compile(r"新增|新签|签约|引进|招引|落地|落户|开工|投产|竣工|完成|实现|新登记|新备案|新认定|获评|入选")
_YTD = re.compile(r"今年(?:已|以来|)累计|今年已")
# `比去年多34个`, `比2019年增长5.86%`: a comparison's base, not the period of the figure
_BASE = re.compile(r"(?:比|较|同比|环比|相比|高于|低于)\s*(?:(?:19|20)\d{2}\s*年|去年|上年|上一年|前年)(?:同期|)")
_ANNUAL = re.compile(r"年度计划|年计划|年内计划|全年计划|全年目标|全年任务|年度目标|年度任务")
_CONDITION = re.compile(r"(?:建成|达产|投产|竣工|完工|运营|达效)(?:后|以后)")
# a period right before a verb in an earlier clause times that clause only (`力争一季度开工50%`)
_VERB_AFTER = re.compile(r"\s*(?:将|要|内|前)?(?:全部|全面|)(?:开工|投产|建成|竣工|投用|落地)")


def _group(m: re.Match[str], name: str) -> str | None:
    """`m.groupdict().get(name)` without building the dict: the group, when its pattern has one."""
    return m.group(name) if name in m.re.groupindex else None


def _year(m: re.Match[str], published: date | None) -> int | None:
    y = _group(m, "y")
    if y:
        return int(y)
    rel = _group(m, "rel")
    if rel and published:
        return published.year - {"今年": 0, "本年": 0, "当年": 0, "去年": 1, "上年": 1, "前年": 2}[rel]
    return published.year if published else None


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_NUM.get(s, 0)


def _month_end(y: int, m: int) -> date:
    """The last day of month `m` (1-12) of `y`."""
    return date(y, m, days_in_month(y, m))


def year_period(y: int) -> Period:
    return Period(str(y), date(y, 1, 1), date(y, 12, 31))


def _day(m: re.Match[str], published: date | None) -> Period | None:
    y = _year(m, published)
    try:
        d = date(y, int(m.group("m")), int(m.group("d"))) if y else None
    except ValueError:
        return None
    if d and published and not m.group("y") and d > published:
        d = date(d.year - 1, d.month, d.day)
    return Period(d.isoformat(), d, d) if d else None


def _read(kind: str, m: re.Match[str], published: date | None) -> Period | None:
    y = _year(m, published)
    if y is None:
        return None
    if kind == "first_quarters":
        q = _num(m.group("q"))
        return Period(f"{y}-Q1..Q{q}", date(y, 1, 1), _month_end(y, 3 * q)) if 1 <= q <= 3 else None
    if kind == "quarter":
        q = _num(m.group("q"))
        return Period(f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q)) if 1 <= q <= 4 else None
    if kind == "half":
        first = m.group("h") == "上"
        return Period(f"{y}-H{1 if first else 2}", date(y, 1 if first else 7, 1), _month_end(y, 6 if first else 12))
    if kind == "months":
        a, b = int(m.group("m1")), int(m.group("m2"))
        return Period(f"{y}-{a:02d}..{b:02d}", date(y, a, 1), _month_end(y, b)) if 1 <= a <= b <= 12 else None
    if kind == "first_months":
        n = _num(m.group("n"))
        return Period(f"{y}-01..{n:02d}", date(y, 1, 1), _month_end(y, n)) if 1 <= n <= 12 else None
    if kind == "since":
        if not published or y != published.year:
            return None
        return Period(f"{y}-01..{published.month:02d}", date(y, 1, 1), published)
    if kind == "early":
        return Period(f"{y}-01", date(y, 1, 1), _month_end(y, 1))
    if kind == "month":
        mo = int(m.group("m"))
        return Period(f"{y}-{mo:02d}", date(y, mo, 1), _month_end(y, mo)) if 1 <= mo <= 12 else None
    if kind == "day":
        return _day(m, published)
    if kind == "relative_day":
        back = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}[m.group("back")]
        d = published - timedelta(days=back) if published else None
        return Period(d.isoformat(), d, d) if d else None
    return year_period(y)


# (kind, pattern, cues): the pattern can only match a text holding one of its cues, a character
# or word every match contains; a text without them is not searched (most sentences name no
# quarter, half or relative day)
_PATTERNS = (
    ("first_quarters", _FIRST_QUARTERS, ("季度",)),
    ("quarter", _QUARTER, ("季度",)),
    ("half", _HALF, ("半年",)),
    ("months", _MONTHS, ("月",)),
    ("first_months", _FIRST_MONTHS, ("月",)),
    ("since", _SINCE, ("今年",)),
    ("early", _EARLY, ("初",)),
    ("day", _DAY, ("月",)),
    ("relative_day", _RELATIVE_DAY, ("今", "昨", "前天")),
    ("month", _MONTH, ("月",)),
    ("year", _YEAR_ONLY, ("年",)),
    ("year_end", _THIS_YEAR_END, ("年底", "年末")),
)
_CUES = frozenset(cue for _, _, cues in _PATTERNS for cue in cues)
_ANY_CUE = re.compile("年|月|季度|今|昨|前天")  # a text without any of these states no period
_AS_OF_BEFORE = re.compile(r"截[至止]\s*$")
_DATELINE = re.compile(r"\s*(?:电|讯)")


class Found(NamedTuple):
    """A period stated in a text, with its span (a named tuple, like `Period`)."""

    start: int
    end: int
    period: Period


def explicit_periods(text: str, published: date | None) -> list[Found]:
    """Every period `text` states, by position; where two overlap, the more specific one
    (`今年前三季度` over `今年`)."""
    found: list[Found] = []
    if not _ANY_CUE.search(text):
        return found
    present = {cue for cue in _CUES if cue in text}  # each cue looked for once, not per pattern
    for kind, pattern, cues in _PATTERNS:
        if present.isdisjoint(cues):
            continue
        for m in pattern.finditer(text):
            if found and _overlaps(found, m.start(), m.end()):  # (most texts state one period)
                continue
            if _AS_OF_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue  # `截至2023年11月`: the date a stock is stated at, read by `stock_or_flow`
            if kind == "day" and _DATELINE.match(text[m.end() : m.end() + 2]):
                continue  # `本报北京12月12日电`: a dateline, the day of the report
            p = _read(kind, m, published)
            if p is not None:
                found.append(Found(m.start(), m.end(), p))
    return sorted(found, key=lambda f: f.start)


def _overlaps(found: list[Found], start: int, end: int) -> bool:
    """Whether `start`-`end` overlaps a period found already."""
    return any(f.start <= start < f.end or start <= f.start < end for f in found)


def without_bases(text: str) -> str:
    """`比去年多34个` -> `比    多34个`: blank out comparison bases, keeping positions."""
    if "年" not in text:
        return text  # every base names a year (`2019年`, `去年`, `上年` …)
    return _BASE.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class _AsOf:
    end: date
    month: int | None  # the month a stock is stated at (`截至2023年11月`), None for a year
    exact: bool  # `截至今年7月底`, `截至4月30日`, `截至2022年底`: a day, not a month or a year


def _as_of(text: str, published: date | None) -> _AsOf | None:
    """`截至2023年11月` -> month 11; `截至2023年` -> the year; `截至今年7月底` -> that day."""
    m = _AS_OF.search(text)
    if not m or not (m.group("y") or m.group("rel") or m.group("m")):
        return None
    y = _year(m, published)
    month = int(m.group("m")) if m.group("m") else None
    if y is None or (month is not None and not 1 <= month <= 12):
        return None
    end = _month_end(y, month or 12)
    exact = bool(m.group("d")) or m.group(0).rstrip().endswith(("底", "末"))
    if published and published >= date(y, month or 1, 1):
        end = min(end, published)  # `截至今年9月` on 9月10日: the stock is as of that day
    return _AsOf(end, month, exact)  # (a page dated before the month it names is misdated)


# a clause opening with these counts what was added in a period, whatever stock the sentence
# reported before it (`累计已拥有40家；新增上市企业8家`)
_NEW_ADDITION = re.compile(
    r"\s*(?:今年|当年|全年|年内|本年|)(?:新增|新认定|新引进|新培育|新注册|新设立|新签约|新落户|新开工|新获批|新入选|新备案)"
)


def is_new_addition(clause: str) -> bool:
    """`新增上市企业8家`: a flow, not the stock a `累计` earlier in the sentence reported (every
    word of `_NEW_ADDITION` opens with `新`: a clause without one is not matched)."""
    return "新" in clause and bool(_NEW_ADDITION.match(clause))


def stock_or_flow(context: str, published: date | None, growth: bool, sentence: str = "") -> Period | None:
    """A figure without a stated period: a stock as of a date (`截至2023年11月…总数达178家` ->
    2023-11; `截至2023年，…总数` -> 2023; `现有…`, `截至今年7月底…拥有` -> cumulative), a
    year-to-date flow (`截至4月30日，今年已累计签约…` -> January to April; a growth rate as of
    a date is the year's), or None when the words say neither."""
    stock = _STOCK.search(context)
    ytd = _YTD.search(context) if "今年" in context else None  # (every `_YTD` word opens with it)
    if not (stock or ytd or "已" in context):
        return None
    as_of = _as_of(context, published)
    flow = _FLOW.search(sentence or context) and not re.search(r"总数|总量|现有|拥有|存量|有效", context)
    if as_of is None:
        if ytd and published:
            return Period(f"{published.year}-01..{published.month:02d}", date(published.year, 1, 1), published)
        return Period("cumulative", None, published)
    end = as_of.end
    if growth:
        return year_period(end.year)
    if ytd or flow:
        return Period(f"{end.year}-01..{end.month:02d}", date(end.year, 1, 1), end)
    if as_of.exact:
        return Period("cumulative", None, end)
    if as_of.month is None:
        return year_period(end.year)
    return Period(f"{end.year}-{as_of.month:02d}", date(end.year, as_of.month, 1), end)


def is_annual_plan(text: str) -> bool:
    """`年度计划投资`, `全年目标任务`: an annual plan or target is the year's (every word of
    `_ANNUAL` holds `年`: a text without one, most phrases, is not searched)."""
    return "年" in text and bool(_ANNUAL.search(text))


def is_conditional(text: str) -> bool:
    """`项目全部投产后，预计实现年产值450亿元`: a figure promised after completion has no period."""
    return bool(_CONDITION.search(text))


def times_its_own_clause(text: str, f: Found) -> bool:
    """`力争一季度开工50%`: a period right before a verb times that clause only."""
    return bool(_VERB_AFTER.match(text, f.end))


def resolve_period(context: str, published: date | None) -> Period:
    """The period stated in `context` (the words before a figure in its sentence): the nearest
    explicit one, else a stock's or a year-to-date flow's."""
    context = without_bases(context)
    found = explicit_periods(context, published)
    if found:
        return found[-1].period
    return stock_or_flow(context, published, False) or NONE
