"""Patterns more than one extractor reads: sentences, dates, and the verbs of a project's status.

Kept in one place so that "what ends a sentence" or "which verb means started" cannot drift
apart between the project extractor, the article context and the metric reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# every pattern made by `skip_to`: (its opening characters, the pattern), for the test that
# checks each pattern can only open with the characters it names
SKIPPING: list[tuple[str, str]] = []


def skip_to(first: str, pattern: str) -> re.Pattern[str]:
    """`pattern`, tried only where one of the characters `first` stands (a character class's
    body, e.g. `\\d今去`); every match of `pattern` must open with one of them.

    The lookahead lets the regex engine skip to those characters instead of trying the whole
    pattern at every offset of every sentence; the matches are the same. `first` is written
    beside the pattern it serves, and tests/test_extract_prescans.py checks it against the
    pattern's parse, so a word added to a pattern cannot silently be skipped.
    """
    SKIPPING.append((first, pattern))
    return re.compile(f"(?=[{first}])(?:{pattern})")


SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
DATE = skip_to(r"\d", r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")

# status -> the verbs that put a project in it, in the order a tie is broken
STATUS = (
    ("approved", r"获批|批准成立|批准"),
    ("in_operation", r"投运|投入运行|投入使用|启用|开园|(?:投入|正式|开始|已经?)(?:运营|运行)|(?:运营|运行)以来"),
    ("in_production", r"投产|试生产|达产|投入生产"),
    ("completed", r"竣工|建成|完成(?![^，。；,;]{0,6}(?:投资|产值|营收|收入|任务|目标|销售|税收))"),
    ("started", r"开工|奠基|破土动工|开建|动工|启动建设"),
    ("signed", r"签约|落户|签署|引进|入驻"),
    (
        "under_construction",
        r"在建|建设中|加快建设|推进[^，。；,;]{0,12}建设|(?<!设)施工|建设现场|开工建设以来|开展建设",
    ),
    ("planned", r"拟|计划|规划|谋划|将建设|前瞻|布局|推动[^，。；,;]{0,24}落地"),
)
# a status verb right after these is a forecast, not what happened (`预计投产三年内…`, `有望年底竣工`)
_FUTURE = re.compile(r"(?:预计|有望|力争|争取|将于|将在|将)[^，。；,;]{0,2}$")
_FUTURE_REACH = 4


def is_forecast(text: str, verb_start: int) -> bool:
    """Is the status verb at `verb_start` of `text` a forecast?"""
    return bool(_FUTURE.search(text, max(0, verb_start - _FUTURE_REACH), verb_start))


# the statuses an event of one day gives its projects (a signing, a groundbreaking, an opening)
EVENT_STATUSES = ("signed", "started", "completed", "in_production", "in_operation")
EVENT_VERBS = re.compile("|".join(p for s, p in STATUS if s in EVENT_STATUSES))

# words that open a clause before its subject or its metric phrase: times, connectives, verbs.
# (opening characters, alternative), in the order LEAD tries them; the opening characters are a
# character class's body (tests/test_perf_d_metrics.py checks them against each alternative)
_LEAD_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    (r"\d", r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:上午|下午|晚)?[，,]?"),
    ("\u4e00-\u9fff", r"[\u4e00-\u9fff]{0,6}(?:日报|晚报|时报)?讯(?!员)\s*(?:[(（][^)）]{0,40}[)）]\s*)?"),
    ("12", r"(?:19|20)\d{2}\s*年(?:年底|年末|底|末|全年|度)?"),
    ("今", r"今年(?:以来)?"),
    ("去", r"去年(?:全年)?"),
    ("前", "前三季度"),
    ("一二三四", "[一二三四]季度"),
    ("上", "上半年"),
    ("全", "全年"),
    ("目", "目前"),
    ("当", "当前"),
    ("如", "如今"),
    ("现", "现阶段"),
    ("截", "截至[^，,]{0,12}"),
)
# the rest are plain words, each opening with its first character
_LEAD_WORDS = (
    "近年来|近几年|其中|同时|此外|另外|据统计|数据显示|据了解|据悉|据介绍|"
    "记者了解到|当天|此次|本次|"
    "累计|共|已经|已|还|再|新增|新|先后|每年|年均|分别|达到了|达到|实现了|实现|完成了|完成|拥有|集聚了|集聚|聚集了|聚集|"
    "培育了|培育|引进了|引进|设立了|设立|建成了|建成|建立了|建立|吸引了|吸引|带动了|带动|新增|入选|获得了|获得|获评|获|"
    "发表了|发表|开展了|开展|举办了|举办|提供了|提供|招收了|招收|下设了|下设|组织|发放了|发放|辅导|"
    "培训|举行|有|为|是|的|在|将|可|约|近|超|逾|达|仅|高达|突破"
)
_LEAD_ALL = _LEAD_ALTERNATIVES + tuple((w[0], w) for w in _LEAD_WORDS.split("|"))
LEAD = re.compile("^(?:" + "|".join(a for _, a in _LEAD_ALL) + r")\s*")
_XUN = 1  # the alternative of `…讯`: its `讯` stands within the text's first _XUN_REACH characters
_XUN_REACH = 6 + 2 + 1  # up to six characters, `日报`/`晚报`/`时报`, then `讯`
_XUN_LOWEST, _XUN_HIGHEST = _LEAD_ALL[_XUN][0].split("-")  # the range of characters it opens with
# the patterns by opening character: without the `…讯` alternative, and with it
_LEAD_BY_OPENING: tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]] = ({}, {})


def lead_match(text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """`LEAD.match(text[pos:endpos])` (its match read in place, at `pos`), trying only the
    alternatives that can open with the text's first character (and the `…讯` one only when a
    `讯` stands near enough).

    The engine tries LEAD's hundred alternatives one after the other at every clause it
    strips, and the first that matches wins; an alternative that cannot open with the text's
    first character cannot match, so leaving it out (in order) changes nothing.
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    if pos >= end:
        return None  # every alternative reads at least one character
    first = text[pos]
    # (a `讯` is looked for only after a character the `…讯` alternative can open with)
    xun = _XUN_LOWEST <= first <= _XUN_HIGHEST and text.find("讯", pos, min(end, pos + _XUN_REACH)) >= 0
    by_opening = _LEAD_BY_OPENING[xun]
    pattern = by_opening.get(first)
    if pattern is None:
        pattern = by_opening[first] = _lead_for(first, xun)
    return pattern.match(text, pos, end)


