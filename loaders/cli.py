"""`gaoxin`: load news pages about China's high-tech zones into a DuckDB star schema.

Every command works on the warehouse at `warehouse/gaoxin.duckdb` under the project
root, or at `$GAOXIN_DB` when set. Commands that write build a private copy and
publish it atomically, so readers are never blocked and never see a half-built state.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import tempfile
import textwrap
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from loaders import runlog
from loaders.db import (
    PROJECT_ROOT,
    WarehousePathError,
    check_opens,
    check_warehouse_file,
    check_writable,
    connect,
    db_path,
    ensure_raw_schema,
    last_build_hash,
    record_build,
)
from loaders.dbt_run import (
    MAX_PAGES_NAMED,
    DbtBuild,
    DbtRun,
    failed_row_rules,
    own_target,
    pages_behind,
    parse_cache,
)
from loaders.dbt_run import run_dbt as _run_dbt_child
from loaders.decode import DEFAULT_MAX_BYTES
from loaders.entries import Folder, PageFile, classify_entry, walk
from loaders.pool import default_workers
from loaders.publish import BuildLocked, Workspace, build_path, workspace
from loaders.query import DEFAULT_TIMEOUT, REFUSED_HELP, QueryRefused, QueryTimeout, check_query, open_sealed, run_query
from loaders.records import RunRecord
from loaders.version import project_version

if TYPE_CHECKING:
    from loaders.ingest import RunSummary

# loaders.ingest (the parsers, jieba, pandas) is imported by the commands that write, so
# that reading commands and error messages come back at once

SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
PROGRESS_MIN_FILES = 20
DIALECTS = ("duckdb", "postgres", "mysql", "sqlite", "snowflake", "bigquery", "trino", "spark", "tsql", "redshift")

# exit codes (documented in --help and the README)
EXIT_OK, EXIT_PARTIAL, EXIT_FAILED, EXIT_BUSY = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
EXIT_CODES_HELP = (
    "exit codes: 0 done; 1 done, but some inputs could not be loaded or removed (each is listed); "
    "2 failed and nothing was published (dbt tests failed, GAOXIN_DB unusable, a disk or permission "
    "error, a refused or failed query); 3 another build holds the lock; 130 interrupted (Ctrl-C); "
    "143 terminated."
)

console = Console(stderr=False, highlight=False)
err = Console(stderr=True, highlight=False)


class CommandFailed(Exception):
    """The command cannot do its work; str(e) is the one line the user sees."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class DbtFailed(CommandFailed):
    pass


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop children, clean up, record the run."""


# --- writing runs ---------------------------------------------------------------------------


def _workers(text: str) -> int:
    """--workers: a whole number of processes, at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, at least 1 (not {text!r})")
    return int(text)


def _check_batch_size() -> None:
    """A bad GAOXIN_BATCH_PAGES is the user's setting to fix, said before any work."""
    from loaders.ingest import batch_pages

    try:
        batch_pages()
    except ValueError as e:
        raise CommandFailed(str(e)) from None


def _count_inputs(paths: list[Path]) -> int:
    """Pages the run will read, found the way discovery finds them (never following a link loop)."""
    n = 0
    for p in paths:
        kind = classify_entry(p, None, named=True)
        if isinstance(kind, Folder):
            n += sum(isinstance(e, PageFile) for e in walk(p))
        elif isinstance(kind, PageFile):
            n += 1
    return n


def _ingest_with_progress(con: duckdb.DuckDBPyConnection, paths: list[Path], run: RunSummary, args: argparse.Namespace):
    from loaders.ingest import ingest

    options = {"max_bytes": args.max_bytes, "workers": args.workers, "run": run}

    if sys.stderr.isatty() and _count_inputs(paths) >= PROGRESS_MIN_FILES:
        with Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)
            return ingest(
                con,
                paths,
                run.command,
                on_progress=lambda n, total, name: bar.update(task, completed=n, total=total, description=name),
                **options,
            )
    return ingest(con, paths, run.command, **options)


def _record_earlier_runs(con: duckdb.DuckDBPyConnection, earlier: list[runlog.JournalEntry]) -> None:
    """Runs that never published (killed, interrupted, failed) get their row now."""
    from loaders.ingest import insert_records

    have = {r[0] for r in con.execute("select run_id from raw.ingest_runs").fetchall()}
    insert_records(con, RunRecord, [e.record() for e in earlier if e.run_id not in have])


