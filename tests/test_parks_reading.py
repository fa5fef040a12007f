"""How zones are read, pinned while the reading is made cheaper: a shared gazetteer form
resolved by the provinces the same text names (read per text, never remembered across texts)."""

from __future__ import annotations

import pytest

from loaders.extract.parks import find_parks


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
