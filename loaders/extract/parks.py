"""Find the zones (高新区, 经开区, 综保区, 新区, 自创区, 合作区, 产业园 ...) an article names.

The zone gazetteer (`seeds/development_zones.csv`, 536 zones with their short forms and
aliases) is the backbone: a written form it knows is that zone, whatever its suffix
(`长春汽开区`, `兰白自创区`, `上合示范区`, `北京中关村`). For zones it lacks, a zone name is
a head and a suffix (`seeds/zone_types.csv`). The head is the hard part, because Chinese
has no spaces: in `位于长治国家高新区的` the head is `长治`, in `为临江高新区（钱塘区）孕育`
it is `临江`. It is found, in order of trust:

1. a known place or zone core ending right at the suffix (`东莞松山湖`, `长治`);
2. a known place opening a short head (`东莞` + `滨海湾`, `湖南` + `湘江`);
3. jieba's part-of-speech tags on the few characters before the suffix: a run of
   place-name tokens (`为/p 临江/ns`); a verb or noun (`助力`) is no head;
4. a short head the article repeats with the same suffix (`苏相合作区` twice).

A city form names the same zone (`郑州市高新区` is `郑州高新区`), and a name the gazetteer
holds only in a longer form resolves to it (`稀土高新区` -> `包头稀土高新区`).
Industrial parks (`马栏山视频文创产业园`) have a descriptor instead of a place: the
characters back to the nearest function word or verb, minus class labels (`千亿元级`)
and parks that are really projects (`谋划布局生命健康产业园`, `…科创产业园破土动工`).
A bare `高新区`, `该高新区`, `开发区` or `园区` refers to the article's zone of that kind
when the article (its title included) makes that unambiguous. Generic uses (`国家高新区`,
`两个国家高新区`, `福建省开发区`) are no zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from math import log
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from loaders.extract.lexicon import made_of_common_words
from loaders.extract.rules import LastWordEnd, longest_word, skip_to
from loaders.extract.spans import ParkMention, park_mention
from loaders.reference import (
    Zone,
    ZoneSuffix,
    bare_zone_forms,
    jieba_ready,
    place_names,
    place_regions,
    provinces,
    strip_suffix,
    suffix_info,
    zone_canonical,
    zone_forms,
    zone_in,
    zone_suffixes,
)
from loaders.wordlists import words

CJK = "\u3400-\u9fff"
_T = TypeVar("_T")
# characters and words that end a zone's head when scanning left from its suffix
_STOP_CHARS = set("的在于从与和及对向为是将由赴至等了把被让以、，。；：！？“”‘’《》（）()「」【】 \n,.;:!?")
_STOP_WORDS = words("extract_words.txt", "zone_head_stops")
_LAST_STOP_WORD_END = LastWordEnd(_STOP_WORDS)
# leading tokens of a descriptor that cannot open a park's name (jieba tags)
_NOT_OPENING = {"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "r", "d", "f", "v", "vd", "x", "m", "q", "t"}
# heads that are not places: generic or class-label uses of a suffix
_GENERIC_HEAD = re.compile(
    r"(国家级?|省级|市级|区级|县级|一流|全国|世界|国内|国际|各类|各地|多个|若干|首批|试点|现代化|特色|"
    r"[一二两三四五六七八九十百千万亿\d]+[个家座批]?|级|型)$|^(国家|省级|市级|全国|全省|全市|全区|全县|世界|国内|国际|现代化|一流)|"
    r"省级|市级|"
    r"[十百千万亿\d]+元?级"
)
_QUALIFIER_ENDS = ("科学城", "科技城", "新区")  # the wider zones printed as a qualifier (`西部科学城`)
_QUALIFIER_LAST = frozenset(end[-1] for end in _QUALIFIER_ENDS)
_QUALIFIER = re.compile(f"^[{CJK}]{{2,4}}(?:{'|'.join(_QUALIFIER_ENDS)})$")
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")
_PARK_CONTEXT_BEFORE = re.compile(
    r"(谋划|布局|拟建|计划建设|规划建设|对标|学习|借鉴|类似)[^，。；,;]{0,8}$|(建设(?!项目)|新建|兴建|开建)[^，。；,;“”]{0,20}$"
)
_LEGAL_FORM = re.compile(r"(?:有限公司|有限责任公司|股份公司|集团|公司)")
_PARK_CONTEXT_AFTER = re.compile(r"[（(]?[^，。；,;]{0,2}(破土动工|开工|奠基|签约|项目|建设项目|揭牌|开园)")
_CHINA_PLACE = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,6})[）)]$")
# `福建省开发区`: a province's zones at large, not one zone
_CLASS_SUFFIXES = {"开发区", "高新区", "经开区", "园区", "工业园区", "产业园区", "产业园", "新区", "自贸区"}
_MUNICIPALITIES = {"北京", "天津", "上海", "重庆", "北京市", "天津市", "上海市", "重庆市"}
_PLACE_FLAGS = {"ns", "nr", "nz", "nrt", "j", "zg"}
_MAX_HEAD = 8
_PARK_ABOUT = 2  # mentions of an industrial park that make it what an article is about
_MAX_FORM = 24  # the longest gazetteer form worth looking back for
_RECURRING_HEAD = (2, 4)  # lengths of an unknown head accepted when the article repeats it
_RECURRING_MIN = 2  # ... this many times
# what may follow a bare gazetteer name (`中关村`) used as a zone, not as part of another name
_BARE_NEXT = set("的和与及在是为、，。；：！？）)”」 \n将已共有把被从对向等也都还正企园")
# bare suffixes that refer back to a zone named elsewhere in the article
_REFERRING = ("该", "本")
_REFERENCE_SUFFIXES = ("高新区", "经开区", "开发区", "合作区", "自创区", "示范区", "综保区", "园区")
_NOT_REFERENCE_AFTER = "(?!域|内外)"  # `园区内外`, `开发区域`
_NOT_AREA_AFTER = "(?!域|别|间|块|分|级)"  # `该区域`, `本区别`
_REFERENCE = skip_to(
    "该本高经开合自示综园",
    f"({'|'.join(_REFERRING)})?({'|'.join(_REFERENCE_SUFFIXES)}){_NOT_REFERENCE_AFTER}"
    f"|({'|'.join(_REFERRING)})(区){_NOT_AREA_AFTER}",
)
# `_REFERENCE`'s matches (the same spans), each alternative written out so that every one opens
# with a character: the engine then skips along the text to those characters, at twice the
# speed of trying the lookahead of `_REFERENCE` at every offset. Its groups are read by
# `_REFERENCE` again, only at the few matches no zone covers.
_REFERENCE_SCAN = re.compile(
    "|".join(
        [f"{w}{s}{_NOT_REFERENCE_AFTER}" for w in _REFERRING for s in _REFERENCE_SUFFIXES]
        + [f"{s}{_NOT_REFERENCE_AFTER}" for s in _REFERENCE_SUFFIXES]
        + [f"{w}区{_NOT_AREA_AFTER}" for w in _REFERRING]
    )
)
_REFERENCE_OK_BEFORE = set("该本在到为和与及、，。；：！？（(“ \n的是从于向由至将把对入驻户")
_GENERIC_BEFORE = ("国家", "省级", "市级", "各类", "全国", "一流")
_NAME_CHAR = re.compile(f"[{CJK}A-Za-z0-9]")


_NATIONAL = "国家"
_TAIL = r"(?:[（(]([^（）()，。、；]{1,8})[）)])?"  # `杭州高新区（滨江）`: a district in brackets


def _suffix_matches(body: str) -> list[re.Match[str]]:
    """The zone suffixes of a text, each the longest that matches there, with `国家` before it
    (`_says_national`) and a bracket after it. Read by `_suffix_regex`, which the engine runs
    fast; a text writing a suffix that itself opens with `国家` (`国家自主创新示范区`) by
    `_national_suffix_regex`, the pattern that takes such a suffix as the original reading did
    (each such suffix holds `国家`: a text without it is not searched for them)."""
    if _NATIONAL in body and any(suffix in body for suffix in _national_suffixes()):
        return list(_national_suffix_regex().finditer(body))
    return list(_suffix_regex().finditer(body))


@cache
def _national_suffixes() -> tuple[str, ...]:
    return tuple(z.suffix for z in zone_suffixes() if z.suffix.startswith(_NATIONAL))


@cache
def _suffix_regex() -> re.Pattern[str]:
    """A zone suffix, as one trie opening the pattern: the engine scans for the suffixes' first
    characters instead of trying a pattern at every offset. `国家` before a suffix is read by
    `_says_national`, not matched: no match ends inside a `国家` (every suffix ends with 区,
    城, 园 …), so where no suffix opens with `国家` the suffixes found are the same as with an
    optional `国家` in front (`_national_suffix_regex`)."""
    suffixes = longest_word(z.suffix for z in zone_suffixes() if not z.suffix.startswith(_NATIONAL))
    return re.compile(f"({suffixes}){_TAIL}")


@cache
def _national_suffix_regex() -> re.Pattern[str]:
    """A zone suffix with an optional `国家` in front: after `国家国家` the suffix is
    `国家自主创新示范区`, after one `国家` it is `自主创新示范区`."""
    suffixes = longest_word(z.suffix for z in zone_suffixes())
    opening = "".join(sorted({"国"} | {z.suffix[0] for z in zone_suffixes()}))
    return skip_to(re.escape(opening), f"(?:{_NATIONAL})?({suffixes}){_TAIL}")


def _says_national(body: str, m: re.Match[str]) -> bool:
    """Is the suffix `m` found printed right after `国家` (`长治国家高新区`)?"""
    return m.start(1) >= len(_NATIONAL) and body.startswith(_NATIONAL, m.start(1) - len(_NATIONAL))


@cache
def _bare_regex() -> re.Pattern[str]:
    return re.compile(longest_word(bare_zone_forms()))


def _scan_left(body: str, end: int, limit: int) -> int:
    """Leftmost start of a run of name characters ending at `end` (no stop characters), at most
    `limit` back: read in one regex match of the reversed text before `end`, not one character
    test at a time (asked at nearly every zone suffix, often several times)."""
    return end - _NAME_RUN_REVERSED.match(body[end - limit if end > limit else 0 : end][::-1]).end()


# a run of name characters, matched on the reversed text before a point: any but `_STOP_CHARS`
_NAME_RUN_REVERSED = re.compile("[^" + re.escape("".join(sorted(_STOP_CHARS))) + "]*")


def _cut_stop_words(body: str, start: int, end: int) -> int:
    """Move `start` past the rightmost verb or function word inside body[start:end]."""
    return start + _LAST_STOP_WORD_END(body[start:end])


def _place_before(body: str, start: int) -> str | None:
    """The province or city name printed right before `start`, if any (`浙江`, `北京市`). Most
    characters end no such name: for them the four lengths are not looked up."""
    if body[start - 1 : start] not in _place_endings():
        return None
    for k in (5, 4, 3, 2):
        if start - k >= 0 and body[start - k : start] in place_regions():
            return body[start - k : start]
    return None


@cache
def _place_endings() -> frozenset[str]:
    """The last characters of the province and city names (`省`, `市`, `江`, `州` ...)."""
    return frozenset(name[-1] for name in place_regions())


def _mention(
    start: int, end: int, body: str, zone: Zone, suffix: str, national: bool, written: str | None = None
) -> ParkMention:
    if written in zone_forms():
        return _form_mention(start, end, body, zone, suffix, national, written)
    name = _canonical(zone)
    return park_mention(
        start, end, body[start:end], name, suffix, national, zone_key=zone.name_full, form=short_form(written or name)
    )


def _form_mention(start: int, end: int, body: str, zone: Zone, suffix: str, national: bool, form: str) -> ParkMention:
    """`_mention` of a written form the gazetteer lists (the gazetteer's reading knows it does)."""
    short = _forms()[form].short
    return park_mention(start, end, body[start:end], _canonical(zone), suffix, national, False, zone.name_full, short)


def _canonical(zone: Zone) -> str:
    """A gazetteer row's canonical name, worked out once per row and found by the row's identity:
    hashing a `Zone` (seven fields) cost more than the rest of a mention."""
    name = _canonical_names().get(id(zone))
    return name if name is not None else zone_canonical(zone)


@cache
def _canonical_names() -> dict[int, str]:
    """id of each gazetteer row -> its canonical name. The rows live as long as the process
    (`gazetteer()` is cached), so no other object can take one of their ids."""
    from loaders.reference import gazetteer

    return {id(zone): zone_canonical(zone) for zone in gazetteer()}


class _Form(NamedTuple):
    """What a mention of one gazetteer form takes from it, worked out once per process (the
    gazetteer is fixed): one look-up of the form, not one per field at every zone suffix."""

    zone: Zone
    canonical: str  # the zone's canonical name (`_canonical`)
    short: str  # `short_form` of the form
    shared: bool  # `_shared_form`: whether the provinces an article names can make it another zone


@cache
def _forms() -> dict[str, _Form]:
    """Gazetteer form -> its `_Form` (constant data, built once per process)."""
    return {
        form: _Form(zone, _canonical(zone), short_form(form), _shared_form(form)) for form, zone in zone_forms().items()
    }


_CLOSING_BRACKET = re.compile(r"[（(][^）)]*[）)]$")  # `杭州高新区（滨江）`: the district in brackets


def short_form(written: str) -> str:
    """`长治国家高新区` -> `长治高新区`, `长春汽车经济技术开发区` -> `长春汽车经开区`: a written form
    without 国家, a district in brackets or the long suffix (the warehouse names a zone by the
    most complete of these its articles use)."""
    written = _CLOSING_BRACKET.sub("", written)
    written = written[:2] + written[2:].replace("国家", "")
    core, suffix = strip_suffix(written)
    return core + suffix.canonical if suffix is not None else written


# --- the gazetteer ------------------------------------------------------------------


def _gazetteer_at(body: str, end: int, provinces: Callable[[], frozenset[str]]) -> tuple[int, Zone, str | None] | None:
    """The longest gazetteer form ending at `end` whose place fits (`provinces`: the provinces
    the text names, see `_placed`): its start, its zone and the place printed before it."""
    found = _gazetteer_found(body, end, provinces)
    return found[:3] if found is not None else None


def _gazetteer_found(
    body: str, end: int, provinces: Callable[[], frozenset[str]]
) -> tuple[int, Zone, str | None, _Form] | None:
    """`_gazetteer_at`, with what the gazetteer holds for the form found."""
    found = _reversed_forms().match(body[end - _MAX_FORM if end > _MAX_FORM else 0 : end][::-1])
    if found is None:
        return None
    start = end - found.end()
    form = _forms()[body[start:end]]
    zone = form.zone
    place = _place_before(body, start)
    if (place and not zone_in(zone, place)) or body[start - 1 : start] == "·":
        return None  # `中山火炬高新区` is not `厦门火炬高新区` shortened; `南宁·中关村科技园` is another park
    return start, _placed(body[start:end], zone, provinces) if form.shared else zone, place, form


@cache
def _reversed_forms() -> re.Pattern[str]:
    """The gazetteer forms (two to `_MAX_FORM` characters) written backwards, as one trie: matched
    on the characters before a point read backwards, the longest form ending there, in one
    look-up by the engine instead of one per length."""
    return re.compile(longest_word(form[::-1] for form in zone_forms() if 2 <= len(form) <= _MAX_FORM))


def _placed(form: str, zone: Zone, provinces: Callable[[], frozenset[str]]) -> Zone:
    """`火炬高新区` with no place of its own: the zone of that form in a province the article names
    (`中山…火炬高新区` is 中山's), when the form's own zone lies elsewhere. Most forms end only
    one zone's forms: for them the text's provinces are not read."""
    if not _shared_form(form):
        return zone
    mentioned = provinces()
    if not mentioned or zone.province[:2] in mentioned or any(p in form for p in mentioned):
        return zone
    others = {z for z in _zones_ending_with(form) if z.province[:2] in mentioned}
    return next(iter(others)) if len(others) == 1 else zone


@cache
def _shared_form(form: str) -> bool:
    """Does `form` end the forms of more than one zone (`火炬高新区`)? Only then can the
    provinces an article names make it another zone than its own."""
    return len(set(_zones_ending_with(form))) > 1


@cache
def _zones_ending_with(form: str) -> tuple[Zone, ...]:
    """The zones of every gazetteer form that ends with `form` (`火炬高新区` -> 厦门's, 中山's …)."""
    return tuple(_forms_by_ending().get(form, ()))


@cache
def _forms_by_ending() -> dict[str, list[Zone]]:
    """Gazetteer form -> the zones of the forms ending with it: one pass over the gazetteer
    instead of one per zone mention."""
    forms = zone_forms()
    out: dict[str, list[Zone]] = {}
    for f, zone in forms.items():
        for i in range(len(f)):
            if f[i:] in forms:
                out.setdefault(f[i:], []).append(zone)
    return out


def provinces_named(body: str) -> frozenset[str]:
    """The provinces (first two characters) of the places an article names. Read at most once
    per text (`_named_zones` asks through a per-call cache), and only when a form is shared."""
    regions = place_regions()
    return frozenset(r[:2] for m in _place_regex().finditer(body) for r in regions.get(m.group(0), ()))


@cache
def _place_regex() -> re.Pattern[str]:
    return re.compile(longest_word(n for n in place_regions() if len(n) >= 2))


def _with_place(body: str, start: int, zone: Zone) -> int:
    """`浙江杭州湾上虞经济技术开发区`, `北京中关村`: a place printed before the zone's name is part of it."""
    return _with_place_read(start, zone, _place_before(body, start))


def _with_place_read(start: int, zone: Zone, place: str | None) -> int:
    """`_with_place`, the place printed before `start` already read."""
    return start - len(place) if place and zone_in(zone, place) else start


def _conflicting(zone: Zone, suffix: ZoneSuffix | None) -> bool:
    """`中关村国家自主创新示范区` is the demonstration zone, not the high-tech zone it shares a row with."""
    strict = ("demonstration_zone", "free_trade_zone", "bonded_zone")
    return suffix is not None and suffix.park_type in strict and suffix.park_type != zone.zone_type


def _gazetteer_mention(body: str, m: re.Match[str], provinces: Callable[[], frozenset[str]]) -> ParkMention | None:
    suffix_end = m.end(1)
    found = _gazetteer_found(body, suffix_end, provinces)
    if found is None:
        return None
    start, zone, place, form = found
    suffix = m[1]
    if _conflicting(zone, suffix_info()[suffix]):
        return None
    tail = m[2]
    end = m.end() if tail and not _PHASE.search(tail) else suffix_end
    national = body.find(_NATIONAL, start, suffix_end) >= 0  # the form as written says 国家
    text_start = _with_qualifier(body, _with_place_read(start, zone, place))
    name = form.canonical if zone is form.zone else _canonical(zone)  # (`_placed` may make it another zone)
    text = body[text_start:end]
    return park_mention(text_start, end, text, name, suffix, national, False, zone.name_full, form.short)


def _with_qualifier(body: str, start: int) -> int:
    """`西部科学城重庆高新区`: a wider zone printed as a qualifier belongs to the mention. Most
    mentions follow no qualifier's ending: for them the text before is not scanned."""
    if not (start > 0 and body[start - 1] in _QUALIFIER_LAST and body.endswith(_QUALIFIER_ENDS, 0, start)):
        return start  # (the last character first: one look-up, not three calls of endswith)
    q = _scan_left(body, start, 7)
    return q if start - q >= 5 and _QUALIFIER.search(body[q:start]) else start


class _Covered(bytearray):
    """The characters of a text the mentions found so far cover, a byte each (1: covered):
    whether a match meets one is a look at its own characters, not a scan of every mention.
    `_Covered(len(text))` is all zeros, made by bytearray's own constructor (one is made for
    nearly every text read, and a Python `__init__` cost more than the rest of it)."""

    def add(self, mention: ParkMention) -> None:
        self[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

    def meets(self, start: int, end: int) -> bool:
        """Does a mention cover any character of [start, end)?"""
        return self.find(1, start, end) != -1


def _bare_mentions(body: str, taken: _Covered) -> list[ParkMention]:
    """`中关村`, `光谷`, `泰达`: gazetteer names without a suffix, where they stand alone."""
    out = []
    for m in _bare_regex().finditer(body):
        if taken.meets(m.start(), m.end()):
            continue
        before, after = body[m.start() - 1 : m.start()], body[m.end() : m.end() + 1]
        zone = zone_forms()[m[0]]
        start = m.start()
        if after and after not in _BARE_NEXT:
            continue  # `中关村倡议`, `光谷大道`: part of another name
        if before == "·":
            continue  # `南宁·中关村`: another park named after it
        if before and _NAME_CHAR.match(before):
            place = _place_before(body, start)
            if not (place and zone_in(zone, place)) and before not in _STOP_CHARS:
                continue  # `新中关村`: part of another name
            start = _with_place(body, start, zone)
        out.append(_form_mention(start, m.end(), body, zone, "", False, m[0]))  # a gazetteer form
    return out


_MAX_PLACE_PREFIX = 4  # 黑龙江 / 内蒙古 / 北京市


def _placed_form(written: str) -> Zone | None:
    """`北京中关村国家自主创新示范区`: a place, then a form the gazetteer lists for a zone in that
    place, is that zone whatever type its suffix implies (the gazetteer says so)."""
    forms = zone_forms()
    for k in range(_MAX_PLACE_PREFIX, 1, -1):
        place, rest = written[:k], written[k:]
        if rest in forms and place in place_regions() and zone_in(forms[rest], place):
            return forms[rest]
    return None


_MIN_ENDING = 5  # a name this long or longer may stand for the one zone whose form ends with it


def _resolve(name: str, park_type: str) -> Zone | None:
    """A zone name the rules built, read through the gazetteer: exact, else the one zone of the
    same type whose name ends with it (`稀土高新区` -> `包头稀土高新区`, `临江高新区` -> `萧山临江高新区`)."""
    forms = zone_forms()
    if name in forms:
        return forms[name]
    if len(name) < _MIN_ENDING:
        return None
    hits = _zones_by_ending().get((name, park_type))
    return next(iter(hits)) if hits is not None and len(hits) == 1 else None


@cache
def _zones_by_ending() -> dict[tuple[str, str], set[Zone]]:
    """(an ending of a gazetteer form, `_MIN_ENDING` characters or more; a zone type) -> the zones
    of that type with a form ending so: one pass over the gazetteer, instead of one per name
    the rules build (or a cache of names, which real news rarely repeats)."""
    out: dict[tuple[str, str], set[Zone]] = {}
    for form, zone in zone_forms().items():
        for i in range(len(form) - _MIN_ENDING + 1):
            out.setdefault((form[i:], zone.zone_type), set()).add(zone)
    return out


# --- the rules, for zones the gazetteer lacks ------------------------------------------


def _known_head(body: str, end: int) -> int | None:
    """Start of a head made of a known place, optionally followed by 1–4 more characters. Only
    where a place name can end (1.) or open (2.) are the lengths looked up."""
    places = place_names()
    firsts = _place_name_firsts()
    for k in _place_lengths_ending().get(body[end - 1 : end], ()):  # 1. a known name ending at the suffix
        if end - k >= 0 and body[end - k : end] in places:
            return end - k
    floor = _scan_left(body, end, _MAX_HEAD)
    for q in range(floor, end - 2):  # 2. a known place opening a short head
        if body[q] not in firsts:
            continue
        for k in range(min(6, end - q - 1), 1, -1):
            if body[q : q + k] in places and 1 <= end - q - k <= 4:
                return q
    return None


@cache
def _place_lengths_ending() -> dict[str, tuple[int, ...]]:
    """Last character -> the lengths (2 to `_MAX_HEAD`, longest first) of the place names ending
    with it: only those lengths can end a known name at the suffix."""
    lengths: dict[str, set[int]] = {}
    for name in place_names():
        if 2 <= len(name) <= _MAX_HEAD:
            lengths.setdefault(name[-1], set()).add(len(name))
    return {last: tuple(sorted(ks, reverse=True)) for last, ks in lengths.items()}


@cache
def _place_name_firsts() -> frozenset[str]:
    """The first characters of the names that can open a zone name."""
    return frozenset(n[0] for n in place_names())


class _Tagging(dict[tuple[str, bool], int]):
    """jieba's reading of the short windows one article asks about, each window read once per
    article: an article naming `临江高新区` five times (its title included) has `临江` tagged
    once. Made for one article (one call of `find_parks_with_title`, or of `_named_zones`) and
    dropped with it, never shared between articles.

    A dict of (window, read from its start) -> answer: one is made for nearly every text read,
    and a dict is made by its type's own constructor, without a Python `__init__`. (Empty, it
    is falsy: ask `is None`, not `or`, whether one was given.)"""

    def place_run(self, window: str) -> int:
        """How many characters of place-name tokens end `window` (0 when they make no head)."""
        key = (window, False)
        if key not in self:
            self[key] = _place_run(window)
        return self[key]

    def opening(self, window: str) -> int:
        """How many characters of leading verbs and function words `window` opens with."""
        key = (window, True)
        if key not in self:
            self[key] = _opening(window)
        return self[key]


def _place_run(window: str) -> int:
    tokens = _tokens_from_end(_pos_pieces(window))
    last = next(tokens, None)
    head = 0
    token = last
    while token is not None and token[1] in _PLACE_FLAGS:
        head += len(token[0])
        token = next(tokens, None)
    if head < 2 or (last is not None and last[1] == "zg" and head == len(last[0])):
        return 0
    return head


# --- jieba's part-of-speech tags, worked out sooner ----------------------------------------

_Token = tuple[str, str]  # (word, part-of-speech tag)
_Piece = _Token | str  # a tagged word, or a run of unknown characters the HMM has yet to tag


def _pos_pieces(window: str) -> list[_Piece]:
    """`jieba.posseg.cut(window)` in order, line for line as its `__cut_internal` and `__cut_DAG`
    (jieba's own dictionary and tag table; `_route` its DAG and route), but a run of unknown
    characters is left a str, not tagged: the HMM, most of the cost, runs only on a run a
    reader gets to (`_detail`).
    `_place_run` reads from the end, `_opening` from the start; both stop early."""
    jp = _jieba_parts()
    tagger = _pos_tagger()
    tagger.makesure_userdict_loaded()
    out: list[_Piece] = []
    for blk in jp.re_han_internal.split(window):
        if not blk:
            continue  # the split's empty ends, in which jieba finds nothing
        if jp.re_han_internal.match(blk):
            _dag_pieces(blk, tagger, out)
            continue
        for x in jp.re_skip_internal.split(blk):
            if jp.re_skip_internal.match(x):
                out.append((x, "x"))
                continue
            for xx in x:
                out.append((xx, "m" if jp.re_num.match(xx) else "eng" if jp.re_eng.match(x) else "x"))
    return out


def _dag_pieces(sentence: str, tagger: Any, out: list[_Piece]) -> None:
    """jieba.posseg's `__cut_DAG` of one block: dictionary words along jieba's route, single
    characters gathered into a buffer as it gathers them."""
    tokenizer = tagger.tokenizer
    tokenizer.check_initialized()
    tags, freq = tagger.word_tag_tab, tokenizer.FREQ
    route = _route(sentence, freq, log(tokenizer.total))
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = route[x] + 1
        word = sentence[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                _flush(buf, tags, freq, out)
                buf = ""
            out.append((word, tags.get(word, "x")))
        x = y
    if buf:
        _flush(buf, tags, freq, out)


def _route(sentence: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """jieba's `get_DAG` and `calc` in one pass, without their dicts and generator: for each
    position, where the word jieba's route takes from there ends. The same sums in the same
    order (`log(freq) - logtotal + the rest's score`), the same tie-break (the longer word)."""
    size = len(sentence)
    score = [0.0] * (size + 1)
    route = [0] * size
    for k in range(size - 1, -1, -1):
        best: float | None = None
        best_end, end = k, k + 1
        f = freq.get(sentence[k])
        while f is not None:  # sentence[k:end] opens a dictionary word (or is one: f > 0)
            if f:
                s = log(f) - logtotal + score[end]
                if best is None or s >= best:
                    best, best_end = s, end - 1
            if end == size:
                break
            end += 1
            f = freq.get(sentence[k:end])
        if best is None:  # no word opens at k: the character alone, as jieba scores it
            best = log(freq.get(sentence[k]) or 1) - logtotal + score[k + 1]
        score[k], route[k] = best, best_end
    return route


def _flush(buf: str, tags: dict[str, str], freq: dict[str, int], out: list[_Piece]) -> None:
    """`__cut_DAG`'s buffer of single characters: one tagged character, a run the dictionary
    lacks (left for the HMM), or the characters of a dictionary word one by one."""
    if len(buf) == 1:
        out.append((buf, tags.get(buf, "x")))
    elif not freq.get(buf):
        out.append(buf)
    else:
        out.extend((ch, tags.get(ch, "x")) for ch in buf)


def _detail(run: str) -> list[_Token]:
    """jieba.posseg's `__cut_detail` of a run its dictionary lacks: Han characters by the HMM
    (`_hmm_words`), numbers and Latin letters apart."""
    jp = _jieba_parts()
    out: list[_Token] = []
    for blk in jp.re_han_detail.split(run):
        if not blk:
            continue
        if jp.re_han_detail.match(blk):
            out.extend((p.word, p.flag) for p in _hmm_words(None, blk))
            continue
        for x in jp.re_skip_detail.split(blk):
            if x:
                out.append((x, "m" if jp.re_num.match(x) else "eng" if jp.re_eng.match(x) else "x"))
    return out


def _tokens_from_start(pieces: list[_Piece]) -> Iterator[_Token]:
    """The tokens of `_pos_pieces`, first to last, a run tagged when the reader reaches it."""
    for piece in pieces:
        if isinstance(piece, str):
            yield from _detail(piece)
        else:
            yield piece


def _tokens_from_end(pieces: list[_Piece]) -> Iterator[_Token]:
    """The tokens of `_pos_pieces`, last to first, a run tagged when the reader reaches it."""
    for piece in reversed(pieces):
        if isinstance(piece, str):
            yield from reversed(_detail(piece))
        else:
            yield piece


@cache
def _jieba_parts() -> Any:
    """jieba.posseg's module (its block patterns), imported on first use (see `_pos_tagger`)."""
    import jieba.posseg as pseg

    return pseg


def _pos_cut(window: str) -> Iterator[Any]:
    """`jieba.posseg.cut(window)`: the same (word, flag) pairs, lazily, from jieba's own
    dictionaries and model; only the Viterbi that tags a run of unknown characters is ours.
    The readers use `_pos_pieces`; this whole cut is what tests hold the pieces and the
    Viterbi to."""
    return _pos_tagger().cut(window)


@cache
def _pos_tagger() -> Any:
    """jieba's default tagger with `_hmm_words` for its `__cut`. Built on first use: importing
    jieba.posseg reads its tag dictionary, which a process that tags nothing need not pay."""
    import jieba.posseg as pseg

    jieba_ready()

    class Tagger(pseg.POSTokenizer):  # type: ignore[misc]
        def __init__(self) -> None:  # pseg.dt's dictionaries (user words too), not read again
            self.tokenizer = pseg.dt.tokenizer
            self.word_tag_tab = pseg.dt.word_tag_tab

    Tagger._POSTokenizer__cut = _hmm_words  # the name jieba's `self.__cut` looks up
    return Tagger()


def _hmm_words(_tagger: Any, run: str) -> Iterator[Any]:
    """jieba.posseg's `__cut` (a run of characters its dictionary does not split, as words
    with tags by the HMM's state path), line for line, with `_viterbi` finding the path."""
    from jieba.posseg import pair

    path = _viterbi(run)
    begin, after = 0, 0
    for i, (position, flag) in enumerate(path):
        if position == "B":
            begin = i
        elif position == "E":
            yield pair(run[begin : i + 1], flag)
            after = i + 1
        elif position == "S":
            yield pair(run[i], flag)
            after = i + 1
    if after < len(run):
        yield pair(run[after:], path[after][1])


_HmmState = tuple[str, str]  # (B/M/E/S, part-of-speech tag)


class _HmmTables(NamedTuple):
    """jieba's POS HMM with its ~256 states numbered in their sorted order, so that the Viterbi
    works on small ints and bit masks, not (position, tag) tuples (hashing those was most of
    its cost), and a higher number is a higher state (jieba's tie-break)."""

    states: tuple[_HmmState, ...]  # number -> state
    number: dict[_HmmState, int]  # state -> number
    of_char: dict[str, tuple[_HmmState, ...]]  # character -> the states it can be in (jieba's table)
    start: list[float]  # state -> start log probability
    emit: list[dict[str, float]]  # state -> character -> emission log probability
    reach: list[int]  # state -> the states its transitions reach, as a bit mask
    came_from: list[int]  # state -> the states with a transition into it, as a bit mask
    into: list[dict[int, float]]  # state -> the states moving into it -> that log probability
    everything: tuple[int, ...]  # every state, for a character the model does not list


@cache
def _hmm() -> _HmmTables:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    states = tuple(sorted(trans_P))
    number = {state: i for i, state in enumerate(states)}
    into: list[dict[int, float]] = [{} for _ in states]
    for x, state in enumerate(states):
        for y, p in trans_P[state].items():
            into[number[y]][x] = p
    return _HmmTables(
        states=states,
        number=number,
        of_char=char_state_tab_P,
        start=[start_P[state] for state in states],
        emit=[emit_P[state] for state in states],
        reach=[sum(1 << number[y] for y in trans_P[state]) for state in states],
        came_from=[sum(1 << x for x in pred) for pred in into],
        into=into,
        everything=tuple(range(len(states))),
    )


_UNSEEN = -3.14e100  # jieba's log probability of an emission its model never saw (MIN_FLOAT)


def _viterbi(run: str) -> list[_HmmState]:
    """The state path `jieba.posseg.viterbi` finds for `run`, the same to the bit: the same sums
    in the same order, the same tie-break (the higher state wins). jieba scores every pair of
    states (~19 x ~18 a character) and drops the pairs its transition table lacks (minus
    infinity); this scores only the pairs the table holds, found by masking each state's
    predecessors with the states alive."""
    hmm = _hmm()
    ch = run[0]
    start, emit = hmm.start, hmm.emit
    first = _states_of(ch, hmm) if ch in hmm.of_char else hmm.everything
    score = {y: start[y] + emit[y].get(ch, _UNSEEN) for y in first}
    back: list[dict[int, int]] = []
    for ch in run[1:]:
        alive, reachable = 0, 0
        for x in score:
            alive |= 1 << x
            reachable |= hmm.reach[x]
        if not reachable:  # no state can go on: jieba's own Viterbi, and whatever it makes of that
            from jieba.posseg import viterbi

            return _jieba_path(viterbi, run)
        allowed = [y for y in _states_of(ch, hmm) if reachable >> y & 1] or _members(reachable, hmm.everything)
        score, came = _step(score, alive, allowed, ch, hmm)
        back.append(came)
    state = max((s, y) for y, s in score.items())[1]
    path = [state]
    for came in reversed(back):
        state = came[state]
        path.append(state)
    return [hmm.states[y] for y in reversed(path)]


def _states_of(ch: str, hmm: _HmmTables) -> list[int]:
    """The numbers of the states jieba's model lists for `ch` (none for a character it lacks)."""
    number = hmm.number
    return [number[state] for state in hmm.of_char.get(ch, ())]


def _members(mask: int, everything: tuple[int, ...]) -> list[int]:
    """The states a bit mask holds."""
    return [y for y in everything if mask >> y & 1]


def _step(
    score: dict[int, float], alive: int, allowed: list[int], ch: str, hmm: _HmmTables
) -> tuple[dict[int, float], dict[int, int]]:
    """One Viterbi step: each allowed state's best score over the live states moving into it,
    and the state it came from (taken in rising order, so on a tie the higher one, as jieba's
    `max` over (score, state) pairs)."""
    new: dict[int, float] = {}
    came: dict[int, int] = {}
    for y in allowed:
        sources = hmm.came_from[y] & alive
        if not sources:
            continue
        e = hmm.emit[y].get(ch, _UNSEEN)
        into = hmm.into[y]
        best, best_x = 0.0, -1
        while sources:
            low = sources & -sources
            sources ^= low
            x = low.bit_length() - 1
            s = score[x] + into[x] + e
            if best_x < 0 or s >= best:
                best, best_x = s, x
        new[y] = best
        came[y] = best_x
    return new, came


def _jieba_path(viterbi: Callable[..., tuple[float, list[_HmmState]]], run: str) -> list[_HmmState]:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    return viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1]


def _tagged_head(body: str, end: int, tagging: _Tagging) -> int | None:
    """Start of a head of place-name tokens, by jieba's tags on a short window."""
    start = _cut_stop_words(body, _scan_left(body, end, _MAX_HEAD), end)
    if end - start < 2:
        return None
    head = tagging.place_run(body[start:end])
    return end - head if head else None


def _with_province(body: str, start: int) -> int:
    """`四川遂宁高新区`: include a province name printed before the head. Most heads follow no
    province's last character: for them the four lengths are not looked up."""
    if body[start - 1 : start] not in _province_endings():
        return start
    names = provinces()
    for k in (3, 2, 5, 4):
        if start - k >= 0 and body[start - k : start] in names:
            return start - k
    return start


@cache
def _province_endings() -> frozenset[str]:
    """The last characters of the province names (`省`, `川`, `江` ...)."""
    return frozenset(name[-1] for name in provinces())


def _opens_with_place(head: str) -> bool:
    """Does a known place open `head` (`any(head.startswith(p) for p in place_names())`)? Its
    openings of each length a place name has, looked up: a few look-ups, not a thousand."""
    names = place_names()
    return any(head[:k] in names for k in _place_name_lengths() if k <= len(head))


@cache
def _place_name_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(name) for name in place_names()}))


