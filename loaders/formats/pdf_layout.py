"""Read a newspaper page from the positions and sizes of its glyphs.

A PDF's text layer says where every character sits and how large it is, but not in
which order to read them, nor which lines are headlines. Flattening it to text and
guessing afterwards loses exactly what tells articles apart on a broadsheet: the size
of the type and the columns. So this module works on the geometry (pure functions,
no PDF library: `loaders.formats.pdf` supplies the glyphs):

1. glyphs -> lines: glyphs on one baseline, close together, in one size. A gap wider
   than a gutter ends a line, so two columns never merge.
2. lines -> kinds: the body size is the size most characters are set in; much larger
   lines are headlines (kicker, main title, subtitle by their size within the title
   block), smaller ones or `图为…` / `…/摄` lines are captions, `◎本报记者…` lines
   bylines, short lines in the top and bottom margins (running heads, folios, the
   issue date) page furniture.
3. lines -> blocks: lines of one kind stacked closely in one column.
4. blocks -> articles: each title block opens an article; a text block belongs to the
   nearest title above it that overlaps it horizontally (a broadsheet title spans
   the columns of its article). Text above every title (a story continued from
   another page) is an article without a title.
5. reading order and paragraphs: an article's columns left to right, each top to
   bottom; a paragraph starts at an indented line or after a short line that ends a
   sentence, and runs on across a column break otherwise.

A page without any title (all one size) is handed back as text in column order and
the text segmenter splits it, as for a `.txt` page.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from loaders.formats.base import ArticleText, SourcePage, clean_text
from loaders.normalize import SENTENCE_END
from loaders.segment import BYLINE, BYLINE_PLAIN, CAPTION, CREDIT

# --- thresholds (in multiples of the font size, or of the body size) ----------------------
SAME_BASELINE = 0.35  # glyph centres further apart than this (x size) are on different lines
MAX_GLYPH_GAP = 1.2  # a horizontal gap wider than this (x size) is a gutter: the line ends
WORD_GAP = 0.25  # after a Latin letter, a gap wider than this is a space
TITLE_SIZE = 1.25  # lines this much larger than the body are headlines
CAPTION_SIZE = 0.9  # lines this much smaller than the body are captions
LINE_GAP = 0.9  # lines of a block are at most this far apart (x size), between bottom and top
BLOCK_GAP_TITLE = 0.6  # title lines of one title block: kicker, main title, subtitle
INDENT = 1.2  # a line starting this far right of its column's edge opens a paragraph
SHORT_LINE = 1.5  # a line ending this far left of its column's right edge is a paragraph's last
SAME_ROW = 3.0  # titles whose bottoms are this close (x body size) head stories side by side
COLUMN_SLACK = 3.0  # blocks whose left edges are this close (x body size) share a column
FURNITURE_TOP = 0.07  # share of the page height holding running heads and folios
FURNITURE_BOTTOM = 0.05
FURNITURE_MAX_CHARS = 40

_FOLIO = re.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期|第\s*\d+\s*版|编辑|版式|校对|电话|www\.|^\s*\d{1,3}\s*$)"
)
_ALNUM = re.compile(r"[A-Za-z0-9]")
_LETTER = re.compile(r"[A-Za-z]")


class Glyph(NamedTuple):
    """One character as placed on the page; y grows downwards (0 = top edge).

    A tuple, not a dataclass: a page has thousands and they are made in a tight loop.
    """

    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """Glyphs on one baseline in one column; geometry computed once."""

    glyphs: list[Glyph]
    text: str
    kind: str = "body"  # body | title | caption | byline | furniture
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        gs = self.glyphs
        self.x0, self.x1 = min(g.x0 for g in gs), max(g.x1 for g in gs)
        self.top, self.bottom = min(g.top for g in gs), max(g.bottom for g in gs)
        self.size = statistics.median(g.size for g in gs if not g.ch.isspace()) if self.text else 0.0


@dataclass
class Block:
    kind: str
    lines: list[Line] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


# --- 1. glyphs -> lines ------------------------------------------------------------------


def _joins(prev: Glyph, g: Glyph) -> bool:
    size = max(prev.size, g.size, 1.0)
    if abs(g.cy - prev.cy) > SAME_BASELINE * size:
        return False
    if not 0.8 <= g.size / max(prev.size, 0.1) <= 1.25:
        return False
    gap = g.x0 - prev.x1
    return -0.3 * size <= gap <= MAX_GLYPH_GAP * size


def _line_text(glyphs: list[Glyph]) -> str:
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and not g.ch.isspace() and not prev.ch.isspace():
            gap = g.x0 - prev.x1
            if gap > WORD_GAP * g.size and _LETTER.match(prev.ch) and _ALNUM.match(g.ch):
                out.append(" ")  # between words; never inside a number spread by justification
        out.append(g.ch)
        prev = g
    return re.sub(r"\s+", " ", "".join(out)).strip()


def glyphs_to_lines(glyphs: list[Glyph]) -> list[Line]:
    """Runs of glyphs in the order the PDF draws them, then runs on one baseline merged.

    Content order is usually reading order within a line, but not always (a line drawn
    in pieces, a correction drawn last), so runs are merged again by geometry.
    """
    runs: list[list[Glyph]] = []
    cur: list[Glyph] = []
    pcy = px1 = psize = 0.0
    for g in glyphs:  # `_joins` inlined: this loop sees every glyph of the page
        _, x0, top, x1, bottom, size = g
        cy = (top + bottom) * 0.5
        if cur:
            s = max(psize, size, 1.0)
            if (
                abs(cy - pcy) <= SAME_BASELINE * s
                and 0.8 * psize <= size <= 1.25 * psize
                and -0.3 * s <= x0 - px1 <= MAX_GLYPH_GAP * s
            ):
                cur.append(g)
                pcy, px1, psize = cy, x1, size
                continue
        cur = [g]
        runs.append(cur)
        pcy, px1, psize = cy, x1, size
    runs.sort(key=lambda r: (round(r[0].cy / max(r[0].size * SAME_BASELINE, 0.5)), r[0].x0))
    merged: list[list[Glyph]] = []
    for run in runs:
        for target in reversed(merged[-8:]):
            if _joins(target[-1], run[0]):
                target.extend(run)
                break
        else:
            merged.append(run)
    lines = []
    for run in merged:
        run.sort(key=lambda g: g.x0)
        text = _line_text(run)
        if text:
            lines.append(Line(run, text))
    return lines


# --- 2. kinds --------------------------------------------------------------------------


def body_size(lines: list[Line]) -> float:
    """The size most characters are set in (to the half point)."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size * 2) / 2] += len(ln.text) - ln.text.count(" ")
    return sizes.most_common(1)[0][0] if sizes else 0.0


