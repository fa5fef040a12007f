"""Split a news page into articles.

A page of 中国高新技术产业导报 holds several articles whose pieces are laid out in
columns: titles are often printed away from their bodies (at the end of the page,
or one character per line down a margin), bylines sit under titles or after the
last sentence, photo captions interrupt sentences. The text extraction keeps the
reading order of the columns, not of the articles.

The approach, in three passes:

1. classify every line by what it looks like (markdown heading, kicker title
   `X高新区：`, byline `◎本报记者…`/`▶ 作者`, author signature, caption, vertical
   title, plain text);
2. group lines into blocks: title blocks, and paragraphs made by joining hard-wrapped
   lines (a line ends a paragraph only when it ends a sentence *and* is shorter than
   its neighbours: a wrong join costs a paragraph break, a wrong split cuts a word);
3. walk the blocks and open a new article at what the pages use as article starts
   (`本报讯`, `科技日报讯(记者…)`, a title block, the paragraph after an author
   signature or a photo caption, a dated lede naming a zone the current article never
   named), then attach each title to the article it names, preferring adjacency.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count

from loaders.extract.rules import longest_word
from loaders.names import is_person_name
from loaders.normalize import CJK, SENTENCE_END, map_chars, rebuild_vertical, repair_mapped_page
from loaders.reference import zone_suffixes

# --- line patterns ------------------------------------------------------------------

# the zone-type suffixes of `seeds/zone_types.csv` (the one list), the longest that fits first;
# written as a trie, which the engine tries at every offset of a text in a fraction of the time
# the plain alternation took (the same matches: see longest_word)
ZONE_SUFFIX = "(?:" + longest_word(z.suffix for z in zone_suffixes()) + ")"
# a zone mention: at least two characters of place name, then a zone suffix
_ZONE = re.compile(f"([{CJK}]{{2}})(?:国家)?{ZONE_SUFFIX}")
# `X高新区：` / `杭州高新区（滨江）：` at the start of a short title line
KICKER = re.compile(f"^[^，。；！？,;!?]{{1,20}}?{ZONE_SUFFIX}(?:[（(][^）)]{{1,8}}[）)])?[：:]")
MARKER = re.compile(
    r"^(?:本\s*报\s*讯|[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|新闻)讯|新华社[\u4e00-\u9fff]{1,8}电|"
    r"本报[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日(?:讯|电)|"  # `本报北京12月12日电`, `本报11月13日讯`
    r"[\u4e00-\u9fff·]{2,14}?(?:\d{1,2}月\d{1,2}日)?(?:讯|电)(?=\s*[（(])|"  # `新华财经长春1月6日电(记者…)`
    r"[\u4e00-\u9fff·]{2,12}讯\s|"  # `中国网·美丽苏州讯 近日`
    r"【[^】]{2,20}】|[\u4e00-\u9fff]{2,12}频道消息[:：])"  # `【化工机械设备网 地方新闻】`, `国际在线江苏频道消息:`
)


def is_marked(text: str) -> bool:
    """Does `text` open with an article marker (MARKER)? Most lines hold none of the marker's
    words, and one scan for them is cheaper than trying the marker's many openings."""
    # every MARKER holds one of these words or opens with `【`: a line with none is not matched
    held = "讯" in text or "电" in text or "频道消息" in text or text.startswith("【")
    return held and MARKER.match(text) is not None


# a marker inside a hard-wrapped line (`…成都高新区供图科技日报讯 (李迪…`): a new article's first words
_INNER_MARKER = re.compile(
    r"(?:(?<=[。！？”）)])|(?<=供图)|(?<=/摄))\s*"
    r"(?=[\u4e00-\u9fff]{2,8}(?:日报|晚报)讯|新华社|新华财经|本报[\u4e00-\u9fff\d月日]{0,10}[讯电])"
    r"|(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff]{2}(?:日报|晚报)讯\s*[（(])"
)
# words one of which every inner marker opens with: a line holding none of them is not split
_INNER_MARKER_WORDS = re.compile("日报讯|晚报讯|新华社|新华财经|本报")


def _inner_pieces(text: str) -> list[str]:
    """`text` split at its inner markers (the last piece opens the new article). Most lines hold
    no marker word, and scanning them for the pattern's look-arounds was the costliest step of
    reading a line."""
    if ("报" not in text and "新华" not in text) or _INNER_MARKER_WORDS.search(text) is None:
        return [text]  # (every marker word holds `报` or `新华`: most lines are spared the search too)
    return _INNER_MARKER.split(text)


# an editor's or reporter's signature ending an article: `责任编辑: 冷媚`, `(记者孙大康)`, `编辑:罗浩`
SIGNATURE = re.compile(
    r"(?:[（(]\s*(?:责编|责任编辑|编辑|记者|图文|文/图|来源)\s*[:：/]?\s*[^，。；（）()]{1,20}[）)]|"
    r"(?:责任编辑|编辑|来源|作者)\s*[:：]\s*[^，。；（）()\s]{1,12}(?:\s+[^，。；（）()\s]{1,6}){0,2})\s*$"
)
_SIGNATURE_CLOSERS = (")", "）")