def _city_form(head: str) -> str:
    """`郑州市` -> `郑州`, `通化市国家医药` -> `通化医药`: the city form of a head (and one saying
    国家 inside it) names the same zone."""
    head = head[:2] + head[2:].replace("国家", "") if len(head) > 4 else head
    for k in (4, 3, 2):
        if len(head) > k and head[k] in "市县" and head[:k] in place_names():
            return head[:k] + head[k + 1 :]
    return head


def _is_class_of_zones(head: str, suffix: str) -> bool:
    """`福建省开发区`, `广东高新区`: a province's zones at large."""
    return head in provinces() and head not in _MUNICIPALITIES and suffix in _CLASS_SUFFIXES


def _admin_head(body: str, head_end: int, recurring: Callable[[], _Recurring], tagging: _Tagging) -> int | None:
    start = _known_head(body, head_end)
    if start is None:
        start = _tagged_head(body, head_end, tagging)
    if start is None:
        floor = _short_head(body, head_end)
        if body[floor:head_end] in recurring():
            start = floor
    return start


def _short_head(body: str, end: int) -> int:
    """Start of the short head (at most `_RECURRING_HEAD[1]` characters, no stop words) before `end`."""
    return _cut_stop_words(body, _scan_left(body, end, _RECURRING_HEAD[1]), end)


