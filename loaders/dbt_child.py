"""The dbt process of a build: it reads the project while gaoxin lands pages, then builds.

Started by loaders/dbt_run.py as `python -m loaders.dbt_child TARGET -- DBT_OPTIONS`.
Importing dbt and reading the project take seconds of every build, however small,
and need nothing gaoxin is still writing (not the warehouse: dbt opens it only to
build). So this process does them at once, then waits for one line on stdin: the
build to run, as JSON `{"args": [...], "exclude": [...], "row_rules": true}`. End of
input instead means there is nothing to build, and it exits.

`row_rules`: run each model's `row_rules` test instead of the row-level tests it
covers (macros/tests/row_rules.sql); otherwise run those tests and leave out the
`row_rules` ones. Which tests are covered is read from the parsed project here, by
the macro's own rule (see `covered_by_row_rules`).

What gaoxin reads back goes to TARGET: `results.json` (one entry per node: the
fields of dbt's `run_results.json` it uses) and, when tests fail, `failing_nodes.json`
(those tests and the models they test, as in dbt's manifest), so the failing rows can
be traced to their pages. dbt's own artifacts (a 2 MB `manifest.json`, the full run
results) are not written: they cost a second of every build. Exit code: 0 when every
node passed, 1 when a node failed, 2 when dbt could not run.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from loaders.db import PROJECT_ROOT

RESULTS = "results.json"
FAILING_NODES = "failing_nodes.json"
ROW_RULES_TEST = "row_rules"  # the generic test that combines a model's row-level tests
EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def row_rule_tests(project_root: Path = PROJECT_ROOT) -> set[str]:
    """The generic tests that check one row at a time (`vars.row_rule_tests` of dbt_project.yml)."""
    project = yaml.safe_load((project_root / "dbt_project.yml").read_text(encoding="utf-8"))
    return set(project["vars"]["row_rule_tests"])


def _test_name(node: Any) -> str | None:
    meta = getattr(node, "test_metadata", None)
    return meta.name if meta is not None else None


def covered_by_row_rules(nodes: dict[str, Any], rule_tests: set[str]) -> list[str]:
    """Names of the tests a model's `row_rules` test runs in their place.

    The rule of `row_rule_checks` in macros/tests/row_rules.sql: a test attached to a
    model that has a `row_rules` test, of a generic test in `rule_tests`, with
    severity error. Tests of models without `row_rules` are never covered.
    """
    tests = [n for n in nodes.values() if n.resource_type == "test"]
    combined = {n.attached_node for n in tests if _test_name(n) == ROW_RULES_TEST}
    return sorted(
        n.name
        for n in tests
        if n.attached_node in combined and _test_name(n) in rule_tests and str(n.config.severity).lower() == "error"
    )


def build_args(request: dict, nodes: dict[str, Any], rule_tests: set[str]) -> list[str]:
    """dbt's arguments for the build `request` asks for (see the module docstring)."""
    exclude = list(request.get("exclude", []))
    if request.get("row_rules"):
        exclude += covered_by_row_rules(nodes, rule_tests)
    else:
        exclude.append(f"test_name:{ROW_RULES_TEST}")
    return [*request["args"], "--exclude", *exclude]


def _result_entry(result: Any) -> dict:
    node = result.node
    return {
        "unique_id": node.unique_id,
        "status": str(result.status),
        "message": result.message,
        "failures": result.failures,
        "execution_time": result.execution_time,
        "compiled_code": getattr(node, "compiled_code", None),
    }


def _node_entry(node: Any) -> dict:
    meta = getattr(node, "test_metadata", None)
    return {
        "unique_id": node.unique_id,
        "name": node.name,
        "attached_node": getattr(node, "attached_node", None),
        "depends_on": {"nodes": list(node.depends_on.nodes)},
        "test_metadata": {"name": meta.name} if meta is not None else None,
        "column_name": getattr(node, "column_name", None),
        "relation_name": getattr(node, "relation_name", None),
    }


def write_results(target: Path, results: list[Any], nodes: dict[str, Any]) -> None:
    """`results.json` and, for failing tests, `failing_nodes.json` (see the module docstring)."""
    entries = [_result_entry(r) for r in results]
    (target / RESULTS).write_text(json.dumps({"results": entries}, default=str), encoding="utf-8")
    failing = [e["unique_id"] for e in entries if e["status"] in ("fail", "error") and e["unique_id"] in nodes]
    wanted: dict[str, dict] = {}
    for uid in failing:
        node = nodes[uid]
        for related in [uid, getattr(node, "attached_node", None), *node.depends_on.nodes]:
            if related in nodes and related not in wanted:
                wanted[related] = _node_entry(nodes[related])
    if wanted:
        (target / FAILING_NODES).write_text(json.dumps({"nodes": wanted}, default=str), encoding="utf-8")


def main(argv: list[str]) -> int:
    from dbt.cli.main import dbtRunner

    target = Path(argv[0])
    options = argv[argv.index("--") + 1 :] if "--" in argv else []
    parsed = dbtRunner().invoke(["parse", *options, "--no-write-json"])
    if not parsed.success or parsed.result is None:
        return EXIT_ERROR
    manifest = parsed.result
    line = sys.stdin.readline()
    if not line.strip():
        return EXIT_OK  # gaoxin has nothing for dbt to build
    request = json.loads(line)
    args = build_args(request, manifest.nodes, row_rule_tests())
    built = dbtRunner(manifest=manifest).invoke([*args, *options, "--no-write-json"])
    if built.exception is not None or built.result is None:
        print(f"dbt could not run: {built.exception}", file=sys.stderr)
        return EXIT_ERROR
    write_results(target, list(built.result.results), manifest.nodes)
    return EXIT_OK if built.success else EXIT_FAILED


def close_warehouse() -> None:
    """Close dbt's DuckDB database now: it checkpoints and lets go of the build file.

    dbt-duckdb keeps the database open until the interpreter exits (an `atexit` hook);
    closing it here lets this process leave without the interpreter's teardown.
    """
    import gc

    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.factory import reset_adapters

    reset_adapters()  # the adapter's locks go with it (left behind, Python warns of leaked semaphores)
    DuckDBConnectionManager.close_all_connections()
    gc.collect()  # the environment closes its connection when it is collected


def leave(code: int) -> None:
    """Exit at once, once the warehouse is closed and the output flushed.

    Tearing down dbt's thousands of modules and objects costs about a second at the end
    of every build and does nothing gaoxin needs; if the warehouse cannot be closed
    here, the normal exit does it.
    """
    try:
        close_warehouse()
    except (ImportError, AttributeError):  # a dbt-duckdb without this hook: exit the slow way
        sys.exit(code)
    logging.shutdown()  # dbt's log file
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    leave(main(sys.argv[1:]))
