"""Which rules parsed a page: a hash of the parsing code and the reference seeds.

Stored with every page, so that a page whose bytes did not change is re-parsed when
the rules did (new extractor, new zone in the seed list), instead of keeping facts
the current rules would no longer produce.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_LOADERS = Path(__file__).resolve().parent
_RULE_FILES = ("normalize.py", "segment.py", "dates.py", "names.py", "reference.py", "extract", "data", "formats")


@cache
def parser_version() -> str:
    h = hashlib.sha256()
    paths: list[Path] = []
    for name in _RULE_FILES:
        p = _LOADERS / name
        paths.extend(sorted(p.rglob("*")) if p.is_dir() else [p])
    paths.extend(sorted((_LOADERS.parent / "seeds").glob("*.csv")))
    for p in paths:
        if p.is_file() and p.suffix in (".py", ".csv", ".txt"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]
