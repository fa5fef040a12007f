"""`gaoxin build` end to end, as a user runs it: a real process, a real dbt build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import gold, sample_pages, squash

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
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    db = tmp_path_factory.mktemp("wh") / "gaoxin.duckdb"
    return db, gaoxin(db, "build")


def test_build_succeeds_and_summarises(built):
    db, proc = built
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "5 loaded" in proc.stdout
    assert "dbt build" in proc.stdout and "fail" not in proc.stdout.split("dbt build")[1].split("\n")[0]
    assert f"published {db}" in proc.stdout


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


def test_a_reader_keeps_working_while_a_build_publishes(built):
    db, _ = built
    reader = duckdb.connect(str(db), read_only=True)
    try:
        n = reader.execute("select count(*) from marts.dim_article").fetchone()[0]
        proc = gaoxin(db, "build")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert reader.execute("select count(*) from marts.dim_article").fetchone()[0] == n
    finally:
        reader.close()
    assert not list(db.parent.glob("*.build*")), "the private build file was left behind"


def test_build_refuses_while_another_build_holds_the_lock(built):
    db, _ = built
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from loaders.publish import workspace\n"
            "with workspace(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(30)",
            str(db),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        proc = gaoxin(db, "ingest")
        assert proc.returncode == 3
        assert "another gaoxin build is writing" in proc.stderr
    finally:
        holder.kill()
        holder.wait()
