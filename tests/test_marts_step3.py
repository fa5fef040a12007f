"""The metric and project marts (dim_metric, dim_date, fact_metric, fact_project) built from the sample.

The sample is built once per module with the real CLI in a subprocess (`python -m loaders.cli
build`), and meanwhile a second time into another warehouse file to compare ids. The extractors are still being tuned,
so nothing here pins what they find: the tests check the marts' shape and invariants (spans,
keys, calendar coverage, stable ids), not particular rows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

ROOT = Path(__file__).resolve().parent.parent

CONTRACT = {
    "dim_metric": [
        ("metric_id", "VARCHAR"),
        ("metric_code", "VARCHAR"),
        ("metric_name_zh", "VARCHAR"),
        ("category", "VARCHAR"),
        ("unit_kind", "VARCHAR"),
    ],
    "dim_date": [
        ("date_day", "DATE"),
    ],
    "fact_metric": [
        ("metric_fact_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("park_id", "VARCHAR"),
        ("company_id", "VARCHAR"),
        ("subject_type", "VARCHAR"),
        ("subject_name", "VARCHAR"),
        ("metric_id", "VARCHAR"),
        ("metric_raw", "VARCHAR"),
        ("value", "DOUBLE"),
        ("unit", "VARCHAR"),
        ("qualifier", "VARCHAR"),
        ("is_growth", "BOOLEAN"),
        ("period_label", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("raw_text", "VARCHAR"),
        ("evidence", "VARCHAR"),
        ("char_start", "INTEGER"),
        ("char_end", "INTEGER"),
    ],
    "fact_project": [
        ("project_fact_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("park_id", "VARCHAR"),
        ("company_id", "VARCHAR"),
        ("project_name", "VARCHAR"),
        ("status", "VARCHAR"),
        ("investment_cny", "DOUBLE"),
        ("investment_usd", "DOUBLE"),
        ("investment_qualifier", "VARCHAR"),
        ("event_date", "DATE"),
        ("evidence", "VARCHAR"),
        ("char_start", "INTEGER"),
        ("char_end", "INTEGER"),
    ],
}

# every id a build derives from content, per table
ID_QUERIES = {
    "dim_metric": "select metric_id, metric_code from marts.dim_metric",
    "fact_metric": "select metric_fact_id, article_id, park_id, company_id, metric_id from marts.fact_metric",
    "fact_project": "select project_fact_id, article_id, park_id, company_id from marts.fact_project",
    "dim_park": "select park_id, park_key from marts.dim_park",
    "dim_company": "select company_id, company_key from marts.dim_company",
}


def cli(db: Path, *args: str) -> subprocess.Popen[str]:
    """`python -m loaders.cli ARGS` against `db`, started in the background."""
    env = dict(os.environ, GAOXIN_DB=str(db))
    return subprocess.Popen(
        [sys.executable, "-m", "loaders.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> None:
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output


def build_models(db: Path, work: Path) -> None:
    """Seeds and models (no data tests) into `db`, with dbt's own files under `work`.

    A private target and log path let this run beside a `gaoxin build`, which uses the
    project's `target/`.
    """
    env = dict(os.environ, GAOXIN_DB=str(db), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dbt.cli.main",
            "build",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
            "--project-dir",
            str(ROOT),
            "--profiles-dir",
            str(ROOT),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, sample_warehouse: Path) -> tuple[Path, Path]:
    """The sample built into two different warehouse files, side by side.

    The first is the session's full `gaoxin build` (loaders, then `dbt build` with every
    data test); the second lands the same pages with `gaoxin ingest` and builds the seeds
    and models with dbt directly, to compare ids.
    """
    tmp = tmp_path_factory.mktemp("step3")
    second = tmp / "two" / "gaoxin.duckdb"
    finish(cli(second, "ingest"))
    build_models(second, tmp / "dbt")
    return sample_warehouse, second


@pytest.fixture(scope="module")
def db(builds: tuple[Path, Path]) -> Path:
    return builds[0]


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_marts_have_the_contract_columns_in_order(db: Path, table: str) -> None:
    columns = query(
        db,
        """
        select column_name, data_type from information_schema.columns
        where table_schema = 'marts' and table_name = ?
        order by ordinal_position
        """,
        [table],
    )
    assert columns[: len(CONTRACT[table])] == CONTRACT[table]
    assert query(db, f"select count(*) from marts.{table}")[0][0] > 0


def test_dim_metric_is_the_vocabulary(db: Path) -> None:
    rows = query(db, "select metric_code, unit_kind from marts.dim_metric")
    codes = [code for code, _ in rows]
    assert len(codes) == len(set(codes))
    assert {"gdp", "industrial_output", "investment", "revenue", "enterprise_count", "other"} <= set(codes)
    assert {kind for _, kind in rows} <= {"currency", "count", "percent", "physical"}
    # the seed is the vocabulary: one row per code, nothing else
    seed = query(db, "select count(*) from reference.metric_vocabulary")[0][0]
    assert len(rows) == seed


@pytest.mark.parametrize(
    ("table", "text_column"),
    [("fact_metric", "raw_text"), ("fact_project", "evidence")],
)
def test_every_fact_span_points_at_its_text(db: Path, table: str, text_column: str) -> None:
    rows = query(
        db,
        f"""
        select f.{text_column}, f.char_start, f.char_end, a.body
        from marts.{table} as f
        left join marts.dim_article as a on f.article_id = a.article_id
        """,
    )
    assert rows
    bad = [
        (text, start, end)
        for text, start, end, body in rows
        if body is None or not 0 <= start < end <= len(body) or body[start:end] != text
    ]
    assert not bad, bad[:5]


def test_project_names_point_at_their_text(db: Path) -> None:
    rows = query(
        db,
        """
        select f.project_name, f.name_start, f.name_end, a.body, f.char_start, f.char_end
        from marts.fact_project as f
        inner join marts.dim_article as a on f.article_id = a.article_id
        """,
    )
    assert all(body[start:end] == name for name, start, end, body, _, _ in rows)


@pytest.mark.parametrize(
    ("table", "column", "dimension", "key"),
    [
        ("fact_metric", "article_id", "dim_article", "article_id"),
        ("fact_metric", "metric_id", "dim_metric", "metric_id"),
        ("fact_metric", "park_id", "dim_park", "park_id"),
        ("fact_metric", "company_id", "dim_company", "company_id"),
        ("fact_project", "article_id", "dim_article", "article_id"),
        ("fact_project", "park_id", "dim_park", "park_id"),
        ("fact_project", "company_id", "dim_company", "company_id"),
    ],
)
def test_every_fact_key_resolves(db: Path, table: str, column: str, dimension: str, key: str) -> None:
    orphans = query(
        db,
        f"""
        select distinct f.{column}
        from marts.{table} as f
        left join marts.{dimension} as d on f.{column} = d.{key}
        where f.{column} is not null and d.{key} is null
        """,
    )
    assert orphans == []


def test_every_metric_fact_has_a_metric_and_a_period_label(db: Path) -> None:
    assert query(db, "select count(*) from marts.fact_metric where metric_id is null or period_label is null") == [(0,)]


def test_facts_resolve_most_zones(db: Path) -> None:
    """Park subjects resolve through their article's zone mentions (a loose floor, not exact counts)."""
    ((total, resolved),) = query(
        db,
        "select count(*), count(park_id) from marts.fact_metric where subject_type = 'park'",
    )
    assert total > 0 and resolved >= 0.9 * total


