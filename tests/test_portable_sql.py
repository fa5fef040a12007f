"""The models are the hand-off to engines beyond DuckDB: their SQL must be portable.

- every compiled model and analysis parses as DuckDB SQL with sqlglot and transpiles to
  Spark and Trino without an unsupported construct; the result parses back in that
  dialect and calls no function sqlglot does not know (those it copies through
  unchanged, so a DuckDB-only one would reach the other engine as is); both branches of
  the incremental models are checked (compiled against an empty warehouse: the full
  build; against a built one: the incremental run);
- DuckDB-only functions are called only through the dispatch macros of
  `macros/portable/`, never directly in a model or an analysis.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from loaders.dbt_run import run_dbt
from tests.conftest import ROOT

TARGETS = ("spark", "trino")

# functions DuckDB has and Spark or Trino lack (or spell otherwise); macros/portable wraps them
DUCKDB_ONLY = re.compile(
    r"\b(list|string_split|string_split_regex|generate_series|strftime|strptime|isodow|isoyear|dayname|"
    r"last_day|list_contains|list_sort|list_distinct|len|regexp_matches|epoch)\s*\(",
    re.IGNORECASE,
)


def sql_files() -> list[Path]:
    return sorted([*(ROOT / "models").rglob("*.sql"), *(ROOT / "analyses").rglob("*.sql")])


def _code(sql: str) -> str:
    """SQL without Jinja comments, SQL comments and string literals."""
    sql = re.sub(r"\{#.*?#\}", "", sql, flags=re.S)
    sql = re.sub(r"--[^\n]*", "", sql)
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


@pytest.mark.parametrize("path", sql_files(), ids=lambda p: p.name)
def test_models_call_no_duckdb_only_function(path: Path):
    found = DUCKDB_ONLY.findall(_code(path.read_text(encoding="utf-8")))
    assert not found, f"{path.relative_to(ROOT)} calls {sorted(set(found))}: use the macros in macros/portable/"


def test_the_scan_finds_a_duckdb_only_call():
    assert DUCKDB_ONLY.findall(_code("select list(x order by y), strftime(d, '%Y') -- list(\nfrom t"))
    assert not DUCKDB_ONLY.findall(_code("select {{ list_agg('x') }} as listed, 'list(' from t"))


def transpile_problems(sql: str) -> list[str]:
    """Why `sql` (DuckDB) does not carry over to Spark and Trino; empty when it does."""
    problems = []
    try:
        statement = sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError as e:
        return [f"duckdb: {e}"]
    for dialect in TARGETS:
        try:
            out = sqlglot.parse_one(statement.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE), read=dialect)
        except sqlglot.errors.SqlglotError as e:
            problems.append(f"{dialect}: {str(e).splitlines()[0]}")
            continue
        unknown = sorted({f.name.lower() for f in out.find_all(exp.Anonymous)})
        if unknown:
            problems.append(f"{dialect}: functions copied through untranslated: {', '.join(unknown)}")
    return problems


def test_the_transpile_check_catches_an_unsupported_construct():
    assert transpile_problems("pivot t on a using sum(b)")  # no PIVOT in Trino
    assert transpile_problems("select isoyear(d) from t")  # copied through: Spark and Trino lack it
    assert transpile_problems("select (select 1 from")  # not SQL
    assert not transpile_problems("select a, isodow(d), list(b order by b) as bs from t group by a, d")


def _compile(db: Path, work: Path) -> dict[str, str]:
    """Compiled SQL of every model and analysis (name -> SQL), compiled against `db`."""
    target = work / "target"
    run = run_dbt(db, ["compile", "--select", "path:models", "path:analyses", "--no-use-colors"], target)
    assert run.code == 0, run.output
    compiled = target / "compiled" / "gaoxin"
    return {
        str(p.relative_to(compiled)): p.read_text(encoding="utf-8")
        for p in sorted([*(compiled / "models").rglob("*.sql"), *(compiled / "analyses").rglob("*.sql")])
    }


@pytest.fixture(scope="module")
def compiled(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Both branches: compiled against an empty warehouse and against a built one."""
    empty = tmp_path_factory.mktemp("compile_empty")
    built = tmp_path_factory.mktemp("compile_built")
    copy = built / "wh" / sample_warehouse.name
    copy.parent.mkdir()
    shutil.copyfile(sample_warehouse, copy)
    return {"full": _compile(empty / "gaoxin.duckdb", empty), "incremental": _compile(copy, built)}


@pytest.mark.build
@pytest.mark.parametrize("branch", ["full", "incremental"])
def test_every_model_and_analysis_transpiles_to_spark_and_trino(compiled, branch: str):
    sqls = compiled[branch]
    assert len([n for n in sqls if n.startswith("models/")]) >= 20
    assert len([n for n in sqls if n.startswith("analyses/")]) >= 10
    problems = {name: p for name, sql in sqls.items() if (p := transpile_problems(sql))}
    assert not problems, problems


@pytest.mark.build
def test_incremental_models_compile_to_a_page_filter_when_built(compiled):
    """The incremental branch really differs: it reads only the pages the loaders marked."""
    full, incremental = compiled["full"], compiled["incremental"]
    changed = [n for n in full if n in incremental and full[n] != incremental[n]]
    assert any("fact_metric" in n for n in changed), changed
