"""Land news pages in the raw schema.

Discovery decides what each entry is before anything is read (`loaders/entries.py`,
`loaders/manifest.py`); an input format (`loaders/formats`) turns a file's bytes into
pages, one per PDF page; reading and parsing are pure (`read_candidate` turns a file into
records or a failure) and runs in a pool of processes (`loaders/pool.py`); `_Landing`
is the only place that writes: the main process lands the run in batches of bounded
size, each batch (its pages, their outcomes and the run's row) in one transaction, so
memory stays flat however many pages a run reads and a failure loses nothing landed
before it. A file's identity is its content hash: the
same bytes loaded again change nothing, new bytes under a known file name replace
its pages and everything derived from them, and a changed manifest row updates the
pages it describes. Every entry gets an outcome row with a reason, so nothing is
dropped silently, and one bad entry never stops the batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from loaders.columns import Columns, PackedFile, insert_columns, pack
from loaders.dates import article_date, date_from_name_and_text, implausible
from loaders.db import ensure_raw_schema
from loaders.decode import DEFAULT_MAX_BYTES, PageError
from loaders.entries import Folder, PageFile, Refusal, classify_entry, printable, read_regular_file, walk
from loaders.extract.article import extract_article
from loaders.formats import read_file
from loaders.formats.base import SourcePage, language_problem
from loaders.manifest import Manifest, ManifestRow, read_manifest
from loaders.normalize import SENTENCE_END
from loaders.pool import Failed, Parsing
from loaders.records import (
    ArticleRecord,
    CompanyMentionRecord,
    MetricRecord,
    Outcome,
    PageRecord,
    ParkMentionRecord,
    ProjectRecord,
    Record,
    RunRecord,
    SpanRecord,
)
from loaders.segment import split_articles
from loaders.simplify import is_traditional, to_simplified
from loaders.version import parser_version

# articles longer than this go to the extractors in windows (real articles are < 3,000 characters)
EXTRACT_WINDOW = 20_000

# A run lands its pages in batches, each in its own transaction: this many pages (a PDF
# file has one per page), or this many characters of page text, whichever comes first.
# Memory holds one batch, not the run; a run stopped halfway keeps the batches before.
BATCH_PAGES = 200
BATCH_CHARS = 20_000_000
BATCH_PAGES_ENV = "GAOXIN_BATCH_PAGES"  # overrides BATCH_PAGES (tests use tiny batches)
# outcomes of entries that land nothing (failed files) also go out at least this often
BATCH_OUTCOMES = 1_000
# stored files re-parsed after a rules change are read from the warehouse this many at a time
STALE_FILES_READ = 100

# outcomes that land a page's rows
LANDED = ("loaded", "replaced", "reparsed")
RULES_CHANGED = "parsing rules changed since it was loaded"


@dataclass(frozen=True)
class Candidate:
    """A file to load, with the name it is known by and what its manifest says about it."""

    path: Path  # the regular file to open
    source_file: str
    shown_path: str = ""  # the entry as the user's folder holds it
    manifest: ManifestRow | None = None
    manifest_name: str | None = None  # the manifest beside it, if the folder has one
    notes: tuple[str, ...] = ()

    @property
    def entry(self) -> str:
        return self.shown_path or printable(str(self.path))


@dataclass
class ParsedPage:
    """One page's rows: the page, its articles and what the extractors found in them."""

    page: PageRecord
    articles: list[ArticleRecord]
    facts: list[SpanRecord] = field(default_factory=list)
    note: str | None = None

    def records(self) -> Iterator[Record]:
        yield self.page
        yield from self.articles
        yield from self.facts


@dataclass
class ParsedFile:
    """Every page of one input file (a PDF has many), parsed; `note` is shown with its outcome."""

    pages: list[ParsedPage]
    note: str | None = None

    @property
    def first(self) -> PageRecord:
        return self.pages[0].page

    @property
    def articles(self) -> list[ArticleRecord]:
        return [a for p in self.pages for a in p.articles]

    @property
    def facts(self) -> list[SpanRecord]:
        return [f for p in self.pages for f in p.facts]

    def records(self) -> Iterator[Record]:
        for p in self.pages:
            yield from p.records()


# --- discovery ------------------------------------------------------------------------


