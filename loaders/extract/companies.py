"""Company mentions in an article body: legal names, declared aliases, short forms, brands.

A Chinese company's registered name is built as region + trade name (字号) + industry words +
legal form (`长治市` `卓怡恒通` `信息安全` `有限公司`). News text uses that name once and then
shorter forms (`卓怡恒通公司`, `凡是食品`, `华数集团`, `三花智控`), or only a brand (`特斯联`,
`泰开成套`, `飞腾`). The extractor therefore works in layers, each one reusing what the
previous ones found:

1. legal names, anchored on the legal form (`有限公司` ...) and extended left over name
   characters, then cut after the rightmost verb, function word, zone name or `企业`/`公司`
   that cannot belong to the name;
2. aliases the text declares (`（以下简称“卓怡恒通公司”）`) and their later uses;
3. short forms derived from each legal name by the naming grammar (trade name, trade name +
   industry word, region + trade name, abbreviation) that actually occur in the body;
4. brands without a legal form, accepted only in contexts that make them companies: job titles
   only companies have (`总经理`, `事业部`), `X公司`, trade name + industry word before a
   company verb (`尚纬股份与…`, `二元工业发布…`), partners in a signed cooperation with an
   institution or government, publishers of rankings, examples after `例如`, and enumerations
   headed by `等…企业` or sharing a member with a known company;
5. every mention gets the longest legal name of its company in the article (`name`) and the zone
   the text places the company in (`park`).

Everything is regular expressions and dictionary look-ups on short windows: linear in the body.
Word lists (regions, industry words, generic vocabulary, non-company suffixes) live in
`loaders/data/company_words.txt`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from loaders.extract.lexicon import COMMON_FREQ, common_words, is_common, made_of_common_words
from loaders.extract.parks import dominant_zone
from loaders.extract.rules import longest_word
from loaders.extract.spans import CompanyMention, ParkMention
from loaders.names import is_person_name
from loaders.reference import suffix_info
from loaders.wordlists import sections

__all__ = ["find_companies", "short_forms"]

CJK = "\u3400-\u9fff\uf900-\ufaff"
_Zones = Sequence[tuple[int, int]]  # spans of the zone mentions in the body

# --- word lists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    region_province: dict[str, str]  # every region form (`长治市`, `长治`, `山西省`, `山西`) -> province short form
    # the first two characters of every region form (and of `中国`, `中华`) -> the lengths of
    # those opening with them, longest first: most names open with none, a single look-up
    region_lengths: dict[str, tuple[int, ...]]
    industry: tuple[str, ...]  # words a brand may end with (`科技`, `化工`), longest first
    scope: tuple[str, ...]  # industry + business-scope words stripped to reach the trade name, longest first
    cover: frozenset[str]  # generic vocabulary + industry + scope + regions: what is not a name
    # the first two characters of every cover word -> the lengths of the cover words opening
    # with them, longest first: a quick miss, and only those lengths tried on a hit
    cover_lengths: dict[str, tuple[int, ...]]
    not_company: tuple[str, ...]  # suffixes of non-company organisations, longest first
    # the last character of every suffix of `not_company` and `zone_suffix` -> those suffixes:
    # a name is tested against the few ending as it does, not a hundred-odd
    organisation_ends: dict[str, tuple[str, ...]]
    zone_suffix: tuple[str, ...]
    zone_re: re.Pattern[str]  # a zone suffix and its parenthetical district: `高新区（滨江）`
    titles: tuple[str, ...]
    cut_words: dict[str, str]  # word -> strong | soft | weak
    # the first character of every cut word -> the lengths of the cut words opening with it,
    # longest first: a quick miss, and only those lengths tried on a hit
    cut_lengths: dict[str, tuple[int, ...]]
    bad_start: frozenset[str]
    verbs: frozenset[str]
    # a scope word ending a name, as a regex (`_scope_word_ending` finds the same by slices)
    scope_end: re.Pattern[str]
    scope_openings: dict[str, tuple[str, ...]]  # the first character of every scope word -> those words
    industry_set: frozenset[str]  # `industry` and `scope` as sets, to look words up by the slice
    scope_set: frozenset[str]


_PROVINCE_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$")
_CITY_SUFFIX = re.compile(r"(?:[\u4e00-\u9fff]{1,3}族自治州|自治州|地区|市|盟)$")
_STRONG_SINGLES = set("的在由与了该其把被让给即等")
_SOFT_WORDS = {"企业", "公司", "龙头", "代表", "首家", "首批", "园区", "区内"}
_NATIONAL = ("中国", "中华")  # national names, which open names as regions do
_REGION_MAX = 9  # the longest leading region read


def _regions(lines: list[str]) -> dict[str, str]:
    """`浙江省: 杭州市 …` -> every full and short form mapped to the province's short form."""
    out: dict[str, str] = {}
    for line in lines:
        province, _, rest = line.partition(":")
        province = province.strip()
        short = _PROVINCE_SUFFIX.sub("", province) or province
        municipality = province.endswith("市")
        for form in (province, short):
            out[form] = short
        for place in rest.split():
            out[place] = short
            if municipality and place.endswith(("区", "县")):
                continue  # `和平区` yes, `和平` no: district names are common words
            stripped = _CITY_SUFFIX.sub("", place)
            if len(stripped) >= 2:
                out[stripped] = short
    return out


def _by_length(words: Iterable[str]) -> tuple[str, ...]:
    """Longest first, so that suffix tests and alternations prefer `股份有限公司` to `有限公司`."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _lengths_by_opening(words: Iterable[str], opening: int) -> dict[str, tuple[int, ...]]:
    """The words of `opening` characters or more, as their first `opening` characters -> their
    lengths, longest first."""
    lengths: dict[str, set[int]] = {}
    for w in words:
        if len(w) >= opening:
            lengths.setdefault(w[:opening], set()).add(len(w))
    return {opening: tuple(sorted(sizes, reverse=True)) for opening, sizes in lengths.items()}


def _by_character(words: Iterable[str], at: int) -> dict[str, tuple[str, ...]]:
    """The words by their character at `at` (0: the first, -1: the last), longest first."""
    out: dict[str, list[str]] = {}
    for w in _by_length(words):
        out.setdefault(w[at], []).append(w)
    return {ch: tuple(ws) for ch, ws in out.items()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    sec = sections("company_words.txt")
    words = {name: [w for line in lines for w in line.split()] for name, lines in sec.items()}
    regions = _regions(sec.get("regions", []))
    industry = _by_length(words["industry"])
    scope = _by_length([*words["industry"], *words["scope"]])
    cover = frozenset([*words["generic"], *words["verbs"], *scope, *regions])
    cut: dict[str, str] = {}
    for w in [*words["cut_words"], *words["verbs"]]:
        if len(w) == 1:
            cut[w] = "strong" if w in _STRONG_SINGLES else "weak"
        else:
            cut[w] = "soft" if w in _SOFT_WORDS else "strong"
    return _Lexicon(
        region_province=regions,
        region_lengths=_lengths_by_opening([*regions, *_NATIONAL], 2),
        industry=industry,
        scope=scope,
        cover=cover,
        cover_lengths=_lengths_by_opening(cover, 2),
        not_company=_by_length(words["not_company_suffix"]),
        organisation_ends=_by_character([*words["not_company_suffix"], *words["zone_suffix"]], -1),
        zone_suffix=_by_length(words["zone_suffix"]),
        zone_re=re.compile(
            "(?:" + "|".join(map(re.escape, _by_length(words["zone_suffix"]))) + r")(?:[（(][^（）()]{1,8}[）)])?"
        ),
        titles=_by_length(words["titles"]),
        cut_words=cut,
        cut_lengths=_lengths_by_opening(cut, 1),
        bad_start=frozenset(words["bad_start"]),
        verbs=frozenset(words["verbs"]),
        scope_end=re.compile("(?:" + longest_word(scope) + r")\Z"),  # a trie: one path per opening
        scope_openings=_by_character(scope, 0),
        industry_set=frozenset(industry),
        scope_set=frozenset(scope),
    )


def industry_words() -> tuple[str, ...]:
    """Words a brand may end with (`科技`, `化工`, `环保`), longest first."""
    return _lexicon().industry


def _has_common_word(text: str) -> bool:
    """`高性能` holds `性能`: a trade name is made of rare words, a descriptive phrase of common ones."""
    return any(is_common(text[i : i + n]) for n in (2, 3) for i in range(len(text) - n + 1))


def _is_common_verb(word: str) -> bool:
    """A frequent verb, adjective or adverb (`生产`, `销售`, `研发`); frequent nouns may be brands
    in a list of enterprises (`长城`, `中兴`)."""
    freq, tag = common_words().get(word, (0, "n"))
    return freq >= COMMON_FREQ and tag in _VERBAL_TAGS


_VERBAL_TAGS = {"v", "vn", "vd", "a", "ad", "an", "d", "j", "l", "i"}
_LEADING_TAGS = {"v", "vd", "d", "p", "c", "ad"}


def _is_leading_verb(word: str) -> bool:
    """A frequent verb, adverb, preposition or conjunction: it opens a phrase, never a name."""
    return common_words().get(word, (0, "n"))[1] in _LEADING_TAGS


def _person(text: str) -> bool:
    """A person's name (`李明`, `王五`): two or three characters starting with a surname."""
    return len(text) <= 3 and is_person_name(text)