@contextlib.contextmanager
def _writing(command: str, inputs: list, wait: float) -> Iterator[tuple[Workspace, RunSummary]]:
    """The frame of every command that writes: checks, lock, journal, build copy, publish.

    Yields the workspace (the build file, and how it was made) and the run. The run is
    in the journal before any work; if the block fails or is interrupted the journal
    says how, and the next run that publishes records it in raw.ingest_runs.
    """
    published = db_path()
    check_warehouse_file(published)
    check_writable(published)
    if published.exists():  # a damaged file is named as itself, not as its build copy mid-build
        check_opens(published)
    from loaders.ingest import new_run

    run = new_run(command, inputs)
    with workspace(published, wait=wait) as ws:
        earlier = runlog.pending(published)
        runlog.begin(published, run.record("running"))
        try:
            con = connect(ws.build)
            try:
                ensure_raw_schema(con)
                _record_earlier_runs(con, earlier)
            finally:
                con.close()
            yield ws, run
        except KeyboardInterrupt as e:
            how = "terminated (SIGTERM)" if isinstance(e, Terminated) else "interrupted (Ctrl-C)"
            _journal_end(published, run, "interrupted", how)
            raise
        except BaseException as e:
            _journal_end(published, run, "failed", _one_line(e))
            raise
    runlog.clear(published, {run.run_id, *(e.run_id for e in earlier)})


def _journal_end(published: Path, run: RunSummary, status: str, note: str) -> None:
    with contextlib.suppress(OSError):  # a full disk must not hide the error being reported
        runlog.end(published, run.run_id, status, note)


def _land(build: Path, work: Callable[[duckdb.DuckDBPyConnection], RunSummary]) -> RunSummary:
    con = connect(build)
    try:
        summary = work(con)
        con.execute("checkpoint")
        return summary
    finally:
        con.close()


def _print_ingest(summary: RunSummary) -> None:
    from loaders.ingest import RULES_CHANGED

    counts = Counter(o.outcome for o in summary.outcomes if o.outcome != "read")
    landed = ("loaded", "replaced", "reparsed")
    articles = sum(o.article_count or 0 for o in summary.outcomes if o.outcome in landed)
    order = ("loaded", "replaced", "reparsed", "unchanged", "removed", "skipped", "failed")
    verb = "remove" if summary.command == "remove" else "ingest"
    always = ("removed", "failed") if verb == "remove" else ("loaded", "failed")
    parts = ", ".join(f"{counts[k]} {k}" for k in order if counts[k] or k in always)
    console.print(
        f"[bold]{verb}[/bold] {sum(counts.values())} files: {parts} "
        + (f"({articles} articles landed; " if verb == "ingest" else "(")
        + f"run {summary.run_id})",
        soft_wrap=True,
    )
    for note in summary.notes:
        console.print(f"  [yellow]note[/yellow] {escape(note)}", soft_wrap=True)
    for o in summary.outcomes:
        if o.outcome in ("failed", "skipped") or not o.reason or o.reason == RULES_CHANGED:
            continue
        console.print(f"  [yellow]note[/yellow] {escape(o.source_file)}: {escape(o.reason)}", soft_wrap=True)
    for o in summary.outcomes:
        if o.outcome == "skipped":
            console.print(f"  [cyan]skipped[/cyan] {escape(o.source_path)}: {escape(o.reason or '')}", soft_wrap=True)
    for o in summary.failed:
        console.print(f"  [red]failed[/red] {escape(o.source_path)}: {escape(o.reason or '')}", soft_wrap=True)


def _paths(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in args.paths] if args.paths else [SAMPLE_DIR]


def _require_pages(summary: RunSummary, paths: list[Path]) -> None:
    """A run that found no page at all is a mistake (wrong folder), never a silent success."""
    if not any(o.outcome != "read" for o in summary.outcomes):
        shown = ", ".join(str(p) for p in paths)
        raise CommandFailed(
            f"no pages found in {shown}: gaoxin reads .txt, .pdf and .html files (folders are searched recursively)",
            EXIT_PARTIAL,
        )


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = _paths(args)
    _check_batch_size()
    with _writing("ingest", paths, args.wait) as (ws, run):
        summary = _land(ws.build, lambda con: _ingest_with_progress(con, paths, run, args))
        _print_ingest(summary)
        _require_pages(summary, paths)
    console.print(f"published {db_path()} (build file: {ws.describe()})")
    return EXIT_PARTIAL if summary.failed else EXIT_OK


