"""Find named investment and construction projects and what happened to them.

A project is a name with a project head (`…项目`, `…工程`, `…生产线`, `…基地`,
`…中心`, `…产业园`, `…改造`), read leftwards from the head to the nearest function
word or verb, so `本次开工项目的代表三花智控未来产业中心项目` gives
`三花智控未来产业中心项目`. Heads other than 项目/工程 only count with a status verb
next to them (`OPPO全球算力中心投入运行`), since `研发中心` alone is no project.
Batch statements (`当天开工4个项目，总投资额25.78亿元`) and category words
(`重大项目`, `民生项目`) are not projects: they are metrics of the zone.

Status comes from the verbs around the name (签约/落户 -> signed, 开工/奠基 -> started …),
investment from `总投资额 / 拟投资 / 计划总投资 / 投资` figures in the name's sentence
or a following `该项目` sentence, the event date from a date in the sentence or the
article's dated lede.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from loaders.extract.numbers import read_quantities
from loaders.extract.spans import CompanyMention, ParkMention

_HEADS = (
    "项目|工程|生产线|产业基地|制造基地|生产基地|智造基地|基地|研发中心|运营中心|算力中心|制造中心|应用中心|"
    "创新中心|科技中心|数据中心|中心|产业园|科创园|改造|公寓楼|公寓|学校"
)
CJK = "\u4e00-\u9fff"
_HEAD = re.compile(f"(?:{_HEADS})")
_STRONG_HEAD = ("项目", "工程")
_STOP_CHARS = set("的在于从与对向为是将由赴至等了把被让以、，。；：！？,;:!?\n（）()《》【】“”")
_STOP_WORDS = (
    "代表",
    "开工",
    "签约",
    "落户",
    "投产",
    "投运",
    "启用",
    "开园",
    "奠基",
    "引进",
    "推进",
    "推动",
    "加快",
    "打造",
    "完成",
    "建成",
    "谋划",
    "实施",
    "包括",
    "依托",
    "围绕",
    "聚焦",
    "以及",
    "继",
    "即",
    "其中",
    "分别",
    "当天",
    "此次",
    "本次",
    "集体",
    "前瞻",
    "高标准",
    "全力",
    "大力",
    "积极",
    "加大",
    "坚持",
    "努力",
    "刷新",
    "帮助",
    "支持",
    "组织",
    "举办",
    "招引",
    "引育",
    "培育",
    "担任",
    "获得",
    "细化",
    "量化",
    "借助",
    "如果说",
    "那么",
    "共有",
    "约占",
    "设立",
    "开展",
    "联合",
    "又一个",
    "一批",
    "计划建设",
    "投资建设",
    "获评",
    "举行",
    "随着",
    "共建",
    "合作",
    "布局",
)
_GENERIC_TAIL = re.compile(
    r"(重大|重点|龙头|民生|示范|标杆|品牌|优质|高端|科技创新|创新|人才|外资|投运|投产|开工|签约|获奖|科研)$|省级|市级|^(多个|若干|各类|一批)"
)
# `推进A、B等项目建设`, `完成A、B和C等4个节能技改项目`: the items of a list before 等…项目
_LIST_TAIL = re.compile(r"等(?:[\d一二两三四五六七八九十]+个)?[\u4e00-\u9fff]{0,6}项目")
_LIST_VERB = re.compile(r"(推进|推动|加快|实施|完成|建成|开工|签约|引进|包括|谋划|启动)")
# `建成“创客公寓”`: a quoted name right after a status verb
_QUOTED = re.compile(r"(建成|启用|投用|投运|开工|开园)(?:了)?\s*“([^”、，]{2,12})”")
_HEAD_WORDS = ("项目", "工程", "中心", "基地", "改造", "生产线", "产业园")
# after a project's name comes punctuation, a particle or a verb, never more name
_NEXT_OK = set(
    "，。、；：！？,;:!?）)”\n落签开投启建竣奠破获于在将已正等分的和与及则集也是为由即目年首计总拟位占代作主以达实顺加后"
)
_GENERIC = re.compile(
    r"^(?:[一二两三四五六七八九十\d]+个)?(?:重大|重点|优质|高端|龙头|民生|产业|签约|开工|投产|投运|外资|内资|在谈|新|"
    r"建设|科创|转化|节能技改|技改|链主旗舰型|旗舰型|信息业|示范|标杆|省级|市级|国家级|各类|一批|首批|这些|该|此|本)*$"
)
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百千]+\s*个[^，。；]{0,10}$")
_STATUS = (
    ("approved", r"获批|批准成立|批准"),
    ("in_operation", r"投运|投入运行|投入使用|启用|开园|运营|运行"),
    ("in_production", r"投产|试生产|达产"),
    ("completed", r"竣工|建成|完成"),
    ("started", r"开工|奠基|破土动工|开建|动工"),
    ("signed", r"签约|落户|签署|引进|入驻"),
    ("under_construction", r"在建|建设中|加快建设|推进[^，。；]{0,12}建设|施工|建设现场|开工建设以来"),
    ("planned", r"拟|计划|规划|谋划|将建设|前瞻|布局|推动[^，。；]{0,24}落地"),
)
_INVEST = re.compile(r"(?:计划)?总投资(?:额)?|拟投资|投资额|计划投资|投资")
_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


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


def name_start(body: str, end: int, limit: int = 40) -> int:
    """Scan left from a head over name characters, then past the last verb or function word."""
    start = end
    while start > 0 and end - start < limit:
        ch = body[start - 1]
        if ch in "）)”":  # a short bracketed or quoted part inside the name: `（攀枝花）`, `“中国总部”`
            opener = "（" if ch == "）" else "(" if ch == ")" else "“"
            k = body.rfind(opener, max(0, start - 12), start - 1)
            if k < 0 or any(c in "，。；、" for c in body[k:start]):
                break
            start = k
            continue
        if ch in _STOP_CHARS:
            break
        start -= 1
    window = body[start:end]
    cut = 0
    for w in _STOP_WORDS:
        k = window.rfind(w)
        if k >= 0:
            cut = max(cut, k + len(w))
    for conj in ("和", "及", "与"):  # `OPPO智能制造中心和小天才…`: a list of two names
        k = window.rfind(conj)
        if k > 0 and window[:k].endswith(_HEAD_WORDS):
            cut = max(cut, k + 1)
    m = re.search(f"[{CJK}] +(?=[{CJK}])", window[cut:])
    while m:  # `调研协调 项目加快推进`: a space between Chinese words is a boundary
        cut += m.end()
        m = re.search(f"[{CJK}] +(?=[{CJK}])", window[cut:])
    return start + cut


def _status(context_before: str, context_after: str) -> str:
    """The status verb that governs the name.

    A verb right before it (`当天开工的…`, `投产项目的代表…`) wins, then the nearest one after
    it in the sentence (`…项目分别签约落地`, `…中心投入运行`), then the nearest one before.
    `计划总投资` is money, not a plan.
    """
    context_after = re.sub(r"计划(?=总?投资)", "", context_after)
    context_before = re.sub(r"计划(?=总?投资)", "", context_before)

    def nearest(text: str, from_end: bool) -> tuple[int, str] | None:
        best = None
        for status, pattern in _STATUS:
            for m in re.finditer(pattern, text):
                if text[m.end() : m.end() + 1] == "后":
                    continue  # `建成后可形成…`: after completion, a condition, not the status
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


def _resolve_date(m: re.Match[str], published: date | None) -> date | None:
    try:
        year = int(m.group("y")) if m.group("y") else (published.year if published else None)
        if year is None:
            return None
        d = date(year, int(m.group("m")), int(m.group("d")))
        if published and not m.group("y") and d > published:
            d = date(year - 1, d.month, d.day)
        return d
    except ValueError:
        return None


def _investment(sentence: str) -> tuple[float | None, float | None, str | None]:
    for m in _INVEST.finditer(sentence):
        for q in read_quantities(sentence[m.end() : m.end() + 16]):
            if q.unit in ("CNY", "USD") and q.start <= 4:
                if q.unit == "CNY":
                    return q.value, None, q.qualifier
                return None, q.value, q.qualifier
    return None, None, None


def _proper(body: str, start: int, end: int, parks: Sequence[ParkMention], companies: Sequence[CompanyMention]) -> bool:
    """Does a name open with something proper: Latin letters, a known place, a zone or a company?"""
    from loaders.reference import place_names

    if re.match(r"[A-Za-z]", body[start:end]):
        return True
    if any(c.start == start for c in companies) or any(p.start == start for p in parks if not p.is_reference):
        return True
    return any(body.startswith(n, start) for n in place_names() if len(n) >= 2)


def find_projects(
    body: str,
    parks: Sequence[ParkMention] = (),
    companies: Sequence[CompanyMention] = (),
    published_on: date | None = None,
) -> list[ProjectMention]:
    """Named projects of one article, each once (the first mention), with status and money."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(body)]
    lede_date = None
    if sentences:
        first = _DATE.search(body[sentences[0][0] : sentences[0][1]])
        lede_date = _resolve_date(first, published_on) if first else None
    main_park = max({p.name for p in parks}, key=lambda n: sum(p.name == n for p in parks)) if parks else None
    out: list[ProjectMention] = []
    seen: set[str] = set()
    for m in _HEAD.finditer(body):
        head = m.group(0)
        end = m.end()
        if end < len(body) and body[end] not in _NEXT_OK and not body[end].isspace():
            continue  # the head is inside a longer word (`项目前期`, `工程质量`, `中心城区`)
        if body[m.start() - 1 : m.start()].isspace():
            continue  # `调研协调 项目加快推进`: a head set apart by a space is a sub-heading's word
        start = name_start(body, m.start())
        while start < m.start() and body[start] in "和及与 ":
            start += 1
        name = body[start:end].strip(" “”")
        descriptor = name[: -len(head)]
        if len(descriptor) < 4 or _GENERIC.match(descriptor) or _COUNTED.search(body[max(0, start - 12) : start]):
            continue
        if _GENERIC_TAIL.search(descriptor) or (head == "工程" and descriptor.startswith("国家")):
            continue
        if re.search(r"\d+\s*个$", body[max(0, start - 6) : start]):
            continue
        s_start, s_end = next(((a, b) for a, b in sentences if a <= m.start() < b), (0, len(body)))
        before, after = body[s_start:start], body[end:s_end]
        status = _status(before[-20:], after)
        park_head = head in ("产业园", "科创园")
        if head not in _STRONG_HEAD and (
            status == "unknown" or not (park_head or _proper(body, start, end, parks, companies))
        ):
            continue  # `研发中心`, `企业培训中心`: a facility word, not a named project
        owner = next(
            (
                c
                for c in companies
                if c.start == start and c.end < m.start() and c.kind == "legal" and body[c.end] not in "（("
            ),
            None,
        )
        if owner is not None:  # `阿拉善盟星大铁合金有限公司13500KVA矿热炉节能技术改造`: the owner leads
            start = owner.end
        if (
            any(c.start <= start < c.end or start <= c.start < end for c in parks if not c.is_reference)
            and head in ("产业园", "科创园")
            and status == "unknown"
        ):
            continue
        key = re.sub(r"\s+|“|”", "", name)
        if key in seen or any(key in s or s in key for s in seen if len(s) >= 6 and len(key) >= 6):
            continue
        seen.add(key)
        sentence = body[s_start:s_end]
        cny, usd, qual = _investment(sentence)
        if cny is None and usd is None:  # `该项目拟投资 70 亿元` in a following sentence
            for a, b in sentences:
                if a >= s_end and re.match(r"^\s*(?:该项目|项目)", body[a:b]):
                    cny, usd, qual = _investment(body[a:b])
                    break
                if a >= s_end:
                    break
        company = owner.name if owner else next((c.name for c in companies if start <= c.start < end), None)
        if company is None:
            company = next((c.name for c in reversed(companies) if s_start <= c.start and c.end <= start), None)
        park = next((p.name for p in reversed(parks) if p.end <= start and p.start >= s_start), main_park)
        d = _DATE.search(sentence)
        event_date = (
            _resolve_date(d, published_on)
            if d
            else (lede_date if status in ("signed", "started", "in_production", "in_operation") else None)
        )
        out.append(
            ProjectMention(
                start,
                end,
                body[start:end],
                status,
                cny,
                usd,
                qual,
                company,
                park,
                event_date,
                s_start,
                s_end,
                body[s_start:s_end],
            )
        )
    out.extend(_list_items(body, sentences, companies, main_park, seen, published_on))
    out.extend(_quoted(body, sentences, main_park, seen))
    _fill_status(body, out, published_on)
    return sorted(out, key=lambda p: p.start)


