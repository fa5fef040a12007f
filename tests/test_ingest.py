"""Landing pages: encodings, identity by content, changed pages, and every kind of bad input."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from loaders.cli import main
from loaders.db import connect
from loaders.decode import PageError, decode_page
from loaders.ingest import ingest
from tests.conftest import PAGE, SAMPLE, sample_pages


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLE, folder)
    return folder


def outcomes(con, run_id: str) -> dict[str, tuple[str, str | None]]:
    rows = con.execute(
        "select source_file, outcome, reason from raw.ingest_files where run_id = ?", [run_id]
    ).fetchall()
    return {f: (o, r) for f, o, r in rows}


def table_rows(con, table: str) -> list[tuple]:
    return (
        con.execute(f"select * exclude (loaded_at, run_id) from {table} order by all").fetchall()
        if table == "raw.pages"
        else con.execute(f"select * from {table} order by all").fetchall()
    )


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PAGE.encode("utf-8"), "utf-8-sig"),
        (PAGE.encode("gb18030"), "gb18030"),
        (PAGE.encode("gbk"), "gb18030"),
        (PAGE.encode("utf-16"), "utf-16"),  # with BOM, native order
        (b"\xfe\xff" + PAGE.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16be-bom"],
)
def test_encodings_seen_in_the_wild_decode_to_the_same_text(encoded, encoding):
    decoded = decode_page(encoded)
    assert decoded.text == PAGE
    assert decoded.encoding == encoding


# --- identity -------------------------------------------------------------------------------


def test_sample_loads_with_manifest_dates(con, pages):
    run = ingest(con, [pages])
    assert run.count("loaded") == 5 and not run.failed
    rows = con.execute("select source_file, published_on, published_on_source from raw.pages order by 1").fetchall()
    assert rows[0] == ("000_ce83b8cda2055e15.txt", date(2024, 6, 5), "manifest")
    assert {r[2] for r in rows} == {"manifest"}
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 34


def test_loading_the_same_pages_twice_changes_nothing(con, pages):
    ingest(con, [pages])
    before = {t: table_rows(con, t) for t in ("raw.pages", "raw.articles")}
    run = ingest(con, [pages])
    assert run.count("unchanged") == 5 and run.count("loaded") == 0
    assert {t: table_rows(con, t) for t in before} == before
    assert con.execute("select count(*) from raw.ingest_runs").fetchone()[0] == 2  # both runs recorded


def test_a_changed_page_replaces_its_old_version_and_articles(con, pages):
    ingest(con, [pages])
    target = pages / "002_a2a05d97a4bec8ca.txt"
    old_ids = {
        r[0] for r in con.execute("select article_id from raw.articles where source_file = ?", [target.name]).fetchall()
    }
    target.write_text(PAGE, encoding="utf-8")
    run = ingest(con, [pages])
    assert outcomes(con, run.run_id)[target.name][0] == "replaced"
    assert run.count("unchanged") == 4
    new = con.execute("select article_id, body from raw.articles where source_file = ?", [target.name]).fetchall()
    assert len(new) == 1 and new[0][1].startswith("本报讯 3月28日")
    assert not old_ids & {r[0] for r in new}
    all_ids = {r[0] for r in con.execute("select article_id from raw.articles").fetchall()}
    assert not old_ids & all_ids
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 5


def test_same_content_under_another_name_is_not_loaded_twice(con, pages):
    shutil.copy(pages / "000_ce83b8cda2055e15.txt", pages / "copy.txt")
    run = ingest(con, [pages])
    outcome, reason = outcomes(con, run.run_id)["copy.txt"]
    assert outcome == "unchanged" and "000_ce83b8cda2055e15.txt" in reason
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 5


def test_article_ids_are_stable_across_databases(tmp_path, pages):
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        c = connect(tmp_path / name)
        ingest(c, [pages])
        ids.append(c.execute("select article_id from raw.articles order by all").fetchall())
        c.close()
    assert ids[0] == ids[1]


def test_without_a_manifest_dates_are_inferred(con, tmp_path):
    folder = tmp_path / "bare"
    folder.mkdir()
    for p in sample_pages():
        shutil.copy(p, folder / p.name)
    ingest(con, [folder])
    rows = dict(con.execute("select source_file, published_on from raw.pages").fetchall())
    assert rows["003_e435242bd6fb751a.txt"] == date(2024, 3, 28)
    assert {r[0] for r in con.execute("select published_on_source from raw.pages").fetchall()} == {"inferred"}


def test_a_bad_manifest_date_falls_back_to_inference_with_a_note(con, tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published_on\na.txt,last tuesday\n", encoding="utf-8")
    run = ingest(con, [folder])
    outcome, reason = outcomes(con, run.run_id)["a.txt"]
    assert outcome == "loaded" and "not an ISO date" in reason
    assert con.execute("select published_on_source from raw.pages").fetchone()[0] == "unknown"


def test_nested_folders_are_searched_and_named_by_relative_path(con, tmp_path):
    (tmp_path / "n" / "2024" / "03").mkdir(parents=True)
    (tmp_path / "n" / "2024" / "03" / "p.txt").write_text(PAGE, encoding="utf-8")
    ingest(con, [tmp_path / "n"])
    assert con.execute("select source_file from raw.pages").fetchone()[0] == "2024/03/p.txt"


# --- bad input ------------------------------------------------------------------------------


def _bad_files(folder: Path) -> dict[str, str]:
    """Write one of each bad input; return file name -> expected words in its reason."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la carte, d\xe9j\xe0 vu.".encode("latin-1"))
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB
        chunk = PAGE.encode("utf-8") * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    os.symlink(folder / "does-not-exist", folder / "dangling.txt")
    return {
        "empty.txt": "empty file",
        "blank.txt": "only white space",
        "binary.txt": "binary",
        "latin1.txt": "unknown encoding",
        "huge.txt": "too large",
        "dangling.txt": "unreadable",
    }