# --- dbt ------------------------------------------------------------------------------


def run_dbt(db: Path, dbt_args: list[str], target: Path, verbose: bool = False, cache: Path | None = None) -> DbtRun:
    """dbt in a child process against `db`, with its own target folder (see loaders/dbt_run.py)."""
    if verbose:
        return _run_dbt_child(db, dbt_args, target, verbose=True, cache=cache)
    with err.status(f"dbt {' '.join(dbt_args)} ..."):
        return _run_dbt_child(db, dbt_args, target, cache=cache)


def _print_dbt(run: DbtRun, full_refresh: str | None = None) -> None:
    by_kind: Counter = Counter()
    problems = []
    for r in run.results:
        kind = r["unique_id"].split(".")[0]
        by_kind[(kind, r["status"])] += 1
        if r["status"] in ("error", "fail", "warn"):
            problems.append((r["status"], r["unique_id"], (r.get("message") or "").strip()))
    parts = []
    for kind in ("seed", "model", "test", "snapshot"):
        statuses = {s: n for (k, s), n in by_kind.items() if k == kind}
        if statuses:
            parts.append(f"{kind}s " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    how = f"full rebuild: {full_refresh}" if full_refresh else "incremental"
    console.print(f"[bold]dbt build[/bold] {'; '.join(parts) or 'no results'} ({how}; {run.elapsed:.0f}s)")
    for status, uid, msg in problems:
        colour = "yellow" if status == "warn" else "red"
        console.print(f"  [{colour}]{status}[/{colour}] {uid}: {escape(msg[:300])}", soft_wrap=True)
    if run.code != 0 and not problems:
        tail = "\n".join(run.output.strip().splitlines()[-25:])
        console.print(f"[red]dbt exited with code {run.code}[/red]\n{escape(tail)}")


def _print_pages_behind(build: Path, run: DbtRun) -> None:
    """Name the pages behind the failing rows, so the user knows which input to fix or remove."""
    for uid, names in failed_row_rules(build, run).items():
        console.print(
            f"  [red]rows of[/red] {uid} fail: {escape(', '.join(names))} "
            "(the model's row-level tests, asked in one query; a `gaoxin build --full-refresh` runs each on its own)",
            soft_wrap=True,
        )
    traced = pages_behind(build, run)
    pages = sorted({p for files in traced.values() for p in files})
    for uid, files in traced.items():
        if files:
            more = len(files) - MAX_PAGES_NAMED
            shown = ", ".join(files[:MAX_PAGES_NAMED]) + (f" and {more} more" if more > 0 else "")
            console.print(f"  [red]failing rows of[/red] {uid} come from: {escape(shown)}", soft_wrap=True)
    if pages:
        console.print(
            "  fix those pages (or their manifest rows) and build again, or drop them: "
            f"gaoxin remove {' '.join(pages[:MAX_PAGES_NAMED])}",
            soft_wrap=True,
        )


# unit tests check the models' SQL on fixed inputs: they belong to `pytest`, not to every build
DBT_BUILD = ["build", "--exclude-resource-type", "unit_test"]
# An incremental build leaves out what only the seeds feed (the seeds, the `reference`
# models and their tests): the project hash covers both, so they are as the last build
# left them. Tests from other models to them still run (`cautious`). It leaves out the
# views too, but not their tests: a view holds its SQL, not rows, and the same project
# hash means the same SQL, so creating the ten of them again only cost dbt's work per
# node (about 0.7 s of an added page's dbt run). The tests are selected as tests, because
# excluding a model would exclude its tests with it. It runs each model's row-level
# tests as one query (`row_rules`, see `_asks_row_rules`).
INCREMENTAL_SELECTION = ["config.materialized:table", "config.materialized:incremental", "resource_type:test"]
DBT_INCREMENTAL = ["--indirect-selection", "cautious", "--select", *INCREMENTAL_SELECTION]
DBT_INCREMENTAL_EXCLUDE = ["resource_type:seed", "tag:reference"]
FULL_REFRESH_ASKED = "--full-refresh"  # the reason a build rebuilds every row when the user asks it to


def _asks_row_rules(reason: str | None) -> bool:
    """Whether a build asks each model's row-level tests in one query (`row_rules`, see loaders/dbt_child.py).

    Every build does, but the rebuild the user asks for with --full-refresh: that one runs
    each test on its own, so a failure is named by its own dbt test. A first build, or one
    after the models changed, tests as many rows as a full rebuild: one query per model
    instead of one dbt node per test spares dbt's own work per node on half the project's
    tests (183 of 348 in 27 queries when this was written) and reads each table once.
    """
    return reason != FULL_REFRESH_ASKED


def _full_refresh_reason(db: Path, asked: bool) -> str | None:
    """Why this build must rebuild every row rather than only the pages landed since the last one."""
    if asked:
        return FULL_REFRESH_ASKED
    con = connect(db, read_only=True)
    try:
        last = last_build_hash(con)
    finally:
        con.close()
    if last is None:
        return "first build"
    if last != project_version():
        return "the models changed since the last build"
    return None


@contextlib.contextmanager
def _dbt_for(build: Path, args: argparse.Namespace) -> Iterator[DbtBuild]:
    """The dbt process of a build of `build`, started now: it reads the project while pages land.

    Builds of one warehouse run dbt on the same build file: the same profile, so one
    parse of the project serves them all until a model changes (`parse_cache`).
    """
    with own_target() as target, DbtBuild(build, target, args.verbose, cache=parse_cache(db_path())) as dbt:
        yield dbt


def _dbt_build(build: Path, args: argparse.Namespace, dbt: DbtBuild) -> None:
    """dbt build (incremental unless a full rebuild is due), then mark the pages it carried in."""
    started = datetime.now()
    reason = _full_refresh_reason(build, getattr(args, "full_refresh", False))
    dbt_args = DBT_BUILD + (["--full-refresh"] if reason else DBT_INCREMENTAL)
    exclude = [] if reason else DBT_INCREMENTAL_EXCLUDE
    if args.verbose:
        run = dbt.run(dbt_args, exclude, row_rules=_asks_row_rules(reason))
    else:
        with err.status(f"dbt {' '.join(dbt_args)} ..."):
            run = dbt.run(dbt_args, exclude, row_rules=_asks_row_rules(reason))
    _print_dbt(run, reason)
    if run.code != 0:
        with contextlib.suppress(duckdb.Error, OSError, ValueError):
            _print_pages_behind(build, run)
        failed = len(run.problems)
        raise DbtFailed(f"dbt build failed ({failed} failing model(s) or test(s)); nothing was published")
    con = connect(build)
    try:
        record_build(con, uuid.uuid4().hex[:16], started, project_version(), reason is not None, run.elapsed)
        con.execute("checkpoint")
    finally:
        con.close()


def cmd_build(args: argparse.Namespace) -> int:
    paths = _paths(args)
    target = db_path()
    # dbt's process starts first, on the build file the workspace will hold: it imports dbt and
    # reads the project (its slowest second of an added page) while this process loads the
    # parsers, takes the lock and lands the pages. It opens nothing until asked to build, and is
    # stopped with this process when the build goes no further (a bad setting, a held lock).
    with _dbt_for(build_path(target), args) as dbt:
        _check_batch_size()
        with _writing("build", paths, args.wait) as (ws, run):
            summary = _land(ws.build, lambda con: _ingest_with_progress(con, paths, run, args))
            _print_ingest(summary)
            _require_pages(summary, paths)
            _dbt_build(ws.build, args, dbt)
    console.print(f"published {target} (build file: {ws.describe()})")
    console.print(f"open it: duckdb -readonly {_display(target)}")
    return EXIT_PARTIAL if summary.failed else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from loaders.ingest import remove_pages

    target = db_path()
    _published_or_fail()
    _check_batch_size()
    with _writing("remove", args.files, args.wait) as (ws, run):
        summary = _land(ws.build, lambda con: remove_pages(con, args.files, run=run))
        _print_ingest(summary)
        if not summary.count("removed"):
            raise CommandFailed("nothing was removed: no loaded page matches", EXIT_PARTIAL)
        if not args.no_dbt:
            with _dbt_for(ws.build, args) as dbt:
                _dbt_build(ws.build, args, dbt)
    console.print(f"published {target} (build file: {ws.describe()})")
    return EXIT_PARTIAL if summary.failed else EXIT_OK


def _display(p: Path) -> str:
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)


