"""Line-level repairs of OCR'd newspaper text.

The pages come from PDF text extraction of a broadsheet: bold headline fonts are
extracted twice (`推动科技推动科技““突围突围””`), vertical titles come out one
character per line, justified lines are letter-spaced (`本 报 讯`) and digits are
sometimes full-width. These functions repair single lines or runs of lines; joining
hard-wrapped lines into paragraphs needs the page layout and lives in `segment.py`.
"""

from __future__ import annotations

import re
from codecs import utf_16_le_encode as _utf_16_le
from collections import Counter

CJK = r"\u3400-\u9fff\uf900-\ufaff"

# full-width digits and Latin letters -> ASCII (punctuation is left as printed)
_FULLWIDTH_RANGES = ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
_HALFWIDTH = {cp: cp - 0xFEE0 for r in _FULLWIDTH_RANGES for cp in range(r[0], r[1] + 1)}
# a line with none of them is left as it is: a regex scan is far cheaper than a dict-driven translate
_FULLWIDTH = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _FULLWIDTH_RANGES) + "]")

# vertical-layout presentation forms -> their horizontal equivalents
_VERTICAL_PUNCT = str.maketrans(
    {
        "﹃": "“",
        "﹄": "”",
        "﹁": "‘",
        "﹂": "’",
        "︰": "：",
        "︱": "｜",
        "︵": "（",
        "︶": "）",
        "︻": "【",
        "︼": "】",
        "︽": "《",
        "︾": "》",
        "︐": "，",
        "︒": "。",
        "︑": "、",
        "︓": "：",
        "︔": "；",
        "︕": "！",
        "︖": "？",
        "︙": "…",
    }
)

# letter-spaced runs: three or more single CJK characters (or CJK punctuation) separated by spaces
_SPACED_CHAR = f"[{CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
_SPACED_RUN = re.compile(f"(?:{_SPACED_CHAR} ){{2,}}{_SPACED_CHAR}")
# what every such run holds: a character between two spaces. Opening with a space, it is found by
# skipping to the line's spaces, not by testing the run's character class at every offset
_SPACED_PAIR = re.compile(f" {_SPACED_CHAR} ")

SENTENCE_END = "。！？!?；…"


def to_halfwidth(text: str) -> str:
    """Full-width digits and Latin letters to ASCII; everything else unchanged."""
    return text.translate(_HALFWIDTH) if _FULLWIDTH.search(text) else text


def collapse_letter_spacing(line: str) -> str:
    """`本 报 讯` -> `本报讯`: justified lines put a space between every character."""
    if " " not in line or _SPACED_PAIR.search(line) is None:  # no run: most lines, spared the scan
        return line
    return _SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), line)


# A bold font is doubled run by run: a unit is a word or a short headline, never a paragraph.
# Bounding the unit keeps the parse linear in the line's length (it was cubic: 86 KB took minutes).
MAX_DOUBLED_UNIT = 48
# a doubled headline line is at most twice a long headline; longer lines are body text
MAX_DOUBLED_LINE = 240


