"""Input formats: a PDF page read by its layout, a saved web article without its site, and the registry.

Every fixture is made here from the invented stories of `tests/pagegen.py`.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from loaders.decode import PageError
from loaders.formats import FORMATS, detect, page_suffixes, read_file
from loaders.formats.base import SourcePage, language_problem
from loaders.formats.html import decode_html
from loaders.formats.pdf import _outlineless
from loaders.formats.pdf_layout import Glyph, _join, read_layout
from tests.pagegen import (
    CHROME_NUMBERS,
    CHROME_ZONES,
    ENGLISH_STORY,
    STORIES,
    encrypted_pdf,
    index_page,
    print_pdf,
    scanned_pdf,
    to_html,
    to_pdf,
    to_print_html,
)


def _bodies(stories=STORIES) -> dict[str, str]:
    """What each story's body must read as: its paragraphs, then its photo caption."""
    return {s.full_title: "\n".join([*s.paragraphs, *([s.caption] if s.caption else [])]) for s in stories}


# --- registry -----------------------------------------------------------------------------


def test_every_format_owns_its_suffixes_and_the_txt_path_is_one_of_them():
    assert {f.name for f in FORMATS} == {"txt", "pdf", "html", "image"}
    assert {".txt", ".pdf", ".html", ".htm"} <= page_suffixes()
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))  # one format per suffix


@pytest.mark.parametrize(
    ("name", "head", "expected", "noted"),
    [
        ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf", False),
        ("a.pdf", b"<!DOCTYPE html><html><head><title>403</title>", "html", True),
        ("a.txt", b"%PDF-1.4\n", "pdf", True),
        ("a.html", b"<!doctype html>\n<html lang=zh>", "html", False),
        ("a.htm", b"\xef\xbb\xbf  <!-- saved -->\n<html><head>", "html", False),
        ("a.txt", "本报讯 近日，某高新区<签约>项目。".encode(), "txt", False),
        ("a.html", "本报讯 只是文本。".encode(), "html", False),  # named html: its reader judges
        ("noext", "本报讯 只是文本。".encode(), "txt", False),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image", True),
        ("BM.txt", "BM 本报讯 不是位图。".encode(), "txt", False),
    ],
)
def test_a_file_is_read_by_what_it_holds_and_a_misleading_name_is_noted(name, head, expected, noted):
    fmt, note = detect(name, head)
    assert fmt.name == expected
    assert (note is not None) == noted
    if noted:
        assert fmt.label in note


def test_a_pdf_that_is_really_an_html_page_is_read_as_html_and_says_so():
    read = read_file("story.pdf", to_html(STORIES[1]).encode("utf-8"))
    assert read.format == "html"
    assert read.notes == ["named .pdf but holds an HTML page; read as html"]
    assert read.pages[0].articles[0].title == STORIES[1].full_title


def test_a_pdf_that_is_really_an_error_page_fails_with_both_reasons():
    with pytest.raises(PageError, match=r"named \.pdf but holds an HTML page: no article found"):
        read_file("report.pdf", index_page().encode("utf-8"))


def test_a_pdf_with_neither_header_nor_html_is_not_a_pdf():
    with pytest.raises(PageError, match="not a PDF: no %PDF- header"):
        read_file("x.pdf", b"\x00\x01garbage" + bytes(range(256)) * 4)


@pytest.mark.parametrize("name", ["page.jpg", "page.pdf", "page.txt"])
def test_a_picture_of_a_page_is_reported_whatever_its_name(name):
    with pytest.raises(PageError, match=r"OCR is not supported \(a JPEG image"):
        read_file(name, b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200))


# --- PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [2, 3])
def test_a_broadsheet_page_is_split_into_its_articles_by_layout(tmp_path, columns):
    read = read_file("page.pdf", to_pdf(tmp_path / "page.pdf", columns=columns).read_bytes())
    assert read.format == "pdf" and not read.notes
    (page,) = read.pages
    assert page.page_number == 1
    got = {a.title: a for a in page.articles}
    assert set(got) == {s.full_title for s in STORIES}  # kicker + headline, in every layout
    for title, body in _bodies().items():
        assert got[title].body == body, (columns, title)
    assert {a.byline for a in page.articles} == {s.byline for s in STORIES}


def test_three_column_reading_order_follows_the_page_top_to_bottom_left_to_right(tmp_path):
    (page,) = read_file("p.pdf", to_pdf(tmp_path / "p.pdf", columns=3).read_bytes()).pages
    # the wide stories on the left one above the other, the narrow one down the right column
    assert [a.title for a in page.articles] == [STORIES[0].full_title, STORIES[1].full_title, STORIES[2].full_title]