class _Discovery:
    """Expands the paths given into candidates and outcomes, reading each manifest once."""

    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self.outcomes: list[Outcome] = []
        self.manifests: dict[Path, Manifest | None] = {}
        self.seen: dict[Path, Candidate] = {}

    def manifest_for(self, folder: Path, root: Path) -> Manifest | None:
        if folder not in self.manifests:
            found = read_manifest(folder, root)
            if isinstance(found, Refusal):
                self.outcomes.append(_refused(found))
                found = None
            self.manifests[folder] = found
        return self.manifests[folder]

    def row_for(self, page: PageFile, root: Path) -> tuple[ManifestRow | None, Manifest | None]:
        """The page's manifest row: the nearest manifest.csv from its folder up to the folder given.

        The manifest beside a page may name it by file name; one further up names it by its
        path from there (`2024/03/p.txt`). The nearest manifest is the one that should list it.
        """
        folder = page.entry.parent
        nearest: Manifest | None = None
        top = root if folder.is_relative_to(root) else folder
        while True:
            manifest = self.manifest_for(folder, top)
            if manifest is not None:
                nearest = nearest or manifest
                rel = page.entry.relative_to(folder).as_posix()
                beside = folder == page.entry.parent
                row = manifest.row_for(rel, page.source_file) if beside else manifest.row_for(rel)
                if row is not None:
                    return row, manifest
            if folder == top or folder.parent == folder:
                return None, nearest
            folder = folder.parent

    def add(self, page: PageFile, root: Path) -> None:
        real = Path(os.path.realpath(page.path))
        if real in self.seen:
            first = self.seen[real]
            if first.entry == page.shown_path:  # the same entry named twice is simply read once
                return
            linked_first = first.path != Path(first.entry) and page.path == page.entry
            if not linked_first:
                self.outcomes.append(
                    Outcome(page.source_file, page.shown_path, "skipped", f"the same file as {first.source_file}")
                )
                return
            # a link was met before the file it points to: the file keeps its own name
            self.candidates.remove(first)
            self.outcomes.append(
                Outcome(first.source_file, first.entry, "skipped", f"the same file as {page.source_file}")
            )
        row, manifest = self.row_for(page, root)
        notes = tuple(n for n in (page.note,) if n)
        cand = Candidate(
            page.path, page.source_file, page.shown_path, row, manifest.source_file if manifest else None, notes
        )
        self.seen[real] = cand
        self.candidates.append(cand)

    def expand(self, raw: Path) -> None:
        given = Path(raw).expanduser()
        kind = classify_entry(given, None, named=True)
        if isinstance(kind, Folder):
            for entry in walk(given):
                if isinstance(entry, PageFile):
                    self.add(entry, given)
                else:
                    self.outcomes.append(_refused(entry))
        elif isinstance(kind, PageFile):
            self.add(kind, given.parent)
        elif isinstance(kind, Refusal):
            if not os.path.lexists(given):
                kind = Refusal(kind.source_file, kind.shown_path, "failed", "no such file or directory")
            self.outcomes.append(_refused(kind))

    def manifest_outcomes(self) -> list[Outcome]:
        out = []
        for m in self.manifests.values():
            if m is None:
                continue
            notes = [*m.notes, *([m.unused_note()] if m.usable and m.unused_note() else [])]
            out.append(
                Outcome(
                    m.source_file,
                    printable(str(m.path)),
                    "read" if m.usable else "failed",
                    "; ".join(notes) or None,
                )
            )
        return out


def _refused(r: Refusal) -> Outcome:
    return Outcome(r.source_file, r.shown_path, r.outcome, r.reason)


def discover(paths: Iterable[Path]) -> tuple[list[Candidate], list[Outcome]]:
    """Expand files and folders (recursively) into page candidates and recorded outcomes.

    Inside folders only regular files inside the folder whose suffix belongs to an input
    format (`.txt`, `.pdf`, `.html` ...: `loaders/formats`) are pages; a file named
    explicitly is tried whatever its suffix (its content decides its format). Everything
    refused (links out of the folder, pipes, loops, missing paths) and every manifest
    read gets its outcome here.
    """
    d = _Discovery()
    for raw in paths:
        d.expand(Path(raw))
    return d.candidates, d.outcomes + d.manifest_outcomes()


# --- parsing (pure) -------------------------------------------------------------------


def _published_on(cand: Candidate, own: date | None, texts: list[str]) -> tuple[date | None, str, list[str]]:
    """The page's date and where it came from, with notes on any manifest date not used.

    The manifest comes first, then the date the file's own metadata gives (a web page's
    `article:published_time`), then the latest date its texts (its articles, a PDF's
    running heads) imply. A manifest date
    that is not ISO or not plausible (`2204-06-05`) is a typo: the page keeps the date
    it would have had without it, and the note says so, instead of failing the build.
    """
    notes: list[str] = [*cand.notes, *(cand.manifest.notes if cand.manifest else [])]
    if own is not None and implausible(own):
        notes.append(f"its metadata date {own.isoformat()} is implausible ({implausible(own)}); ignored")
        own = None
    fallback = "taken from its metadata" if own is not None else "inferred from the text"
    value = (cand.manifest.values.get("published_on") or "") if cand.manifest else ""
    if value:
        try:
            when = date.fromisoformat(value)
        except ValueError:
            notes.append(f"manifest published_on {value!r} is not an ISO date (YYYY-MM-DD); {fallback}")
        else:
            problem = implausible(when)
            if problem is None:
                return when, "manifest", notes
            notes.append(f"manifest published_on {value} is implausible ({problem}); {fallback}")
    elif cand.manifest_name and cand.manifest is None:
        notes.append(f"not listed in {cand.manifest_name}; published_on {fallback}")
    if own is not None:
        return own, "metadata", notes
    inferred = date_from_name_and_text(cand.source_file, texts)
    if inferred is not None and implausible(inferred):
        notes.append(f"the text's latest date {inferred.isoformat()} is implausible ({implausible(inferred)}); ignored")
        inferred = None
    return inferred, ("inferred" if inferred else "unknown"), notes


