"""A deterministic synthetic corpus of N news pages, made from the bundled sample.

    python benchmarks/corpus.py OUT_DIR --pages 1000

Page i is a function of (seed, i) alone: the sample page i mod 5 with its national
zones swapped for others from the zone list of the seeds, its numbers perturbed and
its years shifted by up to a decade (the manifest's `published_on` moves with them).
So a 1,000-page corpus is the first 1,000 pages of the 10,000-page one, every page
has its own bytes (its own identity in the warehouse), and the pages keep the shape
the parser meets in real pages: hard wraps, zones, companies, figures and periods.

Pages are written in folders of `PAGES_PER_FOLDER`, each with its `manifest.csv`.
Nothing of the sample's text is stored here: the pages are made from it at run time.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from loaders.reference import gazetteer, strip_suffix

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
PAGES_PER_FOLDER = 1000
YEARS_BACK = 9  # pages spread over a decade: the sample's year and the nine before it
NUMBER_FACTOR = (0.7, 1.4)  # each figure is scaled by a factor drawn from this range

_ZONE = re.compile(r"(?P<core>[\u4e00-\u9fff]{2,6}?)(?P<suffix>国家高新区|高新区|高新技术产业开发区)")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=\s*[年·])")
_YEAR_LIKE = range(1980, 2040)  # four-digit numbers in this range are left to _shift_years
_NUMBER = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d.])(?!\s*[年月日号])")


@dataclass(frozen=True)
class Page:
    index: int
    name: str
    text: str
    published_on: date


@cache
def _sample() -> tuple[tuple[str, date], ...]:
    with (SAMPLE / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        dates = {r["file"]: date.fromisoformat(r["published_on"]) for r in csv.DictReader(fh)}
    return tuple((p.read_text(encoding="utf-8"), dates[p.name]) for p in sorted(SAMPLE.glob("*.txt")))


@cache
def _cores() -> tuple[str, ...]:
    """Place parts of the national high-tech zones' names, full and short (天津滨海, 天津 ...)."""
    cores = {
        strip_suffix(name)[0].removesuffix("国家")
        for zone in gazetteer()
        if zone.zone_type == "high_tech_zone" and zone.level == "national"
        for name in (zone.name_full, zone.name_short)
    }
    return tuple(sorted(c for c in cores if 2 <= len(c) <= 4))


def _swap_zones(text: str, rng: random.Random) -> str:
    cores = set(_cores())
    mapping: dict[str, str] = {}

    def swap(m: re.Match) -> str:
        core = m["core"]
        # the zone's place is the longest known core the match ends with (`位于长治` -> `长治`)
        known = next((core[i:] for i in range(len(core) - 1) if core[i:] in cores), None)
        if known is None:
            return m[0]
        if known not in mapping:
            mapping[known] = rng.choice(_cores())
        return core[: len(core) - len(known)] + mapping[known] + m["suffix"]

    return _ZONE.sub(swap, text)


def _perturb_numbers(text: str, rng: random.Random) -> str:
    def perturb(m: re.Match) -> str:
        whole, frac = m[1], m[2]
        is_year = frac is None and len(whole) == 4 and int(whole) in _YEAR_LIKE
        if is_year or (len(whole) > 1 and whole.startswith("0")):
            return m[0]  # years, codes and zero-padded numbers stay
        value = float(m[0]) * rng.uniform(*NUMBER_FACTOR)
        if frac is not None:
            return f"{value:.{len(frac)}f}"
        return str(max(1, round(value)))

    return _NUMBER.sub(perturb, text)


def _shift_years(text: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m[1]) - years), text)


def _minus_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February in a year without it
        return d.replace(year=d.year - years, day=28)


def make_page(index: int, seed: int = 0) -> Page:
    """Page `index` of the corpus: the same bytes for the same (seed, index), on any machine."""
    rng = random.Random(f"{seed}:{index}")
    text, published = _sample()[index % len(_sample())]
    back = rng.randint(0, YEARS_BACK)
    text = _shift_years(_perturb_numbers(_swap_zones(text, rng), rng), back)
    return Page(index, f"p{index:06d}.txt", text, _minus_years(published, back))


def page_path(root: Path, index: int) -> Path:
    return root / f"{index // PAGES_PER_FOLDER:04d}" / f"p{index:06d}.txt"


def write_corpus(root: Path, pages: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write pages start..start+pages-1 under `root` (folders of 1,000 with a manifest); skip files already there."""
    root.mkdir(parents=True, exist_ok=True)
    folders: dict[Path, list[Page]] = {}
    written = []
    for i in range(start, start + pages):
        path = page_path(root, i)
        page = make_page(i, seed)
        folders.setdefault(path.parent, []).append(page)
        written.append(path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.text, encoding="utf-8")
    for folder, in_folder in folders.items():
        manifest = folder / "manifest.csv"
        rows = {}
        if manifest.exists():
            with manifest.open(encoding="utf-8", newline="") as fh:
                rows = {r["file"]: r["published_on"] for r in csv.DictReader(fh)}
        rows.update({p.name: p.published_on.isoformat() for p in in_folder})
        with manifest.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "published_on", "source"])
            for name in sorted(rows):
                w.writerow([name, rows[name], "synthetic (gaoxin benchmarks/corpus.py)"])
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the pages into")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    paths = write_corpus(args.out, args.pages, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} pages, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
