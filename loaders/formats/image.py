"""Pictures of pages (`.png`, `.jpg`, `.tif` ...): recognised, so that they are reported, not skipped.

A photographed or scanned page has no text to read, and gaoxin does no OCR. Treating
images as a format means a folder of scans gets one clear outcome per file instead of
being silently ignored, and a `.pdf` or `.txt` that is really a picture says so.
"""

from __future__ import annotations

from loaders.formats.base import Format, PageError, SourceFile

SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}


def _kind(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return next((name for magic, name in SIGNATURES.items() if head.startswith(magic)), None)


def sniff(head: bytes) -> bool:
    return (_kind(head) is not None and not head.startswith(b"BM")) or _bmp(head)


def _bmp(head: bytes) -> bool:
    """`BM` alone is too common a start for text; a real BMP header also states a plausible offset."""
    return head.startswith(b"BM") and len(head) >= 14 and 14 <= int.from_bytes(head[10:14], "little") <= 4096


def read(data: bytes) -> SourceFile:
    kind = _kind(data[:16]) or "image"
    raise PageError(f"OCR is not supported (a {kind} image, not a text page)")


FORMAT = Format(
    name="image",
    label="an image",
    suffixes=(".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"),
    sniff=sniff,
    read=read,
)
