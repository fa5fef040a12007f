"""dbt unit tests: the zone-matching and reconciliation SQL on fixed inputs.

They live beside the models (`models/*/_unit_tests.yml`); `gaoxin build` leaves them
out, so they run here, against a copy of the sample warehouse (dbt reads the column
types of a model's inputs from the database).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.dbt_run import run_dbt
from tests.conftest import copy_warehouse

pytestmark = pytest.mark.build  # needs a built warehouse: `pytest -m "not build"` skips it

UNIT_TESTS = {
    "zone_mentions_resolve_to_the_gazetteer_or_by_type_and_name",
    "statements_of_a_figure_are_ranked_latest_and_most_precise_first",
    "figures_conflict_only_beyond_rounding_and_qualifiers",
}


def test_the_unit_tests_pass(sample_warehouse: Path, tmp_path: Path):
    db = copy_warehouse(sample_warehouse, tmp_path / "wh")
    run = run_dbt(db, ["test", "--select", "test_type:unit", "--no-use-colors"], tmp_path / "target")
    output = run.output
    assert run.code == 0, output
    passed = set(re.findall(r"PASS \S+::(\w+)", output))
    assert passed >= UNIT_TESTS, output
