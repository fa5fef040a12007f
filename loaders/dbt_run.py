"""Run dbt as a child process that cannot outlive gaoxin, each run in its own target.

dbt runs in a child process, not in-process: when it exits, its DuckDB lock is gone
with it, so the build can be published right after. The child gets its own process
group (Ctrl-C, SIGTERM and errors in gaoxin stop the whole group) and asks the kernel
to kill it when gaoxin dies (`PR_SET_PDEATHSIG`), so even `kill -9 gaoxin` leaves no
dbt behind still writing. Each run writes its artifacts (results, logs) to a private
target folder, so a locked build and an unlocked `gaoxin docs` never read each
other's results. Only dbt's parse of the project (`partial_parse.msgpack`) is carried
from run to run (`parse_cache`): parsing the project from scratch costs seconds of
every build however small, and dbt checks the saved parse against every file's
checksum, its own version, the profile and the variables before it reuses any of it.

A build's dbt (`DbtBuild`, loaders/dbt_child.py) is started before the pages are
landed, so importing dbt and reading the project overlap the landing; other commands
(`gaoxin docs`) run dbt's own command line (`run_dbt`).

When a build fails its tests, `pages_behind` reruns each failing test's compiled SQL
on the build file and follows the failing rows back to the pages they came from.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from loaders.db import PROJECT_ROOT
from loaders.dbt_child import FAILING_NODES, RESULTS

PR_SET_PDEATHSIG = 1
STOP_GRACE = 5.0  # seconds a child gets to stop after SIGTERM before SIGKILL
MAX_PAGES_NAMED = 10  # pages a failed build names in full (and offers to remove), then `and N more`
MAX_RULES_NAMED = 1000  # distinct combinations of failed tests read from a failing row_rules test
PARTIAL_PARSE = "partial_parse.msgpack"  # what dbt writes into its target folder and reads back

try:
    _LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except OSError:  # pragma: no cover - no libc to ask
    _LIBC = None


@dataclass
class DbtRun:
    code: int
    elapsed: float
    output: str
    target: Path
    results: list[dict] = field(default_factory=list)

    @property
    def problems(self) -> list[dict]:
        return [r for r in self.results if r.get("status") in ("error", "fail")]


def dbt_env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["GAOXIN_DB"] = str(db)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")  # no network here or on users' machines
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT))
    # dbt's debug log file goes to the run's private target, removed after the run, and nobody
    # reads it; writing it cost about 1.3 s of an added page's 15 (its console output is kept)
    env.setdefault("DBT_LOG_LEVEL_FILE", "none")
    return env


@contextlib.contextmanager
def own_target() -> Iterator[Path]:
    """A private dbt target folder for one run, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="gaoxin-dbt-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _die_with_parent(parent: int) -> None:
    """In the child, before exec: be killed when gaoxin dies, however it dies."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # gaoxin died before the request was in place
        os._exit(1)


def stop_group(proc: subprocess.Popen) -> None:
    """Stop a child and everything in its process group: SIGTERM, then SIGKILL."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, STOP_GRACE)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def spawn(cmd: list[str], env: dict[str, str], capture: bool, stdin: bool = False) -> subprocess.Popen:
    """Start `cmd` in its own process group, killed with gaoxin; `stdin`: a pipe to it."""
    parent = os.getpid()
    return subprocess.Popen(
        cmd,
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: _die_with_parent(parent),
    )


def parse_cache(db: Path) -> Path:
    """Where the builds of warehouse `db` keep dbt's parse of the project (hidden, beside it)."""
    return db.with_name(f".{db.name}.dbt-parse.msgpack")


def _restore_parse(cache: Path | None, target: Path) -> None:
    if cache is not None and cache.is_file():
        target.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            shutil.copyfile(cache, target / PARTIAL_PARSE)


def _keep_parse(cache: Path | None, target: Path) -> None:
    """Save the run's parse for the next run: written aside, then renamed (a reader never sees half)."""
    saved = target / PARTIAL_PARSE
    if cache is None or not saved.is_file():
        return
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(saved, partial)
        os.replace(partial, cache)
    except OSError:  # a read-only folder or a full disk: the next run parses from scratch
        with contextlib.suppress(OSError):
            partial.unlink()


def _options(target: Path) -> list[str]:
    """The options every dbt command of gaoxin's gets: this project, a private target."""
    return [
        "--project-dir",
        str(PROJECT_ROOT),
        "--profiles-dir",
        str(PROJECT_ROOT),
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
    ]


class DbtBuild:
    """A build's dbt process, started before the pages are landed (loaders/dbt_child.py).

    It imports dbt and reads the project while gaoxin lands pages (seconds saved on
    every build), then waits: `run` gives it the build to run and waits for it;
    `close` (or leaving the `with`) stops it if it was never asked.
    """

    def __init__(self, db: Path, target: Path, verbose: bool = False, cache: Path | None = None) -> None:
        self.target = target
        self.cache = cache
        _restore_parse(cache, target)
        cmd = [sys.executable, "-m", "loaders.dbt_child", str(target), "--", *_options(target)]
        self.proc = spawn(cmd, dbt_env(db), capture=not verbose, stdin=True)

    def __enter__(self) -> DbtBuild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        stop_group(self.proc)

    def run(self, args: list[str], exclude: list[str], row_rules: bool) -> DbtRun:
        """Build: dbt `args`, leaving out `exclude`; `row_rules`: see loaders/dbt_child.py."""
        request = json.dumps({"args": args, "exclude": exclude, "row_rules": row_rules})
        started = time.monotonic()
        try:
            output, _ = self.proc.communicate(request + "\n")
        except BaseException:
            stop_group(self.proc)
            raise
        run = DbtRun(self.proc.returncode, time.monotonic() - started, output or "", self.target)
        _keep_parse(self.cache, self.target)
        run.results = _read_json(self.target / RESULTS).get("results", [])
        return run


