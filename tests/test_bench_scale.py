"""The scale benchmark's choice of figures (benchmarks/bench_scale.py): no build is run here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("bench_scale")


def _fake_builds(monkeypatch, bench, walls):
    made = iter(walls)

    def fake(work, pages, extra):
        wall = next(made)
        return {"pages": pages, "wall_s": wall, "cpu_s": wall * 2, "dbt_s": 1.0}

    monkeypatch.setattr(bench, "bench_build", fake)


def test_several_builds_report_the_median_one_and_every_run(monkeypatch, bench):
    _fake_builds(monkeypatch, bench, [104.0, 97.0, 112.0])
    result = bench.bench_builds(Path("unused"), 10_000, [], runs=3)
    assert result["wall_s"] == 104.0 and result["cpu_s"] == 208.0
    assert [r["wall_s"] for r in result["runs"]] == [104.0, 97.0, 112.0]


def test_an_even_number_of_builds_reports_the_faster_middle_one(monkeypatch, bench):
    _fake_builds(monkeypatch, bench, [100.0, 90.0, 95.0, 120.0])
    assert bench.bench_builds(Path("unused"), 10, [], runs=4)["wall_s"] == 95.0


def test_one_build_is_reported_as_it_is(monkeypatch, bench):
    _fake_builds(monkeypatch, bench, [42.0])
    result = bench.bench_builds(Path("unused"), 10, [], runs=1)
    assert result["wall_s"] == 42.0 and "runs" not in result
