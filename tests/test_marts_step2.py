"""The zone and company marts (dim_park, dim_company, fact_mention) built from the sample.

One module-scoped warehouse: `gaoxin build` on the bundled sample, then a second build
that adds one tiny page naming `天津高新区` (the list's short name of the zone the
sample calls `天津滨海高新区`). Both builds run the real CLI in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import copy_warehouse

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

ROOT = Path(__file__).resolve().parent.parent

CONTRACT = {
    "dim_park": [
        ("park_id", "VARCHAR"),
        ("park_name", "VARCHAR"),
        ("park_full_name", "VARCHAR"),
        ("park_type", "VARCHAR"),
        ("park_level", "VARCHAR"),
        ("province", "VARCHAR"),
        ("city", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
        ("on_national_list", "BOOLEAN"),
        ("article_count", "INTEGER"),
        ("first_seen_on", "DATE"),
        ("last_seen_on", "DATE"),
    ],
    "dim_company": [
        ("company_id", "VARCHAR"),
        ("company_name", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
        ("park_id", "VARCHAR"),
        ("article_count", "INTEGER"),
        ("first_seen_on", "DATE"),
    ],
    "fact_mention": [
        ("mention_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("entity_type", "VARCHAR"),
        ("entity_id", "VARCHAR"),
        ("mention_text", "VARCHAR"),
        ("char_start", "INTEGER"),
        ("char_end", "INTEGER"),
    ],
}

TIANJIN_PAGE = (
    "天津高新区：信创企业再添新成员\n"
    "本报讯 近日，天津高新区举行信创产业项目集中签约活动，12个项目签约落户。"
    "据介绍，天津高新区已集聚信创企业1000余家，形成了完整的信创产业链。\n"
)


def gaoxin(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GAOXIN_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def ids(db: Path) -> dict[str, set[str]]:
    return {
        "park": {r[0] for r in query(db, "select park_id from marts.dim_park")},
        "company": {r[0] for r in query(db, "select company_id from marts.dim_company")},
        "mention": {r[0] for r in query(db, "select mention_id from marts.fact_mention")},
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, sample_warehouse: Path) -> tuple[Path, dict[str, set[str]]]:
    """The sample built, its ids, then the same warehouse with the 天津高新区 page added."""
    tmp = tmp_path_factory.mktemp("marts")
    db = copy_warehouse(sample_warehouse, tmp / "wh")
    before = ids(db)
    extra = tmp / "extra"
    extra.mkdir()
    (extra / "900_tianjin.txt").write_text(TIANJIN_PAGE, encoding="utf-8")
    second = gaoxin(db, "build", str(extra))
    assert second.returncode == 0, second.stdout + second.stderr
    return db, before


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_marts_have_the_contract_columns_in_order(builds, table: str) -> None:
    db, _ = builds
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


def test_short_and_full_names_of_a_national_zone_are_one_park(builds) -> None:
    db, _ = builds
    rows = query(
        db,
        """
        select a.source_file, m.mention_text, m.entity_id
        from marts.fact_mention as m
        inner join marts.dim_article as a on m.article_id = a.article_id
        where m.entity_type = 'park' and m.mention_text in ('天津高新区', '天津滨海高新区')
        """,
    )
    files = {source_file for source_file, _, _ in rows}
    assert "900_tianjin.txt" in files and len(files) >= 2, rows
    assert {text for _, text, _ in rows} == {"天津高新区", "天津滨海高新区"}
    (park_id,) = {entity_id for _, _, entity_id in rows}
    park = query(
        db,
        """
        select park_name, park_full_name, park_type, park_level, province, city,
               on_national_list, article_count, aliases
        from marts.dim_park where park_id = ?
        """,
        [park_id],
    )
    assert park == [
        (
            "天津滨海高新区",
            "天津滨海高新技术产业开发区",
            "high_tech_zone",
            "national",
            "天津",
            "天津",
            True,
            2,
            ["天津滨海高新区", "天津高新区"],
        )
    ]
    assert query(db, "select count(*) from marts.dim_park where park_name like '天津%高新区'") == [(1,)]


def test_adding_a_page_renumbers_nothing(builds) -> None:
    db, before = builds
    after = ids(db)
    for kind, old in before.items():
        assert old <= after[kind], f"{kind} ids changed when a page was added"


def test_sample_zones_resolve_to_the_national_list(builds) -> None:
    db, _ = builds
    rows = dict(
        query(
            db,
            "select park_name, (park_level, province, city, on_national_list) from marts.dim_park",
        )
    )
    assert rows["长治高新区"] == ("national", "山西", "长治", True)  # written 长治国家高新区
    # written only 临江高新区（钱塘区）: named as written, resolved to the gazetteer's 萧山临江 zone
    assert rows["临江高新区"] == ("national", "浙江", "杭州", True)
    assert rows["昆山高新区"] == ("national", "江苏", "苏州", True)  # a county-level city: the list's city
    assert rows["苏州工业园区"][3] is True  # matched on its exact official name


def test_company_forms_with_and_without_a_place_are_one_company(builds) -> None:
    db, _ = builds
    rows = query(
        db,
        """
        select c.company_name, c.aliases, p.park_name
        from marts.dim_company as c
        left join marts.dim_park as p on c.park_id = p.park_id
        where c.company_name like '%卓怡恒通%'
        """,
    )
    assert len(rows) == 1, rows
    name, aliases, park = rows[0]
    assert name == "长治市卓怡恒通信息安全有限公司"
    assert "卓怡恒通公司" in aliases and name not in aliases
    assert park == "长治高新区"
