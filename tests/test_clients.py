"""Real clients read the published warehouse: the DuckDB shell, SQLAlchemy, the gaoxin CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_gaoxin

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

MARTS = {
    "dim_article",
    "dim_park",
    "dim_company",
    "dim_metric",
    "dim_date",
    "fact_metric",
    "fact_project",
    "fact_mention",
}


def duckdb_shell() -> str | None:
    here = Path(sys.executable).parent / "duckdb"
    return str(here) if here.exists() else shutil.which("duckdb")


def test_the_duckdb_shell_opens_the_warehouse_read_only(sample_warehouse):
    shell = duckdb_shell()
    if shell is None:
        pytest.skip("the duckdb shell (pip install duckdb-cli) is not installed")
    proc = subprocess.run(
        [
            shell,
            "-readonly",
            "-csv",
            str(sample_warehouse),
            "-c",
            "select count(*) as zones from marts.dim_park; select park_name from marts.dim_park order by 1 limit 1;",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.split()
    assert lines[0] == "zones" and int(lines[1]) > 0
    version = subprocess.run([shell, "-version"], capture_output=True, text=True).stdout
    assert version.startswith("v1."), f"the shell is {version}: the point is that an older client reads the file"


def test_sqlalchemy_lists_and_reads_the_marts(sample_warehouse):
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("duckdb_engine")
    engine = sqlalchemy.create_engine(f"duckdb:///{sample_warehouse}", connect_args={"read_only": True})
    try:
        inspector = sqlalchemy.inspect(engine)
        # dim_article is a view (its model says why); a BI client lists views beside tables
        listed = inspector.get_table_names(schema="marts") + inspector.get_view_names(schema="marts")
        assert set(listed) >= MARTS
        with engine.connect() as conn:
            n = conn.execute(sqlalchemy.text("select count(*) from marts.fact_metric")).scalar()
            assert n > 0
            with pytest.raises(sqlalchemy.exc.DBAPIError):
                conn.execute(sqlalchemy.text("delete from marts.fact_metric"))
    finally:
        engine.dispose()


def test_model_and_column_descriptions_reach_the_database(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        tables = dict(
            con.execute(
                """
                select table_name, comment from duckdb_tables() where schema_name = 'marts'
                union all
                select view_name, comment from duckdb_views() where schema_name = 'marts'
                """
            ).fetchall()
        )
        columns = con.execute(
            "select count(*), count(comment) from duckdb_columns() where schema_name = 'marts'"
        ).fetchone()
    finally:
        con.close()
    assert set(tables) >= MARTS and all(tables[t] for t in MARTS)
    assert columns[0] == columns[1], "every mart column should carry its description"


def test_query_prints_tables_csv_and_json(sample_warehouse):
    out = run_gaoxin(sample_warehouse, "query", "select park_name, city from marts.dim_park order by 1")
    assert out.returncode == 0 and "park_name" in out.stdout and "rows" in out.stdout
    csv = run_gaoxin(sample_warehouse, "query", "select count(*) as n from marts.dim_article", "--format", "csv")
    assert csv.stdout.splitlines() == ["n", "34"]
    js = run_gaoxin(sample_warehouse, "query", "select count(*) as n from marts.dim_article", "--format", "json")
    assert json.loads(js.stdout) == [{"n": 34}]
    bad = run_gaoxin(sample_warehouse, "query", "select * from no_such_table")
    assert bad.returncode == 2 and "query failed" in bad.stderr


def test_query_cannot_write(sample_warehouse):
    proc = run_gaoxin(sample_warehouse, "query", "delete from marts.dim_park")
    assert proc.returncode == 2 and "read-only" in proc.stderr.lower()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_round_trips_every_mart(sample_warehouse, tmp_path, fmt):
    proc = run_gaoxin(sample_warehouse, "export", str(tmp_path), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        for mart in MARTS:
            path = tmp_path / f"{mart}.{fmt}"
            reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
            exported = con.execute(f"select count(*) from {reader}('{path}')").fetchone()[0]
            assert exported == con.execute(f"select count(*) from marts.{mart}").fetchone()[0], mart
    finally:
        con.close()


def test_docs_site_is_generated(sample_warehouse, tmp_path):
    proc = run_gaoxin(sample_warehouse, "docs", "--out", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "fact_metric" in html and "dim_park" in html
    assert json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))["nodes"]
