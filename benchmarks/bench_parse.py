"""Throughput of the parsing pipeline on the bundled sample, printed as figures.

    python benchmarks/bench_parse.py [--repeat N]

Runs each stage over the sample pages N times and prints characters per second, so
a change that makes a stage slow shows up as a number rather than a flaky test.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from loaders.extract.companies import find_companies
from loaders.extract.metrics import find_metrics
from loaders.extract.numbers import read_quantities
from loaders.extract.parks import find_parks
from loaders.extract.projects import find_projects
from loaders.segment import split_articles

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def timed(label: str, chars: int, repeat: int, fn: Callable[[], object]) -> None:
    fn()  # warm caches (jieba, seeds)
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    seconds = (time.perf_counter() - start) / repeat
    print(f"{label:28} {seconds * 1000:8.1f} ms  {chars / seconds / 1e3:8.1f} K chars/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    chars = sum(len(p) for p in pages)
    bodies = [a.body for p in pages for a in split_articles(p)]
    parks = [find_parks(b) for b in bodies]
    companies = [find_companies(b, ps) for b, ps in zip(bodies, parks, strict=True)]
    projects = [find_projects(b, ps, cs) for b, ps, cs in zip(bodies, parks, companies, strict=True)]
    print(f"sample: {len(pages)} pages, {len(bodies)} articles, {chars:,} characters; mean of {args.repeat} runs")
    timed("segment pages", chars, args.repeat, lambda: [split_articles(p) for p in pages])
    timed("number reader", chars, args.repeat, lambda: [read_quantities(b) for b in bodies])
    timed("parks", chars, args.repeat, lambda: [find_parks(b) for b in bodies])
    timed("companies", chars, args.repeat, lambda: [find_companies(b, p) for b, p in zip(bodies, parks, strict=True)])
    timed(
        "projects",
        chars,
        args.repeat,
        lambda: [find_projects(b, p, c) for b, p, c in zip(bodies, parks, companies, strict=True)],
    )
    timed(
        "metrics",
        chars,
        args.repeat,
        lambda: [
            find_metrics(b, p, c, date(2024, 6, 1), j)
            for b, p, c, j in zip(bodies, parks, companies, projects, strict=True)
        ],
    )


if __name__ == "__main__":
    main()
