"""Which rules built the data: hashes of the parsing code and of the dbt project.

`parser_version` is stored with every page, so that a page whose bytes did not change
is re-parsed when the rules did (new extractor, new zone in the seed list), instead of
keeping facts the current rules would no longer produce. `project_version` is stored
with every build, so that changed models rebuild every row instead of only new pages.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_LOADERS = Path(__file__).resolve().parent
_RULE_FILES = (
    "normalize.py",
    "simplify.py",
    "segment.py",
    "dates.py",
    "names.py",
    "reference.py",
    "extract",
    "data",
    "formats",
)


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


_PROJECT_PARTS = ("models", "macros", "seeds", "dbt_project.yml")


@cache
def project_version() -> str:
    """A hash of the dbt project (models, macros, seeds): the rules that turn raw rows into marts.

    Incremental models only process new and changed pages; when the models themselves
    change, every row must be rebuilt, so a build whose project hash differs from the
    last build's runs in full (`gaoxin build --full-refresh` does so by hand).
    """
    h = hashlib.sha256()
    root = _LOADERS.parent
    for name in _PROJECT_PARTS:
        p = root / name
        for f in sorted(p.rglob("*")) if p.is_dir() else [p]:
            if f.is_file() and f.suffix in (".sql", ".yml", ".yaml", ".csv"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:12]
