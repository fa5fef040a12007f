"""Saved web articles (`.html` / `.htm`): the article, its title and date, and nothing else.

A news site wraps every article in navigation, lists of related and most-read stories,
share buttons, comments and footers, all full of numbers and zone names that are not
about this article. The main content is found by trafilatura (Apache-2.0, maintained,
the best-scoring open extractor in published comparisons), which scores the page's
elements by text and link density; its metadata reader (htmldate) gives the page's own
publication date from `<meta>` tags, `<time>` elements and JSON-LD. Searching the
visible text for dates is left to gaoxin's own inference, so `published_on_source =
'metadata'` means the page's markup said so.

Bytes are decoded as a browser would: a byte-order mark, else the `<meta charset>` /
`http-equiv` declaration in the first kilobytes (GB2312 and GBK read as GB18030, their
superset), else UTF-8 when valid, else GB18030.
"""

from __future__ import annotations

import codecs
import re
from datetime import date

from loaders.formats.base import ArticleText, Format, PageError, SourceFile, SourcePage, clean_text
from loaders.segment import BYLINE, BYLINE_PLAIN

PRESCAN_BYTES = 4096  # browsers look for the charset declaration in the first 1024; saved pages pad more
MIN_ARTICLE_HAN = 60  # fewer Chinese characters than this in the main text: no article on the page
MAX_BAD_SHARE = 0.005  # replacement characters tolerated when decoding with the declared charset

_SIGNATURE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_TAGS = re.compile(rb"<(?:html|head|body|div|p|meta)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "iso-8859-1": "cp1252",  # WHATWG: latin-1 labels mean windows-1252
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",  # a meta tag cannot declare UTF-16: the bytes it is written in are ASCII
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
# web furniture that main-content extraction keeps inside the article text
_META_LINE = re.compile(
    r"^[（(\[【]?\s*(?:来源|稿源|编辑|责任编辑|责编|审核|审校|校对|监制|统筹|作者|文|图|摄影|"
    r"发布时间|发布日期|更新时间|时间|日期|原标题)\s*[:：]"
)
_SHARE_LINE = re.compile(r"^(?:分享到|扫一扫|打印|关闭窗口|【?字号|上一篇|下一篇|相关阅读|推荐阅读|延伸阅读)")


def sniff(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf")
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = start.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return bool(_SIGNATURE.match(start)) or len(_TAGS.findall(start)) >= 3


def _declared(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", errors="ignore").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with, by a browser's rules."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff"), enc
    declared = _declared(data[:PRESCAN_BYTES])
    if declared:
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= MAX_BAD_SHARE * len(text):
            return text, declared
    for enc in ("utf-8", "gb18030"):  # undeclared, or declared wrongly (a GBK page saved as UTF-8)
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    if declared:
        return data.decode(declared, errors="replace"), declared
    raise PageError("unknown encoding: no charset declared and not valid UTF-8 or GB18030/GBK")


def _extract(html: str) -> dict | None:
    import trafilatura  # imported here: it loads lxml and friends, which .txt-only runs never need

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        fast=True,  # no fallback extractors: a page the main extractor finds nothing in is reported, not guessed
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _as_date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _article(extracted: dict) -> ArticleText:
    """The main text as paragraphs; a byline line to the byline, web furniture lines out."""
    title = clean_text(extracted.get("title") or "") or None
    byline = clean_text(extracted.get("author") or "") or None
    paras: list[str] = []
    for raw in (extracted.get("text") or "").splitlines():
        text = clean_text(raw)
        if not text or text == title or _SHARE_LINE.match(text):
            continue
        if not paras and (BYLINE.match(text) or (BYLINE_PLAIN.match(text) and len(text) <= 30)):
            byline = byline or (BYLINE.match(text).group(1) if BYLINE.match(text) else text).strip()
            continue
        if _META_LINE.match(text) and len(text) <= 80:
            continue
        paras.append(text)
    return ArticleText(title=title, byline=byline, paragraphs=paras)


def _han(text: str) -> int:
    return len(re.findall(r"[\u3400-\u9fff]", text))


def read(data: bytes) -> SourceFile:
    html, encoding = decode_html(data)
    extracted = _extract(html)
    links = len(re.findall(r"<a\s", html, re.I))
    article = _article(extracted) if extracted else None
    if article is None or _han(article.body) < MIN_ARTICLE_HAN:
        if article is not None and _han(article.body) == 0 and len(article.body) >= MIN_ARTICLE_HAN:
            return _single(article, extracted, encoding)  # a foreign-language article: the pipeline says so
        raise PageError(
            f"no article found: the page has no main text ({links} links; an index or list page?)"
            if links
            else "no article found: the page has no main text"
        )
    return _single(article, extracted, encoding)


def _single(article: ArticleText, extracted: dict | None, encoding: str) -> SourceFile:
    page = SourcePage(
        text="\n".join(x for x in (article.title, article.byline, *article.paragraphs) if x),
        encoding=encoding,
        articles=[article],
        title=article.title,
        published_on=_as_date((extracted or {}).get("date")),
    )
    return SourceFile("html", [page])


FORMAT = Format(name="html", label="an HTML page", suffixes=(".html", ".htm", ".xhtml"), sniff=sniff, read=read)
