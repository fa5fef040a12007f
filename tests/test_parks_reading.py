"""How zones are read, pinned while the reading is made cheaper: a shared gazetteer form
resolved by the provinces the same text names (read per text, never remembered across texts)."""

from __future__ import annotations

import re

import pytest

from loaders.extract.parks import _REFERENCE, find_parks, named_zones
from tests.conftest import sample_pages


@pytest.mark.parametrize(
    ("text", "zone_key"),
    [
        ("中山市近日召开大会，火炬高新区企业代表参加。", "中山火炬高技术产业开发区"),
        ("厦门市近日召开大会，火炬高新区企业代表参加。", "厦门火炬高技术产业开发区"),
        ("火炬高新区企业代表参加。", "厦门火炬高技术产业开发区"),
    ],
)
def test_shared_form_follows_the_provinces_of_its_own_text(text: str, zone_key: str) -> None:
    assert [m.zone_key for m in find_parks(text)] == [zone_key]


def test_provinces_of_one_text_do_not_carry_to_the_next() -> None:
    find_parks("中山市近日召开大会，火炬高新区企业代表参加。")
    assert [m.zone_key for m in find_parks("火炬高新区企业代表参加。")] == ["厦门火炬高技术产业开发区"]


def test_reference_pattern_opening_lookahead_changes_no_match():
    plain = re.compile(
        r"(该|本)?(高新区|经开区|开发区|合作区|自创区|示范区|综保区|园区)(?!域|内外)|(该|本)(区)(?!域|别|间|块|分|级)"
    )
    texts = [p.read_text(encoding="utf-8") for p in sample_pages()]
    texts.append("该高新区、本区、园区内外、产业园区、本区域、经开区与该区别")
    for text in texts:
        assert [m.groups() + m.span() for m in _REFERENCE.finditer(text)] == [
            m.groups() + m.span() for m in plain.finditer(text)
        ]


def test_named_zones_are_find_parks_without_references():
    for page in sample_pages():
        text = page.read_text(encoding="utf-8")
        assert named_zones(text) == [m for m in find_parks(text) if not m.is_reference]
