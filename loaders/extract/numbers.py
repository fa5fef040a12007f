"""Read quantities (number + scale + unit, with a qualifier) out of Chinese news text.

`777.8 亿元` -> 77_780_000_000 CNY; `超 22 万家` -> 220_000 家 (gt); `近 140 亿元` ->
14_000_000_000 CNY (approx); `两千余万元` -> 20_000_000 CNY (gt); `1/2` -> 50 percent;
`5%—15%` -> two quantities. A cheap regex finds candidates; small rules then drop what
only looks like a quantity: dates, durations, ordinals, names with numbers (`30强`,
`311信创体系`, `E2000`), class labels (`千亿元级`), counted list items (`两个超亿美元
项目`), addresses and phone numbers.

`read_quantities` never raises and every span it returns lies inside its input
(property-tested), so it can run over any text.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# measure words for counts and physical amounts, longest first
MEASURES = (
    "平方公里",
    "平方米",
    "万平方米",
    "立方米",
    "人次",
    "吨/年",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "GW",
    "MW",
    "KVA",
    "公里",
    "万人",
    "家(次)",
    "家（次）",
    "台套",
    "家",
    "人",
    "个",
    "项",
    "件",
    "篇",
    "套",
    "台",
    "吨",
    "亩",
    "度",
    "名",
    "所",
    "座",
    "栋",
    "条",
    "款",
    "场",
    "期",
    "次",
    "批",
    "户",
    "位",
    "支",
    "种",
    "类",
    "颗",
    "片",
    "辆",
    "架",
    "艘",
    "根",
    "张",
    "册",
    "份",
    "部",
    "本",
    "箱",
    "头",
    "米",
    "千米",
    "公顷",
)
_MEASURE_RE = "|".join(re.escape(m) for m in sorted(MEASURES, key=len, reverse=True))

_NUM = r"\d+(?:[,，]\d{3})*(?:\.\d+|)"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN_NUM = f"[{_CN_CHARS}]+"
# qualifiers before a number, in the order tried
_PREFIXES = ("超过", "超", "逾", "近", "约", "大约", "达到", "达", "突破", "不足", "不到", "高达", "多达")
_PREFIXES += ("累计", "共", "仅")
# Each optional part is an alternation ending in an empty branch (`(?P<post1>余|多|)`), not a group
# made optional with `?`: the engine tries the same things in the same order, but a branch is
# far cheaper for it than a repeat of a group (a sixth of the scan); an absent part reads "".
_PREFIX_Q = "(?P<pre>" + "|".join(_PREFIXES) + "|)"
# what a quantity can start with (a qualifier, a digit, a Chinese numeral): the lookahead lets
# the engine skip to these characters instead of trying the whole pattern at every offset
_OPENING = "(?=[" + "".join(sorted({w[0] for w in _PREFIXES})) + _CN_CHARS + r"\d])"
_SUFFIX_Q = r"(?P<post>余|多|以上|左右|上下|之多|)"

QUANTITY = re.compile(
    # the spaces after an absent qualifier match nothing: the match opens on a non-space (_OPENING),
    # so a run of spaces is not retried at every offset (linear time)
    _OPENING + _PREFIX_Q + r"\s*"
    r"(?P<num>" + _NUM + r"|" + _CN_NUM + r")"
    r"\s*(?P<post1>余|多|)"
    r"(?P<scale>万亿|亿|万|千|百|)"
    r"\s*(?P<post2>余|多|)\s*"
    r"(?P<unit>个百分点|%|％|倍|亿?美元|元|(?:" + _MEASURE_RE + r")|)" + _SUFFIX_Q
)
FRACTION = re.compile(
    r"(?P<pre>超过|超|近|约)?(?<!\d)(?P<a>\d+)\s*/\s*(?P<b>\d+)"
    r"|(?<![一二三四五六七八九十])(?P<cn_b>[一二三四五六七八九十]+)分之(?P<cn_a>[一二三四五六七八九十]+)"
)
HALF = re.compile(r"(?:(?P<pre>超过|接近|近|约)[^，。；、]{0,6}?)?(?P<word>一半|半壁江山|过半)")

# a qualifier character that is really the end of a word before the number: `签约5个`, `到达`, `最近`
_QUALIFIER_WORDS = {
    "约": set("签节预制合特公违履邀相"),
    "近": set("最附亲临靠"),
    "超": set("高赶"),
    "达": set("到抵发表传下长送直"),
}

QUALIFIERS = {
    "超过": "gt",
    "超": "gt",
    "逾": "gt",
    "余": "gt",
    "多": "gt",
    "以上": "gt",
    "之多": "gt",
    "近": "approx",
    "约": "approx",
    "大约": "approx",
    "左右": "approx",
    "上下": "approx",
    "接近": "approx",
    "达": "gte",
    "达到": "gte",
    "突破": "gte",
    "高达": "gte",
    "多达": "gte",
    "不足": "lt",
    "不到": "lt",
}

# what follows a number that makes it a date, duration, ordinal, rank, name, or class label
_NOT_AFTER = re.compile(
    r"\s*(?:年(?!产)|月|日|号|时|点(?!\d)|分钟|秒|周年|天|周(?!边)|小时|个月|届|强|级|岁|后(?![^\s，。]{0,3}(?:企业|人才))|"
    r"代|大(?=[^\s，。；]{0,6}(?:产业|工程|行动|体系|领域|板块|集群|机制|方面|任务|要素|中心))|"
    r"方面|年代|世纪|期(?=工程|项目)|[+＋]|号线|产业体系|信创体系|体系|条(?=政策|措施|意见))"
)
# an ordinal, a rank or a span of time before a number (`第3`, `前10`, `连续5年`, `Top10`, `E2000`):
# the words, or a Latin letter or sign, ending (but for spaces) the _BEFORE characters before it
_NOT_BEFORE_WORDS = ("第", "前", "连续", "历时", "用时", "仅用", "长达", "每", "Top", "TOP", "No.")
_NOT_BEFORE_MARKS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+＋·-")
_BEFORE = 4
# small Chinese numerals count things in passing (`两个超亿美元项目`, `三位一体`); only these measures keep them
_CN_SMALL_DIGITS = "二两三四五六七八九十"
_CN_SMALL = re.compile(f"^[{_CN_SMALL_DIGITS}]{{1,3}}$")
_CN_SMALL_OPENING = frozenset(_CN_SMALL_DIGITS)  # a number opening otherwise (`3`, `一`) is not asked
_CN_SMALL_MEASURES = {"家", "次", "名"}
# `亿元以上的企业`, `亿元以上项目16个`: an amount that names a class, not a figure
_THRESHOLD = re.compile(r"\s*(?:以上|以下)?的?(?:[\u4e00-\u9fff]{0,4})(?:企业|公司|单位|机构|项目)")
_AHEAD = 40  # how far past a number its context is read (a bounded window keeps the reader linear)
_DATE_CONTEXT = re.compile(r"^\s*[—\-~～至到]\s*\d")
_NAME_AFTER = re.compile(r"级|[A-Za-z0-9]")  # `5A级`, `2000E`: a grade or a model name
_RANGE_AFTER = re.compile(r"^\s*[-—]\s*\d")  # `1/2-3`: a range, not a fraction
_DIGIT_BEFORE = re.compile(r"\d\s*$")
_YEARLY = re.compile(r"年产\s*$")  # `年产120万件`: a yearly capacity


class Quantity(NamedTuple):
    """One number read, in base units (a named tuple: the reader makes one per candidate, and a
    frozen dataclass's field-by-field `__init__` costs several times more)."""

    start: int
    end: int
    text: str
    value: float
    unit: str  # CNY | USD | percent | 个百分点 | 倍 | a measure word
    qualifier: str = "eq"  # eq | gt | gte | approx | lt


# No figure in the news reaches this in base units (China's GDP is ~1.3e14 CNY); a value
# beyond it, or inf/nan from a 300-digit run, is a misread. dbt_project.yml's
# `max_plausible_value` holds the same bound for the marts' tests.
MAX_PLAUSIBLE_VALUE = 1e15


def plausible_value(value: float) -> bool:
    """A finite value no larger than MAX_PLAUSIBLE_VALUE: anything else is not a quantity."""
    return math.isfinite(value) and abs(value) <= MAX_PLAUSIBLE_VALUE


def cn_to_number(s: str) -> float | None:
    """`两千` -> 2000, `十二` -> 12, `三百六十五` -> 365, `一百零五` -> 105, `千` -> 1000."""
    if not s:
        return None
    total, section, digit = 0.0, 0.0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (digit if digit is not None else 1) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in ("万", "亿"):
            section += digit or 0
            if not section and not total:
                section = 1  # `亿美元`, `万家`: a bare scale is one of it
            scale = 1e4 if ch == "万" else 1e8
            total = (total + section) * scale if ch == "亿" or total < scale else total + section * scale
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def _number(raw: str) -> float | None:
    raw = raw.replace(",", "").replace("，", "")
    if raw[:1] in _CN_CHARS:  # `两千`: no float can open with it, so none is tried (and raised)
        return cn_to_number(raw)
    try:
        return float(raw)
    except ValueError:
        return cn_to_number(raw)


def _unit_of(unit: str | None) -> tuple[str | None, float]:
    """Canonical unit and the multiplier the unit itself carries (`亿美元` -> USD, 1e8)."""
    if not unit:
        return None, 1.0
    if unit in ("%", "％"):
        return "percent", 1.0
    if unit.endswith("美元"):
        return "USD", 1e8 if unit.startswith("亿") else 1.0
    if unit == "元":
        return "CNY", 1.0
    if unit == "万人":
        return "人", 1e4
    if unit == "万平方米":
        return "平方米", 1e4
    if unit == "家（次）":
        return "家(次)", 1.0
    return unit, 1.0


# the canonical unit and multiplier of every unit word QUANTITY reads, worked out once
_UNITS = {w: _unit_of(w) for w in ("个百分点", "%", "％", "倍", "美元", "亿美元", "元", *MEASURES)}


def _qualifier(*words: str | None) -> str:
    for w in words:
        if w and w in QUALIFIERS:
            return QUALIFIERS[w]
    return "eq"


def _is_excluded(text: str, num_start: int, end: int, pre: str | None, unit: str) -> bool:
    """A date, a duration, an ordinal, a rank or a name (`第3家`, `3年`, `30强`, `5A级`), for the
    match whose number starts at `num_start` and which ends at `end`.

    Asked only of matches with a unit: a bare number before `年`/`月` (a date) has none and is
    never read. The patterns are matched in place (at `pos`), not on slices of the text."""
    if not pre and _ordinal_before(text[max(0, num_start - _BEFORE) : num_start].rstrip()):
        return True
    if unit not in _MONEY_AND_RATES and _NOT_AFTER.match(text, end, end + 8):
        return True
    return bool(_NAME_AFTER.match(text, end, end + 3))


def _ordinal_before(before: str) -> bool:
    """Whether the text before a number (spaces stripped) ends with a `_NOT_BEFORE_WORDS` word or
    mark: an `endswith`, not a regex tried at each of its characters."""
    return before.endswith(_NOT_BEFORE_WORDS) or before[-1:] in _NOT_BEFORE_MARKS


def _in_slogan(text: str, start: int, end: int) -> bool:
    """`建强“1 个核心”`, `“1+8+N”`: a number inside a short quoted name is part of the name."""
    open_q = text.rfind("“", max(0, start - 3), start + 1)
    if open_q < 0 or text[open_q + 1 : start].strip():
        return False
    close_q = text.find("”", end, end + 7)
    return 0 <= close_q - end <= 6


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order; never raises, spans always inside `text`.

    The guard is for production only (a reader bug must not cost a page); the property tests
    call `read` itself, so a bug fails them instead of hiding here.
    """
    try:
        return read(text)
    except Exception:
        return []


def read(text: str) -> list[Quantity]:
    """The reader, step by step: fractions, halves, then every other number with its scale,
    unit and qualifier, skipping what overlaps a fraction or a half."""
    # every fraction is written with `/` or `分之`, every half with `半`: most texts hold none
    # (three look-ups, cheaper than one search of the text for them)
    if "/" not in text and "半" not in text and "分之" not in text:
        return _numbers(text)
    out = _fractions(text) + _halves(text)
    if not out:  # most texts: nothing to overlap, and the numbers come in order already
        return _numbers(text)
    taken = bytearray(len(text))  # positions inside a fraction or half: O(1) overlap checks
    for q in out:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
    return sorted(out + _numbers(text, taken), key=lambda q: q.start)


_GROUPS = ("pre", "num", "post1", "scale", "post2", "unit", "post")  # read at once, not one call each
_UNIT = _GROUPS.index("unit")
_GROUP_NUMBERS = tuple(QUANTITY.groupindex[g] for g in _GROUPS)  # read by number: no name looked up
_UNIT_GROUP = QUANTITY.groupindex["unit"]


def _numbers(text: str, taken: bytearray | None = None) -> list[Quantity]:
    """The quantities QUANTITY finds, outside the `taken` positions, in order of their starts:
    each starts inside its match, and the matches do not overlap."""
    out = []
    for m in QUANTITY.finditer(text):
        # a number without a unit is never a figure (`一体化`, `2023年`): half the matches
        if not m.group(_UNIT_GROUP) or (taken is not None and 1 in taken[m.start() : m.end()]):
            continue
        q = _quantity(text, m, m.group(*_GROUP_NUMBERS))
        if q is not None:
            out.append(q)
    return out


def _fractions(text: str) -> list[Quantity]:
    """`1/2` -> 50 percent, `三分之一` -> 33.33; not dates (`3/4号`) or ranges (`1/2-3`)."""
    out: list[Quantity] = []
    if "/" not in text and "分之" not in text:
        return out  # every fraction is written with one of them
    for m in FRACTION.finditer(text):
        if m.group("a"):
            a, b = float(m.group("a")), float(m.group("b"))
            if _RANGE_AFTER.match(text[m.end() : m.end() + _AHEAD]) or _DIGIT_BEFORE.search(
                text[max(0, m.start() - 1) : m.start()]
            ):
                continue
        else:
            a, b = cn_to_number(m.group("cn_a")) or 0, cn_to_number(m.group("cn_b")) or 0
        if not b or a > b or text[m.end() : m.end() + 1] in ("号", "年"):
            continue
        value = round(100 * a / b, 2)
        if plausible_value(value):
            out.append(Quantity(m.start(), m.end(), m.group(0), value, "percent", _qualifier(m.groupdict().get("pre"))))
    return out


def _halves(text: str) -> list[Quantity]:
    """`一半`, `半壁江山` -> 50 percent; `过半` -> more than 50."""
    out: list[Quantity] = []
    if "半" not in text:
        return out  # `一半`, `半壁江山`, `过半`
    for m in HALF.finditer(text):
        word = m.group("word")
        qual = "gt" if word == "过半" else _qualifier(m.group("pre"))
        out.append(Quantity(m.start("word"), m.end("word"), word, 50.0, "percent", qual))
    return out


def _counted_value(raw: str, pre: str | None, post: str | None) -> float | None:
    """The number as written, or None when it is no count (`一家`, `零部件`, a bare `万`)."""
    if not raw or raw in ("一", "零", "〇") or raw.startswith(("零", "〇")):
        return None  # `一家`, `一批`: an article, not a count; `零部件`
    if raw in ("万", "亿", "千", "百", "十") and not (pre or post):
        return None  # `万人有效发明专利`: a bare scale needs a qualifier (`超千家`, `千余名`)
    return _number(raw)


def _no_figure(text: str, num_start: int, end: int, pre: str | None, raw: str, unit: str, post: str | None) -> bool:
    """A number that only looks like a figure: a date, an ordinal, a name, a threshold, a slogan
    (for the match whose number starts at `num_start` and which ends at `end`)."""
    if _is_excluded(text, num_start, end, pre, unit):
        return True
    if raw[:1] in _CN_SMALL_OPENING and _CN_SMALL.match(raw) and unit not in _CN_SMALL_MEASURES:
        return True
    threshold = (post == "以上" or text[end : end + 2] in ("以上", "以下")) and _THRESHOLD.match(
        text, end, end + _AHEAD
    )
    return bool(threshold) or _in_slogan(text, num_start, end)


_MONEY_AND_RATES = ("CNY", "USD", "percent", "个百分点", "倍")
# a whole number below this has at most 12 digits: `.12g` writes it exactly, so reads it back
_WHOLE_AS_WRITTEN = 1e12


def _rounded(value: float) -> float:
    """`value` to 12 significant digits (316.15亿 is 31615000000, not …999.996). A whole
    number of at most 12 digits (most counts, most amounts) is its own rounding: it is not
    written out and read back, which costs more than the rest of reading the quantity."""
    if value.is_integer() and abs(value) < _WHOLE_AS_WRITTEN:
        return value
    return float(f"{value:.12g}")


def _quantity(text: str, m: re.Match[str], groups: tuple[str | None, ...] | None = None) -> Quantity | None:
    """One match of QUANTITY (and its `_GROUPS`, when read already) as a quantity in base
    units, or None when it is no figure."""
    pre, raw, post1, scale_word, post2, unit_word, post = m.group(*_GROUPS) if groups is None else groups
    if not unit_word:
        return None  # a number without a unit is never a figure
    post = post1 or post2 or post
    value = _counted_value(raw, pre, post)
    if value is None:
        return None
    unit, unit_scale = _UNITS[unit_word]
    start, end = m.span()
    num_start = m.start("num")
    if _no_figure(text, num_start, end, pre, raw, unit, post):
        return None
    if unit not in _MONEY_AND_RATES and _YEARLY.search(text, max(0, start - 3), num_start):
        unit = f"{unit}/年"  # `年产120万件`: a yearly capacity
    scale = SCALES.get(scale_word or "", 1.0)
    if unit == "percent" and scale != 1.0:
        return None
    value = _rounded(value * scale * unit_scale)
    if not plausible_value(value):
        return None
    if pre and start > 0 and text[start - 1] in _QUALIFIER_WORDS.get(pre[0], ()):
        pre = None  # `签约5个项目`: 约 belongs to 签约
    qual = _qualifier(post, pre)  # `达4000余人次` is gt, `达到80%左右` approx
    if not (pre and pre in QUALIFIERS):
        start = num_start
    span = text[start:end].rstrip()
    return Quantity(start, start + len(span), span, value, unit, qual)
