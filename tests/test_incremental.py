"""Incremental builds give the marts a full rebuild gives, after adding, replacing and removing pages.

One warehouse is built the way a user grows it: the sample pages (a first, full build),
then one new page and one changed page (an incremental build), then a removed page
(another). A copy of it is then rebuilt with `--full-refresh`; every mart must hold
the same rows in both. The new page names a company of the sample by a longer legal
name, so the company's canonical name changes for statements on pages the incremental
build did not re-read: the build must find those stale rows too.

The page texts here are invented; the company name is read from the first build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders.cli import INCREMENTAL_SELECTION
from loaders.dbt_run import parse_cache, run_dbt
from tests.conftest import SAMPLE, copy_warehouse, run_gaoxin

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

NEW_PAGE = (
    "本报讯 近日，浙江{company}与合肥高新区签约，新建研发中心项目，总投资8亿元。\n"
    "该项目投产后，预计年产值达15亿元，新增就业岗位300个。\n"
)
CHANGED_TAIL = "\n本报讯 3月18日，合肥高新区举行重大项目集中开工活动，23个项目总投资86亿元。\n"


def tables(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> list[str]:
    """The tables and views of `schema` (a view, such as dim_article, is compared by its rows too)."""
    return [
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_catalog = ? and table_schema = ? "
            "and table_type in ('BASE TABLE', 'VIEW') order by 1",
            [catalog, schema],
        ).fetchall()
    ]


# which dbt invocation reconciled a figure: bookkeeping that differs between any two builds
BOOKKEEPING = ("reconciled_in",)


def differences(a: Path, b: Path, schema: str = "marts") -> dict[str, tuple[int, int, int]]:
    """Per table of `schema`: (rows in a, rows only in a, rows only in b); only tables that differ."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{a}' as a (read_only)")
        con.execute(f"attach '{b}' as b (read_only)")
        assert tables(con, "a", schema) == tables(con, "b", schema)
        out = {}
        for t in tables(con, "a", schema):
            columns = ", ".join(
                f'"{c}"'
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_catalog = 'a' "
                    "and table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, t],
                ).fetchall()
                if c not in BOOKKEEPING
            )
            a_rows, b_rows = (f"select {columns} from {db}.{schema}.{t}" for db in ("a", "b"))
            rows = con.execute(f"select count(*) from a.{schema}.{t}").fetchone()[0]
            only_a = con.execute(f"select count(*) from ({a_rows} except all {b_rows})").fetchone()[0]
            only_b = con.execute(f"select count(*) from ({b_rows} except all {a_rows})").fetchone()[0]
            if only_a or only_b:
                out[t] = (rows, only_a, only_b)
        return out
    finally:
        con.close()


def remove_page(db: Path, source_file: str) -> None:
    """What removing a page does to the raw tables: the page and every row derived from it go."""
    con = duckdb.connect(str(db))
    try:
        (page_id,) = con.execute("select page_id from raw.pages where source_file = ?", [source_file]).fetchone()
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.columns where table_schema = 'raw' "
                "and column_name = 'page_id' and table_name <> 'pages'"
            ).fetchall()
        ]
        for t in [*tables, "pages"]:
            con.execute(f"delete from raw.{t} where page_id = ?", [page_id])
        con.execute("checkpoint")
    finally:
        con.close()