# --- status ---------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    target = db_path()
    if not target.exists():
        console.print(f"no warehouse at {target} yet: run `gaoxin build`")
        return 1
    check_warehouse_file(target)
    check_opens(target)
    con = connect(target, read_only=True)
    try:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        }
        if "raw.pages" not in tables:
            console.print(f"{target} holds no gaoxin data: run `gaoxin build`")
            return 1
        _status_body(con, target, tables, args.runs)
    finally:
        con.close()
    for entry in runlog.pending(target):
        state = entry.status
        if state == "running":
            state = "running now" if _pid_alive(entry.pid) else "interrupted (its process is gone)"
        console.print(
            f"  [yellow]not yet recorded[/yellow] run {entry.run_id[:8]} ({entry.command}, started "
            f"{entry.started_at:%m-%d %H:%M:%S}): {state}{': ' + entry.note if entry.note else ''}",
            soft_wrap=True,
        )
    return 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _by_format(con: duckdb.DuckDBPyConnection) -> str:
    """' from 3 txt, 2 pdf (9 pages)': files by input format, with their pages when a file has several."""
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'pages'"
        ).fetchall()
    }
    if "source_format" not in columns:  # a warehouse built before input formats: every page is .txt
        return ""
    files = con.execute(
        "select coalesce(source_format, 'txt'), count(distinct source_file), count(*) from raw.pages group by 1 "
        "order by 1"
    ).fetchall()
    by_format = ", ".join(
        f"{n_files} {fmt}" + (f" ({n_pages} pages)" if n_pages != n_files else "") for fmt, n_files, n_pages in files
    )
    return f" from {by_format}" if files else ""