def _admin_mention(
    body: str, m: re.Match[str], recurring: Callable[[], _Recurring], tagging: _Tagging
) -> ParkMention | None:
    suffix = m[1]
    info = suffix_info()[suffix]
    if m[2] and _PHASE.search(m[2]):
        return None  # `襄阳科技城（二期）` is a building phase, a venue (whatever the head: not looked for)
    national = _says_national(body, m)
    head_end = m.start(1) - (2 if national else 0)
    start = _admin_head(body, head_end, recurring, tagging)
    if start is None:
        return None
    head = body[start:head_end]
    if _GENERIC_HEAD.search(head):
        return None  # `国家高新区` is generic
    if _is_class_of_zones(head, info.canonical):
        return None
    text_start = _with_province(body, start)
    if text_start < start and head not in place_names() and not _opens_with_place(head):
        start = text_start  # `湖南湘江新区`: the province is part of the name when no city follows
        head = body[start:head_end]
    text_start = _with_qualifier(body, text_start)
    name = _city_form(head) + info.canonical
    zone = _resolve(name, info.park_type) or _resolve(head + suffix, info.park_type)
    place = _place_before(body, text_start)
    if zone is not None and place and not zone_in(zone, place):
        text_start -= len(place)  # `东莞滨海新区` is not `(天津)滨海新区`
        name = place + name
        zone = None
    listed = _placed_form(body[text_start : m.end()])
    if listed is not None:
        return _mention(text_start, m.end(), body, listed, suffix, national, body[text_start : m.end()])
    if zone is not None and not _conflicting(zone, info):
        return _mention(text_start, m.end(), body, zone, suffix, national, _city_form(head) + suffix)
    return park_mention(text_start, m.end(), body[text_start : m.end()], name, suffix, national)


