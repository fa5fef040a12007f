"""Parsing on every core and landing in batches: the same rows as one process, nothing lost.

`--workers N` parses in a pool of processes (`loaders/pool.py`) while the main process
alone writes; the run lands in batches, each its own transaction (`GAOXIN_BATCH_PAGES`).
The readers below are module-level so a pool's workers can import them; every page
here is invented (`tests/pagegen.py` and the lines below) or the bundled sample.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import pool
from loaders.cli import main
from loaders.db import connect
from loaders.ingest import BATCH_PAGES_ENV, Candidate, batch_pages, ingest, read_candidate
from loaders.pool import Parsing
from tests.conftest import SAMPLE
from tests.pagegen import STORIES, to_html, to_txt

RAW_TABLES = (
    "raw.pages",
    "raw.articles",
    "raw.park_mentions",
    "raw.company_mentions",
    "raw.metric_statements",
    "raw.project_statements",
)
# invented lines, one page each: a zone, a date and a figure, so each page has facts
INVENTED = [
    f"本报讯 {m}月{d}日，甲乙高新区举行第{n}批重点项目集中签约仪式。\n本次签约项目{n + 3}个，总投资额{n * 7}.5亿元。\n"
    for n, (m, d) in enumerate([(3, 2), (4, 9), (5, 16), (6, 23), (7, 30), (8, 6)], 1)
]


SMALL_POOL = 4  # the pool's threshold here: these folders hold a dozen files, not hundreds


@pytest.fixture(autouse=True)
def small_runs_use_the_pool(monkeypatch):
    monkeypatch.setattr(pool, "POOL_MIN_ITEMS", SMALL_POOL)


@pytest.fixture
def folder(tmp_path) -> Path:
    """The bundled sample, invented pages in three formats, and one file that cannot be read."""
    root = tmp_path / "pages"
    shutil.copytree(SAMPLE, root)
    for n, text in enumerate(INVENTED):
        (root / f"invented_{n}.txt").write_text(text, encoding="utf-8")
    (root / "stories.txt").write_text(to_txt(STORIES), encoding="utf-8")
    (root / "story.html").write_text(to_html(STORIES[0]), encoding="utf-8")
    (root / "noise.txt").write_bytes(bytes(range(256)) * 8)  # no text: a failed outcome
    return root


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every raw row but the run's id and landing time, in a fixed order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t: con.execute(f"select * from {t} order by all").fetchall() for t in RAW_TABLES[1:]}
        tables["raw.pages"] = con.execute("select * exclude (run_id, loaded_at) from raw.pages order by all").fetchall()
        tables["raw.ingest_files"] = con.execute(
            "select * exclude (run_id) from raw.ingest_files order by all"
        ).fetchall()
        tables["raw.ingest_runs"] = con.execute(
            "select files_seen, files_loaded, files_failed, status from raw.ingest_runs"
        ).fetchall()
        return tables
    finally:
        con.close()


def outcomes(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    rows = con.execute("select source_file, outcome, reason from raw.ingest_files").fetchall()
    return {f: (o, r) for f, o, r in rows}


# --- readers for the pool's workers ------------------------------------------------------------


def raise_on_noise(cand: Candidate, max_bytes: int) -> object:
    """A parser bug on one file."""
    if cand.source_file.startswith("invented_3"):
        raise RuntimeError("an invented parser bug")
    return read_candidate(cand, max_bytes)


def die_in_a_worker(cand: Candidate, max_bytes: int) -> object:
    """A worker killed while parsing one file (as the kernel's OOM killer would); the main process is spared."""
    if cand.source_file.startswith("invented_2") and multiprocessing.parent_process() is not None:
        os._exit(9)
    return read_candidate(cand, max_bytes)


_read_so_far: list[str] = []


def ctrl_c_on_the_fifth_file(cand: Candidate, max_bytes: int) -> object:
    """Ctrl-C while the fifth file is read (in this process: workers=1)."""
    _read_so_far.append(cand.source_file)
    if len(_read_so_far) == 5:
        raise KeyboardInterrupt
    return read_candidate(cand, max_bytes)


def pid_of(_: object) -> int:
    return os.getpid()


# --- the pool -------------------------------------------------------------------------------


def test_the_pool_returns_results_in_order_from_other_processes():
    with Parsing(2) as parsing:
        got = list(parsing.map(pid_of, range(30), 30))
    assert [item for item, _ in got] == list(range(30))
    assert os.getpid() not in {pid for _, pid in got}
    with Parsing(1) as parsing:  # one worker: no pool at all
        assert {pid for _, pid in parsing.map(pid_of, range(10), 10)} == {os.getpid()}


def parent_of(_: object) -> int:
    return os.getppid()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_fork_server_and_its_warm_parser_end_with_the_pool():
    """Nothing of the pool stays resident while dbt builds."""
    with Parsing(2) as parsing:
        servers = {pid for _, pid in parsing.map(parent_of, range(30), 30)}
    assert len(servers) == 1 and os.getpid() not in servers  # workers are the fork server's children
    (server,) = servers
    assert not _alive(server)
    with Parsing(2) as parsing:  # a later pool starts a server of its own
        assert len({pid for _, pid in parsing.map(pid_of, range(30), 30)}) >= 1


def test_two_workers_land_exactly_what_one_lands(folder, tmp_path, monkeypatch, capsys):
    dbs = {}
    for workers in ("1", "2"):
        db = tmp_path / f"wh{workers}" / "gaoxin.duckdb"
        monkeypatch.setenv("GAOXIN_DB", str(db))
        assert main(["ingest", str(folder), "--workers", workers]) == 1  # noise.txt fails
        dbs[workers] = snapshot(db)
    capsys.readouterr()
    one, two = dbs["1"], dbs["2"]
    assert len(one["raw.pages"]) > 2 * SMALL_POOL and one["raw.metric_statements"]
    for table in one:
        assert one[table] == two[table], table


def test_a_reader_that_raises_in_a_worker_fails_that_file_and_the_rest_land(folder, tmp_path):
    con = connect(tmp_path / "w.duckdb")
    run = ingest(con, [folder], workers=2, reader=raise_on_noise)
    got = outcomes(con)
    assert got["invented_3.txt"] == ("failed", "internal error while parsing: RuntimeError: an invented parser bug")
    assert got["noise.txt"][0] == "failed"
    landed = {f for f, (o, _) in got.items() if o == "loaded"}
    assert landed == {p.name for p in folder.iterdir() if p.name not in ("manifest.csv", "noise.txt", "invented_3.txt")}
    assert con.execute("select count(distinct source_file) from raw.pages").fetchone()[0] == len(landed)
    assert con.execute("select status from raw.ingest_runs where run_id = ?", [run.run_id]).fetchone() == ("failed",)
    con.close()


def test_a_dead_worker_falls_back_to_parsing_in_this_process_with_a_note(folder, tmp_path):
    con = connect(tmp_path / "w.duckdb")
    run = ingest(con, [folder], workers=2, reader=die_in_a_worker)
    got = outcomes(con)
    assert got["invented_2.txt"][0] == "loaded"  # parsed again here, where it does not die
    assert {o for f, (o, _) in got.items() if f not in ("noise.txt", "manifest.csv")} == {"loaded"}
    note = con.execute("select note from raw.ingest_runs where run_id = ?", [run.run_id]).fetchone()[0]
    assert "worker stopped unexpectedly" in note and run.notes
    con.close()
    reference = connect(tmp_path / "ref.duckdb")
    ingest(reference, [folder], workers=1)
    reference.close()
    same, other = snapshot(tmp_path / "w.duckdb"), snapshot(tmp_path / "ref.duckdb")
    for table in RAW_TABLES:
        assert same[table] == other[table], table


# --- batches --------------------------------------------------------------------------------


def test_a_run_lands_in_batches_of_the_size_asked(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(BATCH_PAGES_ENV, "3")
    assert batch_pages() == 3
    con = connect(tmp_path / "w.duckdb")
    ingest(con, [folder])
    pages = con.execute("select count(*) from raw.pages").fetchone()[0]
    landings = con.execute("select count(distinct loaded_at) from raw.pages").fetchone()[0]
    assert pages >= 9 and landings == -(-pages // 3)  # each batch its own transaction, one time each
    con.close()


def test_a_run_stopped_after_a_batch_keeps_it_landed_and_recorded_and_a_rerun_finishes(folder, tmp_path):
    _read_so_far.clear()
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(KeyboardInterrupt):
        ingest(con, [folder], workers=1, batch=2, reader=ctrl_c_on_the_fifth_file)
    landed = {r[0] for r in con.execute("select distinct source_file from raw.pages").fetchall()}
    pages_before = len(landed)
    # the first two batches (files 1-4) landed with their outcomes; the fifth file stopped the run
    assert landed == set(_read_so_far[:4])
    recorded = outcomes(con)
    assert {f for f, (o, _) in recorded.items() if o == "loaded"} == landed
    status, note = con.execute("select status, note from raw.ingest_runs").fetchone()
    assert status == "interrupted" and "run again" in note

    rerun = ingest(con, [folder], workers=1, batch=2)
    by_outcome = {o.source_file: o.outcome for o in rerun.outcomes}
    assert {f for f, o in by_outcome.items() if o == "unchanged"} == landed
    assert pages_before < con.execute("select count(distinct source_file) from raw.pages").fetchone()[0]
    con.close()
    clean = connect(tmp_path / "clean.duckdb")
    ingest(clean, [folder])
    clean.close()
    resumed, whole = snapshot(tmp_path / "w.duckdb"), snapshot(tmp_path / "clean.duckdb")
    for table in RAW_TABLES:
        assert resumed[table] == whole[table], table


def test_a_bad_batch_size_is_a_clear_error_before_any_work(warehouse, monkeypatch, capsys):
    monkeypatch.setenv(BATCH_PAGES_ENV, "lots")
    with pytest.raises(ValueError, match=BATCH_PAGES_ENV):
        batch_pages()
    assert main(["ingest", str(SAMPLE)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: GAOXIN_BATCH_PAGES") and len(err.splitlines()) == 1
    assert not warehouse.exists()