# --- formats: from a file's pages to articles -------------------------------------------


@dataclass(frozen=True)
class _Laid:
    """An article the input format delimited (see `loaders.formats.base.ArticleText`)."""

    index: int
    title: str | None
    byline: str | None
    body: str


def page_articles(page: SourcePage) -> list:
    """The articles of one page: the format's own when it knew them, else the text segmenter's;
    a page in traditional characters is read in simplified ones (`loaders/simplify.py`).

    Both give objects with `index`, `title`, `byline` and `body`; the rest of the pipeline
    does not know which path they came from.
    """
    if page.articles is None:
        return split_articles(_reader(page.text)(page.text))
    laid = [a for a in page.articles if a.body]
    read = _reader("".join(a.body for a in laid))
    return [
        _Laid(index=n, title=a.title and read(a.title), byline=a.byline and read(a.byline), body=read(a.body))
        for n, a in enumerate(laid)
    ]


def _reader(sample: str) -> Callable[[str], str]:
    """How the texts of a page whose text is `sample` are read: in simplified characters."""
    return to_simplified if is_traditional(sample) else _as_printed


def _as_printed(text: str) -> str:
    return text


def page_key(content_sha256: str, page_number: int | None) -> str:
    """What page and article ids hash: the file's bytes, and the page within it when it has several."""
    return content_sha256 if page_number is None else f"{content_sha256}#{page_number}"


def page_id_for(content_sha256: str, page_number: int | None) -> str:
    """A page's id; one-page formats keep the id they always had (the first 16 hex of the file's sha256)."""
    if page_number is None:
        return content_sha256[:16]
    return hashlib.sha256(page_key(content_sha256, page_number).encode()).hexdigest()[:16]


def _dating_texts(pages: list[tuple[SourcePage, list]]) -> list[str]:
    """All a file says about when it was printed, each read on its own: its running heads and
    folios (a PDF's issue date), then every article's body."""
    furniture = "\n".join(line for page, _ in pages for line in page.furniture)
    return [*([furniture] if furniture else []), *(a.body for _, arts in pages for a in arts)]


