"""Plain-text pages (`.txt`): OCR'd or extracted newspaper text in any common Chinese encoding.

The format knows nothing but the text; the segmenter finds the articles.
"""

from __future__ import annotations

from loaders.decode import decode_page
from loaders.formats.base import Format, SourceFile, SourcePage


def sniff(head: bytes) -> bool:
    """Plain text has no signature: it is what is left when no other format claims a file."""
    return False


def read(data: bytes) -> SourceFile:
    decoded = decode_page(data, max_bytes=len(data))  # the size limit is checked before reading
    return SourceFile("txt", [SourcePage(text=decoded.text, encoding=decoded.encoding)])


FORMAT = Format(name="txt", label="a text page", suffixes=(".txt",), sniff=sniff, read=read)