# --- compiled patterns -------------------------------------------------------------------

_NAME_CHAR = re.compile(f"[{CJK}A-Za-z0-9·&]")
_NAME_RUN = re.compile(f"[{CJK}A-Za-z0-9·&]*")  # (matched on reversed text: the run before a point)
_LATIN = re.compile(r"[A-Za-z0-9]")
_PAREN = re.compile(r"[（(][^（）()]{1,10}[）)]")
# character tests asked of most candidate names, compiled once (not looked up in re's cache per call)
_HAN = re.compile(f"[{CJK}]")
_NOT_HAN = re.compile(f"[^{CJK}]")
_SHORT_HAN = re.compile(f"[{CJK}]{{1,8}}")
_HAN_LATIN_DIGIT = re.compile(f"[{CJK}A-Za-z0-9]")
_NOT_BRAND_CHAR = re.compile(f"[^{CJK}A-Za-z0-9·&]")
_DIGIT = re.compile(r"\d")
_LATIN_THEN_HAN = re.compile(r"[A-Za-z0-9]+[\u4e00-\u9fff]")
_LIST_STOP = re.compile(r"等|这样|共同|分别")
_ZONE_ENTERPRISE = re.compile(r"(?:的)?(?:重点|龙头|骨干|高新技术|科技型|领军|优质)?企业")
# the legal form, optionally followed by a branch (`有限公司昆山分公司`), or a bare `分公司`
_LEGAL = re.compile(
    f"(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|合伙企业(?:[（(]有限合伙[）)])?)"
    f"(?:[{CJK}]{{2,6}}?分公司)?|分公司"
)
# every match of `_LEGAL` holds one of these words, at most `_LEGAL_LEAD` characters after its start
_LEGAL_WORDS = ("公司", "合伙企业")
_LEGAL_LEAD = 4  # `股份有限公司`, `有限责任公司`: the four characters before `公司`
_GROUP = re.compile(r"集团(?![有股公（(])")
# not `有限公司`, `子公司`, `总公司`...; but `电子公司`, `量子公司` are companies of a trade
# `公司`, not after 有限/股份/分/总/母/集团 or 子 (but after 电子, 量子 …); written with `公司` first
# and the look-behinds after it, so the engine searches for the word instead of trying each position
_BARE_COMPANY = re.compile(r"公司(?<![限份分总母团]公司)(?<!(?<![电量光粒])子公司)")
_ALIAS = re.compile(
    r"\s*[（(]\s*(?:以下简称|下文简称|以下称|下称|简称)\s*[为：:]?\s*[“\"「『‘]?([^”\"」』’（）()，。、；\s]{2,16}?)[”\"」』’]?\s*[）)]"
)
# (`\d\d*`, not `\d+`: a pattern opening with a repeat has no first-character skip)
_MEASURE = re.compile(r"\d\d*\s*(?:年|月|日|号|家|个|项|亿|万|元|%|人|名|余|多)")
_CLAUSE_SPLIT = re.compile(r"[，。；！？：,;!?:\n“”\"《》]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_COOPERATION = re.compile(r"共建|签约|签订|签署|合作|建立|达成|携手|联合|共同")
_PARTNER_STOP = re.compile(r"在|共同|签|合作|建立|达成|围绕|开展|就|联合|携手|共建|成功|正式|于|举行|进行|深化")
_EXAMPLE_WORDS = ("例如", "比如", "譬如")
_EXAMPLES = re.compile(f"(?:{'|'.join(_EXAMPLE_WORDS)})[，,:：]?")
_EXAMPLE_VERB = re.compile(
    r"发布|首创|研发|推出|聚焦|开发|打造|上线|建成|推动|实现|完成|获得|成为|是|在|的|已|将|自主|率先|专注|致力"
)
_PUBLISHED = "发布的"  # every match of `_PUBLISHER` ends with it
_PUBLISHER = re.compile(r"(?:入选|登上|荣登|入围|上榜|登榜)([^，。；、“”《》\s]{2,10}?)" + _PUBLISHED)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:近日|日前|近期|此外|同时|目前|据悉|据了解|其中|随后|今年以来|近年来|\d+\s*年\s*)?"
    r"(?:\d+\s*月\s*(?:\d+\s*日)?)?"
)

_FOLLOW_STRONG = (
    "与",
    "和",
    "发布",
    "推出",
    "研发",
    "首创",
    "获评",
    "荣获",
    "入选",
    "登榜",
    "上榜",
    "签约",
    "牵头",
    "携手",
    "联合",
    "自主研发",
    "成功",
    "正式",
    "投资",
    "落户",
    "入驻",
    "总部",
    "相继",
    "先后",
    "签署",
    "并购",
    "收购",
)
_ENUM_COUNT = "两三四五六七八九十"  # `三家…企业`: a count of firms heads a list, as `等` does
_ENUM_HEAD = re.compile(
    f"(?:等|[{_ENUM_COUNT}]家)"
    r"[^，。；！？,;!?]{0,18}?"
    r"(?:企业|公司|厂商|运营商|服务商|供应商|制造商|巨头|龙头|央企|国企|民企|车企|药企|房企|单位|机构)"
)
_LIKE_HEAD = re.compile(r"(?:等)?这样的[^，。；！？,;!?]{0,12}?(?:企业|公司)")
_NOT_COMPANY_HEAD = re.compile(r"的.|产品|项目|活动|平台|高校|院所|院校|政府|部门")
_BAD_END = ("型", "类", "性", "级", "式", "化", "者", "人", "们", "家", "员", "师", "生", "商", "将", "要", "会")


# --- the naming grammar --------------------------------------------------------------------


def _strip_region(name: str) -> tuple[str, str]:
    """Split a leading region (`中国`, `内蒙古`, `长治市`, `贵州省`…) off a name, keeping ≥2 characters.
    Only the lengths of the regions opening with the name's first two characters are tried."""
    lex = _lexicon()
    region = ""
    rest = name
    for _ in range(3):
        longest = min(_REGION_MAX, len(rest) - 2)
        for size in lex.region_lengths.get(rest[:2], ()):
            head = rest[:size]
            if size <= longest and (head in lex.region_province or head in _NATIONAL):
                region += head
                rest = rest[size:]
                break
        else:
            break
    return region, rest


def _region_of(name: str) -> str | None:
    """The province a name's leading region belongs to, if it starts with one."""
    lex = _lexicon()
    longest = min(_REGION_MAX, len(name))
    for size in lex.region_lengths.get(name[:2], ()):
        head = name[:size]
        if size <= longest and head in lex.region_province:
            return lex.region_province[head]
    return None


def _strip_industry(name: str) -> list[str]:
    """The name with trailing industry/scope words removed one at a time: each step is a short form."""
    steps = [name]
    cur = name
    while size := _scope_word_ending(cur):
        cur = cur[:-size]
        steps.append(cur)
    return steps


def _scope_word_ending(name: str) -> int:
    """The length of the longest scope word ending the name that leaves two characters before
    it (0 when none): a few slices of the name's end looked up, longest first, not a search of
    every position for a word that reaches the end."""
    scope = _lexicon().scope_set
    for size in range(min(_longest(scope), len(name) - 2), 0, -1):
        if name[-size:] in scope:
            return size
    return 0


def _uncovered(text: str, enough: int = -1) -> int:
    """Characters of `text` not covered by generic vocabulary, industry words or region names:
    read left to right, skipping the longest cover word opening at each point. Only the
    lengths of the cover words sharing the point's first two characters are tried.

    The callers ask whether a few characters are free: with `enough`, the reading stops when
    that many are (a trade name's are its first two, and the rest of it need not be read)."""
    lex = _lexicon()
    i, free, n = 0, 0, len(text)
    while i < n:
        for size in lex.cover_lengths.get(text[i : i + 2], ()):
            if size <= n - i and text[i : i + size] in lex.cover:
                i += size
                break
        else:
            free += 1
            if free == enough:
                return free
            i += 1
    return free


def _is_generic(text: str) -> bool:
    """A phrase of common words (`数字科技`, `前沿科技`, `湖南`), not a name."""
    return _uncovered(text, 2) < 2


def _has_cover_word(text: str) -> bool:
    lex = _lexicon()
    return any(
        size <= len(text) - i and text[i : i + size] in lex.cover
        for i in range(len(text))
        for size in lex.cover_lengths.get(text[i : i + 2], ())
    )


def _organisation_end(name: str) -> bool:
    """Does the name end with a non-company suffix or a zone suffix (`大学`, `研究院`, `高新区`)?"""
    return name.endswith(_lexicon().organisation_ends.get(name[-1:], ()))


def _not_company(name: str) -> bool:
    """Universities, government bodies, institutes, labs, associations, zones, programmes."""
    if name.endswith(("集团", "股份", "公司")):
        return False
    return _organisation_end(name)


