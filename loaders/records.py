"""The rows the loaders land in `raw.*`, each record type describing its own table.

A record is a dataclass whose fields are the columns of one raw table, in order: the
table's DDL (`loaders/db.py`), the insert (`loaders/ingest.py`) and the re-reading of
stored pages all come from the fields, so a column is named once, here. Types map
from the annotations (`str` -> varchar, `X | None` -> nullable ...); a field's
metadata can override the SQL type. A record's key is declared in its DDL (a DuckDB
index) unless the record says `INDEXED = False`: the growing tables (pages, articles,
outcomes) keep no index, because DuckDB rewrites an indexed table whole at the
checkpoint after any change (the 100 MB of article bodies at 10k pages, for one page
added); the loaders keep their keys unique and dbt tests check it. Extractor spans (`loaders/extract/*`) become
records by field name (`SpanRecord.of`), with a small rename map where the table's
column name differs from the span's attribute.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar

_SQL_TYPES: dict[type, str] = {
    str: "varchar",
    int: "integer",
    float: "double",
    bool: "boolean",
    date: "date",
    datetime: "timestamp",
}


def sql(type_: str, default: Any = MISSING) -> Any:
    """A field whose SQL type differs from the one its annotation maps to (e.g. bigint)."""
    return field(default=default, metadata={"sql": type_})


class Record:
    """Base of every raw-table record: knows its table, columns and DDL."""

    TABLE: ClassVar[str]
    KEY: ClassVar[tuple[str, ...]] = ()  # primary key columns
    UNIQUE: ClassVar[tuple[str, ...]] = ()  # columns unique on their own
    INDEXED: ClassVar[bool] = True  # declare KEY and UNIQUE as constraints (else: kept by the loaders, tested by dbt)

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls)]  # type: ignore[arg-type]

    @classmethod
    def ddl(cls) -> str:
        hints = _hints(cls)
        key = cls.KEY if cls.INDEXED else ()
        lines = []
        for f in fields(cls):  # type: ignore[arg-type]
            type_sql, nullable = _sql_type(f, hints[f.name])
            extra = "" if nullable or f.name in key else " not null"
            if f.name in cls.UNIQUE and cls.INDEXED:
                extra += " unique"
            lines.append(f"    {f.name} {type_sql}{extra}")
        if key:
            lines.append(f"    primary key ({', '.join(key)})")
        return f"create table if not exists {cls.TABLE} (\n" + ",\n".join(lines) + "\n);"

    def row(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _sql_type(f: Field, hint: Any) -> tuple[str, bool]:
    args = typing.get_args(hint)
    nullable = isinstance(hint, types.UnionType) and type(None) in args
    base = next(a for a in args if a is not type(None)) if nullable else hint
    return f.metadata.get("sql", _SQL_TYPES[base]), nullable


class SpanRecord(Record):
    """A record made from an extractor's span: page and article ids, then the span's fields."""

    FROM_SPAN: ClassVar[dict[str, str]] = {"char_start": "start", "char_end": "end"}
    OFFSETS: ClassVar[tuple[str, ...]] = ("char_start", "char_end", "name_start", "name_end")

    @classmethod
    def of(cls, page_id: str, article_id: str, span: object, offset: int = 0) -> SpanRecord:
        """The record for `span`, found in the part of the article body starting at `offset`."""
        read, offsets = _span_reader(cls)
        values = read(span)
        if offset and offsets:
            values = list(values)
            for i in offsets:
                values[i] += offset
        return cls(page_id, article_id, *values)  # type: ignore[call-arg]


_SPAN_KEYS = ("page_id", "article_id")  # the leading fields of every span record, not the span's


@cache
def _span_reader(cls: type[SpanRecord]) -> tuple[Callable[[object], tuple[Any, ...]], tuple[int, ...]]:
    """How a span becomes a record of `cls`, worked out once per record type (the fields and
    their renames are asked for thousands of times a page otherwise): a getter of the span's
    values in the order of the record's fields after the ids, and the positions of the
    offsets among them."""
    names = [f.name for f in fields(cls) if f.name not in _SPAN_KEYS]  # type: ignore[arg-type]
    if [f.name for f in fields(cls)][: len(_SPAN_KEYS)] != list(_SPAN_KEYS):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__} must start with the fields {_SPAN_KEYS}")
    attrs = [cls.FROM_SPAN.get(n, n) for n in names]
    getter = attrgetter(*attrs)
    read = getter if len(attrs) > 1 else lambda span: (getter(span),)
    return read, tuple(i for i, n in enumerate(names) if n in cls.OFFSETS)


# --- pages and articles -----------------------------------------------------------------


@dataclass
class PageRecord(Record):
    """One row per page currently loaded (a changed file replaces its rows; a PDF file has one per page).

    `source_file` is not unique: the pages of one PDF share it (`page_number` tells them apart).
    `built_at` is null until a build carries the page into the marts: the incremental
    models process exactly those pages (`gaoxin build` sets it once dbt succeeded).
    """

    TABLE: ClassVar[str] = "raw.pages"
    KEY: ClassVar[tuple[str, ...]] = ("page_id",)
    INDEXED: ClassVar[bool] = False

    page_id: str  # sha256 of the file's bytes (first 16 hex); of bytes#page for a PDF's pages
    source_file: str  # path relative to the folder it was loaded from
    source_path: str  # where it was read from
    content_sha256: str
    encoding: str
    byte_size: int = sql("bigint")
    raw_text: str  # decoded text, before any repair (a PDF page's in reading order)
    published_on: date | None
    published_on_source: str  # manifest | metadata | inferred | unknown
    manifest_source: str | None
    manifest_title: str | None
    manifest_extra: str | None  # other manifest columns as JSON
    parser_version: str  # hash of the rules that parsed it; new rules re-parse
    loaded_at: datetime = field(default_factory=datetime.now)
    run_id: str = ""
    page_number: int | None = None  # the page within a PDF, from 1; None for .txt and .html
    source_format: str | None = "txt"  # the input format that read it (loaders/formats); null: loaded before formats
    layout: str | None = None  # what the format knew beyond the text (its articles, furniture, date), JSON
    built_at: datetime | None = None  # when a build carried this version into the marts; null until then

    @property
    def manifest_facts(self) -> tuple:
        """What the page takes from its manifest row: a change here updates the stored page."""
        return (
            self.published_on,
            self.published_on_source,
            self.manifest_source,
            self.manifest_title,
            self.manifest_extra,
        )


@dataclass
class ArticleRecord(Record):
    """One row per article found on a page."""

    TABLE: ClassVar[str] = "raw.articles"
    KEY: ClassVar[tuple[str, ...]] = ("article_id",)
    INDEXED: ClassVar[bool] = False

    article_id: str
    page_id: str
    source_file: str
    article_index: int
    title: str | None
    byline: str | None
    body: str
    page_number: int | None = None  # raw.pages.page_number, copied


# --- extractor records (spans index raw.articles.body) -----------------------------------


@dataclass
class ParkMentionRecord(SpanRecord):
    """One row per zone mention in an article (`loaders/extract/parks.py`)."""

    TABLE: ClassVar[str] = "raw.park_mentions"
    FROM_SPAN: ClassVar[dict[str, str]] = {
        "char_start": "start",
        "char_end": "end",
        "mention_text": "text",
        "park_name": "name",
        "zone_form": "form",
    }

    page_id: str
    article_id: str
    char_start: int
    char_end: int
    mention_text: str
    park_name: str  # canonical short name as extracted
    suffix: str  # zone-type suffix as written
    says_national: bool
    is_reference: bool  # 该高新区 / 园区 resolved to the article's zone
    zone_key: str | None = None  # the gazetteer zone it names (development_zones.name_full)
    zone_form: str | None = None  # that zone's form as written, in short (长春汽车经开区)


@dataclass
class CompanyMentionRecord(SpanRecord):
    """One row per company mention in an article (`loaders/extract/companies.py`)."""

    TABLE: ClassVar[str] = "raw.company_mentions"
    FROM_SPAN: ClassVar[dict[str, str]] = {
        "char_start": "start",
        "char_end": "end",
        "mention_text": "text",
        "company_name": "name",
        "mention_kind": "kind",
        "park_name": "park",
    }

    page_id: str
    article_id: str
    char_start: int
    char_end: int
    mention_text: str
    company_name: str  # longest legal form the article uses (or the brand)
    mention_kind: str  # legal | alias | short | brand
    park_name: str | None  # raw.park_mentions.park_name of the zone it is placed in


@dataclass
class MetricRecord(SpanRecord):
    """One row per quantitative statement (raw_text is body[char_start:char_end])."""

    TABLE: ClassVar[str] = "raw.metric_statements"

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
    park_name: str | None  # raw.park_mentions.park_name in the same article
    company_name: str | None  # raw.company_mentions.company_name in the same article
    period_label: str
    period_start: date | None
    period_end: date | None
    evidence: str


@dataclass
class ProjectRecord(SpanRecord):
    """One row per project statement (evidence is body[char_start:char_end])."""

    TABLE: ClassVar[str] = "raw.project_statements"
    FROM_SPAN: ClassVar[dict[str, str]] = {
        "name_start": "start",
        "name_end": "end",
        "project_name": "name",
        "company_name": "company",
        "park_name": "park",
        "char_start": "evidence_start",
        "char_end": "evidence_end",
    }

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


# --- runs and outcomes ------------------------------------------------------------------

RUN_STATUSES = ("running", "ok", "failed", "interrupted")
OUTCOMES = ("loaded", "replaced", "reparsed", "unchanged", "removed", "read", "skipped", "failed")


@dataclass
class RunRecord(Record):
    """One row per run of a command that writes the warehouse."""

    TABLE: ClassVar[str] = "raw.ingest_runs"
    KEY: ClassVar[tuple[str, ...]] = ("run_id",)

    run_id: str
    command: str
    started_at: datetime
    finished_at: datetime | None = None
    inputs: str = "[]"  # the paths asked for, as JSON
    files_seen: int | None = None
    files_loaded: int | None = None
    files_replaced: int | None = None
    files_reparsed: int | None = None
    files_unchanged: int | None = None
    files_failed: int | None = None
    status: str = "running"  # running | ok | failed | interrupted
    note: str | None = None  # why a run failed or was interrupted


@dataclass
class Outcome(Record):
    """One row per file per run: what happened to it and why."""

    TABLE: ClassVar[str] = "raw.ingest_files"
    KEY: ClassVar[tuple[str, ...]] = ("run_id", "source_path")
    INDEXED: ClassVar[bool] = False

    source_file: str
    source_path: str
    outcome: str  # one of OUTCOMES
    reason: str | None = None
    byte_size: int | None = sql("bigint", None)
    encoding: str | None = None
    content_sha256: str | None = None
    article_count: int | None = None
    run_id: str = ""


@dataclass
class BuildRecord(Record):
    """One row per `gaoxin build`'s dbt run: what the incremental models were built from."""

    TABLE: ClassVar[str] = "raw.builds"
    KEY: ClassVar[tuple[str, ...]] = ("build_id",)

    build_id: str
    started_at: datetime
    finished_at: datetime
    project_hash: str  # models, macros, seeds (loaders/version.py): a change forces a full rebuild
    full_refresh: bool
    pages_built: int  # pages carried into the marts by this build
    dbt_seconds: float


RAW_RECORDS: tuple[type[Record], ...] = (
    PageRecord,
    ArticleRecord,
    ParkMentionRecord,
    CompanyMentionRecord,
    MetricRecord,
    ProjectRecord,
    RunRecord,
    Outcome,
    BuildRecord,
)


def raw_ddl() -> str:
    """`create table if not exists` for every raw table, from the records."""
    return "create schema if not exists raw;\n\n" + "\n\n".join(r.ddl() for r in RAW_RECORDS)
