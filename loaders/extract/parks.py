"""Find the zones (高新区, 经开区, 综保区, 新区, 科学城, 产业园 ...) an article names.

A zone name is a head and a suffix. The suffixes come from `seeds/zone_types.csv`.
The head is the hard part, because Chinese has no spaces: in `位于长治国家高新区的`
the head is `长治`, in `为临江高新区（钱塘区）孕育` it is `临江`. The head is found,
in order of trust:

1. a known place or national-zone core ending right at the suffix (`东莞松山湖`, `长治`);
2. a known place opening a short head (`东莞` + `滨海湾`, `湖南` + `湘江`);
3. jieba's part-of-speech tags on the few characters before the suffix: a run of
   place-name tokens (`为/p 临江/ns`); a verb or noun (`助力`) is no head.

Industrial parks (`马栏山视频文创产业园`) have a descriptor instead of a place: the
characters back to the nearest function word or verb, minus class labels (`千亿元级`)
and parks that are really projects (`谋划布局生命健康产业园`, `…科创产业园破土动工`).
A bare `高新区`, `该高新区` or `园区` refers to the article's own zone when the article
makes that unambiguous. Generic uses (`国家高新区`, `两个国家高新区`) are no zone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from loaders.extract.spans import ParkMention
from loaders.reference import jieba_ready, place_names, provinces, suffix_info, zone_suffixes

CJK = "\u3400-\u9fff"
# characters and words that end a zone's head when scanning left from its suffix
_STOP_CHARS = set("的在于从与和及对向为是将由赴至等了把被让以、，。；：！？“”‘’《》（）()「」【】 \n,.;:!?")
_STOP_WORDS = (
    "位于",
    "落户",
    "入驻",
    "依托",
    "围绕",
    "聚焦",
    "打造",
    "建设",
    "投资",
    "决定",
    "布局",
    "谋划",
    "推进",
    "形成",
    "建成",
    "成为",
    "设立",
    "引进",
    "举办",
    "举行",
    "签约",
    "开工",
    "对标",
    "领先",
    "前瞻",
    "联动",
    "加快",
    "全力",
    "积极",
    "助力",
    "推动",
    "发挥",
    "支持",
    "包括",
    "发展",
    "提升",
    "携手",
    "联合",
    "以及",
    "作为",
    "通过",
    "全面",
    "晋升",
    "升级",
    "创建",
    "申报",
    "争创",
    "获批",
    "回忆起",
    "说起",
    "谈起",
    "想起",
    "提起",
    "看好",
    "加入",
    "走进",
    "来到",
)
# leading tokens of a descriptor that cannot open a park's name (jieba tags)
_NOT_OPENING = {"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "r", "d", "f", "v", "vd", "x", "m", "q", "t"}
# heads that are not places: generic or class-label uses of a suffix
_GENERIC_HEAD = re.compile(
    r"(国家级?|省级|市级|区级|县级|一流|全国|世界|国内|国际|各类|各地|多个|若干|首批|试点|现代化|特色|"
    r"[一二两三四五六七八九十百千万亿\d]+[个家座批]?|级|型)$|^(国家|省级|市级|全国|世界|国内|国际|现代化|一流)|省级|市级"
)
_QUALIFIER = re.compile(f"^[{CJK}]{{2,4}}(?:科学城|科技城|新区)$")
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")
_PARK_CONTEXT_BEFORE = re.compile(r"(谋划|布局|拟建|计划建设|规划建设|对标|学习|借鉴|类似)[^，。；]{0,8}$")
_PARK_CONTEXT_AFTER = re.compile(r"^[（(]?[^，。；]{0,2}(破土动工|开工|奠基|签约|项目|建设项目|揭牌|开园)")
_REFERENCE = re.compile(r"(该|本|全)?(高新区|园区)|该(区)(?!域|别|间|块|分|级)")
_PLACE_FLAGS = {"ns", "nr", "nz", "nrt", "j", "zg"}
_MAX_HEAD = 8


@cache
def _suffix_regex() -> re.Pattern[str]:
    alternation = "|".join(re.escape(z.suffix) for z in zone_suffixes())
    return re.compile(f"(?:国家)?({alternation})(?:[（(]([^（）()，。、；]{{1,8}})[）)])?")


def _scan_left(body: str, end: int, limit: int) -> int:
    """Leftmost start of a run of name characters ending at `end` (no stop characters)."""
    start = end
    while start > 0 and end - start < limit and body[start - 1] not in _STOP_CHARS:
        start -= 1
    return start


def _cut_stop_words(body: str, start: int, end: int) -> int:
    """Move `start` past the rightmost verb or function word inside body[start:end]."""
    window = body[start:end]
    cut = 0
    for w in _STOP_WORDS:
        k = window.rfind(w)
        if k >= 0:
            cut = max(cut, k + len(w))
    return start + cut


def _known_head(body: str, end: int) -> int | None:
    """Start of a head made of a known place, optionally followed by 1–4 more characters."""
    places = place_names()
    for k in range(_MAX_HEAD, 1, -1):  # 1. a known name ending at the suffix
        if end - k >= 0 and body[end - k : end] in places:
            return end - k
    floor = _scan_left(body, end, _MAX_HEAD)
    for q in range(floor, end - 2):  # 2. a known place opening a short head
        for k in range(min(6, end - q - 1), 1, -1):
            if body[q : q + k] in places and 1 <= end - q - k <= 4:
                return q
    return None


def _tagged_head(body: str, end: int) -> int | None:
    """Start of a head of place-name tokens, by jieba's tags on a short window."""
    import jieba.posseg as pseg

    jieba_ready()
    start = _cut_stop_words(body, _scan_left(body, end, _MAX_HEAD), end)
    if end - start < 2:
        return None
    tokens = list(pseg.cut(body[start:end]))
    head = 0
    for tok in reversed(tokens):
        if tok.flag not in _PLACE_FLAGS:
            break
        head += len(tok.word)
    if head < 2 or (tokens[-1].flag == "zg" and head == len(tokens[-1].word)):
        return None
    return end - head


