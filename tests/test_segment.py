"""Article segmentation of every sample page, checked against the hand annotations."""

from __future__ import annotations

import random

import pytest

from loaders.normalize import clean_line
from loaders.reference import zone_suffixes
from loaders.segment import (
    _CREDIT_ENDS,
    _INNER_MARKER,
    _TRAILING_CREDIT,
    _ZONE,
    _inner_pieces,
    classify_lines,
    split_articles,
    zone_keys,
)
from tests.conftest import gold, sample_pages, squash


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.stem)
def test_page_splits_into_the_annotated_articles(page):
    articles = split_articles(page.read_text(encoding="utf-8"))
    expected = gold(page.name)["articles"]
    assert len(articles) == len(expected)
    for want in expected:
        hits = [a for a in articles if squash(a.body).startswith(squash(want["starts_with"]))]
        assert len(hits) == 1, f"no article starts with {want['starts_with']!r}"
        assert (hits[0].title or "") == want["title"], want["starts_with"]


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.stem)
def test_articles_are_in_page_order_and_keep_all_body_text(page):
    articles = split_articles(page.read_text(encoding="utf-8"))
    assert [a.index for a in articles] == list(range(len(articles)))
    assert all(a.body.strip() == a.body and a.body for a in articles)


def test_hard_wraps_are_joined_into_words():
    page = sample_pages()[0]  # 000: a column of ~15 characters per line, blank line between lines
    first = split_articles(page.read_text(encoding="utf-8"))[0]
    assert "特斯联与中国科学院重庆绿色智能技术研究院共建的重庆市首个" in first.body
    assert "\n" not in first.body.split("。")[0]


def test_inset_photo_caption_no_longer_cuts_a_sentence():
    """Page 001 prints a caption inside `山西自定义科|技有限公司`; the caption is kept, after the sentence."""
    page = next(p for p in sample_pages() if p.name.startswith("001"))
    body = split_articles(page.read_text(encoding="utf-8"))[0].body
    assert "这其中就包括山西自定义科技有限公司等信创软件开发企业。" in body
    assert "图为长治市卓怡恒通信息安全有限公司制造中心生产车间。" in body


def test_titles_printed_away_from_their_articles_are_attached_by_content():
    """Page 002 prints the 攀枝花 title and byline above the 蚌埠 item, after its own article."""
    page = next(p for p in sample_pages() if p.name.startswith("002"))
    by_start = {a.body[:6]: a for a in split_articles(page.read_text(encoding="utf-8"))}
    assert by_start["自第二批主题"].title.startswith("攀枝花钒钛高新区")
    assert by_start["自第二批主题"].byline == "张建玲"
    assert by_start["近期，自“党"].title == "“党员示范岗”树窗口服务新形象"


def test_bylines_from_markers_titles_and_signatures():
    page = next(p for p in sample_pages() if p.name.startswith("001"))
    bylines = [a.byline for a in split_articles(page.read_text(encoding="utf-8"))]
    assert bylines[0] == "本报记者 韩荣"  # `◎本报记者 韩荣` under the title
    assert bylines[3] == "记者华凌"  # `科技日报讯(记者华凌)`
    page0 = sample_pages()[0]
    assert split_articles(page0.read_text(encoding="utf-8"))[0].byline == "周小平 吴富强"  # signature line


def test_signature_glued_to_the_last_sentence_is_split_off():
    text = "本报讯 近日，某某高新区发布新政。\n\n为产业高质量发展提供有力支撑。李雯文\n本报讯 近日，另一篇。\n"
    first = split_articles(text)[0]
    assert first.byline == "李雯文"
    assert first.body.endswith("有力支撑。")


def test_subheads_are_not_article_starts():
    text = (
        "本报讯 近日，甲高新区举行活动，各方代表参加。\n"
        "调研协调 项目加快推进\n"
        "2023年12月22日，在项目建设现场，工人们各司其职。\n"
    )
    kinds = [ln.kind for ln in classify_lines(text)]
    assert "author" not in kinds
    assert len(split_articles(text)) == 1