def parse_file(cand: Candidate, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile:
    """Bytes of one file -> its page and article records. Raises PageError when it holds no page."""
    if len(data) > max_bytes:
        raise PageError(f"too large: {len(data):,} bytes (limit {max_bytes:,}); not a news page")
    source = read_file(cand.source_file, data)
    pages = [(page, page_articles(page)) for page in source.pages]
    pages = [(page, arts) for page, arts in pages if arts]
    if not pages:
        raise PageError("no article text found (only titles or captions)")
    dating = _dating_texts(pages)
    problem = language_problem("\n".join(dating))
    if problem:
        raise PageError(problem)
    sha = hashlib.sha256(data).hexdigest()
    own_date = next((p.published_on for p, _ in pages if p.published_on), None)
    published_on, how, notes = _published_on(cand, own_date, dating)
    source_name, title, extra = _manifest_columns(cand)
    parsed = []
    for page, articles in pages:
        record = PageRecord(
            page_id=page_id_for(sha, page.page_number),
            source_file=cand.source_file,
            source_path=printable(str(cand.path.resolve())),
            content_sha256=sha,
            encoding=page.encoding,
            byte_size=len(data),
            raw_text=page.text,
            published_on=published_on,
            published_on_source=how,
            manifest_source=source_name,
            manifest_title=title,
            manifest_extra=extra,
            parser_version=parser_version(),
            page_number=page.page_number,
            source_format=source.format,
            layout=page.layout_json(),
        )
        parsed.append(_with_articles(record, articles, None))
    return ParsedFile(parsed, "; ".join(dict.fromkeys([*notes, *source.notes])) or None)


def _manifest_columns(cand: Candidate) -> tuple[str | None, str | None, str | None]:
    """What a page keeps of its manifest row besides the date: source, title, the other columns (JSON)."""
    manifest = dict(cand.manifest.values) if cand.manifest else {}
    extra = {k: v for k, v in manifest.items() if k not in ("file", "published_on", "source", "title") and v}
    return (
        manifest.get("source") or None,
        manifest.get("title") or None,
        json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
    )


def reparse_stored(pages: list[PageRecord]) -> ParsedFile:
    """Parse a stored file's pages again from what was read of them, with the current rules.

    Used when the rules changed (or the warehouse was built by an older gaoxin) for files
    the current run was not given: their facts must not lag behind the rules. The format's
    reading is kept (`raw.pages.raw_text` and `layout`); segmentation and extraction rerun.
    """
    read = [SourcePage.from_stored(p.raw_text, p.encoding, p.page_number, p.layout) for p in pages]
    found = [page_articles(r) for r in read]
    if pages[0].published_on_source not in ("manifest", "metadata"):
        inferred = date_from_name_and_text(pages[0].source_file, _dating_texts(list(zip(read, found, strict=True))))
        if inferred is not None and implausible(inferred):
            inferred = None
        for p in pages:
            p.published_on, p.published_on_source = inferred, ("inferred" if inferred else "unknown")
    parsed = []
    for record, articles in zip(pages, found, strict=True):
        record.parser_version = parser_version()
        record.source_format = record.source_format or "txt"  # loaded before input formats: a .txt page
        parsed.append(_with_articles(record, articles, None))
    return ParsedFile(parsed, RULES_CHANGED)


def _with_articles(page: PageRecord, articles: list, note: str | None) -> ParsedPage:
    key = page_key(page.content_sha256, page.page_number)
    records = [
        ArticleRecord(
            article_id=hashlib.sha256(f"{key}:{a.index}".encode()).hexdigest()[:16],
            page_id=page.page_id,
            source_file=page.source_file,
            article_index=a.index,
            title=a.title,
            byline=a.byline,
            body=a.body,
            page_number=page.page_number,
        )
        for a in articles
    ]
    parsed = ParsedPage(page, records, note=note)
    for art in records:
        _extract(parsed, art, article_date(page.published_on, page.published_on_source, art.body))
    return parsed


def extract_windows(body: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of `body` of at most `size` characters, cut at paragraph or sentence ends.

    The extractors relate every mention to every other in the text they are given, so
    their work grows faster than the text. A news article is a few thousand characters
    and is given whole; a page that is one endless article (a page on one line, a dump)
    is given in windows, which keeps the whole parse linear in the page's length.
    """
    size = size or EXTRACT_WINDOW
    start, n = 0, len(body)
    while n - start > size:
        floor, ceiling = start + size // 2, start + size
        cut = body.rfind("\n", floor, ceiling)
        if cut < 0:
            cut = max(body.rfind(ch, floor, ceiling) for ch in SENTENCE_END)
        cut = cut + 1 if cut >= 0 else ceiling
        yield start, body[start:cut]
        start = cut
    yield start, body[start:]


def _extract(parsed: ParsedPage, art: ArticleRecord, published_on: date | None) -> None:
    """Run the extractors over one article body (in windows if it is huge) and keep their records."""
    pid, aid = art.page_id, art.article_id
    for offset, text in extract_windows(art.body):
        facts = extract_article(text, art.title, published_on)
        for record_type, spans in (
            (ParkMentionRecord, facts.parks),
            (CompanyMentionRecord, facts.companies),
            (ProjectRecord, facts.projects),
            (MetricRecord, facts.metrics),
        ):
            parsed.facts.extend(record_type.of(pid, aid, span, offset) for span in spans)


def read_candidate(cand: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile | Outcome:
    """Read and parse one candidate; any failure becomes an Outcome with its reason."""
    base = Outcome(cand.source_file, cand.entry, "failed")
    try:
        data = read_regular_file(cand.path, max_bytes)
    except PageError as e:
        base.reason = str(e)
        return base
    except OSError as e:
        base.reason = f"unreadable: {e.strerror or e}"
        return base
    base.byte_size = len(data)
    try:
        return parse_file(cand, data, max_bytes)
    except PageError as e:
        base.reason = str(e)
        base.content_sha256 = hashlib.sha256(data).hexdigest()
        return base
    except Exception as e:  # a parser bug must not cost the rest of the batch
        base.reason = f"internal error while parsing: {type(e).__name__}: {e}"
        return base


# --- writing --------------------------------------------------------------------------


@dataclass
class RunSummary:
    run_id: str
    command: str = "ingest"
    started_at: datetime = field(default_factory=datetime.now)
    inputs: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the run as a whole (e.g. the pool broke)

    def count(self, outcome: str) -> int:
        return sum(o.outcome == outcome for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome == "failed"]

    def record(self, status: str | None = None, note: str | None = None) -> RunRecord:
        """The run's row in raw.ingest_runs as of now."""
        return RunRecord(
            run_id=self.run_id,
            command=self.command,
            started_at=self.started_at,
            finished_at=datetime.now() if status != "running" else None,
            inputs=json.dumps(self.inputs, ensure_ascii=False),
            files_seen=len(self.outcomes),
            files_loaded=self.count("loaded"),
            files_replaced=self.count("replaced"),
            files_reparsed=self.count("reparsed"),
            files_unchanged=self.count("unchanged"),
            files_failed=self.count("failed"),
            status=status or ("failed" if self.failed else "ok"),
            note=note or "; ".join(self.notes) or None,
        )


def _delete_pages(con: duckdb.DuckDBPyConnection, page_ids: list[str]) -> None:
    """Remove pages and every raw row derived from them (any raw table with page_id)."""
    if not page_ids:
        return
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.columns "
            "where table_schema = 'raw' and column_name = 'page_id' and table_name <> 'pages'"
        ).fetchall()
    ]
    ids = pd.DataFrame({"page_id": page_ids})
    con.register("_gone", ids)
    for t in tables:
        con.execute(f"delete from raw.{t} where page_id in (select page_id from _gone)")
    con.execute("delete from raw.pages where page_id in (select page_id from _gone)")
    con.unregister("_gone")


