"""Records the extractors return: a span of an article body plus what it names.

Spans are 0-based, end-exclusive character offsets into `dim_article.body`, so
`body[start:end] == text` always holds; every extractor's tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class ParkMention(NamedTuple):
    """A zone named (or referred to) in an article (a named tuple: the zone reader makes one for
    nearly every zone suffix of every text it reads, and a frozen dataclass's field-by-field
    `__init__` cost several times more; equality, hash and repr read the same fields alike)."""

    start: int
    end: int
    text: str  # as written: `西部科学城重庆高新区`, `杭州高新区（滨江）`, `该高新区`
    name: str  # normalised short name: `重庆高新区`, `杭州高新区`, or the zone a reference resolves to
    suffix: str  # the zone-type suffix as written: `高新区`, `综保区`, `工业园区` ...
    says_national: bool = False  # the text itself says 国家 (`长治国家高新区`)
    is_reference: bool = False  # `该高新区`, `园区`, bare `高新区` resolved to the article's zone
    zone_key: str | None = None  # the gazetteer row (`seeds/development_zones.csv` name_full) it names, if any
    form: str | None = None  # the gazetteer form as written, in short (`长春汽车经济技术开发区` -> `长春汽车经开区`)


_NEW_TUPLE = tuple.__new__


def park_mention(
    start: int,
    end: int,
    text: str,
    name: str,
    suffix: str,
    says_national: bool = False,
    is_reference: bool = False,
    zone_key: str | None = None,
    form: str | None = None,
) -> ParkMention:
    """`ParkMention(...)`, made without the named tuple's generated `__new__`: called through
    the type, it cost about three times the rest of a zone mention (the zone reader makes
    one for nearly every zone suffix it reads). The same fields, in the same order."""
    return _NEW_TUPLE(ParkMention, (start, end, text, name, suffix, says_national, is_reference, zone_key, form))


@dataclass(frozen=True)
class CompanyMention:
    """A company named in an article."""

    start: int
    end: int
    text: str  # as written: `卓怡恒通公司`, `遂宁市凡是食品有限公司`, `凡是食品`
    name: str  # the longest legal form this article uses for the company (or the brand when none)
    kind: str  # legal | alias | short | brand
    park: str | None = None  # ParkMention.name of the zone the text places the company in
