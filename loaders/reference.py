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


def strip_suffix(name: str) -> tuple[str, ZoneSuffix | None]:
    """`东莞松山湖高新技术产业开发区` -> (`东莞松山湖`, 高新技术产业开发区): the place part and the suffix."""
    for z in zone_suffixes():
        if name.endswith(z.suffix) and len(name) > len(z.suffix):
            return name[: -len(z.suffix)], z
    return name, None


@dataclass(frozen=True)
class Zone:
    """A row of the zone gazetteer (`seeds/development_zones.csv`)."""

    name_full: str
    name_short: str  # the news short form; unique, and the zone's canonical name
    aliases: tuple[str, ...]
    zone_type: str  # dim_park.park_type
    level: str  # national | provincial
    province: str
    city: str


@cache
def gazetteer() -> tuple[Zone, ...]:
    return tuple(
        Zone(
            r["name_full"],
            r["name_short"],
            tuple(a for a in r["aliases"].split("|") if a),
            r["zone_type"],
            r["level"],
            r["province"],
            r["city"],
        )
        for r in _rows("development_zones.csv")
    )


def _written_forms(zone: Zone) -> set[str]:
    """Every way the press writes a zone: its names and aliases, with the official suffix shortened
    (`…经济技术开发区` -> `…经开区`) and without `国家` (`长治国家高新区` -> `长治高新区`)."""
    forms = {zone.name_full, zone.name_short, *zone.aliases, zone_canonical(zone)}
    forms |= {f.replace("(", "（").replace(")", "）") for f in forms}
    for name in list(forms):
        core, suffix = strip_suffix(name)
        if suffix is not None:
            forms.add(core + suffix.canonical)
        if "国家" in name[2:]:
            forms.add(name[:2] + name[2:].replace("国家", ""))
    return {f for f in forms if len(f) >= 2}


@cache
def zone_forms() -> dict[str, Zone]:
    """Written form -> zone, for every form that names exactly one zone."""
    owners: dict[str, set[Zone]] = {}
    for zone in gazetteer():
        for form in _written_forms(zone):
            owners.setdefault(form, set()).add(zone)
    return {form: next(iter(zs)) for form, zs in owners.items() if len(zs) == 1}


@cache
def bare_zone_forms() -> frozenset[str]:
    """Forms with no zone suffix (`中关村`, `光谷`, `泰达`): also ordinary words, so they need context."""
    return frozenset(f for f in zone_forms() if strip_suffix(f)[1] is None)


_CORE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


@cache
def zone_cores() -> frozenset[str]:
    """Place parts of the gazetteer's names, full and short: 天津滨海, 包头稀土, 厦门火炬, 杭州湾上虞 ..."""
    cores = {strip_suffix(form)[0].removesuffix("国家") for form in zone_forms()}
    return frozenset(c for c in cores if _CORE.match(c) and c not in zone_forms())


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
def place_regions() -> dict[str, frozenset[str]]:
    """Province or city name (full and short) -> the short forms of the provinces it lies in."""
    out: dict[str, set[str]] = {}
    for r in _rows("admin_divisions.csv"):
        for name in (r["province"], r["province_short"], r["city"], r["city_short"]):
            if len(name) >= 2:
                out.setdefault(name, set()).add(r["province_short"])
    return {k: frozenset(v) for k, v in out.items()}


def zone_in(zone: Zone, place: str) -> bool:
    """Can `place` (a province or city name) open this zone's name? Unknown places can."""
    regions = place_regions().get(place)
    return regions is None or any(zone.province.startswith(r) for r in regions)


def zone_canonical(zone: Zone) -> str:
    """The zone's canonical short name: `天津滨海高新技术产业开发区` -> `天津滨海高新区`.

    High-tech zones and ETDZs are named by their official name with the suffix shortened
    (and `市` dropped before it), which keeps the place the press also writes; other zones by
    the gazetteer's short form (`兰白自创区`, `上合示范区`, `中关村`).
    """
    core, suffix = strip_suffix(zone.name_full)
    if suffix is None or suffix.kind != "admin" or suffix.park_type != zone.zone_type:
        return zone.name_short
    if zone.zone_type not in ("high_tech_zone", "economic_development_zone"):
        return zone.name_short
    if core.endswith("市") and len(core) > 2:
        core = core[:-1]
    return core + suffix.canonical


@cache
def place_names() -> frozenset[str]:
    """Every name that can open a zone name: provinces, cities, districts, national-zone cores."""
    return provinces() | cities() | zone_cores()


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