def _status_body(con: duckdb.DuckDBPyConnection, target: Path, tables: set[str], n_runs: int) -> None:
    pages, articles = con.execute(
        "select (select count(*) from raw.pages), (select count(*) from raw.articles)"
    ).fetchone()
    stat = target.stat()
    console.print(
        f"[bold]{target}[/bold]  {stat.st_size / 1e6:.1f} MB, "
        f"published {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(stat.st_mtime))}"
    )
    console.print(f"{pages} pages, {articles} articles loaded{_by_format(con)}")
    dates = con.execute("select published_on_source, count(*) from raw.pages group by 1 order by 1").fetchall()
    console.print("published_on: " + ", ".join(f"{n} {s}" for s, n in dates))
    marts = [t for t in sorted(tables) if t.startswith("marts.")]
    if marts:
        counts = [f"{t.split('.')[1]} {con.execute(f'select count(*) from {t}').fetchone()[0]}" for t in marts]
        console.print("marts: " + ", ".join(counts))
    else:
        console.print("marts: not built yet (run `gaoxin build`)")
    runs = Table(
        "run",
        "command",
        "started",
        "seen",
        "loaded",
        "replaced",
        "unchanged",
        "failed",
        "status",
        title="recent runs",
        title_justify="left",
        box=None,
        pad_edge=False,
    )
    for row in con.execute(
        """select run_id[:8], command, strftime(started_at, '%m-%d %H:%M:%S'), files_seen, files_loaded,
                  files_replaced, files_unchanged, files_failed, status
           from raw.ingest_runs order by started_at desc limit ?""",
        [n_runs],
    ).fetchall():
        runs.add_row(*[escape(str(v)) if v is not None else "" for v in row])
    console.print(runs)
    failures = con.execute(
        """select source_path, reason from raw.ingest_files
           where run_id = (select run_id from raw.ingest_runs where status <> 'interrupted'
                           order by started_at desc limit 1)
             and outcome = 'failed' order by source_path"""
    ).fetchall()
    if failures:
        console.print("failures in the last run:")
    for path, reason in failures:
        console.print(f"  [red]failed[/red] {escape(path)}: {escape(reason or '')}", soft_wrap=True)


# --- reading --------------------------------------------------------------------------


