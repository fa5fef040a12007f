"""Turn the bytes of a page into text, or say precisely why not.

Pages arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK
(GB18030 is a superset of GBK and GB2312, so one decoder covers all three).
Everything that is not a page (empty, binary, oversized, undecodable) gets a
reason a person can act on instead of an exception.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news page is ~20 KB; 5 MB is generous


class PageError(ValueError):
    """A file that cannot be loaded as a page; str(e) is the reason shown to users."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_NOT_PRINTABLE = ("Cc", "Cn", "Co", "Cs")  # control, unassigned, private use, surrogate
_LAYOUT = "\r\n\t\f"  # control characters a page does print
# characters that are never bad (printable ASCII, layout, Latin-1's letters and signs, general
# punctuation (quotes, dashes), number forms, arrows and mathematical signs, enclosed numbers,
# geometric shapes (`◎▶■`), CJK and full-width punctuation, CJK units (`㎡`), the CJK ideographs,
# vertical forms: all assigned, none a control; tests check every one of them)
_FINE = (
    "\x20-\x7e\r\n\t\f\xa0-\xff\u2010-\u2027\u2030-\u205e\u2150-\u218b\u2190-\u22ff\u2460-\u24ff"
    "\u25a0-\u25ff\u3000-\u303f\u3380-\u33ff\u3400-\u9fff\ufe30-\ufe4f\uff01-\uff9f"
)
# runs of them: most of a page, dropped in one pass so that only the rest is looked up
_SURELY_FINE = re.compile(f"[{_FINE}]+")
# one character that may be bad: most pages hold none, and one search finds that without the
# runs made and dropped
_MAYBE_BAD = re.compile(f"[^{_FINE}]")


def _plausible(text: str) -> bool:
    """Mostly printable characters: a wrong decoder yields control or unassigned ones.

    Each distinct character is looked up once, and only the bad ones are counted: a page
    repeats a few thousand characters, and asking for the category of every one of its tens
    of thousands cost as much as splitting the page into articles.
    """
    if not text:
        return False
    if _MAYBE_BAD.search(text) is None:  # every character surely fine: none is bad
        return True
    rest = _SURELY_FINE.sub("", text)
    bad = sum(rest.count(ch) for ch in set(rest) if unicodedata.category(ch) in _NOT_PRINTABLE and ch not in _LAYOUT)
    return bad / len(text) < 0.01


def decode_page(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode a page's bytes; raise PageError with a clear reason when it is not one."""
    if len(data) > max_bytes:
        raise PageError(f"too large: {len(data):,} bytes (limit {max_bytes:,}); not a news page")
    if not data.strip():
        raise PageError("empty file" if not data else "file holds only white space")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise PageError(f"starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}") from e
            return _checked(text, enc)
    if b"\x00" in data:
        raise PageError("binary file (contains NUL bytes and no UTF-16 byte-order mark)")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return _checked(text, enc, plausible=True)
    raise PageError("unknown encoding: not valid UTF-8, UTF-16 (with BOM) or GB18030/GBK")


def _checked(text: str, encoding: str, plausible: bool = False) -> Decoded:
    """`text` as a page, unless it is blank or implausible (`plausible`: `text` was found so;
    it is not judged again unless stripping a byte-order mark changed it)."""
    stripped = text.lstrip("\ufeff")
    if not stripped.strip():
        raise PageError("file holds only white space")
    if not (plausible and len(stripped) == len(text)) and not _plausible(stripped):
        raise PageError(f"binary or corrupt file (decodes as {encoding} but is mostly control characters)")
    return Decoded(text=stripped, encoding=encoding)