def _may_sign(text: str) -> bool:
    """Can `text` hold a SIGNATURE? Its bracketed form ends the line with a closing bracket (only
    whitespace after it) and its other form holds a colon: a line with neither is not searched.
    (Narrower than a bracket anywhere, which most lines quoting a name in brackets hold.)"""
    return "：" in text or ":" in text or text.rstrip().endswith(_SIGNATURE_CLOSERS)


def _signature(text: str) -> re.Match[str] | None:
    """SIGNATURE.search(text), for the few lines that can hold one (the search tries every position)."""
    return SIGNATURE.search(text) if _may_sign(text) else None


MARKER_BYLINE = re.compile(r"^\S*?讯\s*[（(]([^）)]{2,40})[）)]")
BYLINE = re.compile(r"^(?:[◎▶■□●◆]+\s*)(.+)$")
_BYLINE_MARKS = tuple("◎▶■□●◆")  # what a BYLINE opens with
BYLINE_PLAIN = re.compile(r"^(?:本报记者|记者|通讯员)\s*\S")
_BYLINE_PLAIN_WORDS = ("本报记者", "记者", "通讯员")  # what a BYLINE_PLAIN opens with
CAPTION = re.compile(r"^(?:图为|左图|右图|上图|下图|图\s*\d|图片来源|图片提供|摄影|供图)")
_CAPTION_OPENINGS = ("图", "左图", "右图", "上图", "下图", "摄影", "供图")  # what every CAPTION opens with
CREDIT = re.compile(r"^[^，。；！？]{1,14}?(?:/\s*摄|摄|供图|摄影)$")
_CREDIT_LINE_ENDS = ("摄", "供图", "摄影")  # how a CREDIT line ends: other lines are not matched against it
HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
LEDE = re.compile(
    r"^(?:本\s*报\s*讯|近日|日前|近期|前不久|不久前|今年\s*\d{1,2}\s*月|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:上旬|中旬|下旬|初|底))"
)
_TRAILING_AUTHOR = re.compile(f"(?<=[{SENTENCE_END}”」』）)])\\s*((?:[{CJK}]{{2,4}}\\s*){{1,4}})$")
_TRAILING_CREDIT = re.compile(r"^(.*[。！？”])\s*([^\s，。；]{2,8}(?:/\s*摄|摄|供图))$")
_CREDIT_ENDS = ("摄", "供图")  # how a _TRAILING_CREDIT ends: other lines are not matched against it
_ORG_END = re.compile(
    r"(有限公司|股份公司|集团|公司|研究院|研究所|大学|学院|中心|委员会|管委会|局|厅|高新区|园区|新区)$"
)
_NO_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?、]")
_NAME_TOKEN = re.compile(f"[{CJK}·]{{2,5}}")  # one name of a signature line
_AFTER_BRACKET = re.compile(r"[)）]\S")  # text goes on after a closing bracket
_NOT_WORD_CHAR = re.compile(f"[^{CJK}0-9A-Za-z]")  # what title matching ignores
_SENTENCE_PUNCT = re.compile(r"[。；！？;!?]")
_LEAD = 160  # the opening of an article a title is matched against
_LONG_ENOUGH = 300  # an unmarked new article can only start after this much of the current one
_OPENING = 24  # characters of a paragraph's opening that name its subject
_HEADLINE = 60  # a web article's headline can run this long
_OPENING_TEXT = 60  # a line this long after a page's first line is running text, not a subtitle
_TITLE = 40  # a title line runs at most this long ...
_TITLE_WITH_SUBTITLE = 60  # ... or this long when it carries its subtitle (`主题 ——副题`)


def _title_length(text: str) -> bool:
    return len(text) <= (_TITLE_WITH_SUBTITLE if "——" in text.rstrip("—") else _TITLE)


_SENTENCE_MIN = 10  # ... or one ending a sentence this long (`项目开工仪式现场。` is a caption)
_SUBSTANTIVE = 60  # a paragraph this long (or one ending a sentence) is article text, not a stray line


def _sentence_punct(text: str) -> bool:
    """Does `text` hold sentence punctuation (_NO_SENTENCE_PUNCT)? Most lines of a page hold a
    comma or a full stop, found by a substring test in less than setting up the search takes."""
    return "，" in text or "。" in text or _NO_SENTENCE_PUNCT.search(text) is not None


_SUFFIX = re.compile(ZONE_SUFFIX)
_ZONE_HEAD = 4  # a _ZONE match starts at most this far before its suffix (two characters of name, 国家)
_ZONE_REACH = _ZONE_HEAD + max(len(z.suffix) for z in zone_suffixes())  # ... and ends at most this far after


def _zone_windows(text: str) -> list[tuple[int, int]]:
    """The spans of `text` in which a _ZONE match can start: from _ZONE_HEAD before a suffix to
    the suffix's end. Suffixes are found left to right without overlap, but one starting inside
    another lies in that one's window."""
    windows: list[tuple[int, int]] = []
    for s in _SUFFIX.finditer(text):
        start = max(0, s.start() - _ZONE_HEAD)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], s.end())
        else:
            windows.append((start, s.end()))
    return windows


