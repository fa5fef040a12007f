"""`read` returns the numbers of a text without a fraction or a half as they come, without the
overlap checks and the sort: it must be what the full reading (checks and sort) gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import numbers
from loaders.extract.numbers import QUANTITY, Quantity, read

_ALPHABET = (
    "0123456789.,/%％ 一二两三四五六七八九十百千万亿零余多超过近约达到共累计以上左右"
    "年月日元美家个项人次亩吨分之半过第前，。、“”企业项目园区"
)

_CRAFTED = [
    "实现营收777.8亿元，同比增长8.0%，新增企业200余家",
    "占全市的1/2，超过一半的企业",
    "三分之一的项目已开工，两千余万元",
    "2023年5月签约5个项目，总投资20亿元",
    "",
]


def _full_reading(text: str) -> list[Quantity]:
    """The reader as it was: every match checked against the fractions and halves, then sorted."""
    out = numbers._fractions(text) + numbers._halves(text)
    taken = bytearray(len(text))
    for q in out:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
    for m in QUANTITY.finditer(text):
        if m.group("unit") is not None and 1 not in taken[m.start() : m.end()]:
            q = numbers._quantity(text, m)
            if q is not None:
                out.append(q)
    return sorted(out, key=lambda q: q.start)


def test_read_is_the_full_reading_on_crafted_texts():
    for text in _CRAFTED:
        assert read(text) == _full_reading(text), text


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_read_is_the_full_reading_on_any_text(text):
    assert read(text) == _full_reading(text)