class _Recurring:
    """The short unknown heads a text writes before a zone suffix at least twice (`苏相合作区`),
    asked head by head: a head is worked out only at the suffixes its characters end, not at
    every suffix of the text. Made for one call of `_named_zones` and dropped with it."""

    def __init__(self, body: str, matches: list[re.Match[str]]) -> None:
        self._body = body
        self._matches = matches
        self._ends: list[int] | None = None  # where the admin suffixes start, listed when first asked
        self._answers: dict[str, bool] = {}

    def __contains__(self, head: str) -> bool:
        if head not in self._answers:
            self._answers[head] = self._recurs(head)
        return self._answers[head]

    def _recurs(self, head: str) -> bool:
        if not _RECURRING_HEAD[0] <= len(head) <= _RECURRING_HEAD[1]:
            return False
        if self._ends is None:
            kinds = _suffix_kinds()
            self._ends = [m.start(1) for m in self._matches if kinds[m[1]] == "admin"]
        body, size = self._body, len(head)
        written = sum(
            1 for end in self._ends if body.startswith(head, end - size) and body[_short_head(body, end) : end] == head
        )
        # `电力系统示范区`: everyday words, not a name (asked only of the heads that recur)
        return written >= _RECURRING_MIN and not _GENERIC_HEAD.search(head) and not made_of_common_words(head)