def zone_keys(text: str) -> set[str]:
    """Cheap zone identities for boundary decisions: `湘潭高新区` -> `湘潭`.

    The matches of `_ZONE.finditer`, found by trying the pattern only in the windows around
    zone suffixes: its leading `[CJK]{2}` made it a costly scan of every character, and the
    suffixes alone are found in a fraction of the time. Bounding a search at _ZONE_REACH past
    its window leaves every match that starts inside the window whole.
    """
    t = text.replace("国家", "")
    keys: set[str] = set()
    pos = 0  # where finditer would go on: the end of the last match
    for start, end in _zone_windows(t):
        start = max(start, pos)
        while start < end:
            m = _ZONE.search(t, start, end + _ZONE_REACH)
            if m is None or m.start() >= end:
                break
            keys.add(m.group(1))
            pos = start = m.end()
    return keys


def ends_sentence(text: str) -> bool:
    t = text.rstrip("”’」』）)\"' ")
    return bool(t) and t[-1] in SENTENCE_END


# --- pass 1: lines --------------------------------------------------------------------


@dataclass(slots=True, init=False)
class Line:
    text: str
    kind: str  # heading | kicker | byline | caption | credit | author | vertical | text
    level: int = 0  # markdown heading level
    bold: bool = False  # was printed in a doubled bold font
    # does the line open with an article marker (MARKER)? Asked of most lines twice or more by
    # the block pass, so read once when the line is made (its text never changes)
    marked: bool = field(repr=False, compare=False)

    def __init__(self, text: str, kind: str, level: int = 0, bold: bool = False) -> None:
        """The dataclass's own __init__ with marked read in it (one call, not two, for each of
        the hundreds of lines of a page)."""
        self.text = text
        self.kind = kind
        self.level = level
        self.bold = bold
        self.marked = is_marked(text)


def _author_like(text: str) -> bool:
    """A signature line: one to four person names, e.g. `周小平 吴富强`."""
    if len(text) > 24 or _NO_SENTENCE_PUNCT.search(text):  # the length first: most lines are longer
        return False
    tokens = text.split()
    if not 1 <= len(tokens) <= 4:
        return False
    if not all(_NAME_TOKEN.fullmatch(t) for t in tokens):
        return False
    if all(len(t) >= 4 for t in tokens) and len(tokens) > 1:
        return False
    names = sum(is_person_name(t) for t in tokens)
    return names * 2 >= len(tokens)


_VERTICAL_MIN = 6  # one-character lines that make a run a vertical title


def _vertical_run(stripped: list[str], i: int) -> tuple[int, list[str]]:
    """The run of one-character lines from line i (blank lines between allowed, and once a
    character is read, short lines of at most two characters' repeats like `““`): where it
    ends and its non-blank lines. `stripped` holds the page's lines stripped once, not at
    every look."""
    j, chars = i, []
    while j < len(stripped) and (
        len(stripped[j]) <= 1 or (chars and len(stripped[j]) <= 4 and len(set(stripped[j])) <= 2)
    ):
        if stripped[j]:
            chars.append(stripped[j])
        j += 1
    return j, chars


def classify_lines(raw_text: str) -> list[Line]:
    raw_lines = raw_text.splitlines()
    stripped = list(map(str.strip, raw_lines))  # as printed: a vertical title keeps its characters
    # the page's characters mapped and its lines repaired at once (map_chars is one-to-one, so
    # line i of it is raw_lines[i] mapped)
    repaired = repair_mapped_page(map_chars(raw_text))
    lines: list[Line] = []
    i = 0
    for start, end, titles in _vertical_titles(stripped):
        _read_lines(repaired[i:start], lines)
        lines.extend(Line(title, "vertical", bold=True) for title in titles)
        i = end
    _read_lines(repaired[i:], lines)
    return lines


def _vertical_titles(stripped: list[str]) -> list[tuple[int, int, list[str]]]:
    """The runs of one-character lines that are vertical titles, as (first line, line after the
    run, titles). A run that is not a title holds none from a later start either: it is read once.

    Only a one-character line opens a run (a longer one opens none, a blank one is read through),
    and a title holds _VERTICAL_MIN of them: their places are found by C loops over the lines'
    lengths, and a page with fewer of them (most pages) holds no title and is not walked."""
    runs: list[tuple[int, int, list[str]]] = []
    one_char = list(map((1).__eq__, map(len, stripped)))
    if one_char.count(True) < _VERTICAL_MIN:
        return runs
    no_title_until = 0
    for i in compress(count(), one_char):
        if i < no_title_until:
            continue
        j, chars = _vertical_run(stripped, i)
        if sum(len(c) == 1 for c in chars) >= _VERTICAL_MIN:
            runs.append((i, j, rebuild_vertical(chars)))
        no_title_until = j
    return runs


def _read_lines(repaired: list[tuple[str, bool]], lines: list[Line]) -> None:
    """Append the lines a stretch of repaired page lines holds."""
    for text, bold in repaired:
        if not text:
            continue
        if _plain(text):  # most lines: none of the readings of _read_line can apply
            lines.append(Line(text, "text", bold=bold))
        else:
            _read_line(text, bold, lines)


# what a line must hold for _read_line to read it as more than plain text (see _plain): how
# headings, bylines and captions open, how signatures and credits end
_NOT_PLAIN_OPENINGS = ("#", *_BYLINE_MARKS, *_CAPTION_OPENINGS, *_BYLINE_PLAIN_WORDS)
_NOT_PLAIN_ENDINGS = (*_SIGNATURE_CLOSERS, *_CREDIT_LINE_ENDS)
_NOT_PLAIN_FIRSTS = frozenset(w[0] for w in _NOT_PLAIN_OPENINGS)  # the characters they open with
_NOT_PLAIN_LASTS = frozenset(w[-1] for w in _NOT_PLAIN_ENDINGS)  # ... and end with
# the shape of a signature line (see _author_like): one to four names of two to five characters
_AUTHOR_SHAPE = re.compile(f"[{CJK}·]{{2,5}}(?:\\s+[{CJK}·]{{2,5}}){{0,3}}")