def insert_records(con: duckdb.DuckDBPyConnection, record_type: type[Record], rows: list[Record]) -> None:
    """Bulk insert of record objects: one statement per table, never a row at a time."""
    insert_columns(con, record_type, {c: [getattr(r, c) for r in rows] for c in record_type.columns()})


def batch_pages() -> int:
    """Pages per batch: BATCH_PAGES, or GAOXIN_BATCH_PAGES when set."""
    raw = os.environ.get(BATCH_PAGES_ENV, "").strip()
    if not raw:
        return BATCH_PAGES
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{BATCH_PAGES_ENV} must be a positive whole number of pages, not {raw!r}")
    return int(raw)


class _Landing:
    """The run's one writer: lands parsed files and outcomes in batches of bounded size.

    Each batch is one transaction: the pages it replaces go, its records and the
    outcomes of its entries come in, and the run's row in raw.ingest_runs is rewritten
    with the counts so far (status `running` until the last batch). A page is never
    landed without its outcome, nor an outcome recorded without its pages, so a run
    that stops between batches leaves a consistent warehouse and a rerun finishes it:
    the pages landed before count as `unchanged`.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, run: RunSummary, pages: int | None = None) -> None:
        self.con, self.run = con, run
        self.limit = pages or batch_pages()
        self.seen: set[str] = set()  # one outcome per entry (the table's key), the first recorded
        self.batches = 0
        self._clear()

    def _clear(self) -> None:
        self.page_rows: list[PageRecord] = []
        self.rows = Columns()  # the pages' articles and facts
        self.gone: list[str] = []
        self.outcomes: list[Outcome] = []
        self.pages = self.chars = 0

    def add(self, outcome: Outcome, parsed: PackedFile | None = None, gone: Iterable[str] = ()) -> None:
        """Record an entry's outcome, and land its parsed file (replacing the pages `gone`)."""
        if outcome.source_path not in self.seen:
            self.seen.add(outcome.source_path)
            outcome.run_id = self.run.run_id
            self.run.outcomes.append(outcome)
            self.outcomes.append(outcome)
        self.gone.extend(gone)
        if parsed is not None:
            self.pages += len(parsed.pages)
            self.chars += parsed.chars
            self.page_rows.extend(parsed.pages)
            self.rows.extend(parsed.rows)
        if self.pages >= self.limit or self.chars >= BATCH_CHARS or len(self.outcomes) >= BATCH_OUTCOMES:
            self.flush("running")

    def flush(self, status: str | None = None) -> None:
        """Land what is pending, and the run's row with `status` (None: the run's final status)."""
        con, run = self.con, self.run
        now = datetime.now()
        for page in self.page_rows:  # a landed page (new, replaced or re-parsed) awaits the next build
            page.run_id, page.loaded_at, page.built_at = run.run_id, now, None
        con.execute("begin transaction")
        try:
            _delete_pages(con, self.gone)
            insert_records(con, PageRecord, self.page_rows)
            self.rows.insert(con)
            insert_records(con, Outcome, self.outcomes)
            con.execute("delete from raw.ingest_runs where run_id = ?", [run.run_id])
            insert_records(con, RunRecord, [run.record(status)])
            con.execute("commit")
        except BaseException:
            _rollback(con)
            raise
        self.batches += 1
        self._clear()

    def abandon(self, e: BaseException) -> None:
        """The run stopped: record how in its row (best effort; the error itself is what the user sees)."""
        if isinstance(e, KeyboardInterrupt):
            status, note = "interrupted", "interrupted; the pages landed before it are kept, run again to finish"
        else:
            status, note = "failed", f"{type(e).__name__}: {(str(e).strip().splitlines() or [''])[0]}"
        with contextlib.suppress(duckdb.Error, OSError):
            _rollback(self.con)
            self.con.execute("delete from raw.ingest_runs where run_id = ?", [self.run.run_id])
            insert_records(self.con, RunRecord, [self.run.record(status, note)])


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open; never hide the error that caused it."""
    with contextlib.suppress(duckdb.Error):  # a failed commit has already ended the transaction
        con.execute("rollback")


@dataclass(frozen=True)
class _Stored:
    """A stored file: what its pages share, and their ids (a PDF file has one per page)."""

    sha: str
    version: str | None
    manifest_facts: tuple
    page_ids: tuple[str, ...]
    encoding: str | None = None
    article_count: int = 0
    noted: bool = True  # its last outcome had something to say (a note, or none recorded)


# per stored file: its pages, their articles and whether its last outcome said anything
# about the file itself: the reason a re-parse gives for itself (RULES_CHANGED, the
# parameter) says nothing the next run must repeat, so a warehouse re-parsed for new
# rules is not parsed again, in full, by the build after it
_STORED_FILES = """
with
articles as (
    select page_id, count(*) as article_count from raw.articles group by page_id
),
last_outcome as (
    select f.source_file, f.reason
    from raw.ingest_files as f
    inner join raw.ingest_runs as r on f.run_id = r.run_id
    where f.outcome in ('loaded', 'replaced', 'reparsed', 'unchanged')
    qualify row_number() over (partition by f.source_file order by r.started_at desc) = 1
)
select
    p.source_file, p.content_sha256, p.parser_version, p.published_on, p.published_on_source,
    p.manifest_source, p.manifest_title, p.manifest_extra, p.page_id, p.encoding,
    coalesce(a.article_count, 0), o.source_file is null or (o.reason is not null and o.reason <> ?)