def test_bad_input_is_recorded_with_its_reason_and_the_good_files_still_load(con, pages):
    expected = _bad_files(pages)
    run = ingest(con, [pages])
    got = outcomes(con, run.run_id)
    for name, words in expected.items():
        outcome, reason = got[name]
        assert outcome == "failed", name
        assert words in reason, (name, reason)
    assert run.count("loaded") == 5
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 5
    status, failed = con.execute(
        "select status, files_failed from raw.ingest_runs where run_id = ?", [run.run_id]
    ).fetchone()
    assert (status, failed) == ("failed", len(expected))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_unreadable(con, tmp_path):
    folder = tmp_path / "perm"
    folder.mkdir()
    (folder / "good.txt").write_text(PAGE, encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text(PAGE + "x", encoding="utf-8")
    locked.chmod(0)
    run = ingest(con, [folder])
    assert outcomes(con, run.run_id)["locked.txt"][0] == "failed"
    assert "unreadable" in outcomes(con, run.run_id)["locked.txt"][1]
    assert run.count("loaded") == 1


def test_decode_errors_are_page_errors():
    with pytest.raises(PageError, match="empty"):
        decode_page(b"")
    with pytest.raises(PageError, match="too large"):
        decode_page(b"x" * 11, max_bytes=10)


def test_cli_ingest_exits_nonzero_after_loading_the_good_files(warehouse, pages, capsys):
    _bad_files(pages)
    (pages / "missing-dir-marker").mkdir()
    code = main(["ingest", str(pages), str(pages / "no-such-file.txt")])
    out = capsys.readouterr().out
    assert code == 1
    assert "5 loaded" in out and "7 failed" in out
    assert "no such file or directory" in out and "too large" in out
    c = connect(warehouse, read_only=True)
    try:
        assert c.execute("select count(*) from raw.pages").fetchone()[0] == 5
    finally:
        c.close()


def test_cli_status_reports_loaded_pages_and_failures(warehouse, pages, capsys):
    (pages / "empty.txt").write_bytes(b"")
    main(["ingest", str(pages)])
    capsys.readouterr()
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "5 pages, 34 articles loaded" in out
    assert "empty.txt" in out and "empty file" in out


def test_cli_status_without_a_warehouse(warehouse, capsys):
    assert main(["status"]) == 1
    assert "gaoxin build" in capsys.readouterr().out


def test_a_warehouse_named_after_a_schema_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GAOXIN_DB", str(tmp_path / "raw.duckdb"))
    assert main(["status"]) == 2
    assert "cannot be named after one of its schemas" in capsys.readouterr().err


def test_new_parsing_rules_reparse_unchanged_pages(con, pages, monkeypatch):
    ingest(con, [pages])
    mentions = con.execute("select count(*) from raw.park_mentions").fetchone()[0]
    assert mentions > 0
    monkeypatch.setattr("loaders.ingest.parser_version", lambda: "new-rules")
    run = ingest(con, [pages])
    assert run.count("reparsed") == 5 and run.count("unchanged") == 0
    assert {r[0] for r in con.execute("select parser_version from raw.pages").fetchall()} == {"new-rules"}
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 34
    assert con.execute("select count(*) from raw.park_mentions").fetchone()[0] == mentions  # replaced, not doubled
    assert ingest(con, [pages]).count("unchanged") == 5


@pytest.mark.parametrize(
    ("table", "text_column"),
    [
        ("raw.park_mentions", "mention_text"),
        ("raw.company_mentions", "mention_text"),
        ("raw.metric_statements", "raw_text"),
        ("raw.project_statements", "evidence"),
    ],
)
def test_spans_point_into_article_bodies(con, pages, table, text_column):
    ingest(con, [pages])
    total, bad = con.execute(
        f"""select count(*), count(*) filter (
                where substring(a.body, m.char_start + 1, m.char_end - m.char_start) <> m.{text_column})
            from {table} m join raw.articles a using (article_id)"""
    ).fetchone()
    assert total > 0 and bad == 0, table


def test_a_warehouse_from_an_older_gaoxin_gets_the_new_columns(tmp_path):
    from loaders.db import ensure_raw_schema

    c = connect(tmp_path / "old.duckdb")
    try:
        c.execute("create schema raw")
        c.execute(
            "create table raw.ingest_runs (run_id varchar primary key, command varchar, started_at timestamp,"
            " inputs varchar, status varchar)"
        )
        c.execute("insert into raw.ingest_runs values ('r0', 'ingest', now(), '[]', 'ok')")
        ensure_raw_schema(c)
        cols = {
            r[0]
            for r in c.execute(
                "select column_name from information_schema.columns where table_name = 'ingest_runs'"
            ).fetchall()
        }
        assert {"files_reparsed", "finished_at", "files_failed"} <= cols
        assert c.execute("select count(*) from raw.ingest_runs").fetchone()[0] == 1
    finally:
        c.close()


def test_pages_parsed_by_older_rules_are_reparsed_even_when_not_given(con, pages, tmp_path):
    ingest(con, [pages])
    con.execute("update raw.pages set parser_version = 'old'")
    other = tmp_path / "other"
    other.mkdir()
    (other / "new.txt").write_text(PAGE, encoding="utf-8")
    run = ingest(con, [other])
    assert run.count("loaded") == 1 and run.count("reparsed") == 5
    assert con.execute("select count(*) from raw.pages where parser_version = 'old'").fetchone()[0] == 0
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 35