def _read_json(path: Path) -> dict:
    with contextlib.suppress(ValueError, OSError):
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


def run_dbt(db: Path, dbt_args: list[str], target: Path, verbose: bool = False, cache: Path | None = None) -> DbtRun:
    """Run `dbt ARGS` against `db` with `target` as its target path; wait for it.

    `cache`: a file holding dbt's parse of the project from an earlier run (see
    `parse_cache`), used when dbt accepts it and refreshed afterwards. Ctrl-C or any
    error while waiting stops the child's whole process group first.
    """
    _restore_parse(cache, target)
    cmd = [sys.executable, "-m", "dbt.cli.main", *dbt_args, *_options(target)]
    started = time.monotonic()
    proc = spawn(cmd, dbt_env(db), capture=not verbose)
    try:
        output, _ = proc.communicate()
    except BaseException:
        stop_group(proc)
        raise
    run = DbtRun(proc.returncode, time.monotonic() - started, output or "", target)
    _keep_parse(cache, target)
    rr = target / "run_results.json"
    if rr.exists():
        with contextlib.suppress(ValueError, OSError):
            run.results = json.loads(rr.read_text(encoding="utf-8")).get("results", [])
    return run


# --- tracing failing rows to pages -------------------------------------------------------

# columns of a failing row that name its page directly
_PAGE_COLUMNS = ("source_file", "page_id", "article_id")
# what dbt's built-in tests call the tested column in their failing rows
_RESULT_COLUMN = {"accepted_values": "value_field", "unique": "unique_field", "relationships": "from_field"}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _source_files(con: duckdb.DuckDBPyConnection, table: str, column: str) -> list[str]:
    if column == "source_file":
        sql = f"select distinct source_file from {table} where source_file is not null"
    elif column == "page_id":
        sql = f"select distinct p.source_file from {table} t join raw.pages p on p.page_id = t.page_id"
    else:
        sql = f"select distinct a.source_file from {table} t join raw.articles a on a.article_id = t.article_id"
    return sorted(r[0] for r in con.execute(sql + " limit 1000").fetchall())


def _trace_one(con: duckdb.DuckDBPyConnection, result: dict, node: dict, model: dict | None) -> list[str]:
    """Pages behind one failing test's rows (empty when the rows carry no way back)."""
    con.execute(f"create or replace temp table _failing as select * from ({result['compiled_code']}) limit 10000")
    cols = [r[0] for r in con.execute("select column_name from (describe _failing)").fetchall()]
    direct = next((c for c in _PAGE_COLUMNS if c in cols), None)
    if direct:
        return _source_files(con, "_failing", direct)
    if model is None or not model.get("relation_name"):
        return []
    relation = model["relation_name"]
    model_cols = [r[0] for r in con.execute(f"select column_name from (describe {relation})").fetchall()]
    way_back = next((c for c in _PAGE_COLUMNS if c in model_cols), None)
    if way_back is None:
        return []
    test_name = (node.get("test_metadata") or {}).get("name", "")
    renamed = {_RESULT_COLUMN.get(test_name, ""): node.get("column_name")}
    pairs = [(c, renamed.get(c) or c) for c in cols]
    pairs = [(f, m) for f, m in pairs if m in model_cols]
    if not pairs:
        return []
    on = " and ".join(f"m.{_q(m)} is not distinct from f.{_q(f)}" for f, m in pairs)
    con.execute(f"create or replace temp table _rows as select m.* from {relation} m join _failing f on {on}")
    return _source_files(con, "_rows", way_back)


def pages_behind(db: Path, run: DbtRun) -> dict[str, list[str]]:
    """For each failing test of `run`: the pages (source_file) behind its failing rows.

    Reads the build file `db` (dbt has exited, so its lock is gone) and the failing
    tests' nodes the build's dbt process wrote (`failing_nodes.json`, see
    loaders/dbt_child.py). A test whose rows cannot be traced maps to an empty list.
    """
    failing = [r for r in run.problems if r.get("unique_id", "").startswith("test.") and r.get("compiled_code")]
    nodes = _read_json(run.target / FAILING_NODES).get("nodes")
    if not failing or not nodes:
        return {}
    out: dict[str, list[str]] = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for result in failing:
            node = nodes.get(result["unique_id"], {})
            attached = node.get("attached_node") or next(iter(node.get("depends_on", {}).get("nodes", [])), None)
            try:
                out[result["unique_id"]] = _trace_one(con, result, node, nodes.get(attached))
            except duckdb.Error:
                out[result["unique_id"]] = []
    finally:
        con.close()
    return out


def failed_row_rules(db: Path, run: DbtRun) -> dict[str, list[str]]:
    """For each failing `row_rules` test of `run`: the tests its failing rows fail, by name.

    A `row_rules` test asks a model's row-level tests in one query (loaders/dbt_child.py);
    its rows say which of them they fail (`failed_rules`), and this names them.
    """
    failing = [r for r in run.problems if r.get("compiled_code") and ".row_rules_" in r.get("unique_id", "")]
    out: dict[str, list[str]] = {}
    if not failing:
        return out
    con = duckdb.connect(str(db), read_only=True)
    try:
        for result in failing:
            sql = f"select distinct failed_rules from ({result['compiled_code']}) limit {MAX_RULES_NAMED}"
            with contextlib.suppress(duckdb.Error):
                names = {name for (listed,) in con.execute(sql).fetchall() for name in (listed or "").split(", ")}
                out[result["unique_id"]] = sorted(n for n in names if n)
    finally:
        con.close()
    return out