def _plain(text: str) -> bool:
    """Is the stripped, repaired line `text` plain running text for certain, what _read_line would
    read it as after a dozen checks? Yes when it holds none of what those checks look for and is
    not shaped like a signature: a few scans instead of the checks, for most lines of a page."""
    # what every _INNER_MARKER_WORDS holds (`本报` also opens a plain byline), a colon (signatures, kickers)
    if "报" in text or "新华" in text or ":" in text or "：" in text:
        return False
    # (the first and the last character looked up first: most lines open and end with none of theirs)
    if text[:1] in _NOT_PLAIN_FIRSTS and text.startswith(_NOT_PLAIN_OPENINGS):
        return False
    end = text.rstrip()
    if end[-1:] in _NOT_PLAIN_LASTS and end.endswith(_NOT_PLAIN_ENDINGS):
        return False
    # a signature holds only names and spaces: a line with a comma or a full stop is none (most
    # lines hold one, and finding it is cheaper than setting up the match)
    return "，" in text or "。" in text or _AUTHOR_SHAPE.fullmatch(text) is None


def _read_line(text: str, bold: bool, lines: list[Line]) -> None:
    """Append the lines one repaired line of the page holds: the end of an article before an
    inner marker, a signature or a photo credit printed on the line's end, the line itself."""
    *before, text = _inner_pieces(text)
    for piece in before:  # the article before the marker ends here
        if piece.strip():
            lines.append(_classify(piece.strip(), bold))
    text = text.strip()
    sig = None if CAPTION.match(text) else _signature(text)  # `图片来源:X` is a caption
    if sig and sig.start() > 0 and not bold:  # `…占比近6成。责任编辑: 冷媚`
        lines.append(_classify(text[: sig.start()].rstrip(), bold))
        lines.append(Line(sig.group(0).strip(), "author"))
        return
    if sig and sig.start() == 0:
        lines.append(Line(text, "author"))
        return
    m = _TRAILING_CREDIT.match(text) if text.endswith(_CREDIT_ENDS) else None
    if m:  # `…签约仪式现场。 李立婷/摄`: the photographer's credit ends the line
        lines.append(_classify(m.group(1), bold))
        lines.append(Line(m.group(2), "credit"))
        return
    lines.append(_classify(text, bold))


def _has_colon(text: str) -> bool:
    """A KICKER ends with a colon: a line without one is not matched against it."""
    return "：" in text or ":" in text


def _classify(text: str, bold: bool) -> Line:
    m = HEADING.match(text) if text.startswith("#") else None
    if m:
        return Line(m.group(2).strip(), "heading", level=len(m.group(1)), bold=bold)
    if CAPTION.match(text):
        return Line(text, "caption", bold=bold)
    if text.endswith(_CREDIT_LINE_ENDS) and CREDIT.match(text):
        return Line(text, "credit", bold=bold)
    m = BYLINE.match(text) if text.startswith(_BYLINE_MARKS) else None
    if m and not is_marked(m.group(1)):
        return Line(m.group(1).strip(), "byline", bold=bold)
    if (
        text.startswith(_BYLINE_PLAIN_WORDS)
        and BYLINE_PLAIN.match(text)
        and len(text) <= 30
        and not _NO_SENTENCE_PUNCT.search(text)
        and not _AFTER_BRACKET.search(text)
    ):
        return Line(text, "byline", bold=bold)
    if len(text) <= 40 and _has_colon(text) and KICKER.match(text) and not is_marked(text):
        return Line(text, "kicker", bold=bold)
    if _author_like(text):
        return Line(text, "author", bold=bold)
    return Line(text, "text", bold=bold)


# --- pass 2: blocks -------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # title | para | subhead | caption | credit | author
    text: str
    byline: str | None = None
    position: int = 0
    _zones: tuple[str, set[str]] | None = field(default=None, repr=False, compare=False)

    def zone_keys(self) -> set[str]:
        """zone_keys(self.text), read once per text the block holds (the walk and the title
        matching both ask; a trailing signature cut off the text makes it read again)."""
        if self._zones is None or self._zones[0] != self.text:
            self._zones = (self.text, zone_keys(self.text))
        return self._zones[1]


def _line_width(lines: list[Line], i: int) -> float:
    """The column width around line i: median length of nearby text lines."""
    near = [len(ln.text) for ln in lines[max(0, i - 6) : i + 7] if ln.kind == "text"]
    return statistics.median(near) if near else len(lines[i].text)


def _is_short_plain(lines: list[Line], i: int) -> bool:
    """A short line with no sentence punctuation that follows a finished sentence.

    Sub-headings are slogans; a short line ending in an organisation's name
    (`华数数字电视传媒集团有限公司`) is the subject of a sentence continued below.
    """
    ln = lines[i]
    if ln.kind != "text" or _sentence_punct(ln.text) or len(ln.text) > 30:
        return False
    if _ORG_END.search(ln.text):
        return False
    prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].kind == "text"), None)
    return (prev is None or ends_sentence(prev.text) or prev is not lines[i - 1]) and len(ln.text) < 0.8 * _line_width(
        lines, i
    )


