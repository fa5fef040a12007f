"""`gaoxin query` reads the warehouse and nothing else, and stops when asked.

Every escape a hostile or careless query can try is tried against a small warehouse
(no dbt needed), through the real CLI in a child process: it must be refused (exit 2,
a one-line reason), must not touch any file, and must leave the warehouse as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from loaders.query import QueryRefused, check_query
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("q") / "gaoxin.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute("create table marts.dim_park as select 'park-' || i as park_id, i as n from range(10) t(i)")
    con.close()
    return db


def gaoxin(db: Path, *args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *args],
        cwd=ROOT,
        env={**os.environ, "GAOXIN_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def escapes(tmp: Path) -> dict[str, str]:
    """Query -> what it tries; every one must be refused."""
    victim, other = tmp / "victim.txt", tmp / "other.duckdb"
    victim.write_text("secret", encoding="utf-8")
    duckdb.connect(str(other)).close()
    out = tmp / "out.csv"
    return {
        f"select * from read_text('{victim}')": "read a file",
        f"select * from read_csv('{victim}')": "read a file as CSV",
        f"select * from read_blob('{victim}')": "read a file as bytes",
        f"select * from '{victim}'": "a file as a table",
        f"select * from glob('{tmp}/*')": "list a folder",
        f"select * from sniff_csv('{victim}')": "sniff a file",
        f"copy (select 1) to '{out}'": "write a file",
        f"copy marts.dim_park to '{out}' (format csv)": "export a table",
        f"export database '{tmp / 'dump'}'": "export the database",
        f"attach '{other}' as o": "attach another database read-write",
        f"attach '{other}' as o (read_only)": "attach another database",
        "detach gaoxin": "detach",
        "create table marts.x as select 1": "create",
        "insert into marts.dim_park values ('p', 1)": "insert",
        "update marts.dim_park set n = 0": "update",
        "delete from marts.dim_park": "delete",
        "drop table marts.dim_park": "drop",
        "alter table marts.dim_park add column z int": "alter",
        "select 1; select 2": "two statements",
        f"select 1; attach '{other}' as o": "a second statement that escapes",
        "set enable_external_access = true": "undo the seal",
        "reset enable_external_access": "undo the seal by reset",
        "pragma threads = 1": "change a setting by pragma",
        f"pragma import_database('{tmp}')": "run SQL files",
        "install httpfs": "install an extension",
        "load httpfs": "load an extension",
        "call pragma_version()": "call",
        "checkpoint": "write a checkpoint",
        "vacuum": "vacuum",
        "use marts": "change the session",
        f"select * from query('attach ''{other}'' as o')": "SQL in a string",
        "select * from query_table('marts.dim_park')": "SQL in a string (table)",
        "with t as (select 1) insert into marts.dim_park select 'p', 1": "a write behind a CTE",
        "explain insert into marts.dim_park values ('p', 1)": "a write behind explain",
        "": "nothing",
    }


def test_every_escape_is_refused_and_nothing_is_touched(small_warehouse, tmp_path, monkeypatch, capsys):
    from loaders.cli import main  # the CLI's own code, in-process: 35 child processes would be slow

    monkeypatch.setenv("GAOXIN_DB", str(small_warehouse))
    tried = escapes(tmp_path)
    before = digest(small_warehouse)
    refused = []
    for sql, what in tried.items():
        code = main(["query", sql])
        out, err = capsys.readouterr()
        if code == 2 and "Traceback" not in err and err.strip() and not out.strip():
            refused.append(sql)
        else:
            print(f"NOT REFUSED ({what}): {sql!r} -> {code} {out} {err}")
    print(f"\nquery escapes tried {len(tried)} / refused {len(refused)}")
    assert len(refused) == len(tried)
    assert digest(small_warehouse) == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "dump").exists()


@pytest.mark.parametrize(
    "sql",
    [
        "select count(*) as n from marts.dim_park",
        "with t as (select n from marts.dim_park) select sum(n) from t",
        "values (1, 2)",
        "describe marts.dim_park",
        "show tables",
        "summarize marts.dim_park",
        "pragma table_info('marts.dim_park')",
        "pragma database_size",
        "explain select * from marts.dim_park",
        "from marts.dim_park select park_id order by n limit 3",
        "select 1 union all select 2",
    ],
)
def test_reading_statements_run(small_warehouse, sql, monkeypatch, capsys):
    from loaders.cli import main

    monkeypatch.setenv("GAOXIN_DB", str(small_warehouse))
    assert main(["query", sql, "--format", "csv"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert out.strip()
    if sql.startswith("select count"):
        assert out.split() == ["n", "10"]


def test_another_dialect_is_translated(small_warehouse, monkeypatch, capsys):
    from loaders.cli import main

    monkeypatch.setenv("GAOXIN_DB", str(small_warehouse))
    sql = "select n::text as t from marts.dim_park order by n limit 2"
    assert main(["query", "--dialect", "postgres", "--format", "csv", sql]) == 0
    assert capsys.readouterr().out.split() == ["t", "0", "1"]
    assert main(["query", "--dialect", "mysql", "select `n` from marts.dim_park limit 1"]) == 0
    assert check_query("select top 3 n from marts.dim_park", "tsql").sql.endswith("LIMIT 3")
    with pytest.raises(QueryRefused):
        check_query("insert into t values (1)", "postgres")  # translation does not launder a write


SLOW = "select count(*) from range(100000000000) t(i) where i % 7 = 3"  # minutes of work


def test_a_long_query_stops_at_its_timeout(small_warehouse):
    started = time.monotonic()
    proc = gaoxin(small_warehouse, "query", "--timeout", "1", SLOW)
    assert proc.returncode == 2 and "--timeout" in proc.stderr
    assert time.monotonic() - started < 30


def test_ctrl_c_stops_a_running_query_at_once(small_warehouse):
    proc = subprocess.Popen(
        [sys.executable, "-m", "loaders.cli", "query", "--timeout", "0", SLOW],
        cwd=ROOT,
        env={**os.environ, "GAOXIN_DB": str(small_warehouse)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # well into the query
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert time.monotonic() - sent < 10, "the query should stop at once, not run on"
    assert "interrupted" in err and "Traceback" not in err


def test_help_says_what_is_refused():
    proc = subprocess.run(
        [sys.executable, "-m", "loaders.cli", "query", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    text = " ".join(proc.stdout.split())
    for words in ("Refused:", "more than one statement", "attach", "read_csv", "copy ... to", "install/load"):
        assert words in text
    assert "--timeout" in text and "--dialect" in text
