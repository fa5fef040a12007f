"""Land news pages in the raw schema.

Reading and parsing are pure (`read_page` turns a file into records or a failure);
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
from loaders.decode import DEFAULT_MAX_BYTES, PageError, decode_page
from loaders.extract.article import extract_article
from loaders.segment import split_articles
from loaders.version import parser_version

PAGE_SUFFIXES = {".txt"}
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


@dataclass
class ArticleRecord:
    article_id: str
    page_id: str
    source_file: str
    article_index: int
    title: str | None
    byline: str | None
    body: str


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
    zone_key: str | None
    zone_form: str | None


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
    only `.txt` files are pages; a file named explicitly is tried whatever its suffix.
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


def _published_on(cand: Candidate, text: str) -> tuple[date | None, str, str | None]:
    note = cand.manifest_problem
    if cand.manifest and cand.manifest.get("published_on"):
        value = cand.manifest["published_on"]
        try:
            return date.fromisoformat(value), "manifest", note
        except ValueError:
            note = f"manifest published_on {value!r} is not an ISO date; inferred from the text instead"
    inferred = infer_published_on(text)
    return inferred, ("inferred" if inferred else "unknown"), note


def parse_page(cand: Candidate, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedPage:
    """Bytes of one page -> page and article records. Raises PageError when not a page."""
    decoded = decode_page(data, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    page_id = sha[:16]
    articles = split_articles(decoded.text)
    if not articles:
        raise PageError("no article text found (only titles or captions)")
    published_on, how, note = _published_on(cand, "\n".join(a.body for a in articles))
    manifest = dict(cand.manifest or {})
    extra = {k: v for k, v in manifest.items() if k not in ("file", "published_on", "source", "title") and v}
    page = PageRecord(
        page_id=page_id,
        source_file=cand.source_file,
        source_path=str(cand.path.resolve()),
        content_sha256=sha,
        encoding=decoded.encoding,
        byte_size=len(data),
        raw_text=decoded.text,
        published_on=published_on,
        published_on_source=how,
        manifest_source=manifest.get("source") or None,
        manifest_title=manifest.get("title") or None,
        manifest_extra=json.dumps(extra, ensure_ascii=False) if extra else None,
        parser_version=parser_version(),
    )
    return _with_articles(page, articles, note)


def reparse_stored(page: PageRecord) -> ParsedPage:
    """Parse a stored page again from its decoded text, with the current rules.

    Used when the rules changed (or the warehouse was built by an older gaoxin) for pages
    the current run was not given: their facts must not lag behind the rules.
    """
    articles = split_articles(page.raw_text)
    if page.published_on_source != "manifest":
        inferred = infer_published_on("\n".join(a.body for a in articles))
        page.published_on, page.published_on_source = inferred, ("inferred" if inferred else "unknown")
    page.parser_version = parser_version()
    return _with_articles(page, articles, "parsing rules changed since it was loaded")


def _with_articles(page: PageRecord, articles: list, note: str | None) -> ParsedPage:
    sha = page.content_sha256
    records = [
        ArticleRecord(
            article_id=hashlib.sha256(f"{sha}:{a.index}".encode()).hexdigest()[:16],
            page_id=page.page_id,
            source_file=page.source_file,
            article_index=a.index,
            title=a.title,
            byline=a.byline,
            body=a.body,
        )
        for a in articles
    ]
    parsed = ParsedPage(page, records, note=note)
    for art in records:
        _extract(parsed, art, page.published_on)
    return parsed


def _extract(parsed: ParsedPage, art: ArticleRecord, published_on: date | None) -> None:
    """Run the extractors over one article body and keep their records."""
    pid, aid = art.page_id, art.article_id
    facts = extract_article(art.body, art.title, published_on)
    parks, companies, projects, metrics = facts.parks, facts.companies, facts.projects, facts.metrics
    parsed.parks.extend(
        ParkMentionRecord(
            pid, aid, p.start, p.end, p.text, p.name, p.suffix, p.says_national, p.is_reference, p.zone_key, p.form
        )
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


def read_page(cand: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedPage | Outcome:
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
        return parse_page(cand, data, max_bytes)
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


def _stale_pages(con: duckdb.DuckDBPyConnection, names: set[str]) -> list[ParsedPage]:
    """Stored pages (other than this run's) whose facts came from older rules, parsed again."""
    if not names:
        return []
    cols = [f.name for f in fields(PageRecord)]
    rows = con.execute(
        f"select {', '.join(cols)} from raw.pages where parser_version is distinct from ? order by source_file",
        [parser_version()],
    ).fetchall()
    return [reparse_stored(PageRecord(**dict(zip(cols, r, strict=True)))) for r in rows if r[1] in names]


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
    known, versions = {}, {}
    for name, sha, version in con.execute(
        "select source_file, content_sha256, parser_version from raw.pages"
    ).fetchall():
        known[name], versions[name] = sha, version
    known_sha = {sha: name for name, sha in known.items()}
    new_pages: list[PageRecord] = []
    new_articles: list[ArticleRecord] = []
    new_parks: list[ParkMentionRecord] = []
    new_companies: list[CompanyMentionRecord] = []
    new_metrics: list[MetricRecord] = []
    new_projects: list[ProjectRecord] = []
    replaced_ids: list[str] = []
    for n, cand in enumerate(candidates, 1):
        if on_progress:
            on_progress(n, len(candidates), cand.source_file)
        result = read_page(cand, max_bytes)
        if isinstance(result, Outcome):
            run.outcomes.append(result)
            continue
        page = result.page
        outcome = Outcome(
            page.source_file,
            page.source_path,
            "loaded",
            result.note,
            page.byte_size,
            page.encoding,
            page.content_sha256,
            len(result.articles),
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
                replaced_ids.append(known[page.source_file][:16])  # page_id = sha prefix
            new_pages.append(page)
            new_articles.extend(result.articles)
            new_parks.extend(result.parks)
            new_companies.extend(result.companies)
            new_metrics.extend(result.metrics)
            new_projects.extend(result.projects)
            known[page.source_file] = page.content_sha256
            known_sha[page.content_sha256] = page.source_file
        run.outcomes.append(outcome)

    for parsed in _stale_pages(con, set(known) - {o.source_file for o in run.outcomes}):
        page = parsed.page
        run.outcomes.append(
            Outcome(
                page.source_file,
                page.source_path,
                "reparsed",
                parsed.note,
                page.byte_size,
                page.encoding,
                page.content_sha256,
                len(parsed.articles),
            )
        )
        replaced_ids.append(page.page_id)
        new_pages.append(page)
        new_articles.extend(parsed.articles)
        new_parks.extend(parsed.parks)
        new_companies.extend(parsed.companies)
        new_metrics.extend(parsed.metrics)
        new_projects.extend(parsed.projects)

    con.execute("begin transaction")
    try:
        _delete_pages(con, replaced_ids)
        loaded_at = datetime.now()
        _insert(con, "raw.pages", [dict(asdict(p), loaded_at=loaded_at, run_id=run.run_id) for p in new_pages])
        _insert(con, "raw.articles", [asdict(a) for a in new_articles])
        _insert(con, "raw.park_mentions", [asdict(p) for p in new_parks])
        _insert(con, "raw.company_mentions", [asdict(c) for c in new_companies])
        _insert(con, "raw.metric_statements", [asdict(m) for m in new_metrics])
        _insert(con, "raw.project_statements", [asdict(p) for p in new_projects])
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
