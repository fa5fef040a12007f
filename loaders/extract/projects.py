"""Find named investment and construction projects and what happened to them.

A project is a named undertaking. It is found three ways:

1. a name with a project head (`…项目`, `…工程`, `…生产线`, `…基地`, `…中心`, `…产业园`,
   `…改造`), read leftwards from the head to the nearest function word or verb, so
   `本次开工项目的代表三花智控未来产业中心项目` gives `三花智控未来产业中心项目`. Heads other
   than 项目/工程 only count with a status verb next to them (`OPPO全球算力中心投入运行`),
   since `研发中心` alone is no project;
2. the items of a list of projects (`包括A、B、C等17个项目`, `分别为A项目、B项目`,
   `A、B、C4个项目揭牌`), each a proper name, not a category (`轨道交通、道路桥梁等项目`);
3. a quoted name after a building verb (`建设“物联网与大数据生产基地”`).

A count, a category, a time or an event is not a project: `海口国家高新区7个项目`,
`5个批次共56个项目`, `科技创新类项目`, `2023年招商引资项目`, `投资推介会项目` are batch
statements, whose figures are metrics of the zone.

Status comes from the verb that governs the name (签约/落户 -> signed, 开工/奠基 -> started …);
items listed under a batch event (`集中开工…包括A、B等项目`) take the event's. Investment is
the `总投资 / 拟投资 / 投资` figure stated for the project itself — in its clause, in a
`该项目…` sentence after it, or before it as the investor's (`X公司投资10亿元，建设Y项目`) —
never a batch's or a category's total. The event date is a date in the sentence, or the
article's event (`ArticleContext.event_date`) for a project of that event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from loaders.extract.context import ArticleContext, resolve_date
from loaders.extract.lexicon import made_of_common_words
from loaders.extract.numbers import read_quantities
from loaders.extract.rules import (
    DATE,
    EVENT_STATUSES,
    LEAD,
    STATUS,
    LastWordEnd,
    is_forecast,
    longest_word,
    skip_to,
)
from loaders.extract.spans import CompanyMention, ParkMention
from loaders.reference import place_names
from loaders.wordlists import words

_HEADS = (
    "项目|工程|生产线|产业基地|制造基地|生产基地|智造基地|基地|研发中心|运营中心|算力中心|制造中心|应用中心|"
    "创新中心|科技中心|数据中心|中心|产业园|科创园|改造|公寓楼|公寓|学校|校区"
)
CJK = "\u4e00-\u9fff"
# as a trie (what the alternation finds: no head opens another but `公寓楼`, listed first): at
# each `中`, `产`, `工` … of a body one path is followed instead of the heads tried in turn
_HEAD = re.compile(longest_word(_HEADS.split("|")))
_STRONG_HEAD = ("项目", "工程")
_STOP_CHARS = set("的在于从与对向为是将由赴至等了把被让以暨、，。；：！？,;:!?\n（）()《》【】“”")
_STOP_WORDS = words("extract_words.txt", "project_name_stops")
_LAST_STOP_WORD_END = LastWordEnd(_STOP_WORDS)
_STOP_OPENINGS = frozenset(w[0] for w in _STOP_WORDS)
# a descriptor made only of these words is a category, not a name
_GENERIC = re.compile(
    r"^(?:[一二两三四五六七八九十\d]+个)?(?:重大|重点|优质|高端|龙头|民生|产业|签约|开工|投产|投运|外资|内资|在谈|新|"
    r"建设|科创|转化|节能技改|技改|链主旗舰型|旗舰型|信息业|示范|标杆|省级|市级|国家级|各类|一批|首批|这些|该|此|本|"
    r"招商引资|招商|引资|扩大有效投资|有效投资|投资|集中|追加|基础设施|政府投资|产业投资|建设类|上述|所有|全部)*$"
)
# (tried only at the characters its words open with: its `^` alternative left the engine no
# first character to skip to, and it tried every offset)
_GENERIC_TAIL = skip_to(
    "重龙骨民示标品优高人外投开签获科省市多若各一",
    r"(重大|重点|龙头|骨干|民生|示范|标杆|品牌|优质|高端|人才|外资|投运|投产|开工|签约|获奖|科研)$|省级|市级|^(多个|若干|各类|一批)",
)
_WEAK_TAIL = re.compile(r"(?:科技创新|创新)$")  # `科技创新项目`, but `中国长城自主创新基地`
# counts, times, class labels and events inside a name make it a batch statement, not a project
# (tried only at the characters its alternatives open with: it opens with a repeat, which left
# the engine no first character to skip to)
_BATCH = skip_to(
    r"\d一二两三四五六七八九十百千万亿批上下今去年又会活仪大论推",
    r"[\d一二两三四五六七八九十百千]+\s*(?:余|多)?\s*(?:个|批|家)|批次|[两三四五六七八九十百]大(?:项目|重点|重大)?$|"
    r"[\d一二两三四五六七八九十]$|"
    r"(?:19|20)\d{2}\s*年|[一二三四]\s*季度|[上下]半年|今年|去年|年度|年初|年底|"
    r"[十百千万亿\d]+元?级|又一|一个|"
    r"(?:会|活动|仪式|大会|论坛|推介会)$",
)
# every match of `_BATCH` holds one of these characters or a digit (which is not a letter):
# a descriptor of letters without them is not searched (most of them)
_BATCH_CUES = frozenset("个批家大年季级又会动式坛一二两三四五六七八九十")
_CATEGORY_END = re.compile(r"(?:类|领域|行业|板块|方面|产业|门类|业态)$")
# what a listed item's name ends with when it names a facility or undertaking
_ITEM_HEAD = re.compile(
    r"(?:项目|工程|基地|中心|园区?|城|小镇|谷|酒店|大厦|楼|厂|生产线|平台|学校|医院|校区|社区|综合体|改造|扩能|"
    r"总部|研究院|实验场|实验室|开发|馆|港|站|车间|线)$"
)
# `有` introduces a list (`项目有`, `其中有`), but not inside a name (`有限公司`, `有色金属`)
# (every alternative opens with a character, the look-behind after it: the engine skips to them)
_LIST_INTRO = re.compile(r"包括|包含|分别为|分别是|有(?<![限所具拥]有)(?![限色机效])|：|:")
# `…等17个项目`, `…等一批百亿级重大项目`, `…4个项目揭牌`: the end of a list of projects
_LIST_TAIL = skip_to(
    r"等\d一二两三四五六七八九十",
    r"(?:等(?:[\d一二两三四五六七八九十]+(?:余|多)?个|一批|多个)?|(?<=[\u4e00-\u9fff）)”])[\d一二两三四五六七八九十]+个)"
    r"(?:总?投资额?[\d.]+\s*[万亿]*元的?)?[\u4e00-\u9fff]{0,8}项目(?:[\d一二两三四五六七八九十百]+个)?|"
    r"(?<=[\u4e00-\u9fff）)”])[两三四五六七八九十]大项目",
)
# every match of `_LIST_TAIL` holds `项目` with at most `_LIST_TAIL_NAME` Chinese characters
# before it, and before those only characters of `_LIST_TAIL_LEAD` (the count, the amount)
_LIST_TAIL_NAME = 8
_LIST_TAIL_LEAD = re.compile(r"[\d\s.等一二两三四五六七八九十余多个批总投资额万亿元的]*")
_RUN_CHUNK = 32  # characters read back at a time
_LIST_SPLIT = re.compile(r"[、，,]|(?:和|及|以及)(?=[^、，]{4,}$)")
# (not after a count: `等17个重点实体产业项目` counts projects)
_NOT_COUNT = r"(?![\d一二两三四五六七八九十]+(?:余|多)?个)"
_CATEGORY_BEFORE = re.compile(r"等" + _NOT_COUNT + r"[^，。；、]{0,8}(?:类|领域|产业|行业|方面|门类)的?$")
_CATEGORY_LIST = re.compile(r"等" + _NOT_COUNT + r"[^，。；,;]{0,8}(?:类项目|领域|产业|行业|方面)")
# `建成“创客公寓”`: a quoted name right after a status verb
_QUOTE_VERBS = frozenset({"建成", "建设", "打造", "启用", "投用", "投运", "开工", "开园"})  # two characters each
_QUOTED = re.compile(f"({'|'.join(sorted(_QUOTE_VERBS))})(?:了)?\\s*“([^”、，]{{2,24}})”")
_HEAD_WORDS = ("项目", "工程", "中心", "基地", "改造", "生产线", "产业园")
# after a project's name comes punctuation, a particle or a verb, never more name
_NEXT_OK = set(
    "，。、；：！？,;:!?）)”\n落签开投启建竣奠破获于在将已正等分的和与及则集也是为由即目年首计总拟位占代作主以达实顺加后揭"
    "近今昨当本上下预成现均还通进试运入完再又同全迎"  # `…项目近日开工`, `…项目今年投产`
)
_PHASE = re.compile(r"[一二三四五六]期")  # `…产业园项目一期占地98亩`: the project's first phase
_COUNT_WORD = "个"  # every match of `_COUNTED` holds it
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百千]+\s*" + _COUNT_WORD + r"[^，。；,;]{0,10}$")
# a list of projects unveiled (`A、B4个项目揭牌`) opens them; a facility unveiled alone is no project
# a status verb before these describes who took part (`签约企业`, `开工单位`), not what happened to a name
# a facility word (`…中心`, `…基地`) is a project only by a verb in its own clause
_CLAUSE_END = re.compile(r"[，,；;]")
_ATTRIBUTIVE = re.compile(r"(?:企业|单位|代表|客商|嘉宾)")
_LIST_STATUS = (("in_operation", r"揭牌"),)
_LIST_VERB = re.compile(r"推进|推动|加快|实施|完成|建成|开工|签约|引进|谋划|启动|落地|投产|竣工")
# (written so that every alternative opens with a character, which the engine skips to)
_INVEST = re.compile(r"计划总投资(?:额)?|总投资(?:额)?|拟投资|投资额|计划投资|投资(?<!资产投资)(?<!资产 投资)")
# an amount describing the name right after it: `总投资6亿元的X项目`
_AMOUNT = (
    r"(?:计划总投资|总投资|拟投资|计划投资|投资)额?\s*(?:约|超|达|近|逾)?\s*[\d.]+\s*(?:千万|百万|万|亿)*\s*(?:元|美元)"
    r"(?:人民币)?(?:建设)?"
)
_MONEY_BEFORE = re.compile(_AMOUNT + r"的\s*$")
_MONEY_BEFORE_SPAN = 30
# the same amount opening a listed item, with or without `的`: `投资8亿元X培育基地、…等10个项目`
_MONEY_PREFIX = re.compile(_AMOUNT + r"的?\s*")
_BUILD_VERB = re.compile(r"建设|打造|投建|新建|兴建|建成|落地|实施")
# right after an amount, in its clause: the money builds what is named next (`投资1.22亿元高质量建成“X”`)
_BUILDS_NEXT = re.compile(r"[^，,。；;]{0,8}(?:建设|打造|投建|新建|兴建|建成)")
_PROJECT_COUNT = re.compile(
    r"[\d一二两三四五六七八九十百千]+\s*个(?:[\u4e00-\u9fff]{0,6}项目)?|项目\s*[\d一二两三四五六七八九十]+\s*个"
)
# a sentence about the project just named: `该项目…`, `新项目…`, `据悉，该项目…`
_PROJECT_REF = re.compile(r"\s*(?:[^，。,]{0,4}[，,])?\s*(?:该|新|此|这一)?项目")
_LABEL = re.compile(r"“[^”]{1,8}”")  # `“双一流”南大苏州校区`: a quoted label before a name
_HEAD_AT_END = re.compile(f"(?:{_HEADS})$")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_LATIN = re.compile(r"[A-Za-z]")
_PLACE_AND_VERB = re.compile(r"([\u4e00-\u9fff]{2,5}?)(?:投资)?(?:建设|新建|兴建|投建)")
_OTHER_NAME = re.compile("项目(?<![该此一]项目)|“")  # another project, or a quoted name, after a name
_PROPER_WITHIN = 10  # a place this near the start makes a name proper (`南大苏州校区`)
_CLOSE = 10  # characters around another mention of a project that can hold its status verb
_SAME_MIN = 6  # two names this long, one inside the other, are one project
_OPENING_QUOTE = "“"  # every match of `_DESIGNATION` holds it
_DESIGNATION = re.compile(r"(?:获批|获评|评为|认定为|入选|授予|命名为)\s*" + _OPENING_QUOTE + "$")
_MONEY_IN_NAME = re.compile(r"\d\s*[万亿]*\s*(?:元|美元)")  # `总投资188亿元的11个项目`: a batch's money
# a name followed by these is an institution that signs, not a project (`…服务中心等单位签约`)
_INSTITUTIONS_REACH = 30  # characters between a name and the `等` of `…等单位`
_INSTITUTIONS_LIST = "等"
_INSTITUTIONS_AFTER = re.compile(f"[^，。；,;]{{0,{_INSTITUTIONS_REACH}}}?{_INSTITUTIONS_LIST}(?:单位|部门|机构)")
_KINDS_OF_BUSINESS = ("经济", "服务", "产业", "行业", "领域", "业态")
_ITEM_MIN = 4  # a listed name shorter than this is a word, not a name
_GENERIC_MAX = 6  # `科技创新项目` is a category; `中国长城自主创新基地` has a name before the adjective
_SHORT_ITEM = 5  # ... and one this short made of everyday words is a category


@dataclass(frozen=True)
class ProjectMention:
    start: int
    end: int
    name: str
    status: str
    investment_cny: float | None
    investment_usd: float | None
    investment_qualifier: str | None
    company: str | None
    park: str | None
    event_date: date | None
    evidence_start: int
    evidence_end: int
    evidence: str
    # every span of the body that names it (the first is [start, end)): a later `X基地` or
    # `“X基地”` is the same project, and the metric reader attributes figures by them
    mentions: tuple[tuple[int, int], ...] = ()


_BUILDING = re.compile(r"(?:投资)?(?:建设|新建|兴建)")
_SPACED = re.compile(f"[{CJK}] +(?=[{CJK}])")


def name_start(body: str, end: int, limit: int = 40) -> int:
    """Scan left from a head over name characters, then past the last verb or function word."""
    start = _scan_left(body, end, limit)
    window = body[start:end]
    cut = _LAST_STOP_WORD_END(window)
    for conj in ("和", "及", "与"):  # `OPPO智能制造中心和小天才…`: a list of two names
        k = window.rfind(conj)
        if k > 0 and window[:k].endswith(_HEAD_WORDS):
            cut = max(cut, k + 1)
    lead = _BUILDING.match(window, cut)
    if lead and len(window) - lead.end() >= 4:  # `建设X项目`: the verb opens the phrase, not the name
        cut = lead.end()
    if " " in window:
        cut = _past_spaced_words(window, cut)
    return start + cut


# a run of name characters, matched on the reversed text before a point: every character
# but the stop characters (the closing brackets and quotes among them end a run)
_NAME_RUN_REVERSED = re.compile("[^" + re.escape("".join(sorted(_STOP_CHARS))) + "]*")
_CLOSERS = {"）": "（", ")": "(", "”": "“"}


def _scan_left(body: str, end: int, limit: int) -> int:
    """Leftmost start of the run of name characters ending at `end`, at most `limit` back: a
    short bracketed or quoted part (`（攀枝花）`, `“中国总部”`) continues it, any other stop
    character ends it. Each run is read in one regex match of the reversed text before it,
    not one character test at a time."""
    start = end
    while start > 0 and end - start < limit:
        floor = max(0, end - limit)
        start -= _NAME_RUN_REVERSED.match(body[floor:start][::-1]).end()
        if start == floor or body[start - 1] not in _CLOSERS:
            break  # the limit, or a stop character
        k = body.rfind(_CLOSERS[body[start - 1]], max(0, start - 12), start - 1)
        if k < 0 or any(c in "，。；、" for c in body[k:start]):
            break
        start = k
    return start


def _past_spaced_words(window: str, cut: int) -> int:
    """`调研协调 项目加快推进`: a space between Chinese words is a boundary; past the last one."""
    m = _SPACED.search(window[cut:])
    while m:
        cut += m.end()
        m = _SPACED.search(window[cut:])
    return cut


def is_batch(name: str) -> bool:
    """`海口国家高新区7个项目`, `2023年招商引资项目`, `科技创新类项目`, `投资推介会项目`: a count,
    a time, a class or an event, not one named undertaking."""
    head = _HEAD_AT_END.search(name)
    descriptor = name[: head.start()] if head else name
    weak_head = head is None or head.group(0) in _STRONG_HEAD
    return bool(
        _may_be_batch(descriptor)
        or _MONEY_IN_NAME.search(descriptor)
        or descriptor.endswith(("和", "及", "与"))
        or _GENERIC.match(descriptor)
        or (weak_head and (_CATEGORY_END.search(descriptor) or _GENERIC_TAIL.search(descriptor)))
        or (len(descriptor) <= _GENERIC_MAX and (_GENERIC_TAIL.search(descriptor) or _WEAK_TAIL.search(descriptor)))
        or _generic_after_place(descriptor)
    )


def _may_be_batch(descriptor: str) -> bool:
    """`_BATCH.search(descriptor)`, asked only of a descriptor holding a digit or a cue of it."""
    if descriptor.isalpha() and _BATCH_CUES.isdisjoint(descriptor):
        return False
    return _BATCH.search(descriptor) is not None


def _generic_after_place(descriptor: str) -> bool:
    """`中山市招商引资项目`: a city's batch (asked after the cheaper tests, as it looks up places)."""
    unplaced = _without_place(descriptor)
    return unplaced != descriptor and _GENERIC.match(unplaced) is not None


