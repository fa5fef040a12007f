"""The segmenter's sixth-round page-level shortcuts agree with the plain rules they replace.

Texts are invented: random runs of made-up fragments (doubled headline pieces, letter-spaced
words, blank and one-character lines, characters sharing a UTF-16 low byte, characters outside
the BMP) chosen to meet the shortcuts' edge cases often.
"""

from __future__ import annotations

import random

import pytest

from loaders import normalize, segment

# invented pieces; `丁` (U+4E01) and `ā` (U+0101) share a low byte, as do `丂` (U+4E02) and `Ă` (U+0102)
PIECES = [
    "开放合作", "开放合作", "园区", "园区", "““", "””", "新", "高", "丁", "ā", "丂", "Ă", "\U00020001", "\U0001f600",
    " ", "　", "本 报 讯", "近 日 ，", "。", "，", "１２", "Ａ", "\xa0", "\ufeff", "\t", "好", "好好", "的",
]  # fmt: skip


def _texts(count: int, seed: int, most: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, most))) for _ in range(count)]


def _may_be_doubled_plain(stripped: str) -> bool:
    return 4 <= len(stripped) <= normalize.MAX_DOUBLED_LINE and len(set(stripped)) <= (
        len(stripped) * normalize.MAX_REPAIRED_SHARE
    )


@pytest.mark.parametrize("seed", range(4))
def test_may_be_doubled_counts_as_the_set(seed):
    """The low-byte count only rules lines out that the set of characters rules out."""
    passed = 0
    for text in _texts(4000, seed):
        stripped = text.strip()
        assert normalize.may_be_doubled(stripped) == _may_be_doubled_plain(stripped), stripped
        passed += normalize.may_be_doubled(stripped)
    assert passed > 100


def _repair_plain(line: str) -> tuple[str, bool]:
    """repair_mapped_line as it read before its checks: every repair tried on every line."""
    s = normalize.collapse_letter_spacing(line.replace("\ufeff", "").strip())
    s, doubled = normalize.undouble(s)
    return s.strip(), doubled


@pytest.mark.parametrize("seed", range(4))
def test_page_repair_repairs_each_line_as_every_repair_would(seed):
    """repair_mapped_page (and repair_mapped_line, which it calls) reads a page's lines as trying
    every repair on each would (pages with and without a byte-order mark, blank lines, doubled
    and letter-spaced lines)."""
    rng = random.Random(seed)
    doubled = 0
    for _ in range(300):
        lines = _texts(rng.randint(0, 12), rng.randrange(10**6))
        page = normalize.map_chars(rng.choice(["\n", "\r\n", "\n\n"]).join(lines))
        want = [_repair_plain(ln) for ln in page.splitlines()]
        assert normalize.repair_mapped_page(page) == want
        doubled += sum(bold for _, bold in want)
    assert doubled > 5  # doubled lines are met, not only plain ones


def _classify_plain(raw_text: str) -> list[segment.Line]:
    """classify_lines as it was before its page-level steps: one line at a time."""
    raw_lines = raw_text.splitlines()
    stripped = [ln.strip() for ln in raw_lines]
    mapped = normalize.map_chars(raw_text).splitlines()
    lines: list[segment.Line] = []
    i = 0
    no_title_until = 0
    while i < len(raw_lines):
        if not stripped[i]:
            i += 1
            continue
        if len(stripped[i]) == 1 and i >= no_title_until:
            j, chars = segment._vertical_run(stripped, i)
            if sum(len(c) == 1 for c in chars) >= segment._VERTICAL_MIN:
                lines.extend(segment.Line(t, "vertical", bold=True) for t in normalize.rebuild_vertical(chars))
                i = j
                continue
            no_title_until = j
        text, bold = normalize.repair_mapped_line(mapped[i])
        i += 1
        if text:
            segment._read_line(text, bold, lines)
    return lines


@pytest.mark.parametrize("seed", range(4))
def test_classify_lines_reads_a_page_as_line_by_line(seed):
    """Vertical titles found before the lines are read, lines repaired page at once: the same lines
    (with their marks) as reading one line at a time."""
    rng = random.Random(seed)
    singles = [*"推动科技突围打通信息大动脉", "", " ", "“", "““"]
    for _ in range(200):
        rows = []
        for _ in range(rng.randint(0, 30)):
            rows.append(rng.choice(singles) if rng.random() < 0.5 else rng.choice(_texts(1, rng.randrange(10**6))))
        page = "\n".join(rows)
        got = segment.classify_lines(page)
        want = _classify_plain(page)
        assert got == want, page
        assert [ln.marked for ln in got] == [ln.marked for ln in want]


def _plain_reference(text: str) -> bool:
    """_plain as it was before its comma and full stop test."""
    if "报" in text or "新华" in text or ":" in text or "：" in text:
        return False
    if text.startswith(segment._NOT_PLAIN_OPENINGS) or text.rstrip().endswith(segment._NOT_PLAIN_ENDINGS):
        return False
    return segment._AUTHOR_SHAPE.fullmatch(text) is None


# invented pieces of signature-like and running lines: names, spaces, the punctuation tested
LINE_PIECES = ["张小明", "李华", "欧阳", "·", " ", "  ", "，", "。", "、", "；", "!", "?", "—", "科技", "记者", "摄"]


@pytest.mark.parametrize("seed", range(4))
def test_plain_and_sentence_punct_shortcuts_decide_as_the_patterns(seed):
    """A comma or a full stop rules out a signature's shape and is sentence punctuation: the
    substring tests in front of the patterns change no answer."""
    rng = random.Random(seed)
    signatures = 0
    for _ in range(4000):
        text = "".join(rng.choice(LINE_PIECES) for _ in range(rng.randint(0, 8)))
        assert segment._plain(text) == _plain_reference(text), text
        assert segment._sentence_punct(text) == (segment._NO_SENTENCE_PUNCT.search(text) is not None), text
        signatures += segment._AUTHOR_SHAPE.fullmatch(text) is not None
    assert signatures > 100


def _vertical_titles_plain(stripped: list[str]) -> list[tuple[int, int, list[str]]]:
    """_vertical_titles as a walk over every line (the plain rule)."""
    runs = []
    no_title_until = 0
    for i, s in enumerate(stripped):
        if len(s) != 1 or i < no_title_until:
            continue
        j, chars = segment._vertical_run(stripped, i)
        if sum(len(c) == 1 for c in chars) >= segment._VERTICAL_MIN:
            runs.append((i, j, normalize.rebuild_vertical(chars)))
        no_title_until = j
    return runs


# invented lines: one-character lines (a vertical title's), short repeats, blanks, longer lines
LINE_PIECES = ["新", "区", "园", "““", "””", "", " ", "好好", "创新发展", "高新区加快建设。", "1", "２"]


@pytest.mark.parametrize("seed", range(4))
def test_vertical_titles_found_as_by_the_walk(seed):
    """Finding the one-character lines by their lengths finds the runs the walk over every line finds."""
    rng = random.Random(seed)
    found = 0
    for _ in range(1500):
        ones = rng.choice([0.2, 0.6, 0.9])  # pages with few and with many one-character lines
        stripped = [
            rng.choice(LINE_PIECES[:5]) if rng.random() < ones else rng.choice(LINE_PIECES[5:])
            for _ in range(rng.randint(0, 30))
        ]
        runs = segment._vertical_titles(stripped)
        assert runs == _vertical_titles_plain(stripped), stripped
        found += bool(runs)
    assert found > 100  # the runs are met, not only pages without one
