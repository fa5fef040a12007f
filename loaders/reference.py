"""Reference data the loaders share with dbt: the CSVs in `seeds/`.

dbt loads the same files as seeds (schema `reference`) for resolution; the loaders
read them here to recognise zone names while extracting. One copy of each fact.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# the long official suffixes of the national list, shortened the way the press writes them
_FULL_SUFFIX = re.compile(
    r"(农业高新技术产业示范区|高新技术产业开发区|高新技术产业园区|新技术产业开发区|高技术产业开发区|新技术开发区)$"
)


@dataclass(frozen=True)
class ZoneSuffix:
    suffix: str  # as written: 高新技术产业开发区, 综保区, 产业园 ...
    park_type: str
    canonical: str  # the suffix of the canonical short name: 高新区, 综合保税区 ...
    kind: str  # admin: a place name + suffix; park: a descriptor + suffix (产业园)


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def zone_suffixes() -> tuple[ZoneSuffix, ...]:
    """Zone-type suffixes, longest first so a regex alternation prefers them."""
    rows = [ZoneSuffix(r["suffix"], r["park_type"], r["canonical_suffix"], r["kind"]) for r in _rows("zone_types.csv")]
    return tuple(sorted(rows, key=lambda z: -len(z.suffix)))


@cache
def suffix_info() -> dict[str, ZoneSuffix]:
    return {z.suffix: z for z in zone_suffixes()}


def national_core(name_full: str) -> str:
    """`东莞松山湖高新技术产业开发区` -> `东莞松山湖`: the place part of an official name."""
    core = _FULL_SUFFIX.sub("", name_full)
    for z in zone_suffixes():
        if core == name_full and core.endswith(z.suffix):
            return core[: -len(z.suffix)]
    return core


@cache
def national_cores() -> frozenset[str]:
    """Place parts of the national zones, full and short: 天津滨海, 天津, 包头稀土, 中关村 ..."""
    cores = set()
    for r in _rows("national_high_tech_zones.csv"):
        cores.add(national_core(r["name_full"]))
        short = r["name_short"]
        for z in zone_suffixes():
            if short.endswith(z.suffix):
                short = short[: -len(z.suffix)]
                break
        cores.add(short)
    return frozenset(c for c in cores if len(c) >= 2)


@cache
def provinces() -> frozenset[str]:
    rows = _rows("admin_divisions.csv")
    return frozenset({r["province"] for r in rows} | {r["province_short"] for r in rows})


@cache
def cities() -> frozenset[str]:
    """Prefecture-level cities and municipal districts, full and short forms."""
    names = set()
    for r in _rows("admin_divisions.csv"):
        names.update(n for n in (r["city"], r["city_short"], r["district"], r["district_short"]) if len(n) >= 2)
    return frozenset(names - provinces())


@cache
def place_names() -> frozenset[str]:
    """Every name that can open a zone name: provinces, cities, districts, national-zone cores."""
    return provinces() | cities() | national_cores()


@cache
def jieba_ready() -> None:
    """Load jieba once, quietly, with the places and zone names as a user dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for name in place_names():
        jieba.add_word(name, freq=20000, tag="ns")
    for z in zone_suffixes():
        jieba.add_word(z.suffix, freq=20000, tag="n")


@dataclass(frozen=True)
class MetricTerm:
    code: str
    name_zh: str
    category: str
    unit_kind: str
    priority: int
    keywords: tuple[str, ...]


@cache
def metric_vocabulary() -> tuple[MetricTerm, ...]:
    """The metric vocabulary (`seeds/metric_vocabulary.csv`), most specific first."""
    terms = [
        MetricTerm(
            r["metric_code"],
            r["metric_name_zh"],
            r["category"],
            r["unit_kind"],
            int(r["priority"]),
            tuple(k for k in r["keywords"].split("|") if k),
        )
        for r in _rows("metric_vocabulary.csv")
    ]
    return tuple(sorted(terms, key=lambda t: t.priority))