def _without_place(text: str) -> str:
    """`中山市招商引资` -> `招商引资`: the words after a place that opens them."""
    for k in (4, 3, 2):
        if text[:k] in place_names():
            rest = text[k:]
            return rest[1:] if rest[:1] in ("市", "区", "县", "省") else rest
    return text


def _named_item(item: str) -> bool:
    """A listed item that names something (`丝路创智谷`, `6万吨钛材`), not a category (`轨道交通`)."""
    if len(item) < _ITEM_MIN or is_batch(item):
        return False
    if _LATIN_OR_DIGIT.search(item):
        return True
    if not _ITEM_HEAD.search(item) and len(item) <= _SHORT_ITEM and item.endswith(_industry_words()):
        return False  # `矽盛电子`, `汇龙环保`: a company's brand, not a named project
    if not _ITEM_HEAD.search(item) and item.endswith(_KINDS_OF_BUSINESS):
        return False  # `算力服务、低空经济…等数字经济项目`: kinds of business, not projects
    common = made_of_common_words(item)
    return not (common and (len(item) <= _SHORT_ITEM or not _ITEM_HEAD.search(item)))


@cache
def _industry_words() -> tuple[str, ...]:
    from loaders.extract.companies import industry_words

    return industry_words()


_PLAN = "计划"
_DATE_MARK = "月"  # every match of `rules.DATE` holds it: a text without it is not searched
_PLANNED_MONEY = re.compile(_PLAN + r"(?=总?投资)")  # `计划总投资`: money, not a plan


