"""Everyday Chinese words, from jieba's dictionary: what a proper name is not made of.

A trade name (`卓怡恒通`) or a project's proper name (`丝路创智谷`) is made of rare words; a
category (`轨道交通`, `乡村振兴`, `人才房`) or a descriptive phrase (`边缘智能`) of common ones.
The dictionary is read once and never used to segment, so this costs no jieba time per page.
"""

from __future__ import annotations

from functools import lru_cache

COMMON_FREQ = 500  # a word this frequent is an everyday word, not a trade name
VERB_FREQ = 100  # a verb this frequent opens a phrase (`吸纳`)


@lru_cache(maxsize=1)
def common_words() -> dict[str, tuple[int, str]]:
    """Two- and three-character words of everyday Chinese with their frequency and tag."""
    import jieba

    out: dict[str, tuple[int, str]] = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            word, freq, tag = [*line.split(), "", ""][:3]
            if 2 <= len(word) <= 3 and freq.isdigit() and int(freq) >= VERB_FREQ:
                out[word] = (int(freq), tag)
    return out


def is_common(word: str) -> bool:
    """An everyday word (`边缘`, `移动`)."""
    return common_words().get(word, (0, ""))[0] >= COMMON_FREQ


def made_of_common_words(text: str, single_chars: int = 1) -> bool:
    """Can `text` be read as everyday words, with at most `single_chars` characters left over?

    `轨道交通`, `乡村振兴`, `人才房` (人才 + 房) can; `丝路创智谷` (丝路 + 创智 + 谷) cannot.
    """
    n = len(text)
    if not n:
        return False
    best = [n + 1] * (n + 1)  # fewest characters left over for text[:i]
    best[0] = 0
    for i in range(n):
        if best[i] > n:
            continue
        best[i + 1] = min(best[i + 1], best[i] + 1)
        for k in (2, 3):
            if i + k <= n and is_common(text[i : i + k]):
                best[i + k] = min(best[i + k], best[i])
    return best[n] <= single_chars and best[n] < n
