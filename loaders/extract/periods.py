"""Resolve the period a figure refers to, against the article's publication date.

`2023年` -> 2023; `今年前三季度` in an October 2024 article -> 2024-Q1..Q3
(2024-01-01 .. 2024-09-30); `一季度` -> Q1; `上半年` -> H1; `1—5月` -> 2024-01..05;
`去年年底` -> 2023; `截至今年7月底`, `目前`, `累计`, `已` -> cumulative (a stock stated
as of now). Pure: text and a date in, a Period out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class Period:
    label: str  # `2023`, `2024-Q1`, `2024-Q1..Q3`, `2024-H1`, `2024-01..05`, `cumulative`, or ``
    start: date | None = None
    end: date | None = None


NONE = Period("")

_YEAR = r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<rel>今年|去年|前年|上年|本年|当年))"
_QUARTER = re.compile(_YEAR + r"?\s*(?:前|第)?(?P<q>[一二三四1-4])(?:个)?季度")
_FIRST_QUARTERS = re.compile(_YEAR + r"?\s*前(?P<q>[一二三1-3])季度")
_HALF = re.compile(_YEAR + r"?\s*(?P<h>上|下)半年")
_MONTHS = re.compile(_YEAR + r"?\s*(?P<m1>\d{1,2})\s*[—\-~～至到]\s*(?P<m2>\d{1,2})\s*月")
_FIRST_MONTHS = re.compile(_YEAR + r"?\s*前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})个?月")
_SINCE = re.compile(_YEAR + r"\s*以来")
_YEAR_ONLY = re.compile(_YEAR + r"(?!\s*\d{1,2}\s*月\s*\d)")
_CUMULATIVE = re.compile(r"截至|截止|目前|当前|如今|现有|已有|已经|累计|至今|已")
_STOCK = re.compile(r"截至|截止|目前|当前|如今|现有|已有|至今")  # as of a date; `累计`/`已` within a year is that year
_FUTURE = re.compile(r"预计|计划|力争|将|拟|有望|目标|到\s*(?:19|20)\d{2}")


def _year(m: re.Match[str], published: date | None) -> int | None:
    if m.group("y"):
        return int(m.group("y"))
    rel = m.group("rel")
    if rel and published:
        return published.year - {"今年": 0, "本年": 0, "当年": 0, "去年": 1, "上年": 1, "前年": 2}[rel]
    return published.year if published else None


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_NUM.get(s, 0)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


_AS_OF = re.compile(r"截[至止]\s*" + _YEAR + r"?\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?:底|末)?")


def _as_of(context: str, published: date | None) -> date | None:
    """`截至2023年底` -> 2023-12-31, `截至今年7月底` -> 2024-07-31; otherwise the publication date."""
    m = _AS_OF.search(context)
    if not m or not (m.group("y") or m.group("rel") or m.group("m")):
        return published
    y = _year(m, published)
    if y is None:
        return published
    month = int(m.group("m")) if m.group("m") else 12
    if not 1 <= month <= 12:
        return published
    end = _month_end(y, month)
    return min(end, published) if published else end


def resolve_period(context: str, published: date | None) -> Period:
    """The period stated in `context` (the words before a figure in its sentence)."""
    m = _FIRST_QUARTERS.search(context)
    if m:
        y, q = _year(m, published), _num(m.group("q"))
        if y and 1 <= q <= 3:
            return Period(f"{y}-Q1..Q{q}", date(y, 1, 1), _month_end(y, 3 * q))
    m = _QUARTER.search(context)
    if m:
        y, q = _year(m, published), _num(m.group("q"))
        if y and 1 <= q <= 4:
            return Period(f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    m = _HALF.search(context)
    if m:
        y = _year(m, published)
        if y:
            first = m.group("h") == "上"
            return Period(f"{y}-H{1 if first else 2}", date(y, 1 if first else 7, 1), _month_end(y, 6 if first else 12))
    m = _MONTHS.search(context)
    if m:
        y, a, b = _year(m, published), int(m.group("m1")), int(m.group("m2"))
        if y and 1 <= a <= b <= 12:
            return Period(f"{y}-{a:02d}..{b:02d}", date(y, a, 1), _month_end(y, b))
    m = _FIRST_MONTHS.search(context)
    if m:
        y, n = _year(m, published), _num(m.group("n"))
        if y and 1 <= n <= 12:
            return Period(f"{y}-01..{n:02d}", date(y, 1, 1), _month_end(y, n))
    m = _SINCE.search(context)
    if m and published:  # `今年以来`: the year to date
        y = _year(m, published)
        if y == published.year:
            return Period(f"{y}-01..{published.month:02d}", date(y, 1, 1), published)
    cumulative = _CUMULATIVE.search(context) and not _FUTURE.search(context)
    if cumulative and not (_YEAR_ONLY.search(context) and not _STOCK.search(context)):
        return Period("cumulative", None, _as_of(context, published))
    years = [m for m in _YEAR_ONLY.finditer(context)]
    if years:
        y = _year(years[-1], published)
        if y and not _FUTURE.search(context[max(0, years[-1].start() - 6) : years[-1].start()]):
            return Period(str(y), date(y, 1, 1), date(y, 12, 31))
    return NONE