def _lead_for(first: str, xun: bool) -> re.Pattern[str]:
    """LEAD with only the alternatives a text opening with `first` can match (made once per
    opening character and process: constant data, not a cache of texts)."""
    kept = tuple(
        i
        for i, opening in enumerate(_lead_openings())
        if (xun or i != _XUN) and (first in opening if isinstance(opening, str) else opening.match(first))
    )
    return _lead_pattern(kept)


@cache
def _lead_openings() -> tuple[str | re.Pattern[str], ...]:
    """Each alternative's opening characters: the characters themselves when they are listed
    one by one, else their class compiled (`\\d`, a range)."""
    return tuple(
        re.compile(f"[{opening}]") if "\\" in opening or "-" in opening else opening for opening, _ in _LEAD_ALL
    )


@cache
def _lead_pattern(kept: tuple[int, ...]) -> re.Pattern[str]:
    if not kept:
        return re.compile("(?!)")  # nothing can open with the character
    # no `^`: matched at a position (LEAD's alternatives hold no `^` or lookbehind of their own)
    return re.compile("(?:" + "|".join(_LEAD_ALL[i][1] for i in kept) + r")\s*")


def strip_lead(text: str) -> str:
    """`LEAD.sub("", text)`: LEAD is anchored at the start and never matches empty, so it
    removes at most its one match there."""
    m = lead_match(text)
    return text[m.end() :] if m else text


class LastWordEnd:
    """Where the rightmost occurrence of any of `words` ends in a text (0 when none occurs):
    `LastWordEnd(words)(text)`. Made once per word list (at import), since it compiles.

    One search of the reversed text for the reversed words as a trie (`longest_word`), instead
    of one `rfind` per word: the leftmost match in the reversed text is the word ending furthest
    right in the text, and the trie matches wherever one of the words does.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._reversed = re.compile(longest_word(w[::-1] for w in words))

    def __call__(self, text: str) -> int:
        m = self._reversed.search(text[::-1])
        return len(text) - m.start() if m else 0


def longest_word(words: Iterable[str]) -> str:
    """A regex matching, where it is tried, the longest of `words` that starts there: what
    `"|".join(words sorted longest first)` matches, written as a trie (`中(?:山|国(?:…)?)`) so
    that the engine follows the text's characters instead of trying thousands of names in turn.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _branches(trie)


_END = ""  # the trie key marking that a word ends at this node


def _branches(node: dict[str, dict]) -> str:
    """The continuations of one trie node, longer ones first (a greedy optional group)."""
    branches = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{alternation})?" if len(branches) == 1 else alternation + "?"
    return alternation