def _list_items(body, sentences, companies, main_park, seen, published_on) -> list[ProjectMention]:
    out = []
    for m in _LIST_TAIL.finditer(body):
        if m.end() < len(body) and body[m.end()] not in _NEXT_OK:
            continue  # `等项目品牌优势`: not a list of projects
        s_start, s_end = next(((a, b) for a, b in sentences if a <= m.start() < b), (0, len(body)))
        verb = None
        for v in _LIST_VERB.finditer(body, s_start, m.start()):
            verb = v
        if verb is None:
            continue
        items_text = body[verb.end() : m.start()]
        status = _status(verb.group(0) + body[m.end() : s_end], "")
        pos = verb.end()
        for item in re.split(r"[、，,]|和(?=[^、，]{6,}$)", items_text):
            k = body.find(item, pos)
            pos = k + len(item)
            start, end = k, k + len(item)
            for c in companies:  # `阿拉善盟星大铁合金有限公司13500KVA矿热炉节能技术改造`: the owner leads
                if c.start == start and c.end < end:
                    start = c.end
            name = body[start:end].strip()
            key = re.sub(r"\s+|“|”", "", name)
            if len(name) < 4 or key in seen or any(key in x or x in key for x in seen if len(x) >= 6):
                continue
            seen.add(key)
            company = next((c.name for c in companies if c.start <= k < c.end or c.end == start), None)
            out.append(
                ProjectMention(
                    start,
                    end,
                    name,
                    status,
                    None,
                    None,
                    None,
                    company,
                    main_park,
                    None,
                    s_start,
                    s_end,
                    body[s_start:s_end],
                )
            )
    return out


