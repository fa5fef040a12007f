"""The analytics layer: `marts.agg_reconciled_metric`, `marts.rpt_zone_scorecard` and the dbt analyses.

The bundled sample is built once for the module (`gaoxin build` in a child process, as a
user runs it). The analyses are compiled by `dbt compile` against a *copy* of that
warehouse (compiling opens the database, and the warehouse under test is only ever read),
then every compiled query is run read-only on the built warehouse and must return rows.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from loaders.dbt_run import run_dbt
from tests.conftest import copy_warehouse, run_gaoxin

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

ROOT = Path(__file__).resolve().parent.parent
ANALYSES_DIR = ROOT / "analyses"
ANALYSES = sorted(p.stem for p in ANALYSES_DIR.glob("*.sql"))

# the statements agg_reconciled_metric reconciles: about a resolved zone or company
COVERED = "(subject_type = 'park' and park_id is not null) or (subject_type = 'company' and company_id is not null)"


@pytest.fixture(scope="module")
def warehouse(sample_warehouse: Path) -> Path:
    """The session's sample build (read only here; analyses compile against a copy)."""
    return sample_warehouse


@pytest.fixture(scope="module")
def compiled_analyses(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """name -> compiled SQL of every analysis, compiled against a copy of the warehouse."""
    work = tmp_path_factory.mktemp("analytics_compile")
    # the copy keeps the file name, so the catalog dbt writes into the SQL (the file's
    # stem) is the catalog of the warehouse the SQL is run on
    copy = work / "copy" / warehouse.name
    copy.parent.mkdir()
    shutil.copyfile(warehouse, copy)
    target = work / "target"
    run = run_dbt(copy, ["compile", "--select", "path:analyses", "--no-use-colors"], target)
    assert run.code == 0, run.output
    compiled = {p.stem: p.read_text(encoding="utf-8") for p in (target / "compiled").rglob("analyses/*.sql")}
    return {name: retarget(sql, copy.stem, warehouse.stem) for name, sql in compiled.items()}


def retarget(sql: str, compiled_catalog: str, catalog: str) -> str:
    """Point relations qualified with the compile-time catalog at `catalog`."""
    if compiled_catalog == catalog:
        return sql
    return re.sub(rf'"{re.escape(compiled_catalog)}"\.(?=")', f'"{catalog}".', sql)


@pytest.fixture(scope="module")
def con(warehouse: Path):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def test_there_are_at_least_ten_documented_analyses():
    assert len(ANALYSES) >= 10
    documented = yaml.safe_load((ANALYSES_DIR / "_analyses.yml").read_text(encoding="utf-8"))["analyses"]
    described = {a["name"] for a in documented if (a.get("description") or "").strip()}
    assert set(ANALYSES) <= described, f"undocumented analyses: {set(ANALYSES) - described}"


def test_every_analysis_compiles(compiled_analyses: dict[str, str]):
    assert set(compiled_analyses) >= set(ANALYSES)
    for name in ANALYSES:
        sql = compiled_analyses[name]
        assert "{{" not in sql and "ref(" not in sql, name
        assert '"marts".' in sql, f"{name} reads no mart"


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_returns_rows(name: str, compiled_analyses: dict[str, str], con):
    rows = con.execute(compiled_analyses[name]).fetchall()
    assert len(rows) >= 1, f"{name} returned no row on the sample"


def test_the_new_marts_exist_with_rows(con):
    for table in ("agg_reconciled_metric", "rpt_zone_scorecard"):
        (n,) = con.execute(f"select count(*) from marts.{table}").fetchone()
        assert n > 0, table


def test_scorecard_has_one_row_per_zone_and_year(con):
    rows, keys, bad_parks = con.execute(
        """
        select
            count(*),
            count(distinct (park_id, year)),
            count(*) filter (where park_id not in (select park_id from marts.dim_park))
        from marts.rpt_zone_scorecard
        """
    ).fetchone()
    assert rows == keys
    assert bad_parks == 0


def test_reconciled_statement_counts_cover_every_statement_once(con):
    summed, listed, distinct_listed = con.execute(
        """
        select
            sum(statement_count),
            sum(len(metric_fact_ids)),
            (select count(distinct id) from (select unnest(metric_fact_ids) as id from marts.agg_reconciled_metric))
        from marts.agg_reconciled_metric
        """
    ).fetchone()
    (covered,) = con.execute(f"select count(*) from marts.fact_metric where {COVERED}").fetchone()
    assert summed == covered == listed == distinct_listed
    (stray,) = con.execute(
        f"""
        select count(*)
        from (select unnest(metric_fact_ids) as metric_fact_id from marts.agg_reconciled_metric) as ids
        left join (select metric_fact_id from marts.fact_metric where {COVERED}) as facts using (metric_fact_id)
        where facts.metric_fact_id is null
        """
    ).fetchone()
    assert stray == 0


def test_disagreeing_sources_are_flagged_and_agreeing_ones_are_not(sample_warehouse, tmp_path):
    """Two pages disagree on a zone's 2023 GDP; two agree within their qualifiers on its firms."""
    db = copy_warehouse(sample_warehouse, tmp_path / "wh")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "manifest.csv").write_text("file,published_on\na.txt,2024-02-01\nb.txt,2024-03-01\n", encoding="utf-8")
    (pages / "a.txt").write_text(
        "本报讯 近日，合肥高新区发布数据。2023年，合肥高新区实现地区生产总值1000亿元，拥有企业超800家。\n",
        encoding="utf-8",
    )
    (pages / "b.txt").write_text(
        "本报讯 近日，合肥高新区召开发布会。2023年，合肥高新区实现地区生产总值1200亿元，拥有企业812家。\n",
        encoding="utf-8",
    )
    proc = run_gaoxin(db, "build", str(pages))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "agg_reconciled_metric_conflicts" in proc.stdout  # the warn-severity test lists them
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            """
            select metric_code, statement_count, is_conflict, agreed_value
            from marts.agg_reconciled_metric
            where subject_name = '合肥高新区' and period_label = '2023'
            order by metric_code
            """
        ).fetchall()
    finally:
        con.close()
    by_code = {code: (n, conflict, agreed) for code, n, conflict, agreed in rows}
    assert by_code["gdp"] == (2, True, 120_000_000_000)  # the later page's figure is the agreed one
    assert by_code["enterprise_count"][:2] == (2, False)  # `超800家` and `812家` agree


def test_the_report_shows_the_figures_the_analysis_gives(compiled_analyses: dict[str, str], con):
    """The report reads agg_reconciled_metric with the analysis' rule, so BI tools and the report agree."""
    from loaders.report import _load

    marts = _load(con)
    parks = {p: r["park_name"] for p, r in marts.parks.items()}
    shown = {(parks.get(f["park_id"]), f["metric_code"], f["unit"]): f["value"] for f in marts.figures}
    rows = con.execute(compiled_analyses["latest_key_figures_per_zone"]).fetchall()
    assert rows
    for park_name, metric_code, agreed_value, unit, *_ in rows:
        assert shown[(park_name, metric_code, unit)] == agreed_value, (park_name, metric_code)