def _opening(window: str) -> int:
    """The length of the leading verbs and function words jieba finds in a descriptor (`回忆起信创`)."""
    tokens = _tokens_from_start(_pos_pieces(window))  # the HMM tags a run only when reached
    token = next(tokens, None)
    skipped = 0
    while token is not None and token[1] in _NOT_OPENING:
        following = next(tokens, None)
        if following is None:
            break  # the last token stays, whatever its tag
        skipped += len(token[0])
        token = following
    return skipped


def _park_mention(body: str, m: re.Match[str], zones: list[ParkMention], tagging: _Tagging) -> ParkMention | None:
    suffix = m[1]
    info = suffix_info()[suffix]
    end = m.start(1)
    start = _scan_left(body, end, 12)
    start = _cut_stop_words(body, start, end)
    for z in zones:  # `湘潭高新区数字产业园`: a zone name is not part of the descriptor
        if start <= z.end <= end:
            start = z.end
    for legal in _LEGAL_FORM.finditer(body, start, end):  # `…有限公司美安生态科技新城`: the company is not
        start = legal.end()
    if _GENERIC_HEAD.search(body[start:end]):
        return None  # `百亿级电子信息产业园`: a class of park
    if _PARK_CONTEXT_AFTER.match(body, m.end()):
        return None  # a park being built is a project, not (yet) a zone (checked before jieba runs)
    if end - start < 2:
        return None  # the head, shorter still once its opening is dropped, is too short (jieba not asked)
    start += tagging.opening(body[start:end])  # drop leading verbs and function words
    head = body[start:end]
    if len(head) < 2 or _GENERIC_HEAD.search(head):
        return None
    if _PARK_CONTEXT_BEFORE.search(body[start - 12 if start > 12 else 0 : start]):
        return None  # a park being planned is a project, not (yet) a zone
    china = _CHINA_PLACE.search(body[start - 10 if start > 10 else 0 : start])
    if china:  # `中国（南宁）跨境电子商务综合试验区`
        return park_mention(
            start - len(china.group(0)), m.end(), body[start - len(china.group(0)) : m.end()],
            china.group(1) + head + info.canonical, suffix,
        )  # fmt: skip
    return park_mention(start, m.end(), body[start : m.end()], head + info.canonical, suffix)


