"""Shared fixtures: the bundled sample pages, their gold annotations, a private warehouse."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
# an invented page: a zone, a date, a project event and a figure
PAGE = "本报讯 3月28日，甲乙高新区举行重大项目开工现场会。\n总投资额421.8亿元的34个项目一同开工。\n"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


def squash(text: str | None) -> str:
    """Compare texts as the annotators did: white space does not count."""
    return re.sub(r"\s+", "", text or "")


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module (the folder is no package; the scripts import
    their neighbours, e.g. `corpus`, by putting it on sys.path themselves)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def sample_pages() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


def gold(doc: str) -> dict:
    return json.loads((GOLD / f"{Path(doc).stem}.json").read_text(encoding="utf-8"))


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> Path:
    """A private GAOXIN_DB for the test; the published path the CLI writes to."""
    db = tmp_path / "wh" / "gaoxin.duckdb"
    monkeypatch.setenv("GAOXIN_DB", str(db))
    return db


ROOT_DIR = ROOT


def run_gaoxin(db: Path, *args: str, timeout: int = 600):
    """Run the CLI as a user does: a separate process, with GAOXIN_DB pointing at `db`."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, GAOXIN_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "loaders.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The bundled sample built once per test session: (warehouse, the build's process)."""
    db = tmp_path_factory.mktemp("sample") / "gaoxin.duckdb"
    proc = run_gaoxin(db, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return db, proc


@pytest.fixture(scope="session")
def sample_warehouse(sample_build) -> Path:
    """The sample warehouse, for tests that only read it (copy it before writing)."""
    return sample_build[0]


def copy_warehouse(db: Path, folder: Path) -> Path:
    """A private copy of a built warehouse, for tests that build on top of it."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "gaoxin.duckdb"
    shutil.copy2(db, target)
    return target


@pytest.fixture
def con(tmp_path):
    """A writing connection to a new warehouse file of the test's own."""
    from loaders.db import connect

    c = connect(tmp_path / "work.duckdb")
    yield c
    c.close()