from raw.pages as p
left join articles as a on p.page_id = a.page_id
left join last_outcome as o on p.source_file = o.source_file
order by p.source_file, p.page_number nulls first
"""


def _stored_files(con: duckdb.DuckDBPyConnection) -> dict[str, _Stored]:
    files: dict[str, _Stored] = {}
    for r in con.execute(_STORED_FILES, [RULES_CHANGED]).fetchall():
        first = files.get(r[0])  # a file's pages share all but their id: its first page speaks for it
        if first is None:
            files[r[0]] = _Stored(r[1], r[2], tuple(r[3:8]), (r[8],), r[9], r[10], r[11])
        else:
            files[r[0]] = replace(first, page_ids=(*first.page_ids, r[8]), article_count=first.article_count + r[10])
    return files


def _held_as_is(
    cand: Candidate, stored: dict[str, _Stored], known_sha: dict[str, str], max_bytes: int
) -> Outcome | None:
    """`unchanged`, without parsing, for a file the warehouse holds as it would be loaded now.

    The same bytes (content hash), the same rules (parser version), the same manifest
    columns and a date that the manifest fixes as stored or that the stored page took
    from its own bytes: parsing would give what is stored. Only a file with nothing to
    note is taken so (its last outcome gave no reason and its candidate carries no
    note), so an unchanged file with a note is still parsed to say it. Reading and
    hashing a page costs well under a hundredth of parsing it, so running a build again on
    a folder of thousands of pages with one new page parses one page. A new name whose
    bytes the warehouse holds under another name is not parsed either (`_held_copy`).
    """
    if cand.notes or (cand.manifest is not None and cand.manifest.notes) or (cand.manifest_name and not cand.manifest):
        return None
    old = stored.get(cand.source_file)
    if old is None:
        return _held_copy(cand, stored, known_sha, max_bytes)
    if old.noted or old.version != parser_version():
        return None
    if not _manifest_facts_hold(cand, old.manifest_facts):
        return None
    data = _bytes_of(cand, max_bytes)
    if data is None or hashlib.sha256(data).hexdigest() != old.sha:
        return None
    return Outcome(cand.source_file, cand.entry, "unchanged", None, len(data), old.encoding, old.sha, old.article_count)


def _held_copy(
    cand: Candidate, stored: dict[str, _Stored], known_sha: dict[str, str], max_bytes: int
) -> Outcome | None:
    """`unchanged` for a new name holding the bytes of a stored file, as parsing it would say (`_classify`).

    A folder given again from its parent names every file anew (`0001/p1.txt`, not `p1.txt`):
    without this, a build would parse thousands of pages only to find each already loaded.
    """
    if not stored:
        return None
    data = _bytes_of(cand, max_bytes)
    if data is None:
        return None
    sha = hashlib.sha256(data).hexdigest()
    name = known_sha.get(sha)
    other = stored.get(name) if name is not None else None
    if other is None or other.noted or other.version != parser_version():
        return None
    reason = f"same content as {name}, already loaded"
    size = len(data)
    return Outcome(cand.source_file, cand.entry, "unchanged", reason, size, other.encoding, sha, other.article_count)


def _bytes_of(cand: Candidate, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when they cannot be read (the parse path reports why)."""
    try:
        return read_regular_file(cand.path, max_bytes)
    except (PageError, OSError):
        return None