def _brand_ok(name: str, *, allow_latin: bool = False, min_free: int = 2) -> bool:
    """Could this short string be a company's brand? Rejects phrases, places, non-companies.

    `min_free` is how many characters must lie outside generic vocabulary: 2 by default, 1 in
    contexts that say on their own that a company is meant (`智慧芽` in a list of examples)."""
    lex = _lexicon()
    if not 2 <= len(name) <= 12 or name[0] in lex.bad_start:
        return False
    if _LATIN.fullmatch(name[0]) and name.isascii():
        return allow_latin and len(name) >= (3 if name.isdigit() else 2)  # `360`, `OPPO` only in lists
    if _DIGIT.search(name) and not _LATIN_THEN_HAN.match(name):
        return False
    if _NOT_BRAND_CHAR.search(name) or any(c in name for c in "的了是着"):
        return False
    if name in lex.region_province or _not_company(name) or name.endswith(_BAD_END):
        return False
    return _uncovered(name, min_free) >= min_free


def short_forms(legal: str) -> list[str]:
    """Shorter names a text may use later for the company with this legal name.

    Derived by the naming grammar, so that no list of companies is needed: the trade name and
    every step of stripping industry words (`华数数字电视传媒` … `华数`), trade name + `公司`/
    `集团`, the part before a parenthetical place (`当升蜀道`), first two characters of the core +
    an industry word of the core (`质安检测`), region + trade name or + first two characters
    (`贵州联建`, `北京启明星辰`), and the abbreviation trade name + first character of each
    following industry word (`三花智控`). Generic words and place names are dropped.
    """
    m = _LEGAL.search(legal)
    base = legal[: m.start()] if m else legal
    if not base:
        return []
    region, rest = _strip_region(base)
    pre_paren = _before_bracket(rest)
    if pre_paren != rest:  # (an opening bracket: most names hold none, and `_PAREN` needs one)
        rest = _PAREN.sub("", rest)
    steps = _strip_industry(rest)
    trade = steps[-1]
    cands = set(steps) | {pre_paren}
    cands |= {trade + w for w in ("公司", "集团", "股份")}
    first2 = rest[:2]
    lex = _lexicon()
    tail = rest[len(trade) :]
    cands |= {first2 + w for w in _words_within(rest[2:], lex.industry_set)}
    # abbreviation: trade name + first character of each following two-character word
    words = _split_words(tail)
    if len(words) >= 2 and all(len(w) == 2 for w in words[:2]):
        cands.add(trade + "".join(w[0] for w in words[:2]))
    if region:
        short_region = lex.region_province.get(region) if region in lex.region_province else None
        for reg in {region, short_region or region, _CITY_SUFFIX.sub("", region), _PROVINCE_SUFFIX.sub("", region)}:
            if reg and reg not in _NATIONAL:
                cands.add(reg + trade)
                cands.add(reg + first2)
    out = []
    for c in cands:
        if len(c) < 2 or c == legal or c in lex.region_province:
            continue
        if _is_generic(c) and not _LATIN.search(c):
            continue
        if _not_company(c) and not c.endswith(("集团", "公司", "股份")):
            continue
        out.append(c)
    return sorted(out, key=lambda c: (-len(c), c))


def _before_bracket(name: str) -> str:
    """The part of a name before its first opening bracket (`当升蜀道（攀枝花）` -> `当升蜀道`):
    two partitions, not a regex split."""
    return name.partition("（")[0].partition("(")[0]


def _words_within(text: str, words: frozenset[str]) -> set[str]:
    """The `words` occurring anywhere in `text`: its few slices looked up, not every word searched for."""
    longest = min(_longest(words), len(text))
    return {text[i : i + k] for k in range(1, longest + 1) for i in range(len(text) - k + 1)} & words


@cache
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _split_words(tail: str) -> list[str]:
    """Split a run of industry/scope words into those words (`智能控制` -> 智能, 控制): at each
    point the longest scope word opening there (`lex.scope` is longest first)."""
    scope = _lexicon().scope_set
    out, i = [], 0
    while i < len(tail):
        word = next((tail[i : i + k] for k in range(_longest(scope), 0, -1) if tail[i : i + k] in scope), None)
        if word is None:
            return out
        out.append(word)
        i += len(word)
    return out


# --- spans and boundaries -----------------------------------------------------------------


class _Spans:
    """Occupied character positions, so mentions never overlap; first come, first served."""

    def __init__(self, size: int) -> None:
        self.used = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return start < end and self.used.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        self.used[start:end] = b"\x01" * (end - start)

    def is_used(self, pos: int) -> bool:
        return 0 <= pos < len(self.used) and self.used[pos] == 1


def _scan_left(body: str, end: int, limit: int, spans: _Spans | None = None) -> int:
    """Leftmost start of a run of name characters ending at `end` (a parenthetical place included),
    at most `limit` characters back and not into a mention already taken.

    Each run of name characters is read in one regex match of the reversed text before it, not
    one character test at a time; a parenthetical place (`（攀枝花）`) continues the run."""
    i = end
    floor = max(0, end - limit)
    while i > floor:
        stop = floor if spans is None else max(floor, spans.used.rfind(1, floor, i) + 1)
        i -= _NAME_RUN.match(body[stop:i][::-1]).end()
        if i == stop or body[i - 1] not in "）)":
            break  # the limit, a mention, or a character no name holds
        j = max(body.rfind("（", max(0, i - 12), i - 1), body.rfind("(", max(0, i - 12), i - 1))
        inner = body[j + 1 : i - 1] if j >= 0 else ""
        if not (j > 0 and inner and _SHORT_HAN.fullmatch(inner) and _NAME_CHAR.match(body[j - 1])):
            break
        i = j
    return i


def _cut_left(body: str, start: int, end: int, zones: _Zones) -> int:
    """Move `start` right past the last thing before the name that cannot belong to it.

    Cut points are verbs and function words (strong: always cut; the rightmost wins), `企业`,
    `公司` and zone suffixes (soft: cut unless a business-scope word follows, so `福伊特企业管理`
    keeps its 企业), and single characters that also occur inside names like 和/为/及 (weak: cut
    only when what follows starts with a region or a Latin letter, or what precedes is an
    organisation, so `华为技术` keeps its 为 and `南开大学和中汽研…` loses its 和).
    """
    lex = _lexicon()
    text = body[start:end]
    cands = _cut_words(text, start)
    for zs, ze in zones:
        if start < ze <= end and zs < end:
            cands.append((ze, "strong"))
    for m in lex.zone_re.finditer(body, start, end):
        cands.append((m.end(), "soft"))
    for m in _MEASURE.finditer(text):
        cands.append((start + m.end(), "strong"))
    cut = start
    weak: list[int] = []
    for pos, kind in sorted(cands, key=lambda c: (-c[0], c[1] != "strong")):
        rest = body[pos:end]
        if kind == "strong":
            cut = min(pos, end)
            break
        if pos >= end:
            continue
        if kind == "soft" and len(rest) >= 2 and not rest.startswith(lex.scope_openings.get(rest[:1], ())):
            cut = pos
            break
        if kind == "weak":
            before = body[start : pos - 1]
            if len(rest) >= 2 and (
                _region_of(rest)
                or _LATIN.match(rest[0])
                or rest.startswith("中国")
                or before.endswith(("公司", "集团"))
                or _organisation_end(before)
            ):
                cut = pos
                break
            weak.append(pos)
    if cut < end and body[cut] in lex.bad_start:
        # `这是继思必驰科技…`: what is left still opens with a function word; take the weak cut
        # nearest to the name that leaves at least two characters
        for pos in weak:
            if pos > cut and end - pos >= 2:
                return pos
    # `吸纳深圳某某科技…`: an everyday verb no list names opens the text; drop it when a name remains
    while cut + 2 < end and _is_leading_verb(body[cut : cut + 2]) and _uncovered(body[cut + 2 : end], 2) >= 2:
        cut += 2
    return cut


def _cut_words(text: str, offset: int) -> list[tuple[int, str]]:
    """(end + `offset`, kind) of the longest cut word opening at each character of `text`, left
    to right. Only the lengths of the cut words opening with the character are tried."""
    lex = _lexicon()
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        for size in lex.cut_lengths.get(ch, ()):
            kind = lex.cut_words.get(text[i : i + size]) if size <= len(text) - i else None
            if kind:
                out.append((offset + i + size, kind))
                break
    return out


def _zone_spans(body: str, parks: Sequence[ParkMention]) -> list[tuple[int, int]]:
    """The zone mentions' spans, ignoring any that do not fit the body."""
    return [(p.start, p.end) for p in parks if 0 <= p.start < p.end <= len(body)]


# --- layer 1: legal names ------------------------------------------------------------------


@dataclass
class _Found:
    """A mention while the layers run; `name` is resolved to the company's longest legal name last."""

    start: int
    end: int
    kind: str
    name: str  # provisional: the text itself, or the declared / derived company
    role: str = ""  # publisher | partner_of_government: mentioned, but not as a zone's enterprise


