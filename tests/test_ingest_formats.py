"""Landing PDF and HTML pages beside .txt ones: page rows, identity, dates, facts, and bad input of the new kinds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from loaders.cli import main
from loaders.db import connect, ensure_raw_schema
from loaders.ingest import ingest, remove_pages
from tests.pagegen import (
    CHROME_NUMBERS,
    CHROME_ZONES,
    ENGLISH_STORY,
    STORIES,
    encrypted_pdf,
    index_page,
    scanned_pdf,
    to_html,
    to_pdf,
    to_txt,
)

WHEN = STORIES[0].published_on


def mixed_folder(folder: Path, manifest: bool = True) -> Path:
    """The same invented stories as a .txt page, a three-column PDF page and three saved web pages."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.txt").write_text(to_txt(), encoding="utf-8")
    to_pdf(folder / "page.pdf", columns=3)
    for k, story in enumerate(STORIES):
        (folder / f"web{k}.html").write_text(to_html(story), encoding="utf-8")
    if manifest:
        names = ["page.txt", "page.pdf", *(f"web{k}.html" for k in range(len(STORIES)))]
        (folder / "manifest.csv").write_text(
            "file,published_on\n" + "".join(f"{n},{WHEN.isoformat()}\n" for n in names), encoding="utf-8"
        )
    return folder


def outcomes(con, run_id: str) -> dict[str, tuple[str, str | None]]:
    rows = con.execute("select source_file, outcome, reason from raw.ingest_files where run_id = ?", [run_id])
    return {f: (o, r) for f, o, r in rows.fetchall()}


def facts_by_source(con) -> dict[str, set[tuple]]:
    """Every metric, zone, company and project statement, keyed by the file it came from, without spans."""
    out: dict[str, set[tuple]] = {}
    queries = {
        "metric": """select a.source_file, a.title, m.metric_code, m.value, m.unit, m.qualifier, m.is_growth,
                            m.subject_name, m.period_label, m.raw_text
                     from raw.metric_statements m join raw.articles a using (article_id)""",
        "park": """select a.source_file, a.title, p.park_name, p.mention_text
                   from raw.park_mentions p join raw.articles a using (article_id)""",
        "company": """select a.source_file, a.title, c.company_name, c.mention_text
                      from raw.company_mentions c join raw.articles a using (article_id)""",
        "project": """select a.source_file, a.title, p.project_name, p.status, p.investment_cny, p.event_date
                      from raw.project_statements p join raw.articles a using (article_id)""",
    }
    for kind, sql in queries.items():
        for source_file, *rest in con.execute(sql).fetchall():
            group = "web" if source_file.endswith(".html") else source_file
            out.setdefault(group, set()).add((kind, *rest))
    return out


# --- one pipeline for every format -----------------------------------------------------------


def test_a_folder_mixing_txt_pdf_and_html_loads_every_file(con, tmp_path):
    run = ingest(con, [mixed_folder(tmp_path / "mix")])
    assert not run.failed and run.count("loaded") == 5
    rows = con.execute(
        "select source_file, page_number, source_format, published_on_source from raw.pages order by 1"
    ).fetchall()
    assert rows == [
        ("page.pdf", 1, "pdf", "manifest"),
        ("page.txt", None, "txt", "manifest"),
        *((f"web{k}.html", None, "html", "manifest") for k in range(3)),
    ]
    counts = dict(con.execute("select source_file, count(*) from raw.articles group by 1").fetchall())
    assert counts == {"page.pdf": 3, "page.txt": 3, "web0.html": 1, "web1.html": 1, "web2.html": 1}


def test_the_same_articles_as_txt_pdf_and_html_give_the_same_facts(con, tmp_path):
    ingest(con, [mixed_folder(tmp_path / "mix")])
    facts = facts_by_source(con)
    assert facts["page.txt"]  # the stories do state facts
    assert {f[0] for f in facts["page.txt"]} == {"metric", "park", "company", "project"}
    assert facts["page.pdf"] == facts["page.txt"]
    assert facts["web"] == facts["page.txt"]
    bodies = con.execute("select title, list(distinct body) from raw.articles group by 1").fetchall()
    assert all(len(b) == 1 for _, b in bodies), bodies  # even the article texts are identical


