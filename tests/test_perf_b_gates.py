"""Shortcuts of the metric and subject readers agree with the full scans they replace:
`_batch_cues` skips sentences without a batch word, `_most_specific` stops at each initial's
first held keyword."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.context import ArticleContext
from loaders.extract.metrics import _keywords_by_initial, _most_specific
from loaders.extract.subjects import _BATCH, _batch_cues
from loaders.reference import metric_vocabulary

_BATCH_ALPHABET = "0123456789一二两三十百千个批项类目中上述签约金额总投资规模，。；项"

_BATCH_CRAFTED = [
    "集中签约项目21个，总投资176亿元",
    "17个项目中，A项目计划布局",
    "其中先进制造业类项目14个",
    "签约金额达50亿元",
    "总投资规模超百亿元",
    "园区新增企业30家",
]


def _full_batch_scan(text: str) -> list[int]:
    return [m.start() for m in _BATCH.finditer(text)]


def test_batch_cues_are_the_full_scan_on_crafted_sentences():
    for text in _BATCH_CRAFTED:
        assert _batch_cues(ArticleContext(text), 0, len(text)) == _full_batch_scan(text), text


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_BATCH_ALPHABET, max_size=30))
def test_batch_cues_are_the_full_scan_on_any_text(text):
    assert _batch_cues(ArticleContext(text), 0, len(text)) == _full_batch_scan(text)


def _keyword_chars() -> str:
    return "".join(sorted({ch for term in metric_vocabulary() for k in term.keywords for ch in k}))


def _full_keyword_scan(phrase: str, by_initial) -> int | None:
    """Every keyword opening with one of the phrase's characters tried: the least rank held."""
    found = [rank for ch in set(phrase) for rank, keyword in by_initial.get(ch, ()) if keyword in phrase]
    return min(found) if found else None


@settings(max_examples=800, deadline=None)
@given(
    st.text(alphabet=_keyword_chars(), max_size=16),
    st.sampled_from(["CNY", "percent", "家", "亩", "个", "人"]),
    st.booleans(),
)
def test_the_most_specific_keyword_is_the_least_rank_held(phrase, unit, growth):
    by_initial = _keywords_by_initial(unit, growth)
    assert _most_specific(phrase, by_initial) == _full_keyword_scan(phrase, by_initial)


def test_the_most_specific_keyword_on_vocabulary_phrases():
    keywords = [k for term in metric_vocabulary() for k in term.keywords if k]
    for unit in ("CNY", "percent", "家"):
        for growth in (False, True):
            by_initial = _keywords_by_initial(unit, growth)
            for a, b in zip(keywords, reversed(keywords), strict=True):
                phrase = "园区" + a + "和" + b
                assert _most_specific(phrase, by_initial) == _full_keyword_scan(phrase, by_initial)
