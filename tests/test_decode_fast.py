"""decode's shortcuts: the characters dropped before counting bad ones are never bad."""

from __future__ import annotations

import unicodedata

from loaders.decode import _LAYOUT, _NOT_PRINTABLE, _SURELY_FINE, decode_page


def test_surely_fine_characters_are_never_counted_bad():
    every = "".join(chr(cp) for cp in range(0x10000) if cp < 0xD800 or cp > 0xDFFF)
    for run in _SURELY_FINE.findall(every):
        for ch in run:
            assert ch in _LAYOUT or unicodedata.category(ch) not in _NOT_PRINTABLE, hex(ord(ch))


def test_a_page_with_a_byte_order_mark_is_judged_without_it():
    page = "\ufeff" + "本报讯 近日，成都高新区举行活动。" * 3
    assert decode_page(page.encode("utf-8")).text == page.lstrip("\ufeff")
    assert decode_page(page.encode("gb18030")).text == page.lstrip("\ufeff")
