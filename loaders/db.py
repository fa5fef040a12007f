"""The database edge: where the warehouse lives, how to open it, and the raw tables.

Everything else in `loaders` is pure (text in, records out); this module and
`loaders/publish.py` are the only ones that touch DuckDB files.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "gaoxin.duckdb"

# duckdb 2.x writes a storage format that the PyPI DuckDB shell (1.5) and most BI
# clients cannot open; pinning the compatibility version keeps the file readable.
STORAGE_COMPATIBILITY = "v1.4.0"

RAW_DDL = """
create schema if not exists raw;

-- one row per page currently loaded (a changed file replaces its rows; a PDF file has one per page)
create table if not exists raw.pages (
    page_id varchar primary key,          -- sha256 of the file's bytes (first 16 hex); of bytes#page for PDF pages
    source_file varchar not null,         -- path relative to the folder it was loaded from
    source_path varchar not null,         -- where it was read from
    content_sha256 varchar not null,
    encoding varchar not null,
    byte_size bigint not null,
    raw_text varchar not null,            -- decoded text, before any repair (a PDF page's in reading order)
    published_on date,
    published_on_source varchar not null, -- manifest | metadata | inferred | unknown
    manifest_source varchar,
    manifest_title varchar,
    manifest_extra varchar,               -- other manifest columns as JSON
    parser_version varchar not null,      -- hash of the rules that parsed it; new rules re-parse
    loaded_at timestamp not null,
    run_id varchar not null,
    page_number integer,                  -- the page within a PDF, from 1; null for .txt and .html
    source_format varchar,                -- txt | pdf | html: the input format that read it
    layout varchar                        -- what the format knew beyond the text (its articles ...), JSON
);

-- one row per article found on a page
create table if not exists raw.articles (
    article_id varchar primary key,
    page_id varchar not null,
    source_file varchar not null,
    article_index integer not null,
    title varchar,
    byline varchar,
    body varchar not null,
    page_number integer                   -- raw.pages.page_number, copied
);

-- one row per zone mention in an article (spans index raw.articles.body)
create table if not exists raw.park_mentions (
    page_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    mention_text varchar not null,
    park_name varchar not null,           -- normalised short name as extracted
    suffix varchar not null,              -- zone-type suffix as written
    says_national boolean not null,
    is_reference boolean not null         -- 该高新区 / 园区 resolved to the article's zone
);

-- one row per company mention in an article
create table if not exists raw.company_mentions (
    page_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    mention_text varchar not null,
    company_name varchar not null,        -- longest legal form the article uses (or the brand)
    mention_kind varchar not null,        -- legal | alias | short | brand
    park_name varchar                     -- raw.park_mentions.park_name of the zone it is placed in
);

-- one row per quantitative statement (raw_text is body[char_start:char_end])
create table if not exists raw.metric_statements (
    page_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    raw_text varchar not null,
    value double not null,
    unit varchar not null,
    qualifier varchar not null,
    metric_raw varchar not null,
    metric_code varchar not null,
    is_growth boolean not null,
    subject_type varchar not null,
    subject_name varchar not null,
    park_name varchar,                    -- raw.park_mentions.park_name in the same article
    company_name varchar,                 -- raw.company_mentions.company_name in the same article
    period_label varchar not null,
    period_start date,
    period_end date,
    evidence varchar not null
);

-- one row per project statement (evidence is body[char_start:char_end])
create table if not exists raw.project_statements (
    page_id varchar not null,
    article_id varchar not null,
    name_start integer not null,
    name_end integer not null,
    project_name varchar not null,
    status varchar not null,
    investment_cny double,
    investment_usd double,
    investment_qualifier varchar,
    company_name varchar,
    park_name varchar,
    event_date date,
    char_start integer not null,
    char_end integer not null,
    evidence varchar not null
);

-- one row per ingest run
create table if not exists raw.ingest_runs (
    run_id varchar primary key,
    command varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    inputs varchar not null,              -- the paths asked for, as JSON
    files_seen integer,
    files_loaded integer,
    files_replaced integer,
    files_reparsed integer,
    files_unchanged integer,
    files_failed integer,
    status varchar not null               -- running | ok | failed
);

-- one row per file per run: what happened to it and why
create table if not exists raw.ingest_files (
    run_id varchar not null,
    source_file varchar not null,
    source_path varchar not null,
    outcome varchar not null,             -- loaded | replaced | reparsed | unchanged | failed
    reason varchar,
    byte_size bigint,
    encoding varchar,
    content_sha256 varchar,
    article_count integer,
    primary key (run_id, source_path)
);
"""


SCHEMAS = ("raw", "staging", "intermediate", "marts", "reference")


class WarehousePathError(ValueError):
    """GAOXIN_DB names a file the warehouse cannot live in."""


def db_path() -> Path:
    """The published warehouse: `GAOXIN_DB` if set, else `warehouse/gaoxin.duckdb`."""
    env = os.environ.get("GAOXIN_DB")
    path = Path(env).expanduser().resolve() if env else DEFAULT_DB
    # DuckDB names the catalog after the file; `raw.duckdb` would make `raw.pages` ambiguous
    if path.name.split(".")[0] in SCHEMAS:
        raise WarehousePathError(
            f"GAOXIN_DB={path}: a warehouse file cannot be named after one of its schemas ({', '.join(SCHEMAS)})"
        )
    return path


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file with the storage version readers can handle."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables, and add columns a warehouse built by an older gaoxin lacks.

    New columns arrive nullable; pages parsed by older rules are re-parsed on the next
    ingest (their parser_version differs), which fills them.
    """
    con.execute(RAW_DDL)
    expected = duckdb.connect()
    try:
        expected.execute(RAW_DDL)
        want = expected.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' order by table_name, ordinal_position"
        ).fetchall()
    finally:
        expected.close()
    have = {
        (t, c)
        for t, c in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'raw'"
        ).fetchall()
    }
    for table, column, data_type in want:
        if (table, column) not in have:
            con.execute(f'alter table raw.{table} add column "{column}" {data_type}')
    _drop_unique_source_file(con)


def _drop_unique_source_file(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouses built before PDF input made `raw.pages.source_file` unique; a PDF has a row per page.

    DuckDB cannot drop a constraint in place, so the table is rebuilt with its rows.
    """
    unique = con.execute(
        "select count(*) from duckdb_constraints() where schema_name = 'raw' and table_name = 'pages' "
        "and constraint_type = 'UNIQUE' and constraint_column_names = ['source_file']"
    ).fetchone()[0]
    if not unique:
        return
    cols = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'pages' "
            "order by ordinal_position"
        ).fetchall()
    ]
    con.execute("alter table raw.pages rename to pages_before_pdf")
    con.execute(RAW_DDL)
    listed = ", ".join(f'"{c}"' for c in cols)
    con.execute(f"insert into raw.pages ({listed}) select {listed} from raw.pages_before_pdf")
    con.execute("drop table raw.pages_before_pdf")
