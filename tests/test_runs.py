"""Runs are recorded before work and survive their process; children die with gaoxin.

The journal beside the warehouse, the per-run dbt target folders and the child
process handling, tested without dbt: a stand-in child (and grandchild) shows that
stopping the group takes both, and that a SIGKILLed parent takes its child along.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from loaders import runlog
from loaders.dbt_run import (
    PARTIAL_PARSE,
    DbtBuild,
    _keep_parse,
    _restore_parse,
    dbt_env,
    own_target,
    parse_cache,
    spawn,
    stop_group,
)
from loaders.records import RunRecord


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _alive(pid)


def test_the_journal_records_runs_until_they_are_published(tmp_path):
    db = tmp_path / "gaoxin.duckdb"
    started = datetime(2024, 6, 5, 9, 0)
    for run_id in ("a", "b", "c"):
        runlog.begin(db, RunRecord(run_id=run_id, command="build", started_at=started, inputs='["x"]'))
    runlog.end(db, "b", "failed", "dbt build failed")
    runlog.end(db, "c", "interrupted", "interrupted (Ctrl-C)")
    with runlog.journal_path(db).open("a") as fh:
        fh.write('{"run_id": "d", "comm')  # a line cut short by a crash
    pending = {e.run_id: e.record() for e in runlog.pending(db)}
    assert {k: (r.status, r.note) for k, r in pending.items()} == {
        "a": ("interrupted", f"the process (pid {os.getpid()}) ended before the run finished"),
        "b": ("failed", "dbt build failed"),
        "c": ("interrupted", "interrupted (Ctrl-C)"),
    }
    runlog.clear(db, {"a", "b"})
    assert [e.run_id for e in runlog.pending(db)] == ["c"]
    runlog.clear(db, {"c"})
    assert not runlog.journal_path(db).exists()


def test_each_dbt_run_gets_its_own_target_folder():
    with own_target() as first, own_target() as second:
        assert first != second and first.is_dir() and second.is_dir()
        (first / "run_results.json").write_text("{}")
    assert not first.exists() and not second.exists()


def test_only_dbts_parse_of_the_project_is_carried_from_run_to_run(tmp_path):
    db = tmp_path / "gaoxin.duckdb"
    cache = parse_cache(db)
    assert cache.parent == tmp_path and cache.name.startswith(".")  # hidden, beside the warehouse
    with own_target() as first:
        _restore_parse(cache, first)
        assert not (first / PARTIAL_PARSE).exists()  # nothing saved yet: dbt parses from scratch
        (first / PARTIAL_PARSE).write_bytes(b"parsed")
        (first / "run_results.json").write_text("{}")
        _keep_parse(cache, first)
    with own_target() as second:
        _restore_parse(cache, second)
        assert (second / PARTIAL_PARSE).read_bytes() == b"parsed"
        assert not (second / "run_results.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == [cache.name]  # no temporary file left behind


def test_a_parse_that_cannot_be_saved_costs_the_next_run_a_parse_not_the_build(tmp_path):
    cache = parse_cache(tmp_path / "gone" / "gaoxin.duckdb")  # its folder was removed meanwhile
    with own_target() as target:
        (target / PARTIAL_PARSE).write_bytes(b"parsed")
        _keep_parse(cache, target)  # no exception
    assert not cache.parent.exists()


# a stand-in for dbt: it starts a helper of its own (in its group) and prints the helper's pid
CHILD = (
    "import subprocess, sys, time;"
    "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)']);"
    "print(g.pid, flush=True); time.sleep(300)"
)


def test_stopping_the_group_stops_the_child_and_its_children():
    proc = spawn([sys.executable, "-c", CHILD], dict(os.environ), capture=True)
    grandchild = int(proc.stdout.readline())
    assert os.getpgid(proc.pid) == proc.pid  # its own process group
    stop_group(proc)
    assert proc.poll() is not None
    assert _wait_gone(grandchild)


def test_a_child_dies_with_its_parent_even_on_sigkill(tmp_path):
    """The parent (standing in for gaoxin) spawns its child the way gaoxin spawns dbt."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time; sys.path.insert(0, os.getcwd());"
            "from loaders.dbt_run import spawn;"
            "p = spawn([sys.executable, '-c', 'import time; time.sleep(300)'], dict(os.environ), capture=False);"
            "print(p.pid, flush=True); time.sleep(300)",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait(30)
    assert _wait_gone(child), "the child outlived its SIGKILLed parent"


def test_a_build_s_dbt_process_never_asked_to_build_is_stopped(tmp_path):
    """A build that fails before dbt (no pages, a bad page) leaves no dbt process behind."""
    with own_target() as target, DbtBuild(tmp_path / "gaoxin.duckdb", target) as dbt:
        assert dbt.proc.poll() is None  # reading the project while pages would land
    assert dbt.proc.poll() is not None


@pytest.mark.build  # as slow: dbt reads the whole project
def test_a_build_s_dbt_process_that_is_told_nothing_exits(tmp_path):
    with own_target() as target:
        dbt = DbtBuild(tmp_path / "gaoxin.duckdb", target)
        dbt.proc.stdin.close()  # end of input: nothing to build
        assert dbt.proc.wait(120) == 0
    assert not (tmp_path / "gaoxin.duckdb").exists()  # reading the project never opens the warehouse


def test_dbt_writes_no_debug_log_unless_the_user_asks(monkeypatch):
    """dbt's debug log would go to the run's private target, removed after the run: not written
    (it cost about 1.3 s of an added page); a user's own DBT_LOG_LEVEL_FILE is kept."""
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    assert dbt_env(Path("w.duckdb"))["DBT_LOG_LEVEL_FILE"] == "none"
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    assert dbt_env(Path("w.duckdb"))["DBT_LOG_LEVEL_FILE"] == "debug"
