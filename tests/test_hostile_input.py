"""Hostile and unlucky input: every bad entry gets its own recorded outcome, the rest loads.

A real file tree (links out of the folder, loops, pipes, devices, sockets, names that
are not UTF-8, bad manifests) is ingested by the real CLI in a child process with a
timeout, so a regression that reads a pipe fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from loaders.db import connect
from loaders.entries import Folder, PageFile, Refusal, classify_entry, printable, walk
from loaders.ingest import discover, ingest
from loaders.manifest import parse_manifest
from loaders.records import OUTCOMES, RUN_STATUSES
from tests.conftest import ROOT

# invented pages (not from any real newspaper)
PAGE_A = "本报讯 2024年5月6日，丙丁高新区举行新材料项目签约仪式。\n签约项目总投资额12.5亿元。\n"
PAGE_B = "本报讯 7月8日，戊己高新区新增科技型企业36家。\n区内规上工业产值同比增长9.2%。\n"
PAGE_C = "本报讯 9月1日，庚辛开发区举行数字经济招商推介会。\n现场签约项目8个。\n"
GOOD = {
    "g1.txt": "本报讯 4月2日，子丑高新区新增高新技术企业15家。\n全区研发投入同比增长12%。\n",
    "g2.txt": "本报讯 6月9日，寅卯开发区重点项目集中开工。\n开工项目总投资30亿元。\n",
}


@dataclass(frozen=True)
class Bad:
    """One hostile entry and what must be recorded for it."""

    name: str  # source_file (or the entry's name) as recorded
    outcome: str  # failed | skipped | loaded (loaded with a note)
    words: str  # expected in its reason


def hostile_tree(tmp: Path) -> tuple[Path, list[Bad]]:
    """A folder of good pages with every kind of bad entry beside them."""
    root = tmp / "pages"
    root.mkdir()
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "manifest.csv").write_text(
        "file,published_on,source,title\n" + "".join(f"{n},2024-0{i + 1}-15,导报,\n" for i, n in enumerate(GOOD)),
        encoding="utf-8",
    )
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(PAGE_A, encoding="utf-8")  # a good page, but not in the folder
    (root / "sub").mkdir()
    (root / "sub" / "inner.txt").write_text(PAGE_B, encoding="utf-8")
    os.symlink("/etc/passwd", root / "passwd.txt")
    os.symlink(outside / "secret.txt", root / "secret.txt")
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("ping.txt", root / "pong.txt")
    os.symlink("pong.txt", root / "ping.txt")
    os.symlink("..", root / "up")  # a link to the folder above: outside
    os.symlink("..", root / "sub" / "back")  # a link back to the folder given: a loop inside
    os.symlink(outside, root / "elsewhere")
    os.symlink(root / "sub", root / "sub-again")
    os.mkfifo(root / "pipe.txt")
    os.symlink("/dev/zero", root / "zero.txt")
    os.symlink(root / "no-such-target.txt", root / "dangling.txt")
    os.symlink("g1.txt", root / "alias.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "sock.txt"))
    sock.close()
    (root / "folder.txt").mkdir()  # a folder with a page's name is searched, not read
    (root / "folder.txt" / "deep.txt").write_text(PAGE_C, encoding="utf-8")
    bad_name = os.fsencode(root) + b"/caf\xe9-\xff.txt"
    with open(bad_name, "wb") as fh:
        fh.write("本报讯 2月3日，壬癸高新区举行人才招聘会。\n现场达成就业意向1200人次。\n".encode())
    manifest = (root / "manifest.csv").read_text(encoding="utf-8")
    manifest += "sub/inner.txt,2024-07-09,some source,a title,extra,fields\n"
    manifest += "ghost.txt,2024-01-01\n"
    (root / "manifest.csv").write_text(manifest, encoding="utf-8")
    bad = [
        Bad("passwd.txt", "failed", "outside"),
        Bad("secret.txt", "failed", "outside"),
        Bad("loop.txt", "failed", "loop"),
        Bad("ping.txt", "failed", "loop"),
        Bad("pong.txt", "failed", "loop"),
        Bad("up", "failed", "folder outside"),
        Bad("sub/back", "skipped", "folder inside"),
        Bad("elsewhere", "failed", "folder outside"),
        Bad("sub-again", "skipped", "folder inside"),
        Bad("pipe.txt", "failed", "named pipe"),
        Bad("zero.txt", "failed", "outside"),
        Bad("dangling.txt", "failed", "broken symbolic link"),
        Bad("alias.txt", "skipped", "same file as g1.txt"),
        Bad("sock.txt", "failed", "socket"),
        Bad("caf\\xe9-\\xff.txt", "loaded", "not valid UTF-8"),
        Bad("sub/inner.txt", "loaded", "extra fields are ignored"),
        Bad("manifest.csv", "read", "ghost.txt"),
    ]
    return root, bad


def _outcomes(db: Path) -> dict[str, tuple[str, str | None]]:
    con = connect(db, read_only=True)
    try:
        run = con.execute("select run_id from raw.ingest_runs order by started_at desc limit 1").fetchone()[0]
        rows = con.execute("select source_file, outcome, reason from raw.ingest_files where run_id = ?", [run])
        return {f: (o, r) for f, o, r in rows.fetchall()}
    finally:
        con.close()


def test_a_hostile_tree_records_every_bad_entry_and_loads_every_good_page(tmp_path):
    root, bad = hostile_tree(tmp_path)
    db = tmp_path / "wh" / "gaoxin.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "loaders.cli", "ingest", str(root)],
        cwd=ROOT,
        env={**os.environ, "GAOXIN_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=300,  # a pipe or /dev/zero being read would hang here, not pass
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some inputs failed, the rest loaded
    assert "Traceback" not in proc.stderr
    got = _outcomes(db)
    recorded = [b for b in bad if b.name in got and got[b.name][0] == b.outcome and b.words in (got[b.name][1] or "")]
    lost = [b for b in bad if b not in recorded]
    print(f"\nbad inputs tried {len(bad)} / recorded {len(recorded)} / lost {len(lost)}")
    assert not lost, {b.name: got.get(b.name) for b in lost}
    con = connect(db, read_only=True)
    try:
        loaded = {r[0] for r in con.execute("select source_file from raw.pages").fetchall()}
        text = " ".join(r[0] for r in con.execute("select raw_text from raw.pages").fetchall())
    finally:
        con.close()
    assert {*GOOD, "sub/inner.txt", "folder.txt/deep.txt", "caf\\xe9-\\xff.txt"} == loaded
    assert "root:" not in text and "丙丁高新区" not in text  # nothing from outside the folder
    for b in bad:
        if b.outcome == "failed":
            assert printable(b.name) in proc.stdout or b.name in proc.stdout


def test_every_entry_kind_is_classified_without_reading_it(tmp_path):
    root, _ = hostile_tree(tmp_path)
    (root / "notes.md").write_text("not a page", encoding="utf-8")
    kinds = {
        name: classify_entry(root / name, root)
        for name in ("pipe.txt", "zero.txt", "loop.txt", "up", "sub", "passwd.txt", "alias.txt", "notes.md")
    }
    assert isinstance(kinds["sub"], Folder)
    assert isinstance(kinds["alias.txt"], PageFile) and kinds["alias.txt"].path == root / "g1.txt"
    assert kinds["notes.md"] is None  # not a page by name: left alone
    for name in ("pipe.txt", "zero.txt", "loop.txt", "up", "passwd.txt"):
        assert isinstance(kinds[name], Refusal) and kinds[name].outcome == "failed", name


def test_files_named_explicitly_must_still_be_regular_files(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    page = tmp_path / "elsewhere.txt"
    page.write_text(PAGE_A, encoding="utf-8")
    os.symlink(page, tmp_path / "link-to-page")
    assert isinstance(classify_entry(Path("/dev/zero"), None, named=True), Refusal)
    assert isinstance(classify_entry(tmp_path / "fifo", None, named=True), Refusal)
    assert isinstance(classify_entry(tmp_path / "link-to-page", None, named=True), PageFile)  # the user's choice
    candidates, outcomes = discover([Path("/dev/zero"), tmp_path / "fifo", tmp_path / "missing.txt"])
    assert not candidates
    reasons = {o.source_file: o.reason for o in outcomes}
    assert "character device" in reasons["zero"] and "named pipe" in reasons["fifo"]
    assert reasons["missing.txt"] == "no such file or directory"


def test_the_walk_ends_on_link_loops_and_lists_each_page_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "p.txt").write_text(PAGE_A, encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "again")
    os.symlink("self", tmp_path / "self")
    entries = list(walk(tmp_path))
    assert [e.source_file for e in entries if isinstance(e, PageFile)] == ["a/b/p.txt"]
    assert {e.source_file: e.outcome for e in entries if isinstance(e, Refusal)} == {
        "a/b/again": "skipped",
        "self": "failed",
    }


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their permissions")
def test_a_folder_that_cannot_be_listed_is_a_recorded_failure(tmp_path):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "p.txt").write_text(PAGE_A, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        entries = list(walk(tmp_path))
    finally:
        closed.chmod(0o755)
    assert any(isinstance(e, Refusal) and e.source_file == "closed" and "cannot list" in e.reason for e in entries)
    assert any(isinstance(e, PageFile) for e in entries)


def test_two_folders_with_the_same_file_name_do_not_sink_the_batch(tmp_path):
    for folder, text in (("2023", PAGE_A), ("2024", PAGE_B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(text, encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        run = ingest(con, [tmp_path / "2023", tmp_path / "2024"])
        assert run.count("loaded") == 1 and len(run.failed) == 1
        assert "same name" in run.failed[0].reason
        assert con.execute("select count(*) from raw.pages").fetchone()[0] == 1
    finally:
        con.close()


# --- manifests ------------------------------------------------------------------------------


def _manifest(text: str):
    return parse_manifest(text, Path("manifest.csv"))


def test_a_row_with_more_fields_than_the_header_is_read_with_a_note():
    m = _manifest("file,published_on\na.txt,2024-05-06,stray,fields\n")
    row = m.rows["a.txt"]
    assert row.values["published_on"] == "2024-05-06"
    assert "4 fields but its header has 2" in row.notes[0]


def test_an_unbalanced_quote_does_not_swallow_the_rows_after_it():
    m = _manifest(
        'file,published_on,title\na.txt,2024-05-06,"an open quote\nb.txt,2024-07-08,fine\nc.txt,2024-09-01,x\n'
    )
    assert {"a.txt", "b.txt", "c.txt"} <= set(m.rows)
    assert m.rows["c.txt"].values["published_on"] == "2024-09-01"
    assert any("line 2 opens a quote" in n for n in m.notes)


def test_a_quoted_field_that_legitimately_spans_lines_is_kept():
    m = _manifest('file,published_on,notes\na.txt,2024-05-06,"first line\nsecond line"\nb.txt,2024-07-08,x\n')
    assert m.rows["a.txt"].values["notes"] == "first line\nsecond line"
    assert not m.notes


def test_duplicate_rows_get_notes():
    same = _manifest("file,published_on\na.txt,2024-05-06\na.txt,2024-05-06\n")
    assert any("more than once" in n for n in same.notes)
    differ = _manifest("file,published_on\na.txt,2024-05-06\na.txt,2024-06-07\n")
    assert differ.rows["a.txt"].values["published_on"] == "2024-06-07"
    assert "different values" in differ.rows["a.txt"].notes[0]


def test_a_manifest_without_the_needed_columns_is_a_failed_outcome(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("name,date\na.txt,2024-05-06\n", encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        run = ingest(con, [tmp_path])
    finally:
        con.close()
    by_name = {o.source_file: o for o in run.outcomes}
    assert by_name["manifest.csv"].outcome == "failed" and "file, published_on" in by_name["manifest.csv"].reason
    assert by_name["a.txt"].outcome == "loaded"


@pytest.mark.parametrize("kind", ["outside-link", "pipe", "gbk"])
def test_a_manifest_obeys_the_same_rules_as_pages(tmp_path, kind):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    text = "file,published_on,title\na.txt,2024-05-06,丙丁\n"
    if kind == "outside-link":
        (tmp_path / "elsewhere.csv").write_text(text, encoding="utf-8")
        os.symlink(tmp_path / "elsewhere.csv", folder / "manifest.csv")
    elif kind == "pipe":
        os.mkfifo(folder / "manifest.csv")
    else:
        (folder / "manifest.csv").write_bytes(text.encode("gbk"))
    con = connect(tmp_path / "w.duckdb")
    try:
        run = ingest(con, [folder])
        published = con.execute("select published_on_source from raw.pages").fetchone()[0]
    finally:
        con.close()
    manifest = next(o for o in run.outcomes if o.source_file == "manifest.csv")
    if kind == "gbk":
        assert manifest.outcome == "read" and published == "manifest"
    else:
        assert manifest.outcome == "failed" and published == "inferred"


# --- stuck after a typo ---------------------------------------------------------------------


def test_an_implausible_manifest_date_is_a_note_and_fixing_the_manifest_updates_the_page(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published_on\na.txt,2204-05-06\n", encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        first = ingest(con, [folder])
        outcome = next(o for o in first.outcomes if o.source_file == "a.txt")
        assert outcome.outcome == "loaded" and "2204-05-06 is implausible" in outcome.reason
        stored = con.execute("select published_on, published_on_source from raw.pages").fetchone()
        assert stored[1] == "inferred" and stored[0] < date(2100, 1, 1)
        (folder / "manifest.csv").write_text("file,published_on\na.txt,2024-05-06\n", encoding="utf-8")
        second = ingest(con, [folder])
        outcome = next(o for o in second.outcomes if o.source_file == "a.txt")
        assert outcome.outcome == "reparsed" and "manifest row changed" in outcome.reason
        assert con.execute("select published_on, published_on_source from raw.pages").fetchone() == (
            date(2024, 5, 6),
            "manifest",
        )
        assert ingest(con, [folder]).count("unchanged") == 1  # and then it settles
    finally:
        con.close()


def test_a_page_stored_with_an_implausible_date_heals_on_the_next_ingest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published_on\na.txt,2204-05-06\n", encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        ingest(con, [folder])
        # as an older gaoxin stored it
        con.execute("update raw.pages set published_on = date '2204-05-06', published_on_source = 'manifest'")
        run = ingest(con, [folder])
        assert run.count("reparsed") == 1
        assert con.execute("select published_on_source from raw.pages").fetchone()[0] == "inferred"
    finally:
        con.close()


def test_remove_takes_out_a_page_and_everything_read_from_it(tmp_path, monkeypatch, capsys):
    from loaders.cli import main

    db = tmp_path / "wh" / "gaoxin.duckdb"
    monkeypatch.setenv("GAOXIN_DB", str(db))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (folder / "b.txt").write_text(PAGE_B, encoding="utf-8")
    assert main(["ingest", str(folder)]) == 0
    assert main(["remove", "a.txt", "typo.txt", "--no-dbt"]) == 1
    out = capsys.readouterr().out
    assert "1 removed" in out and "typo.txt: no loaded page has this name" in out
    con = connect(db, read_only=True)
    try:
        assert [r[0] for r in con.execute("select source_file from raw.pages").fetchall()] == ["b.txt"]
        for table in ("raw.articles", "raw.park_mentions", "raw.metric_statements"):
            n = con.execute(
                f"select count(*) from {table} where source_file = 'a.txt'"
                if table == "raw.articles"
                else f"select count(*) from {table} where page_id not in (select page_id from raw.pages)"
            )
            assert n.fetchone()[0] == 0, table
        outcome = con.execute(
            "select outcome from raw.ingest_files where source_file = 'a.txt' order by all"
        ).fetchall()
        assert ("removed",) in outcome
    finally:
        con.close()
    assert main(["remove", str(folder / "b.txt"), "--no-dbt"]) == 0  # by the path it was read from


def test_an_empty_folder_is_never_a_silent_success(tmp_path, monkeypatch, capsys):
    from loaders.cli import main

    monkeypatch.setenv("GAOXIN_DB", str(tmp_path / "wh" / "gaoxin.duckdb"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not a page", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "empty")]) == 1
    assert "no pages found" in capsys.readouterr().err


def test_the_outcome_and_status_vocabularies_match_the_source_tests():
    yml = (ROOT / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8")
    assert f"values: [{', '.join(f'{chr(34)}{o}{chr(34)}' for o in OUTCOMES)}]" in yml
    assert f"values: [{', '.join(f'{chr(34)}{s}{chr(34)}' for s in RUN_STATUSES)}]" in yml
