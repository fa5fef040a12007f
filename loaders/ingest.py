"""Land news pages in the raw schema.

Reading and parsing are pure (`read_candidate` turns a file into records or a failure);
`IngestRun.write` is the only place that writes, in bulk. A page's identity is its
content hash: the same bytes loaded again change nothing, new bytes under a known
file name replace that page and everything derived from it. Every file gets an
outcome row with a reason, so nothing is dropped silently, and one bad file never
stops the batch.
"""

from __future__ import annotations

import csv
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from loaders.dates import infer_published_on
from loaders.db import ensure_raw_schema
from loaders.decode import DEFAULT_MAX_BYTES, PageError
from loaders.extract.companies import find_companies
from loaders.extract.metrics import find_metrics
from loaders.extract.parks import find_parks
from loaders.extract.projects import find_projects
from loaders.formats import page_suffixes, read_file
from loaders.formats.base import SourcePage, language_problem
from loaders.segment import split_articles
from loaders.version import parser_version

PAGE_SUFFIXES = page_suffixes()  # .txt, .pdf, .html ...: see loaders/formats
MANIFEST_NAME = "manifest.csv"


@dataclass(frozen=True)
class Candidate:
    """A file to load, with the name it is known by and its manifest row, if any."""

    path: Path
    source_file: str
    manifest: dict[str, str] | None = None
    manifest_problem: str | None = None


@dataclass
class PageRecord:
    page_id: str
    source_file: str
    source_path: str
    content_sha256: str
    encoding: str
    byte_size: int
    raw_text: str
    published_on: date | None
    published_on_source: str
    manifest_source: str | None
    manifest_title: str | None
    manifest_extra: str | None
    parser_version: str
    page_number: int | None = None  # the page within a PDF, from 1; None for one-page formats
    source_format: str = "txt"  # the input format that read it (loaders/formats)
    layout: str | None = None  # what the format knew beyond the text (articles, furniture, date), JSON


@dataclass
class ArticleRecord:
    article_id: str
    page_id: str
    source_file: str
    article_index: int
    title: str | None
    byline: str | None
    body: str
    page_number: int | None = None


@dataclass
class ParkMentionRecord:
    page_id: str
    article_id: str
    char_start: int
    char_end: int
    mention_text: str
    park_name: str
    suffix: str
    says_national: bool
    is_reference: bool


@dataclass
class CompanyMentionRecord:
    page_id: str
    article_id: str
    char_start: int
    char_end: int
    mention_text: str
    company_name: str
    mention_kind: str
    park_name: str | None


@dataclass
class MetricRecord:
    page_id: str
    article_id: str
    char_start: int
    char_end: int
    raw_text: str
    value: float
    unit: str
    qualifier: str
    metric_raw: str
    metric_code: str
    is_growth: bool
    subject_type: str
    subject_name: str
    park_name: str | None
    company_name: str | None
    period_label: str
    period_start: date | None
    period_end: date | None
    evidence: str


@dataclass
class ProjectRecord:
    page_id: str
    article_id: str
    name_start: int
    name_end: int
    project_name: str
    status: str
    investment_cny: float | None
    investment_usd: float | None
    investment_qualifier: str | None
    company_name: str | None
    park_name: str | None
    event_date: date | None
    char_start: int
    char_end: int
    evidence: str


@dataclass
class Outcome:
    source_file: str
    source_path: str
    outcome: str  # loaded | replaced | reparsed | unchanged | failed
    reason: str | None = None
    byte_size: int | None = None
    encoding: str | None = None
    content_sha256: str | None = None
    article_count: int | None = None


