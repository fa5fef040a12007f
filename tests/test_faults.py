"""Errors that used to lie or crash: one line naming the path and the cause, the documented
exit code, no traceback unless -v, and nothing left behind.

Bad warehouse paths, read-only folders and files, a full disk while copying and while
committing (a real full disk: a small tmpfs in a private mount namespace, or a file
size limit where namespaces are not allowed), export paths with quotes or onto a file.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

PAGE = "本报讯 2024年5月6日，丙丁高新区举行新材料项目签约仪式。\n签约项目总投资额12.5亿元。\n"


def gaoxin(db: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def small_files() -> None:  # writes past `limit` bytes fail with EFBIG, like a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *args],
        cwd=ROOT,
        env={**os.environ, "GAOXIN_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=small_files if limit else None,
    )


def one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    err = proc.stderr.strip()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    for w in words:
        assert w in err, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def loaded_once(tmp_path_factory) -> Path:
    """A warehouse with raw tables (no dbt), published once for the module."""
    folder = tmp_path_factory.mktemp("faults")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(PAGE, encoding="utf-8")
    db = folder / "gaoxin.duckdb"
    assert gaoxin(db, "ingest", str(folder / "in")).returncode == 0
    return db


@pytest.fixture
def loaded(tmp_path, loaded_once) -> Path:
    """A private copy of it."""
    db = tmp_path / "wh" / "gaoxin.duckdb"
    db.parent.mkdir()
    shutil.copyfile(loaded_once, db)
    return db


# --- GAOXIN_DB that is not a warehouse ----------------------------------------------------------


@pytest.mark.parametrize("command", [["ingest"], ["status"], ["query", "select 1"], ["export", "out"]])
def test_a_folder_as_gaoxin_db(tmp_path, pages, command):
    db = tmp_path / "a-folder.duckdb"
    db.mkdir()
    args = [*command, str(pages)] if command == ["ingest"] else command
    one_line_error(gaoxin(db, *args), str(db), "is a folder")


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"just some notes\n", "not a DuckDB database file"), (b"", "an empty file")],
    ids=["text", "empty"],
)
def test_a_file_that_is_not_a_database(tmp_path, pages, content, words):
    db = tmp_path / "gaoxin.duckdb"
    db.write_bytes(content)
    for args in (["ingest", str(pages)], ["status"]):
        one_line_error(gaoxin(db, *args), str(db), words)
    assert db.read_bytes() == content  # never overwritten


def test_a_truncated_database(tmp_path, loaded, pages):
    data = loaded.read_bytes()
    loaded.write_bytes(data[: len(data) // 3])
    before = digest(loaded)
    for args in (["ingest", str(pages)], ["query", "select 1"]):
        one_line_error(gaoxin(loaded, *args), str(loaded), "DuckDB cannot open it")
    assert digest(loaded) == before
    assert not list(loaded.parent.glob("*.build*"))


def test_a_warehouse_whose_last_blocks_were_freed_is_not_truncated(tmp_path):
    """DuckDB cuts freed blocks off the end of its file but still counts them: that file is whole."""
    from loaders.db import check_opens, connect

    db = tmp_path / "gaoxin.duckdb"
    con = connect(db)
    try:
        con.execute("create table kept as select range as x, 'kept ' || range as y from range(200000)")
        con.execute("checkpoint")
        con.execute("create table dropped as select range as x, 'dropped ' || range as y from range(200000)")
        con.execute("checkpoint")
        con.execute("drop table dropped")
        con.execute("checkpoint")
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        block_size, total_blocks = con.execute("select block_size, total_blocks from pragma_database_size()").fetchone()
    finally:
        con.close()
    assert db.stat().st_size < 3 * 4096 + block_size * total_blocks  # what made this a false alarm
    check_opens(db)


def test_verbose_shows_the_traceback(tmp_path):
    db = tmp_path / "a-folder.duckdb"
    db.mkdir()
    proc = gaoxin(db, "status", "-v")
    assert proc.returncode == 2 and "Traceback" in proc.stderr and "is a folder" in proc.stderr


# --- read-only places ---------------------------------------------------------------------------


def test_a_read_only_warehouse_folder(loaded, pages):
    folder = loaded.parent
    before = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        proc = gaoxin(loaded, "ingest", str(pages))
    finally:
        folder.chmod(0o755)
    one_line_error(proc, str(folder), "read-only")
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_read_only_published_file(loaded, pages):
    loaded.chmod(0o444)
    before = digest(loaded)
    try:
        proc = gaoxin(loaded, "ingest", str(pages))
        reading = gaoxin(loaded, "query", "select count(*) from raw.pages", "--format", "csv")
    finally:
        loaded.chmod(0o644)
    one_line_error(proc, str(loaded), "read-only", "chmod")
    assert reading.returncode == 0 and reading.stdout.split() == ["count_star()", "1"]  # reading is fine
    assert digest(loaded) == before
    assert not list(loaded.parent.glob("*.build*"))


# --- a full disk --------------------------------------------------------------------------------


def test_a_full_disk_while_copying_leaves_nothing_behind(loaded, pages):
    before = digest(loaded)
    proc = gaoxin(loaded, "ingest", str(pages), limit=loaded.stat().st_size // 2)
    one_line_error(proc, "copying", str(loaded), "File too large")
    assert digest(loaded) == before
    assert not list(loaded.parent.glob("*.build*"))


def test_a_full_disk_at_commit_names_the_real_cause(tmp_path, pages):
    db = tmp_path / "wh" / "gaoxin.duckdb"
    proc = gaoxin(db, "ingest", str(pages), limit=300_000)
    one_line_error(proc, "File too large")
    assert "rollback" not in proc.stderr and "no transaction" not in proc.stderr
    assert not db.exists()
    assert not list(db.parent.glob("*.build*"))


def _unshare_works() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-Urm", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="needs a private mount namespace (unshare -Urm)")
@pytest.mark.parametrize("size", ["copy", "commit"])
def test_a_real_full_disk(tmp_path, loaded, size):
    """ENOSPC from a small tmpfs mounted in a private namespace (gone when the test ends)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    kb = loaded.stat().st_size // 1024
    mount_kb = kb + kb // 2 if size == "copy" else kb * 2 + 64  # room for the file, not for its copy
    filler = f"dd if=/dev/zero of={disk}/filler bs=1k count={kb // 2} 2>/dev/null" if size == "commit" else ""
    script = f"""
        mount -t tmpfs -o size={mount_kb}k tmpfs {disk} || exit 99
        cp {loaded} {disk}/gaoxin.duckdb
        sha256sum {disk}/gaoxin.duckdb > {tmp_path}/before.txt
        {filler}
        GAOXIN_DB={disk}/gaoxin.duckdb {sys.executable} -m loaders.cli ingest {tmp_path / "pages"} \
            > {tmp_path}/out.txt 2> {tmp_path}/err.txt
        echo $? > {tmp_path}/rc.txt
        sha256sum {disk}/gaoxin.duckdb > {tmp_path}/after.txt
        ls -a {disk} > {tmp_path}/ls.txt
    """
    (tmp_path / "pages").mkdir(exist_ok=True)
    for n in range(40):  # new pages, so the ingest has something to write
        (tmp_path / "pages" / f"p{n}.txt").write_text(PAGE.replace("5月6日", f"5月{n % 28 + 1}日") * 30 + str(n))
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True)
    if done.returncode == 99:
        pytest.skip("tmpfs cannot be mounted here")
    rc = int((tmp_path / "rc.txt").read_text())
    err = (tmp_path / "err.txt").read_text().strip()
    assert rc == 2, (tmp_path / "out.txt").read_text() + err
    assert "No space left on device" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "rollback" not in err
    before = (tmp_path / "before.txt").read_text().split()[0]
    assert (tmp_path / "after.txt").read_text().split()[0] == before  # the published file is untouched
    assert not [n for n in (tmp_path / "ls.txt").read_text().split() if ".build" in n]


# --- export -------------------------------------------------------------------------------------


@pytest.fixture
def with_marts(tmp_path) -> Path:
    db = tmp_path / "m" / "gaoxin.duckdb"
    db.parent.mkdir()
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute("create table marts.dim_park as select 'p' || i as park_id from range(3) t(i)")
    con.close()
    return db


def test_export_to_a_path_with_a_quote(with_marts, tmp_path):
    out = tmp_path / "it's here; drop table x --"
    proc = gaoxin(with_marts, "export", str(out), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert (out / "dim_park.csv").read_text().split() == ["park_id", "p0", "p1", "p2"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_export_onto_a_file(with_marts, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    one_line_error(gaoxin(with_marts, "export", str(target)), str(target), "not a folder")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_export_into_a_read_only_folder(with_marts, tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = gaoxin(with_marts, "export", str(out))
    finally:
        out.chmod(0o755)
    if os.geteuid() == 0 and proc.returncode == 0:
        pytest.skip("root writes into read-only folders")
    one_line_error(proc, str(out))


def test_report_onto_a_folder(with_marts, tmp_path):
    one_line_error(gaoxin(with_marts, "report", "--out", str(tmp_path)), str(tmp_path), "is a folder")