def _legal_scan_start(body: str) -> int:
    """Where `_LEGAL` can first match: a few characters before the first `公司`/`合伙企业` (half
    the articles have none, and the others name it a quarter of the way in), so that the scan
    skips the text before it (the body's end when there is none)."""
    first = min((k for w in _LEGAL_WORDS if (k := body.find(w)) != -1), default=len(body))
    return max(0, first - _LEGAL_LEAD)


# the words before `公司` that open a match of `_LEGAL`, by how far before it they start
# (`股份有限公司`, `有限公司`, `分公司`); a match holding `合伙企业` opens with it
_LEGAL_OPENINGS = (
    (4, frozenset({"股份有限", "有限责任"})),
    (2, frozenset({"有限", "股份", "集团"})),
    (1, frozenset({"分"})),
)


def _legal_starts(body: str) -> list[int]:
    """Every place a match of `_LEGAL` can start, in order: read off the few `公司`/`合伙企业`
    of the body by the words before them, instead of the whole pattern (which opens with an
    alternation of groups, so the engine cannot skip to a character) tried at every offset."""
    first = _legal_scan_start(body)
    starts = [
        q - back
        for q in _find_all(body, "公司", first)
        for back, words in _LEGAL_OPENINGS
        if q >= back and body[q - back : q] in words
    ]
    starts += _find_all(body, "合伙企业", first)
    starts.sort()
    return starts


def _legal_matches(body: str) -> Iterator[re.Match[str]]:
    """What `_LEGAL.finditer(body)` finds: the pattern tried at the places a match can start
    (`_legal_starts`), each match resuming the scan after its end, as `finditer` does."""
    after = 0
    for at in _legal_starts(body):
        if at >= after and (m := _LEGAL.match(body, at)):
            after = m.end()
            yield m


def _legal_names(body: str, zones: _Zones) -> list[_Found]:
    """Every `…有限公司`-style name, with the longest correct left boundary."""
    out: list[_Found] = []
    for m in _legal_matches(body):
        if m.group() == "分公司" and m.start() > 0 and body[m.start() - 1] in "子总":
            continue
        s = _scan_left(body, m.start(), 40)
        s = _cut_left(body, s, m.start(), zones)
        core = body[s : m.start()]
        if len(core) < 2 or core[0] in _lexicon().bad_start:
            continue
        region, _ = _strip_region(core)
        if not region and _uncovered(_PAREN.sub("", core), 1) == 0:
            continue  # `科技有限公司` alone: a kind of company, not a name
        out.append(_Found(s, m.end(), "legal", body[s : m.end()]))
    return out


def _alias_declarations(body: str, found: list[_Found], spans: _Spans) -> list[_Found]:
    """`X（以下简称“Y”）`: Y names X; the declaration and every later Y are mentions of X."""
    out: list[_Found] = []
    for f in found:
        m = _ALIAS.match(body, f.end)
        if not m:
            continue
        alias = m.group(1)
        a_start = m.start(1)
        if spans.free(a_start, a_start + len(alias)):
            spans.take(a_start, a_start + len(alias))
            out.append(_Found(a_start, a_start + len(alias), "alias", f.name))
        pos = m.end()
        while (pos := body.find(alias, pos)) != -1:
            if spans.free(pos, pos + len(alias)):
                spans.take(pos, pos + len(alias))
                out.append(_Found(pos, pos + len(alias), "alias", f.name))
            pos += len(alias)
    return out


def _short_mentions(body: str, owners: dict[str, list[str]], spans: _Spans, kind: str) -> list[_Found]:
    """Occurrences of derived short forms, longest first; a form two companies share is skipped."""
    by_form: dict[str, set[str]] = {}
    for owner, forms in owners.items():
        for f in forms:
            by_form.setdefault(f, set()).add(owner)
    out: list[_Found] = []
    for form in sorted(by_form, key=lambda f: (-len(f), f)):
        if len(by_form[form]) != 1:
            continue
        owner = next(iter(by_form[form]))
        pos = 0
        while (pos := body.find(form, pos)) != -1:
            end = pos + len(form)
            if spans.free(pos, end) and not (len(form) == 2 and _inside_word(body, pos, end)):
                spans.take(pos, end)
                out.append(_Found(pos, end, kind, owner))
            pos = end
    return out


def _inside_word(body: str, start: int, end: int) -> bool:
    """Is a two-character form part of a longer word here? It stands alone only between
    punctuation, function words or a company verb (`对三花在政策…`, `像昇印、协鑫这样`), not
    glued to other characters (`组织联建、工作联促`)."""
    lex = _lexicon()
    left = body[start - 1] if start else ""
    if left and (_LATIN.match(left) or (_HAN.match(left) and left not in lex.cut_words)):
        return True
    right = body[end : end + 2]
    if not right or not _HAN_LATIN_DIGIT.match(right[0]):
        return False
    return not (right[0] in lex.cut_words or right in lex.cut_words or right.startswith(_FOLLOW_STRONG))


def _groups(body: str, zones: _Zones, spans: _Spans, legal_forms: dict[str, str]) -> list[_Found]:
    """`X集团` standing alone: a short form of a legal name in the article, else a group's name."""
    out: list[_Found] = []
    for m in _GROUP.finditer(body):
        if spans.is_used(m.start()):
            continue
        s = _cut_left(body, _scan_left(body, m.start(), 12, spans), m.start(), zones)
        text = body[s : m.end()]
        head = body[s : m.start()]
        national = head.startswith(_NATIONAL) and len(head) >= 4 and not head.endswith("企业")
        if len(head) < 2 or not (_brand_ok(head) or national) or not spans.free(s, m.end()):
            continue
        spans.take(s, m.end())
        owner = legal_forms.get(text)
        out.append(_Found(s, m.end(), "short" if owner else "legal", owner or text))
    return out


# --- layer 4: brands in company contexts ---------------------------------------------------


