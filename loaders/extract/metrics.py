"""Turn the quantities of an article into metric statements.

For each quantity the number reader finds, read from its sentence:

- the metric phrase as written: the words between the nearest subject (a zone, a
  company, a clause boundary) and the number, minus time words and leading verbs
  (`实现文化产业增加值 777.8 亿元` -> `文化产业增加值`); when nothing is left, the
  thing counted after the number (`吸引200余家跨境电商企业入驻` -> `跨境电商企业`);
- growth: a phrase ending in 同比增长 / 增速 / 提高 / 下降 … is a change rate; a bare
  `同比增长8.0%` takes the metric of the figure before it (`GDP同比增长`);
- the subject: the nearest zone or company named before the number in its sentence,
  a province or city when one is named closer (a region), `该企业` the last company,
  else the article's zone;
- the period (`periods.resolve_period`) and the canonical metric code from the
  vocabulary seed.

Only sentences that hold a quantity are examined, so this stays cheap on long pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from loaders.extract.context import ArticleContext
from loaders.extract.numbers import read_quantities
from loaders.extract.periods import resolve_period
from loaders.extract.projects import ProjectMention, name_start
from loaders.extract.spans import CompanyMention, ParkMention
from loaders.reference import metric_vocabulary, place_names

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE_BREAK = "，,。；;：:！？!?\n、（(）)“”"
_LEAD = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年(?:年底|年末|底|末|全年|度)?|今年(?:以来)?|去年(?:全年)?|前三季度|[一二三四]季度|上半年|全年|"
    r"目前|当前|如今|现阶段|截至[^，,]{0,12}|近年来|近几年|其中|同时|此外|另外|据统计|数据显示|据了解|据悉|据介绍|"
    r"记者了解到|当天|此次|本次|"
    r"累计|共|已经|已|还|再|新|先后|每年|年均|分别|达到了|达到|实现了|实现|完成了|完成|拥有|集聚了|集聚|聚集了|聚集|"
    r"培育了|培育|引进了|引进|设立了|设立|建成了|建成|建立了|建立|吸引了|吸引|带动了|带动|新增|入选|获得了|获得|获评|获|"
    r"发表了|发表|开展了|开展|举办了|举办|提供了|提供|招收了|招收|下设了|下设|组织|发放了|发放|辅导|"
    r"培训|举行|有|为|是|的|在|将|可|约|近|超|逾|达|仅|高达|突破)\s*"
)
_TRAIL = re.compile(r"(?:的|达到了|达到|达|约|近|超过|超|逾|共|为|是|有|已|突破|累计|高达|合计|总计|规模)\s*$")
_GROWTH = re.compile(
    r"(同比|环比|比上年|比上一年|较上年|较去年|较上月|较上半年|年均)?\s*(增长|增幅|增速|提高|提升|上升|下降|减少|回落|增加)"
    r"(?:了|达到?|为)?$"
)
_DECLINE = re.compile(r"(下降|减少|回落)")
# a phrase that names a list or an action, not what is measured: `绿茶等`, `管理着`, `打造了`, `被授予`
_NOT_A_METRIC_PHRASE = re.compile(r"(等|等首批|着|了|过|被授予|给予|辅助|首批)$")
_AFTER_STOP = re.compile(
    r"[，,。；;：:！？!?、（()）“”\n]|入驻|入选|参与|就业|签约|落户|投资|建设|开展|参加|通过|获得|加入|提供"
)
_TOPIC_HEAD = re.compile(
    r"(平台|基地|科技城|人才城|城|中心|招聘会|见面会|大会|会|网络|联盟|大赛|行动计划|计划|谷|园区|产业园)"
)
_TOPIC_REF = re.compile(r"(?:该|本次|此次|这一|这个)(平台|基地|城|中心|招聘会|见面会|大会|会|网络|联盟|大赛|计划|园区)")
_SPEAKER = re.compile(r"^[”」]\s*([^。；]{0,90}?)(说|表示|介绍|透露|告诉|指出)")
_TITLE = re.compile(
    r"(?:总经理|副总经理|董事长|总裁|创始人|总工程师|负责人|经理|副经理|书记|主任|工作人员|厂长)"
    r"([\u4e00-\u9fff]{2,3})(?=[，,说表介透告指回：:])"
)
CJK = "\u4e00-\u9fff"
_COMPANY_REF = re.compile(r"该企业|该公司|这家企业|这家公司")
_PROJECT_REF = re.compile(r"该项目|此项目|项目(?=总投资|计划|拟|占地|总用地|总建筑|建成|投产|达产)")


@dataclass(frozen=True)
class MetricStatement:
    start: int
    end: int
    raw_text: str
    value: float
    unit: str
    qualifier: str
    metric_raw: str
    metric_code: str
    is_growth: bool
    subject_type: str  # park | company | project | region | programme | other
    subject_name: str
    park_name: str | None
    company_name: str | None
    period_label: str
    period_start: date | None
    period_end: date | None
    evidence: str


PHYSICAL_UNITS = {
    "亩",
    "平方米",
    "平方公里",
    "立方米",
    "吨",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "GW",
    "MW",
    "KVA",
    "公里",
    "米",
    "千米",
    "公顷",
    "度",
}


def unit_kind(unit: str) -> str:
    """currency | percent | physical | count, as the vocabulary seed's unit_kind."""
    if unit in ("CNY", "USD"):
        return "currency"
    if unit in ("percent", "个百分点"):
        return "percent"
    if unit in PHYSICAL_UNITS or unit.endswith("/年"):
        return "physical"
    return "count"


