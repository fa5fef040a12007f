"""Throughput of reading PDF and HTML pages, next to parsing the same text, as pages per second.

    python benchmarks/bench_read.py [--pages N] [--repeat N]

Makes N e-paper PDF pages (three columns, the invented stories of `tests/pagegen.py`, each
paragraph printed eight times so a page holds ~4,000 characters like a real one), N saved
web pages and the same stories as `.txt` pages in a temporary folder, then times:

- reading: bytes -> pages and their articles (`loaders.formats.read_file`), per format;
- parsing: segmentation and every extractor over the text read (what ingest does next);
- pdfplumber (pdfminer.six) extracting the same PDF's characters, when it is installed,
  for the choice of PDF library.

Reading must stay well ahead of parsing, or a build of e-paper pages would wait on it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.formats import read_file  # noqa: E402
from loaders.ingest import Candidate, parse_file  # noqa: E402
from tests.pagegen import STORIES, to_html, to_pdf, to_txt  # noqa: E402


def rate(label: str, pages: int, repeat: int, fn: Callable[[], object]) -> float:
    fn()  # warm caches (jieba, seeds, lxml)
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    seconds = (time.perf_counter() - start) / repeat
    print(f"{label:44} {seconds * 1000 / pages:8.1f} ms/page  {pages / seconds:8.1f} pages/s")
    return pages / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=20, help="pages per format (default 20)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, default=8, help="times each paragraph is printed (default 8)")
    args = ap.parse_args()
    # repeats numbered, so no two printed lines are alike (PDFium drops a line identical to one above it)
    stories = tuple(
        replace(s, paragraphs=tuple(f"（{k}）{p}" if k else p for k in range(args.scale) for p in s.paragraphs))
        for s in STORIES
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = to_pdf(folder / "issue.pdf", stories=stories, columns=3, pages=args.pages).read_bytes()
        htmls = [to_html(stories[k % len(stories)]).encode("utf-8") for k in range(args.pages)]
        txt = to_txt(stories).encode("utf-8")
    n = args.pages
    chars = sum(len(a.body) for p in read_file("issue.pdf", pdf).pages for a in p.articles) / n
    web = sum(len(a.body) for h in htmls for a in read_file("a.html", h).pages[0].articles) / n
    print(
        f"{n} pages per format; a PDF page holds {len(stories)} articles, {chars:,.0f} characters; "
        f"a web page one article, {web:,.0f} characters"
    )
    print("reading (bytes -> pages with their articles)")
    pdf_rate = rate("  PDF, pypdfium2 + layout", n, args.repeat, lambda: read_file("issue.pdf", pdf))
    html_rate = rate("  HTML, trafilatura", n, args.repeat, lambda: [read_file("a.html", h) for h in htmls])
    rate("  .txt, decode", n, args.repeat, lambda: [read_file("a.txt", txt) for _ in range(n)])
    try:
        import pdfplumber
    except ImportError:
        print("  (pdfplumber not installed: pip install pdfplumber to compare)")
    else:
        import io

        def plumb() -> None:
            with pdfplumber.open(io.BytesIO(pdf)) as doc:
                for page in doc.pages:
                    _ = page.chars

        rate("  PDF, pdfplumber characters only (compare)", n, args.repeat, plumb)
    print("reading + parsing (segment + extract: all ingest does before writing)")
    txt_cand, pdf_cand, html_cand = (Candidate(Path(n), n) for n in ("p.txt", "p.pdf", "p.html"))

    def parse_htmls() -> None:
        for h in htmls:
            parse_file(html_cand, h)

    rate("  .txt pages", n, args.repeat, lambda: [parse_file(txt_cand, txt) for _ in range(n)])
    pdf_all = rate("  PDF pages", n, args.repeat, lambda: parse_file(pdf_cand, pdf))
    html_all = rate("  HTML pages (one article each)", n, args.repeat, parse_htmls)
    print(
        f"reading takes {100 * pdf_all / pdf_rate:.0f}% of a PDF page's ingest time and "
        f"{100 * html_all / html_rate:.0f}% of an HTML page's; parsing the text is the rest"
    )


if __name__ == "__main__":
    main()
