"""The fifth round's shortcuts in the company and project extractors decide what the plain
rules they replace decide.

Each shortcut is compared with the plain rule, written here as it was before, on invented
sentences and on random texts joined from the words and characters the rule reads.
"""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import companies, projects
from loaders.extract.companies import (
    _COOPERATION,
    _ENUM_COUNT,
    _FOLLOW_STRONG,
    _LEADING_ADVERBIAL,
    _PARTNER_STOP,
    _brand_ok,
    _clause_end,
    _clause_opening,
    _cut_left,
    _enum_cues,
    _industry_brands,
    _is_institution,
    _lexicon,
    _not_company,
    _occurs_twice,
    _organisation_end,
    _partner_brands,
    _person,
    _positions,
    _Spans,
    _strip_industry,
    _title_pattern,
    _uncovered,
)
from loaders.extract.lexicon import is_common
from loaders.extract.rules import STATUS

_INVENTED = [
    "星河科技与本地高校签约，云帆新能源发布新品。",
    "园区企业瑞丰化工荣获称号；北辰智能装备自主研发的设备上线",
    "光伏企业青禾能源，储能企业远川电子科技。创纪录的青禾能源；",
    "数字科技与，的青禾能源，青禾",
    "湘潭市政府与星河科技签订协议，青禾大学和云帆智能共建实验室",
    "近日，云帆智能与青禾研究院携手合作；甲乙丙和丁戊管委会联合",
    "星河、云帆、青禾等企业，像北辰这样的企业，三家龙头企业等等",
    "云帆智能总经理李明与星河科技董事长、北辰事业部",
    "",
    "与和等家，",
]


def _lexicon_pieces() -> list[str]:
    """Industry and cover words, suffixes of organisations, verbs and punctuation, to join at random."""
    lex = _lexicon()
    return [
        *lex.industry[:40],
        *lex.industry[-10:],
        *sorted(lex.cover)[:30],
        *lex.not_company[:15],
        *lex.zone_suffix[:5],
        *lex.titles[:10],
        *_FOLLOW_STRONG,
        *"，,；;。、的在甲乙丙丁戊星河云帆青禾企业政府大学家等三 A1",
        "这样的",
        "研究院",
        "共建",
        "签约",
        "合作",
    ]


_TEXTS = st.lists(st.sampled_from(_lexicon_pieces()), max_size=24).map("".join)


# --- the plain rules, as they were written before the shortcuts ------------------------------


def _industry_brands_plain(body: str) -> list[tuple[int, int, str]]:
    """`_industry_brands` without `_trade_may_end`: every match cut first, then checked."""
    with mock.patch.object(companies, "_trade_may_end", lambda *_: True):
        return [(f.start, f.end, f.name) for f in _industry_brands(body, [], _Spans(len(body)))]


def _partner_brands_plain(body: str, spans: _Spans) -> list[tuple[int, int, str, str]]:
    """`_partner_brands` as it was: both parties read and cut for every `与`/`和`."""
    out = []
    for m in re.finditer("[与和]", body):
        ce = _clause_end(body, m.start())
        if not _COOPERATION.search(body, m.end(), ce):
            continue
        cs = _clause_opening(body, m.start())
        after = body[m.end() : ce]
        left = body[cs : m.start()]
        lead = _LEADING_ADVERBIAL.match(left)
        a_start = cs + (lead.end() if lead else 0)
        a_start = _cut_left(body, a_start, m.start(), [])
        a = body[a_start : m.start()]
        stop = _PARTNER_STOP.search(after)
        b_end = m.end() + (stop.start() if stop else len(after))
        b = body[m.end() : b_end]
        for text, start, other in ((a, a_start, b), (b, m.end(), a)):
            text_s = text.strip()
            if not text_s or text_s != text or not 2 <= len(text) <= 8:
                continue
            if _not_company(text) or not _brand_ok(text) or is_common(text) or _person(text):
                continue
            if not _is_institution(other):
                continue
            if not spans.free(start, start + len(text)):
                continue
            spans.take(start, start + len(text))
            role = "partner_of_government" if re.search("政府|管委会|[局厅委]$", other.strip()) else ""
            out.append((start, start + len(text), text, role))
    return out


_ENUM_CUE_PLAIN = re.compile(f"等|这样的|[{_ENUM_COUNT}]家")


def _strip_industry_plain(name: str) -> list[str]:
    """The leftmost scope word from position 2 on that reaches the end, by a regex search."""
    steps, cur = [name], name
    while m := _lexicon().scope_end.search(cur, 2):
        cur = cur[: m.start()]
        steps.append(cur)
    return steps


def _name_start_scan_plain(body: str, end: int, limit: int) -> int:
    """`name_start`'s left scan as it was written first: one character test at a time."""
    start = end
    while start > 0 and end - start < limit:
        ch = body[start - 1]
        if ch in "）)”":
            opener = "（" if ch == "）" else "(" if ch == ")" else "“"
            k = body.rfind(opener, max(0, start - 12), start - 1)
            if k < 0 or any(c in "，。；、" for c in body[k:start]):
                break
            start = k
            continue
        if ch in projects._STOP_CHARS:
            break
        start -= 1
    return start


