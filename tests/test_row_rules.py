"""A build asks a model's row-level tests in one query (`row_rules`), but the one asked with --full-refresh.

The one query must ask exactly what the tests it replaces ask: every model with a
row-level test has a `row_rules` test; every row-level generic test has its predicate
macro; the tests the dbt process leaves out (loaders/dbt_child.py) are the tests the
macro asks (compiled by dbt); and on rows that break them, `row_rules` and the single
tests fail the same rows.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
import yaml

from loaders.cli import FULL_REFRESH_ASKED, _asks_row_rules, _full_refresh_reason
from loaders.dbt_child import ROW_RULES_TEST, build_args, covered_by_row_rules, row_rule_tests
from loaders.dbt_run import run_dbt
from tests.conftest import ROOT

RULES = row_rule_tests()


def _test_names(tests: list) -> list[str]:
    """Generic test names of a YAML `data_tests` list (`- unique` or `- accepted_range: {...}`)."""
    return [t if isinstance(t, str) else next(iter(t)) for t in tests or []]


def _models() -> dict[str, dict]:
    """The models and the seeds as their YAML documents them (seeds carry row tests too)."""
    out = {}
    for folder, key in (("models", "models"), ("seeds", "seeds")):
        for path in (ROOT / folder).rglob("_*.yml"):
            for model in yaml.safe_load(path.read_text(encoding="utf-8")).get(key, []):
                out[model["name"]] = model
    return out


def test_only_the_rebuild_the_user_asks_for_runs_each_row_test_on_its_own(tmp_path: Path):
    assert _full_refresh_reason(tmp_path / "never-opened.duckdb", asked=True) == FULL_REFRESH_ASKED
    assert not _asks_row_rules(FULL_REFRESH_ASKED)
    for reason in (None, "first build", "the models changed since the last build"):
        assert _asks_row_rules(reason), reason


def test_every_model_with_row_level_tests_has_row_rules():
    missing = []
    for name, model in _models().items():
        column_tests = [t for c in model.get("columns", []) for t in _test_names(c.get("data_tests"))]
        model_tests = _test_names(model.get("data_tests"))
        if set(column_tests + model_tests) & RULES and ROW_RULES_TEST not in model_tests:
            missing.append(name)
    assert not missing, f"add `- {ROW_RULES_TEST}` to the data_tests of {missing}"


def test_every_row_level_test_has_its_predicate_macro():
    macros = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "macros").rglob("*.sql"))
    defined = set(re.findall(r"\{%-?\s*macro\s+(\w+)_violation\s*\(", macros))
    assert defined >= RULES, f"no predicate macro for {sorted(RULES - defined)}"


def _node(name: str, test: str | None, attached: str | None, severity: str = "ERROR", kind: str = "test"):
    meta = SimpleNamespace(name=test) if test else None
    config = SimpleNamespace(severity=severity)
    return SimpleNamespace(resource_type=kind, name=name, test_metadata=meta, attached_node=attached, config=config)


def test_covered_tests_are_the_error_row_tests_of_models_with_row_rules():
    nodes = {
        n.name: n
        for n in [
            _node("row_rules_a", ROW_RULES_TEST, "model.p.a"),
            _node("not_null_a_x", "not_null", "model.p.a"),
            _node("range_a_y", "accepted_range", "model.p.a"),
            _node("warned_a", "expression_is_true", "model.p.a", severity="warn"),
            _node("unique_a_x", "unique", "model.p.a"),
            _node("not_null_b_x", "not_null", "model.p.b"),  # model b has no row_rules
            _node("source_not_null_raw_x", "not_null", None),  # a source's test
            _node("a", None, None, kind="model"),
        ]
    }
    assert covered_by_row_rules(nodes, RULES) == ["not_null_a_x", "range_a_y"]
    incremental = build_args({"args": ["build"], "exclude": ["tag:reference"], "row_rules": True}, nodes, RULES)
    assert incremental == ["build", "--exclude", "tag:reference", "not_null_a_x", "range_a_y"]
    full = build_args({"args": ["build", "--full-refresh"], "row_rules": False}, nodes, RULES)
    assert full == ["build", "--full-refresh", "--exclude", f"test_name:{ROW_RULES_TEST}"]


def _as_nodes(manifest: dict) -> dict[str, SimpleNamespace]:
    """manifest.json's nodes as attribute objects, as the dbt process sees them."""

    def attributes(node: dict) -> SimpleNamespace:
        return json.loads(json.dumps(node), object_hook=lambda d: SimpleNamespace(**d))

    return {uid: attributes(node) for uid, node in manifest["nodes"].items()}


@pytest.fixture(scope="module")
def compiled_rules(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], list[str]]:
    """The names each compiled `row_rules` test asks, and the names the dbt process leaves out."""
    work = tmp_path_factory.mktemp("row_rules")
    target = work / "target"
    run = run_dbt(work / "gaoxin.duckdb", ["compile", "--select", f"test_name:{ROW_RULES_TEST}"], target)
    assert run.code == 0, run.output
    asked = {
        p.stem: re.findall(r"then '(\w+)' end", p.read_text(encoding="utf-8"))
        for p in (target / "compiled").rglob(f"{ROW_RULES_TEST}_*.sql")
    }
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return asked, covered_by_row_rules(_as_nodes(manifest), RULES)


@pytest.mark.build
def test_row_rules_ask_exactly_the_tests_left_out(compiled_rules):
    asked, covered = compiled_rules
    assert len(asked) == len([m for m in _models().values() if ROW_RULES_TEST in _test_names(m.get("data_tests"))])
    every = [name for names in asked.values() for name in names]
    assert len(every) == len(set(every))  # no test asked twice
    assert sorted(every) == covered


@pytest.mark.build
def test_row_rules_fail_the_rows_the_single_tests_fail(sample_warehouse: Path, tmp_path: Path):
    """Break rows of a built warehouse; the single tests and `row_rules` must name the same tests."""
    db = tmp_path / "gaoxin.duckdb"
    shutil.copyfile(sample_warehouse, db)
    con = duckdb.connect(str(db))
    for table, key, change in (
        ("marts.fact_metric", "metric_fact_id", "value = 'inf'::double"),  # finite_and_plausible
        ("raw.articles", "article_id", "page_number = 0"),  # dim_article (a view): accepted_range
        ("marts.fact_project", "project_fact_id", "status = 'rumoured'"),  # accepted_values
        ("reference.zone_types", "suffix", "kind = 'place'"),  # a seed's accepted_values
    ):
        con.execute(f"update {table} set {change} where {key} = (select min({key}) from {table})")
    con.close()
    models = ["fact_metric", "dim_article", "fact_project", "zone_types"]

    single = run_dbt(db, ["test", "--select", *models, "--exclude", f"test_name:{ROW_RULES_TEST}"], tmp_path / "t1")
    nodes = json.loads((tmp_path / "t1" / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    failed_single = {
        nodes[r["unique_id"]]["name"]
        for r in single.results
        if r["status"] == "fail" and nodes[r["unique_id"]]["test_metadata"]["name"] in RULES
    }
    combined = run_dbt(db, ["test", "--select", *[f"test_name:{ROW_RULES_TEST},{m}" for m in models]], tmp_path / "t2")
    assert [r["status"] for r in combined.results] == ["fail"] * len(models), combined.output
    con = duckdb.connect(str(db), read_only=True)
    named = set()
    for r in combined.results:
        for (listed,) in con.execute(f"select distinct failed_rules from ({r['compiled_code']})").fetchall():
            named |= set(listed.split(", "))
    con.close()
    assert named == failed_single and len(named) >= len(models), (named, failed_single)