def _quoted(body, sentences, main_park, seen) -> list[ProjectMention]:
    out = []
    for m in _QUOTED.finditer(body):
        name = m.group(2)
        if name in seen or any(name in x for x in seen):
            continue
        seen.add(name)
        s_start, s_end = next(((a, b) for a, b in sentences if a <= m.start() < b), (0, len(body)))
        status = _status(m.group(1), "")
        cny, usd, qual = _investment(body[s_start : m.end()])
        out.append(
            ProjectMention(
                m.start(2),
                m.end(2),
                name,
                status,
                cny,
                usd,
                qual,
                None,
                main_park,
                None,
                s_start,
                s_end,
                body[s_start:s_end],
            )
        )
    return out


def _fill_status(body: str, projects: list[ProjectMention], published_on: date | None = None) -> None:
    """Projects named without a verb take the status around them in their paragraph.

    Listed after another project, its status (`A项目、B项目则代表了…`); else the nearest
    status verb in the paragraph before (`共签约项目12个。其中，C项目总投资…`).
    """
    projects.sort(key=lambda p: p.start)
    for i, p in enumerate(projects):
        if p.status != "unknown":
            continue
        prev = projects[i - 1] if i > 0 else None
        if prev is not None and prev.status != "unknown" and "\n" not in body[prev.end : p.start]:
            projects[i] = ProjectMention(**{**p.__dict__, "status": prev.status})
            continue
        paragraph_start = body.rfind("\n", 0, p.start) + 1
        context = body[paragraph_start : p.evidence_start]
        status = _status(context, "")
        if status != "unknown":
            dates = list(_DATE.finditer(context))
            when = p.event_date or (_resolve_date(dates[-1], published_on) if dates else None)
            projects[i] = ProjectMention(**{**p.__dict__, "status": status, "event_date": when})