def _published_or_fail() -> Path:
    target = db_path()
    if not os.path.lexists(target):
        raise CommandFailed(f"no warehouse at {target} yet: run `gaoxin build`")
    check_warehouse_file(target)
    check_opens(target)
    return target


def cmd_query(args: argparse.Namespace) -> int:
    sql = args.sql if args.sql != "-" else sys.stdin.read()
    try:
        checked = check_query(sql, args.dialect)
    except QueryRefused as e:
        err.print(f"[red]refused[/red]: {escape(str(e))}", soft_wrap=True)
        return EXIT_FAILED
    target = _published_or_fail()
    try:
        con = open_sealed(target)
    except duckdb.Error as e:
        raise WarehousePathError(f"{target}: DuckDB cannot open it ({_first_line(e)})") from e
    try:
        df = run_query(con, checked.sql, args.timeout)
    except KeyboardInterrupt:
        # DuckDB's interrupted workers may still be unwinding; Python's shutdown can then abort
        # ("FATAL: exception not rethrown", exit -6). Nothing was written: leave at once.
        err.print("interrupted; the published warehouse is unchanged")
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    except QueryTimeout as e:
        err.print(f"[red]stopped[/red]: {e}")
        return EXIT_FAILED
    except duckdb.PermissionException as e:
        err.print(f"[red]refused[/red]: gaoxin query reads only the warehouse ({escape(_first_line(e))})")
        return EXIT_FAILED
    except duckdb.Error as e:
        err.print(f"[red]query failed[/red]: {escape(_first_line(e))}", soft_wrap=True)
        return EXIT_FAILED
    finally:
        with contextlib.suppress(duckdb.Error):  # an interrupted statement may still be unwinding
            con.close()
    if df is None:
        return EXIT_OK
    _print_frame(df, args.format, args.limit)
    return EXIT_OK


def _print_frame(df, fmt: str, limit: int) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        shown = df if limit <= 0 else df.head(limit)
        table = Table(*[escape(str(c)) for c in df.columns], show_lines=False)
        for row in shown.itertuples(index=False):
            table.add_row(*["" if _is_null(v) else escape(str(v)) for v in row])
        console.print(table)
        more = f", showing {len(shown)}" if len(shown) < len(df) else ""
        console.print(f"{len(df)} rows{more}")


def _is_null(v: object) -> bool:
    try:
        return v is None or bool(v != v)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def _sql_string(text: str) -> str:
    """A SQL string literal: quotes doubled, so any path is data, never SQL."""
    return "'" + text.replace("'", "''") + "'"


def _export_folder(raw: str) -> Path:
    out = Path(raw).expanduser().resolve()
    if os.path.lexists(out) and not out.is_dir():
        raise CommandFailed(f"{out}: exists and is not a folder; give a folder to export into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CommandFailed(f"{out}: cannot create the folder ({e.strerror or e})") from e
    if not os.access(out, os.W_OK):
        raise CommandFailed(f"{out}: the folder is not writable")
    return out


def cmd_export(args: argparse.Namespace) -> int:
    target = _published_or_fail()
    out = _export_folder(args.dir)
    con = connect(target, read_only=True)
    written: list[tuple[str, int, Path]] = []
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        if not tables:
            raise CommandFailed("the warehouse has no marts yet: run `gaoxin build`", EXIT_PARTIAL)
        # each mart goes to a temporary name first: a failure leaves no half-written file behind
        staged = Path(tempfile.mkdtemp(prefix=".gaoxin-export-", dir=out))
        try:
            options = "format parquet" if args.format == "parquet" else "format csv, header true"
            for t in tables:
                part = staged / f"{t}.{args.format}"
                con.execute(f"copy (select * from marts.{t}) to {_sql_string(str(part))} ({options})")
                n = con.execute(f"select count(*) from marts.{t}").fetchone()[0]
                written.append((t, n, part))
            for t, n, part in written:
                final = out / part.name
                os.replace(part, final)
                console.print(f"  {t:24} {n:7} rows -> {_display(final)}")
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    finally:
        con.close()
    console.print(f"exported {len(tables)} marts to {_display(out)}")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    """dbt's docs site (lineage, column docs), generated from a private copy of the warehouse."""
    published = _published_or_fail()
    out = Path(args.out).expanduser().resolve()
    if os.path.lexists(out) and not out.is_dir():
        raise CommandFailed(f"{out}: exists and is not a folder")
    with tempfile.TemporaryDirectory(prefix="gaoxin-docs-") as tmp, own_target() as target:
        copy = Path(tmp) / published.name
        shutil.copyfile(published, copy)
        run = run_dbt(copy, ["docs", "generate", "--static"], target, verbose=args.verbose)
        if run.code != 0:
            tail = "\n".join(run.output.strip().splitlines()[-20:])
            err.print(f"[red]dbt docs generate failed[/red]\n{escape(tail)}")
            return EXIT_FAILED
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target / "static_index.html", out / "index.html")
        for name in ("manifest.json", "catalog.json"):
            shutil.copyfile(target / name, out / name)
    console.print(f"docs site: {_display(out / 'index.html')} (self-contained; open it in a browser)")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from loaders.report import write_report

    out = Path(args.out).expanduser().resolve()
    if out.is_dir():
        raise CommandFailed(f"{out}: is a folder; give the report's file name (e.g. {out / 'report.html'})")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CommandFailed(f"{out.parent}: cannot create the folder ({e.strerror or e})") from e
    con = connect(_published_or_fail(), read_only=True)
    try:
        write_report(con, out)
    finally:
        con.close()
    console.print(f"report: {_display(out)} (one self-contained file; works offline)")
    return EXIT_OK


