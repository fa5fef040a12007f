"""The segmentation stage's eighth-round shortcuts agree with the plain rules they replace.

Texts are invented (made-up sentences and random runs of made-up fragments).
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from loaders import simplify


def _plain_is_traditional(text: str) -> bool:
    """is_traditional as it read before its shortcuts: every page's Han characters converted."""
    chars = "".join(simplify._HAN_RUN.findall(text))
    if len(chars) < simplify.MIN_HAN_TO_JUDGE:
        return False
    converted = simplify._converter().convert(chars)
    if converted == chars:
        return False
    changed = sum(a != b for a, b in zip(chars, converted, strict=False))
    return changed > simplify.TRADITIONAL_SHARE * len(chars)


def _t2s_tables() -> list[tuple[str, str]]:
    """Every (key, first value) of the dictionaries OpenCC's t2s conversion reads, dumped to text
    by the opencc_dict tool the wheel ships."""
    import json

    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool, share = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    if not tool.exists():
        pytest.skip("this OpenCC install has no opencc_dict")
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))

    def files(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                yield node["file"]
            for v in node.values():
                yield from files(v)
        elif isinstance(node, list):
            for v in node:
                yield from files(v)

    entries = []
    for name in sorted(set(files(config))):
        out = Path(f"/tmp/test_perf_h_seg_{name}.txt")
        subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True)
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            entries.append((key, values.split(" ")[0]))
        out.unlink()
    return entries


def test_t2s_changes_only_the_characters_it_is_searched_for():
    """Every entry of the t2s tables keeps a text's length and changes it only at characters of
    _changeable (so a text holding none converts to itself; entries
    holding a character outside the Han ranges a page is judged on never match its Han
    characters); CHANGED_IN_PHRASES holds no more than the characters only a phrase changes."""
    alone = simplify._changed_alone()
    entries = _t2s_tables()
    assert len(entries) > 5000
    in_phrases = set()
    han = simplify._HAN_RUN
    for key, value in entries:
        assert len(key) == len(value), key
        if not han.fullmatch(key):
            continue  # (`丽` of the supplement's compatibility ideographs): never among a page's Han characters
        for a, b in zip(key, value, strict=True):
            if a != b:
                assert simplify._changeable().fullmatch(a), (key, value)
                if len(key) > 1:
                    in_phrases.add(a)
    assert set(simplify.CHANGED_IN_PHRASES) == in_phrases - alone


# invented sentences: simplified, traditional, and simplified holding characters t2s changes
SIMPLIFIED = [
    "本区新建研发中心三家，签约项目总投资达十二亿元。",
    "园区企业营收同比增长百分之八。",
    "近日，新区举行集中开工仪式。",
]
TRADITIONAL = [
    "本區新建研發中心三家，簽約項目總投資達十二億元。",
    "園區企業營收同比增長百分之八。",
    "近日，新區舉行集中開工儀式。",
]
SPICED = ["昇腾芯片", "什么", "答覆", "瞭解", "乾坤", "於是", "著名", "回覆", "深沈", "A", "3", "，", "\n"]


@pytest.mark.parametrize("seed", range(6))
def test_is_traditional_agrees_with_the_plain_rule(seed):
    """is_traditional, with its search for changeable characters and its chunked count, answers
    as converting every page's Han characters and counting them one by one does."""
    rng = random.Random(seed)
    pieces = SIMPLIFIED + TRADITIONAL + SPICED

    def text() -> str:
        if rng.random() < 0.3:
            return "".join(rng.choice(SIMPLIFIED) for _ in range(rng.randint(1, 80))) + rng.choice(TRADITIONAL)
        return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))

    _judged_as_the_plain_rule_judges(text() for _ in range(400))


def _judged_as_the_plain_rule_judges(texts) -> None:
    """is_traditional answers as the plain rule on every text, and the texts reach both answers."""
    answers = set()
    for text in texts:
        answer = simplify.is_traditional(text)
        assert answer == _plain_is_traditional(text), text
        answers.add(answer)
    assert answers == {True, False}


@pytest.mark.parametrize("seed", range(4))
def test_changed_counts_every_differing_position(seed):
    """_changed compares chunk by chunk: the count of positions the two texts share holding
    different characters, whatever their lengths."""
    rng = random.Random(seed)
    for _ in range(500):
        a = "".join(rng.choice("甲乙丙") for _ in range(rng.randint(0, 120)))
        b = "".join(c if rng.random() < 0.9 else "丁" for c in a)
        b = b[: rng.randint(0, len(b))] if rng.random() < 0.3 else b
        assert simplify._changed(a, b) == sum(x != y for x, y in zip(a, b, strict=False))


ZONE_PIECES = ["高新区", "国家", "滨湖", "武汉东湖", "经济技术开发区", "产业园区", "南宁", "，", "。", "企业", "近日"]


@pytest.mark.parametrize("seed", range(3))
def test_walk_zones_are_the_zone_keys_of_the_text(seed):
    """_Draft.walk_zones, folded in only when a lede asks, is zone_keys of the draft's text however
    many blocks were appended between two questions."""
    from loaders import segment

    rng = random.Random(seed)
    for _ in range(200):
        draft = segment._Draft()
        for _ in range(rng.randint(1, 6)):
            text = "".join(rng.choice(ZONE_PIECES) for _ in range(rng.randint(1, 12)))
            draft.blocks.append(segment.Block("para", text))
            if rng.random() < 0.5:
                assert draft.walk_zones() == segment.zone_keys(draft.text), draft.text
        assert draft.walk_zones() == segment.zone_keys(draft.text), draft.text


@pytest.mark.parametrize("seed", range(4))
def test_is_traditional_bounds_phrase_changes_as_the_plain_rule_counts(seed):
    """A text holding only characters t2s changes inside phrases (`答覆`, `深沈` among simplified
    sentences) is judged by bounding their count: the same answer as counting the changes, on
    both sides of TRADITIONAL_SHARE."""
    rng = random.Random(seed)
    phrased = ["答覆", "深沈", "回覆", "瞭解", "什么", "沈阳", "覆盖", "藉口"]

    def text() -> str:
        pieces = [rng.choice(SIMPLIFIED)[: rng.randint(1, 30)] for _ in range(rng.randint(0, 8))]
        pieces += [rng.choice(phrased) for _ in range(rng.randint(0, 12))]
        rng.shuffle(pieces)
        return "".join(pieces)

    _judged_as_the_plain_rule_judges(text() for _ in range(400))


@pytest.mark.parametrize("seed", range(4))
def test_may_be_doubled_counts_distinct_characters(seed):
    """may_be_doubled counts a line's distinct characters by its UTF-16 code units when each
    character is one unit: the same answer as the plain count, for lines of few and many
    distinct characters, inside and outside the BMP."""
    from loaders.normalize import MAX_DOUBLED_LINE, MAX_REPAIRED_SHARE, may_be_doubled

    rng = random.Random(seed)
    alphabets = ["推动科技突围", "园区企业营收同比增长新建研发中心签约项目总投资", "ab1。，", "𠀀𠀁甲乙", "Ā一伀"]
    answers = set()
    for _ in range(3000):
        chars = rng.choice(alphabets)
        width = rng.randint(1, len(chars))
        line = "".join(rng.choice(chars[:width]) for _ in range(rng.randint(0, 250)))
        plain = 4 <= len(line) <= MAX_DOUBLED_LINE and len(set(line)) <= len(line) * MAX_REPAIRED_SHARE
        assert may_be_doubled(line) == plain, line
        answers.add(plain)
    assert answers == {True, False}
