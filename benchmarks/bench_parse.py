"""Where parsing time goes, stage by stage, printed as figures.

    python benchmarks/bench_parse.py [--pages N] [--repeat R]
    python benchmarks/bench_parse.py --dir ~/pages [--repeat R]   # your own pages

Parses N synthetic pages (`benchmarks/corpus.py`; default: 100), or every page gaoxin
reads under the folders given with `--dir`, R times in this process and prints, for each
stage of the one path from bytes to records (`parse_file`), its CPU seconds and
throughput over the pages' characters, and `jieba.lcut` over the same text for scale.
The stages are timed by wrapping the functions `extract_article` calls, so the figures
follow the code as it is: a stage that gets slow shows up as a number, never as a
flaky test.

It also prints how often the pages state a figure. The parse's cost grows with the
figures (each gets a subject, a metric and a period), jieba's with the characters: news
dense with figures parses slower than the synthetic pages, so time a sample of your own
pages before planning a large build from the synthetic figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_page

from loaders import ingest
from loaders.extract import article
from loaders.records import MetricRecord

SPENT: dict[str, float] = defaultdict(float)


def timed(label: str, fn: Callable) -> Callable:
    """`fn`, adding its CPU time to SPENT[label] (the outermost call only)."""

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - started

    return wrapper


def instrument() -> None:
    """Wrap the stages where `parse_file` and `extract_article` look them up."""
    ingest.page_articles = timed("read and segment the page", ingest.page_articles)
    article.ArticleContext.read = staticmethod(timed("zones (article context)", article.ArticleContext.read))
    article.find_companies = timed("companies", article.find_companies)
    article.find_projects = timed("projects", article.find_projects)
    article.find_metrics = timed("metrics", article.find_metrics)


def synthetic_pages(count: int) -> list[tuple[ingest.Candidate, bytes]]:
    return [(ingest.Candidate(Path(f"p{i}.txt"), f"p{i}.txt"), make_page(i).text.encode("utf-8")) for i in range(count)]


def folder_pages(folders: list[str]) -> list[tuple[ingest.Candidate, bytes]]:
    """Every page gaoxin would read under `folders` (its discovery: .txt, .pdf, .html ...) that
    parses; a folder without one is an error, never an empty table."""
    candidates, _ = ingest.discover(Path(f) for f in folders)
    pages = []
    for cand in candidates:
        data = cand.path.read_bytes()
        try:
            ingest.parse_file(cand, data)
        except Exception as e:  # (a page gaoxin would refuse: it has no parse to time)
            print(f"skipped {cand.entry}: {e}", file=sys.stderr)
            continue
        pages.append((cand, data))
    if not pages:
        raise SystemExit(f"no page to parse in {', '.join(folders)}: gaoxin reads .txt, .pdf and .html files")
    return pages


def figures_of(parsed: list[ingest.ParsedFile]) -> int:
    """The metric statements (figures) the pages state."""
    return sum(isinstance(f, MetricRecord) for p in parsed for f in p.facts)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100, help="synthetic pages to parse (default: 100)")
    ap.add_argument("--dir", action="append", default=[], help="parse the pages under this folder instead")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the pages (default: 1)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    import jieba

    pages = folder_pages(args.dir) if args.dir else synthetic_pages(args.pages)
    ingest.parse_file(*pages[0])  # load jieba, seeds, rules
    instrument()
    started = time.process_time()
    for _ in range(args.repeat):
        parsed = [ingest.parse_file(cand, data) for cand, data in pages]
    total = (time.process_time() - started) / args.repeat
    texts = [p.page.raw_text for f in parsed for p in f.pages]  # what the parse read, as jieba reads it
    chars = sum(map(len, texts))
    jieba.lcut(texts[0])
    started = time.process_time()
    for t in texts:
        jieba.lcut(t)
    lcut = time.process_time() - started
    size = sum(len(data) for _, data in pages) / 1e6
    files = f"{len(pages)} file{'s' if len(pages) != 1 else ''}"
    print(f"{files}, {chars:,} characters, {size:.2f} MB; CPU seconds per pass")
    figures = figures_of(parsed)
    print(f"{figures:,} figures, one per {chars / figures:.0f} characters" if figures else "no figures")
    rows = [(label, s / args.repeat) for label, s in SPENT.items()]
    rows.append(("the rest (decode, dates, records)", total - sum(s for _, s in rows)))
    for label, seconds in [*rows, ("parse, all stages", total), ("jieba.lcut, same text", lcut)]:
        print(f"{label:36} {seconds:8.3f} s  {chars / seconds / 1e3:9.1f} K chars/s  {seconds / total:6.1%}")
    print(f"parse vs jieba.lcut: {lcut / total:.2f}x")


if __name__ == "__main__":
    main()