def _with_province(body: str, start: int) -> int:
    """`四川遂宁高新区`: include a province name printed before the head."""
    for k in (3, 2, 5, 4):
        if start - k >= 0 and body[start - k : start] in provinces():
            return start - k
    return start


def _admin_mention(body: str, m: re.Match[str]) -> ParkMention | None:
    suffix = m.group(1)
    info = suffix_info()[suffix]
    national = m.group(0).startswith("国家")
    head_end = m.start(1) - (2 if national else 0)
    start = _known_head(body, head_end)
    if start is None:
        start = _tagged_head(body, head_end)
    if start is None:
        return None
    head = body[start:head_end]
    if _GENERIC_HEAD.search(head) or (m.group(2) and _PHASE.search(m.group(2))):
        return None  # `国家高新区` is generic; `襄阳科技城（二期）` is a building phase, a venue
    text_start = _with_province(body, start)
    if text_start < start and head not in place_names() and not any(head.startswith(p) for p in place_names()):
        start = text_start  # `湖南湘江新区`: the province is part of the name when no city follows
        head = body[start:head_end]
    q = _scan_left(body, text_start, 7)
    if text_start - q >= 5 and _QUALIFIER.search(body[q:text_start]):
        text_start = q  # `西部科学城重庆高新区`: a wider zone printed as a qualifier belongs to the mention
    return ParkMention(text_start, m.end(), body[text_start : m.end()], head + info.canonical, suffix, national)


def _strip_opening(body: str, start: int, end: int) -> int:
    """Drop leading verbs and function words jieba finds in a descriptor (`回忆起信创`)."""
    import jieba.posseg as pseg

    jieba_ready()
    tokens = list(pseg.cut(body[start:end]))
    while len(tokens) > 1 and tokens[0].flag in _NOT_OPENING:
        start += len(tokens.pop(0).word)
    return start