def build_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    deferred: list[Block] = []  # captions printed inside a sentence, re-inserted after it
    long_form = statistics.median([len(ln.text) for ln in lines if ln.kind == "text"] or [0]) > 40
    titles_from = _titles_from(lines)

    def flush() -> None:
        if para:
            blocks.append(Block("para", "".join(para)))
            para.clear()
        blocks.extend(deferred)
        deferred.clear()

    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.kind in ("heading", "kicker", "vertical") or (
            ln.kind == "text" and _title_start(lines, i, long_form, titles_from)
        ):
            flush()
            i = _read_title(lines, i, blocks)
            continue
        if ln.kind in ("caption", "credit"):
            if para and not ends_sentence(para[-1]):
                deferred.append(Block(ln.kind, ln.text))
            else:
                flush()
                blocks.append(Block(ln.kind, ln.text))
            i += 1
            continue
        if ln.kind == "byline":
            flush()
            blocks.append(Block("byline", ln.text))
            i += 1
            continue
        if ln.kind == "author" and (not para or ends_sentence(para[-1])):
            flush()
            blocks.append(Block("author", ln.text))
            i += 1
            continue
        if (
            ln.kind == "text"
            and not para
            and _is_short_plain(lines, i)
            and (nxt is None or nxt.kind == "text")
            and not long_form
        ):
            blocks.append(Block("subhead", ln.text))
            i += 1
            continue
        para.append(ln.text)
        if _ends_paragraph(lines, i, long_form):
            flush()
        i += 1
    flush()
    for pos, b in enumerate(blocks):
        b.position = pos
    return blocks


def _ends_paragraph(lines: list[Line], i: int, long_form: bool) -> bool:
    ln = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.kind != "text":
        return nxt is None or nxt.kind not in ("caption", "credit") or ends_sentence(ln.text)
    if nxt.marked:
        return True
    if not ends_sentence(ln.text):
        return False
    if long_form or LEDE.match(nxt.text):  # after a sentence end a break never cuts a word
        return True
    return len(ln.text) < 0.85 * _line_width(lines, i)


def _title_start(lines: list[Line], i: int, long_form: bool = False, titles_from: int | None = None) -> bool:
    """Plain text lines that open a title block on un-marked-up pages."""
    ln = lines[i]
    titles_from = len(lines) if titles_from is None else titles_from
    # (a line before titles_from is none of them: _trailing_title's first test, made here so most
    # lines are spared the call)
    if i >= titles_from and _trailing_title(lines, i, titles_from):
        return True  # one of the titles printed together at the page's end (title-like by then)
    if ln.marked:
        return False
    if i == 0 and _page_headline(lines, long_form):
        return True  # a page (a saved web article) that opens with its headline
    if _sentence_punct(ln.text):
        return False
    if not _title_length(ln.text):
        return False
    prev_ok = i == 0 or lines[i - 1].kind != "text" or ends_sentence(lines[i - 1].text)
    if not prev_ok:
        return False
    if ln.bold:
        return True
    if ln.text.endswith("——"):
        return True
    # one or two short lines followed by a byline (`湘潭高新区奔赴数字经济新赛道` / `▶ 丁玉洁`)
    for k in (1, 2):
        if i + k < len(lines) and lines[i + k].kind == "byline":
            return all(
                lines[j].kind == "text" and not _NO_SENTENCE_PUNCT.search(lines[j].text) for j in range(i, i + k)
            )
    return False


_CLAUSE_PUNCT = re.compile(r"[，。；！？,;!?]")


def _title_like(ln: Line) -> bool:
    """A line that can be one of the titles printed together at a page's end: short, no clause
    punctuation (an enumeration comma may join two actions: `集中开竣工、投产仪式举行`)."""
    return ln.kind in ("text", "kicker") and _title_length(ln.text) and not _CLAUSE_PUNCT.search(ln.text)


def _titles_from(lines: list[Line]) -> int:
    """Where the page's titles printed together after the bodies begin (`…发展。（记者 综合）`
    then `标题一` `标题二` to the end of the page): every line from there on, captions aside,
    is title-like. `len(lines)` when the page does not end so."""
    k = len(lines)
    while k > 0 and (lines[k - 1].kind in ("caption", "credit") or _title_like(lines[k - 1])):
        k -= 1
    return k


def _trailing_title(lines: list[Line], i: int, titles_from: int) -> bool:
    if i < titles_from:
        return False
    prev = lines[i - 1] if i else None
    return prev is None or prev.kind != "text" or ends_sentence(prev.text) or _title_like(prev)


def _page_headline(lines: list[Line], long_form: bool) -> bool:
    """Is the page's first line its headline: short, no sentence punctuation, over the opening
    of a text? Asked of the first line only, not computed for every line and dropped."""
    first = lines[0]
    opens = len(lines) > 1 and (long_form or _opens_a_text(lines[1], first))
    return len(first.text) <= _HEADLINE and opens and not _SENTENCE_PUNCT.search(first.text)


def _opens_a_text(nxt: Line, title: Line) -> bool:
    """Is `nxt` the first line of an article's text, so the short line before it is a headline?"""
    if nxt.kind != "text":
        return False
    return bool(nxt.marked or LEDE.match(nxt.text)) or (
        len(nxt.text) > _OPENING_TEXT and len(nxt.text) > 2 * len(title.text)
    )