@dataclass
class ParsedPage:
    page: PageRecord
    articles: list[ArticleRecord]
    parks: list[ParkMentionRecord] = field(default_factory=list)
    companies: list[CompanyMentionRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    projects: list[ProjectRecord] = field(default_factory=list)
    note: str | None = None


@dataclass
class ParsedFile:
    """Every page of one input file (a PDF has many), parsed; `note` is shown with its outcome."""

    pages: list[ParsedPage]
    note: str | None = None

    @property
    def first(self) -> PageRecord:
        return self.pages[0].page

    @property
    def article_count(self) -> int:
        return sum(len(p.articles) for p in self.pages)


# --- discovery ------------------------------------------------------------------------


def read_manifest(folder: Path) -> tuple[dict[str, dict[str, str]], str | None]:
    """Rows of `folder/manifest.csv` by file name, and a problem description if unusable."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}, None
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = [f.strip() for f in (reader.fieldnames or [])]
            if "file" not in fields or "published_on" not in fields:
                return {}, f"{path} lacks the columns file,published_on; ignored"
            rows = {}
            for row in reader:
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                if row.get("file"):
                    rows[row["file"]] = row
            return rows, None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        return {}, f"{path} could not be read ({e}); ignored"


def discover(paths: Iterable[Path]) -> tuple[list[Candidate], list[Outcome]]:
    """Expand files and folders (recursively) into page candidates.

    A path that does not exist becomes a failed outcome straight away. Inside folders
    only files with a page suffix (`.txt`, `.pdf`, `.html` ...: `loaders.formats`) are pages;
    a file named explicitly is tried whatever its suffix.
    """
    candidates: list[Candidate] = []
    missing: list[Outcome] = []
    manifests: dict[Path, tuple[dict[str, dict[str, str]], str | None]] = {}

    def manifest_for(file: Path, rel: str) -> tuple[dict[str, str] | None, str | None]:
        folder = file.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        rows, problem = manifests[folder]
        return rows.get(file.name) or rows.get(rel), problem

    seen: set[Path] = set()

    def add(file: Path, rel: str) -> None:
        key = file.resolve()
        if key not in seen:  # the same file named twice (folder and file) loads once
            seen.add(key)
            row, problem = manifest_for(file, rel)
            candidates.append(Candidate(file, rel, row, problem))

    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in PAGE_SUFFIXES and not f.is_dir():
                    add(f, f.relative_to(p).as_posix())
        elif p.exists() or p.is_symlink():
            add(p, p.name)
        else:
            missing.append(Outcome(str(raw), str(p), "failed", "no such file or directory"))
    return candidates, missing


# --- parsing (pure) -------------------------------------------------------------------


def _published_on(cand: Candidate, own: date | None, text: str) -> tuple[date | None, str, str | None]:
    """Manifest first, then the page's own metadata date, then inference from its text."""
    note = cand.manifest_problem
    if cand.manifest and cand.manifest.get("published_on"):
        value = cand.manifest["published_on"]
        try:
            return date.fromisoformat(value), "manifest", note
        except ValueError:
            note = f"manifest published_on {value!r} is not an ISO date; inferred from the text instead"
    if own is not None:
        return own, "metadata", note
    inferred = infer_published_on(text)
    return inferred, ("inferred" if inferred else "unknown"), note


# --- formats: from a file's pages to articles -------------------------------------------


def page_articles(page: SourcePage) -> list:
    """The articles of one page: the format's own when it knew them, else the text segmenter's.

    Both give objects with `index`, `title`, `byline` and `body`; the rest of the pipeline
    does not know which path they came from.
    """
    if page.articles is None:
        return split_articles(page.text)
    return [
        _Laid(index=n, title=a.title, byline=a.byline, body=a.body)
        for n, a in enumerate(a for a in page.articles if a.body)
    ]


@dataclass(frozen=True)
class _Laid:
    """An article the input format delimited (see `loaders.formats.base.ArticleText`)."""

    index: int
    title: str | None
    byline: str | None
    body: str


def page_key(content_sha256: str, page_number: int | None) -> str:
    """What page and article ids hash: the file's bytes, and the page within it when it has several."""
    return content_sha256 if page_number is None else f"{content_sha256}#{page_number}"


def page_id_for(content_sha256: str, page_number: int | None) -> str:
    # one-page formats keep the id they always had: the first 16 hex digits of the file's sha256
    if page_number is None:
        return content_sha256[:16]
    return hashlib.sha256(page_key(content_sha256, page_number).encode()).hexdigest()[:16]


def _dating_text(pages: list[tuple[SourcePage, list]]) -> str:
    """All a file says about when it was printed: running heads and folios, then its articles."""
    parts = [line for page, _ in pages for line in page.furniture]
    parts += [a.body for _, arts in pages for a in arts]
    return "\n".join(parts)


def parse_file(cand: Candidate, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile:
    """Bytes of one file -> its page and article records. Raises PageError when it holds no page."""
    if len(data) > max_bytes:
        raise PageError(f"too large: {len(data):,} bytes (limit {max_bytes:,}); not a news page")
    source = read_file(cand.source_file, data)
    pages = [(page, page_articles(page)) for page in source.pages]
    pages = [(page, arts) for page, arts in pages if arts]
    if not pages:
        raise PageError("no article text found (only titles or captions)")
    problem = language_problem(_dating_text(pages))
    if problem:
        raise PageError(problem)
    sha = hashlib.sha256(data).hexdigest()
    own_date = next((p.published_on for p, _ in pages if p.published_on), None)
    published_on, how, note = _published_on(cand, own_date, _dating_text(pages))
    manifest = dict(cand.manifest or {})
    extra = {k: v for k, v in manifest.items() if k not in ("file", "published_on", "source", "title") and v}
    parsed = []
    for page, articles in pages:
        record = PageRecord(
            page_id=page_id_for(sha, page.page_number),
            source_file=cand.source_file,
            source_path=str(cand.path.resolve()),
            content_sha256=sha,
            encoding=page.encoding,
            byte_size=len(data),
            raw_text=page.text,
            published_on=published_on,
            published_on_source=how,
            manifest_source=manifest.get("source") or None,
            manifest_title=manifest.get("title") or None,
            manifest_extra=json.dumps(extra, ensure_ascii=False) if extra else None,
            parser_version=parser_version(),
            page_number=page.page_number,
            source_format=source.format,
            layout=page.layout_json(),
        )
        parsed.append(_with_articles(record, articles, None))
    notes = [n for n in (note, *source.notes) if n]
    return ParsedFile(parsed, "; ".join(notes) or None)


def reparse_stored(pages: list[PageRecord]) -> ParsedFile:
    """Parse a stored file's pages again from what was read of them, with the current rules.

    Used when the rules changed (or the warehouse was built by an older gaoxin) for files
    the current run was not given: their facts must not lag behind the rules. The format's
    reading is kept (`raw.pages.raw_text` and `layout`); segmentation and extraction rerun.
    """
    read = [SourcePage.from_stored(p.raw_text, p.encoding, p.page_number, p.layout) for p in pages]
    found = [page_articles(r) for r in read]
    first = pages[0]
    if first.published_on_source not in ("manifest", "metadata"):
        inferred = infer_published_on(_dating_text(list(zip(read, found, strict=True))))
        for p in pages:
            p.published_on, p.published_on_source = inferred, ("inferred" if inferred else "unknown")
    parsed = []
    for record, articles in zip(pages, found, strict=True):
        record.parser_version = parser_version()
        parsed.append(_with_articles(record, articles, None))
    return ParsedFile(parsed, "parsing rules changed since it was loaded")


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
        _extract(parsed, art, page.published_on)
    return parsed


def _extract(parsed: ParsedPage, art: ArticleRecord, published_on: date | None) -> None:
    """Run the extractors over one article body and keep their records."""
    pid, aid, body = art.page_id, art.article_id, art.body
    parks = find_parks(body)
    companies = find_companies(body, parks)
    projects = find_projects(body, parks, companies, published_on)
    metrics = find_metrics(body, parks, companies, published_on, projects)
    parsed.parks.extend(
        ParkMentionRecord(pid, aid, p.start, p.end, p.text, p.name, p.suffix, p.says_national, p.is_reference)
        for p in parks
    )
    parsed.companies.extend(
        CompanyMentionRecord(pid, aid, c.start, c.end, c.text, c.name, c.kind, c.park) for c in companies
    )
    parsed.projects.extend(
        ProjectRecord(
            pid,
            aid,
            p.start,
            p.end,
            p.name,
            p.status,
            p.investment_cny,
            p.investment_usd,
            p.investment_qualifier,
            p.company,
            p.park,
            p.event_date,
            p.evidence_start,
            p.evidence_end,
            p.evidence,
        )
        for p in projects
    )
    parsed.metrics.extend(
        MetricRecord(
            pid,
            aid,
            m.start,
            m.end,
            m.raw_text,
            m.value,
            m.unit,
            m.qualifier,
            m.metric_raw,
            m.metric_code,
            m.is_growth,
            m.subject_type,
            m.subject_name,
            m.park_name,
            m.company_name,
            m.period_label,
            m.period_start,
            m.period_end,
            m.evidence,
        )
        for m in metrics
    )


def read_candidate(cand: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile | Outcome:
    """Read and parse one candidate; any failure becomes an Outcome with its reason."""
    base = Outcome(cand.source_file, str(cand.path), "failed")
    try:
        size = cand.path.stat().st_size
        base.byte_size = size
        if size > max_bytes:
            base.reason = f"too large: {size:,} bytes (limit {max_bytes:,}); not a news page"
            return base
        if cand.path.is_dir():
            base.reason = "is a directory"
            return base
        data = cand.path.read_bytes()
    except OSError as e:
        base.reason = f"unreadable: {e.strerror or e}"
        return base
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
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(o.outcome == outcome for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome == "failed"]


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


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Bulk insert through a DataFrame: one statement per table, never a row at a time."""
    if not rows:
        return
    df = pd.DataFrame(rows)
    con.register("_rows", df)
    cols = ", ".join(df.columns)
    con.execute(f"insert into {table} ({cols}) select {cols} from _rows")
    con.unregister("_rows")


def _stale_files(con: duckdb.DuckDBPyConnection, names: set[str]) -> list[ParsedFile]:
    """Stored files (other than this run's) whose facts came from older rules, parsed again."""
    if not names:
        return []
    cols = [f.name for f in fields(PageRecord)]
    rows = con.execute(
        f"select {', '.join(cols)} from raw.pages where parser_version is distinct from ? "
        "order by source_file, page_number nulls first",
        [parser_version()],
    ).fetchall()
    by_file: dict[str, list[PageRecord]] = {}
    for r in rows:
        record = PageRecord(**dict(zip(cols, r, strict=True)))
        if record.source_file in names:
            by_file.setdefault(record.source_file, []).append(record)
    return [reparse_stored(pages) for pages in by_file.values()]


@dataclass
class _NewRows:
    """Rows this run lands, gathered across files and written in one bulk insert per table."""

    pages: list[PageRecord] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    parks: list[ParkMentionRecord] = field(default_factory=list)
    companies: list[CompanyMentionRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    projects: list[ProjectRecord] = field(default_factory=list)

    def take(self, parsed: ParsedFile) -> None:
        for p in parsed.pages:
            self.pages.append(p.page)
            self.articles.extend(p.articles)
            self.parks.extend(p.parks)
            self.companies.extend(p.companies)
            self.metrics.extend(p.metrics)
            self.projects.extend(p.projects)


def ingest(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    command: str = "ingest",
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> RunSummary:
    """Load pages into raw.* and record the run; returns what happened to each file."""
    ensure_raw_schema(con)
    paths = [Path(p) for p in paths]
    run = RunSummary(run_id=uuid.uuid4().hex[:16])
    started = datetime.now()
    con.execute(
        "insert into raw.ingest_runs (run_id, command, started_at, inputs, status) values (?, ?, ?, ?, 'running')",
        [run.run_id, command, started, json.dumps([str(p) for p in paths], ensure_ascii=False)],
    )
    candidates, missing = discover(paths)
    run.outcomes.extend(missing)
    known, versions, stored_ids = {}, {}, {}
    for name, sha, version, page_id in con.execute(
        "select source_file, content_sha256, parser_version, page_id from raw.pages"
    ).fetchall():
        known[name], versions[name] = sha, version
        stored_ids.setdefault(name, []).append(page_id)
    known_sha = {sha: name for name, sha in known.items()}
    new = _NewRows()
    replaced_ids: list[str] = []
    for n, cand in enumerate(candidates, 1):
        if on_progress:
            on_progress(n, len(candidates), cand.source_file)
        result = read_candidate(cand, max_bytes)
        if isinstance(result, Outcome):
            run.outcomes.append(result)
            continue
        page = result.first
        outcome = Outcome(
            page.source_file,
            page.source_path,
            "loaded",
            result.note,
            page.byte_size,
            page.encoding,
            page.content_sha256,
            result.article_count,
        )
        if known.get(page.source_file) == page.content_sha256 and versions.get(page.source_file) == parser_version():
            outcome.outcome = "unchanged"
        elif page.content_sha256 in known_sha and known_sha[page.content_sha256] != page.source_file:
            outcome.outcome = "unchanged"
            outcome.reason = f"same content as {known_sha[page.content_sha256]}, already loaded"
        else:
            if page.source_file in known:
                same_bytes = known[page.source_file] == page.content_sha256
                outcome.outcome = "reparsed" if same_bytes else "replaced"
                if same_bytes:
                    outcome.reason = "parsing rules changed since it was loaded"
                replaced_ids.extend(stored_ids[page.source_file])
            new.take(result)
            known[page.source_file] = page.content_sha256
            known_sha[page.content_sha256] = page.source_file
        run.outcomes.append(outcome)

    for parsed in _stale_files(con, set(known) - {o.source_file for o in run.outcomes}):
        page = parsed.first
        run.outcomes.append(
            Outcome(
                page.source_file,
                page.source_path,
                "reparsed",
                parsed.note,
                page.byte_size,
                page.encoding,
                page.content_sha256,
                parsed.article_count,
            )
        )
        replaced_ids.extend(p.page.page_id for p in parsed.pages)
        new.take(parsed)

    con.execute("begin transaction")
    try:
        _delete_pages(con, replaced_ids)
        loaded_at = datetime.now()
        _insert(con, "raw.pages", [dict(asdict(p), loaded_at=loaded_at, run_id=run.run_id) for p in new.pages])
        _insert(con, "raw.articles", [asdict(a) for a in new.articles])
        _insert(con, "raw.park_mentions", [asdict(p) for p in new.parks])
        _insert(con, "raw.company_mentions", [asdict(c) for c in new.companies])
        _insert(con, "raw.metric_statements", [asdict(m) for m in new.metrics])
        _insert(con, "raw.project_statements", [asdict(p) for p in new.projects])
        _insert(con, "raw.ingest_files", [dict(asdict(o), run_id=run.run_id) for o in run.outcomes])
        con.execute(
            """update raw.ingest_runs set finished_at = ?, files_seen = ?, files_loaded = ?, files_replaced = ?,
               files_reparsed = ?, files_unchanged = ?, files_failed = ?, status = ? where run_id = ?""",
            [
                datetime.now(),
                len(run.outcomes),
                run.count("loaded"),
                run.count("replaced"),
                run.count("reparsed"),
                run.count("unchanged"),
                run.count("failed"),
                "failed" if run.failed else "ok",
                run.run_id,
            ],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return run
