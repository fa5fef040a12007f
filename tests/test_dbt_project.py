"""End-to-end checks of the dbt project: build it on a small raw warehouse and read the marts.

Each test runs the real `dbt` CLI in a subprocess against a throw-away DuckDB file
(`GAOXIN_DB`), with its own target and log directories so runs never collide.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # the package may not be installed
    sys.path.insert(0, str(PROJECT_ROOT))

from loaders.db import connect, ensure_raw_schema  # noqa: E402

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

DIM_ARTICLE_CONTRACT = [
    ("article_id", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("page_number", "INTEGER"),
    ("article_index", "INTEGER"),
    ("title", "VARCHAR"),
    ("byline", "VARCHAR"),
    ("published_on", "DATE"),
    ("published_on_source", "VARCHAR"),
    ("body", "VARCHAR"),
    ("char_count", "INTEGER"),
]

LOADED_AT = dt.datetime(2024, 11, 1, 8, 30)

PAGES = [
    # page_id, source_file, published_on, published_on_source
    ("78edaff7a77c5843", "001_78edaff7a77c5843.txt", dt.date(2024, 10, 31), "manifest"),
    ("ce83b8cda2055e15", "000_ce83b8cda2055e15.txt", None, "unknown"),
]

ARTICLES = [
    # article_id, page_id, source_file, article_index, title, byline, body
    (
        "78edaff7a77c5843-00",
        "78edaff7a77c5843",
        "001_78edaff7a77c5843.txt",
        0,
        "重庆高新区挂牌边缘智能计算重点实验室",
        "本报记者 李华",
        "本报讯 近日，特斯联与中国科学院重庆绿色智能技术研究院共建的重庆市首个"
        "“边缘智能计算重庆市重点实验室”，在西部科学城重庆高新区挂牌成立。",
    ),
    (
        "78edaff7a77c5843-01",
        "78edaff7a77c5843",
        "001_78edaff7a77c5843.txt",
        1,
        "",  # blank title: the mart must turn it into null
        None,
        "依托该实验室，双方将围绕边缘智能与计算服务、“双碳”技术攻关开展合作；以AI CITY为落地场景。",
    ),
    (
        "ce83b8cda2055e15-00",
        "ce83b8cda2055e15",
        "000_ce83b8cda2055e15.txt",
        0,
        None,
        "　",  # ideographic space only: no byline
        "武汉东湖高新区（中国光谷）发布支持政策，\n全力打造世界光谷。",
    ),
]


def _dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    found = str(candidate) if candidate.exists() else shutil.which("dbt")
    if found is None:
        pytest.fail("the dbt CLI is not installed next to this Python or on PATH")
    return found


def make_raw_warehouse(path: Path, pages=PAGES, articles=ARTICLES) -> None:
    """A warehouse holding only what the loaders would have landed in `raw`."""
    con = connect(path)
    try:
        ensure_raw_schema(con)
        con.execute(
            """insert into raw.ingest_runs (run_id, command, started_at, finished_at, inputs, files_seen, files_loaded,
                   files_replaced, files_reparsed, files_unchanged, files_failed, status)
               values (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 'ok')""",
            ["run-1", "load", LOADED_AT, LOADED_AT, json.dumps(["data/sample"]), len(pages), len(pages)],
        )
        for page_id, source_file, published_on, published_on_source in pages:
            con.execute(
                """insert into raw.pages (page_id, source_file, source_path, content_sha256, encoding, byte_size,
                       raw_text, published_on, published_on_source, manifest_source, manifest_title, manifest_extra,
                       loaded_at, run_id, parser_version)
                   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test')""",
                [
                    page_id,
                    source_file,
                    f"data/sample/{source_file}",
                    page_id * 4,
                    "utf-8",
                    4096,
                    "本报讯 （页面原文）",
                    published_on,
                    published_on_source,
                    "中国高新技术产业导报" if published_on_source == "manifest" else None,
                    None,
                    json.dumps({"notes": "样例"}, ensure_ascii=False),
                    LOADED_AT,
                    "run-1",
                ],
            )
            con.execute(
                """insert into raw.ingest_files (run_id, source_file, source_path, outcome, reason, byte_size, encoding,
                       content_sha256, article_count)
                   values (?, ?, ?, 'loaded', null, 4096, 'utf-8', ?, ?)""",
                [
                    "run-1",
                    source_file,
                    f"data/sample/{source_file}",
                    page_id * 4,
                    sum(1 for a in articles if a[1] == page_id),
                ],
            )
        con.executemany(
            """insert into raw.articles (article_id, page_id, source_file, article_index, title, byline, body)
               values (?, ?, ?, ?, ?, ?, ?)""",
            articles,
        )
    finally:
        con.close()