def _park_mention(body: str, m: re.Match[str], zones: list[ParkMention]) -> ParkMention | None:
    suffix = m.group(1)
    info = suffix_info()[suffix]
    end = m.start(1)
    start = _scan_left(body, end, 12)
    start = _cut_stop_words(body, start, end)
    for z in zones:  # `湘潭高新区数字产业园`: a zone name is not part of the descriptor
        if start <= z.end <= end:
            start = z.end
    start = _strip_opening(body, start, end)
    head = body[start:end]
    if len(head) < 2 or _GENERIC_HEAD.search(head):
        return None
    if _PARK_CONTEXT_BEFORE.search(body[max(0, start - 12) : start]) or _PARK_CONTEXT_AFTER.match(body[m.end() :]):
        return None  # a park being planned or built is a project, not (yet) a zone
    return ParkMention(start, m.end(), body[start : m.end()], head + info.canonical, suffix)


def _weak(park: ParkMention) -> bool:
    head = park.name[: -len(suffix_info()[park.suffix].canonical)]
    return len(head) < 3 and head not in place_names()


def _merge_compounds(mentions: list[ParkMention]) -> list[ParkMention]:
    """`西部科学城重庆高新区`: a zone printed right before another qualifies it."""
    out: list[ParkMention] = []
    for m in mentions:
        if out and out[-1].end == m.start and not out[-1].is_reference:
            prev = out.pop()
            m = ParkMention(prev.start, m.end, prev.text + m.text, m.name, m.suffix, m.says_national)
        out.append(m)
    return out


def _main_zone(mentions: Iterable[ParkMention]) -> ParkMention | None:
    """The zone an article is about, when one clearly dominates its named zones."""
    named = [m for m in mentions if not m.is_reference and suffix_info()[m.suffix].kind == "admin"]
    if not named:
        return None
    counts = Counter(m.name for m in named)
    (top, n), *rest = counts.most_common()
    if rest and rest[0][1] * 2 > n:
        return None
    return next(m for m in named if m.name == top)


def _unify_names(mentions: list[ParkMention]) -> list[ParkMention]:
    """Within one article, `滨海湾新区` after `东莞滨海湾新区` is the same zone."""
    names = {m.name for m in mentions}
    out = []
    for m in mentions:
        longer = [n for n in names if n != m.name and n.endswith(m.name)]
        if len(longer) == 1:
            m = ParkMention(m.start, m.end, m.text, longer[0], m.suffix, m.says_national, m.is_reference)
        out.append(m)
    return out


def find_parks(body: str) -> list[ParkMention]:
    """Every zone an article names or refers to, as spans of `body`, in order."""
    admin: list[ParkMention] = []
    skipped: list[tuple[int, int]] = []
    regex = _suffix_regex()
    matches = list(regex.finditer(body))
    for m in matches:
        if suffix_info()[m.group(1)].kind == "admin":
            found = _admin_mention(body, m)
            if found:
                admin.append(found)
            else:
                skipped.append((m.start(), m.end()))
    parks = []
    for m in matches:
        if suffix_info()[m.group(1)].kind == "park" and not any(a.start <= m.start(1) < a.end for a in admin):
            found = _park_mention(body, m, admin)
            if found:
                parks.append(found)
            else:
                skipped.append((m.start(), m.end()))
    # a two-character descriptor (`信创产业园`) counts only as a short form of a longer name
    names = {m.name for m in admin + parks}
    parks = [p for p in parks if not _weak(p) or any(n != p.name and n.endswith(p.name) for n in names)]
    mentions = _merge_compounds(sorted(admin + parks, key=lambda p: p.start))
    mentions = _unify_names(mentions)
    main = _main_zone(mentions)
    if main is not None:
        taken = [(p.start, p.end) for p in mentions]
        for r in _REFERENCE.finditer(body):
            if any(a < r.end() and r.start() < b for a, b in taken):
                continue
            # `工业互联网园区`, `试点园区` still mean the article's zone; `国家高新区` never does
            if (
                body[max(0, r.start() - 2) : r.start()] in ("国家", "省级", "市级")
                or body[r.start() - 1 : r.start()] == "级"
            ):
                continue
            suffix = r.group(2) or r.group(3)
            mentions.append(ParkMention(r.start(), r.end(), r.group(0), main.name, suffix, is_reference=True))
    return sorted(mentions, key=lambda p: p.start)
