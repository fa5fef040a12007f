"""Every parsing stage is linear in its input, on real and on adversarial pages.

Time is asserted in two ways that do not depend on the machine's speed:

- operation counts: the Python lines each stage executes (`sys.settrace`), at sizes n
  and 4n; a linear stage does about 4x the work, a quadratic one 16x;
- generous limits on a megabyte: linear stages take a second or two, a quadratic one
  (the original regexes and loops) takes hours, so a limit of a minute cannot flake.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from loaders import ingest, segment
from loaders.extract.numbers import read_quantities
from loaders.ingest import Candidate, parse_file
from loaders.normalize import clean_line, rebuild_vertical
from loaders.segment import split_articles
from tests.conftest import sample_pages

LINEAR = 5.0  # the most work 4x the input may take (linear is about 4; quadratic 16)
MEGABYTE = 1_000_000
GENEROUS = 60.0  # seconds for a megabyte; the quadratic versions took hours
SHIPPED_WINDOW = ingest.EXTRACT_WINDOW

# one-line pages: the sample's own text with its line breaks removed, and invented patterns
SAMPLE_TEXT = "".join(p.read_text(encoding="utf-8") for p in sample_pages()).replace("\n", "")
UNIT = 3000  # sizes are multiples of it, so n and 4n hold the same text in the same proportions


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "one-line page": lambda n: _repeat(SAMPLE_TEXT[:UNIT], n),
    "digit run": lambda n: "营收" + "9" * n,
    "chinese numerals": lambda n: _repeat("一二三四五六七八九十百千万亿", n),
    "fractions": lambda n: _repeat("1/", n),
    "open quotes": lambda n: _repeat("“1家", n),
    "thresholds": lambda n: _repeat("5家以上", n),
    "spaces": lambda n: "甲" + " " * n + "1家",
    "blank lines": lambda n: "甲乙高新区\n" + "\n" * n,
    "one-character lines": lambda n: _repeat("甲\n乙\n", n),
    "doubled text": lambda n: _repeat("推动科技推动科技", n),
    "title and lede lines": lambda n: _repeat("丙丁高新区：新动能\n本报讯 3月2日，戊己高新区举行签约仪式。\n", n),
    "bylines": lambda n: _repeat("◎本报记者 张三\n高新区发展迅速\n", n),
}


@pytest.fixture(autouse=True)
def small_bounds(monkeypatch):
    """Bounded parts (title pairing, extractor windows) reach their bound at test sizes too."""
    monkeypatch.setattr(segment, "MAX_TITLE_PAIRS", 400)
    monkeypatch.setattr(ingest, "EXTRACT_WINDOW", 1000)


def steps(fn: Callable[[], object]) -> int:
    """Python lines executed inside loaders/ while running fn: a count of operations."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if "/loaders/" in frame.f_code.co_filename else None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def growth(stage: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    small, large = steps(lambda: stage(make(n))), steps(lambda: stage(make(4 * n)))
    return large / max(small, 1)


def _whole_parse(text: str) -> object:
    try:
        return parse_file(Candidate(Path("p.txt"), "p.txt"), text.encode("utf-8"))
    except ingest.PageError:
        return None


@pytest.mark.parametrize("pattern", list(ADVERSARIAL))
def test_segmentation_does_linear_work(pattern):
    assert growth(split_articles, ADVERSARIAL[pattern], UNIT) <= LINEAR


@pytest.mark.parametrize("pattern", list(ADVERSARIAL))
def test_the_number_reader_does_linear_work(pattern):
    assert growth(read_quantities, ADVERSARIAL[pattern], UNIT) <= LINEAR


@pytest.mark.parametrize("pattern", ["one-line page", "doubled text", "spaces"])
def test_line_repair_does_linear_work(pattern):
    assert growth(clean_line, ADVERSARIAL[pattern], UNIT) <= LINEAR
    assert growth(lambda t: rebuild_vertical(list(t)), ADVERSARIAL[pattern], UNIT) <= LINEAR


@pytest.mark.parametrize("pattern", ["one-line page", "title and lede lines"])
def test_the_whole_parse_does_linear_work(pattern):
    _whole_parse("本报讯 甲乙高新区。")  # load jieba and the seeds outside the count
    assert growth(_whole_parse, ADVERSARIAL[pattern], UNIT // 2) <= LINEAR


@pytest.mark.parametrize(
    ("stage", "pattern"),
    [
        (clean_line, "one-line page"),
        (split_articles, "one-line page"),
        (read_quantities, "digit run"),
        (read_quantities, "chinese numerals"),
        (read_quantities, "spaces"),
    ],
    ids=lambda x: getattr(x, "__name__", x),
)
def test_a_megabyte_passes_each_stage_within_a_generous_limit(stage, pattern):
    text = ADVERSARIAL[pattern](MEGABYTE)
    started = time.process_time()
    stage(text)
    assert time.process_time() - started < GENEROUS


def test_windows_cover_the_body_and_cut_at_paragraphs_or_sentences():
    body = _repeat("甲乙高新区新增企业12家。\n丙丁开发区产值增长5%。", 50_000)
    pieces = list(ingest.extract_windows(body, 2000))
    assert "".join(text for _, text in pieces) == body
    assert all(body[offset : offset + len(text)] == text for offset, text in pieces)
    assert all(len(text) <= 2000 for _, text in pieces)
    assert all(text.endswith(("\n", "。")) for _, text in pieces[:-1])
    assert list(ingest.extract_windows("短文。", 2000)) == [(0, "短文。")]


@pytest.mark.build  # slow, not a warehouse: a megabyte through every extractor takes ~15 s
def test_a_megabyte_one_line_page_parses_in_bounded_time_with_its_spans_in_place(monkeypatch):
    monkeypatch.setattr(ingest, "EXTRACT_WINDOW", SHIPPED_WINDOW)
    text = ADVERSARIAL["one-line page"](MEGABYTE)
    started = time.process_time()
    parsed = _whole_parse(text)
    assert time.process_time() - started < 5 * GENEROUS
    body = parsed.articles[0].body
    assert len(parsed.facts) > 1000
    for f in parsed.facts:
        written = getattr(f, "mention_text", None) or getattr(f, "raw_text", None) or f.evidence
        assert body[f.char_start : f.char_end] == written
