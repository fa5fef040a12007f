"""Where parsing time goes, stage by stage, printed as figures.

    python benchmarks/bench_parse.py [--pages N] [--repeat R]

Parses N synthetic pages (`benchmarks/corpus.py`; default: 100) R times in this process
and prints, for each stage of the one path from bytes to records (`parse_file`), its
CPU seconds and throughput over the pages' characters, and `jieba.lcut` over the same
text for scale. The stages are timed by wrapping the functions `extract_article` calls,
so the figures follow the code as it is: a stage that gets slow shows up as a number,
never as a flaky test.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    import jieba

    datas = [make_page(i).text.encode("utf-8") for i in range(args.pages)]
    chars = sum(len(d.decode("utf-8")) for d in datas)
    ingest.parse_file(ingest.Candidate(Path("warm.txt"), "warm.txt"), datas[0])  # load jieba, seeds, rules
    instrument()
    started = time.process_time()
    for _ in range(args.repeat):
        for i, d in enumerate(datas):
            ingest.parse_file(ingest.Candidate(Path(f"p{i}.txt"), f"p{i}.txt"), d)
    total = (time.process_time() - started) / args.repeat
    texts = [d.decode("utf-8") for d in datas]
    jieba.lcut(texts[0])
    started = time.process_time()
    for t in texts:
        jieba.lcut(t)
    lcut = time.process_time() - started
    print(f"{args.pages} pages, {chars:,} characters, {sum(map(len, datas)) / 1e6:.2f} MB; CPU seconds per pass")
    rows = [(label, s / args.repeat) for label, s in SPENT.items()]
    rows.append(("the rest (decode, dates, records)", total - sum(s for _, s in rows)))
    for label, seconds in [*rows, ("parse, all stages", total), ("jieba.lcut, same text", lcut)]:
        print(f"{label:36} {seconds:7.2f} s  {chars / seconds / 1e3:9.1f} K chars/s  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