def test_numbers_and_zones_of_the_site_chrome_never_become_facts(con, tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    for k, story in enumerate(STORIES):
        (folder / f"s{k}.html").write_text(to_html(story), encoding="utf-8")
    ingest(con, [folder])
    texts = [r[0] for r in con.execute("select raw_text from raw.metric_statements").fetchall()]
    values = {r[0] for r in con.execute("select value from raw.metric_statements").fetchall()}
    assert texts
    assert not [t for t in texts if any(n in t for n in CHROME_NUMBERS)]
    assert not values & ({float(n) for n in CHROME_NUMBERS} | {float(n) * 1e8 for n in CHROME_NUMBERS})
    parks = {r[0] for r in con.execute("select distinct park_name from raw.park_mentions").fetchall()}
    assert parks and not parks & set(CHROME_ZONES)
    bodies = " ".join(r[0] for r in con.execute("select body from raw.articles").fetchall())
    assert not any(n in bodies for n in (*CHROME_NUMBERS, *CHROME_ZONES))


# --- dates -----------------------------------------------------------------------------------


def test_dates_come_from_the_manifest_then_the_pages_metadata_then_the_text(con, tmp_path):
    folder = mixed_folder(tmp_path / "mix", manifest=False)
    (folder / "manifest.csv").write_text("file,published_on\nweb2.html,2024-10-20\n", encoding="utf-8")
    ingest(con, [folder])
    got = dict(
        (f, (d, s))
        for f, d, s in con.execute("select source_file, published_on, published_on_source from raw.pages").fetchall()
    )
    assert got["web0.html"] == (WHEN, "metadata")  # the page's own <meta> date
    assert got["web2.html"] == (date(2024, 10, 20), "manifest")  # the manifest wins over metadata
    assert got["page.pdf"] == (WHEN, "inferred")  # the running head prints the issue date


# --- PDF pages as page rows -----------------------------------------------------------------


def test_a_multi_page_pdf_lands_one_page_row_per_pdf_page_with_stable_ids(tmp_path):
    folder = tmp_path / "issue"
    folder.mkdir()
    to_pdf(folder / "issue.pdf", columns=2, pages=3)
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        c = connect(tmp_path / name)
        run = ingest(c, [folder])
        assert run.count("loaded") == 1 and run.outcomes[0].article_count == 9
        pages = c.execute("select page_number, page_id from raw.pages order by 1").fetchall()
        arts = c.execute("select page_number, article_index, article_id from raw.articles order by 1, 2").fetchall()
        ids.append((pages, arts))
        c.close()
    assert ids[0] == ids[1]  # content-derived: the same file gives the same ids in any warehouse
    pages, arts = ids[0]
    assert [p for p, _ in pages] == [1, 2, 3]
    assert len({i for _, i in pages}) == 3 and len({a for *_, a in arts}) == 9
    assert [(p, i) for p, i, _ in arts] == [(p, i) for p in (1, 2, 3) for i in range(3)]


def test_a_changed_pdf_replaces_all_its_old_pages(con, tmp_path):
    folder = tmp_path / "issue"
    folder.mkdir()
    to_pdf(folder / "issue.pdf", columns=2, pages=3)
    ingest(con, [folder])
    assert ingest(con, [folder]).count("unchanged") == 1
    to_pdf(folder / "issue.pdf", stories=STORIES[:2], columns=2, pages=2)
    run = ingest(con, [folder])
    assert outcomes(con, run.run_id)["issue.pdf"][0] == "replaced"
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 2
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 4
    orphans = con.execute(
        "select count(*) from raw.metric_statements where page_id not in (select page_id from raw.pages)"
    ).fetchone()[0]
    assert orphans == 0


def test_removing_a_pdf_takes_out_every_page_and_what_was_read_from_them(con, tmp_path):
    folder = tmp_path / "issue"
    folder.mkdir()
    to_pdf(folder / "issue.pdf", columns=2, pages=3)
    (folder / "page.txt").write_text(to_txt(STORIES[:1]), encoding="utf-8")
    ingest(con, [folder])
    assert con.execute("select count(*) from raw.pages where source_file = 'issue.pdf'").fetchone()[0] == 3
    run = remove_pages(con, ["issue.pdf"])
    assert [(o.source_file, o.outcome) for o in run.outcomes] == [("issue.pdf", "removed")]
    assert con.execute("select source_file from raw.pages").fetchall() == [("page.txt",)]
    for table in ("raw.articles", "raw.park_mentions", "raw.metric_statements", "raw.project_statements"):
        left = con.execute(f"select count(*) from {table} where page_id not in (select page_id from raw.pages)")
        assert left.fetchone()[0] == 0, table


def test_new_rules_reparse_stored_pdf_and_html_pages_from_their_layout(con, tmp_path, monkeypatch):
    folder = mixed_folder(tmp_path / "mix")
    ingest(con, [folder])
    before = con.execute("select article_id, title, byline, body from raw.articles order by 1").fetchall()
    metrics = con.execute("select count(*) from raw.metric_statements").fetchone()[0]
    monkeypatch.setattr("loaders.ingest.parser_version", lambda: "new-rules")
    other = tmp_path / "other"
    other.mkdir()
    (other / "new.txt").write_text(to_txt(STORIES[:1]).replace("812.6", "900.1"), encoding="utf-8")
    run = ingest(con, [other])  # the stored files are not given: they are parsed again from what was read
    assert run.count("reparsed") == 5 and run.count("loaded") == 1
    after = con.execute(
        "select article_id, title, byline, body from raw.articles where source_file <> 'new.txt' order by 1"
    ).fetchall()
    assert after == before
    assert con.execute("select count(*) from raw.metric_statements").fetchone()[0] > metrics


def test_a_warehouse_whose_source_file_was_unique_takes_pdf_pages(tmp_path):
    """Warehouses from before PDF input declared raw.pages.source_file unique; a PDF needs a row per page.

    They also kept the large tables' keys in indexes, which DuckDB rewrites whole at each
    checkpoint; the migration drops those too and adds the incremental builds' `built_at`.
    """
    c = connect(tmp_path / "old.duckdb")
    try:
        c.execute("create schema raw")
        c.execute(
            "create table raw.pages (page_id varchar primary key, source_file varchar not null unique,"
            " source_path varchar not null, content_sha256 varchar not null, encoding varchar not null,"
            " byte_size bigint not null, raw_text varchar not null, published_on date,"
            " published_on_source varchar not null, manifest_source varchar, manifest_title varchar,"
            " manifest_extra varchar, parser_version varchar not null, loaded_at timestamp not null,"
            " run_id varchar not null)"
        )
        c.execute(
            "create table raw.articles (article_id varchar primary key, page_id varchar not null,"
            " source_file varchar not null, article_index integer not null, title varchar, byline varchar,"
            " body varchar not null)"
        )
        c.execute(
            "insert into raw.pages values ('p0', 'old.txt', '/x/old.txt', 'sha', 'utf-8', 3, 'x', null,"
            " 'unknown', null, null, null, 'v0', now(), 'r0')"
        )
        c.execute("insert into raw.articles values ('a0', 'p0', 'old.txt', 0, null, null, 'x')")
        ensure_raw_schema(c)
        assert c.execute("select source_file, page_number, built_at from raw.pages").fetchall() == [
            ("old.txt", None, None)
        ]
        assert c.execute("select article_id, page_number from raw.articles").fetchall() == [("a0", None)]
        indexed = c.execute(
            "select distinct table_name from duckdb_constraints() where schema_name = 'raw' "
            "and constraint_type in ('PRIMARY KEY', 'UNIQUE') order by 1"
        ).fetchall()
        assert indexed == [("builds",), ("ingest_runs",)]  # small tables keep their key
        folder = tmp_path / "issue"
        folder.mkdir()
        to_pdf(folder / "issue.pdf", columns=2, pages=2)
        run = ingest(c, [folder])
        assert run.count("loaded") == 1
        assert c.execute("select count(*) from raw.pages where source_file = 'issue.pdf'").fetchone()[0] == 2
    finally:
        c.close()


# --- bad input of the new kinds --------------------------------------------------------------


def _with_scanned_page(folder: Path) -> Path:
    """A two-page PDF: page 1 has a text layer, page 2 is a scan."""
    text = pdfium.PdfDocument(to_pdf(folder / "_t.pdf", columns=2))
    text.import_pages(pdfium.PdfDocument(scanned_pdf(folder / "_s.pdf")))
    out = folder / "half-scanned.pdf"
    text.save(out)
    text.close()
    (folder / "_t.pdf").unlink()
    (folder / "_s.pdf").unlink()
    return out


def bad_inputs(folder: Path) -> dict[str, str]:
    """One of each new kind of bad input; file name -> words its reason must hold."""
    scanned_pdf(folder / "scan.pdf")
    encrypted_pdf(folder / "locked.pdf")
    data = to_pdf(folder / "cut.pdf", columns=2).read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    (folder / "download.pdf").write_text(index_page(), encoding="utf-8")  # a site's page saved as .pdf
    (folder / "index.html").write_text(index_page(), encoding="utf-8")
    (folder / "english.html").write_text(to_html(ENGLISH_STORY), encoding="utf-8")
    (folder / "english.txt").write_text("\n".join(ENGLISH_STORY.paragraphs), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(500))
    return {
        "scan.pdf": "no text layer; OCR is not supported",
        "locked.pdf": "encrypted PDF",
        "cut.pdf": "truncated PDF",
        "download.pdf": "named .pdf but holds an HTML page",
        "index.html": "no article found",
        "english.html": "not a Chinese page",
        "english.txt": "not a Chinese page",
        "photo.jpg": "OCR is not supported",
    }


def test_bad_pdfs_and_html_pages_are_recorded_and_the_rest_of_the_batch_loads(con, tmp_path):
    folder = mixed_folder(tmp_path / "mix")
    expected = bad_inputs(folder)
    _with_scanned_page(folder)
    run = ingest(con, [folder])
    got = outcomes(con, run.run_id)
    for name, words in expected.items():
        outcome, reason = got[name]
        assert outcome == "failed", (name, reason)
        assert words in reason, (name, reason)
    assert run.count("loaded") == 6
    outcome, reason = got["half-scanned.pdf"]
    assert outcome == "loaded" and reason.endswith("; page 2 skipped: no text layer; OCR is not supported")
    assert con.execute("select list(page_number) from raw.pages where source_file = 'half-scanned.pdf'").fetchone()[
        0
    ] == [1]


def test_cli_names_each_bad_file_and_its_reason_on_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GAOXIN_DB", str(tmp_path / "wh" / "gaoxin.duckdb"))
    folder = mixed_folder(tmp_path / "mix")
    expected = bad_inputs(folder)
    assert main(["ingest", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "5 loaded" in out and f"{len(expected)} failed" in out
    for name, words in expected.items():
        line = next(ln for ln in out.splitlines() if name in ln)
        assert words in line and "Traceback" not in out