def _fits(kind: str, unit: str) -> bool:
    return kind == unit_kind(unit) or (kind == "count" and unit == "倍")


def classify_metric(phrase: str, unit: str, is_growth: bool) -> str:
    """The vocabulary code whose keyword the phrase holds (most specific first)."""
    if unit == "percent" and not is_growth and re.search(r"占比|比重|占|份额|一半", phrase):
        for term in metric_vocabulary():
            if term.code == "rd_intensity" and any(k in phrase for k in term.keywords):
                return term.code
        return "share"
    best: tuple[int, int, str] | None = None
    for term in metric_vocabulary():
        if not (is_growth or _fits(term.unit_kind, unit)):
            continue  # `企业` in a sentence about money does not make a count of enterprises
        for k in term.keywords:
            if k and k in phrase:
                key = (term.priority, -len(k), term.code)
                if best is None or key < best:
                    best = key
    if best:
        return best[2]
    return {
        "人": "talent_count",
        "名": "talent_count",
        "人次": "talent_count",
        "家": "enterprise_count",
        "亩": "area",
        "平方米": "area",
        "平方公里": "area",
    }.get(unit, "other")


def _clean_phrase(phrase: str) -> str:
    phrase = phrase.strip(" ，,、")
    for _ in range(6):
        new = _LEAD.sub("", phrase).strip(" ，,、")
        if new == phrase:
            break
        phrase = new
    for _ in range(3):
        new = _TRAIL.sub("", phrase).strip()
        if new == phrase:
            break
        phrase = new
    return phrase


def _clause_start(text: str, pos: int, floor: int) -> int:
    k = pos
    while k > floor and text[k - 1] not in _CLAUSE_BREAK:
        k -= 1
    return k


def _counted_after(body: str, end: int) -> str:
    """The thing counted after the number ending at `end`: `200余家跨境电商企业入驻` -> `跨境电商企业`."""
    tail = body[end : end + 20]
    m = _AFTER_STOP.search(tail)
    thing = (tail[: m.start()] if m else tail[:12]).lstrip("的").strip()
    if not thing:  # `2人获得博士后科学基金面上资助`: the people are counted by what they did
        clause = re.split(r"[，,。；;：:！？!?\n]", tail, maxsplit=1)[0]
        thing = clause.strip()
    return thing


def _main_zone(parks: Sequence[ParkMention]) -> str | None:
    counts = Counter(p.name for p in parks)
    return counts.most_common(1)[0][0] if counts else None


