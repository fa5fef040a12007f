"""Input formats, and how a file is matched to one.

Each format is a module exposing `FORMAT` (`loaders.formats.base.Format`); adding one
means writing that module and listing it in `FORMATS` below. Discovery takes a file
in a folder when its suffix belongs to a format; reading picks the format by content
first (a `.pdf` that holds an HTML error page is read as HTML, and the user is told),
by suffix second, and falls back to plain text.
"""

from __future__ import annotations

from pathlib import PurePath

from loaders.formats import html, image, pdf, text
from loaders.formats.base import Format, PageError, SourceFile

# sniffed in this order; text has no signature and comes last
FORMATS: tuple[Format, ...] = (
    pdf.FORMAT,
    html.FORMAT,
    image.FORMAT,  # recognised only to be reported: no OCR
    text.FORMAT,
)

SNIFF_BYTES = 2048


def page_suffixes() -> frozenset[str]:
    """File suffixes that make a file in a folder a page."""
    return frozenset(s for f in FORMATS for s in f.suffixes)


def by_suffix(name: str) -> Format | None:
    suffix = PurePath(name).suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


def detect(name: str, head: bytes) -> tuple[Format, str | None]:
    """The format to read a file with, and a note when its name says otherwise."""
    named = by_suffix(name)
    sniffed = next((f for f in FORMATS if f.sniff(head[:SNIFF_BYTES])), None)
    if sniffed is None:
        return named or text.FORMAT, None
    if named is not None and named is not sniffed:
        return sniffed, f"named {PurePath(name).suffix} but holds {sniffed.label}"
    return sniffed, None


def read_file(name: str, data: bytes) -> SourceFile:
    """Bytes of one file -> its pages. Raises PageError (with the format's reason) when not readable."""
    fmt, note = detect(name, data)
    try:
        read = fmt.read(data)
    except PageError as e:
        if note:
            raise PageError(f"{note}: {e}") from e
        raise
    if note:
        read.notes.insert(0, f"{note}; read as {fmt.name}")
    return read
