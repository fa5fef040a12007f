"""Readers and writers as separate processes: readers never fail, builds never interleave."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, run_gaoxin

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

READER = textwrap.dedent(
    """
    import sys, time, duckdb
    db, stop = sys.argv[1], sys.argv[2]
    from pathlib import Path
    held = duckdb.connect(db, read_only=True)  # a BI tool keeping the file open
    ok = errors = 0
    deadline = time.time() + 300
    while not Path(stop).exists() and time.time() < deadline:
        for con in (held, None):
            try:
                c = con or duckdb.connect(db, read_only=True)  # and new connections
                c.execute("select count(*) from marts.fact_metric join marts.dim_article using (article_id)").fetchone()
                if con is None:
                    c.close()
                ok += 1
            except Exception as e:
                errors += 1
                print("ERROR", e, file=sys.stderr, flush=True)
        time.sleep(0.05)
    print(ok, errors, flush=True)
    """
)


def private_copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    db = tmp_path / "wh" / "gaoxin.duckdb"
    db.parent.mkdir()
    shutil.copy2(sample_warehouse, db)
    return db


def test_a_reader_queries_throughout_a_build_without_an_error(sample_warehouse, tmp_path):
    db = private_copy(sample_warehouse, tmp_path)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(1.0)
        extra = tmp_path / "more"
        shutil.copytree(ROOT / "data" / "sample", extra)
        (extra / "new.txt").write_text(
            "本报讯 3月28日，合肥高新区举行重大项目开工现场会，总投资额12亿元。\n", encoding="utf-8"
        )
        build = run_gaoxin(db, "build", str(extra))
        assert build.returncode == 0, build.stdout + build.stderr
        time.sleep(1.0)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    ok, errors = map(int, out.split())
    assert errors == 0, err
    assert ok > 20, "the reader should have run many queries during the build"
    con = duckdb.connect(str(db), read_only=True)  # a new connection sees the new build
    try:
        assert con.execute("select count(*) from marts.dim_article where source_file = 'new.txt'").fetchone()[0] == 1
    finally:
        con.close()


def test_a_second_build_refuses_while_the_first_runs_and_nothing_is_corrupted(sample_warehouse, tmp_path):
    db = private_copy(sample_warehouse, tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-m", "loaders.cli", "build"],
        cwd=ROOT,
        env={**__import__("os").environ, "GAOXIN_DB": str(db)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = db.with_name(f".{db.name}.lock")
    deadline = time.time() + 60
    while time.time() < deadline and not (lock.exists() and lock.read_text().startswith("pid")):
        time.sleep(0.05)
    second = run_gaoxin(db, "build")
    waiting = subprocess.Popen(
        [sys.executable, "-m", "loaders.cli", "ingest", "--wait", "300"],
        cwd=ROOT,
        env={**__import__("os").environ, "GAOXIN_DB": str(db)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, out + err
    assert second.returncode == 3, second.stdout + second.stderr
    assert "another gaoxin build is writing" in second.stderr
    w_out, w_err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, w_out + w_err  # --wait: it waited for the first, then ran
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_article").fetchone()[0] == 34
        assert con.execute("pragma database_size").fetchall()
    finally:
        con.close()
    assert not list(db.parent.glob("*.build*"))