def build(db: Path, folder: Path, *extra: str) -> str:
    proc = run_gaoxin(db, "build", str(folder), *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return " ".join(proc.stdout.split())  # the console wraps long lines


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The warehouse grown page by page, its full rebuild, and what the steps printed."""
    work = tmp_path_factory.mktemp("incremental")
    pages = work / "pages"
    shutil.copytree(SAMPLE, pages)
    db = work / "grown" / "gaoxin.duckdb"
    db.parent.mkdir()
    first = build(db, pages)

    con = duckdb.connect(str(db), read_only=True)
    try:
        # a company some statements are about, written without a place: `浙江` + its name
        # is the same company (same key), and the longer name becomes its canonical one
        company_id, company = con.execute(
            """select c.company_id, c.company_name from marts.dim_company as c
               inner join marts.fact_metric as f on f.company_id = c.company_id and f.subject_type = 'company'
               where starts_with(c.company_name, c.company_key) and length(c.company_key) >= 4
                 and c.company_name like '%有限公司'
               group by all order by count(*) desc, c.company_name limit 1"""
        ).fetchone()
        pages_before = dict(con.execute("select source_file, page_id from raw.pages").fetchall())
    finally:
        con.close()

    (pages / "zz_new.txt").write_text(NEW_PAGE.format(company=company), encoding="utf-8")
    changed = sorted(pages.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + CHANGED_TAIL, encoding="utf-8")
    second = build(db, pages)

    removed = sorted(pages.glob("*.txt"))[2]
    remove_page(db, removed.name)
    removed.unlink()
    third = build(db, pages)

    full = copy_warehouse(db, work / "full")
    rebuilt = build(full, pages, "--full-refresh")
    return {
        "db": db,
        "full": full,
        "outputs": (first, second, third, rebuilt),
        "company_id": company_id,
        "company": company,
        "changed": changed.name,
        "removed": removed.name,
        "pages_before": pages_before,
    }


def test_incremental_and_full_builds_give_the_same_marts(grown):
    assert differences(grown["db"], grown["full"]) == {}


def test_incremental_and_full_builds_give_the_same_intermediate_tables(grown):
    """The incremental intermediate models (zone resolution, reconciled statements) and the tables built on them."""
    assert differences(grown["db"], grown["full"], "intermediate") == {}


def test_the_later_builds_were_incremental_and_the_rebuild_full(grown):
    first, second, third, rebuilt = grown["outputs"]
    assert "full rebuild: first build" in first
    assert "(incremental;" in second and "(incremental;" in third
    assert "full rebuild: --full-refresh" in rebuilt
    con = duckdb.connect(str(grown["db"]), read_only=True)
    try:
        built = [n for (n,) in con.execute("select pages_built from raw.builds order by finished_at").fetchall()]
    finally:
        con.close()
    assert built == [5, 2, 0]  # the sample; the new and the changed page; nothing new
    assert parse_cache(grown["db"]).is_file()  # the later builds started from the first one's parse of the project


def test_a_replaced_or_removed_page_leaves_nothing_behind(grown):
    old_ids = [grown["pages_before"][grown["changed"]], grown["pages_before"][grown["removed"]]]
    con = duckdb.connect(str(grown["db"]), read_only=True)
    try:
        for table in ("dim_article", "fact_metric", "fact_project", "fact_mention"):
            left = con.execute(f"select count(*) from marts.{table} where page_id in (?, ?)", old_ids).fetchone()[0]
            assert left == 0, table
        assert con.execute(
            "select count(*) from marts.dim_article where source_file = ?", [grown["removed"]]
        ).fetchone() == (0,)
        assert (
            con.execute("select count(*) from marts.dim_article where source_file = ?", [grown["changed"]]).fetchone()[
                0
            ]
            > 0
        )
    finally:
        con.close()


def test_old_statements_take_the_company_name_a_new_page_gave(grown):
    """The stale rows: statements on unchanged pages whose company got a longer legal name."""
    con = duckdb.connect(str(grown["db"]), read_only=True)
    try:
        names = con.execute(
            """select distinct f.subject_name, a.source_file = 'zz_new.txt' from marts.fact_metric as f
               inner join marts.dim_article as a using (article_id)
               where f.company_id = ? and f.subject_type = 'company'""",
            [grown["company_id"]],
        ).fetchall()
    finally:
        con.close()
    assert ("浙江" + grown["company"], False) in names, names  # an old page's statement, renamed
    assert {n for n, _ in names} == {"浙江" + grown["company"]}


def test_an_incremental_build_selects_every_test_and_every_model_but_the_views(tmp_path):
    """What `INCREMENTAL_SELECTION` picks, as dbt lists it: the views stay as the last build made
    them, and their tests run all the same (excluding the views would have dropped them)."""

    def listed(*selection: str) -> set[str]:
        args = ["ls", "-q", "--indirect-selection", "cautious", *selection]
        run = run_dbt(tmp_path / "gaoxin.duckdb", args, tmp_path)
        assert run.code == 0, run.output
        return {line for line in run.output.split() if line.startswith("gaoxin.")}  # (not Python's warnings)

    models_and_tests = ("--resource-type", "model", "--resource-type", "test")
    views = listed("--resource-type", "model", "--select", "config.materialized:view")
    tests = listed("--resource-type", "test")
    assert "gaoxin.staging.stg_articles" in views and "gaoxin.marts.dim_article" in views
    assert "gaoxin.staging.row_rules_stg_articles_" in tests
    selected = listed(*models_and_tests, "--select", *INCREMENTAL_SELECTION)
    assert selected == listed(*models_and_tests) - views
    assert tests <= selected
