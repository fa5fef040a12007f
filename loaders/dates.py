"""Infer when a page was published from the dates its text mentions.

Without a manifest the best evidence is the page itself: a news page reports events
that already happened, so its publication date is on or after the latest dated event
it mentions. Event dates are mostly printed without a year (`3月28日`); the year comes
from the explicit years the page uses in past-tense contexts. Years in plans and
forecasts (`计划于2027年竣工`, `力争到2026年`, `(2023—2025年)`) say nothing about
the present and are skipped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_FULL = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")  # what `_year_spans` finds
_CENTURIES = ("19", "20")  # how a year of _YEAR opens
_MONTH_DAY = re.compile(r"(?<![\d年])\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")  # read by `_month_days`
_FUTURE_BEFORE = re.compile(r"(?:计划|预计|力争|争取|目标|有望|将于|将在|将|拟|到|至|—|-|~|～)\s*(?:于|在)?\s*$")
_FUTURE_AFTER = re.compile(r"\s*(?:\d{1,2}\s*月)?\s*(?:底|末)?\s*(?:前|将|建成|投产|竣工|完成|实现|达到|首期建成)")
# a year reported as a whole, in the past: `2023年，…实现`, `2023年全年`, `2023年年底`
_COMPLETED_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:[，,]|全年|全区|年底|年末|底|末|度(?!计划|目标|任务|预算|规划|重点))"
)  # `2019年度…分析报告`: an annual report looks back on a year that is over
_PART_OF_YEAR = r"(?:[一二三四]季度|[上下]半年|前[一二三]季度|\d{1,2}\s*月)"  # `2023年二季度`: that year is not over
_PART_AFTER_YEAR = re.compile(rf"\s*{_PART_OF_YEAR}")  # read right after a year's `年`
_PLAN_CONTEXT = re.compile(r"(?:为|计划|预计|力争|目标)[^，。；]{0,6}$")
_FUTURE_REACH = 8  # how far before a date `_future` reads
_FUTURE_AHEAD = 6  # and how far after it


@dataclass(frozen=True)
class DateMention:
    when: date
    start: int
    exact: bool  # a full date with its own year


def _future(text: str, start: int, end: int) -> bool:
    """Whether the date at `start`-`end` is a plan's or a forecast's (`计划于2027年`, `2026年前建成`).

    The windows are read in place (`$` matches at the window's end, as at a slice's), not
    copied out of the text for every year and date a page names."""
    reach = max(0, start - _FUTURE_REACH)
    return bool(
        _FUTURE_BEFORE.search(text, reach, start)
        or _PLAN_CONTEXT.search(text, reach, start)
        or _FUTURE_AFTER.match(text, end, end + _FUTURE_AHEAD)
    )


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(y: int, m: int) -> int:
    """How many days month `m` (1-12) of `y` has: `calendar.monthrange(y, m)[1]` without the
    weekday of the month's first day it also works out (dates are checked for every figure)."""
    return _MONTH_DAYS[m - 1] + (m == 2 and calendar.isleap(y))


def _valid(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= d <= days_in_month(y, m)):
        return None
    return date(y, m, d)