# --- entry point ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gaoxin",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "examples:\n"
            "  gaoxin build                 # the bundled sample, end to end\n"
            "  gaoxin build ~/pages         # your own folder of .txt, .pdf and .html pages (recursive)\n"
            "  gaoxin status                # what is loaded, recent runs, failures\n"
            '  gaoxin query "select * from marts.dim_park" --format csv\n'
            "  gaoxin remove 2024/bad.txt   # take a page out (and everything read from it)\n"
            "  gaoxin export out/ --format parquet\n"
            "  gaoxin docs                  # dbt docs site in warehouse/docs/\n"
            "  gaoxin report                # charts and evidence in warehouse/report.html\n"
            "  GAOXIN_DB=/tmp/x.duckdb gaoxin build\n\n" + EXIT_CODES_HELP
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="more detail: dbt's own output, a traceback on errors"
    )

    def with_wait(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--wait",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="wait this long for another running build instead of refusing at once",
        )

    def with_paths(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help=f"files or folders of pages (.txt, e-paper .pdf, saved .html/.htm), searched recursively; "
            f"a manifest.csv "
            f"(file,published_on,...) beside the pages is used when present "
            f"(default: the bundled sample, {SAMPLE_DIR.relative_to(PROJECT_ROOT)})",
        )
        p.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES:,})",
        )
        p.add_argument(
            "--workers",
            type=_workers,
            default=default_workers(),
            metavar="N",
            help="processes that parse pages (default: every core, here %(default)s; 1: no pool). "
            "This process alone writes, in batches of pages, each its own transaction "
            "(GAOXIN_BATCH_PAGES sets the batch size)",
        )
        with_wait(p)

    safe_reading = (
        "Only regular files inside the folders given are read: links out of a folder, links to "
        "folders, pipes, devices and symlink loops are recorded as failed or skipped, never read. "
    )
    p = sub.add_parser(
        "ingest",
        parents=[common],
        help="land pages in the raw schema (no dbt)",
        description="Load pages into raw.pages / raw.articles and record the run. "
        "Unchanged pages are skipped, changed pages (or changed manifest rows) replace their old version. "
        + safe_reading
        + "Exits 1 if any input could not be loaded (after loading all the others).",
        epilog=EXIT_CODES_HELP,
    )
    with_paths(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "build",
        parents=[common],
        help="ingest, then `dbt build` the staging, intermediate and mart models",
        description="Ingest pages, run `dbt build` (models and data tests), and publish the "
        "warehouse atomically. " + safe_reading + "When a test fails, the pages behind its failing rows "
        "are named and the previous warehouse stays published.",
        epilog=EXIT_CODES_HELP,
    )
    with_paths(p)
    p.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every mart row from all pages (by default only pages landed since the last build are "
        "processed; a build also runs in full by itself when the models changed)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "remove",
        parents=[common],
        help="take pages out of the warehouse (and every fact read from them)",
        description="Remove loaded pages by the name `gaoxin status` shows (their path relative to the "
        "folder they were loaded from) or by the path they were read from, then rebuild the marts and "
        "publish. A page given again to `gaoxin build` comes back.",
        epilog=EXIT_CODES_HELP,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="pages to remove")
    p.add_argument("--no-dbt", action="store_true", help="only remove from the raw tables; do not rebuild the marts")
    with_wait(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser(
        "query",
        parents=[common],
        help="run one read-only SQL statement on the warehouse and print the result",
        description="\n\n".join(
            textwrap.fill(par, 88)
            for par in (
                "Run one SQL statement on the published warehouse and print the result as a table, "
                "CSV or JSON. Use - to read the SQL from standard input.",
                "Allowed: one SELECT / WITH / VALUES / DESCRIBE / SHOW / SUMMARIZE / EXPLAIN statement, "
                "or a PRAGMA that only reports (table_info, show_tables, database_size, storage_info, "
                "version ...).",
                REFUSED_HELP,
                "The warehouse is opened read-only with file system access disabled and locked, so "
                "no function can reach another file. Ctrl-C stops a running query at once; --timeout "
                "stops a long one.",
            )
        ),
        epilog='example: gaoxin query "select park_name, city from marts.dim_park order by 1"\n'
        '         gaoxin query --dialect postgres "select park_name::text from marts.dim_park limit 3"\n\n'
        + textwrap.fill(EXIT_CODES_HELP, 88),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sql", help="the SQL to run, or - for standard input")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int, default=100, help="rows shown in table format (0 = all; default 100)")
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop the query after this long (default {DEFAULT_TIMEOUT:g}; 0 = no limit)",
    )
    p.add_argument(
        "--dialect",
        default="duckdb",
        choices=DIALECTS,
        help="the SQL dialect you write in; sqlglot translates it to DuckDB (default duckdb)",
    )
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "export",
        parents=[common],
        help="write every mart as Parquet or CSV files, for tools that do not speak DuckDB",
    )
    p.add_argument("dir", help="folder to write into (created if needed)")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("docs", parents=[common], help="build dbt's docs site (lineage and column docs) offline")
    p.add_argument(
        "--out", default=str(PROJECT_ROOT / "warehouse" / "docs"), help="folder for the site (default warehouse/docs)"
    )
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser(
        "report", parents=[common], help="write a self-contained HTML report with charts and evidence per zone"
    )
    p.add_argument(
        "--out",
        default=str(PROJECT_ROOT / "warehouse" / "report.html"),
        help="the HTML file to write (default warehouse/report.html)",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("status", parents=[common], help="what is loaded: files, articles, recent runs and failures")
    p.add_argument("--runs", type=int, default=5, help="how many recent runs to list (default 5)")
    p.set_defaults(func=cmd_status)
    return parser


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _one_line(e: BaseException) -> str:
    """An error as one line naming the path and the cause."""
    if isinstance(e, OSError):
        where = e.filename or ""
        cause = e.strerror or _first_line(e)
        return f"{where}: {cause}" if where else cause
    return _first_line(e)


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        return args.func(args)
    except BuildLocked as e:
        err.print(f"[red]busy[/red]: {escape(str(e))}", soft_wrap=True)
        return EXIT_BUSY
    except Terminated:
        err.print("terminated; the published warehouse is unchanged")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        err.print("interrupted; the published warehouse is unchanged")
        return EXIT_INTERRUPTED
    except (CommandFailed, WarehousePathError, OSError, duckdb.Error) as e:
        _report(e, args)
        return e.code if isinstance(e, CommandFailed) else EXIT_FAILED
    except Exception as e:  # a bug: still one line, with the way to see more
        _report(e, args, prefix=f"internal error ({type(e).__name__})")
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _report(e: BaseException, args: argparse.Namespace, prefix: str = "error") -> None:
    if getattr(args, "verbose", False):
        err.print(escape("".join(traceback.format_exception(e))), end="")
    hint = "" if getattr(args, "verbose", False) or isinstance(e, CommandFailed) else " (-v shows the traceback)"
    err.print(f"[red]{prefix}[/red]: {escape(_one_line(e))}{hint}", soft_wrap=True)


if __name__ == "__main__":
    sys.exit(main())
