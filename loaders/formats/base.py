"""What an input format hands the pipeline: pages of text, and what it knows about them.

A format is a small module that turns the bytes of one file into `SourcePage`s. A
`.txt` page is one page of text and nothing else; a PDF file is one page per PDF page,
each with the articles its layout shows; a saved web article is one page holding one
article with the title and date of its metadata. Everything after this point (repair,
segmentation, extraction, landing) is the same for every format.

When a format knows where articles begin and end (a PDF's headlines and columns, an
HTML page's main-content element), it says so in `SourcePage.articles`, and the
pipeline uses those articles instead of splitting the text itself. When it does not
(`articles is None`), the text segmenter (`loaders.segment.split_articles`) splits
`SourcePage.text` as it always has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from loaders.decode import PageError
from loaders.normalize import to_halfwidth

__all__ = ["ArticleText", "Format", "PageError", "SourceFile", "SourcePage"]


@dataclass
class ArticleText:
    """One article whose boundaries the format knew: title, byline and body paragraphs.

    Paragraphs are already repaired line by line and joined across hard wraps; the
    body the warehouse stores is the paragraphs joined by newlines, as for `.txt`.
    """

    title: str | None
    byline: str | None
    paragraphs: list[str]

    @property
    def body(self) -> str:
        return "\n".join(p for p in self.paragraphs if p).strip()


@dataclass
class SourcePage:
    """One page as a format read it.

    `text` is the page's text in reading order (kept in `raw.pages.raw_text`);
    `articles` the articles when the format found their boundaries, else None;
    `furniture` lines the format recognised as page furniture (running heads, folios
    with the issue date): kept out of articles, but their dates help infer the
    publication date; `published_on` a date the page's own metadata gives.
    """

    text: str
    encoding: str
    page_number: int | None = None
    articles: list[ArticleText] | None = None
    furniture: list[str] = field(default_factory=list)
    title: str | None = None
    published_on: date | None = None

    def layout_json(self) -> str | None:
        """What a re-parse needs besides the text: the format's articles, furniture and date."""
        if self.articles is None and not self.furniture and self.published_on is None:
            return None
        return json.dumps(
            {
                "articles": None if self.articles is None else [asdict(a) for a in self.articles],
                "furniture": self.furniture,
                "title": self.title,
                "published_on": self.published_on.isoformat() if self.published_on else None,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_stored(cls, text: str, encoding: str, page_number: int | None, layout: str | None) -> SourcePage:
        """The page as it was read, from `raw.pages` (to parse it again with new rules)."""
        page = cls(text=text, encoding=encoding, page_number=page_number)
        if layout:
            stored = json.loads(layout)
            if stored.get("articles") is not None:
                page.articles = [ArticleText(**a) for a in stored["articles"]]
            page.furniture = list(stored.get("furniture") or [])
            page.title = stored.get("title")
            if stored.get("published_on"):
                page.published_on = date.fromisoformat(stored["published_on"])
        return page


@dataclass
class SourceFile:
    """All pages of one file, the format that read them, and anything worth telling the user."""

    format: str
    pages: list[SourcePage]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    """An input format: its name, the file suffixes it owns, a content sniffer and a reader.

    `sniff(head)` looks at the first bytes of a file and says whether they are this
    format whatever the file is called; `read(data)` returns the file's pages (and
    notes, e.g. pages it had to skip) or raises `PageError` with a reason a person can
    act on.
    """

    name: str
    label: str  # how a person calls it: "a PDF file", "an HTML page"
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes], SourceFile]


# --- text and checks every format's pages go through ----------------------------------

_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def clean_text(text: str) -> str:
    """A line from a text layer or a web page: full-width digits and odd spaces only.

    The OCR repairs of `loaders.normalize.clean_line` (bold text doubled, letter-spaced
    lines) fix what a flattening extraction did to the pages; a format that reads glyph
    positions or markup never produces them, and they cost time on long paragraphs.
    """
    return _SPACES.sub(" ", to_halfwidth(text.replace("\ufeff", ""))).strip()