def classify(lines: list[Line], page_height: float) -> float:
    """Give every line its kind; returns the body size."""
    body = body_size(lines)
    for ln in lines:
        text, size = ln.text, ln.size
        in_margin = ln.bottom < FURNITURE_TOP * page_height or ln.top > (1 - FURNITURE_BOTTOM) * page_height
        if size >= TITLE_SIZE * body:
            ln.kind = "title"
        elif in_margin and len(text) <= FURNITURE_MAX_CHARS and (_FOLIO.search(text) or not _ends(text)):
            ln.kind = "furniture"
        elif BYLINE.match(text) or (BYLINE_PLAIN.match(text) and len(text) <= 30 and not re.search("[，。；]", text)):
            ln.kind = "byline"
        elif size <= CAPTION_SIZE * body or CAPTION.match(text) or CREDIT.match(text):
            ln.kind = "caption"
        else:
            ln.kind = "body"
    return body


def _ends(text: str) -> bool:
    t = text.rstrip("”’」』）)\"' ")
    return bool(t) and t[-1] in SENTENCE_END


# --- 3. blocks -------------------------------------------------------------------------


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def lines_to_blocks(lines: list[Line]) -> list[Block]:
    """Stack lines of one kind into blocks, column by column."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []  # blocks a later line may still join (lines come top-down)
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.kind == "furniture":
            continue
        open_blocks = [b for b in open_blocks if ln.top - b.lines[-1].bottom <= 2 * b.lines[-1].size]
        best: Block | None = None
        for b in open_blocks:
            last = b.lines[-1]
            if b.kind != ln.kind or ln.kind == "byline":
                continue
            gap = ln.top - last.bottom
            limit = (BLOCK_GAP_TITLE if ln.kind == "title" else LINE_GAP) * max(ln.size, last.size)
            if not -0.2 * ln.size <= gap <= limit:
                continue
            width = min(ln.x1 - ln.x0, last.x1 - last.x0)
            need = 0.0 if ln.kind == "title" else 0.5 * width
            closer = best is None or last.bottom > best.lines[-1].bottom
            if _overlap(ln.x0, ln.x1, last.x0, last.x1) > need and closer:
                best = b
        if best is None:
            blocks.append(Block(ln.kind, [ln]))
            open_blocks.append(blocks[-1])
        else:
            best.lines.append(ln)
    return blocks


# --- 4. articles -----------------------------------------------------------------------


@dataclass
class _Region:
    title: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def top(self) -> float:
        first = self.title or min(self.blocks, key=lambda b: b.top)
        return first.top

    @property
    def x0(self) -> float:
        first = self.title or min(self.blocks, key=lambda b: b.x0)
        return first.x0


def title_spans(blocks: list[Block]) -> dict[int, tuple[float, float]]:
    """How wide each title reaches: from its own text sideways to the nearest neighbour.

    A headline is often narrower than the columns it heads (a short title, set left or
    centred). What it heads reaches sideways until something else stands beside it at
    its height: another title, or a column of a different story.
    """
    left_edge = min(b.x0 for b in blocks)
    right_edge = max(b.x1 for b in blocks)
    spans: dict[int, tuple[float, float]] = {}
    for t in blocks:
        if t.kind != "title":
            continue
        beside = [b for b in blocks if b is not t and _overlap(b.top, b.bottom, t.top, t.bottom) > 0]
        left = max([b.x1 for b in beside if b.x1 <= t.x0], default=left_edge)
        right = min([b.x0 for b in beside if b.x0 >= t.x1], default=right_edge)
        spans[id(t)] = (left, right)
    return spans


def _owner(block: Block, titles: list[Block], spans: dict[int, tuple[float, float]]) -> Block | None:
    """The title a text block belongs to: the nearest above whose span covers it, else the nearest above."""
    above = [t for t in titles if t.bottom <= block.top + 0.5 * block.lines[0].size]
    if not above:
        return None
    width = block.x1 - block.x0
    size = block.lines[0].size
    over = [t for t in above if _overlap(*spans[id(t)], block.x0, block.x1) > 0.5 * width]
    if over:
        # the nearest row of titles above; in it, titles are set from their story's left edge or
        # centred over it, so the block belongs to the last title starting left of it
        lowest = max(t.bottom for t in over)
        row = [t for t in over if lowest - t.bottom <= SAME_ROW * size]
        left_of = [t for t in row if t.x0 <= block.x0 + size]
        return max(left_of, key=lambda t: t.x0) if left_of else min(row, key=lambda t: t.x0)

    def distance(t: Block) -> float:
        return (block.top - t.bottom) + max(t.x0 - block.x1, block.x0 - t.x1, 0.0)

    return min(above, key=distance)


def group_articles(blocks: list[Block]) -> list[_Region]:
    titles = [b for b in blocks if b.kind == "title"]
    spans = title_spans(blocks)
    regions = {id(t): _Region(t) for t in titles}
    headless = _Region(None)
    for b in blocks:
        if b.kind == "title":
            continue
        owner = _owner(b, titles, spans)
        (regions[id(owner)] if owner is not None else headless).blocks.append(b)
    out = list(regions.values())
    if headless.blocks:
        out.append(headless)
    return sorted(out, key=lambda r: (round(r.top), r.x0))


# --- 5. reading order, paragraphs -------------------------------------------------------


def _columns(blocks: list[Block], body: float) -> list[list[Block]]:
    """Blocks grouped into columns (by left edge), columns left to right, blocks top to bottom."""
    cols: list[list[Block]] = []
    for b in sorted(blocks, key=lambda b: b.x0):
        if cols and abs(b.x0 - cols[-1][0].x0) <= COLUMN_SLACK * body:
            cols[-1].append(b)
        else:
            cols.append([b])
    return [sorted(c, key=lambda b: b.top) for c in cols]


def paragraphs(blocks: list[Block], body: float) -> list[str]:
    """Text blocks in reading order -> paragraphs, lines repaired and joined across wraps."""
    paras: list[list[str]] = []
    open_para = False
    for col in _columns(blocks, body):
        left = min(ln.x0 for b in col for ln in b.lines)
        right = max(ln.x1 for b in col for ln in b.lines)
        for b in col:
            for ln in b.lines:
                text = clean_text(ln.text)
                if not text:
                    continue
                indented = ln.x0 - left >= INDENT * ln.size
                if not open_para or indented:
                    paras.append([])
                paras[-1].append(text)
                short = right - ln.x1 >= SHORT_LINE * ln.size
                open_para = not (short and _ends(text))
    return [_join(p) for p in paras]


def _join(parts: list[str]) -> str:
    """Lines of a paragraph joined: no space in Chinese text or numbers, one between Latin words."""
    out = parts[0]
    for p in parts[1:]:
        sep = " " if _LETTER.match(out[-1:]) and _LETTER.match(p[:1]) else ""
        out += sep + p
    return out


def _title_text(title: Block) -> str:
    """Kicker, main title and subtitle of one title block, by their sizes."""
    main = max(ln.size for ln in title.lines)
    parts: list[list[str]] = [[]]
    prev_main: bool | None = None
    for ln in title.lines:
        is_main = ln.size >= 0.9 * main
        if prev_main is not None and is_main != prev_main:
            parts.append([])
        parts[-1].append(clean_text(ln.text))
        prev_main = is_main
    texts = ["".join(p) for p in parts if p]
    out = texts[0]
    for t in texts[1:]:
        out += "" if out.endswith(("：", ":", "——")) or t.startswith("——") else " "
        out += t
    return out


def _byline(text: str) -> str:
    m = BYLINE.match(text)
    return (m.group(1) if m else text).strip()


def region_article(region: _Region, body: float) -> ArticleText | None:
    text_blocks = [b for b in region.blocks if b.kind == "body"]
    captions = [b for b in region.blocks if b.kind == "caption"]
    bylines = sorted((b for b in region.blocks if b.kind == "byline"), key=lambda b: b.top)
    paras = paragraphs(text_blocks, body)
    paras += [_join([clean_text(ln.text) for ln in c.lines]) for c in sorted(captions, key=lambda b: (b.top, b.x0))]
    paras = [p for p in paras if p]
    if not paras:
        return None
    title = _title_text(region.title) if region.title else None
    byline = _byline(bylines[0].lines[0].text) if bylines else None
    return ArticleText(title=title, byline=byline, paragraphs=paras)


def read_layout(glyphs: list[Glyph], page_height: float, page_number: int) -> SourcePage:
    """The articles of one PDF page, or its text in column order when it shows no titles."""
    lines = glyphs_to_lines(glyphs)
    body = classify(lines, page_height)
    furniture = [ln.text for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)) if ln.kind == "furniture"]
    blocks = lines_to_blocks(lines)
    regions = group_articles(blocks)
    if not any(r.title for r in regions):  # no layout cue for articles: the text segmenter splits
        bylines = [_join([ln.text for ln in b.lines]) for b in blocks if b.kind == "byline"]
        captions = [_join([ln.text for ln in b.lines]) for b in blocks if b.kind == "caption"]
        text = "\n".join([*bylines, *paragraphs([b for b in blocks if b.kind == "body"], body), *captions])
        return SourcePage(text=text, encoding="pdf", page_number=page_number, furniture=furniture)
    articles = [a for a in (region_article(r, body) for r in regions) if a is not None]
    text = "\n\n".join("\n".join(x for x in (a.title, a.byline, *a.paragraphs) if x) for a in articles)
    return SourcePage(text=text, encoding="pdf", page_number=page_number, articles=articles, furniture=furniture)
