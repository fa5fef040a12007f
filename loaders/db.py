"""The database edge: where the warehouse lives, how to open it, and the raw tables.

Everything else in `loaders` is pure (text in, records out); this module and
`loaders/publish.py` are the only ones that touch DuckDB files.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "gaoxin.duckdb"

# duckdb 2.x writes a storage format that the PyPI DuckDB shell (1.5) and most BI
# clients cannot open; pinning the compatibility version keeps the file readable.
STORAGE_COMPATIBILITY = "v1.4.0"

# The growing tables carry no primary key or unique constraint: DuckDB keeps those in an
# index, and a table with an index is rewritten whole at the checkpoint after any append
# (the 100 MB of article bodies at 10k pages, for one page added). The loaders keep the
# keys unique (a page replaces its old version), and dbt tests check it (stg_pages,
# stg_articles). `ensure_raw_schema` drops the constraints from older warehouses.
RAW_DDL = """
create schema if not exists raw;

-- one row per page version currently loaded (a changed page replaces its row)
create table if not exists raw.pages (
    page_id varchar not null,             -- sha256 of the file's bytes (first 16 hex); unique
    source_file varchar not null,         -- path relative to the folder it was loaded from; unique
    source_path varchar not null,         -- where it was read from
    content_sha256 varchar not null,
    encoding varchar not null,
    byte_size bigint not null,
    raw_text varchar not null,            -- decoded text, before any repair
    published_on date,
    published_on_source varchar not null, -- manifest | inferred | unknown
    manifest_source varchar,
    manifest_title varchar,
    manifest_extra varchar,               -- other manifest columns as JSON
    parser_version varchar not null,      -- hash of the rules that parsed it; new rules re-parse
    loaded_at timestamp not null,
    run_id varchar not null,
    built_at timestamp                    -- when a build carried this version into the marts; null until then
);

-- one row per article found on a page
create table if not exists raw.articles (
    article_id varchar not null,          -- unique
    page_id varchar not null,
    source_file varchar not null,
    article_index integer not null,
    title varchar,
    byline varchar,
    body varchar not null
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

-- one row per `gaoxin build`'s dbt run: what the incremental models were built from
create table if not exists raw.builds (
    build_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp not null,
    project_hash varchar not null,        -- models, macros, seeds: a change forces a full rebuild
    full_refresh boolean not null,
    pages_built integer not null,         -- pages carried into the marts by this build
    dbt_seconds double not null
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
    article_count integer                 -- (run_id, source_path) is unique
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


def pages_to_build(con: duckdb.DuckDBPyConnection) -> int:
    """Pages landed since the last build (new, replaced, re-parsed): what an incremental build processes."""
    return con.execute("select count(*) from raw.pages where built_at is null").fetchone()[0]


def record_build(
    con: duckdb.DuckDBPyConnection,
    build_id: str,
    started_at: datetime,
    project_hash: str,
    full_refresh: bool,
    dbt_seconds: float,
) -> int:
    """After dbt built the marts: mark the pages it carried in as built, and record the build.

    The incremental models process exactly the pages whose `built_at` is null, so this is
    what makes the next build incremental. It runs in the private build file, after dbt
    succeeded and before publishing: a failed build is discarded with its marks.
    """
    con.execute("begin transaction")
    try:
        built = con.execute("select count(*) from raw.pages where built_at is null").fetchone()[0]
        now = datetime.now()
        con.execute("update raw.pages set built_at = ? where built_at is null", [now])
        con.execute(
            "insert into raw.builds values (?, ?, ?, ?, ?, ?, ?)",
            [build_id, started_at, now, project_hash, full_refresh, built, dbt_seconds],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return built


def last_build_hash(con: duckdb.DuckDBPyConnection) -> str | None:
    """The project hash of the latest recorded build, or None when the marts were never built by gaoxin."""
    row = con.execute("select project_hash from raw.builds order by finished_at desc limit 1").fetchone()
    return row[0] if row else None


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
    _drop_index_constraints(con)


def _drop_index_constraints(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild, without their index, raw tables an older gaoxin made with a key or unique constraint."""
    indexed = [
        t
        for (t,) in con.execute(
            "select distinct table_name from duckdb_constraints() where schema_name = 'raw' "
            "and database_name = current_database() and constraint_type in ('PRIMARY KEY', 'UNIQUE') "
            "and table_name in ('pages', 'articles', 'ingest_files')"
        ).fetchall()
    ]
    if not indexed:
        return
    expected = duckdb.connect()
    try:
        expected.execute(RAW_DDL)
        ddl = dict(expected.execute("select table_name, sql from duckdb_tables() where schema_name = 'raw'").fetchall())
    finally:
        expected.close()
    for table in indexed:
        columns = ", ".join(
            f'"{c}"'
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' "
                "and table_catalog = current_database() and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
        )
        con.execute("begin transaction")
        try:
            con.execute(f"alter table raw.{table} rename to {table}__indexed")
            con.execute(ddl[table])
            con.execute(f"insert into raw.{table} ({columns}) select {columns} from raw.{table}__indexed")
            con.execute(f"drop table raw.{table}__indexed")
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