def run_dbt(tmp_path: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the dbt CLI on this project with `GAOXIN_DB=db`, keeping artifacts under tmp_path."""
    env = {**os.environ, "GAOXIN_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    env.pop("DBT_PROFILES_DIR", None)
    paths = ["--log-path", str(tmp_path / "logs")]
    if args[0] != "debug":  # `dbt debug` has no --target-path
        paths += ["--target-path", str(tmp_path / "target")]
    return subprocess.run(
        [
            _dbt_executable(),
            *args,
            "--project-dir",
            str(PROJECT_ROOT),
            "--profiles-dir",
            str(PROJECT_ROOT),
            *paths,
            "--no-use-colors",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("dbt_build")
    db = tmp_path / "gaoxin.duckdb"
    make_raw_warehouse(db)
    result = run_dbt(tmp_path, db, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return db


def test_build_makes_dim_article_to_contract(built_warehouse: Path) -> None:
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        columns = con.execute(
            """
            select column_name, data_type
            from information_schema.columns
            where table_schema = 'marts' and table_name = 'dim_article'
            order by ordinal_position
            """
        ).fetchall()
        assert columns[: len(DIM_ARTICLE_CONTRACT)] == DIM_ARTICLE_CONTRACT

        names = [name for name, _ in DIM_ARTICLE_CONTRACT]
        rows = con.execute(f"select {', '.join(names)} from marts.dim_article order by article_id").fetchall()
        by_id = {row[0]: dict(zip(names, row, strict=True)) for row in rows}

        assert sorted(by_id) == sorted(a[0] for a in ARTICLES)
        pages = {p[0]: p for p in PAGES}
        for article_id, page_id, source_file, index, _title, _byline, body in ARTICLES:
            row = by_id[article_id]
            assert row["source_file"] == source_file
            assert row["article_index"] == index
            assert row["body"] == body
            assert row["char_count"] == len(body)  # characters, not bytes
            assert row["published_on"] == pages[page_id][2]
            assert row["published_on_source"] == pages[page_id][3]

        assert by_id["78edaff7a77c5843-00"]["title"] == "重庆高新区挂牌边缘智能计算重点实验室"
        assert by_id["78edaff7a77c5843-00"]["byline"] == "本报记者 李华"
        assert by_id["78edaff7a77c5843-01"]["title"] is None  # was ''
        assert by_id["78edaff7a77c5843-01"]["byline"] is None
        assert by_id["ce83b8cda2055e15-00"]["title"] is None
        assert by_id["ce83b8cda2055e15-00"]["byline"] is None  # was an ideographic space

        mismatches = con.execute("select count(*) from marts.dim_article where char_count <> length(body)").fetchone()
        assert mismatches == (0,)

        comment = con.execute(
            """
            select comment from duckdb_columns()
            where schema_name = 'marts' and table_name = 'dim_article'
              and column_name = 'char_count'
            """
        ).fetchone()
        assert comment is not None and comment[0], "persist_docs should write column comments"
    finally:
        con.close()


def test_schemas_are_named_as_configured(built_warehouse: Path) -> None:
    con = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        catalog = built_warehouse.stem
        schemas = {
            name
            for (name,) in con.execute(
                "select schema_name from information_schema.schemata where catalog_name = ?",
                [catalog],
            ).fetchall()
        }
        relations = set(
            con.execute(
                "select table_schema, table_name from information_schema.tables where table_catalog = ?",
                [catalog],
            ).fetchall()
        )
    finally:
        con.close()

    # `main` is DuckDB's built-in default schema; nothing may be built in it or in main_*.
    assert schemas - {"main"} == {"raw", "reference", "staging", "intermediate", "marts"}
    assert not [s for s in schemas if s.startswith("main_")]
    assert not [r for r in relations if r[0] == "main"]
    assert ("marts", "dim_article") in relations
    assert {r for r in relations if r[0] == "staging"} >= {
        ("staging", "stg_pages"),
        ("staging", "stg_articles"),
    }


DUPLICATE_POSITION = {"articles": [*ARTICLES, ("78edaff7a77c5843-dup", *ARTICLES[0][1:])]}
UNKNOWN_DATE_SOURCE = {"pages": [PAGES[0], (*PAGES[1][:3], "guessed")]}


@pytest.mark.parametrize(
    ("breakage", "failing_test"),
    [
        pytest.param(
            DUPLICATE_POSITION,  # two articles claim the same place on the same page
            "unique_combination_of_columns_stg_articles_source_file__page_number__article_index",
            id="duplicate-position",
        ),
        pytest.param(
            UNKNOWN_DATE_SOURCE,
            "accepted_values_stg_pages_published_on_source",
            id="unknown-date-source",
        ),
    ],
)
def test_bad_raw_data_fails_the_build(tmp_path: Path, breakage: dict, failing_test: str) -> None:
    db = tmp_path / "gaoxin.duckdb"
    make_raw_warehouse(db, **breakage)
    result = run_dbt(tmp_path, db, "build")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"FAIL 1 {failing_test}" in output, output
    # a failing staging test keeps the bad rows out of the marts
    assert "SKIP relation marts.dim_article" in output, output


def test_mart_tests_catch_bad_rows(tmp_path: Path) -> None:
    """Build the models without tests, then run only the mart's tests: they must fail too."""
    db = tmp_path / "gaoxin.duckdb"
    make_raw_warehouse(db, **DUPLICATE_POSITION, **UNKNOWN_DATE_SOURCE)
    for step in ("seed", "run"):
        run = run_dbt(tmp_path, db, step)
        assert run.returncode == 0, run.stdout + run.stderr

    result = run_dbt(tmp_path, db, "test", "--select", "dim_article")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "FAIL 1 unique_combination_of_columns_dim_article_source_file__page_number__article_index" in output, output
    assert "FAIL 1 accepted_values_dim_article_published_on_source" in output, output


def test_warehouse_created_by_dbt_stays_readable_by_older_duckdb(tmp_path: Path) -> None:
    """profiles.yml pins storage_compatibility_version, so dbt never writes a duckdb-2-only file."""
    db = tmp_path / "fresh.duckdb"
    result = run_dbt(tmp_path, db, "debug", "--connection")
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        (tags,) = con.execute("select tags from duckdb_databases() where database_name = ?", [db.stem]).fetchone()
    finally:
        con.close()
    assert tags.get("storage_version", "").startswith("v1.4"), tags