@cache
def _status_patterns(extra: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The status verbs (and a reader's extra ones), compiled once."""
    return tuple((status, re.compile(pattern)) for status, pattern in STATUS + extra)


# the characters each status's verbs open with (`rules.STATUS`; tests check them), all of
# them, and those of `_LIST_STATUS`
_OPENINGS_BY_STATUS = {
    "approved": "获批",
    "in_operation": "投启开运正已",
    "in_production": "投试达",
    "completed": "竣建完",
    "started": "开奠破动启",
    "signed": "签落引入",
    "under_construction": "在建加推施开",
    "planned": "拟计规谋将前布推",
}
_STATUS_OPENINGS = "".join(sorted(set("".join(_OPENINGS_BY_STATUS.values()))))
_LIST_STATUS_OPENINGS = "揭"


@cache
def _status_openers(extra: tuple[tuple[str, str], ...]) -> dict[str, frozenset[int]]:
    """Each character a status verb opens with -> the indices of the patterns of
    `_status_patterns(extra)` that can open with it (a reader's extra ones with any): at a
    text's few verb starts, the one or two statuses whose verbs stand there are tried, not all."""
    everywhere = _STATUS_OPENINGS + _LIST_STATUS_OPENINGS
    openers: dict[str, set[int]] = {ch: set() for ch in everywhere}
    for k, (status, _) in enumerate(STATUS + extra):
        for ch in _OPENINGS_BY_STATUS[status] if k < len(STATUS) else everywhere:
            openers[ch].add(k)
    return {ch: frozenset(ks) for ch, ks in openers.items()}


@cache
def _any_status(extra: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Any of the status verbs (and a reader's extra ones): one search that finds nothing
    exactly when each of their patterns finds nothing, as in four of five texts `_status`
    reads, which then need not be searched once per status. Tried only at the characters the
    verbs open with (`rules.skip_to`; tests check the list)."""
    return skip_to(
        _STATUS_OPENINGS + _LIST_STATUS_OPENINGS, "|".join(f"(?:{pattern})" for _, pattern in STATUS + extra)
    )


@cache
def _status_starts(extra: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Every place a status verb (or a reader's extra one) starts, as a match of its first
    character: one scan of a text gives the few places each status's own pattern need be tried
    at. The character is matched first and the verb looked for behind it, so that the engine
    skips to the characters the verbs open with (a pattern opening with a lookahead is tried
    at every offset)."""
    return re.compile(f"[{_STATUS_OPENINGS + _LIST_STATUS_OPENINGS}](?<=(?={_any_status(extra).pattern}).)")


def _without_planned_money(text: str) -> str:
    """The text without the `计划` of `计划总投资` (a sub asked only of a text holding `计划`)."""
    return _PLANNED_MONEY.sub("", text) if _PLAN in text else text


def _matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, when every match of it starts at one of `starts`
    (in order): the pattern tried at those places only, each match resuming after its end."""
    after = 0
    for at in starts:
        if at >= after and (m := pattern.match(text, at)):
            after = m.end()
            yield m


def _status(context_before: str, context_after: str, extra: tuple[tuple[str, str], ...] = ()) -> str:
    """The status verb that governs the name.

    A verb right before it (`当天开工的…`, `投产项目的代表…`) wins, then the nearest one after
    it in the sentence (`…项目分别签约落地`, `…中心投入运行`), then the nearest one before.
    `计划总投资` is money, not a plan.
    """
    context_after = _without_planned_money(context_after)
    context_before = _without_planned_money(context_before)
    patterns = _status_patterns(extra)
    any_status = _status_starts(extra)
    openers = _status_openers(extra)

    def nearest(text: str, from_end: bool) -> tuple[int, str] | None:
        starts = [m.start() for m in any_status.finditer(text)]
        if not starts:
            return None  # no status verb at all (the empty text included)
        tried = frozenset().union(*(openers[text[at]] for at in starts))  # (no other can match at them)
        best = None
        for k, (status, pattern) in enumerate(patterns):
            if k not in tried:
                continue
            for m in _matches_from(pattern, text, starts):
                if text[m.end() : m.end() + 1] == "后":
                    continue  # `建成后可形成…`: after completion, a condition, not the status
                if is_forecast(text, m.start()):
                    continue  # `预计投产三年内…`, `有望年底竣工`: a forecast, not what happened
                if _ATTRIBUTIVE.match(text, m.end()):
                    continue  # `为签约企业颁发…`: the verb describes the firms, not the name
                dist = len(text) - m.end() if from_end else m.start()
                if best is None or dist < best[0]:
                    best = (dist, status)
        return best

    tail = context_before[-10:]
    close_before = nearest(tail, True)
    if close_before and close_before[0] <= 8 and "、" not in tail[len(tail) - close_before[0] :]:
        return close_before[1]
    after = nearest(context_after, False)
    if after:
        return after[1]
    before = nearest(context_before, True)
    return before[1] if before else "unknown"


def _money(
    text: str, not_before: re.Pattern[str] | None = None
) -> tuple[float | None, float | None, str | None] | None:
    """The first CNY or USD amount right after an investment word in `text` (not one followed by
    `not_before`: `投资1.22亿元建成“X”` is X's money, not the name's before it)."""
    for m in _INVEST.finditer(text):
        for q in read_quantities(text[m.end() : m.end() + 16]):
            if q.unit in ("CNY", "USD") and q.start <= 4:
                if not_before is not None and not_before.match(text, m.end() + q.end):
                    return None
                return (q.value, None, q.qualifier) if q.unit == "CNY" else (None, q.value, q.qualifier)
    return None


_NO_MONEY: tuple[float | None, float | None, str | None] = (None, None, None)


def _listed_item(body: str, start: int, end: int) -> bool:
    """`A、B等，总投资195亿元`: a name in a list, whose figures are the list's."""
    return body[end : end + 1] in ("、", "等") or body[start - 1 : start] == "、"


def _investment(ctx: ArticleContext, start: int, end: int, names: list[tuple[int, int]]) -> tuple:
    """The investment stated for the project named at [start, end): in its own clause after the
    name, before other projects, a count of projects or another `项目`; as its investor's figure
    before it (`X公司投资10亿元，建设Y项目`); or in a later sentence of its paragraph about it
    (`该项目拟投资…`, `新项目总投资…`). A list item has none of its own."""
    own = _MONEY_BEFORE.search(ctx.body, max(0, start - _MONEY_BEFORE_SPAN), start)
    if own and (money := _money(own.group(0))):
        return money  # `总投资6亿元的X项目`, `投资5亿元的A、…`: the money that describes the name
    if _listed_item(ctx.body, start, end):
        return _NO_MONEY
    s_start, s_end = ctx.sentence_at(start)
    body = ctx.body
    stop = min([b for b, _ in names if b > start] + [s_end])
    after = body[end:stop]
    other = _OTHER_NAME.search(after)  # `该项目计划投资…` is still this project
    cut = min([m.start() for m in (_project_count(after), other) if m] + [len(after)])
    money = _money(after[:cut], _BUILDS_NEXT)
    if money:
        return money
    before = body[s_start:start]
    leads = list(_INVEST.finditer(before))
    lead = leads[-1] if leads else None
    investor_figure = (
        lead is not None
        and not any(s_start + lead.start() <= a < start for a, _ in names)
        and _BUILD_VERB.search(before[lead.end() :])
        and not _project_count(before)
    )
    if investor_figure and (money := _money(before[lead.start() :])):
        return money
    return _later_money(ctx, s_end, names)


def _project_count(text: str) -> re.Match[str] | None:
    """The first count of projects in `text` (`17个项目`, `项目3个`), searched only when it holds `个`."""
    return _PROJECT_COUNT.search(text) if _COUNT_WORD in text else None


def _later_money(ctx: ArticleContext, after: int, names: list[tuple[int, int]]) -> tuple:
    """`该项目计划总投资106亿元` / `新项目总投资50亿元` later in the paragraph, before another project."""
    body = ctx.body
    paragraph_end = body.find("\n", after)
    paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
    first = True
    for a, b in ctx.sentences:
        if a < after:
            continue
        if (a >= paragraph_end and not first) or any(a <= x < b for x, _ in names):
            break
        first = False
        if _PROJECT_REF.match(body, a, b):
            return _money(body[a:b]) or _NO_MONEY
    return _NO_MONEY


@cache
def _place_pattern() -> re.Pattern[str]:
    """Any known place name of two characters or more, as a trie (one search of a short text
    instead of a look-up of each of its slices)."""
    return re.compile(longest_word(n for n in place_names() if len(n) >= 2))


def _proper(body: str, start: int, end: int, parks: list[ParkMention], companies: list[CompanyMention]) -> bool:
    """Does a name open with something proper: Latin letters, a known place, a zone or a company?"""
    if _LATIN.match(body, start, end):
        return True
    if any(c.start == start for c in companies) or any(p.start == start for p in parks if not p.is_reference):
        return True
    opening = body[start : min(end, start + _PROPER_WITHIN)]
    return _place_pattern().search(opening) is not None  # a known place anywhere in the opening


def _event_date(ctx: ArticleContext, sentence: str, status: str) -> date | None:
    d = DATE.search(sentence) if _DATE_MARK in sentence else None
    if d:
        return resolve_date(d, ctx.published_on)
    return ctx.event_date if status in EVENT_STATUSES else None


def _project(
    ctx: ArticleContext, start: int, end: int, status: str, money: tuple, company: str | None
) -> ProjectMention:
    s_start, s_end = ctx.sentence_at(start)
    sentence = ctx.body[s_start:s_end]
    park = next((p.name for p in reversed(ctx.parks) if p.end <= start and p.start >= s_start), ctx.zone_name)
    cny, usd, qual = money
    return ProjectMention(
        start, end, ctx.body[start:end], status, cny, usd, qual, company, park,
        _event_date(ctx, sentence, status), s_start, s_end, sentence, ((start, end),),
    )  # fmt: skip


# --- 1. names with a project head ----------------------------------------------------------


def _headed_spans(ctx: ArticleContext) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, head, status) of every name ending in a project head that passes the rules."""
    body = ctx.body
    for m in _HEAD.finditer(body):
        head, end = m.group(0), m.end()
        if end < len(body) and body[end] not in _NEXT_OK and not body[end].isspace() and not _PHASE.match(body, end):
            continue  # the head is inside a longer word (`项目前期`, `工程质量`, `中心城区`)
        if body[m.start() - 1 : m.start()].isspace():
            continue  # `调研协调 项目加快推进`: a head set apart by a space is a sub-heading's word
        start = name_start(body, m.start())
        while start < m.start() and body[start] in "和及与 ":
            start += 1
        inside = next((c for c in ctx.companies if c.start < start < c.end), None)
        if inside is not None:  # `…精细化工有限公司20万吨…改造`: a stop word inside the owner's name
            start = inside.start
        quoted = _LABEL.match(body, start, m.start())
        if quoted and m.start() - quoted.end() >= 4:  # `“双一流”南大苏州校区`: a label before the name
            start = quoted.end()
        name = body[start:end].strip(" “”")
        descriptor = name[: -len(head)]
        if len(descriptor) < 4 or is_batch(name) or _counted(body[max(0, start - 12) : start]):
            continue
        if head == "工程" and descriptor.startswith("国家"):
            continue
        if _designated(body, start):
            continue  # `获批“贵阳市跨境电商人才示范基地”`: a title conferred, not an undertaking
        if _institutions_after(body, end):
            continue  # `与珠海高新区投促中心、…等单位签约`: the bodies that sign
        name_from = _past_place_and_verb(body, start, m.start())
        strong = head in _STRONG_HEAD
        if not strong and not (head in ("产业园", "科创园") or _proper(body, name_from, end, ctx.parks, ctx.companies)):
            continue  # `研发中心`, `企业培训中心`: a facility word, not a named project (whatever its verb)
        status = _head_status(ctx, start, end, head, m.start())
        start = name_from
        if not strong and status == "unknown":
            full = max(body.rfind(c, 0, start) for c in "。！？\n") + 1
            status = _status(body[full:start], "")  # `在已签约项目中，…；X中心则致力于…`
        if not strong and status == "unknown":
            continue  # a proper facility name with no verb in its sentence: no project
        yield start, end, head, status


def _counted(before: str) -> bool:
    """`…7个重点项目`: a count of projects right before the name (searched only when `个` is there)."""
    return _COUNT_WORD in before and _COUNTED.search(before) is not None


def _designated(body: str, start: int) -> bool:
    """`获批“…示范基地”`: a title conferred on the name starting at `start` (searched only when an
    opening quote stands in the few characters before it)."""
    floor = max(0, start - 6)
    return body.find(_OPENING_QUOTE, floor, start) != -1 and _DESIGNATION.search(body, floor, start) is not None


def _institutions_after(body: str, end: int) -> bool:
    """`…投促中心、…等单位签约`: the name at `end` is one of the bodies that sign (matched only when
    a `等` stands within the reach of `_INSTITUTIONS_AFTER`)."""
    reach = body.find(_INSTITUTIONS_LIST, end, end + _INSTITUTIONS_REACH + len(_INSTITUTIONS_LIST))
    return reach != -1 and _INSTITUTIONS_AFTER.match(body, end) is not None


def _head_status(ctx: ArticleContext, start: int, end: int, head: str, head_start: int) -> str:
    """The status verb governing the name at [start, end) that ends in `head`: the list's verb
    for a listed name (`A项目、B项目、C项目集体投运`), else the sentence's around the name (a
    facility word's only in its own clause). Read after the cheaper rules that drop a name, as
    most of the names those rules drop never need it."""
    body = ctx.body
    s_start, s_end = ctx.sentence_at(head_start)
    if _listed_item(body, start, end):
        status = _status("", body[end:s_end])
        return _status(body[s_start:start], "") if status == "unknown" else status
    after = body[end:s_end] if head in _STRONG_HEAD else _CLAUSE_END.split(body[end:s_end], maxsplit=1)[0]
    return _status(body[s_start:start][-20:], after)


def _past_place_and_verb(body: str, start: int, head: int) -> int:
    """`在双流建设锂离子动力电池项目`: the place and the verb before what is built are not its name."""
    m = _PLACE_AND_VERB.match(body, start, head)
    if not m or head - m.end() < _ITEM_MIN:
        return start
    place = m.group(1) in place_names() or m.group(1).endswith(("区", "县", "市")) or body[start - 1 : start] == "在"
    return m.end() if place else start


def _owner(ctx: ArticleContext, start: int, end: int) -> CompanyMention | None:
    """`阿拉善盟星大铁合金有限公司13500KVA矿热炉节能技术改造`: a company opening the name owns it."""
    return next(
        (
            c
            for c in ctx.companies
            if c.start == start and c.end < end and c.kind == "legal" and ctx.body[c.end] not in "（("
        ),
        None,
    )


def _headed(ctx: ArticleContext) -> list[ProjectMention]:
    spans = [s for s in _headed_spans(ctx) if not _describes_the_project(ctx, s[0])]
    names = [(a, b) for a, b, _, _ in spans]
    out = []
    for start, end, _head, status in spans:
        owner = _owner(ctx, start, end)
        name_from = owner.end if owner else start
        company = owner.name if owner else _investor(ctx, name_from, end)
        money = _investment(ctx, name_from, end, names)
        out.append(_project(ctx, name_from, end, status, money, company))
    return out


def _describes_the_project(ctx: ArticleContext, start: int) -> bool:
    """`该项目计划总投资106亿元，将…建设X项目`: what the project builds, not another project."""
    s_start, _ = ctx.sentence_at(start)
    return bool(_PROJECT_REF.match(ctx.body, s_start)) and bool(_BUILD_VERB.search(ctx.body, s_start, start))


def _investor(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The company named inside the project's name, else the last one before it in its sentence."""
    inside = next((c.name for c in ctx.companies if start <= c.start < end), None)
    if inside:
        return inside
    s_start, _ = ctx.sentence_at(start)
    return next((c.name for c in reversed(ctx.companies) if s_start <= c.start and c.end <= start), None)


# --- 2. the items of a list of projects ------------------------------------------------------


def _list_items(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the items of `body[start:end]`, split at list separators."""
    pos = start
    for item in _LIST_SPLIT.split(body[start:end]):
        k = body.find(item, pos)
        if k < 0:
            continue
        pos = k + len(item)
        a, b = k, k + len(item)
        while a < b and body[a] in " “":
            a += 1
        while b > a and body[b - 1] in " ”":
            b -= 1
        if b > a:
            yield a, b


def _list_start(body: str, s_start: int, tail_start: int) -> tuple[int, str] | None:
    """Where the items before a list's tail begin, and the verb that governs them: after
    `包括/分别为/有/：` in its clause, else after the last list verb of the sentence (`推进A，B、C等
    项目建设`), else at the clause start when the list opens it (`A、B等一批项目在…开花结果`)."""
    clause = max([body.rfind(c, s_start, tail_start) for c in "，,；;"] + [s_start - 1]) + 1
    intro = None
    for m in _LIST_INTRO.finditer(body, clause, tail_start):
        intro = m
    if intro:
        return intro.end(), ""
    verbs = list(_LIST_VERB.finditer(body, s_start, tail_start))
    if verbs:
        return verbs[-1].end(), verbs[-1].group(0)
    if "、" not in body[clause:tail_start]:
        return None
    opening = body[clause:tail_start]
    for _ in range(3):  # `本报讯 A、B等17个项目落地`: the dateline is not the first item
        lead = LEAD.match(opening)
        if not lead or not lead.group(0):
            break
        opening = opening[lead.end() :]
    return tail_start - len(opening), ""


def _listed(ctx: ArticleContext) -> list[ProjectMention]:
    body, out = ctx.body, []
    if _LISTED_WORD not in body:
        return out  # both rules below read lists of `…项目`: a third of the articles name none
    for m in _list_tails(body):
        if m.end() < len(body) and body[m.end()] not in _NEXT_OK:
            continue  # `等项目品牌优势`: not a list of projects
        if _CATEGORY_LIST.match(body, m.start()) or _CATEGORY_BEFORE.search(body, max(0, m.start() - 12), m.start()):
            continue  # `…等科技创新类项目`, `…等四大类的31个项目`, `…等领域43个项目`: a list of categories
        s_start, s_end = ctx.sentence_at(m.start())
        start = _list_start(body, s_start, m.start())
        if start is None:
            continue
        begin, verb = start
        context = (verb or body[s_start:begin]) + body[m.end() : s_end]
        status = _status(context, "", _LIST_STATUS)
        out += _items(ctx, begin, m.start(), status)
    for m in re.finditer(r"(?:包括|分别为|分别是)", body):
        s_start, s_end = ctx.sentence_at(m.start())
        end = min([body.find(c, m.end(), s_end) % (s_end + 1) for c in "，,。；;"] + [s_end])
        clause = max([body.rfind(c, s_start, m.start()) for c in "，,"] + [s_start])
        about_projects = "项目" in body[max(s_start, clause - 20) : m.start()]
        listed = body[m.end() : end].removesuffix("在内").removesuffix("等")
        single = "、" not in listed and _ITEM_HEAD.search(listed)  # `其中包括X制造基地`
        if not about_projects or _LIST_TAIL.search(body, m.end(), end) or not ("、" in listed or single):
            continue  # a list of projects without `等…项目` after it (`…项目3个，包括A、B、C，总投资…`)
        status = _status(body[s_start : m.start()] + body[end:s_end], "", _LIST_STATUS)
        out += _items(ctx, m.end(), m.end() + len(listed), status)
    return out


_LISTED_WORD = "项目"  # every list `_listed` reads has it: in its tail, or before `包括`/`分别为`


def _list_tails(body: str) -> Iterator[re.Match[str]]:
    """What `_LIST_TAIL.finditer(body)` finds, the pattern tried only where a match can start:
    before each `项目`, back over at most `_LIST_TAIL_NAME` characters and the run of count and
    amount characters before them (a few places per `项目`, instead of every digit and numeral
    of the body). Places are tried left to right, each once, and a match resumes after its end."""
    after = 0  # where the next match may start: past the last one, and past the places tried
    for word, _ in _occurrences(body, _LISTED_WORD):
        lead_end = max(0, word - _LIST_TAIL_NAME)
        for at in range(max(after, _run_back(body, lead_end, _LIST_TAIL_LEAD)), word):
            if at >= after and (m := _LIST_TAIL.match(body, at)):
                after = m.end()
                yield m
        after = max(after, word)


def _run_back(body: str, end: int, run: re.Pattern[str]) -> int:
    """Start of the run of characters `run` reads that ends at `end`: the reversed text read a
    chunk at a time."""
    i = end
    while i > 0:
        low = max(0, i - _RUN_CHUNK)
        i -= run.match(body[low:i][::-1]).end()
        if i > low:
            break  # a character outside the run
    return i


def _past_leading_verbs(body: str, a: int, b: int) -> int:
    """Skip the verbs and adverbs an item opens with (`大力推进…`), and only those: a stop word
    inside a name (`精细化工` holds `细化`) is part of it."""
    moved = True
    while moved and body[a : a + 1] in _STOP_OPENINGS:  # (else no stop word opens the item)
        moved = False
        for w in _STOP_WORDS:
            if body.startswith(w, a) and b - a - len(w) >= _ITEM_MIN:
                a += len(w)
                moved = True
    return a


def _items(ctx: ArticleContext, start: int, end: int, status: str) -> list[ProjectMention]:
    body, out = ctx.body, []
    for a, b in _list_items(body, start, end):
        a = _past_leading_verbs(body, a, b)  # `大力推进3.5万吨海绵钛扩能`: past the verb
        prefix = _MONEY_PREFIX.match(body, a, b)
        if prefix and b - prefix.end() >= _ITEM_MIN:  # `投资8亿元X培育基地`: X's money, then its name
            a = prefix.end()
        while a < b and body[a] in _STOP_CHARS:
            a += 1  # `的中国绿色植保科技产业园`
        b = a + len(body[a:b].split("等")[0]) if "等" in body[a:b] else b  # `民生保障等四大类的`
        b = a + len(body[a:b].rstrip("的"))
        if "的" in body[a:b]:  # `…参与动工仪式的紫光芯云产业城项目`: the name after its modifier
            a = body.rfind("的", a, b) + 1
        owner = _owner(ctx, a, b)
        name_from = owner.end if owner else a
        name = body[name_from:b]
        zone = any(p.start == name_from and p.end == b and p.zone_key for p in ctx.parks)
        if not _named_item(name) or zone:
            continue
        company = owner.name if owner else next((c.name for c in ctx.companies if a <= c.start < b), None)
        own = _MONEY_BEFORE.search(body, max(0, a - _MONEY_BEFORE_SPAN), a) or (
            prefix if prefix and prefix.end() == a else None
        )
        money = (_money(own.group(0)) or _NO_MONEY) if own else _NO_MONEY  # `投资6亿元的A、…`
        out.append(_project(ctx, name_from, b, status, money, company))
    return out


# --- 3. quoted names -------------------------------------------------------------------------


def _quoted_names(body: str) -> Iterator[re.Match[str]]:
    """What `_QUOTED.finditer(body)` finds, the pattern tried only where it can start: before each
    opening quote, back over spaces and an optional `了`, where a building verb stands (the
    verbs open with common characters, `建`, `投`, `开`, at which the pattern was tried all
    through the body). Each match resumes the scan after its end, as `finditer` does."""
    after = 0
    for quote, _ in _occurrences(body, "“"):
        j = quote
        while j > 0 and body[j - 1].isspace():
            j -= 1
        at = j - 3 if body[j - 1 : j] == "了" else j - 2
        if at >= after and body[at : at + 2] in _QUOTE_VERBS and (m := _QUOTED.match(body, at)):
            after = m.end()
            yield m


def _quoted(ctx: ArticleContext) -> list[ProjectMention]:
    out = []
    quoted = list(_quoted_names(ctx.body))
    spans = [(m.start(2), m.end(2)) for m in quoted]
    for m in quoted:
        name, verb = m.group(2), m.group(1)
        building = verb in ("建设", "打造")
        if building and not (_ITEM_HEAD.search(name) and re.match(f"[{CJK}]", name)):
            continue  # `打造“2+3+N”…体系`: a slogan, not a facility
        if is_batch(name) or (made_of_common_words(name) and not _ITEM_HEAD.search(name)):
            continue
        status = _status(verb, "")
        if building:  # `投资2亿元建设“X基地”`: the article's event says what happened to it
            status = ctx.event_status or "planned"
        money = _investment(ctx, m.start(2), m.end(2), spans)
        company = _investor(ctx, m.start(2), m.end(2))
        out.append(_project(ctx, m.start(2), m.end(2), status, money, company))
    return out


# --- status from the paragraph ---------------------------------------------------------------


def _fill_status(ctx: ArticleContext, projects: list[ProjectMention]) -> None:
    """Projects named without a verb take the status around them in their paragraph.

    Listed after another project, its status (`A项目、B项目则代表了…`); else the nearest
    status verb in the paragraph before (`共签约项目12个。其中，C项目总投资…`).
    """
    body = ctx.body
    projects.sort(key=lambda p: p.start)
    for i, p in enumerate(projects):
        if p.status != "unknown":
            continue
        prev = projects[i - 1] if i > 0 else None
        if prev is not None and prev.status != "unknown" and "\n" not in body[prev.end : p.start]:
            projects[i] = replace(p, status=prev.status, event_date=p.event_date or prev.event_date)
            continue
        paragraph_start = body.rfind("\n", 0, p.start) + 1
        context = body[paragraph_start : p.evidence_start]
        status = _status(context, "")
        if status != "unknown":
            dates = list(DATE.finditer(context)) if _DATE_MARK in context else []
            when = p.event_date or (
                resolve_date(dates[-1], ctx.published_on) if dates else _event_date(ctx, "", status)
            )
            projects[i] = replace(p, status=status, event_date=when)
        elif ctx.event_status:  # a project of an article about one signing or groundbreaking
            projects[i] = replace(p, status=ctx.event_status, event_date=p.event_date or ctx.event_date)


def _key(name: str) -> str:
    """What two mentions of one project share: no quotes, brackets or phase (`X一期项目` is `X项目一期`)."""
    return _PHASE.sub("", re.sub(r"[\s“”\"'‘’()（）\-—·]", "", name))


def _same(a: str, b: str) -> bool:
    """One project named twice: the same name, or one name inside the other (6 characters or more)."""
    return a == b or (min(len(a), len(b)) >= _SAME_MIN and (a in b or b in a))


def _merged(found: list[ProjectMention]) -> list[ProjectMention]:
    """Each project once, at its first mention; a later mention fills what the first lacked
    (a status, an investment: `…其中包括X基地。` then `Y公司投资3.5亿元建设“X基地”`)."""
    kept: list[ProjectMention] = []
    kept_keys: list[str] = []  # `_key` of each kept project's name, computed once
    for p in sorted(found, key=lambda p: p.start):
        k = _key(p.name)
        i = next((i for i, q in enumerate(kept_keys) if _same(q, k)), None)
        if i is None:
            kept.append(p)  # (`_project` gave it its own span as its first mention)
            kept_keys.append(k)
            continue
        kept[i] = _filled(kept[i], p)
    return kept


def _filled(q: ProjectMention, p: ProjectMention) -> ProjectMention:
    """The first mention `q` of a project with the later mention `p` added, and what `q` lacked
    (status, investment, company) taken from `p`: one copy of the record, not one per field."""
    changes: dict[str, object] = {"mentions": (*q.mentions, (p.start, p.end))}
    if q.status == "unknown" and p.status != "unknown":
        changes.update(status=p.status, event_date=q.event_date or p.event_date)
    if q.investment_cny is None and q.investment_usd is None and (p.investment_cny or p.investment_usd):
        changes.update(investment_cny=p.investment_cny, investment_usd=p.investment_usd,
                       investment_qualifier=p.investment_qualifier)  # fmt: skip
    changes["company"] = q.company or p.company
    return replace(q, **changes)


def _variants(name: str) -> set[str]:
    """Shorter forms a text uses for a project it named in full: `湘潭数据大厦及机房楼项目` ->
    `湘潭数据大厦`; `湘潭万洋众创城` -> `万洋众创城`."""
    base = re.sub(r"项目$", "", name)
    forms = {base, re.split(r"及|暨|和", base)[0]}
    for k in (2, 3):
        if base[:k] in place_names():
            forms.add(base[k:])
    return {f for f in forms if len(f) >= _ITEM_MIN}


def _occurrences(body: str, form: str) -> Iterator[tuple[int, int]]:
    """Where `form` occurs in `body`, left to right and not overlapping: what a search for the
    escaped form finds, without compiling (and evicting from re's cache) a pattern per name."""
    pos = body.find(form)
    while pos != -1:
        yield pos, pos + len(form)
        pos = body.find(form, pos + len(form))


def _recall(ctx: ArticleContext, projects: list[ProjectMention]) -> None:
    """A project still without status or investment takes them from its other mentions in the
    article (`由该高新区收购并完成建设的湘潭数据大厦…`, `湖南(湘潭)万洋众创城总投资预计约30亿元`)."""
    body = ctx.body
    for i, p in enumerate(projects):
        for form in sorted(_variants(p.name), key=len, reverse=True):
            for m_start, m_end in _occurrences(body, form):
                q = projects[i]
                if any(a <= m_start < b for a, b in q.mentions):
                    continue
                q = replace(q, mentions=(*q.mentions, (m_start, m_end)))
                s_start, s_end = ctx.sentence_at(m_start)
                if q.status == "unknown":  # a verb right at the other mention, not across its sentence
                    clause_end = min([body.find(c, m_end, s_end) % (s_end + 1) for c in "，,"] + [s_end])
                    status = _status(body[s_start:m_start][-_CLOSE:], body[m_end:clause_end][:_CLOSE])
                    if status != "unknown":
                        q = replace(q, status=status)
                if q.investment_cny is None and q.investment_usd is None and not _listed_item(body, m_start, m_end):
                    after = body[m_end:s_end]
                    cut = re.search("项目|“", after)
                    money = _money(after[: cut.start()] if cut else after)
                    if money:
                        q = replace(q, investment_cny=money[0], investment_usd=money[1], investment_qualifier=money[2])
                projects[i] = q


def find_projects(ctx: ArticleContext) -> list[ProjectMention]:
    """Named projects of one article, each once (the first mention), with status and money."""
    found = _merged(_headed(ctx) + _listed(ctx) + _quoted(ctx))
    _recall(ctx, found)
    _fill_status(ctx, found)
    return sorted(found, key=lambda p: p.start)
