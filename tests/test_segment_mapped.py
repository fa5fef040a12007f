"""classify_lines maps a page's characters at once (normalize.map_chars) and repairs each line
after: the lines it reads must be the page's lines mapped one by one, whatever breaks them."""

from __future__ import annotations

import pytest

from loaders.normalize import (
    clean_line,
    collapse_letter_spacing,
    map_chars,
    repair_mapped_line,
    to_halfwidth,
    undouble,
)

PAGES = [
    "本 报 讯 　记者\xa0张三\n２０２４年３月\r\n\ufeff近日，ＡＢＣ公司\r\ufeff\nx",
    "\ufeff\ufeff\n\n\u3000\u3000高新区\u2028推动科技推动科技““突围突围””\x0c尾",
    "ｆｕｌｌ\x1cwidth\x85行\u2029末\r",
]


@pytest.mark.parametrize("page", PAGES)
def test_mapped_page_splits_into_mapped_lines(page: str) -> None:
    assert map_chars(page).splitlines() == [map_chars(line) for line in page.splitlines()]


@pytest.mark.parametrize("line", [ln for page in PAGES for ln in page.splitlines()])
def test_repair_of_mapped_line_is_the_line_repairs_in_their_first_order(line: str) -> None:
    """The byte-order mark dropped after the mapping, not before, changes nothing."""
    first = to_halfwidth(line.replace("\ufeff", "")).replace("\u3000", " ").replace("\xa0", " ").strip()
    text, doubled = undouble(collapse_letter_spacing(first))
    assert repair_mapped_line(map_chars(line)) == clean_line(line) == (text.strip(), doubled)