def _weak(park: ParkMention) -> bool:
    head = park.name[: -len(suffix_info()[park.suffix].canonical)]
    return park.zone_key is None and len(head) < 3 and head not in place_names()


def _merge_compounds(mentions: list[ParkMention]) -> list[ParkMention]:
    """`西部科学城重庆高新区`: a zone printed right before another qualifies it."""
    out: list[ParkMention] = []
    for m in mentions:
        if out and out[-1].end == m.start and not out[-1].is_reference and out[-1].zone_key is None:
            prev = out.pop()
            text = prev.text + m.text
            m = park_mention(prev.start, m.end, text, m.name, m.suffix, m.says_national, False, m.zone_key)
        out.append(m)
    return out


def _unify_names(mentions: list[ParkMention]) -> list[ParkMention]:
    """Within one article, `滨海湾新区` after `东莞滨海湾新区` is the same zone. Only a mention
    without a gazetteer row takes another's name; the longer names are listed once per name."""
    names = {m.name: m.zone_key for m in mentions}
    longer_names: dict[str, list[str]] = {}
    out = []
    for m in mentions:
        if m.zone_key is None:
            if m.name not in longer_names:
                longer_names[m.name] = [n for n in names if n != m.name and n.endswith(m.name)]
            longer = longer_names[m.name]
            if len(longer) == 1:
                m = park_mention(
                    m.start, m.end, m.text, longer[0], m.suffix, m.says_national, m.is_reference, names[longer[0]]
                )
        out.append(m)
    return out


