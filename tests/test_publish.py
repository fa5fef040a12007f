"""Publishing without a full copy: the previous generation is brought up to date, never under a reader.

Small DuckDB files and real reader processes (a DuckDB lock is per process); no dbt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from loaders import publish
from loaders.publish import spare_path, sync_file, workspace

READER = textwrap.dedent(
    """
    import sys, time, duckdb
    from pathlib import Path
    con = duckdb.connect(sys.argv[1], read_only=True)  # a BI tool keeping the file open
    print(con.execute("select max(generation) from t").fetchone()[0], flush=True)
    while not Path(sys.argv[2]).exists():
        time.sleep(0.05)
    print(con.execute("select max(generation), count(*) from t").fetchone(), flush=True)
    """
)


FIRST_ROWS = 250_000  # several of DuckDB's row groups: later builds append to the last one


@pytest.fixture(autouse=True)
def no_grace(monkeypatch):
    """Builds here follow each other within milliseconds; the grace period is tested on its own."""
    monkeypatch.setattr(publish, "SPARE_GRACE_SECONDS", 0.0)


@pytest.fixture(scope="module")
def first_generation(tmp_path_factory) -> Path:
    """Generation 1, made once: many rows, so later builds change a small part of the file."""
    path = tmp_path_factory.mktemp("gen1") / "gaoxin.duckdb"
    con = duckdb.connect(str(path))
    try:
        con.execute("create table t (generation integer, payload varchar)")
        con.execute(
            "insert into t select 1, md5(i::varchar) || md5((i + 1)::varchar) from range(?) as r(i)", [FIRST_ROWS]
        )
    finally:
        con.close()
    return path


def build(published: Path, generation: int, rows: int = 1000, first: Path | None = None) -> publish.Workspace:
    """One build: add `rows` rows of this generation to table t (or, for generation 1, publish `first`)."""
    if generation == 1 and first is not None:
        with workspace(published) as ws:
            shutil.copyfile(first, ws.build)
        return ws
    with workspace(published) as ws:
        con = duckdb.connect(str(ws.build))
        try:
            con.execute("create table if not exists t (generation integer, payload varchar)")
            con.execute(
                "insert into t select ?, md5(i::varchar) || md5((i + ?)::varchar) from range(?) as r(i)",
                [generation, generation * rows, rows],
            )
            con.execute("checkpoint")
        finally:
            con.close()
    return ws


def generation(path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select max(generation), count(*) from t").fetchone()
    finally:
        con.close()


def test_sync_file_writes_only_the_chunks_that_differ(tmp_path):
    chunk = publish.SYNC_CHUNK
    source = tmp_path / "source"
    target = tmp_path / "target"
    data = bytearray(os.urandom(chunk * 8 + 100))
    target.write_bytes(bytes(data) + b"tail that must go")
    data[chunk * 3 + 5] ^= 0xFF  # one byte in the fourth chunk
    data[-1] ^= 0xFF  # and one in the short last chunk
    source.write_bytes(bytes(data))
    fd = os.open(target, os.O_RDWR)
    try:
        written = sync_file(source, fd)
    finally:
        os.close(fd)
    assert target.read_bytes() == source.read_bytes()
    assert written == chunk + 100


def test_the_first_build_makes_a_new_file_the_second_copies_later_ones_sync(tmp_path, first_generation):
    published = tmp_path / "gaoxin.duckdb"
    assert build(published, 1, first=first_generation).how == "new"
    assert not spare_path(published).exists()  # nothing was published before
    second = build(published, 2)
    assert second.how == "copied" and "no previous generation" in second.note
    assert spare_path(published).exists()  # generation 1, kept for the next build
    third = build(published, 3)
    assert third.how == "synced", third.note
    # the blocks generation 3 touched (its row group, the metadata), not the whole file
    assert third.bytes_written < published.stat().st_size / 4, third.describe()
    assert generation(published) == (3, 252000)
    assert generation(spare_path(published)) == (2, 251000)  # the generation it replaced


def test_a_reader_of_the_previous_generation_is_never_written_under(tmp_path, first_generation):
    published = tmp_path / "gaoxin.duckdb"
    build(published, 1, first=first_generation)
    build(published, 2)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "2"  # it holds generation 2
        third = build(published, 3)  # generation 2 becomes the spare, still open in the reader
        assert third.how == "synced"
        fourth = build(published, 4)
        assert fourth.how == "copied" and "reader" in fourth.note
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    assert out.strip() == "(2, 251000)"  # what it held is intact
    assert generation(published) == (4, 253000)
    fifth = build(published, 5)  # the reader is gone: back to syncing
    assert fifth.how == "synced"
    assert generation(published) == (5, 254000)


def test_a_spare_retired_moments_ago_is_not_reused(tmp_path, monkeypatch, first_generation):
    monkeypatch.setattr(publish, "SPARE_GRACE_SECONDS", 3600.0)
    published = tmp_path / "gaoxin.duckdb"
    build(published, 1, first=first_generation)
    build(published, 2)
    third = build(published, 3)
    assert third.how == "copied" and "moments ago" in third.note


def test_a_spare_that_is_the_published_file_is_not_reused(tmp_path, first_generation):
    published = tmp_path / "gaoxin.duckdb"
    build(published, 1, first=first_generation)
    os.link(published, spare_path(published))  # as after a crash between linking and renaming
    second = build(published, 2)
    assert second.how == "copied"
    assert generation(spare_path(published)) == (1, 250000)
    assert generation(published) == (2, 251000)


def test_a_spare_open_in_this_process_is_not_reused(tmp_path, first_generation):
    published = tmp_path / "gaoxin.duckdb"
    build(published, 1, first=first_generation)
    build(published, 2)
    con = duckdb.connect(str(published), read_only=True)  # generation 2, read here
    try:
        build(published, 3)
        fourth = build(published, 4)
        assert fourth.how == "copied", fourth.describe()
        assert con.execute("select max(generation), count(*) from t").fetchone() == (2, 251000)
    finally:
        con.close()


def test_a_failed_build_publishes_nothing_and_leaves_no_build_file(tmp_path, first_generation):
    published = tmp_path / "gaoxin.duckdb"
    build(published, 1, first=first_generation)
    build(published, 2)
    before = published.read_bytes()
    with pytest.raises(RuntimeError, match="boom"), workspace(published) as ws:
        con = duckdb.connect(str(ws.build))
        con.execute("insert into t values (99, 'half-built')")
        con.close()
        raise RuntimeError("boom")
    assert published.read_bytes() == before
    assert not list(tmp_path.glob("*.build*"))
    time.sleep(0.01)
    assert build(published, 3).how in ("copied", "synced")
    assert generation(published) == (3, 252000)