def _month_days(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_MONTH_DAY.finditer(text)`, tried only where one can start.

    A match is spaces and digits, then `月`: it starts in the run of spaces and digits right
    before a `月` (and holds no other `月`). Trying the pattern at those few offsets, after
    `str.find` skipped to each `月`, spares the engine an attempt at every offset of a page
    (the pattern opens with a lookbehind and optional spaces, which leave it nothing to skip by).
    """
    end = 0  # where the last match ended: matches do not overlap
    month = text.find("月")
    while month >= 0:
        run = month
        while run > end and (text[run - 1].isdecimal() or text[run - 1].isspace()):  # `\d`, `\s`
            run -= 1
        for start in range(run, month):
            m = _MONTH_DAY.match(text, start)
            if m:
                yield m
                end = m.end()
                break
        month = text.find("月", max(month + 1, end))


def _year_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every `_YEAR.finditer(text)` match, found from the `年` each ends with.

    A match is four digits opening with 19 or 20, spaces, then `年`: the spaces are the whole
    run before that `年` and the digits the four characters before them, so each `年` has one
    place a match can start, checked by hand instead of the pattern tried at every offset. The
    dated patterns that open with a year (`_FULL`, `_YEAR_MONTH`, `_COMPLETED_YEAR`) hold no
    other `年` and end on a character that is neither digit nor space, so their matches start at
    these spans and at no other offset (see `_year_matches`).
    """
    spans = []
    end = text.find("年")
    while end >= 0:
        digits_end = end
        while digits_end > 0 and text[digits_end - 1].isspace():  # `\s*`
            digits_end -= 1
        start = digits_end - 4
        if start >= 0 and text.startswith(_CENTURIES, start) and text[start + 2 : digits_end].isdecimal():  # `\d{2}`
            spans.append((start, end + 1))
        end = text.find("年", end + 1)
    return spans


def _year_matches(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a pattern opening with a year: tried at the year spans only."""
    found = (pattern.match(text, start) for start, _ in spans)
    return [m for m in found if m]


def past_years(text: str, spans: list[tuple[int, int]] | None = None) -> list[int]:
    """Explicit years mentioned outside plans and forecasts (`spans`: the text's _year_spans)."""
    spans = _year_spans(text) if spans is None else spans
    return [int(text[start : start + 4]) for start, end in spans if not _future(text, start, end)]


def infer_published_on(text: str, page_years: list[int] | None = None) -> date | None:
    """The latest dated event the page reports, or None when it dates nothing (see `_inferred`)."""
    return _inferred(text, page_years)[0]


def _inferred(text: str, page_years: list[int] | None = None) -> tuple[date | None, bool]:
    """The latest dated event the page reports, and whether it is a day (not only a year's
    first day standing for a year the text speaks from).

    Bare month-day dates take the latest past year the page names (or the year after one
    it reports as a whole: `2023年，园区实现…`); when that would put
    them well before a fully dated event the page also reports (a January page looking
    back on `2023年12月22日`), they belong to the following year.
    """
    spans = _year_spans(text)
    years = past_years(text, spans) or list(page_years or [])
    full = [(m, _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _year_matches(_FULL, text, spans)]
    past_full = [d for m, d in full if d and not _future(text, m.start(), m.end())]
    anchors = past_full + _year_month_anchors(text, spans)
    full_spans = [(m.start(), m.end()) for m, _ in full]
    bare = [
        (int(m.group(1)), int(m.group(2)))
        for m in _month_days(text)
        if not any(a <= m.start(1) < b for a, b in full_spans) and not _future(text, m.start(), m.end())
    ]
    if not years and not anchors:
        return None, False
    ref_year = max(years) if years else max(anchors).year
    completed = _completed_years(text, spans)
    if completed:  # a page reporting a whole past year (not a part of it) was published after it ended
        ref_year = max(ref_year, max(completed) + 1)
    latest_anchor = max(anchors) if anchors else None
    candidates: list[date] = list(past_full)
    for month, day in bare:
        d = _valid(ref_year, month, day)
        if d is None:
            continue
        if latest_anchor and (latest_anchor - d).days > 60:
            d = _valid(ref_year + 1, month, day) or d
        candidates.append(d)
    if candidates:
        return max(candidates), True
    if latest_anchor is None and (completed or years):
        return date(ref_year, 1, 1), False  # `刚刚过去的2022年…`: no day, but the year it speaks from
    return latest_anchor, latest_anchor is not None


def _year_month_anchors(text: str, spans: list[tuple[int, int]]) -> list[date]:
    """The first days of the past months the text dates without a day (`2023年3月，…`)."""
    anchors = []
    for m in _year_matches(_YEAR_MONTH, text, spans):
        if not _future(text, m.start(), m.end()):
            d = _valid(int(m.group(1)), int(m.group(2)), 1)
            if d:
                anchors.append(d)
    return anchors


def _completed_years(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The past years the text reports as a whole (`2023年，…`), not a year it also reports a
    part of (`2023年二季度`): the years followed by a part of the year are read off the spans
    once, not searched for across the text once per whole year."""
    completed = [m for m in _year_matches(_COMPLETED_YEAR, text, spans) if not _future(text, m.start(), m.end())]
    if not completed:
        return []
    in_part = {text[start : start + 4] for start, end in spans if _PART_AFTER_YEAR.match(text, end)}
    return [int(m.group(1)) for m in completed if m.group(1) not in in_part]


def infer_page_date(bodies: list[str], name_year: int | None = None) -> date | None:
    """When a page of several articles was published: on or after the latest date any of them
    reports, each article read on its own (a page may gather articles written months apart,
    and one article's `1月6日` is not another's).

    An article naming no year takes the latest the page names, or the year in the file's name
    when that is later (`p5_2020.txt` gathering a 2019 report and an undated `9月28日`: the page
    is from 2020, so is its undated event)."""
    years = past_years("\n".join(bodies)) + ([name_year] if name_year else [])
    dates = [d for d in (infer_published_on(b, years) for b in bodies) if d]
    return max(dates) if dates else infer_published_on("\n".join(bodies), years)


# a date or a year in a file's name (`20201116_05.pdf`, `kjrb-2020-11-16.html`, `p5_2020.txt`)
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_NAME_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:19|20)\d{2}(?![0-9A-Za-z])")  # not inside a hash


def name_date(name: str) -> date | None:
    """The publication date a file's name spells out in full, if it does."""
    found = {_valid(int(m.group(1)), int(m.group(3)), int(m.group(4))) for m in _NAME_DATE.finditer(name)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def date_from_name_and_text(source_file: str, texts: list[str]) -> date | None:
    """A page's date without a manifest or metadata: the date its file's name spells out, else
    the latest its texts imply (with the name's year as the least year of undated events)."""
    name = source_file.replace("\\", "/").rsplit("/", 1)[-1]
    named = name_date(name)
    if named and not implausible(named):
        return named
    year = name_year(name)
    return infer_page_date(texts, year if year and year <= date.today().year else None)


def name_year(name: str) -> int | None:
    """The one year a file's name carries (`p5_2020.txt`), if it carries exactly one."""
    years = set(_NAME_YEAR.findall(name))
    return int(years.pop()) if len(years) == 1 else None


def article_date(page_date: date | None, how: str, body: str) -> date | None:
    """The date an article's relative dates (`今年`, `5月7日`) are read against: the page's when
    the manifest or the page itself says it, else the article's own inferred date."""
    if how in ("manifest", "metadata"):
        return page_date
    own, a_day = _inferred(body)
    if own and page_date and not a_day and own.year == page_date.year:
        return page_date  # the article only says which year it speaks from: the page says when
    return own if own and (page_date is None or own <= page_date) else page_date


# a manifest date or an inferred one outside these bounds is a typo or a misread, not a publication date
EARLIEST_PUBLICATION = date(1949, 1, 1)
LATEST_AHEAD_DAYS = 2  # an issue may carry tomorrow's date; a page from next month is a typo


def implausible(when: date, today: date | None = None) -> str | None:
    """Why `when` cannot be a page's publication date, or None when it can."""
    today = today or date.today()
    if when < EARLIEST_PUBLICATION:
        return f"before {EARLIEST_PUBLICATION.isoformat()}"
    if (when - today).days > LATEST_AHEAD_DAYS:
        return f"after today ({today.isoformat()})"
    return None