def test_running_heads_and_folios_are_page_furniture_not_article_text(tmp_path):
    (page,) = read_file("p.pdf", to_pdf(tmp_path / "p.pdf", columns=2).read_bytes()).pages
    assert "2024年10月15日 星期二" in page.furniture
    assert any("第1版" in f for f in page.furniture)
    for a in page.articles:
        assert "星期二" not in a.body and "编辑：郑宁" not in a.body


def test_every_pdf_page_is_a_page_of_its_own(tmp_path):
    read = read_file("issue.pdf", to_pdf(tmp_path / "issue.pdf", columns=2, pages=3).read_bytes())
    assert [p.page_number for p in read.pages] == [1, 2, 3]
    assert all(len(p.articles) == len(STORIES) for p in read.pages)


def _glyphs(text: str, x: float, y: float, size: float) -> list[Glyph]:
    return [Glyph(ch, x + k * size, y, x + (k + 1) * size, y + size, size) for k, ch in enumerate(text)]


def test_a_page_without_titles_is_left_to_the_text_segmenter():
    """All one size: nothing in the layout says where articles start, so no articles are claimed."""
    glyphs = []
    for k, line in enumerate(
        ["本报讯 近日，某地高新区举行项目签约仪", "式，共签约项目12个。", "另讯 园区新增企业30家。"]
    ):
        glyphs += _glyphs(line, 60 if k != 2 else 80, 200 + 15 * k, 10)
    page = read_layout(glyphs, 1000, 1)
    assert page.articles is None
    assert page.text.splitlines()[0] == "本报讯 近日，某地高新区举行项目签约仪式，共签约项目12个。"


def test_a_headline_narrower_than_its_columns_still_heads_them():
    """A short title over two columns: the second column belongs to it, not to the story beside it."""
    glyphs = _glyphs("甲地新闻", 50, 50, 24)  # headline over columns at x 50 and x 280
    glyphs += _glyphs("乙地新闻标题", 520, 50, 24)  # the next story's headline, at the same height
    for k in range(4):
        glyphs += _glyphs("甲地第一栏的正文内容甲地第一栏的正文", 50, 100 + 15 * k, 10)
        glyphs += _glyphs("甲地第二栏的正文内容甲地第二栏的正文", 280, 100 + 15 * k, 10)
        glyphs += _glyphs("乙地栏目的正文内容乙地栏目的正文内容", 520, 100 + 15 * k, 10)
    page = read_layout(glyphs, 1000, 1)
    first, second = page.articles
    assert first.title == "甲地新闻" and "甲地第二栏" in first.body and "乙地" not in first.body
    assert second.title == "乙地新闻标题" and "甲地" not in second.body


def test_a_scan_has_no_text_layer_and_says_ocr_is_not_supported(tmp_path):
    with pytest.raises(PageError, match=r"^no text layer; OCR is not supported \(a scan"):
        read_file("scan.pdf", scanned_pdf(tmp_path / "scan.pdf").read_bytes())


def test_a_password_protected_pdf_is_refused_with_the_reason(tmp_path):
    with pytest.raises(PageError, match="encrypted PDF: it needs a password"):
        read_file("locked.pdf", encrypted_pdf(tmp_path / "locked.pdf").read_bytes())


def test_a_pdf_protected_only_against_copying_is_read(tmp_path):
    read = read_file("owner.pdf", encrypted_pdf(tmp_path / "owner.pdf", user_password="").read_bytes())
    assert read.pages[0].articles[0].title == STORIES[0].full_title


@pytest.mark.parametrize("share", [0.3, 0.9])
def test_a_truncated_pdf_is_reported_as_truncated(tmp_path, share):
    data = to_pdf(tmp_path / "p.pdf", columns=2).read_bytes()
    with pytest.raises(PageError, match="truncated PDF"):
        read_file("cut.pdf", data[: int(len(data) * share)])


# --- HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("story", STORIES, ids=["zhuzhou", "wuhu", "xiangtan"])
def test_a_saved_article_keeps_its_text_title_byline_and_date_and_drops_the_site(story):
    read = read_file("story.html", to_html(story).encode("utf-8"))
    (page,) = read.pages
    (article,) = page.articles
    assert article.title == story.full_title
    assert article.byline == story.byline
    assert article.body == _bodies((story,))[story.full_title]
    assert page.published_on == story.published_on
    for chrome in (*CHROME_NUMBERS, *CHROME_ZONES, "分享到", "责任编辑", "网友", "版权所有", "发布时间"):
        assert chrome not in page.text


