"""Whole builds under hostile conditions, with real processes.

- a bad row fails a dbt test: the build names the pages behind it, publishes nothing,
  and `gaoxin remove` gets the warehouse building again;
- a manifest typo (a date in 2204) is a note, and fixing the manifest updates the page;
- gaoxin killed (SIGKILL), interrupted (Ctrl-C) or terminated (SIGTERM) while dbt runs:
  dbt dies with it, nothing half-built is published or left behind, and the run is
  recorded as interrupted by the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, copy_warehouse, run_gaoxin

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

PAGE = "本报讯 2024年5月6日，丙丁高新区举行新材料项目签约仪式。\n签约项目总投资额12.5亿元。\n"
OTHER = "本报讯 2024年7月8日，戊己高新区新增科技型企业36家。\n区内规上工业产值同比增长9.2%。\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal(db: Path) -> list[dict]:
    path = db.with_name(f".{db.name}.runs")
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def new_pages(tmp_path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "new.txt").write_text(PAGE, encoding="utf-8")
    return folder


def test_a_failing_test_names_its_pages_and_remove_gets_the_build_going(sample_warehouse, tmp_path, new_pages):
    db = copy_warehouse(sample_warehouse, tmp_path / "wh")
    bad_page = "003_e435242bd6fb751a.txt"
    con = duckdb.connect(str(db))
    con.execute(
        """update raw.metric_statements set value = 'inf'::double
           where page_id = (select page_id from raw.pages where source_file = ?)""",
        [bad_page],
    )
    con.close()
    before = digest(db)
    failed = run_gaoxin(db, "build", str(new_pages))
    out = failed.stdout
    assert failed.returncode == 2, out + failed.stderr
    assert "finite_and_plausible" in out and f"come from: {bad_page}" in out and f"gaoxin remove {bad_page}" in out
    assert "Traceback" not in failed.stderr
    assert digest(db) == before and not list(db.parent.glob("*.build*"))
    assert [e.get("status") for e in journal(db)] == ["running", "failed"]

    removed = run_gaoxin(db, "remove", bad_page)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not query(db, "select 1 from raw.pages where source_file = ?", [bad_page])
    runs = dict(query(db, "select command, status from raw.ingest_runs where status <> 'ok'"))
    assert runs == {"build": "failed"}  # the failed build is recorded, from the journal
    assert journal(db) == []


def test_a_manifest_typo_is_a_note_and_fixing_it_updates_the_page(tmp_path, warehouse):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published_on\na.txt,2204-06-05\nb.txt,2024-07-09\n", encoding="utf-8")
    first = run_gaoxin(warehouse, "build", str(folder))
    assert first.returncode == 0, first.stdout + first.stderr  # a typo no longer blocks publishing
    assert "2204-06-05 is implausible" in first.stdout
    dates = dict(query(warehouse, "select source_file, published_on_source from marts.dim_article"))
    assert dates == {"a.txt": "inferred", "b.txt": "manifest"}
    (folder / "manifest.csv").write_text("file,published_on\na.txt,2024-06-05\nb.txt,2024-07-09\n", encoding="utf-8")
    second = run_gaoxin(warehouse, "ingest", str(folder))  # the marts follow raw on the next build
    assert second.returncode == 0, second.stdout + second.stderr
    assert "manifest row changed" in second.stdout
    sql = "select published_on, published_on_source from raw.pages where source_file = 'a.txt'"
    assert query(warehouse, sql) == [(date(2024, 6, 5), "manifest")]


# --- killed, interrupted, terminated ------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _is_dbt(pid: int) -> bool:
    try:
        return b"loaders.dbt_child" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _holds_a_warehouse(pid: int, folder: Path) -> bool:
    """The process has a DuckDB file of `folder` open (dbt has connected to build)."""
    try:
        links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:
        return False
    return any(link.startswith(str(folder)) and ".duckdb" in link for link in links)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(
    ("sig", "code"), [(signal.SIGKILL, -9), (signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["kill", "int", "term"]
)
def test_a_stopped_build_takes_dbt_with_it_and_is_recorded(sample_warehouse, tmp_path, new_pages, sig, code):
    db = copy_warehouse(sample_warehouse, tmp_path / "wh")
    before = digest(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "loaders.cli", "build", str(new_pages)],
        cwd=ROOT,
        env={**os.environ, "GAOXIN_DB": str(db)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    dbt = None
    deadline = time.monotonic() + 300
    while dbt is None and time.monotonic() < deadline and proc.poll() is None:
        dbt = next((c for c in _children(proc.pid) if _is_dbt(c) and _holds_a_warehouse(c, db.parent)), None)
        time.sleep(0.1)
    assert dbt is not None, "dbt never started building"
    time.sleep(1)  # dbt is connected and building
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, out + err
    gone_by = time.monotonic() + 20
    while _alive(dbt) and time.monotonic() < gone_by:
        time.sleep(0.2)
    assert not _alive(dbt), "dbt outlived gaoxin"
    assert digest(db) == before  # nothing half-built was published
    if sig != signal.SIGKILL:
        assert "Traceback" not in err and not list(db.parent.glob("*.build*"))
        assert journal(db)[-1]["status"] == "interrupted"
    else:
        assert journal(db)[-1]["status"] == "running"  # recorded before any work
        status = run_gaoxin(db, "status")
        assert "interrupted" in status.stdout  # its process is gone
        again = run_gaoxin(db, "ingest", str(new_pages))  # the next run that publishes records it
        assert again.returncode == 0, again.stdout + again.stderr
        assert query(db, "select status from raw.ingest_runs where status = 'interrupted'") == [("interrupted",)]
        assert journal(db) == [] and not list(db.parent.glob("*.build*"))