# --- the article's zones --------------------------------------------------------------


def park_type_of(mention: ParkMention) -> str:
    if mention.zone_key is not None:
        types = _zone_types()
        if mention.zone_key in types:
            return types[mention.zone_key]
    info = suffix_info().get(mention.suffix)
    return info.park_type if info else "other"


@cache
def _zone_types() -> dict[str, str]:
    """Gazetteer name -> zone type (the first row of a name, as a scan of the gazetteer finds)."""
    from loaders.reference import gazetteer

    out: dict[str, str] = {}
    for z in gazetteer():
        out.setdefault(z.name_full, z.zone_type)
    return out


def dominant_zone(mentions: Iterable[ParkMention], title_mentions: Iterable[ParkMention] = ()) -> ParkMention | None:
    """The zone an article is about: the one its title names, else the one its body names most
    when no other comes close (None when two compete). Zones proper (高新区, 经开区 ...) outrank
    industrial parks, which only count when the article names no zone proper."""
    named = [m for m in mentions if not m.is_reference]
    titles = [m for m in title_mentions if not m.is_reference]
    kinds = _suffix_kinds()
    in_title = {m.name for m in titles}
    pool = [m for m in named if kinds.get(m.suffix, "admin") == "admin"]
    if not pool:
        # an industrial park is the article's zone only when the article is about it, not in passing
        counts = _name_counts(named)
        pool = [m for m in named if counts[m.name] >= _PARK_ABOUT or m.name in in_title]
    if not pool:  # `高新区` alone in a body whose title names the zone
        return titles[0] if len({m.name for m in titles}) == 1 else None
    titled = [m for m in pool if m.name in in_title]
    if len({m.name for m in titled}) == 1:
        return titled[0]
    counts = _name_counts(pool)
    top = max(counts, key=counts.__getitem__)  # the first named of the most named
    n = counts.pop(top)
    if counts and max(counts.values()) * 2 > n:
        return None  # another comes close (or ties)
    return next(m for m in pool if m.name == top)


def _name_counts(mentions: list[ParkMention]) -> dict[str, int]:
    """How often each name occurs, in the order of first occurrence (a `Counter` without its
    Python-level set-up, asked for a handful of mentions at a time)."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.name] = counts.get(m.name, 0) + 1
    return counts


def _once(compute: Callable[[], _T]) -> Callable[[], _T]:
    """`compute`, run the first time it is asked for and remembered by the caller's call only
    (lighter than a `functools.cache` wrapper, made for every text read)."""
    box: list[_T] = []

    def get() -> _T:
        if not box:
            box.append(compute())
        return box[0]

    return get


def _named_zones(body: str, tagging: _Tagging | None = None) -> list[ParkMention]:
    """Every zone an article names (no references), as spans of `body`, in order. `tagging`: the
    jieba readings of the article's title, when `body` is its body (see `_Tagging`)."""
    matches = _suffix_matches(body)
    if not matches:
        # many of the paragraphs segment asks about: at most bare gazetteer names, which hold a
        # zone_key and so neither merge nor take another's name; the rest of the reading is spared
        return sorted(_bare_mentions(body, _Covered(len(body))), key=_START)
    if tagging is None:
        tagging = _Tagging()
    covered = _Covered(len(body))  # the characters the zones found so far cover
    admin = _zones_proper(body, matches, covered, tagging)
    return _settled(admin, _parks(body, matches, covered, admin, tagging))


_START = attrgetter("start")