def _doubled_units(line: str, min_coverage: float = 0.0) -> tuple[list[tuple[str, bool]], int] | None:
    """Greedy left-to-right parse of `line` into doubled units `XX` -> `X`.

    Returns the pieces as (text, was_doubled) and how many characters of the input were
    covered by doubled units. At each position the longest doubled unit (up to
    MAX_DOUBLED_UNIT characters) wins, so `东莞松山湖高新区东莞松山湖高新区` is one unit,
    not a chain of single-character ones. Only lengths where the character repeats are
    tried, so the work per position is bounded and the whole parse linear.

    With `min_coverage`, returns None as soon as the characters left uncovered so far rule
    that share out: a body line is plain from its first words, and parsing all of it only
    to find it is not doubled was most of the cost of cleaning a page.
    """
    out: list[tuple[str, bool]] = []
    covered = 0
    plain_from = 0  # start of the current run of plain (not doubled) characters
    i, n = 0, len(line)
    uncovered = 0
    while i < n:
        for k in _unit_lengths(line, i, min(MAX_DOUBLED_UNIT, (n - i) // 2)):
            if line[i : i + k] == line[i + k : i + 2 * k]:
                if plain_from < i:
                    out.append((line[plain_from:i], False))
                out.append((line[i : i + k], True))
                covered += 2 * k
                i += 2 * k
                plain_from = i
                break
        else:
            i += 1
            uncovered += 1
            if (n - uncovered) / n < min_coverage:  # covered can only end lower
                return None
    if plain_from < n:
        out.append((line[plain_from:], False))
    return out, covered


def _full_parse(line: str) -> tuple[list[tuple[str, bool]], int]:
    """_doubled_units without giving up (no coverage required): the pieces of every line."""
    return _doubled_units(line) or ([], 0)


def _unit_lengths(line: str, i: int, longest: int) -> list[int]:
    """Lengths k <= longest, longest first, at which `line[i]` repeats: the only doubled units possible."""
    ks = []
    ch = line[i]
    j = line.find(ch, i + 1, i + longest + 1)
    while j != -1:
        ks.append(j - i)
        j = line.find(ch, j + 1, i + longest + 1)
    ks.reverse()
    return ks


# a doubled line shrinks to at most this share of its length when repaired
MAX_REPAIRED_SHARE = 0.6


# every byte value once: deleting a text's bytes from it leaves the values the text does not hold
_ALL_BYTES = bytes(range(256))
_SET_COUNTED = 24  # a line up to this long counts its distinct low bytes by a set (see may_be_doubled)


def may_be_doubled(stripped: str) -> bool:
    """Can undouble repair the stripped line? Only a line of a doubled line's length whose distinct
    characters fit in MAX_REPAIRED_SHARE of it (the repaired text holds every one of them).

    The distinct characters are counted by a set only when the distinct low bytes of their UTF-16
    code units fit too: characters sharing a low byte count once there, so that count is at most
    theirs, and it is found in C (a set of a short line's bytes, one byte deletion for a longer
    line) instead of hashing a string per character (the set was a third of the cost of reading a
    page's lines). A line with a character outside
    the BMP (two code units) is counted by a set of its characters alone.
    """
    n = len(stripped)
    if not 4 <= n <= MAX_DOUBLED_LINE:
        return False
    room = n * MAX_REPAIRED_SHARE
    units = _utf_16_le(stripped)[0]
    if len(units) != 2 * n:
        return len(set(stripped)) <= room
    low = units[::2]
    # distinct low bytes: a hard-wrapped line's few by a set of them; a long line's by one deletion
    # of them from every byte value, whose 256 steps cost less than hashing its many bytes
    if (len(set(low)) if n <= _SET_COUNTED else 256 - len(_ALL_BYTES.translate(None, low))) > room:
        return False
    # each character one code unit: as many distinct units as characters, counted as integers
    # (a set of them costs half a set of one-character strings, which are made and hashed)
    return len(set(memoryview(units).cast("H"))) <= room


def _too_many_singles(stripped: str, min_coverage: float) -> bool:
    """Would _doubled_units give `stripped` up for leaving more than 1 - min_coverage of it
    uncovered? Surely when its characters that occur once are that many: a doubled unit's
    characters each occur twice, so those are never covered. Counted in C, this spares the
    parse of most long body lines that may_be_doubled lets through (a paragraph of two hundred
    characters repeats enough of them), which gave up only after a quarter of the line."""
    n = len(stripped)
    singles = list(Counter(stripped).values()).count(1)
    return (n - singles) / n < min_coverage  # _doubled_units' test, once it has passed them all


MIN_COVERAGE = 0.75  # the share of a line in doubled units that makes it a doubled line (see undouble)


def undouble(line: str, min_coverage: float = MIN_COVERAGE) -> tuple[str, bool]:
    """Remove bold-font doubling from a line when the whole line shows it.

    Real text repeats too (`做实做强做细`, `员工员工`), so a line is only repaired when
    most of its characters sit in doubled units and a multi-character unit occurs;
    otherwise it is returned unchanged. Returns (text, was_doubled).

    The repaired text holds every distinct character of the line, so a line with more
    distinct characters than MAX_REPAIRED_SHARE of its length (most body lines) cannot be
    a doubled one and is not parsed.
    """
    stripped = line.strip()
    if not may_be_doubled(stripped):
        return line, False
    return _undoubled(line, stripped, min_coverage)


def _undoubled(line: str, stripped: str, min_coverage: float) -> tuple[str, bool]:
    """undouble(line, min_coverage) of a line whose stripped text `stripped` may_be_doubled
    (asked once: repair_mapped_line has asked already)."""
    if _too_many_singles(stripped, min_coverage):
        return line, False
    parsed = _doubled_units(stripped, min_coverage)
    if parsed is None:
        return line, False
    pieces, covered = parsed
    text = "".join(t for t, _ in pieces)
    if covered / len(stripped) >= min_coverage and len(text) <= len(stripped) * MAX_REPAIRED_SHARE:
        return text, True
    return line, False


def rebuild_vertical(chars: list[str]) -> list[str]:
    """Join titles printed one character per line back into strings, one per title.

    A margin often holds two titles in a row. Their kickers (`乐山高新区：`) are set in
    a plain font and their main titles in a doubled bold one, so a plain run that
    follows a doubled run starts the next title. Presentation-form quotes are mapped
    back; Arabic digits set sideways come out after the title, so trailing digits move
    to the measure word that lost its number (`：个重大项目…34` -> `：34个重大项目…`).
    """
    joined = "".join(c.strip() for c in chars).translate(_VERTICAL_PUNCT)
    pieces, _ = _full_parse(joined)
    titles: list[str] = []
    prev_doubled = False
    for text, doubled in pieces:
        if not titles or (prev_doubled and not doubled and len(text) > 1):
            titles.append(text)
        else:
            titles[-1] += text
        prev_doubled = doubled
    return [_move_sideways_digits(t) for t in titles]


def _move_sideways_digits(text: str) -> str:
    m = re.search(r"(\d+)$", text)
    if not m:
        return text
    head = text[: m.start()]
    hole = re.search("[：:“]([个家项件名人亿万])", head)
    if not hole:
        return text
    return head[: hole.start() + 1] + m.group(1) + head[hole.start() + 1 :]


def map_chars(text: str) -> str:
    """The one-to-one character repairs of clean_line: full-width digits and letters to ASCII,
    ideographic and no-break spaces to spaces. None of them makes or removes a line break, so a
    page mapped at once splits into its lines mapped one by one, for one pass per page instead
    of three per line."""
    return to_halfwidth(text).replace("\u3000", " ").replace("\xa0", " ")


def repair_mapped_line(line: str) -> tuple[str, bool]:
    """clean_line of a line map_chars has already read (the byte-order mark is dropped here, not
    by map_chars: dropping it from a page can join a `\\r` and a `\\n` into one line break).

    A line is collapsed only when it holds a space and parsed for doubling only when
    may_be_doubled: most lines of a page are neither, and the checks cost less than the calls."""
    s = (line.replace("\ufeff", "") if "\ufeff" in line else line).strip()
    if " " in s:
        s = collapse_letter_spacing(s)  # a collapsed run neither starts nor ends with a space
    if not may_be_doubled(s):
        return s, False
    s, doubled = _undoubled(s, s, MIN_COVERAGE)  # (s is stripped)
    return s.strip(), doubled


def repair_mapped_page(page: str) -> list[tuple[str, bool]]:
    """repair_mapped_line of each line of a page map_chars has read (a blank line, half the lines
    of many pages, without the call)."""
    return [repair_mapped_line(line) if line else ("", False) for line in page.splitlines()]


def clean_line(line: str) -> tuple[str, bool]:
    """All single-line repairs. Returns (clean text, was a bold doubled line)."""
    return repair_mapped_line(map_chars(line))