def _read_title(lines: list[Line], i: int, blocks: list[Block]) -> int:
    """Read one title block starting at line i; append it; return the next line index."""
    ln = lines[i]
    parts: list[str] = []
    if ln.kind == "heading":
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        is_title = (
            ln.level == 1
            or KICKER.match(ln.text) is not None
            or (
                nxt is not None
                and (
                    nxt.kind in ("heading", "byline", "author")
                    or (nxt.kind in ("caption", "credit") and i + 2 < len(lines) and lines[i + 2].marked)
                    or nxt.marked
                )
            )
        )
        if nxt is not None and nxt.kind == "heading" and nxt.level > ln.level:
            return i + 1  # a section label (`## 园镜头`) over the titles that follow it
        if not is_title:
            blocks.append(Block("subhead", ln.text))
            return i + 1
        parts.append(ln.text)
        i += 1
        if nxt is not None and nxt.kind == "heading" and nxt.level < ln.level:
            parts.append(nxt.text)  # kicker over main title: `### 引题` then `# 主题`
            i += 1
    elif ln.kind == "vertical":
        blocks.append(Block("title", ln.text))
        return i + 1
    else:
        parts.append(ln.text)
        i += 1
        # continuation lines: after a kicker `X：` or a `——`, or the rest of a bold headline
        while i < len(lines) and lines[i].kind in ("text", "kicker") and len(parts) < 3:
            cur = lines[i]
            last = parts[-1]
            wants_more = last.endswith(("：", ":", "——")) or (
                cur.bold and lines[i - 1].bold and not ends_sentence(last)
            )
            looks_like_title = not _NO_SENTENCE_PUNCT.search(cur.text.rstrip("—")) and _title_length(cur.text)
            if not wants_more or not (looks_like_title or cur.bold):
                break
            parts.append(cur.text)
            i += 1
    byline = None
    while i < len(lines) and lines[i].kind in ("byline", "author") and byline is None:
        byline = lines[i].text
        i += 1
    sep = " " if ln.kind == "heading" and len(parts) > 1 else ""
    blocks.append(Block("title", sep.join(parts), byline=byline))
    return i


# a page with more title x article pairs than this is not a newspaper page; scoring every
# pair would be quadratic in its size, so its titles stay with the articles they precede
MAX_TITLE_PAIRS = 10_000


# --- pass 3: articles -----------------------------------------------------------------


@dataclass
class Article:
    """One article of a page; `body` is the repaired text, paragraphs joined by newlines."""

    index: int
    title: str | None
    byline: str | None
    body: str


def _article_text(b: Block) -> bool:
    """Article text: a paragraph that ends a sentence or runs long, not only a stray subtitle or
    caption line (`厦门火炬高新区` printed apart before the lede, `项目开工仪式现场。`)."""
    if b.kind != "para":
        return False
    return len(b.text) >= _SUBSTANTIVE or (len(b.text) >= _SENTENCE_MIN and any(c in SENTENCE_END for c in b.text))