def test_a_dated_lede_about_a_new_zone_starts_an_unmarked_article():
    column = "甲乙高新区持续推进产业\n发展，取得新的成效。\n" * 16  # a narrow column, wrapped
    lede = "近日从丙丁高新区管委\n会获悉，数据大厦迎来首\n批入驻企业。\n"
    text = f"甲乙高新区始终在产业发\n展上积极探索。\n{column}{lede}"
    articles = split_articles(text)
    assert [a.body[:4] for a in articles] == ["甲乙高新", "近日从丙"]


def test_page_without_markup_is_one_article():
    assert len(split_articles("这是一段没有任何标记的文字。它只有两句话。")) == 1


def test_titles_printed_together_at_the_page_end_go_to_their_articles():
    """Titles after the last body, each matched by content: one with its subtitle runs past 40
    characters, one opens with a `【栏目】` marker, one joins two actions with `、`."""
    line = "\n\n"
    page = line.join(
        [
            "本报讯 3月2日，白鹭高新区举行一季度重点项目集中签约，",
            "签约项目12个，总投资86亿元，涵盖新材料与智能装备等产业。",
            "编辑：张三",
            "本报讯 3月5日，云溪高新区二季度产业项目集中开工、投产",
            "仪式举行，开工项目9个，投产项目4个，当地企业代表出席。",
            "编辑：李四",
            "本报讯 3月6日，青松园区召开科技创新大会，表彰了一批",
            "创新企业和科技人才，全年研发投入增长百分之十五。",
            "（记者 综合）",
            "总投资86亿元 12个项目落户 ——白鹭高新区一季度重点项目集中签约活动在园区综合服务中心举行",
            "云溪高新区二季度产业项目集中开工、投产仪式举行",
            "【科创一线】青松园区召开科技创新大会",
        ]
    )
    titles = {a.body[9:13]: a.title for a in split_articles(page)}
    assert len(titles) == 3
    assert titles["白鹭高新"].startswith("总投资86亿元")
    assert titles["云溪高新"] == "云溪高新区二季度产业项目集中开工、投产仪式举行"
    assert titles["青松园区"] == "【科创一线】青松园区召开科技创新大会"


def _sample_lines() -> list[str]:
    raw = [ln for p in sample_pages() for ln in p.read_text(encoding="utf-8").splitlines()]
    crafted = [
        "成都高新区供图科技日报讯 (李迪 记者王一)近日",
        "……发展。本报北京12月12日电 记者",
        "项目落地见效。新华社成都1月6日电",
        "签约仪式现场。 李立婷/摄",
        "签约仪式现场。李立婷供图",
    ]
    return [clean_line(ln)[0] for ln in raw] + crafted


def test_line_pre_scans_agree_with_the_patterns_they_spare():
    """A line is split at inner markers and matched against a trailing credit only when it
    holds the words those patterns need; the patterns themselves would say the same."""
    lines = _sample_lines()
    assert any(len(_inner_pieces(t)) > 1 for t in lines)
    for t in lines:
        assert _inner_pieces(t) == _INNER_MARKER.split(t), t
        if _TRAILING_CREDIT.match(t):
            assert t.endswith(_CREDIT_ENDS), t


def test_zone_keys_finds_what_the_pattern_finds_anywhere():
    """zone_keys tries _ZONE only around suffixes; on sample lines and on strings dense with
    overlapping suffixes (`高新技术产业开发区` holds `开发区`, `国国家家` holds `国家` once
    `国家` is dropped) it finds what a scan of every character finds."""

    def scanned(text: str) -> set[str]:
        return {m.group(1) for m in _ZONE.finditer(text.replace("国家", ""))}

    pieces = [*"国家高新区技术产业开发经济园城谷小镇示范东湖滨海，。 a1", *(z.suffix for z in zone_suffixes())]
    rnd = random.Random(7)
    texts = _sample_lines() + ["".join(rnd.choices(pieces, k=rnd.randrange(1, 25))) for _ in range(20_000)]
    assert sum(bool(scanned(t)) for t in texts) > 1000
    for t in texts:
        assert zone_keys(t) == scanned(t), t
