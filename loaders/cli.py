"""`gaoxin`: load news pages about China's high-tech zones into a DuckDB star schema.

Every command works on the warehouse at `warehouse/gaoxin.duckdb` under the project
root, or at `$GAOXIN_DB` when set. Commands that write build a private copy and
publish it atomically, so readers are never blocked and never see a half-built state.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from loaders.db import PROJECT_ROOT, WarehousePathError, connect, db_path
from loaders.decode import DEFAULT_MAX_BYTES
from loaders.ingest import PAGE_SUFFIXES, RunSummary, ingest
from loaders.publish import BuildLocked, workspace

SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
PROGRESS_MIN_FILES = 20

console = Console(stderr=False, highlight=False)
err = Console(stderr=True, highlight=False)


class DbtFailed(RuntimeError):
    pass


# --- ingest ---------------------------------------------------------------------------


def _run_ingest(db: Path, paths: list[Path], command: str, max_bytes: int) -> RunSummary:
    con = connect(db)
    try:
        n_files = sum(1 for p in paths if p.is_file()) + sum(
            sum(1 for f in p.rglob("*") if f.suffix.lower() in PAGE_SUFFIXES) for p in paths if p.is_dir()
        )
        if n_files >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            with Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("", total=n_files)
                summary = ingest(
                    con,
                    paths,
                    command,
                    max_bytes,
                    on_progress=lambda n, total, name: bar.update(task, completed=n, total=total, description=name),
                )
        else:
            summary = ingest(con, paths, command, max_bytes)
        con.execute("checkpoint")
        return summary
    finally:
        con.close()


def _print_ingest(summary: RunSummary) -> None:
    counts = Counter(o.outcome for o in summary.outcomes)
    articles = sum(o.article_count or 0 for o in summary.outcomes if o.outcome in ("loaded", "replaced", "reparsed"))
    console.print(
        f"[bold]ingest[/bold] {len(summary.outcomes)} files: {counts['loaded']} loaded, "
        f"{counts['replaced']} replaced, {counts['reparsed']} reparsed, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed "
        f"({articles} articles landed; run {summary.run_id})"
    )
    notes = [o for o in summary.outcomes if o.outcome not in ("failed", "reparsed") and o.reason]
    for o in notes:
        console.print(f"  [yellow]note[/yellow] {o.source_file}: {o.reason}")
    for o in summary.failed:
        console.print(f"  [red]failed[/red] {o.source_path}: {o.reason}", soft_wrap=True)


def _paths(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in args.paths] if args.paths else [SAMPLE_DIR]


def cmd_ingest(args: argparse.Namespace) -> int:
    with workspace(db_path(), wait=args.wait) as ws:
        summary = _run_ingest(ws.build, _paths(args), "ingest", args.max_bytes)
    _print_ingest(summary)
    console.print(f"published {db_path()}")
    return 1 if summary.failed else 0


# --- dbt ------------------------------------------------------------------------------


def dbt_env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["GAOXIN_DB"] = str(db)
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")  # no network here or on users' machines
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT))
    return env


def run_dbt(db: Path, dbt_args: list[str], verbose: bool = False) -> tuple[int, dict]:
    """Run dbt in a child process against `db`; return its exit code and run results.

    A child process, not dbt's in-process runner: when it exits, its DuckDB lock is
    gone with it, so the file can be published right after.
    """
    target = PROJECT_ROOT / "target"
    cmd = [
        sys.executable,
        "-m",
        "dbt.cli.main",
        *dbt_args,
        "--project-dir",
        str(PROJECT_ROOT),
        "--profiles-dir",
        str(PROJECT_ROOT),
        "--target-path",
        str(target),
    ]
    started = time.monotonic()
    if verbose:
        code = subprocess.call(cmd, cwd=PROJECT_ROOT, env=dbt_env(db))
        output = ""
    else:
        with err.status(f"dbt {' '.join(dbt_args)} ..."):
            proc = subprocess.run(cmd, cwd=PROJECT_ROOT, env=dbt_env(db), capture_output=True, text=True)
        code, output = proc.returncode, proc.stdout + proc.stderr
    results: dict = {"elapsed": time.monotonic() - started, "output": output, "results": []}
    rr = target / "run_results.json"
    if rr.exists() and rr.stat().st_mtime >= time.time() - results["elapsed"] - 1:
        results["results"] = json.loads(rr.read_text(encoding="utf-8")).get("results", [])
    return code, results


def _print_dbt(code: int, results: dict) -> None:
    by_kind: Counter = Counter()
    problems = []
    for r in results["results"]:
        kind = r["unique_id"].split(".")[0]
        by_kind[(kind, r["status"])] += 1
        if r["status"] in ("error", "fail", "warn"):
            problems.append((r["status"], r["unique_id"], (r.get("message") or "").strip()))
    parts = []
    for kind in ("seed", "model", "test", "snapshot"):
        statuses = {s: n for (k, s), n in by_kind.items() if k == kind}
        if statuses:
            parts.append(f"{kind}s " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    console.print(f"[bold]dbt build[/bold] {'; '.join(parts) or 'no results'} ({results['elapsed']:.0f}s)")
    for status, uid, msg in problems:
        colour = "yellow" if status == "warn" else "red"
        console.print(f"  [{colour}]{status}[/{colour}] {uid}: {msg[:300]}")
    if code != 0 and not problems:
        tail = "\n".join(results["output"].strip().splitlines()[-25:])
        console.print(f"[red]dbt exited with code {code}[/red]\n{tail}")


def cmd_build(args: argparse.Namespace) -> int:
    target = db_path()
    try:
        with workspace(target, wait=args.wait) as ws:
            summary = _run_ingest(ws.build, _paths(args), "build", args.max_bytes)
            _print_ingest(summary)
            code, results = run_dbt(ws.build, ["build"], verbose=args.verbose)
            _print_dbt(code, results)
            if code != 0:
                raise DbtFailed("dbt build failed")
    except DbtFailed:
        console.print(f"[red]not published[/red]: {target} still holds the previous build")
        return 2
    console.print(f"published {target}")
    console.print(f"open it: duckdb -readonly {_display(target)}")
    return 1 if summary.failed else 0


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
    con = connect(target, read_only=True)
    try:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        }
        if "raw.pages" not in tables:
            console.print(f"{target} holds no gaoxin data: run `gaoxin build`")
            return 1
        pages, articles = con.execute(
            "select (select count(*) from raw.pages), (select count(*) from raw.articles)"
        ).fetchone()
        stat = target.stat()
        console.print(
            f"[bold]{target}[/bold]  {stat.st_size / 1e6:.1f} MB, "
            f"published {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(stat.st_mtime))}"
        )
        files = con.execute(
            "select coalesce(source_format, 'txt'), count(distinct source_file), count(*) from raw.pages group by 1 "
            "order by 1"
        ).fetchall()
        by_format = ", ".join(
            f"{n_files} {fmt}" + (f" ({n_pages} pages)" if n_pages != n_files else "")
            for fmt, n_files, n_pages in files
        )
        console.print(f"{pages} pages, {articles} articles loaded" + (f" from {by_format}" if files else ""))
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
            [args.runs],
        ).fetchall():
            runs.add_row(*[str(v) if v is not None else "" for v in row])
        console.print(runs)
        failures = con.execute(
            """select source_path, reason from raw.ingest_files
               where run_id = (select run_id from raw.ingest_runs order by started_at desc limit 1)
                 and outcome = 'failed' order by source_path"""
        ).fetchall()
        if failures:
            console.print("failures in the last run:")
        for path, reason in failures:
            console.print(f"  [red]failed[/red] {path}: {reason}", soft_wrap=True)
    finally:
        con.close()
    return 0


# --- reading --------------------------------------------------------------------------


def _published_or_fail() -> Path:
    target = db_path()
    if not target.exists():
        raise SystemExit(f"no warehouse at {target} yet: run `gaoxin build`")
    return target


def cmd_query(args: argparse.Namespace) -> int:
    sql = args.sql if args.sql != "-" else sys.stdin.read()
    con = connect(_published_or_fail(), read_only=True)
    try:
        try:
            cur = con.execute(sql)
        except duckdb.Error as e:
            err.print(f"[red]query failed[/red]: {str(e).splitlines()[0]}")
            return 2
        if cur.description is None:
            return 0
        df = cur.fetch_df()
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif args.format == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        shown = df if args.limit <= 0 else df.head(args.limit)
        table = Table(*[str(c) for c in df.columns], show_lines=False)
        for row in shown.itertuples(index=False):
            table.add_row(*["" if _is_null(v) else str(v) for v in row])
        console.print(table)
        more = f", showing {len(shown)}" if len(shown) < len(df) else ""
        console.print(f"{len(df)} rows{more}")
    return 0


def _is_null(v: object) -> bool:
    try:
        return v is None or bool(v != v)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    con = connect(_published_or_fail(), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        if not tables:
            err.print("the warehouse has no marts yet: run `gaoxin build`")
            return 1
        for t in tables:
            path = out / f"{t}.{args.format}"
            options = "format parquet" if args.format == "parquet" else "format csv, header true"
            con.execute(f"copy (select * from marts.{t}) to '{path}' ({options})")
            n = con.execute(f"select count(*) from marts.{t}").fetchone()[0]
            console.print(f"  {t:24} {n:7} rows -> {_display(path)}")
    finally:
        con.close()
    console.print(f"exported {len(tables)} marts to {_display(out)}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """dbt's docs site (lineage, column docs), generated from a private copy of the warehouse."""
    import shutil
    import tempfile

    published = _published_or_fail()
    out = Path(args.out).expanduser().resolve()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / published.name
        shutil.copy2(published, copy)
        code, results = run_dbt(copy, ["docs", "generate", "--static"], verbose=args.verbose)
    if code != 0:
        tail = "\n".join(results["output"].strip().splitlines()[-20:])
        err.print(f"[red]dbt docs generate failed[/red]\n{tail}")
        return 2
    target = PROJECT_ROOT / "target"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target / "static_index.html", out / "index.html")
    for name in ("manifest.json", "catalog.json"):
        shutil.copy2(target / name, out / name)
    console.print(f"docs site: {_display(out / 'index.html')} (self-contained; open it in a browser)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from loaders.report import write_report

    out = Path(args.out).expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    con = connect(_published_or_fail(), read_only=True)
    try:
        write_report(con, out)
    finally:
        con.close()
    console.print(f"report: {_display(out)} (one self-contained file; works offline)")
    return 0


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
            "  gaoxin export out/ --format parquet\n"
            "  gaoxin docs                  # dbt docs site in warehouse/docs/\n"
            "  gaoxin report                # charts and evidence in warehouse/report.html\n"
            "  GAOXIN_DB=/tmp/x.duckdb gaoxin build"
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
            "--wait",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="wait this long for another running build instead of refusing at once",
        )

    p = sub.add_parser(
        "ingest",
        help="land pages in the raw schema (no dbt)",
        description="Load pages into raw.pages / raw.articles and record the run. "
        "Unchanged pages are skipped, changed pages replace their old version; "
        "exits 1 if any file failed (after loading all the others).",
    )
    with_paths(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "build",
        help="ingest, then `dbt build` the staging, intermediate and mart models",
        description="Ingest pages, run `dbt build` (models and data tests), and publish the "
        "warehouse atomically. Exits 1 if a file failed to load, 2 if dbt failed "
        "(then the previous warehouse stays published).",
    )
    with_paths(p)
    p.add_argument("-v", "--verbose", action="store_true", help="stream dbt's own output")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "query",
        help="run SQL on the warehouse (read-only) and print the result",
        description="Run one SQL statement on the published warehouse, read-only, and print the "
        "result as a table, CSV or JSON. Use - to read the SQL from standard input.",
        epilog='example: gaoxin query "select park_name, city from marts.dim_park order by 1"',
    )
    p.add_argument("sql", help="the SQL to run, or - for standard input")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int, default=100, help="rows shown in table format (0 = all; default 100)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write every mart as Parquet or CSV files, for tools that do not speak DuckDB")
    p.add_argument("dir", help="folder to write into (created if needed)")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("docs", help="build dbt's docs site (lineage and column docs) offline")
    p.add_argument(
        "--out", default=str(PROJECT_ROOT / "warehouse" / "docs"), help="folder for the site (default warehouse/docs)"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="stream dbt's own output")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("report", help="write a self-contained HTML report with charts and evidence per zone")
    p.add_argument(
        "--out",
        default=str(PROJECT_ROOT / "warehouse" / "report.html"),
        help="the HTML file to write (default warehouse/report.html)",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("status", help="what is loaded: files, articles, recent runs and failures")
    p.add_argument("--runs", type=int, default=5, help="how many recent runs to list (default 5)")
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except WarehousePathError as e:
        err.print(f"[red]error[/red]: {e}")
        return 2
    except BuildLocked as e:
        err.print(f"[red]busy[/red]: {e}")
        return 3
    except KeyboardInterrupt:
        err.print("interrupted; the published warehouse is unchanged")
        return 130


if __name__ == "__main__":
    sys.exit(main())