# --- the checks ---------------------------------------------------------------------------


def _companies_agree(body: str) -> None:
    got = [(f.start, f.end, f.name) for f in _industry_brands(body, [], _Spans(len(body)))]
    assert got == _industry_brands_plain(body), body
    got_partners = [(f.start, f.end, f.name, f.role) for f in _partner_brands(body, [], _Spans(len(body)))]
    assert got_partners == _partner_brands_plain(body, _Spans(len(body))), body
    assert _enum_cues(body) == [m.start() for m in _ENUM_CUE_PLAIN.finditer(body)], body
    assert _positions(body, "与和") == [m.start() for m in re.finditer("[与和]", body)], body
    lex = _lexicon()
    titles = re.compile("|".join(map(re.escape, lex.titles)))
    assert [m.span() for m in _title_pattern(lex.titles).finditer(body)] == [m.span() for m in titles.finditer(body)]
    for k in range(len(body) + 1):
        for text in (body[:k], body[k:]):
            assert _organisation_end(text) == (text.endswith(lex.not_company) or text.endswith(lex.zone_suffix)), text
            assert text.startswith(lex.scope_openings.get(text[:1], ())) == text.startswith(lex.scope), text
            assert _strip_industry(text) == _strip_industry_plain(text), text
            for enough in (1, 2, 3):
                assert _uncovered(text, enough) == min(_uncovered(text), enough), text
            if text:
                assert _occurs_twice(body, text) == (body.count(text) >= 2), text


def test_company_shortcuts_on_invented_sentences():
    for body in _INVENTED:
        _companies_agree(body)
    assert _industry_brands("光伏企业青禾能源，数字科技与", [], _Spans(14))  # the prefilter keeps a real one


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_company_shortcuts_on_random_texts(body: str):
    _companies_agree(body)


def _name_starts_agree(body: str) -> None:
    for end in range(len(body) + 1):
        for limit in (4, 12, 40):
            assert projects._scan_left(body, end, limit) == _name_start_scan_plain(body, end, limit), (body, end)


def test_name_start_scan_on_invented_names():
    for body in [
        "本次开工项目的代表三花智控未来产业中心项目",
        "青禾（攀枝花）钛材基地，星河“中国总部”项目",
        "在（云帆、星河）中心和“北辰。总部”项目",
        "）)”开工",
        "",
    ]:
        _name_starts_agree(body)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"（）()“”，。；、的在和甲乙丙丁星河项目中心 \n", "攀枝花", "总部"]), max_size=30))
def test_name_start_scan_on_random_texts(pieces: list[str]):
    _name_starts_agree("".join(pieces))


def _status_matches_agree(text: str) -> None:
    for extra in ((), projects._LIST_STATUS):
        starts = [m.start() for m in projects._status_starts(extra).finditer(text)]
        for _, pattern in projects._status_patterns(extra):
            got = [m.span() for m in projects._matches_from(pattern, text, starts)]
            assert got == [m.span() for m in pattern.finditer(text)], text


def _status_pieces() -> list[str]:
    """The status verbs' characters and words, and a few others, to join at random."""
    chars = {ch for _, pattern in STATUS + projects._LIST_STATUS for ch in pattern if "\u4e00" <= ch <= "\u9fff"}
    words = [w for _, pattern in STATUS for w in pattern.split("|") if re.fullmatch("[\u4e00-\u9fff]+", w)]
    return sorted(chars) + words + list("，。；的了项目园区设 ")


def test_status_matches_on_invented_sentences():
    for text in [
        "青禾产业园项目今年开工建设，开工建设以来施工顺利",
        "已经投入运营的中心揭牌，计划推进二期建设",
        "",
        "设施工",
    ]:
        _status_matches_agree(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_status_pieces()), max_size=20))
def test_status_matches_on_random_texts(pieces: list[str]):
    _status_matches_agree("".join(pieces))


_LIST_PIECES = [
    *"等一二两三四五六七八九十百余多个批总投资额万亿元的.、，大重点产业甲乙 ）”",
    *["项目", "17", "3.5", "12个", "总投资10亿元的", "等一批", "等多个", "\u3000", "５"],
]


def _list_tails_agree(text: str) -> None:
    assert [m.span() for m in projects._list_tails(text)] == [m.span() for m in projects._LIST_TAIL.finditer(text)]


def test_list_tails_on_invented_sentences():
    for text in [
        "推进A、B等17个项目，C、D十大项目，3个重点项目",
        "包括星河基地、青禾园区等总投资12.5亿元的一批重大项目12个",
        "等 项目，等一批项目项目两大项目",
        "",
    ]:
        _list_tails_agree(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=40))
def test_list_tails_on_random_texts(pieces: list[str]):
    _list_tails_agree("".join(pieces))