@cache
def _suffix_kinds() -> dict[str, str]:
    """Zone suffix -> its kind (`admin` for zones proper, `park` for industrial parks)."""
    return {suffix: info.kind for suffix, info in suffix_info().items()}


def _zones_proper(body: str, matches: list[re.Match[str]], covered: _Covered, tagging: _Tagging) -> list[ParkMention]:
    """The gazetteer's zones and the zones proper (高新区, 经开区 ...) the rules name at the suffixes
    of `body`, then its bare gazetteer names; each added to `covered`."""
    # the last resort for a head, made (and asked) only when a zone needs it
    recurring = _once(lambda: _Recurring(body, matches))
    provinces = _once(lambda: provinces_named(body))  # likewise the provinces it names
    kinds = _suffix_kinds()
    admin: list[ParkMention] = []
    for m in matches:
        if covered[m.start(1)]:  # a zone found covers the suffix
            continue
        found = _gazetteer_mention(body, m, provinces)
        if found is None and kinds[m[1]] == "admin":
            found = _admin_mention(body, m, recurring, tagging)
        if found is None or covered[found.start]:
            continue  # `厦门火炬高新区开发区`: a suffix glued to a zone already named, no zone of its own
        admin.append(found)
        covered.add(found)
    bare = _bare_mentions(body, covered)
    admin += bare
    for found in bare:
        covered.add(found)
    return admin


def _parks(
    body: str, matches: list[re.Match[str]], covered: _Covered, admin: list[ParkMention], tagging: _Tagging
) -> list[ParkMention]:
    """The industrial parks (产业园 ...) named at the suffixes no zone covers."""
    kinds = _suffix_kinds()
    parks: list[ParkMention] = []
    zones = list(admin)  # the zones and the parks found so far, as `_park_mention` reads them
    for m in matches:
        if kinds[m[1]] == "park" and not covered[m.start(1)]:
            found = _park_mention(body, m, zones, tagging)
            if found:
                parks.append(found)
                zones.append(found)
    return parks


def _settled(admin: list[ParkMention], parks: list[ParkMention]) -> list[ParkMention]:
    """The zones and parks of a text in order, weak parks dropped, compounds merged and names
    unified. One mention alone has nothing to merge with or take a name from."""
    if parks:
        # a two-character descriptor (`信创产业园`) counts only as a short form of a longer name
        names = {m.name for m in admin}
        names.update(p.name for p in parks)
        parks = [p for p in parks if not _weak(p) or any(n != p.name and n.endswith(p.name) for n in names)]
    mentions = admin + parks
    if len(mentions) < 2:
        return mentions
    return _unify_names(_merge_compounds(sorted(mentions, key=_START)))


def _reference_target(suffix: str, named: list[ParkMention], title: list[ParkMention]) -> ParkMention | None:
    """The zone a bare suffix stands for: the article's zone of that kind (`园区`, `该区`: of any kind)."""
    if suffix in ("园区", "区"):
        return dominant_zone(named, title)
    kind = suffix_info()[suffix].park_type
    same = [m for m in named if park_type_of(m) == kind]
    return dominant_zone(same, [m for m in title if park_type_of(m) == kind])


@cache
def _longer_suffixes(suffix: str) -> tuple[str, ...]:
    """The zone suffixes longer than `suffix` (`产业园区`, `经济开发区` for `园区`, `开发区`)."""
    return tuple(z.suffix for z in zone_suffixes() if len(z.suffix) > len(suffix))


def _references(body: str, named: list[ParkMention], title: list[ParkMention]) -> list[ParkMention]:
    if not named and not title:
        return []  # nothing to refer to: every suffix's target would be None (the text not searched)
    taken = _Covered(len(body))
    for m in named:
        taken.add(m)
    out = []
    targets: dict[str, ParkMention | None] = {}  # suffix -> its target: one answer per text
    meets = taken.meets
    for found in _REFERENCE_SCAN.finditer(body):
        if meets(*found.span()):
            continue
        r = _REFERENCE.match(body, found.start())  # the same span, with `_REFERENCE`'s groups
        at = r.start()
        before = body[at - 2 if at > 2 else 0 : at]
        if before.endswith(_GENERIC_BEFORE) or before.endswith("级"):
            continue  # `国家高新区`, `省级高新区` never mean the article's zone
        suffix = r[2] or r[4]
        if body.endswith(_longer_suffixes(suffix), 0, r.end()):
            continue  # `产业园区`, `经济开发区`: the end of a longer suffix the rules did not take as a zone
        bare_park = suffix == "园区" and not r[1]
        if bare_park and before[-1:] and before[-1] not in _REFERENCE_OK_BEFORE:
            continue  # `示范园区`, `物流园区`: part of a longer word, not a reference
        if suffix not in targets:
            targets[suffix] = _reference_target(suffix, named, title)
        target = targets[suffix]
        if target is not None:
            out.append(
                park_mention(r.start(), r.end(), r[0], target.name, suffix, is_reference=True, zone_key=target.zone_key)
            )
    return out


def named_zones(body: str) -> list[ParkMention]:
    """`find_parks(body)` without its references (`该高新区`, `园区`): the zones a text names
    itself, for readers that drop references anyway (segment's article boundaries)."""
    return _named_zones(body)


def find_parks(body: str, title: str | None = None) -> list[ParkMention]:
    """Every zone an article names or refers to, as spans of `body`, in order.

    The title (when the page prints one) only helps to decide which zone a bare `高新区`
    in the body means; its own mentions are not spans of the body and are not returned.
    """
    return find_parks_with_title(body, title)[0]


def find_parks_with_title(body: str, title: str | None) -> tuple[list[ParkMention], list[ParkMention]]:
    """`find_parks(body, title)` and `find_parks(title)` (empty without a title), reading the
    title's zones once for both. A window of the title that the body writes again (`临江高新区`
    in both) is tagged once."""
    tagging = _Tagging()
    title_zones = _named_zones(title, tagging) if title else []
    parks = _with_references(body, _named_zones(body, tagging), title_zones)
    return parks, _with_references(title, title_zones, []) if title else []


def _with_references(body: str, named: list[ParkMention], title_zones: list[ParkMention]) -> list[ParkMention]:
    return sorted(named + _references(body, named, title_zones), key=_START)


def without_projects(parks: list[ParkMention], projects: Iterable[tuple[int, int, str]]) -> list[ParkMention]:
    """Parks the article reports as projects (`…思维轨道交通产业园等17个项目开工`) are not zones (yet).

    `projects` are (start, end, name) of the article's projects with a status that makes them
    undertakings (signed, started, being built, completed, operating). Only descriptor parks
    (`产业园`, `小镇` …) the gazetteer does not know can be projects; zones proper never are.
    """
    spans = list(projects)
    names = {name.removesuffix("项目") for _, _, name in spans}

    def is_project(m: ParkMention) -> bool:
        info = suffix_info().get(m.suffix)
        if m.zone_key is not None or m.is_reference or info is None:
            return False
        inside = any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b, _ in spans)
        if info.kind != "park":
            return inside and m.end < max(b for a, b, _ in spans if a <= m.start and m.end <= b)
        return m.name in names or m.text in names or inside

    return [m for m in parks if not is_project(m)]