def _manifest_facts_hold(cand: Candidate, facts: tuple) -> bool:
    """Whether a page loaded from `cand` now would keep the stored manifest facts `facts`."""
    published_on, how, *columns = facts
    if tuple(columns) != _manifest_columns(cand):
        return False
    value = (cand.manifest.values.get("published_on") or "") if cand.manifest else ""
    if not value:
        return how != "manifest"  # the date came from the page's own bytes, which are compared next
    try:
        when = date.fromisoformat(value)
    except ValueError:
        return False
    return implausible(when) is None and (published_on, how) == (when, "manifest")


def _stale_names(con: duckdb.DuckDBPyConnection, names: set[str]) -> list[str]:
    """Stored files among `names` whose facts came from older rules."""
    if not names:
        return []
    rows = con.execute(
        "select distinct source_file from raw.pages where parser_version is distinct from ?", [parser_version()]
    ).fetchall()
    return sorted(r[0] for r in rows if r[0] in names)


def _stored_pages(con: duckdb.DuckDBPyConnection, names: list[str]) -> Iterator[list[PageRecord]]:
    """The stored pages of each named file, read a few files at a time (never the whole warehouse at once)."""
    cols = PageRecord.columns()
    for start in range(0, len(names), STALE_FILES_READ):
        rows = con.execute(
            f"select {', '.join(cols)} from raw.pages where source_file in (select unnest(?::varchar[])) "
            "order by source_file, page_number nulls first",
            [names[start : start + STALE_FILES_READ]],
        ).fetchall()
        by_file: dict[str, list[PageRecord]] = {}
        for r in rows:
            record = PageRecord(**dict(zip(cols, r, strict=True)))
            by_file.setdefault(record.source_file, []).append(record)
        yield from by_file.values()


def _manifest_change(old: tuple, new: tuple) -> str:
    labels = ("published_on", "published_on_source", "source", "title", "other columns")
    changes = [f"{label} {a} -> {b}" for label, a, b in zip(labels, old, new, strict=True) if a != b]
    return "its manifest row changed (" + "; ".join(changes) + ")"


def _classify(page: PageRecord, stored: dict[str, _Stored], known_sha: dict[str, str]) -> tuple[str, str | None]:
    """What loading `page` means given what is stored: (outcome, reason)."""
    old = stored.get(page.source_file)
    if old and old.sha == page.content_sha256:
        if old.version != parser_version():
            return "reparsed", RULES_CHANGED
        if old.manifest_facts != page.manifest_facts:
            return "reparsed", _manifest_change(old.manifest_facts, page.manifest_facts)
        return "unchanged", None
    other = known_sha.get(page.content_sha256)
    if other is not None and other != page.source_file:
        return "unchanged", f"same content as {other}, already loaded"
    return ("replaced" if old else "loaded"), None


def _outcome(parsed: PackedFile, what: str, reason: str | None, entry: str | None = None) -> Outcome:
    page = parsed.first
    return Outcome(
        source_file=page.source_file,
        source_path=entry or page.source_path,
        outcome=what,
        reason="; ".join(dict.fromkeys(r for r in (reason, parsed.note) if r)) or None,
        byte_size=page.byte_size,
        encoding=page.encoding,
        content_sha256=page.content_sha256,
        article_count=parsed.article_count,
    )


def new_run(command: str, inputs: Iterable[object] = ()) -> RunSummary:
    return RunSummary(run_id=uuid.uuid4().hex[:16], command=command, inputs=[printable(str(p)) for p in inputs])


def ingest(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    command: str = "ingest",
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[int, int, str], None] | None = None,
    run: RunSummary | None = None,
    workers: int = 1,
    batch: int | None = None,
    reader: Callable[..., ParsedFile | Outcome] = read_candidate,
) -> RunSummary:
    """Load pages into raw.* and record the run; returns what happened to each entry.

    `workers` processes parse (1: this process, no pool); this process alone writes, in
    batches of `batch` pages (default `batch_pages()`). `reader(candidate, max_bytes)`
    reads and parses one file (`read_candidate`; it must be picklable to run in a pool).
    """
    ensure_raw_schema(con)
    paths = [Path(p) for p in paths]
    run = run or new_run(command, paths)
    insert_records(con, RunRecord, [run.record("running")])  # recorded before any work
    landing = _Landing(con, run, batch)
    try:
        with Parsing(workers) as parsing:
            _ingest_files(landing, paths, parsing, partial(reader, max_bytes=max_bytes), on_progress, max_bytes)
        landing.flush()
    except BaseException as e:
        landing.abandon(e)
        raise
    return run


