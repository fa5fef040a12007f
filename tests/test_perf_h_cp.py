"""The shortcuts of the company and project extractors find what the plain rules they replace
find, on invented sentences and on random texts drawn from the characters they read."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import projects as P
from loaders.extract.companies import (
    _CLASS_NOUN,
    _CLASS_NOUNS,
    _GOVERNMENT_PARTNER,
    _LEGAL,
    _MEASURE,
    _before_bracket,
    _Found,
    _government_partner,
    _latest_start_by_end,
    _legal_matches,
    _lexicon,
    _region_of,
    _strip_region,
)


def _legal_agree(body: str) -> None:
    assert [m.span() for m in _legal_matches(body)] == [m.span() for m in _LEGAL.finditer(body)], body


def test_legal_matches_on_invented_names():
    for body in [
        "星河科技股份有限公司与青禾能源有限责任公司签约，云帆合伙企业（有限合伙）入驻",
        "北辰智能有限公司滨湖分公司、远川子公司、南山总公司和集团公司，股份公司",
        "有限公司",
        "分公司",
        "公司",
        "合伙企业",
        "无公司字样的正文",
        "",
    ]:
        _legal_agree(body)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "股份",
                "有限",
                "责任",
                "公司",
                "集团",
                "合伙",
                "企业",
                "（有限合伙）",
                "分",
                "子",
                "星河",
                "，",
                "限",
                "份",
            ]
        ),
        max_size=12,
    )
)
def test_legal_matches_on_random_texts(pieces: list[str]):
    _legal_agree("".join(pieces))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="（(）)当升蜀道政府管委会局与和同\n星河", max_size=14))
def test_bracket_and_government_partner_on_random_texts(text: str):
    assert _before_bracket(text) == re.split(r"[（(]", text, maxsplit=1)[0], text
    for start in range(len(text) + 1):
        plain = bool(_GOVERNMENT_PARTNER.search(text, max(0, start - 6), start))
        assert _government_partner(text, start) == plain, (text, start)


def test_government_partner_on_invented_sentences():
    text = "湘潭市政府与星河科技签约，高新区管委会和\n云帆智能，市科技局同北辰"
    found = [k for k in range(len(text) + 1) if _government_partner(text, k)]
    assert found == [k for k in range(len(text) + 1) if _GOVERNMENT_PARTNER.search(text, max(0, k - 6), k)]
    assert found


def _project_prechecks_agree(text: str) -> None:
    assert P._counted(text) == bool(P._COUNTED.search(text)), text
    assert P._without_planned_money(text) == P._PLANNED_MONEY.sub("", text), text
    for start in range(len(text) + 1):
        plain = bool(P._DESIGNATION.search(text, max(0, start - 6), start))
        assert P._designated(text, start) == plain, (text, start)


def test_project_prechecks_on_invented_sentences():
    for text in ["签约7个重点项目", "获批“星河示范基地”", "计划总投资8亿元，计划建设北辰产业园", "入选 “", "三个", ""]:
        _project_prechecks_agree(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["7", "三", "个", "重点", "，", "获批", "入选", "“", " ", "计划", "总", "投资", "星河", "\n"]),
        max_size=8,
    )
)
def test_project_prechecks_on_random_texts(pieces: list[str]):
    _project_prechecks_agree("".join(pieces))


def _status_starts_agree(text: str) -> None:
    for extra in ((), P._LIST_STATUS):
        plain = re.compile(f"(?={P._any_status(extra).pattern})")
        assert [m.start() for m in P._status_starts(extra).finditer(text)] == [
            m.start() for m in plain.finditer(text)
        ], text
    if P._DATE_MARK not in text:
        assert P.DATE.search(text) is None, text


def test_status_starts_on_invented_sentences():
    for text in [
        "星河新材料项目于2023年5月8日开工建设，北辰智造基地签约落户并投入运行",
        "青禾产业园揭牌，计划总投资10亿元，竣工后投产",
        "建设中的云帆中心正加快建设\n已运营",
        "",
    ]:
        _status_starts_agree(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "开工",
                "建设",
                "投入",
                "运行",
                "签约",
                "揭牌",
                "设施工",
                "施工",
                "计划",
                "5",
                "月",
                "日",
                "\n",
                "星河",
                "在建",
            ]
        ),
        max_size=10,
    )
)
def test_status_starts_on_random_texts(pieces: list[str]):
    _status_starts_agree("".join(pieces))


# the patterns as they were written before they were given a first-character skip
_PLAIN = {
    "_INVEST": r"(?:计划)?总投资(?:额)?|拟投资|投资额|计划投资|(?<!资产)(?<!资产 )投资",
    "_OTHER_NAME": "(?<![该此一])项目|“",
    "_LIST_INTRO": r"包括|包含|分别为|分别是|(?<![限所具拥])有(?![限色机效])|：|:",
}


def _rewritten_patterns_agree(text: str) -> None:
    for name, plain in _PLAIN.items():
        new = getattr(P, name)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in re.finditer(plain, text)], (name, text)
    measure = r"\d+\s*(?:年|月|日|号|家|个|项|亿|万|元|%|人|名|余|多)"
    assert [m.span() for m in _MEASURE.finditer(text)] == [m.span() for m in re.finditer(measure, text)], text
    found = P._project_count(text)
    plain_count = P._PROJECT_COUNT.search(text)
    assert (found and found.span()) == (plain_count and plain_count.span()), text
    for end in range(len(text) + 1):
        assert P._institutions_after(text, end) == bool(P._INSTITUTIONS_AFTER.match(text, end)), (text, end)


def test_rewritten_patterns_on_invented_sentences():
    for text in [
        "星河公司计划总投资额12亿元，资产投资3亿元，资产 投资2亿元，拟投资5亿元建设该项目、此项目和新项目",
        "项目包括：北辰基地、青禾中心，共有3个项目，有限公司具有资质，拥有专利，项目5个",
        "与云帆投促中心、星河研究院等单位签约，2023年签约12家",
        "",
    ]:
        _rewritten_patterns_agree(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "计划",
                "总",
                "投资",
                "额",
                "资产",
                " ",
                "拟",
                "该",
                "项目",
                "“",
                "有",
                "限",
                "具",
                "：",
                "包括",
                "3",
                "个",
                "等",
                "单位",
                "，",
                "年",
                "星河",
            ]
        ),
        max_size=12,
    )
)
def test_rewritten_patterns_on_random_texts(pieces: list[str]):
    _rewritten_patterns_agree("".join(pieces))


def _plain_strip_region(name: str) -> tuple[str, str]:
    regions = _lexicon().region_province
    region, rest = "", name
    for _ in range(3):
        for size in range(min(9, len(rest) - 2), 1, -1):
            head = rest[:size]
            if head in regions or head in ("中国", "中华"):
                region += head
                rest = rest[size:]
                break
        else:
            break
    return region, rest


def _plain_region_of(name: str) -> str | None:
    regions = _lexicon().region_province
    for size in range(min(9, len(name)), 1, -1):
        if name[:size] in regions:
            return regions[name[:size]]
    return None


_SOME_REGIONS = [*sorted(_lexicon().region_province, key=lambda r: (-len(r), r))[:40], "山西省", "长治市", "浙江"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_SOME_REGIONS, "中国", "中华", "星河", "科技", "市", "省", "有限公司"]), max_size=5))
def test_region_lookups_on_random_names(pieces: list[str]):
    name = "".join(pieces)
    assert _strip_region(name) == _plain_strip_region(name), name
    assert _region_of(name) == _plain_region_of(name), name


_PLAIN_QUOTED = re.compile(r"(建成|建设|打造|启用|投用|投运|开工|开园)(?:了)?\s*“([^”、，]{2,24})”")


def _quoted_agree(body: str) -> None:
    assert [(m.span(), m.groups()) for m in P._quoted_names(body)] == [
        (m.span(), m.groups()) for m in _PLAIN_QUOTED.finditer(body)
    ], body


def test_quoted_names_on_invented_sentences():
    for body in [
        "星河公司投资2亿元建设“北辰新材料生产基地”，建成了 “青禾数据中心”并启用“云帆“双创”园”",
        "打造“2+3+N”体系，开工“”，投运 了“X基地”，建设\n“星河智造基地”",
        "“开头的引号”",
        "",
    ]:
        _quoted_agree(body)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["建设", "建", "设", "了", " ", "\n", "“", "”", "星河基地", "、", "开工", "投运", "A"]),
        max_size=12,
    )
)
def test_quoted_names_on_random_texts(pieces: list[str]):
    _quoted_agree("".join(pieces))


def test_batch_cues_on_invented_descriptors():
    for d in ["星河新材料", "2023年招商引资", "三大", "投资推介会", "第5", "第５", "又一", "省级示范", "年度", ""]:
        assert P._may_be_batch(d) == bool(P._BATCH.search(d)), d


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"个批家大年季级又会动式坛一二两三四五六七八九十百千万亿元余多",
                *(
                    "论坛",
                    "仪式",
                    "活动",
                    "推介会",
                    "批次",
                    "季度",
                    "今年",
                    "年底",
                    "星河",
                    "智造",
                    " ",
                    "5",
                    "５",
                    "٣",
                ),
            ]
        ),
        max_size=6,
    )
)
def test_batch_cues_on_random_descriptors(pieces: list[str]):
    d = "".join(pieces)
    assert P._may_be_batch(d) == bool(P._BATCH.search(d)), d


def _tries_agree(body: str) -> None:
    plain_head = re.compile(f"(?:{P._HEADS})")
    assert [m.span() for m in P._HEAD.finditer(body)] == [m.span() for m in plain_head.finditer(body)], body
    plain_class = re.compile(f"(?:{'|'.join(_CLASS_NOUNS)})(?:企业|公司)")
    assert [m.span() for m in _CLASS_NOUN.finditer(body)] == [m.span() for m in plain_class.finditer(body)], body


def test_tries_on_invented_sentences():
    for body in [
        "星河产业基地项目与北辰公寓楼工程、青禾研发中心和云帆数据中心改造，潜在独角兽企业、行业领军公司",
        "龙头企业星河、高新技术企业北辰和上市公司青禾入驻科创园",
        "",
    ]:
        _tries_agree(body)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*P._HEADS.split("|"), *_CLASS_NOUNS, "公寓", "楼", "产业", "企业", "公司", "潜在", "行业", "领军", "星河"]
        ),
        max_size=10,
    )
)
def test_tries_on_random_texts(pieces: list[str]):
    _tries_agree("".join(pieces))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=8),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=6),
)
def test_latest_start_by_end_on_random_spans(mentions: list[tuple[int, int]], items: list[tuple[int, int]]):
    found = [_Found(a, b, "brand", "星河") for a, b in mentions]
    latest = _latest_start_by_end(found)
    for s, e in items:
        assert (latest.get(e, -1) >= s) == any(s <= f.start and f.end == e for f in found), (mentions, s, e)
