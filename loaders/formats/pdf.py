"""E-paper PDF files: every page's text layer, read by layout (`pdf_layout`).

The library is pypdfium2 (Google's PDFium, the engine of Chrome's PDF viewer; Apache-2.0
/ BSD-3-Clause): it reads CJK text layers through the PDF's own Unicode maps and the
predefined Adobe CJK character collections, is fast (C++, a few microseconds per
glyph), drops the second copy of fake-bold text drawn twice, and installs as a wheel
with no system libraries. pdfplumber/pdfminer.six read the same positions and sizes
but are pure Python and tens of times slower; PyMuPDF is AGPL, which does not suit a
library others embed.

What this module does not do: OCR. A scanned page has pictures of characters and no
text layer; it is reported, never loaded as an empty page.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from loaders.formats.base import Format, PageError, SourceFile, SourcePage
from loaders.formats.pdf_layout import Glyph, read_layout

MAGIC = b"%PDF-"
HEADER_WINDOW = 1024  # readers accept the header anywhere in the first KB (PDF 32000-1, annex H)
MIN_GLYPHS = 20  # fewer characters than this on a page is no text layer (a scan's page number)
MAX_UNMAPPED_SHARE = 0.3  # more glyphs than this without a Unicode value: an unreadable text layer
NO_TEXT = "no text layer; OCR is not supported"
NO_FONT = (
    "its fonts are not embedded and no CJK font is installed (e.g. Debian's fonts-noto-cjk): "
    "single characters may be missing"
)


def sniff(head: bytes) -> bool:
    return MAGIC in head[:HEADER_WINDOW]


def _open(data: bytes) -> pdfium.PdfDocument:
    if not sniff(data):
        raise PageError("not a PDF: no %PDF- header in its first kilobyte")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        m = re.search(r"PDFium: ([^)]+)", str(e))
        message = (m.group(1) if m else str(e)).strip().rstrip(".").lower()
        if "password" in message:
            raise PageError("encrypted PDF: it needs a password to open; gaoxin reads unprotected files") from e
        if "security" in message:
            raise PageError("encrypted PDF with an unsupported security handler") from e
        if b"%%EOF" not in data[-2048:]:
            raise PageError(
                f"truncated PDF: it does not end with %%EOF and PDFium could not open it ({message})"
            ) from e
        raise PageError(f"damaged PDF: PDFium could not open it ({message})") from e


_SKIP = frozenset("\r\n\x00")
HYPHEN_MARKS = frozenset("\x02\ufffe")  # how PDFium reports a hyphen ending a line; in Chinese it is a dash


@dataclass
class PageGlyphs:
    glyphs: list[Glyph]
    unmapped: int = 0  # glyphs without a Unicode value
    outlineless: bool = False  # glyphs without outlines: a font neither embedded nor installed


def page_glyphs(page: pdfium.PdfPage) -> PageGlyphs:
    """The page's glyphs (top-down coordinates), and what is wrong with its text layer.

    One call for the page's text, two per glyph (box, size): this loop is most of the
    reading time, so it binds everything it calls locally.
    """
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return PageGlyphs([])
        text = textpage.get_text_range(0, n)
        height = page.get_height()
        rect = pdfium_c.FS_RECTF()
        ref = ctypes.byref(rect)
        loose_box, font_size, raw = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize, textpage.raw
        glyphs: list[Glyph] = []
        append = glyphs.append
        unmapped = 0
        for i, ch in enumerate(text[:n]):
            if ch in _SKIP or not loose_box(raw, i, ref):
                continue
            if ch in HYPHEN_MARKS:
                ch = "-"
            left, right = rect.left, rect.right
            if ch.isspace():
                if not glyphs:
                    continue
                if right - left < 0.01:  # a space PDFium inferred from a gap between words: keep it
                    prev = glyphs[-1]
                    append(Glyph(" ", prev.x1, prev.top, prev.x1, prev.bottom, prev.size))
                    continue
            elif not ch.isprintable():
                continue
            elif ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff":
                unmapped += 1
            append(Glyph(ch, left, height - rect.top, right, height - rect.bottom, font_size(raw, i)))
        return PageGlyphs(glyphs, unmapped, _outlineless(textpage))
    finally:
        textpage.close()


def _outlineless(textpage: pdfium.PdfTextPage, sample: int = 40) -> bool:
    """Whether the page's glyphs have no outlines (zero-height boxes).

    A PDF may name a standard CJK font (STSong-Light ...) without embedding it; PDFium then
    needs a CJK font on this machine. Without one, it also takes some one-character lines
    for duplicates and drops them, so the user is told.
    """
    flat = seen = 0
    for i in range(textpage.count_chars()):
        box = textpage.get_charbox(i)
        if box[2] - box[0] < 0.01:  # spaces and generated characters have no width either
            continue
        seen += 1
        flat += box[3] - box[1] < 0.01
        if seen >= sample:
            break
    return seen > 0 and flat * 2 > seen


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))


def read(data: bytes) -> SourceFile:
    doc = _open(data)
    try:
        pages: list[SourcePage] = []
        outlineless = False
        scans: list[int] = []
        blank: list[int] = []
        unreadable: list[int] = []
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            try:
                read = page_glyphs(page)
                printed = sum(1 for g in read.glyphs if not g.ch.isspace())
                if printed < MIN_GLYPHS:
                    (scans if _has_images(page) else blank).append(number)
                    continue
                if read.unmapped > MAX_UNMAPPED_SHARE * printed:
                    unreadable.append(number)
                    continue
                outlineless = outlineless or read.outlineless
                pages.append(read_layout(read.glyphs, page.get_height(), number))
            finally:
                page.close()
        total = len(doc)
    finally:
        doc.close()
    if total == 0:
        raise PageError("PDF has no pages")
    notes = _skipped_notes(scans, blank, unreadable)
    if outlineless:
        notes.append(NO_FONT)
    if not pages:
        if scans:
            raise PageError(f"{NO_TEXT} (a scan: {_pages(scans, total)} only images)")
        if unreadable:
            raise PageError("text layer unreadable: its fonts map characters to no Unicode values")
        raise PageError("PDF pages hold no text")
    return SourceFile("pdf", pages, notes)


def _pages(numbers: list[int], total: int) -> str:
    """`its page holds`, `all 3 pages hold`, `pages 2, 5 hold`."""
    if len(numbers) == total:
        return f"all {total} pages hold" if total > 1 else "its page holds"
    return (
        ("page " if len(numbers) == 1 else "pages ")
        + ", ".join(map(str, numbers))
        + (" holds" if len(numbers) == 1 else " hold")
    )


def _skipped_notes(scans: list[int], blank: list[int], unreadable: list[int]) -> list[str]:
    notes = []
    if scans:
        notes.append(f"{'page' if len(scans) == 1 else 'pages'} {', '.join(map(str, scans))} skipped: {NO_TEXT}")
    if unreadable:
        notes.append(f"pages {', '.join(map(str, unreadable))} skipped: text layer maps to no Unicode values")
    if blank:
        notes.append(f"pages {', '.join(map(str, blank))} skipped: blank")
    return notes


FORMAT = Format(name="pdf", label="a PDF file", suffixes=(".pdf",), sniff=sniff, read=read)