@pytest.mark.parametrize(
    ("charset", "codec", "declare"),
    [
        ("gb2312", "gbk", True),
        ("GBK", "gbk", True),
        ("gb18030", "gb18030", True),
        ("utf-8", "utf-8", True),
        ("gbk", "gbk", False),  # no declaration: sniffed as a browser would
        ("big5", "big5", True),
    ],
)
def test_html_in_the_encodings_sites_declare_or_browsers_sniff(charset, codec, declare):
    story = STORIES[2]
    data = to_html(story, charset=charset, declare=declare).encode(codec, errors="xmlcharrefreplace")
    (page,) = read_file("gbk.htm", data).pages
    assert page.articles[0].title == story.full_title
    assert page.articles[0].paragraphs[0] == story.paragraphs[0]


def test_html_with_a_byte_order_mark_wins_over_its_declaration():
    data = "\ufeff".encode() + to_html(STORIES[0], charset="gbk").encode("utf-8")
    text, encoding = decode_html(data)
    assert encoding == "utf-8" and STORIES[0].title in text


def test_a_page_declared_gbk_but_saved_as_utf8_is_still_read():
    data = to_html(STORIES[0], charset="gbk").encode("utf-8")  # a browser would show mojibake; we do better
    (page,) = read_file("mislabelled.html", data).pages
    assert page.articles[0].title == STORIES[0].full_title


def test_an_index_page_has_no_article():
    with pytest.raises(PageError, match=r"no article found: the page has no main text \(\d+ links; an index"):
        read_file("index.html", index_page().encode("utf-8"))


def test_without_date_meta_tags_the_sites_own_dateline_gives_the_date():
    (page,) = read_file("s.html", to_html(STORIES[1], meta_date=False).encode("utf-8")).pages
    assert page.published_on == STORIES[1].published_on  # `发布时间：2024-10-15` under the headline


# --- language -----------------------------------------------------------------------------


def test_language_of_a_page():
    assert language_problem("本报讯 " + "园区企业发展迅速，" * 20) is None
    assert language_problem("short English") is None  # too little to judge
    english = " ".join(ENGLISH_STORY.paragraphs)
    assert "not a Chinese page" in language_problem(english)
    assert "Japanese" in language_problem("日本の高新技術産業開発区では、企業がたくさん集まっています。" * 5)


def test_stored_layout_round_trips():
    (page,) = read_file("s.html", to_html(STORIES[0]).encode("utf-8")).pages
    again = SourcePage.from_stored(page.text, page.encoding, page.page_number, page.layout_json())
    assert again.articles == page.articles
    assert again.published_on == date(2024, 10, 15)
    assert SourcePage.from_stored("text", "utf-8", None, None).articles is None


# --- a PDF printed by a browser: embedded fonts, justified columns ----------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium fonts-noto-cjk)")
def test_a_page_printed_by_chromium_reads_like_the_stories(tmp_path):
    """Embedded subset fonts, justified lines with characters spread apart, CSS columns."""
    pdf = print_pdf(CHROMIUM, to_print_html(), tmp_path / "page.pdf")
    read = read_file("page.pdf", pdf.read_bytes())
    (page,) = read.pages
    got = {a.title: a for a in page.articles}
    assert set(got) == {s.full_title for s in STORIES}
    for title, body in _bodies().items():
        assert got[title].body == body, title
    assert {a.byline for a in page.articles} == {s.byline for s in STORIES}
    assert "2024年10月15日 星期二" in page.furniture


# --- small pieces ---------------------------------------------------------------------------


def test_a_number_broken_across_lines_is_joined_without_a_space():
    assert _join(["总产值36", "26亿元，", "AI", "CITY项目"]) == "总产值3626亿元，AI CITY项目"
    assert _join(["smart", "city"]) == "smart city"


class _FlatTextPage:
    """Stands in for a PDFium text page whose font has no outlines (not embedded, not installed)."""

    def __init__(self, height: float):
        self.height = height

    def count_chars(self) -> int:
        return 50

    def get_charbox(self, i: int) -> tuple[float, float, float, float]:
        return (10.0 * i, 100.0, 10.0 * i + 10, 100.0 + self.height)


def test_glyphs_without_outlines_are_noticed():
    assert _outlineless(_FlatTextPage(0.0))
    assert not _outlineless(_FlatTextPage(9.5))
