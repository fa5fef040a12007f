"""The one loader of the extractors' word lists (`loaders/data/*.txt`).

A word file holds `[section]` blocks of words separated by white space; `#` starts a
comment. Lists live in these files, never typed into code, so that a word added for one
extractor is seen by every reader of the list, and a reviewer reads them in one place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def parse_sections(text: str) -> dict[str, list[str]]:
    """A word file's `[section]` blocks (each a list of its lines), comments dropped."""
    out: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


@cache
def sections(name: str) -> dict[str, list[str]]:
    """The sections of `loaders/data/<name>`."""
    return parse_sections((DATA / name).read_text(encoding="utf-8"))


@cache
def words(name: str, section: str) -> tuple[str, ...]:
    """The words of one section, in file order."""
    return tuple(w for line in sections(name).get(section, []) for w in line.split())