def _clause_bounds(body: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`: lists and cooperations never run across a comma or a quote."""
    return _clause_opening(body, pos), _clause_end(body, pos)


def _clause_end(body: str, pos: int) -> int:
    """The first clause mark at or after `pos` (the body's end when none)."""
    after = _CLAUSE_SPLIT.search(body, pos)
    return after.start() if after else len(body)


_CLAUSE_LOOKBACK = 64  # characters read back at a time for the clause's opening


def _clause_opening(body: str, pos: int) -> int:
    """Just after the last clause mark before `pos` (0 when none)."""
    return _after_last_mark(body, pos, _CLAUSE_SPLIT)


def _after_last_mark(body: str, pos: int, marks: re.Pattern[str]) -> int:
    """Just after the last of `marks` before `pos` (0 when none): the first mark in the
    reversed text before it, read a short window at a time (a loop, not a recursion: a long
    text without a mark must not run out of stack)."""
    while pos > 0:
        floor = max(0, pos - _CLAUSE_LOOKBACK)
        mark = marks.search(body[floor:pos][::-1])
        if mark:
            return pos - mark.start()
        pos = floor
    return 0


def _brand_before(body: str, end: int, zones: _Zones, spans: _Spans, limit: int = 10) -> int:
    """Start of a short name ending at `end`: scanned left (not into another mention), then cut."""
    s = _scan_left(body, end, limit, spans)
    return _cut_left(body, s, end, zones)


def _title_brands(body: str, zones: _Zones, spans: _Spans, known: set[str]) -> list[_Found]:
    """`X总经理`, `X事业部`: X is a company; a department between them is dropped by preferring
    a known name or a prefix the article repeats elsewhere (`中科可控高端计算产品事业部`)."""
    lex = _lexicon()
    out: list[_Found] = []
    pattern = _title_pattern(lex.titles)
    for m in pattern.finditer(body):
        end = m.start()
        if end == 0 or spans.is_used(end - 1):
            continue
        s = _brand_before(body, end, zones, spans, 16)
        if s > 0 and spans.is_used(s - 1):
            continue  # `天亿化工生产副总经理`: what is left is a department of a known company
        x = body[s:end]
        if len(x) < 2:
            continue
        name = _prefix_name(body, x, known)
        if not name or (name not in known and _person(name)):
            continue  # `王五董事长`: a person, not a company
        if _brand_ok(name, allow_latin=True) and spans.free(s, s + len(name)):
            spans.take(s, s + len(name))
            out.append(_Found(s, s + len(name), "brand", name))
    return out


@lru_cache(maxsize=4)
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """The longest title where one starts (what the titles joined longest first match), as a
    trie: one path per opening character instead of each title tried in turn."""
    return re.compile(longest_word(titles))


def _prefix_name(body: str, x: str, known: set[str]) -> str | None:
    """The company part of `X<department>`: a known name, else the longest prefix the article
    repeats elsewhere, else X itself when it is short."""
    for name in sorted(known, key=len, reverse=True):
        if x.startswith(name):
            return name
    for size in range(len(x), 1, -1):
        p = x[:size]
        if _occurs_twice(body, p):
            return p
    return x if len(x) <= 6 else None


def _occurs_twice(body: str, text: str) -> bool:
    """`body.count(text) >= 2`, reading the body only up to the second occurrence."""
    first = body.find(text)
    return first != -1 and body.find(text, first + len(text)) != -1


def _bare_company(body: str, zones: _Zones, spans: _Spans) -> list[_Found]:
    """`中兵长智公司`: a short X before `公司`, unless X is generic (`本土公司`, `平台型公司`) or a
    descriptor of the next company (`移动控股公司北京启明星辰…`)."""
    out: list[_Found] = []
    for m in _BARE_COMPANY.finditer(body):
        if spans.is_used(m.start()) or m.start() == 0:
            continue
        if spans.is_used(m.end()):
            continue  # `移动控股公司北京启明星辰…有限公司`: describes the company that follows
        s = _brand_before(body, m.start(), zones, spans, 10)
        x = body[s : m.start()]
        if not 2 <= len(x) <= 8 or x.endswith("控股") or not _brand_ok(x) or is_common(x):
            continue
        if spans.free(s, m.end()):
            spans.take(s, m.end())
            out.append(_Found(s, m.end(), "brand", body[s : m.end()]))
    return out


_BRAND_PUNCT = "，,；;。"  # punctuation a trade name + industry word may stand before (as an apposition)


def _after_brand() -> str:
    """What must follow a trade name + industry word: a company verb or punctuation (a regex)."""
    return "(?:" + "|".join(map(re.escape, _FOLLOW_STRONG)) + f")|[{_BRAND_PUNCT}]"


@lru_cache(maxsize=4)
def _industry_pattern(industry: tuple[str, ...]) -> re.Pattern[str]:
    alt = longest_word(industry)  # a trie: one path per opening character, not 155 words in turn
    # `(?:alt)(?:alt)*`, not `(?:alt)+`: a pattern opening with the bare alternation lets the
    # regex engine skip to the characters that can start it, four times faster on a body
    return re.compile(f"(?:{alt})(?:{alt})*(?={_after_brand()})")


@dataclass(frozen=True)
class _IndustryEnds:
    """Where a match of `_industry_pattern` can end, and what it can be made of.

    A match is industry words right before a company verb or punctuation, so it ends on the
    last character of an industry word standing before one (`ends`), and every character of it
    is one of the words' (`chars`). One in five characters of a body opens an industry word
    (`科`, `能`, `电` …), and the pattern tried at each of them costs more than all the rest of
    the layer; the places where a match can end are a few per article.
    """

    ends: re.Pattern[str]
    chars: frozenset[str]
    openings: frozenset[str]


@lru_cache(maxsize=4)
def _industry_ends(industry: tuple[str, ...]) -> _IndustryEnds:
    lasts = "".join(sorted({w[-1] for w in industry}))
    follow_openings = "".join(sorted({w[0] for w in _FOLLOW_STRONG} | set(_BRAND_PUNCT)))
    # the class of what follows first: most characters of a body fail it at once
    ends = re.compile(f"[{re.escape(lasts)}](?=[{re.escape(follow_openings)}])(?={_after_brand()})")
    return _IndustryEnds(ends, frozenset("".join(industry)), frozenset(w[0] for w in industry))


def _industry_matches(body: str, industry: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """What `_industry_pattern(industry).finditer(body)` finds, the pattern tried only where a
    match could end soon after: in the run of industry-word characters before each place a
    match can end (a match starting anywhere else would hold another character or end nowhere).
    Positions are tried left to right, each once, and a match resumes the scan after it, as
    `finditer` does."""
    pattern = _industry_pattern(industry)
    where = _industry_ends(industry)
    pos = 0  # every position before this has been tried, or lies inside a match
    for end in where.ends.finditer(body):
        i = j = end.end()
        if j <= pos:
            continue
        while i > pos and body[i - 1] in where.chars:
            i -= 1
        while i < j:
            m = pattern.match(body, i) if body[i] in where.openings else None
            if m:
                yield m
                i = m.end()
            else:
                i += 1
        pos = i


def _industry_brands(body: str, zones: _Zones, spans: _Spans) -> list[_Found]:
    """Trade name + industry word before a company verb: `尚纬股份与…`, `二元工业发布…`,
    `泰开成套获评…`; before punctuation only after `的` (`…纪录的协鑫新能源；`)."""
    lex = _lexicon()
    out: list[_Found] = []
    for m in _industry_matches(body, lex.industry):
        if spans.is_used(m.start()) or spans.is_used(m.end() - 1):
            continue
        if not _trade_may_end(body, m.start(), m.end()):
            continue  # (what the checks below would reject, known before the costlier cut)
        s = _brand_before(body, m.start(), zones, spans, _TRADE_REACH)
        if s == m.start():
            continue
        _, trade = _strip_region(body[s : m.start()])
        if not 2 <= len(trade) <= 4 or _has_cover_word(trade) or trade[0] in lex.bad_start or _has_common_word(trade):
            continue
        if _NOT_HAN.search(trade):
            continue
        if body[m.end()] in _BRAND_PUNCT and not _apposition(body, s, trade):
            continue
        name = body[s : m.end()]
        if _brand_ok(name) and spans.free(s, m.end()):
            spans.take(s, m.end())
            out.append(_Found(s, m.end(), "brand", name))
    return out


_TRADE_REACH = 7  # how far left of the industry words `_industry_brands` reads a trade name


def _trade_may_end(body: str, start: int, end: int) -> bool:
    """Necessary conditions of `_industry_brands`' checks on the trade name before the industry
    words at [start, end), read without cutting the name's left boundary (the costliest step,
    and most matches fail these). The trade name ends at `start` with two characters or more,
    so the two before `start` are its last two: Chinese characters, neither a cover word nor an
    everyday word (`数字科技`, `公司发布`), or `_has_cover_word`, `_has_common_word` or the
    `_NOT_HAN` test rejects it. Before punctuation `_apposition` wants `企业` or `的` right
    before the name, which starts at most `_TRADE_REACH` characters back."""
    pair = body[start - 2 : start] if start >= 2 else ""
    if len(pair) < 2 or _NOT_HAN.search(pair) or pair in _lexicon().cover or is_common(pair):
        return False
    if body[end] not in _BRAND_PUNCT:
        return True
    return (
        "企业" in body[max(0, start - _TRADE_REACH - 2) : start]
        or "的" in body[max(0, start - _TRADE_REACH - 1) : start]
    )


def _apposition(body: str, start: int, trade: str) -> bool:
    """Before punctuation a trade name + industry word is a company only as an apposition:
    `光伏企业晶科能源，`, or `…纪录的协鑫新能源；` when the article repeats the trade name."""
    if body[max(0, start - 2) : start] == "企业":
        return True
    return body[start - 1 : start] == "的" and _occurs_twice(body, trade)


_IS_A = re.compile(r"(?:是|为|作为)(?:一家|国内|全国|全球|行业)")
_KIND_OF_COMPANY = re.compile(r"企业|公司|厂商|提供商|服务商|供应商|制造商|运营商|品牌商")


def _described_brands(body: str, zones: _Zones, spans: _Spans) -> list[_Found]:
    """`特斯联是一家…企业`, `X是国内领先的…提供商`: a short subject the same clause calls a company."""
    out: list[_Found] = []
    for m in _IS_A.finditer(body):
        cs, ce = _clause_bounds(body, m.start())
        if not _KIND_OF_COMPANY.search(body, m.end(), min(ce, m.end() + 30)):
            continue
        if m.start() == 0 or spans.is_used(m.start() - 1):
            continue
        s = _brand_before(body, m.start(), zones, spans, 10)
        if s != cs and body[s - 1 : s] not in ("，", ",", "的", "：", ":") and not _is_clause_lead(body, cs, s):
            continue
        name = body[s : m.start()]
        if _brand_ok(name) and not is_common(name) and not _person(name) and spans.free(s, m.start()):
            spans.take(s, m.start())
            out.append(_Found(s, m.start(), "brand", name))
    return out


def _is_clause_lead(body: str, cs: int, s: int) -> bool:
    """Only an adverbial (`近日`, `目前`, `2023年`) stands between the clause start and `s`."""
    lead = _LEADING_ADVERBIAL.match(body[cs:s])
    return bool(lead) and lead.end() == s - cs


def _is_institution(text: str) -> bool:
    """The other side of a company's cooperation: a university, institute, lab, government, zone."""
    text = text.strip()
    if not text or text.endswith(("企业", "公司", "集团")):
        return False
    return _organisation_end(text)


def _partner_brands(body: str, zones: _Zones, spans: _Spans) -> list[_Found]:
    """`特斯联与中国科学院…研究院共建`, `湘潭市政府与湖南移动…签订`: a party to a signed
    cooperation with a university, institute, government or zone is a company when it is not one
    of those kinds itself. (With a company on the other side it may be anything: `哈理工`.)"""
    out: list[_Found] = []
    for at in _positions(body, "与和"):
        ce = _clause_end(body, at)
        if not _COOPERATION.search(body, at + 1, ce):
            continue  # (read before the clause's opening, which few `与`/`和` need)
        after = body[at + 1 : ce]
        stop = _PARTNER_STOP.search(after)
        b = after[: stop.start()] if stop else after
        if not (_is_institution(b) or _may_be_partner(b)):
            continue  # the party before is taken only beside an institution, this one only if it may be a partner
        cs = _clause_opening(body, at)
        lead = _LEADING_ADVERBIAL.match(body[cs:at])
        a_start = cs + (lead.end() if lead else 0)
        a_start = _cut_left(body, a_start, at, zones)
        a = body[a_start:at]
        for text, start, other in ((a, a_start, b), (b, at + 1, a)):
            if not _may_be_partner(text) or not _is_institution(other):
                continue
            if not spans.free(start, start + len(text)):
                continue
            spans.take(start, start + len(text))
            role = "partner_of_government" if re.search("政府|管委会|[局厅委]$", other.strip()) else ""
            out.append(_Found(start, start + len(text), "brand", text, role))
    return out


def _may_be_partner(text: str) -> bool:
    """A party to a cooperation that may be a company: a short brand, not a common word, a
    person or an organisation of another kind."""
    if not text or text.strip() != text or not 2 <= len(text) <= 8:
        return False
    return not (_not_company(text) or not _brand_ok(text) or is_common(text) or _person(text))


def _positions(body: str, chars: str) -> list[int]:
    """Every position of one of `chars` in the body, in order: one `str.find` loop per
    character, which skips to the next at C speed, instead of a regex testing each character."""
    out = [at for ch in chars for at in _find_all(body, ch)]
    out.sort()
    return out


def _example_brands(body: str, spans: _Spans) -> list[_Found]:
    """`…企业…。例如，企查查发布的…；智慧芽首创的…`: each example clause opens with a company."""
    out: list[_Found] = []
    if not any(word in body for word in _EXAMPLE_WORDS):
        return out  # (a few `in` tests, each faster than the pattern's scan of the body)
    for m in _EXAMPLES.finditer(body):
        if "企业" not in body[max(0, m.start() - 80) : m.start()]:
            continue
        end_m = _SENTENCE_END.search(body, m.end())
        end = end_m.start() if end_m else len(body)
        pos = m.end()
        for part in re.split(r"[；;]", body[m.end() : end]):
            verb = _EXAMPLE_VERB.search(part)
            lead = len(part) - len(part.lstrip())
            if verb and 2 <= verb.start() - lead <= 8:
                name = part[lead : verb.start()]
                start = pos + lead
                if _brand_ok(name, min_free=1) and spans.free(start, start + len(name)):
                    spans.take(start, start + len(name))
                    out.append(_Found(start, start + len(name), "brand", name))
            pos += len(part) + 1
    return out


def _publisher_brands(body: str, spans: _Spans) -> list[_Found]:
    """`入选创业黑马发布的《…》榜单`: the publisher of a ranking a company entered."""
    out: list[_Found] = []
    if _PUBLISHED not in body:
        return out  # (most articles: one `in` test, faster than the pattern's scan of the body)
    for m in _PUBLISHER.finditer(body):
        name = m.group(1)
        if _brand_ok(name) and not _person(name) and spans.free(m.start(1), m.end(1)):
            spans.take(m.start(1), m.end(1))
            out.append(_Found(m.start(1), m.end(1), "brand", name, "publisher"))
    return out


@cache
def _follow_strong() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _FOLLOW_STRONG)))


def _zone_enterprise_brands(body: str, parks: Sequence[ParkMention], spans: _Spans) -> list[_Found]:
    """`湖南湘江新区企业草花互动与…`: a name right after `<zone>企业`, ending at a company verb."""
    out: list[_Found] = []
    follow = _follow_strong()
    for p in parks:
        m = _ZONE_ENTERPRISE.match(body[p.end : p.end + 8])
        if not m:
            continue
        start = p.end + m.end()
        f = follow.search(body, start, start + 9)
        if not f or f.start() - start < 2:
            continue
        name = body[start : f.start()]
        if _brand_ok(name) and spans.free(start, f.start()):
            spans.take(start, f.start())
            out.append(_Found(start, f.start(), "brand", name))
    return out


_CLASS_NOUNS = (
    *("龙头", "领军", "骨干", "链主", "独角兽", "潜在独角兽", "瞪羚", "专精特新", "小巨人", "上市", "高新技术"),
    *("科技型", "外资", "头部", "重点", "知名", "行业领军", "隐形冠军", "单项冠军"),
)
# the class nouns as a trie (no noun opens another, so it matches what their alternation does):
# at each `上`, `高`, `重` … of a body one path is followed instead of the nouns tried in turn
_CLASS_NOUN = re.compile(f"(?:{longest_word(_CLASS_NOUNS)})(?:企业|公司)")
_LIST_END = re.compile(
    r"[，,。；;！？!?：:\n]|等|相继|先后|纷纷|分别|均|都|已|正|将|也|还"
    r"|落户|入驻|签约|入选|投资|成为|获得|在"
)


def _class_lists(body: str, zones: _Zones, spans: _Spans) -> list[_Found]:
    """`龙头企业海岳重工、北辰电气相继落户…`, `独角兽企业A、B和C`: names listed right after the
    class of company they are (the list ends at a verb, an adverb or punctuation)."""
    out: list[_Found] = []
    for m in _CLASS_NOUN.finditer(body):
        end = _LIST_END.search(body, m.end(), m.end() + 60)
        stop = end.start() if end else min(len(body), m.end() + 60)
        items = []
        pos = m.end()
        for piece in re.split(r"(、|和|及|以及)", body[m.end() : stop]):
            if piece in ("、", "和", "及", "以及"):
                pos += len(piece)
                continue
            items.append((pos, pos + len(piece)))
            pos += len(piece)
        if len(items) < 2 and not (items and end and body[end.start() : end.start() + 2] in _FOLLOW_STRONG):
            continue  # one name after a class noun is a company only before a company verb
        for a, b in items:
            text = body[a:b]
            if (
                spans.free(a, b)
                and _brand_ok(text, allow_latin=True)
                and not _has_verb(text)
                and not made_of_common_words(text)
            ):
                spans.take(a, b)
                out.append(_Found(a, b, "brand", text))
    return out


# a list's cue: `等`, `这样的`, or a count of firms (`三家`); no two cues overlap, so every place
# one stands is one `finditer` would find
_ENUM_CUE_WORDS = ("等", "这样的")
_ENUM_OPENING = re.compile(r"^(?:等|这样的|.家)")


def _enumerations(body: str, zones: _Zones, spans: _Spans, found: list[_Found]) -> list[_Found]:
    """Lists of companies: `A、B、C等…企业`, `像A、B这样的企业` (read back from the head noun),
    and lists with a member already known to be a company (`由湘潭市电化产投、…有限公司以及…
    有限公司共同投资`): every member that passes the brand checks is a company."""
    out: list[_Found] = []
    known_texts = {body[f.start : f.end] for f in found}

    def accept(items: list[tuple[int, int]], min_free: int) -> None:
        for s, e in items:
            text = body[s:e]
            if _is_common_verb(text) and text not in known_texts:
                continue  # `研发、生产、销售等环节企业`
            if spans.free(s, e) and _brand_ok(text, allow_latin=True, min_free=min_free):
                spans.take(s, e)
                out.append(_Found(s, e, "brand", text))

    for at in _enum_cues(body):
        head = _ENUM_HEAD.match(body, at) or _LIKE_HEAD.match(body, at)
        noun = _ENUM_OPENING.sub("", head.group()) if head else ""
        if not head or _NOT_COMPANY_HEAD.search(noun) or _has_verb(noun) or noun.startswith("地"):
            continue  # `先后赴深圳、广州等地拜访…企业`: places, not companies
        items = _items_before(body, at, zones)
        if len(items) >= 2 or (items and _brand_ok(body[items[0][0] : items[0][1]])):
            accept(items, 1)
    lists = _lists_with_known(body, known_texts)
    latest = _latest_start_by_end(found) if lists else {}
    for cs, ce in lists:
        items = _list_items(body, cs, ce, zones)
        known = any(latest.get(e, -1) >= s for s, e in items)  # a mention ends an item, inside it
        if len(items) >= 2 and (known or any(body[s:e] in known_texts for s, e in items)):
            accept(items, 2)
    return out


def _latest_start_by_end(found: Iterable[_Found]) -> dict[int, int]:
    """Where the mentions ending at each position start, the latest: a mention lies inside an
    item [s, e) that it ends exactly when the latest start at e is s or after (one look-up per
    item instead of a pass over every mention)."""
    latest: dict[int, int] = {}
    for f in found:
        if f.start > latest.get(f.end, -1):
            latest[f.end] = f.start
    return latest


def _enum_cues(body: str) -> list[int]:
    """Where the cues of a list stand, in order: found by `str.find`, which skips to the next
    at C speed, instead of an alternation with no common opening tried at every character."""
    out = [at for word in _ENUM_CUE_WORDS for at in _find_all(body, word)]
    out += [at - 1 for at in _find_all(body, "家") if at and body[at - 1] in _ENUM_COUNT]
    out.sort()
    return out


def _find_all(body: str, word: str, start: int = 0) -> Iterator[int]:
    """Every position where `word` starts (overlapping ones too), from `start` on."""
    at = body.find(word, start)
    while at != -1:
        yield at
        at = body.find(word, at + 1)


def _lists_with_known(body: str, known_texts: Iterable[str]) -> list[tuple[int, int]]:
    """The clauses holding a `、` and one of `known_texts`, left to right: a list's items lie in
    its clause, so without a known name in it none is known. Found from where the known texts
    stand (a few per article, often none), not by reading every clause with a `、`."""
    out: set[tuple[int, int]] = set()
    for text in known_texts:
        pos = body.find(text)
        while pos != -1:
            cs, ce = _clause_bounds(body, pos)
            if pos + len(text) <= ce and "、" in body[cs:ce]:
                out.add((cs, ce))
            pos = body.find(text, pos + 1)
    return sorted(out)


def _items_before(body: str, end: int, zones: _Zones) -> list[tuple[int, int]]:
    """The `、`-separated members ending at `end` (the `等` of `A、B、C等企业`), read right to left;
    the leftmost is cut like a name's left boundary, and after a `和`/`及` that joins two lists."""
    items: list[tuple[int, int]] = []
    pos = end
    while True:
        prev = body.rfind("、", max(0, pos - 13), pos)
        piece = body[prev + 1 : pos] if prev != -1 else ""
        if prev == -1 or _CLAUSE_SPLIT.search(piece) or not piece.strip():
            s = _cut_left(body, _scan_left(body, pos, 14), pos, zones)
            joined = re.split(r"以及|及|和|与", body[s:pos])
            s = pos - len(joined[-1])
            if pos - s >= 1:
                items.append((s, pos))
            break
        lead = len(piece) - len(piece.lstrip())
        items.append((prev + 1 + lead, pos))
        pos = prev
    items.reverse()
    return [(s, e) for s, e in items if e > s and body[s:e].strip() == body[s:e]]


def _has_verb(text: str) -> bool:
    """`等邀请知名专家…企业`: a verb between `等` and the head noun means the list is not its subject."""
    lex = _lexicon()
    return any(text[i : i + n] in lex.verbs for i in range(len(text)) for n in (2, 3))


def _list_items(body: str, cs: int, ce: int, zones: _Zones) -> list[tuple[int, int]]:
    """Members of a `、` list inside one clause: the first one cut on its left, the last one
    ended by `等`/`以及`/`和`/`这样` or a verb."""
    clause = body[cs:ce]
    parts: list[tuple[int, int]] = []
    pos = cs
    for piece in clause.split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    items: list[tuple[int, int]] = []
    for n, (s, e) in enumerate(parts):
        if n == 0:
            s = _cut_left(body, _scan_left(body, e, 14), e, zones)
        m = _LIST_STOP.search(body[s:e]) if n else None
        if m or n == len(parts) - 1:
            items.extend(_joined_items(body, s, s + m.start() if m else e))
            return items
        piece = body[s:e].strip()
        if not piece or len(piece) > 24:
            return []
        lead = len(body[s:e]) - len(body[s:e].lstrip())
        items.append((s + lead, s + lead + len(piece)))
    return items


def _joined_items(body: str, s: int, e: int) -> list[tuple[int, int]]:
    """The last list member, which may itself be `X以及Y` / `X和Y`."""
    out = []
    for part in re.split("(以及|及|和|与)", body[s:e]):
        if part in ("以及", "及", "和", "与"):
            s += len(part)
            continue
        piece = part.strip()
        if piece:
            lead = len(part) - len(part.lstrip())
            out.append((s + lead, s + lead + len(piece)))
        s += len(part)
    return out


def _repeat_brands(body: str, found: list[_Found], spans: _Spans) -> list[_Found]:
    """Later uses of a brand found in a context (names of 3+ characters, or Latin ones)."""
    out: list[_Found] = []
    names = {f.name for f in found if f.kind == "brand"}
    owners: dict[str, list[str]] = {}
    for n in names:
        forms = [n] if len(n) >= 3 or _LATIN.search(n) else []
        trade = _strip_industry(n)[-1]
        if trade != n and len(trade) >= 2 and not _is_generic(trade):
            forms.append(trade)
        owners[n] = forms
    out.extend(f for f in _short_mentions(body, owners, spans, "brand"))
    for f in out:
        if f.name != body[f.start : f.end]:
            f.kind = "short"
    return out


# --- resolution and placement -------------------------------------------------------------


def _legal_canon(names: Iterable[str]) -> dict[str, str]:
    """Legal names of one company: `卓怡恒通信息安全有限公司` is `长治市卓怡恒通信息安全有限公司`
    without its region; both map to the longer one."""
    legal = sorted(set(names), key=len, reverse=True)
    canon: dict[str, str] = {}
    for name in legal:
        canon[name] = name
        for longer in legal:
            if len(longer) > len(name) and longer.endswith(name) and _is_region(longer[: -len(name)]):
                canon[name] = canon[longer]
                break
    return canon


def _is_region(text: str) -> bool:
    """`长治市`, `浙江杭州`: nothing but region names."""
    region, rest = _strip_region(text + "··")
    return bool(region) and rest == "··"


def _resolve(found: list[_Found], forms_of: Callable[[str], list[str]] = short_forms) -> dict[str, str]:
    """Map every provisional name to the longest legal name of the same company in the article;
    a brand or short name contained in one company's name (or short forms) maps to it."""
    legal = sorted({f.name for f in found if f.kind == "legal"}, key=len, reverse=True)
    canon = _legal_canon(legal)
    forms = {name: set(forms_of(name)) for name in legal}
    names = {f.name for f in found}
    for name in sorted(names - set(legal), key=len, reverse=True):
        owners = {canon[c] for c in legal if name in forms[c] or (len(name) >= 2 and name in c)}
        if len(owners) == 1:
            canon[name] = next(iter(owners))
            continue
        longer = {canon.get(o, o) for o in names if o != name and len(o) > len(name) and name in o}
        canon[name] = next(iter(longer)) if len(longer) == 1 else name
    return canon


_PLACING_LEFT = re.compile(r"^(?:的|内的|里的)?(?:重点|龙头|骨干|高新技术|科技型|领军|优质|入驻|园区)?(?:企业)?$")
_PLACING_RIGHT = re.compile(r"(?:在|落户|入驻|扎根|位于|落地)(?:于)?$")
_PLACING_IS = re.compile(r"(?:是|为|成为|作为)$")
_INVESTS = re.compile(r"^(?:投资|建设|投建|新建|布局|设立|打造|建成)")
_GOVERNMENT_JOINS = ("与", "和", "同")
_GOVERNMENT_PARTNER = re.compile(f"(?:政府|管委会|[局厅委])(?:{'|'.join(_GOVERNMENT_JOINS)})$")
# what stands right before a mention `_GOVERNMENT_PARTNER` can find ending at it (its `$` also
# matches before a final line break)
_GOVERNMENT_PARTNER_LAST = (*_GOVERNMENT_JOINS, "\n")
_LIST_GAP = re.compile(r"\s*(?:、|和|及|以及|与)\s*")


def _place(
    body: str, found: list[_Found], canon: dict[str, str], parks: Sequence[ParkMention], main: str | None
) -> dict[str, str]:
    """The zone the text places each company in (`ParkMention.name`), by three rules in order.

    1. Explicit: the words next to a mention put it in a zone: `位于<zone>的X`, `<zone>企业X`,
       `<zone>X`; `X在/落户/入驻<zone>`, `X…是<zone>…企业` (not `X…项目落户<zone>`: a project
       lands there, the company may be elsewhere).
    2. The one zone a sentence names before the company (`长治国家高新区依托X建成…`), unless
       that sentence placed another company explicitly: a sentence placing a company is about
       it, and its investors or parent named alongside are not placed.
    3. The article's main zone, for a company the article treats as one of the zone's
       enterprises: not a ranking's publisher, a government's partner, a national group
       (`中国…`), a company of another province, or one only named in sentences of rule 2's
       exception.

    A park inside the article's main zone (`“中国信创谷”`, `数字经济产业园`, `科学城`) stands for
    that zone: the warehouse places companies in high-tech zones, not in their sub-parks.
    """
    if not parks:
        return {}
    primary = {p.name for p in parks if _is_primary(p)}

    def lift(zone: str | None) -> str | None:
        return main if zone and main in primary and zone not in primary else zone

    # each mention's sentence, read once: every rule below asks for it
    opening = {f.start: _sentence_start(body, f.start) for f in found}
    closing = {f.end: _sentence_end(body, f.end) for f in found}
    placed: dict[str, str] = {}
    claimed: set[int] = set()
    ordered = sorted(found, key=lambda f: f.start)
    for f in ordered:
        name = canon.get(f.name, f.name)
        zone = lift(_explicit_zone(body, f, parks, found, closing[f.end]))
        if zone:
            claimed.add(opening[f.start])
            placed.setdefault(name, zone)
            for g in _listed_with(body, ordered, f):  # `<zone>企业A、B等企业`: the list shares it
                placed.setdefault(canon.get(g.name, g.name), zone)
    by_start = _ParksByStart(parks)
    # asked only of the companies rule 1 left unplaced: the rules below skip a placed one first
    excluded = {
        name
        for f in found
        if (name := canon.get(f.name, f.name)) not in placed
        and (f.role or _government_partner(body, f.start) or _invests_in(body, f, by_start, closing[f.end]))
    }
    free_mentions: dict[str, int] = {}
    for f in found:
        name = canon.get(f.name, f.name)
        if opening[f.start] not in claimed:
            free_mentions[name] = free_mentions.get(name, 0) + 1
    for f in ordered:
        name = canon.get(f.name, f.name)
        if name in placed or name in excluded or opening[f.start] in claimed:
            continue
        zone = _zone_before_in_sentence(f, opening[f.start], parks, lift)
        if zone and _compatible(name, zone) and not _national(name):
            placed[name] = zone
    for name in free_mentions:
        if name in placed or name in excluded or not main:
            continue
        if _compatible(name, main) and not _national(name):
            placed[name] = main
    return placed


def _government_partner(body: str, start: int) -> bool:
    """`湘潭市政府与X`: a government's partner, read only when a join stands right before (the
    pattern's search, a regex call, is asked of every mention)."""
    return body[start - 1 : start] in _GOVERNMENT_PARTNER_LAST and bool(
        _GOVERNMENT_PARTNER.search(body, max(0, start - 6), start)
    )


def _invests_in(body: str, f: _Found, parks: _ParksByStart, end: int) -> bool:
    """`X在<zone>投资建设…`: an investor building there, which may be based anywhere (`end`:
    the end of its sentence)."""
    return any(
        _placing_right(body, f.end, p.start) and _INVESTS.match(body[p.end : end]) for p in parks.starting(f.end, end)
    )


class _ParksByStart:
    """The zone mentions of one article by start, to read those starting in a span by bisection
    instead of testing every mention of the article for every company."""

    def __init__(self, parks: Sequence[ParkMention]) -> None:
        self.parks = sorted(parks, key=lambda p: p.start)
        self.starts = [p.start for p in self.parks]

    def starting(self, lo: int, hi: int) -> list[ParkMention]:
        """The mentions starting in [lo, hi), by start."""
        return self.parks[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


# the last character of every word `_PLACING_RIGHT` finds at the end of a text
_PLACING_LAST = frozenset("在户驻根地于")


def _placing_right(body: str, start: int, end: int) -> bool:
    """`_PLACING_RIGHT.search(body[start:end])`, searched only when the text's last character
    (before a final line break, where its `$` also matches) ends one of its words: most texts
    between a company and a zone after it end otherwise, and need no slice nor search."""
    last = end - 2 if body[end - 1 : end] == "\n" else end - 1
    return last >= start and body[last] in _PLACING_LAST and _PLACING_RIGHT.search(body, start, end) is not None


def _listed_with(body: str, ordered: list[_Found], f: _Found) -> list[_Found]:
    """The mentions listed together with `f` (`A、B以及C`): joined by list separators only."""
    i = ordered.index(f)
    group = []
    j = i
    while j > 0 and _LIST_GAP.fullmatch(body, ordered[j - 1].end, ordered[j].start):
        j -= 1
        group.append(ordered[j])
    j = i
    while j + 1 < len(ordered) and _LIST_GAP.fullmatch(body, ordered[j].end, ordered[j + 1].start):
        j += 1
        group.append(ordered[j])
    return group


def _national(name: str) -> bool:
    """`中国移动公司`: a national group's head office, which no zone's enterprise list means."""
    return name.startswith(_NATIONAL) and len(name) <= 8


def _sentence_start(body: str, pos: int) -> int:
    """Placement reads sentences: a zone in another sentence says nothing about this one."""
    return _after_last_mark(body, pos, _SENTENCE_END)


def _sentence_end(body: str, pos: int) -> int:
    """End of the sentence holding `pos`."""
    m = _SENTENCE_END.search(body, pos)
    return m.start() if m else len(body)


def _explicit_zone(body: str, f: _Found, parks: Sequence[ParkMention], found: list[_Found], end: int) -> str | None:
    """`位于<zone>的X`, `<zone>企业X`, `<zone>X`; `X在/落户/入驻<zone>`, `X…是<zone>…企业` (`end`:
    the end of the sentence holding `f`)."""
    for p in parks:
        if p.end <= f.start and f.start - p.end <= 12:
            gap = body[p.end : f.start]
            if _PLACING_LEFT.match(gap):
                return p.name
    others = [g.start for g in found if f.end <= g.start < end and g is not f]
    limit = min([end, *others])
    for p in parks:
        if not f.end <= p.start < limit:
            continue
        between = body[f.end : p.start]
        if "项目" in between or len(between) > 16:
            continue
        after = body[p.end : min(end, p.end + 30)]
        if _INVESTS.match(after):
            continue  # `X在<zone>投资建设…`: a project there, the company may be anywhere
        if len(between) <= 10 and _placing_right(body, f.end, p.start) and not re.search("[，,；;]|企业|公司", between):
            return p.name
        if _PLACING_IS.search(between) and re.search("企业|公司", after):
            return p.name
    return None


def _zone_before_in_sentence(
    f: _Found, s: int, parks: Sequence[ParkMention], lift: Callable[[str | None], str | None]
) -> str | None:
    """The one zone a sentence (opening at `s`) names before the company, as its subject
    (`长治国家高新区依托X…`)."""
    names = {lift(p.name) for p in parks if s <= p.start and p.end <= f.start}
    return next(iter(names)) if len(names) == 1 else None


def _is_primary(p: ParkMention) -> bool:
    """A zone in its own right (`高新区`, `开发区`, `新区` …), not a park or campus inside one."""
    if p.zone_key is not None:
        return True
    info = suffix_info().get(p.suffix)
    return info is not None and info.kind == "admin"


def _compatible(company: str, zone: str) -> bool:
    """False when the company's name starts with a region of another province than the zone's."""
    a = _region_of(company)
    b = _region_of(zone)
    return not (a and b and a != b)


# --- the public function -----------------------------------------------------------------


def _once_per_article(derive: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """`derive`, remembering its answers for the names of one article (a legal name's short
    forms are asked for by three layers); dropped with the article, never shared across them."""
    seen: dict[str, list[str]] = {}

    def once(name: str) -> list[str]:
        if name not in seen:
            seen[name] = derive(name)
        return seen[name]

    return once


def find_companies(body: str, parks: Sequence[ParkMention] = (), zone: str | None = None) -> list[CompanyMention]:
    """Every company the article names, as non-overlapping mentions sorted by start.

    `parks` are the zone mentions found in the same body: a zone name is never part of a company
    name, and decides `park`; `zone` is the article's zone (`ArticleContext.zone`), where the
    companies the article treats as the zone's enterprises are placed. Each mention's `name` is
    the longest legal name of its company in this body (or its brand when the article never gives
    one); `kind` says how it was found:
    `legal` (a legal form, or `X集团`), `alias` (declared `（以下简称“X”）` and its later uses),
    `short` (a derived short form of a legal name or brand), `brand` (no legal form, a company
    context). `body[m.start:m.end] == m.text` holds for every mention.
    """
    if not body:
        return []
    zones = _zone_spans(body, parks)
    spans = _Spans(len(body))
    found: list[_Found] = []

    legal = [f for f in _legal_names(body, zones) if spans.free(f.start, f.end)]
    for f in legal:
        spans.take(f.start, f.end)
    found += legal
    found += _alias_declarations(body, legal, spans)
    canon = _legal_canon(f.name for f in legal)
    forms_of = _once_per_article(short_forms)
    legal_forms = {form: canon[f.name] for f in legal for form in forms_of(f.name)}
    found += _groups(body, zones, spans, legal_forms)
    owners: dict[str, list[str]] = {}
    for f in found:
        if f.kind == "legal":
            owners.setdefault(canon.get(f.name, f.name), []).extend(forms_of(f.name))
    found += _short_mentions(body, owners, spans, "short")

    known = {body[f.start : f.end] for f in found}
    found += _title_brands(body, zones, spans, known)
    found += _bare_company(body, zones, spans)
    found += _industry_brands(body, zones, spans)
    found += _described_brands(body, zones, spans)
    found += _partner_brands(body, zones, spans)
    found += _example_brands(body, spans)
    found += _publisher_brands(body, spans)
    found += _zone_enterprise_brands(body, parks, spans)
    found += _class_lists(body, zones, spans)
    found += _enumerations(body, zones, spans, found)
    found += _alias_declarations(body, [f for f in found if f.kind == "brand"], spans)
    found += _repeat_brands(body, found, spans)

    canon = _resolve(found, forms_of)
    if zone is None and parks:
        main = dominant_zone(parks)
        zone = main.name if main else None
    placed = _place(body, found, canon, parks, zone)
    out = []
    for f in sorted(found, key=lambda f: f.start):
        name = canon.get(f.name, f.name)
        out.append(CompanyMention(f.start, f.end, body[f.start : f.end], name, f.kind, placed.get(name)))
    return out
