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

-- one row per page version currently loaded (a changed page replaces its row)
create table if not exists raw.pages (
    page_id varchar primary key,          -- sha256 of the file's bytes (first 16 hex)
    source_file varchar not null unique,  -- path relative to the folder it was loaded from
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
    loaded_at timestamp not null,
    run_id varchar not null
);

-- one row per article found on a page
create table if not exists raw.articles (
    article_id varchar primary key,
    page_id varchar not null,
    source_file varchar not null,
    article_index integer not null,
    title varchar,
    byline varchar,
    body varchar not null
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
    files_unchanged integer,
    files_failed integer,
    status varchar not null               -- running | ok | failed
);

-- one row per file per run: what happened to it and why
create table if not exists raw.ingest_files (
    run_id varchar not null,
    source_file varchar not null,
    source_path varchar not null,
    outcome varchar not null,             -- loaded | replaced | unchanged | failed
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
    con.execute(RAW_DDL)
