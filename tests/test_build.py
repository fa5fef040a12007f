"""`gaoxin build` end to end, as a user runs it: a real process, a real dbt build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import copy_warehouse, gold, sample_pages, squash

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

ROOT = Path(__file__).resolve().parent.parent


def gaoxin(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GAOXIN_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            f"{s}.{t}"
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema = 'marts' order by all"
            ).fetchall()
        ]
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_build) -> tuple[Path, subprocess.CompletedProcess]:
    """A private copy of the session's sample build (these tests build on top of it)."""
    db, proc = sample_build
    return copy_warehouse(db, tmp_path_factory.mktemp("wh")), proc


def test_build_succeeds_and_summarises(built):
    _db, proc = built
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "5 loaded" in proc.stdout
    assert "dbt build" in proc.stdout and "fail" not in proc.stdout.split("dbt build")[1].split("\n")[0]
    assert "published " in proc.stdout


def test_dim_article_holds_the_sample_articles(built):
    db, _ = built
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select source_file, body, char_count, published_on_source from marts.dim_article"
        ).fetchall()
    finally:
        con.close()
    expected = [g for p in sample_pages() for g in gold(p.name)["articles"]]
    assert len(rows) == len(expected)
    heads = [squash(body)[:300] for _, body, _, _ in rows]
    assert all(any(squash(g["starts_with"]) in h for h in heads) for g in expected)
    assert all(n == len(body) for _, body, n, _ in rows)
    assert {r[3] for r in rows} == {"manifest"}


def test_second_build_changes_no_row(built):
    db, _ = built
    before = snapshot(db)
    proc = gaoxin(db, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "5 unchanged" in proc.stdout
    assert snapshot(db) == before


# Readers during a build and two builds at once: tests/test_concurrency.py (separate processes).