@cache
def _place_regex() -> re.Pattern[str]:
    names = sorted((n for n in place_names() if len(n) >= 2), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def _clause_region(body: str, cstart: int, qs: int) -> tuple[int, str] | None:
    """A province or city opening the number's clause (`河南省12家单位新备案`) is a region subject.

    Not when it names a level (`广东省级`), a first or only (`贵州首家`), or a comparison base
    (`占郑州市入选总数的一半`).
    """
    clause = body[cstart:qs]
    lead = clause
    for _ in range(4):
        new = _LEAD.sub("", lead)
        if new == lead:
            break
        lead = new
    offset = cstart + len(clause) - len(lead)
    m = _place_regex().match(lead)
    if not m:
        return None
    name = m.group(0)
    rest = lead[len(name) :]
    label = name + rest[0] if rest[:1] in ("省", "市") and not name.endswith(("省", "市")) else name
    rest = lead[len(label) :]
    if rest.startswith("级") or re.search(r"首家|唯一|总数|总量|平均|全省|全市|占", rest):
        return None
    if re.match(r"^\s*[\d零一二两三四五六七八九十百千]", rest):
        return None  # `拥有广东省 1/2 的…`: the region is the base of a share, not its subject
    if re.match(f"^[{CJK}]{{1,10}}?(院|局|厅|委|中心|公司|集团|大学|学院|协会|联盟)", rest):
        return None  # `贵州省质检院`: the region opens an organisation's name
    if not label.endswith(("省", "市", "自治区", "县", "盟", "自治州", "地区")):
        return None  # `贵州联建`, `贵州产品`: a place word inside a name, not a region
    return offset, label


def _topic(body: str, s0: int, s_end: int, org_names: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The organisation a sentence is about, when it opens the sentence (`贵阳国际人才城已举办…`).

    `该基地` / `本次招聘会` resolve to the last organisation named with the same head.
    """
    text = body[s0:s_end]
    early = _TOPIC_REF.search(text[:14])
    if early:
        head = early.group(1)[-1]
        earlier = [n for pos, n in org_names if pos < s0 + early.start() and n.endswith(head)]
        if earlier:
            return s0 + early.end(), earlier[-1]
    lead = text
    for _ in range(4):
        new = re.sub(r"^在[^，,]{1,16}方面[，,]", "", lead)
        new = _LEAD.sub("", new).lstrip("，, ")
        if new == lead:
            break
        lead = new
    at = s0 + len(text) - len(lead)
    ref = _TOPIC_REF.match(lead)
    if ref:
        head = ref.group(1)[-1]
        earlier = [n for pos, n in org_names if pos < at and n.endswith(head)]
        return (at + ref.end(), earlier[-1]) if earlier else None
    m = _TOPIC_HEAD.search(lead[:30])
    if not m:
        return None
    start = name_start(body, at + m.start())
    if start != at or m.start() < 3:
        return None
    return at + m.end(), body[at : at + m.end()]


def _org_names(body: str) -> list[tuple[int, str]]:
    """Organisation-like names in the article (for `该基地`-style references)."""
    out = []
    for m in _TOPIC_HEAD.finditer(body):
        start = name_start(body, m.start())
        if m.end() - start >= 5:
            out.append((start, body[start : m.end()]))
    return out


def _not_a_subject(body: str, ent: object) -> bool:
    """Entities that are objects, not subjects: enumeration items (`飞腾、…、360等领军企业`),
    and the `X` of `以X为核心/载体` or `依托X`."""
    start, end = getattr(ent, "start", None), getattr(ent, "end", None)
    if start is None or end is None:
        return False
    if body[end : end + 1] in ("、", "等"):
        return True
    before = body[max(0, start - 2) : start]
    return bool(re.search(r"(以|依托|围绕|借助)$", before)) and bool(
        re.match(r"^[^，。；]{0,2}为", body[end : end + 4])
    )


def _measured_after(body: str, qe: int, parks: Sequence[ParkMention], projects: Sequence[ProjectMention]):
    """`6平方公里的先进计算产业园`: a size followed by `的` and a zone or project measures it."""
    if body[qe : qe + 1] != "的":
        return None
    for p in parks:
        if p.start == qe + 1 and not p.is_reference:
            return "park", p
    for p in projects:
        if p.start == qe + 1:
            return "project", p
    return None


def _affiliations(body: str, companies: Sequence[CompanyMention]) -> dict[str, CompanyMention]:
    """People introduced with a company title: `卓怡恒通公司制造中心总经理庞宇` -> 庞宇 works there."""
    out: dict[str, CompanyMention] = {}
    for m in _TITLE.finditer(body):
        before = [
            c
            for c in companies
            if c.end <= m.start() and m.start() - c.end <= 12 and not re.search(r"[，。；]", body[c.end : m.start()])
        ]
        if before:
            out.setdefault(m.group(1), before[-1])
    return out


def _speaker_company(
    body: str, quote_end: int, companies: Sequence[CompanyMention], people: dict[str, CompanyMention]
) -> CompanyMention | None:
    said = _SPEAKER.match(body[quote_end : quote_end + 100])
    if not said:
        return None
    span_end = quote_end + said.end(1)
    named = [c for c in companies if quote_end < c.start < span_end]
    if named:
        return named[-1]
    who = said.group(1)
    for person, company in people.items():
        if who.endswith(person):
            return company
    return None


def find_metrics(ctx: ArticleContext) -> list[MetricStatement]:
    """Metric statements of one article, in order, repeated statements once."""
    body, parks, companies, projects, published_on = ctx.body, ctx.parks, ctx.companies, ctx.projects, ctx.published_on
    park_by_name = {p.name: p for p in parks}
    main_zone = ctx.zone_name
    company_park = {c.name: c.park for c in companies if c.park}
    out: list[MetricStatement] = []
    seen: set[tuple] = set()
    orgs = _org_names(body)
    people = _affiliations(body, companies)
    carried: tuple | None = None  # the subject of the previous sentence in this paragraph
    for sm in _SENTENCE.finditer(body):
        if body[max(0, sm.start() - 1) : sm.start()] == "\n":
            carried = None
        sentence = sm.group(0)
        if not re.search(r"[\d零一二两三四五六七八九十百千万亿半]", sentence):
            continue
        s0 = sm.start()
        quantities = read_quantities(sentence)
        previous_phrase = ""
        for q in quantities:
            qs, qe = s0 + q.start, s0 + q.end
            # nearest entity before the number, in this sentence
            ents = [(p.end, "park", p.name, p) for p in parks if s0 <= p.start and p.end <= qs]
            ents += [(c.end, "company", c.name, c) for c in companies if s0 <= c.start and c.end <= qs]
            ents += [(p.end, "project", p.name, p) for p in projects if s0 <= p.start and p.end <= qs]
            ents = [e for e in ents if not _not_a_subject(body, e[3])]
            measured = _measured_after(body, qe, parks, projects)
            if measured and q.unit not in ("CNY", "USD", "percent"):
                ents.append((qs, measured[0], measured[1].name, measured[1]))
            opening = _clause_region(body, s0, qs) if not ents else None
            if opening and not any(e[0] > opening[0] for e in ents):
                ents.append((opening[0], "region", opening[1], None))
            topic = _topic(body, s0, sm.end(), orgs)
            if topic and any(p.start >= s0 and body.startswith(p.text, topic[0] - len(topic[1])) for p in parks):
                topic = None  # `宁波高新区管委会…介绍`: the zone's own body speaks for the zone
            if topic and topic[0] <= qs and not any(e[0] > topic[0] for e in ents):
                ents.append((topic[0], "other", topic[1], None))
            ents.sort(key=lambda e: e[0])
            floor = ents[-1][0] if ents else s0
            cstart = _clause_start(body, qs, s0)
            phrase_start = max(cstart, floor)
            phrase = _clean_phrase(body[phrase_start:qs])
            growth = bool(_GROWTH.search(body[phrase_start:qs].rstrip())) or q.unit == "个百分点"
            if growth and _GROWTH.fullmatch(phrase.strip()) and previous_phrase:
                phrase = previous_phrase + phrase
            if (len(phrase) < 2 or _NOT_A_METRIC_PHRASE.search(phrase)) and not growth:
                counted = _counted_after(body, qe)
                status = re.search(r"(开工|投产|投运|签约|新增|新建|引进)\s*$", body[phrase_start:qs])
                phrase = (status.group(1) if status and counted else "") + counted if counted else phrase
            value = -q.value if growth and _DECLINE.search(phrase) else q.value
            code = classify_metric(phrase, q.unit, growth)
            # the subject: the nearest zone, company, company reference or region before the number
            subject_type, subject, park_name, company_name = "other", "", None, None
            for r in _COMPANY_REF.finditer(body, s0, qs):
                last = [c for c in companies if c.end <= r.start()]
                if last and (not ents or r.start() >= ents[-1][0]):
                    ents.append((r.end(), "company", last[-1].name, last[-1]))
            for r in _PROJECT_REF.finditer(body, s0, qs):
                last = [p for p in projects if p.end <= r.start()]
                if last and (not ents or r.start() >= ents[-1][0]):
                    ents.append((r.end(), "project", last[-1].name, last[-1]))
            region = _clause_region(body, cstart, qs)
            if region and (not ents or region[0] >= ents[-1][0]):
                ents.append((region[0], "region", region[1], None))
            ents.sort(key=lambda e: e[0])
            inside = [p for p in projects if p.start <= qs and qe <= p.end]
            if inside:  # `6万吨钛材`: a figure inside a project's name measures that project
                ents.append((qs, "project", inside[0].name, inside[0]))
            if not ents:  # `“…日产量300吨…”唐英杰告诉记者` / `在…的遂宁市凡是食品有限公司生产车间内`
                quote_end = body.find("”", qe)
                in_quote = (
                    quote_end >= 0 and "“" not in body[qe:quote_end] and body.rfind("“", 0, qs) > body.rfind("”", 0, qs)
                )
                speaker = _speaker_company(body, quote_end, companies, people) if in_quote else None
                later = sorted(
                    [(c.start, "company", c) for c in companies if qe <= c.start and c.end <= sm.end()]
                    + [(p.start, "park", p) for p in parks if qe <= p.start and p.end <= sm.end()]
                    + [(p.start, "project", p) for p in projects if qe <= p.start and p.end <= sm.end()],
                    key=lambda e: e[0],
                )
                if speaker:
                    ents.append((speaker.end, "company", speaker.name, speaker))
                elif later:  # `2023年实现产值5亿元……长治信创产业园就交出了…`: named after its figures
                    _, kind, ent = later[0]
                    ents.append((ent.end, kind, ent.name, ent))
            if not ents and carried:
                ents.append(carried)
            if ents:
                _, kind, name, ent = ents[-1]
                if kind == "company":
                    subject_type, subject, company_name = "company", name, name
                    park_name = company_park.get(name)
                elif kind == "region":
                    subject_type, subject = "region", name
                elif kind == "project":
                    subject_type, subject = "project", name
                    park_name, company_name = ent.park, ent.company
                elif kind == "other":
                    subject_type, subject, park_name = "other", name, main_zone
                else:
                    subject_type, subject, park_name = "park", name, name
                carried = ents[-1]
            if not subject:
                earlier = [p for p in parks if p.end <= qs]
                zone = earlier[-1].name if earlier else main_zone
                if zone:
                    subject_type, subject, park_name = "park", zone, zone
            if park_name and park_name not in park_by_name and park_name not in {p.name for p in parks}:
                park_name = None
            full_start = max(body.rfind(c, 0, qs) for c in "。！？!?\n") + 1  # `；` does not end a sentence
            period = resolve_period(body[full_start:qs], published_on)
            key = (round(value, 6), q.unit, subject, code)
            previous_phrase = phrase if not growth else previous_phrase
            if key in seen:
                continue
            seen.add(key)
            out.append(
                MetricStatement(
                    start=qs,
                    end=qe,
                    raw_text=q.text,
                    value=value,
                    unit=q.unit,
                    qualifier=q.qualifier,
                    metric_raw=phrase[:60],
                    metric_code=code,
                    is_growth=growth,
                    subject_type=subject_type,
                    subject_name=subject,
                    park_name=park_name,
                    company_name=company_name,
                    period_label=period.label,
                    period_start=period.start,
                    period_end=period.end,
                    evidence=sentence.strip(),
                )
            )
    return out