def test_dim_date_covers_every_date_used(db: Path) -> None:
    missing = query(
        db,
        """
        with used as (
            select period_start as d from marts.fact_metric
            union select period_end from marts.fact_metric
            union select event_date from marts.fact_project
            union select published_on from marts.dim_article
            union select first_seen_on from marts.dim_park
            union select last_seen_on from marts.dim_park
            union select first_seen_on from marts.dim_company
            union select last_seen_on from marts.dim_company
        )
        select used.d from used
        left join marts.dim_date as c on used.d = c.date_day
        where used.d is not null and c.date_day is null
        """,
    )
    assert missing == []
    # one row per day, no gaps
    ((days, first, last),) = query(db, "select count(*), min(date_day), max(date_day) from marts.dim_date")
    assert days == (last - first).days + 1


def test_ids_are_the_same_in_two_builds(builds: tuple[Path, Path]) -> None:
    first, second = builds
    for table, sql in ID_QUERIES.items():
        assert sorted(query(first, sql), key=repr) == sorted(query(second, sql), key=repr), table


def test_a_company_in_a_zone_gets_both_ids(db: Path) -> None:
    rows = query(
        db,
        """
        select f.subject_name, c.company_name, p.park_name
        from marts.fact_metric as f
        inner join marts.dim_company as c on f.company_id = c.company_id
        inner join marts.dim_park as p on f.park_id = p.park_id
        where f.subject_type = 'company'
        """,
    )
    assert rows, "no metric about a company in a zone carries both company_id and park_id"
    # a company subject is named canonically: its dim_company name
    assert all(subject == company for subject, company, _ in rows)


def test_canonical_subject_names(db: Path) -> None:
    mismatched = query(
        db,
        """
        select f.subject_name, p.park_name
        from marts.fact_metric as f
        inner join marts.dim_park as p on f.park_id = p.park_id
        where f.subject_type = 'park' and f.subject_name != p.park_name
        """,
    )
    assert mismatched == []
