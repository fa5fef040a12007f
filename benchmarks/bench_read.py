"""Throughput of reading PDF and HTML pages, next to parsing the same text, as pages per second.

    python benchmarks/bench_read.py [--pages N] [--repeat N]

Makes an e-paper PDF (three columns, the invented stories of `tests/pagegen.py` with each
paragraph printed eight times, N times over, so pages hold thousands of characters like real
ones), N saved web pages and the same stories as a `.txt` page, then times:

The PDF is printed by Chromium when it is installed: its fonts are embedded, as in a real
e-paper. Otherwise reportlab writes it with the standard CJK font STSong-Light, not
embedded, and reading it depends on the machine's fonts (slower with a large system CJK
font to substitute, lossy without one), so those figures say less.

- reading: bytes -> pages and their articles (`loaders.formats.read_file`), per format;
- parsing: segmentation and every extractor over the text read (what ingest does next);
- pdfplumber (pdfminer.six) extracting the same PDF's characters, when it is installed,
  for the choice of PDF library.

Reading must stay well ahead of parsing, or a build of e-paper pages would wait on it.
"""

from __future__ import annotations

import argparse
import shutil
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
from tests.pagegen import STORIES, print_pdf, to_html, to_pdf, to_print_html, to_txt  # noqa: E402


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
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if chromium:
            pdf = print_pdf(chromium, to_print_html(stories, pages=args.pages), folder / "issue.pdf").read_bytes()
            made = "printed by Chromium (embedded fonts)"
        else:
            pdf = to_pdf(folder / "issue.pdf", stories=stories, columns=3, pages=args.pages).read_bytes()
            made = "written by reportlab (STSong-Light, not embedded: figures depend on the system fonts)"
        htmls = [to_html(stories[k % len(stories)]).encode("utf-8") for k in range(args.pages)]
        txt = to_txt(stories).encode("utf-8")
    read = read_file("issue.pdf", pdf)
    n = len(read.pages)
    chars = sum(len(p.text) for p in read.pages) / n
    web = sum(len(a.body) for h in htmls for a in read_file("a.html", h).pages[0].articles) / len(htmls)
    print(
        f"{n} PDF pages {made}, ~{chars:,.0f} characters a page; "
        f"{len(htmls)} web pages of one article, {web:,.0f} characters"
    )
    print("reading (bytes -> pages with their articles)")
    pdf_rate = rate("  PDF, pypdfium2 + layout", n, args.repeat, lambda: read_file("issue.pdf", pdf))
    html_rate = rate("  HTML, trafilatura", len(htmls), args.repeat, lambda: [read_file("a.html", h) for h in htmls])
    rate("  .txt, decode", n, args.repeat, lambda: [read_file("a.txt", txt) for _ in range(n)])
    try:
        import pdfplumber
    except ImportError:
        print("  (pdfplumber not installed: pip install pdfplumber to compare)")
    else:
        import io
        import logging

        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every font Chromium embeds

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
    html_all = rate("  HTML pages (one article each)", len(htmls), args.repeat, parse_htmls)
    print(
        f"reading takes {100 * pdf_all / pdf_rate:.0f}% of a PDF page's ingest time and "
        f"{100 * html_all / html_rate:.0f}% of an HTML page's; parsing the text is the rest"
    )


if __name__ == "__main__":
    main()
