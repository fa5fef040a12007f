"""Who a figure is about: the subject of a metric statement, decided by ranked cues.

Nearest-name attribution breaks on the sentences zone news is made of: category breakdowns
(`其中先进制造业项目14个`), lists of projects, parenthetical comparisons, a company investing in
a project, a zone's figures after a project's paragraph. Each cue below is a small rule that
proposes a subject or passes; the first that proposes one wins:

1. a reference the sentence makes (`该企业`, `该项目`, `新项目`, `该基地`, `其`);
2. a figure in parentheses after a region (`超过苏州市平均通过率(60.45%)`);
3. an investor's money for the project it builds (`X公司投资3.5亿元，建设“Y基地”`);
4. a batch statement (`N个项目`, `…类项目`, `此次集中开工`): the zone (or the region) whose
   projects they are, never one of the listed projects;
5. the nearest subject before the figure in its sentence: a zone, company or project (not a
   listed item, an object of `以X为/依托`, or a name inside a closed parenthesis), a region or
   a class of zones opening the clause, the organisation the sentence is about;
6. a speaker's company for a quote, an entity named after the figure, the previous
   sentence's subject in the paragraph, and finally the article's zone.

A company's figures in an article about its one project are the project's (`耀东华公司…其首个车间
14条生产线投入生产` measures `耀东华公司肇庆智能制造基地`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from loaders.extract.context import ArticleContext
from loaders.extract.projects import ProjectMention, name_start
from loaders.extract.rules import lead_match, longest_word, skip_to
from loaders.extract.spans import CompanyMention, ParkMention
from loaders.reference import place_names, zone_suffixes

CJK = "\u4e00-\u9fff"
_TOPIC_HEADS = (
    r"平台|基地|科技城|人才城|城|中心|招聘会|见面会|大会|会|网络|联盟|大赛|行动计划|计划(?!总?投资)|谷|园区|产业园"
)
_TOPIC_HEAD = re.compile(f"({_TOPIC_HEADS})")
# the head words without the lookahead that narrows `计划`: what every match of _TOPIC_HEAD reads
_TOPIC_HEAD_WORDS = re.compile(_TOPIC_HEADS.replace("(?!总?投资)", ""))
_TOPIC_REF = re.compile(r"(?:该|本次|此次|这一|这个)(平台|基地|城|中心|招聘会|见面会|大会|会|网络|联盟|大赛|计划|园区)")
_SPEAKER = re.compile(r"^[”」]\s*([^。；]{0,90}?)(说|表示|介绍|透露|告诉|指出)")
_TITLE = re.compile(
    r"(?:总经理|副总经理|董事长|总裁|创始人|总工程师|负责人|经理|副经理|书记|主任|工作人员|厂长)"
    r"([\u4e00-\u9fff]{2,3})(?=[，,说表介透告指回：:])"
)
_COMPANY_REF = re.compile(r"该企业|该公司|这家企业|这家公司")
# (a pattern opening with a look-behind has no first character the engine can skip to: given one)
_PROJECT_REF = skip_to(
    "该新此这项",
    r"(?:该|新|此|这一)项目|(?<![\u4e00-\u9fff])项目(?=总投资|计划|拟|占地|总用地|总建筑|建成|投产|达产|全部)",
)
_HEAD_REF = re.compile(r"该(基地|园区|中心|工程|产业园|生产线)")
_PRONOUN = skip_to("其", r"(?<![\u4e00-\u9fff])其(?![中他它余次])")
# every match of the four reference patterns above holds one of these: without them, no reference
_REFERENCE_CUE = re.compile(r"该|这家|项目|其")
# a sentence that states a batch of projects (`N个项目`, `项目N个`, `类项目`), not one project
# (its first alternative opens with a character class: without a first-character skip, the
# engine tried all seven at every character of a sentence holding `项目`)
_BATCH = skip_to(
    r"\d一二两三四五六七八九十百千项类上签总",
    r"[\d一二两三四五六七八九十百千]+\s*(?:个|批|项)[^，。；,;]{0,12}项目|项目[^，。；,;]{0,4}[\d一二两三四五六七八九十]+\s*个|"
    r"类项目|项目中|上述项目|签约金额|总投资规模",
)
_INVESTS = re.compile(r"投资(?:约|近|超|逾)?\s*$")
_BUILDS = re.compile(r"建设|打造|投建|新建|兴建|落地|实施")
_CLASS_OF_ZONES = re.compile(
    r"(?:全国|国家级?)(?:高新区|高新技术产业开发区|经开区|经济技术开发区|自创区|自主创新示范区|新区)"
)
# `碧桂园现代筑美公司的…企业5家`: a name + `的` followed by its own figure is still a subject
_OWN_FIGURE = re.compile(r"的[^，。；,;]{0,12}[\d零一二两三四五六七八九十百千]")
_SUPPORT = re.compile(r"(以|依托|围绕|借助)$")  # `以X为核心`, `依托X`: X is an object
_SUPPORT_IS = re.compile(r"^[^，。；,;]{0,2}为")
_NOT_THE_REGION = re.compile(r"首家|唯一|总数|总量|平均|全省|全市|占")
_COUNT_AFTER = re.compile(r"^\s*[\d零一二两三四五六七八九十百千]")
_ORG_AFTER = re.compile(f"^[{CJK}]{{1,10}}?(院|局|厅|委|中心|公司|集团|大学|学院|协会|联盟|高新区|开发区|园区)")
_PROJECT_OPENS = re.compile(r"(?:该|此|本|新)?项目")
_LIST_GAP = re.compile(r"[^，。,！？!?\n]{0,40}[、；;]\s*")
_CLAUSE_MARK = re.compile(r"[，。；]")
_PAREN_REGION = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:省|市|区|县))[^（(，。；]{0,8}[（(]\s*$")


class Subject(NamedTuple):
    """Who a figure is about (a named tuple, like `Figure`: several are made per figure)."""

    at: int  # where its mention ends: the later, the nearer to the figure
    kind: str  # park | company | project | region | other
    name: str
    park: str | None = None
    company: str | None = None


class Figure(NamedTuple):
    """One quantity of a sentence, with what its subject depends on (a named tuple: one is made
    for every figure, and a frozen dataclass's field-by-field `__init__` costs several times more).
    """

    s0: int  # sentence start
    s_end: int
    qs: int  # the quantity's span
    qe: int
    unit: str
    cstart: int  # its clause's start
    previous: Subject | None = None  # the subject of the figure before it in this paragraph
    previous_end: int = -1  # where that figure ended


# --- candidates -------------------------------------------------------------------------------


def _park(p: ParkMention) -> Subject:
    return Subject(p.end, "park", p.name, p.name)


def _company(ctx: ArticleContext, c: CompanyMention, at: int | None = None) -> Subject:
    return Subject(c.end if at is None else at, "company", c.name, c.park, c.name)


def _project(p: ProjectMention, at: int) -> Subject:
    return Subject(at, "project", p.name, p.park, p.company)


def _closed_parenthesis(body: str, end: int, qs: int) -> bool:
    """`(兰州高新区292亿元、白银高新区128亿元)，比2019年增长5.86%`: names inside a closed
    parenthesis speak only for the figures inside it."""
    between = body[end:qs]
    if "）" not in between and ")" not in between:
        return False  # most names: no bracket closes before the figure, no search back for one
    opened = max(body.rfind("（", 0, end), body.rfind("(", 0, end))
    closed = max(body.rfind("）", 0, end), body.rfind(")", 0, end))
    return opened > closed


def _is_object(body: str, start: int, end: int) -> bool:
    """Entities that are objects, not subjects: enumeration items (`飞腾、…、360等领军企业`),
    and the `X` of `以X为核心/载体` or `依托X`."""
    if body[end : end + 1] in ("、", "等"):
        return True
    if body[end : end + 1] == "的" and not _OWN_FIGURE.match(body, end):
        return True  # `碧桂园现代筑美公司的产业链配套企业`: a modifier, unless its own figure follows
    before = body[max(0, start - 2) : start]
    return bool(_SUPPORT.search(before)) and bool(_SUPPORT_IS.match(body[end : end + 4]))


def _project_mentions(ctx: ArticleContext) -> list[tuple[int, int, ProjectMention]]:
    """Every span naming one of the article's projects, in order (computed once per article)."""
    return ctx.derived(_all_project_mentions)


def _all_project_mentions(ctx: ArticleContext) -> list[tuple[int, int, ProjectMention]]:
    return sorted(((a, b, p) for p in ctx.projects for a, b in p.mentions or ((p.start, p.end),)), key=lambda t: t[0])


def named_before(ctx: ArticleContext, f: Figure) -> list[Subject]:
    """Zones, companies and projects named in the figure's sentence before it, that can be its
    subject (worked out once per figure: three rules read them). Keyed by the figure's span
    alone, which is all they depend on (hashing the whole figure costs more than the lookup)."""
    return ctx.derived(_named_before, f.s0, f.qs, f.qe)


def _named_before(ctx: ArticleContext, s0: int, qs: int, qe: int) -> list[Subject]:
    body = ctx.body
    names = ctx.derived(_names_by_start)
    # (asked only of names before the figure in its sentence; sorted by start, so by (end,
    # order) once filtered: the subjects themselves are made only for the names that pass)
    lo, hi = bisect_left(names.starts, s0), bisect_right(names.starts, qs)
    subjects: list[Subject] = []
    if lo < hi:  # (most figures: no name stands before them in their sentence)
        out = [
            (b, order)
            for a, b, order in names.spans[lo:hi]
            if b <= qs and not names.is_object(order, a, b) and not _closed_parenthesis(body, b, qs)
        ]
        out.sort()
        subjects = [names.subject(order) for _, order in out]
    for a, b, p in names.mentions:
        if a <= qs and qe <= b:  # `6万吨钛材`: a figure inside a project's name measures that project
            subjects.append(_project(p, qs))
            break
    return subjects


class _Names:
    """The zones, companies and project mentions of the article that can be a subject, as
    (start, end, order) by start, and their starts: each figure bisects to the names of its
    sentence instead of testing every name of the article.

    `order` is a name's place in the zones, companies, projects order the rules were written
    against: names ending at the same position rank by it (a figure's list is sorted by
    (end, order), and orders are distinct, so the subjects themselves are never compared).
    A name's subject is made when a figure first takes it, once per article: most of an
    article's names (its companies, above all) stand in sentences without figures.
    """

    def __init__(
        self,
        ctx: ArticleContext,
        projects: list[tuple[int, int, ProjectMention]],
        mentions: list[tuple[int, int, ProjectMention]],
    ) -> None:
        self._ctx, self._projects = ctx, projects
        self.mentions = mentions  # every project mention, in order (a figure inside one measures it)
        starts = [p.start for p in ctx.parks] + [c.start for c in ctx.companies] + [a for a, _, _ in projects]
        ends = [p.end for p in ctx.parks] + [c.end for c in ctx.companies] + [b for _, b, _ in projects]
        self.spans = sorted(zip(starts, ends, range(len(starts)), strict=True))
        self.starts = [a for a, _, _ in self.spans]
        self._made: dict[int, Subject] = {}
        self._objects: dict[int, bool] = {}

    def is_object(self, order: int, start: int, end: int) -> bool:
        """`_is_object` of the name of `order` (at `start`-`end`), asked once per article: each
        figure of a sentence asks of the names before it, the earlier figures' among them."""
        known = self._objects.get(order)
        if known is None:
            known = self._objects[order] = _is_object(self._ctx.body, start, end)
        return known

    def subject(self, order: int) -> Subject:
        made = self._made.get(order)
        if made is None:
            made = self._made[order] = self._make(order)
        return made

    def _make(self, order: int) -> Subject:
        """The subject of the name of `order`: a zone, a company, or a project mention's."""
        parks, companies = self._ctx.parks, self._ctx.companies
        if order < len(parks):
            return _park(parks[order])
        order -= len(parks)
        if order < len(companies):
            return _company(self._ctx, companies[order])
        _, b, p = self._projects[order - len(companies)]
        return _project(p, b)


def _names_by_start(ctx: ArticleContext) -> _Names:
    """The article's names that can be a subject (see `_Names`). A project preceded by `、` is
    the last of a list (`包括A、B、C，总投资41亿元`): no subject."""
    body = ctx.body
    mentions = _project_mentions(ctx)
    return _Names(ctx, [(a, b, p) for a, b, p in mentions if body[a - 1 : a] != "、"], mentions)


@cache
def _place_regex() -> re.Pattern[str]:
    return re.compile(longest_word(n for n in place_names() if len(n) >= 2))


@cache
def _place_initials() -> frozenset[str]:
    """The characters a place name opens with: a clause opening with another holds no region,
    and the engine would try the trie's hundreds of first branches in turn to find that out."""
    return frozenset(n[0] for n in place_names() if len(n) >= 2)


@cache
def _zone_suffix_words() -> tuple[str, ...]:
    return tuple(z.suffix for z in zone_suffixes())


def _lead_end(body: str, start: int, end: int) -> int:
    """Where `body[start:end]` goes on past up to four LEAD words. LEAD is anchored and never
    matches empty, so each step is one match in place: what `LEAD.sub` on the clause did,
    without its copies of the clause and the comparison of the whole text."""
    for _ in range(4):
        m = lead_match(body, start, end)
        if m is None:
            break
        start = m.end()
    return start


_REGION_ENDINGS = ("省", "市", "自治区", "区", "县", "盟", "自治州", "地区")
# the last characters of `_REGION_ENDINGS`: a text holding none of them opens with no region
_REGION_END = re.compile("[" + "".join(sorted({e[-1] for e in _REGION_ENDINGS})) + "]")
_YEAR = re.compile(r"\s*(?:19|20)\d{2}\s*年")  # `荣昌区2019年下半年…`: a date, not a share's base


def _region_opening(lead: str, qs: int) -> Subject | None:
    """A province, city or district opening the number's clause (`河南省12家单位新备案`, `荣昌区…`);
    `lead` is the clause ending at `qs` past its LEAD words (see `_lead`).

    Not when it names a level (`广东省级`), a first or only (`贵州首家`), or a comparison base
    (`占郑州市入选总数的一半`).
    """
    offset = qs - len(lead)
    m = _place_regex().match(lead) if lead[:1] in _place_initials() else None
    if not m:
        return None
    name = m.group(0)
    rest = lead[len(name) :]
    label = name + rest[0] if rest[:1] in ("省", "市", "区", "县") and not name.endswith(("省", "市")) else name
    rest = lead[len(label) :]
    if rest.startswith("级") or _NOT_THE_REGION.search(rest):
        return None
    if _COUNT_AFTER.match(rest) and not _YEAR.match(rest):
        return None  # `拥有广东省 1/2 的…`: the region is the base of a share, not its subject
    if _ORG_AFTER.match(rest):
        return None  # `贵州省质检院`: the region opens an organisation's (or a zone's) name
    if not label.endswith(_REGION_ENDINGS):
        return None  # `贵州联建`, `贵州产品`: a place word inside a name, not a region
    if label.endswith(_zone_suffix_words()):
        return None  # `成都高新区`: a district-level zone the gazetteer of places also lists is a zone
    return Subject(offset + len(label), "region", label)


class _Opening(NamedTuple):
    """The text from a clause's (or sentence's) start to a figure, past its LEAD words: where
    it opens, and the region opening it (`_region_opening`)."""

    at: int
    region: Subject | None


def _opening(ctx: ArticleContext, start: int, qs: int) -> _Opening:
    """`_Opening` of the text from `start` to the figure, read once per span: the batch and the
    nearest-subject rules both ask, and a figure's clause often opens its sentence."""
    return ctx.derived(_read_opening, start, qs)


def _read_opening(ctx: ArticleContext, start: int, qs: int) -> _Opening:
    at = _lead_end(ctx.body, start, qs)
    return _Opening(at, _region_opening(ctx.body[at:qs], qs))


def _region(ctx: ArticleContext, start: int, qs: int) -> Subject | None:
    """The region opening the text from `start` to the figure (`_region_opening`). A region's
    name ends in one of `_REGION_ENDINGS`: most clauses hold none, and are not read further."""
    if not _REGION_END.search(ctx.body, start, qs):
        return None
    return _opening(ctx, start, qs).region


def _zones(ctx: ArticleContext, start: int, qs: int) -> Subject | None:
    """`国家高新区生产总值12.33万亿元`: the national zones together, opening the text from
    `start` to the figure past its LEAD words. Every name of them holds `国`: a text without
    one is not read for its opening at all."""
    if ctx.body.find("国", start, qs) < 0:
        return None
    return _class_of_zones(ctx.body, _opening(ctx, start, qs).at, qs)


def _class_of_zones(body: str, at: int, end: int) -> Subject | None:
    """The national zones as a class (`全国高新区`, `国家级经开区`) named at `at`, before `end`."""
    m = _CLASS_OF_ZONES.match(body, at, end)
    return Subject(m.end(), "other", "国家高新区") if m else None


_ORG_MIN = 5  # an organisation's name, head word included, is at least this long


def _topic_heads(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Where the article's head words stand (`_TOPIC_HEAD`'s matches, in order): found once per
    article; the names they end are read only when a reference asks (`_org_named`)."""
    return [m.span() for m in _TOPIC_HEAD.finditer(ctx.body)]


def _org_named(ctx: ArticleContext, head: str, before: int) -> str | None:
    """The last organisation-like name of the article (a head word and the name it ends, at
    least _ORG_MIN long) that ends with the character `head` and starts before `before`.
    The head words are walked from the last, and a name is read (`name_start`, the costly
    part) only for one ending with `head`: not for every head word of the article."""
    body = ctx.body
    for a, b in reversed(ctx.derived(_topic_heads)):
        if body[b - 1] == head:
            start = name_start(body, a)
            if b - start >= _ORG_MIN and start < before:
                return body[start:b]
    return None


_IN_RESPECT = re.compile(r"在[^，,]{1,16}方面[，,]")  # `在人才引进方面，…`: an adverbial, not the topic


def topic(ctx: ArticleContext, s0: int, s_end: int) -> Subject | None:
    """The organisation a sentence is about, when it opens the sentence (`贵阳国际人才城已举办…`).

    `该基地` / `本次招聘会` resolve to the last organisation named with the same head. The
    sentence is read in place (positions in the body), not copied clause by clause.
    """
    body = ctx.body
    early = _TOPIC_REF.search(body, s0, min(s_end, s0 + _TOPIC_REF_REACH))
    if early:
        named = _org_named(ctx, early.group(1)[-1], early.start())
        if named is not None:
            return Subject(early.end(), "other", named, ctx.zone_name)
    if not _TOPIC_HEAD_WORDS.search(body, s0, s_end):
        return None  # no head word in the sentence: no organisation opens it (most sentences)
    at = _topic_start(body, s0, s_end)
    m = _TOPIC_HEAD.search(body, at, min(s_end, at + _TOPIC_HEAD_REACH))
    if not m or _PROJECT_OPENS.match(body, at, s_end):
        return None
    if m.start() - at < 3 or name_start(body, m.start()) != at:
        return None
    if any(p.start >= s0 and body.startswith(p.text, at) for p in ctx.parks):
        return None  # `宁波高新区管委会…介绍`: the zone's own body speaks for the zone
    return Subject(m.end(), "other", body[at : m.end()], ctx.zone_name)


_TOPIC_REF_REACH = 14  # `该基地`, `本次招聘会`: a reference opening the sentence
_TOPIC_HEAD_REACH = 30  # the organisation's head word stands this near the sentence's opening


def _topic_start(body: str, s0: int, s_end: int) -> int:
    """Where the sentence's topic can open: past up to four rounds of `在…方面，`, LEAD words
    and commas."""
    at = s0
    for _ in range(4):
        k = at
        respect = _IN_RESPECT.match(body, k, s_end)
        if respect:
            k = respect.end()
        lead = lead_match(body, k, s_end)
        if lead:
            k = lead.end()
        while k < s_end and body[k] in "，, ":
            k += 1
        if k == at:
            break
        at = k
    return at


# --- the rules, in order ----------------------------------------------------------------------


def _referent_project(ctx: ArticleContext, before: int, head: str | None = None) -> ProjectMention | None:
    """`该项目`: the project the nearest earlier sentence that names one is about (its first);
    `该基地`: the last project named with that head."""
    mentions = [(a, b, p) for a, b, p in _project_mentions(ctx) if b <= before]
    if head:
        named = [p for a, b, p in mentions if p.name.rstrip("”").endswith(head) or body_has(ctx, a, b, head)]
        return named[-1] if named else None
    if not mentions:
        return None
    last_sentence = ctx.sentence_at(mentions[-1][0])
    in_it = [p for a, b, p in mentions if last_sentence[0] <= a < last_sentence[1]]
    return in_it[0]


def body_has(ctx: ArticleContext, a: int, b: int, head: str) -> bool:
    return ctx.body[a:b].rstrip("”").endswith(head)


def _by_reference(ctx: ArticleContext, f: Figure) -> Subject | None:
    body = ctx.body
    if not _REFERENCE_CUE.search(body, f.s0, f.qs):
        return None  # most figures: one search instead of four
    best: Subject | None = None
    this = body.find("该", f.s0, f.qs) >= 0  # every `_COMPANY_REF` but `这家…` and `_HEAD_REF` holds it
    for r in _COMPANY_REF.finditer(body, f.s0, f.qs) if this or body.find("这家", f.s0, f.qs) >= 0 else ():
        last = [c for c in ctx.companies if c.end <= r.start()]
        if last:
            best = _company(ctx, last[-1], r.end())
    # the two patterns opening with a lookbehind are tried at every offset: only where their word is
    for r in _PROJECT_REF.finditer(body, f.s0, f.qs) if body.find("项目", f.s0, f.qs) >= 0 else ():
        p = _new_project(ctx, r.start()) if r.group(0).startswith("新") else _referent_project(ctx, r.start())
        if p is not None:
            best = _project(p, r.end())
    for r in _HEAD_REF.finditer(body, f.s0, f.qs) if this else ():
        p = _referent_project(ctx, r.start(), r.group(1))
        if p is not None:
            best = _project(p, r.end())
    for r in _PRONOUN.finditer(body, f.s0, f.qs) if body.find("其", f.s0, f.qs) >= 0 else ():
        first = named_before(ctx, Figure(f.s0, f.s_end, r.start(), r.start(), f.unit, f.s0))
        if first and first[0].kind == "company":
            best = Subject(r.end(), "company", first[0].name, first[0].park, first[0].company)
    named = named_before(ctx, f)
    if best is not None and named and named[-1].at > best.at:
        return None  # a name nearer to the figure than the reference
    return best


def _new_project(ctx: ArticleContext, at: int) -> ProjectMention | None:
    """`新项目总投资50亿元`: the project of the nearest company before it in its paragraph that
    has one (a page that lost its paragraphs still names the right company last)."""
    paragraph = ctx.body.rfind("\n", 0, at) + 1
    for c in reversed([c for c in ctx.companies if paragraph <= c.start < at]):
        owned = [p for p in ctx.projects if p.company == c.name]
        if owned:
            return owned[-1]
    return _referent_project(ctx, at)


def _by_parenthesis(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`超过苏州市平均通过率(60.45%)`, `占南宁市(36家)的50%`: the region the bracket belongs to."""
    window = max(f.s0, f.qs - 16)
    if ctx.body.find("（", window, f.qs) < 0 and ctx.body.find("(", window, f.qs) < 0:
        return None  # no bracket to belong to (the pattern's lazy search is costly everywhere)
    m = _PAREN_REGION.search(ctx.body, window, f.qs)
    if not m or m.end() != f.qs:
        return None
    name = m.group(1)
    place = _place_regex().search(name)
    if not place:
        return None
    return Subject(f.qs, "region", name[place.start() :])


_SCOPE = re.compile(r"(全国|全省|全市|全区)\s*$")


def _by_scope(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`在全国97家综合保税区中排名第15`: a count of the whole country's, not the zone's (a share of
    it, `贡献了全国20%以上的工业增加值`, is still the zone's)."""
    if f.unit == "percent":
        return None
    m = _SCOPE.search(ctx.body, max(f.s0, f.qs - 3), f.qs)
    return Subject(f.qs, "region", m.group(1)) if m else None


def _by_investor(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`X公司投资约3.5亿元，在Y建设“Z基地”`: the money builds Z."""
    if f.unit not in ("CNY", "USD") or not _INVESTS.search(ctx.body, max(f.s0, f.qs - 6), f.qs):
        return None
    for a, _b, p in _project_mentions(ctx):
        if f.qe <= a < f.s_end and _BUILDS.search(ctx.body, f.qe, a) and a - f.qe <= 30:
            return _project(p, f.qs)
    return None


def _zone_before(ctx: ArticleContext, f: Figure) -> Subject | None:
    body = ctx.body
    zones = [_park(p) for p in ctx.parks if f.s0 <= p.start and p.end <= f.qs and not _is_object(body, p.start, p.end)]
    return zones[-1] if zones else None


# every match of _BATCH holds one of these words: a sentence without them states no batch
_BATCH_WORDS = ("项目", "签约金额", "总投资规模")


def _batch_cues(ctx: ArticleContext, s0: int, s_end: int) -> list[int]:
    """Where the sentence states a batch of projects (read once per sentence, not per figure;
    searched only in the sentences holding one of `_BATCH_WORDS`, most do not)."""
    if all(ctx.body.find(word, s0, s_end) < 0 for word in _BATCH_WORDS):
        return []
    return [m.start() for m in _BATCH.finditer(ctx.body, s0, s_end)]


def _by_batch(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`集中签约项目21个，…总投资额为176.25亿元`, `其中先进制造业项目14个`: the zone's batch,
    unless a project is named between the batch and the figure (`17个项目中，A项目计划布局…`) or
    the figure describes the project after it (`投资6亿元的A、…等11个项目`)."""
    if f.unit in ("CNY", "USD") and _measured_after(ctx, f):
        return None
    cues = ctx.derived(_batch_cues, f.s0, f.s_end)
    if not cues:
        return None
    cue = min(cues[-1], f.qs) if cues[-1] < f.qs else cues[0]
    own = [p for p in named_before(ctx, f) if p.kind == "project" and p.at > cue]
    if own:
        return None
    region = _region(ctx, f.s0, f.qs)
    zone = _zone_before(ctx, f)
    if region and (zone is None or region.at > zone.at):
        return region
    if zone:
        return zone
    if f.previous is not None and f.previous.kind in ("park", "region"):
        return f.previous
    if ctx.zone_name:
        return Subject(f.s0, "park", ctx.zone_name, ctx.zone_name)
    return Subject(f.s0, "other", "")  # a batch of an unnamed place: never one of its projects


def _continues_a_list(ctx: ArticleContext, f: Figure) -> bool:
    """`新添…企业159家；国家高新技术企业62家；苏州市瞪羚企业4家`: another item of the same list."""
    if f.previous is None or f.previous_end < 0:
        return False
    gap = ctx.body[f.previous_end : f.cstart]
    return bool(_LIST_GAP.fullmatch(gap))


def _by_nearest(ctx: ArticleContext, f: Figure) -> Subject | None:
    cands = list(named_before(ctx, f))  # a copy: the candidates below are added to it
    measured = _measured_after(ctx, f)
    if measured and f.unit in ("CNY", "USD"):  # `青禾高新区投资6亿元的X项目`: X's, phrase `投资`
        return measured._replace(at=max([c.at for c in cands if c.at <= f.qs], default=f.cstart))
    if measured:
        cands.append(measured)
    opening = _region(ctx, f.s0, f.qs) if not cands else None
    if opening and not any(c.at > opening.at for c in cands):
        cands.append(opening)
    # (a clause opening its sentence has the sentence's region, read just above when no name stood)
    region = opening if f.cstart == f.s0 and opening is not None else _region(ctx, f.cstart, f.qs)
    if region and (not cands or region.at >= cands[-1].at):
        cands.append(region)
    cls = _zones(ctx, f.cstart, f.qs) or (_zones(ctx, f.s0, f.qs) if f.s0 != f.cstart else None)
    if cls and (not cands or cls.at >= cands[-1].at):
        cands.append(cls)
    t = ctx.derived(topic, f.s0, f.s_end)  # the sentence's, asked for each of its figures
    if t and t.at <= f.qs and not any(c.at > t.at for c in cands):
        cands.append(t)
    cands.sort(key=_AT)
    if not cands:
        return None
    best = cands[-1]
    if best.kind in ("region", "other") and _continues_a_list(ctx, f) and f.previous.kind == "park":
        return f.previous  # `…；苏州市瞪羚企业4家`: a class of enterprises in the zone's list
    return best


_AT = itemgetter(0)  # a subject's `at` (its first field), read in C to sort candidates by it


def _measured_after(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`6平方公里的先进计算产业园`: a size followed by `的` and a zone or project measures it;
    so does an investment followed by a project, with or without `的` (`投资6亿元的X数据中心`,
    `投资8亿元X培育基地、…`)."""
    money = f.unit in ("CNY", "USD")
    linked = ctx.body[f.qe : f.qe + 1] == "的"
    direct = money and ctx.body[max(f.s0, f.qs - 4) : f.qs].endswith(("投资", "投资额", "总投资"))
    if f.unit == "percent" or not (linked or direct):
        return None
    name_at = f.qe + 1 if linked else f.qe
    for p in [] if money else ctx.parks:
        if p.start == name_at and not p.is_reference:
            return Subject(f.qs, "park", p.name, p.name)
    for a, _b, p in _project_mentions(ctx):
        if a == name_at:
            return _project(p, f.qs)
    return None


def _affiliations(ctx: ArticleContext) -> dict[str, CompanyMention]:
    """People introduced with a company title: `卓怡恒通公司制造中心总经理庞宇` -> 庞宇 works there
    (read once per article, through `ctx.derived`: every quoted figure asks)."""
    out: dict[str, CompanyMention] = {}
    for m in _TITLE.finditer(ctx.body):
        before = [
            c
            for c in ctx.companies
            if c.end <= m.start() and m.start() - c.end <= 12 and not _CLAUSE_MARK.search(ctx.body, c.end, m.start())
        ]
        if before:
            out.setdefault(m.group(1), before[-1])
    return out


def _by_speaker(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`“…日产量300吨…”唐英杰告诉记者`: a figure in a quote belongs to its speaker's company."""
    body = ctx.body
    quote_end = body.find("”", f.qe)
    in_quote = (
        quote_end >= 0 and "“" not in body[f.qe : quote_end] and body.rfind("“", 0, f.qs) > body.rfind("”", 0, f.qs)
    )
    if not in_quote:
        return None
    said = _SPEAKER.match(body[quote_end : quote_end + 100])
    if not said:
        return None
    span_end = quote_end + said.end(1)
    named = [c for c in ctx.companies if quote_end < c.start < span_end]
    if named:
        return _company(ctx, named[-1])
    who = said.group(1)
    for person, company in ctx.derived(_affiliations).items():
        if who.endswith(person):
            return _company(ctx, company)
    return None


def _by_later(ctx: ArticleContext, f: Figure) -> Subject | None:
    """`2023年实现产值5亿元……长治信创产业园就交出了…`: named after its figures, in its sentence.
    Most figures have no name starting after them in their sentence: the article's name starts,
    bisected, say so before any list is made."""
    body = ctx.body
    starts = ctx.derived(_name_starts)
    i = bisect_left(starts, f.qe)
    if i == len(starts) or starts[i] >= f.s_end:
        return None

    # the name starting first wins (of those starting together, companies, zones, projects in
    # turn): only a name starting before the best so far is asked whether it is named, and only
    # the best so far is made a subject (not every later name, then sorted)
    first, best = f.s_end, None

    def named(a: int, b: int) -> bool:
        return a < first and f.qe <= a and b <= f.s_end and not _is_object(body, a, b)

    for c in ctx.companies:
        if named(c.start, c.end):
            first, best = c.start, _company(ctx, c)
    for p in ctx.parks:
        if named(p.start, p.end):
            first, best = p.start, _park(p)
    for a, b, p in _project_mentions(ctx):
        if named(a, b):
            first, best = a, _project(p, b)
    return best


def _name_starts(ctx: ArticleContext) -> list[int]:
    """Where the article's zones, companies and project mentions start, in order."""
    return sorted(
        [p.start for p in ctx.parks] + [c.start for c in ctx.companies] + [a for a, _, _ in _project_mentions(ctx)]
    )


def _by_carry(ctx: ArticleContext, f: Figure) -> Subject | None:
    paragraph = ctx.body.rfind("\n", 0, f.s0) + 1
    if f.previous is not None and f.previous_end >= paragraph:
        return f.previous
    return None


def _by_article_zone(ctx: ArticleContext, f: Figure) -> Subject | None:
    earlier = [p for p in ctx.parks if p.end <= f.qs]
    zone = ctx.zone_name or (earlier[-1].name if earlier else None)
    # not named in the sentence: the metric phrase may start where the sentence does
    return Subject(f.s0, "park", zone, zone) if zone else None


_RULES: tuple[Callable[[ArticleContext, Figure], Subject | None], ...] = (
    _by_reference,
    _by_parenthesis,
    _by_scope,
    _by_investor,
    _by_batch,
    _by_nearest,
    _by_speaker,
    _by_later,
    _by_carry,
    _by_article_zone,
)


def _promoted(ctx: ArticleContext, s: Subject) -> Subject:
    """A company's figures in an article about its one project are the project's."""
    if s.kind != "company":
        return s
    owned = [p for p in ctx.projects if p.company == s.name]
    if len(owned) == 1 and owned[0].status != "unknown":
        return _project(owned[0], s.at)
    return s


_Rule = Callable[[ArticleContext, Figure], "Subject | None"]
# the rules that can propose a subject only when their sentence holds one of these words (each
# rule reads its words inside the figure's sentence, before the figure): a sentence holding
# none of a rule's words is not read by it, for any of its figures
_RULE_WORDS: tuple[tuple[_Rule, tuple[str, ...]], ...] = (
    (_by_reference, ("该", "这家", "项目", "其")),  # every match of _REFERENCE_CUE holds one
    (_by_parenthesis, ("（", "(")),  # the bracket the region stands before
    (_by_scope, ("全",)),  # `全国`, `全省`, `全市`, `全区`
    (_by_investor, ("投资",)),  # `_INVESTS`
    (_by_batch, _BATCH_WORDS),  # `_batch_cues` finds no batch without them
)


def _rules_without(absent: int) -> tuple[_Rule, ...]:
    """`_RULES` in order, but for the rules of `_RULE_WORDS` whose bit is set in `absent`."""
    left_out = {rule for bit, (rule, _) in enumerate(_RULE_WORDS) if absent >> bit & 1}
    return tuple(rule for rule in _RULES if rule not in left_out)


# the rules left for each set of absent words: made once per process (constant data)
_RULES_WITHOUT = tuple(_rules_without(absent) for absent in range(1 << len(_RULE_WORDS)))


def sentence_rules(sentence: str) -> tuple[_Rule, ...]:
    """The rules, in order, that can propose a subject for a figure of `sentence`: those of
    `_RULE_WORDS` only when the sentence holds one of their words (most sentences hold none of
    several), every other rule always. Read once per sentence, not once per figure."""
    absent = 0
    for bit, (_, words) in enumerate(_RULE_WORDS):
        for word in words:
            if word in sentence:
                break
        else:
            absent |= 1 << bit
    return _RULES_WITHOUT[absent]


def subject_of(ctx: ArticleContext, f: Figure, rules: Sequence[_Rule] = _RULES) -> Subject | None:
    """The subject of one figure: the first of `rules` (all of them, or the figure's sentence's
    `sentence_rules`) that proposes one."""
    for rule in rules:
        s = rule(ctx, f)
        if s is not None:
            return _promoted(ctx, s) if s.kind == "company" else s
    return None


def zone_of(ctx: ArticleContext, s: Subject, parks: Sequence[ParkMention]) -> str | None:
    """The zone a subject lies in, when the article names it."""
    names = {p.name for p in parks}
    return s.park if s.park in names else None


def opening_subject(ctx: ArticleContext, s0: int, s_end: int) -> Subject | None:
    """The zone or class of zones a sentence without figures opens with: it stays the topic."""
    starts = ctx.derived(_zone_starts)
    i = bisect_left(starts, s0)
    if (i == len(starts) or starts[i] > s_end) and ctx.body.find("国", s0, s_end) < 0:
        return None  # no zone and no class of zones to open with: its LEAD words are not read
    at = _lead_end(ctx.body, s0, s_end)
    cls = _class_of_zones(ctx.body, at, s_end)
    if cls:
        return cls
    zone = next((p for p in ctx.parks if p.start == at and not p.is_reference), None)
    return _park(zone) if zone else None


def _zone_starts(ctx: ArticleContext) -> list[int]:
    """Where the article's zones (not references to one) start, in order."""
    return sorted(p.start for p in ctx.parks if not p.is_reference)