# runs of each script, counted by length: a page is a few long runs, not thousands of matches
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]+")
_KANA = re.compile(r"[\u3040-\u30ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7af]+")
MIN_LETTERS_TO_JUDGE = 80  # too little text says nothing about its language
MIN_HAN_SHARE = 0.3  # Chinese news has numbers and Latin names, but is mostly Han characters
MAX_KANA_OR_HANGUL_SHARE = 0.1  # more kana or Hangul than this is a Japanese or Korean page


def _letters(script: re.Pattern[str], text: str) -> int:
    return sum(map(len, script.findall(text)))


# The scripts by the high byte of a UTF-16 code unit (a row of 256 code points): Han fills its
# rows (U+3400-9FFF, U+F900-FAFF) exactly; the Latin, kana and Hangul ranges lie inside theirs,
# with other characters (digits, spaces, CJK punctuation), so their rows bound them from above.
_HAN_ROWS = bytes([*range(0x34, 0xA0), 0xF9, 0xFA])
_LATIN_ROWS = bytes([0x00, 0x01, 0x02, 0x04])
_KANA_ROWS = bytes([0x30])
_HANGUL_ROWS = bytes(range(0xAC, 0xD8))
_ROW_CLASS = bytes.maketrans(
    _HAN_ROWS + _LATIN_ROWS + _KANA_ROWS + _HANGUL_ROWS,
    b"h" * len(_HAN_ROWS) + b"l" * len(_LATIN_ROWS) + b"k" * len(_KANA_ROWS) + b"g" * len(_HANGUL_ROWS),
)
_OTHER_ROWS = bytes(b for b in range(256) if b not in _HAN_ROWS + _LATIN_ROWS + _KANA_ROWS + _HANGUL_ROWS)


def _surely_chinese(text: str) -> bool:
    """Whether `language_problem` finds nothing wrong with `text`, judged from the rows of its
    characters alone (a few passes over bytes in C, where the four script regexes cost as much
    as reading a page's quantities).

    The Han count is exact and the others are bounded from above; a page whose Han characters
    clear every threshold against those bounds clears it against the exact counts (which lie
    between the Han count and the bounds), so False only means "count exactly"."""
    rows = text.encode("utf-16-le", "surrogatepass")[1::2].translate(_ROW_CLASS, _OTHER_ROWS)
    han, latin, kana, hangul = (rows.count(c) for c in b"hlkg")
    most = MAX_KANA_OR_HANGUL_SHARE * han
    return kana <= most and hangul <= most and han >= MIN_HAN_SHARE * (han + latin + kana + hangul)


def language_problem(text: str) -> str | None:
    """Why `text` is not a Chinese page, or None when it is (or too short to tell).

    gaoxin's extractors read Chinese; an English, Japanese or Korean page would load as
    articles without a single fact, which looks like success and is not.
    """
    if _surely_chinese(text):  # most pages: the exact counts would say the same
        return None
    return script_verdict(*script_counts(text))


def script_counts(text: str) -> tuple[int, int, int, int]:
    """The exact numbers of Han, Latin, kana and Hangul characters in `text`."""
    han, latin, kana, hangul = (_letters(script, text) for script in (_HAN, _LATIN, _KANA, _HANGUL))
    return han, latin, kana, hangul


def script_verdict(han: int, latin: int, kana: int, hangul: int) -> str | None:
    """`language_problem`'s answer from a text's exact script counts."""
    letters = han + latin + kana + hangul
    if letters < MIN_LETTERS_TO_JUDGE:
        return None
    if kana > MAX_KANA_OR_HANGUL_SHARE * letters:
        script = "Japanese"
    elif hangul > MAX_KANA_OR_HANGUL_SHARE * letters:
        script = "Korean"
    elif han < MIN_HAN_SHARE * letters:
        script = "Latin-script (e.g. English)"
    else:
        return None
    return (
        f"not a Chinese page: its text is mostly {script} ({han} of {letters} letters are Chinese); "
        "gaoxin reads Chinese news"
    )