def _ingest_files(
    landing: _Landing,
    paths: list[Path],
    parsing: Parsing,
    read: Callable[[Candidate], ParsedFile | Outcome],
    on_progress: Callable[[int, int, str], None] | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> None:
    """Discover, parse (in the pool) and land every entry, then re-parse stale stored files."""
    con, run = landing.con, landing.run
    candidates, found = discover(paths)
    stored = _stored_files(con)
    known_sha = {s.sha: name for name, s in stored.items()}
    named: dict[str, str] = {}  # source_file -> the entry that claimed the name in this run
    clashes = [named.setdefault(c.source_file, c.entry) != c.entry for c in candidates]
    held = [  # files the warehouse holds as they are: not parsed again
        None if clash else _held_as_is(c, stored, known_sha, max_bytes)
        for c, clash in zip(candidates, clashes, strict=True)
    ]
    todo = [c for c, clash, as_is in zip(candidates, clashes, held, strict=True) if not clash and as_is is None]
    results = parsing.map(partial(_packed, read), todo, len(todo))
    for n, (cand, clash, as_is) in enumerate(zip(candidates, clashes, held, strict=True), 1):
        if on_progress:
            on_progress(n, len(candidates), cand.source_file)
        if clash:
            reason = f"another file in this run has the same name ({named[cand.source_file]}); load it separately"
            landing.add(Outcome(cand.source_file, cand.entry, "failed", reason))
            continue
        if as_is is not None:
            landing.add(as_is)
            continue
        _, result = next(results)
        if isinstance(result, Failed):  # the reader itself raised (read_candidate never does)
            result = Outcome(cand.source_file, cand.entry, "failed", f"internal error while parsing: {result.reason}")
        if isinstance(result, Outcome):
            landing.add(result)
            continue
        page = result.first  # what a file's pages share: its name, bytes and manifest facts
        what, reason = _classify(page, stored, known_sha)
        if what not in LANDED:
            landing.add(_outcome(result, what, reason, cand.entry))
            continue
        old = stored.get(page.source_file)
        landing.add(_outcome(result, what, reason, cand.entry), result, old.page_ids if old else ())
        known_sha[page.content_sha256] = page.source_file
    stale = _stale_names(con, set(stored) - {o.source_file for o in run.outcomes})
    for pages, parsed in parsing.map(partial(_packed, reparse_stored), _stored_pages(con, stale), len(stale)):
        if isinstance(parsed, Failed):  # its stored pages stay as they were; the next run tries again
            first = pages[0]
            reason = f"internal error while re-parsing: {parsed.reason}"
            landing.add(Outcome(first.source_file, first.source_path, "failed", reason))
            continue
        landing.add(_outcome(parsed, "reparsed", parsed.note), parsed, [p.page_id for p in parsed.pages])
    for o in found:
        landing.add(o)
    run.notes.extend(parsing.notes)


def _packed(parse: Callable[[Any], ParsedFile | Outcome], item: Any) -> PackedFile | Outcome:
    """`parse(item)` in the form the writer lands (loaders/columns.py), made where it was parsed."""
    return pack(parse(item))


def remove_pages(con: duckdb.DuckDBPyConnection, names: Iterable[str], run: RunSummary | None = None) -> RunSummary:
    """Remove files (by their name in the warehouse, or the path they were read from).

    Every page of a removed file (a PDF has several) and everything derived from them
    goes with it; a name that matches no file is a failed outcome, so a typo is reported
    rather than ignored.
    """
    ensure_raw_schema(con)
    names = list(names)
    run = run or new_run("remove", names)
    insert_records(con, RunRecord, [run.record("running")])
    gone: list[str] = []
    outcomes: list[Outcome] = []
    for name in names:
        path = printable(str(Path(name).expanduser().resolve()))
        row = con.execute(
            "select source_file, source_path, byte_size, encoding, content_sha256 from raw.pages "
            "where source_file = ? or source_path = ? order by source_file = ? desc limit 1",
            [name, path, name],
        ).fetchone()
        if row is None:
            outcomes.append(Outcome(name, name, "failed", "no loaded page has this name (see `gaoxin status`)"))
            continue
        source_file, source_path, size, encoding, sha = row
        page_ids = [
            r[0] for r in con.execute("select page_id from raw.pages where source_file = ?", [source_file]).fetchall()
        ]
        if set(page_ids) <= set(gone):
            continue
        gone.extend(page_ids)
        outcomes.append(
            Outcome(
                source_file=source_file,
                source_path=source_path,
                outcome="removed",
                byte_size=size,
                encoding=encoding,
                content_sha256=sha,
            )
        )
    landing = _Landing(con, run)
    landing.gone = gone  # the pages go no later than their outcomes are recorded
    for o in outcomes:
        landing.add(o)
    landing.flush()
    return run
