"""The database edge: where the warehouse lives, how to open it, and the raw tables.

Everything else in `loaders` is pure (text in, records out); this module and
`loaders/publish.py` are the only ones that touch DuckDB files.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import duckdb

from loaders.records import RAW_RECORDS, BuildRecord, raw_ddl

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "gaoxin.duckdb"

# duckdb 2.x writes a storage format that the PyPI DuckDB shell (1.5) and most BI
# clients cannot open; pinning the compatibility version keeps the file readable.
STORAGE_COMPATIBILITY = "v1.4.0"

# DuckDB keeps the blocks a connection wrote in its buffer pool up to its memory limit
# (by default 80 % of RAM), so a loader's resident size grew with every page landed
# (about 65 MB per 1,000 pages) although those blocks are safely on disk. A writer's
# pool is bounded instead: written blocks are dropped and read back if needed, and a
# query that needs more spills to disk. GAOXIN_MEMORY_LIMIT overrides it (DuckDB's syntax).
WRITER_MEMORY_LIMIT = "256MB"
MEMORY_LIMIT_ENV = "GAOXIN_MEMORY_LIMIT"

# DuckDB checkpoints (writes the log's rows into the file, compressed) once its write-ahead
# log passes 16 MB by default: with a batch of pages about that size, after nearly every
# batch, while the parsing workers wait for the writer. Checkpointing every 256 MB instead
# took 10,000 pages' rows from 15.5 to 9.1 CPU-seconds with the same resident size (the
# pool is bounded above), and the file came out a quarter smaller (fewer, fuller blocks).
WRITER_CHECKPOINT_THRESHOLD = "256MB"

# the raw tables are described by the records that fill them (`loaders/records.py`)
RAW_DDL = raw_ddl()


SCHEMAS = ("raw", "staging", "intermediate", "marts", "reference")


class WarehousePathError(ValueError):
    """GAOXIN_DB names a file the warehouse cannot live in; str(e) names the path and the cause."""


# every DuckDB database file carries these bytes at this offset
_DUCKDB_MAGIC, _MAGIC_OFFSET = b"DUCK", 8


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


def check_warehouse_file(path: Path) -> None:
    """Refuse, naming the path and the cause, a warehouse path that holds something else.

    A folder, a device or a text file at GAOXIN_DB must not be opened (DuckDB would
    fail with an obscure error or, for an empty file, start a new database in it).
    """
    if not os.path.lexists(path):
        return
    try:
        st = path.stat()
    except OSError as e:
        raise WarehousePathError(f"{path}: cannot be read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise WarehousePathError(f"{path}: is a folder, not a DuckDB warehouse file (set GAOXIN_DB to a file path)")
    if not stat.S_ISREG(st.st_mode):
        raise WarehousePathError(f"{path}: is not a regular file, so it cannot be a DuckDB warehouse")
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAGIC_OFFSET + len(_DUCKDB_MAGIC))
    except OSError as e:
        raise WarehousePathError(f"{path}: cannot be read ({e.strerror or e})") from None
    if head[_MAGIC_OFFSET:] != _DUCKDB_MAGIC:
        what = "an empty file" if not head else "not a DuckDB database file"
        raise WarehousePathError(
            f"{path}: is {what}; refusing to use it as the warehouse (move it away or fix GAOXIN_DB)"
        )


_HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers precede the blocks


def check_opens(path: Path) -> None:
    """Refuse a DuckDB file that is damaged (truncated, corrupt), naming it and the cause.

    DuckDB opens a truncated file lazily and fails later, mid-build, on its build copy;
    reading its size table and comparing it with the file catches that at the start.
    DuckDB itself cuts free blocks off the end of the file at a checkpoint but keeps
    counting them in `total_blocks` (a build that frees the last blocks, as incremental
    builds do), so a file is truncated when it cannot hold the blocks in use.
    """
    con = connect(path, read_only=True)
    try:
        block_size, total_blocks, free_blocks = con.execute(
            "select block_size, total_blocks, free_blocks from pragma_database_size()"
        ).fetchone()
    except duckdb.Error as e:
        raise WarehousePathError(f"{path}: DuckDB cannot open it ({_cause(e)})") from e
    finally:
        con.close()
    expected = _HEADER_BYTES + block_size * (total_blocks - free_blocks)
    if path.stat().st_size < expected:
        raise WarehousePathError(
            f"{path}: DuckDB cannot open it (the file is truncated: {path.stat().st_size:,} of at least "
            f"{expected:,} bytes)"
        )


def _cause(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _read_only_mode(st: os.stat_result) -> bool:
    """No write bit for anyone: the user marked it read-only (even root should respect that)."""
    return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def check_writable(path: Path) -> None:
    """Refuse, before any work, a warehouse whose folder or file cannot be written.

    A build writes a private copy and a lock beside the warehouse, then replaces it.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WarehousePathError(f"{folder}: cannot create the warehouse folder ({e.strerror or e})") from None
    if not folder.is_dir():
        raise WarehousePathError(f"{folder}: is not a folder, so the warehouse cannot be written there")
    if _read_only_mode(folder.stat()) or not os.access(folder, os.W_OK | os.X_OK):
        raise WarehousePathError(
            f"{folder}: the folder is read-only; gaoxin writes a build copy and a lock file beside the warehouse"
        )
    if path.exists() and (_read_only_mode(path.stat()) or not os.access(path, os.W_OK)):
        raise WarehousePathError(
            f"{path}: the warehouse file is read-only; each build replaces it (chmod u+w {path} to allow that)"
        )


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file with the storage version readers can handle.

    A file DuckDB cannot open (truncated, corrupt, from a newer DuckDB) raises
    WarehousePathError naming it, instead of DuckDB's multi-line message.
    """
    try:
        if read_only:
            return duckdb.connect(str(path), read_only=True)
        config = {
            "storage_compatibility_version": STORAGE_COMPATIBILITY,
            "memory_limit": os.environ.get(MEMORY_LIMIT_ENV) or WRITER_MEMORY_LIMIT,
            "checkpoint_threshold": WRITER_CHECKPOINT_THRESHOLD,
        }
        return duckdb.connect(str(path), config=config)
    except duckdb.Error as e:
        raise WarehousePathError(f"{path}: DuckDB cannot open it ({_cause(e)})") from e


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
        row = BuildRecord(build_id, started_at, now, project_hash, full_refresh, built, dbt_seconds).row()
        con.execute(
            f"insert into {BuildRecord.TABLE} ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
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
    _drop_indexes(con)


def _drop_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild, from their record's DDL, raw tables an older gaoxin made with a key or unique constraint.

    The large raw tables carry no index (see `loaders/records.py`: an indexed DuckDB
    table is rewritten whole at the checkpoint after any change), and `raw.pages` lost
    its unique `source_file` when PDFs brought a row per page. DuckDB cannot drop a
    constraint in place, so each such table is rebuilt once, with its rows, in one
    transaction.
    """
    unindexed = {r.TABLE.split(".")[1]: r for r in RAW_RECORDS if not r.INDEXED}
    indexed = [
        t
        for (t,) in con.execute(
            "select distinct table_name from duckdb_constraints() where schema_name = 'raw' "
            "and database_name = current_database() and constraint_type in ('PRIMARY KEY', 'UNIQUE') "
            "order by table_name"
        ).fetchall()
        if t in unindexed
    ]
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
            con.execute(unindexed[table].ddl())
            con.execute(f"insert into raw.{table} ({columns}) select {columns} from raw.{table}__indexed")
            con.execute(f"drop table raw.{table}__indexed")
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