@dataclass
class _Draft:
    blocks: list[Block] = field(default_factory=list)
    title: Block | None = None
    byline: str | None = None
    closed: bool = False

    @property
    def substantive(self) -> bool:
        return any(_article_text(b) for b in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def start(self) -> int:
        return self.blocks[0].position if self.blocks else 10**9

    # running figures for the article walk, folded in as blocks are appended (see walk_stats)
    _seen: int = 0
    _zoned: int = 0  # blocks whose zones _zones holds (see walk_zones)
    _zones: set[str] = field(default_factory=set)
    _length: int = -1
    _paras: bool = False
    _places: set[str] = field(default_factory=set)
    _placed: int = 0

    def names_place_of(self, places: set[str]) -> bool:
        """Does the article name a zone in one of `places` (`_zone_places(self.text) & places`)? With
        the blocks' places folded in as blocks are appended and read only until one matches:
        an article that goes on names its own zone early, and finding the zones of a paragraph
        is the costliest step of the walk."""
        while not (places & self._places) and self._placed < len(self.blocks):
            self._places |= _zone_places(self.blocks[self._placed].text)
            self._placed += 1
        return bool(places & self._places)

    def lead_zone_keys(self, size: int) -> set[str]:
        """zone_keys(self.text[:size]), from the keys its blocks already hold: a match never runs
        across the newline joining two blocks, so those of the lead are those of the blocks it holds
        whole and of the part it holds of the block it cuts (read afresh)."""
        keys: set[str] = set()
        room = size  # characters of the lead left where a block starts
        for b in self.blocks:
            if room <= 0:
                break
            if len(b.text) > room:
                keys |= zone_keys(b.text[:room])
                break
            keys |= b.zone_keys()
            room -= len(b.text) + 1  # the block and the newline after it
        return keys

    def walk_stats(self) -> tuple[int, bool]:
        """len(text) and substantive, in O(new blocks) instead of O(article).

        Equal to the properties while blocks are only appended, as during the walk in
        split_articles; recomputing them per block made long articles quadratic.
        """
        for b in self.blocks[self._seen :]:
            self._length += len(b.text) + 1
            self._paras = self._paras or _article_text(b)
        self._seen = len(self.blocks)
        return max(self._length, 0), self._paras

    def walk_zones(self) -> set[str]:
        """zone_keys(text) while blocks are only appended, folded in like walk_stats but only when
        asked: only a dated lede asks (and reading a block's zones is the costly part)."""
        for b in self.blocks[self._zoned :]:
            self._zones |= b.zone_keys()
        self._zoned = len(self.blocks)
        return self._zones


def _starts_article(block: Block, cur: _Draft | None, after_title: bool) -> bool:
    if cur is None or cur.closed or after_title:
        return True
    cur_length, substantive = cur.walk_stats()
    if not substantive:
        return False
    if block.kind != "para":
        return False
    if is_marked(block.text):
        return True
    last = cur.blocks[-1]
    if LEDE.match(block.text) and _lede_starts_article(block, last, cur.walk_zones(), cur_length):
        return True
    # a paragraph opening on a zone of another place after a long article (`新春伊始，浙江杭州湾上虞经开区…`)
    if cur_length < _LONG_ENOUGH or not ends_sentence(last.text):
        return False
    opening = _zone_places(block.text[:_OPENING])
    return bool(opening) and not cur.names_place_of(opening)


_SENTENCE_END_CHAR = re.compile(f"[{SENTENCE_END}]")


def _lede_starts_article(block: Block, last: Block, cur_zones: set[str], cur_length: int) -> bool:
    """Does a dated lede (`近日`, `3月5日`) open a new article? After a photo caption, unless its
    first sentence names a zone the article named; after a long article, when it names only
    zones the article never did. (Only ledes get their first sentence read.)"""
    first_sentence = _SENTENCE_END_CHAR.split(block.text, maxsplit=1)[0]
    zones = zone_keys(first_sentence)
    if last.kind in ("caption", "credit") and not (zones & cur_zones):
        return True
    # a dated lede about a zone this article never named: a new, unmarked article
    return bool(zones) and not (zones & cur_zones) and cur_length >= _LONG_ENOUGH


@cache
def _suffix_kinds() -> dict[str, str]:
    """Zone suffix -> its kind (`admin` for zones proper): static, built once."""
    return {z.suffix: z.kind for z in zone_suffixes()}


@cache
def _zone_provinces() -> dict[str, str]:
    """Gazetteer zone (full name) -> its province's first two characters: static, built once
    (rebuilding it for every paragraph cost more than finding the paragraph's zones)."""
    from loaders.reference import gazetteer

    return {z.name_full: z.province[:2] for z in gazetteer()}


def _place_of(name: str, key: str | None) -> str:
    """The province of a zone: the gazetteer's, else that of the place its name opens with,
    else the name's first two characters."""
    from loaders.reference import place_regions

    provinces = _zone_provinces()
    if key in provinces:
        return provinces[key]
    for k in (3, 2):
        regions = place_regions().get(name[:k])
        if regions:
            return sorted(regions)[0][:2]
    return name[:2]


@cache
def _bare_zone_form() -> re.Pattern[str]:
    """A gazetteer form without a zone suffix (`中关村`, `光谷`): static, built once."""
    from loaders.reference import bare_zone_forms

    return re.compile(longest_word(bare_zone_forms()))


def _may_name_zone(text: str) -> bool:
    """Can named_zones find a zone in `text`? Every zone it names is read at a zone suffix or at
    a gazetteer form without one: a text holding neither (most paragraph openings the walk
    asks about) is not read."""
    return _SUFFIX.search(text) is not None or _bare_zone_form().search(text) is not None


def _zone_places(text: str) -> set[str]:
    """The provinces of the zones proper a text names (see _place_of): `南宁综合保税区` and
    `南宁高新区` lie together, `杭州湾上虞经开区` elsewhere."""
    from loaders.extract.parks import named_zones

    if not _may_name_zone(text):
        return set()
    kinds = _suffix_kinds()
    return {_place_of(m.name, m.zone_key) for m in named_zones(text) if m.zone_key or kinds.get(m.suffix) == "admin"}


def split_articles(raw_text: str) -> list[Article]:
    """The articles of one page, in page order."""
    blocks = build_blocks(classify_lines(raw_text))
    drafts: list[_Draft] = []
    titles: list[tuple[Block, int | None]] = []  # title block, index of the draft that follows it
    cur: _Draft | None = None
    after_title: Block | None = None
    for b in blocks:
        if b.kind == "title":
            if cur is not None:
                cur.closed = True
            titles.append((b, None))
            after_title = b
            continue
        if b.kind == "byline":
            if cur is not None and not cur.closed:
                cur.byline = cur.byline or b.text
            elif after_title is not None and after_title.byline is None:
                after_title.byline = b.text
            continue
        if b.kind == "author":
            if cur is not None and not cur.closed:
                cur.byline = cur.byline or b.text
                cur.closed = True
            continue
        if _starts_article(b, cur, after_title is not None):
            if cur is not None and not cur.substantive and drafts and cur is drafts[-1] and len(drafts) > 1:
                # a stray caption between articles: keep it with the article before
                drafts[-2].blocks.extend(cur.blocks)
                drafts.pop()
            cur = _Draft()
            drafts.append(cur)
            if after_title is not None:
                titles[-1] = (after_title, len(drafts) - 1)
            after_title = None
        cur.blocks.append(b)
    drafts = _merge_orphans(drafts, titles)
    for d in drafts:  # a credit printed between title and lede belongs after the text
        lead = next((k for k, b in enumerate(d.blocks) if b.kind == "para"), 0)
        if lead:
            d.blocks = d.blocks[lead:] + d.blocks[:lead]
    _split_trailing_authors(drafts)
    _assign_titles(drafts, titles)
    out = []
    for n, d in enumerate(sorted(drafts, key=lambda d: d.start)):
        body = d.text.strip()
        byline = (d.title.byline if d.title and d.title.byline else None) or _marker_byline(body) or d.byline
        out.append(Article(index=n, title=d.title.text if d.title else None, byline=byline, body=body))
    return out


def _merge_orphans(drafts: list[_Draft], titles: list[tuple[Block, int | None]]) -> list[_Draft]:
    """Drafts holding only captions or credits join a neighbour instead of standing alone."""
    keep: list[_Draft] = []
    remap: dict[int, int | None] = {}
    for n, d in enumerate(drafts):
        if d.substantive or not keep:
            remap[n] = len(keep)
            keep.append(d)
        else:
            keep[-1].blocks.extend(d.blocks)
            remap[n] = len(keep) - 1
    if keep and not keep[0].substantive and len(keep) > 1:
        keep[1].blocks[:0] = keep[0].blocks
        keep.pop(0)
        remap = {k: (max(0, v - 1) if v is not None else None) for k, v in remap.items()}
    for t, (b, n) in enumerate(titles):
        titles[t] = (b, remap.get(n) if n is not None else None)
    return keep


def _split_trailing_authors(drafts: list[_Draft]) -> None:
    """`…平台型公司。 孙伟梁`: a signature glued to an article's last sentence."""
    for d in drafts:
        paras = [b for b in d.blocks if b.kind == "para"]
        if not paras or d.byline:
            continue
        last = paras[-1]
        m = _TRAILING_AUTHOR.search(last.text)
        if m and _author_like(m.group(1).strip()):
            d.byline = m.group(1).strip()
            last.text = last.text[: m.start(1)].rstrip()


def _marker_byline(body: str) -> str | None:
    m = MARKER_BYLINE.match(body)
    return m.group(1).strip() if m else None


def _word_chars(text: str) -> str:
    """What title matching reads of a text: its Han characters, digits and Latin letters."""
    return _NOT_WORD_CHAR.sub("", text)


def _bigrams(text: str) -> set[str]:
    t = _word_chars(text)
    return {t[k : k + 2] for k in range(len(t) - 1)}


def _shared_bigrams(bigrams: set[str], words: str) -> int:
    """len(bigrams & _bigrams(words)) for `words` already read by _word_chars: a substring test
    for each of a title's few bigrams instead of building the set of every bigram of every
    article's lead (a bigram is a two-character substring of the lead's word characters)."""
    return sum(map(words.__contains__, bigrams))  # (in C: no generator frame per bigram)


def _assign_titles(drafts: list[_Draft], titles: list[tuple[Block, int | None]]) -> None:
    """Give each article the title that names it.

    A title sits right above its article when the layout allows; when it was printed
    elsewhere (end of page, margin), the zone it names and the words it shares with an
    article's lead find the article. Adjacency alone decides only when content is silent.
    """
    if len(titles) * len(drafts) > MAX_TITLE_PAIRS:  # not a newspaper page: titles stay where printed
        for block, follows in titles:
            if follows is not None and drafts[follows].title is None:
                drafts[follows].title = block
        return
    scores: list[tuple[float, int, int]] = []
    leads = [d.text[:_LEAD] for d in drafts]
    title_zones = [zone_keys(block.text) for block, _ in titles]
    # per-draft figures, computed once rather than once per title, and only when a title names
    # a zone (they are read only then)
    lead_zones: list[set[str]] = []
    draft_zones: list[set[str]] = []
    if any(title_zones):
        lead_zones = [d.lead_zone_keys(_LEAD) for d in drafts]
        # an article's zone keys are those of its blocks: a match never runs across the newline joining them
        draft_zones = [set().union(*(b.zone_keys() for b in d.blocks)) for d in drafts]
    lead_words = [_word_chars(lead) for lead in leads]
    starts = sorted(d.start for d in drafts)
    for t, (block, follows) in enumerate(titles):
        tz = title_zones[t]
        tb = _bigrams(block.text)
        for n in range(len(leads)):
            score = 0.0
            if tz and tz & lead_zones[n]:
                score += 3
            elif tz and tz & draft_zones[n]:
                score += 1
            if tb:
                score += 4 * _shared_bigrams(tb, lead_words[n]) / len(tb)
            if follows == n:
                score += 1.5
            elif (
                n < len(drafts)
                and drafts[n].start < block.position
                # no draft starts in [drafts[n].start, block.position] (bisect, not a scan of all drafts)
                and bisect.bisect_right(starts, block.position) == bisect.bisect_left(starts, drafts[n].start)
            ):
                score += 0.5  # printed right after the article it closes
            if tz and not (tz & draft_zones[n]):
                score -= 2
            if score >= 1:
                scores.append((score, t, n))
    taken_t: set[int] = set()
    for _score, t, n in sorted(scores, reverse=True):
        if t in taken_t or drafts[n].title is not None:
            continue
        drafts[n].title = titles[t][0]
        taken_t.add(t)
