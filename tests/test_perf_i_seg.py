"""The read-and-segment stage's ninth-round shortcuts agree with the plain rules they replace.

Texts are invented (made-up sentences and random runs of made-up fragments).
"""

from __future__ import annotations

import random
import unicodedata

from loaders import decode, normalize


def _plain_plausible(text: str) -> bool:
    """decode._plausible as first written: the category of every character asked."""
    if not text:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in decode._NOT_PRINTABLE and ch not in decode._LAYOUT)
    return bad / len(text) < 0.01


def test_maybe_bad_is_every_character_not_surely_fine():
    every = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    for ch in every:
        assert (decode._MAYBE_BAD.match(ch) is None) == (decode._SURELY_FINE.match(ch) is not None), hex(ord(ch))


# made-up page text with the punctuation pages print outside the CJK blocks, and bad characters
_DECODE_PIECES = [
    "园区新建厂房",
    "“智造”",
    "——",
    "◎记者 王某",
    "㎡",
    "·",
    "…",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1c",
    "\ue000",
]


def test_plausible_with_its_one_search_decides_as_every_character_asked():
    rng = random.Random(5)
    fast = 0
    for _ in range(400):
        text = "".join(rng.choice(_DECODE_PIECES[: rng.choice((8, 10, len(_DECODE_PIECES)))]) for _ in range(60))
        fast += decode._MAYBE_BAD.search(text) is None
        assert decode._plausible(text) == _plain_plausible(text), text
    assert 0 < fast < 400  # both the search's answer and the count were reached


def _undouble_by_full_parse(line: str, min_coverage: float) -> tuple[str, bool]:
    """undouble as it was before its shortcuts: the whole line parsed, then judged."""
    stripped = line.strip()
    if not 4 <= len(stripped) <= normalize.MAX_DOUBLED_LINE:
        return line, False
    pieces, covered = normalize._full_parse(stripped)
    text = "".join(t for t, _ in pieces)
    if covered / len(stripped) >= min_coverage and len(text) <= len(stripped) * normalize.MAX_REPAIRED_SHARE:
        return text, True
    return line, False


def test_undouble_with_its_singles_bound_decides_as_the_full_parse():
    """A line is given up before its parse when its characters that occur once are too many to
    leave it covered: the same decision as parsing it, for long lines of few and many distinct
    characters, doubled in part, in whole or not at all."""
    rng = random.Random(11)
    words = ["园区", "新建", "研发中心", "签约项目", "总投资", "同比增长", "企业营收", "甲", "乙", "丙", "，", "。"]
    cut = kept = 0
    for _ in range(1500):
        pieces = [rng.choice(words[: rng.randint(2, len(words))]) for _ in range(rng.randint(2, 60))]
        doubled = [p + p if rng.random() < rng.random() else p for p in pieces]
        line = "".join(doubled)[: normalize.MAX_DOUBLED_LINE]
        for coverage in (0.75, 0.5, 0.9):
            assert normalize.undouble(line, coverage) == _undouble_by_full_parse(line, coverage), line
        if normalize.may_be_doubled(line):
            if normalize._too_many_singles(line, 0.75):
                cut += 1
            else:
                kept += 1
    assert cut and kept  # both the bound's answers were reached


def test_letter_spacing_pre_check_collapses_as_the_plain_substitution():
    """A line with no character between two spaces holds no letter-spaced run and is returned
    as it is: the same line the run's substitution gives, for lines spaced every way."""
    rng = random.Random(3)
    pieces = ["本", "报", "讯", "园区", "，", "a", "1", " ", " ", "  ", "\u3000"]
    collapsed = kept = 0
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        plain = normalize._SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), line)
        assert normalize.collapse_letter_spacing(line) == plain, line
        if " " in line and normalize._SPACED_PAIR.search(line) is None:
            kept += 1
        elif plain != line:
            collapsed += 1
    assert collapsed and kept  # both the pre-check's answer and the substitution were reached


def test_shared_bigrams_counts_as_the_set_intersection():
    from loaders import segment

    rng = random.Random(7)
    chars = "园区新建研发中心签约项目甲乙1a"
    for _ in range(500):
        title = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        lead = "".join(rng.choice(chars) for _ in range(rng.randint(0, 40)))
        bigrams = segment._bigrams(title)
        expected = len(bigrams & segment._bigrams(lead))
        assert segment._shared_bigrams(bigrams, segment._word_chars(lead)) == expected
