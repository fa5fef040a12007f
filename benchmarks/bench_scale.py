"""The scale benchmark: parse throughput, build time and memory, one page added, query latency.

    python benchmarks/bench_scale.py                      # 1,000 pages (about 2 minutes)
    python benchmarks/bench_scale.py --pages 1000,10000   # and 10,000 pages (the issue's targets)
    python benchmarks/bench_scale.py --pages 10000 --only build --build-runs 3   # the median of three builds
    python benchmarks/bench_scale.py --only queries --pages 10000   # reuse a built warehouse

Makes a deterministic synthetic corpus from the bundled sample (`benchmarks/corpus.py`),
then measures, on this machine, and prints a table (and writes JSON with `--json`):

- parse: decode, repair, segment and extract (no database), single process, over the
  first `--parse-pages` pages, and `jieba.lcut` over the same decoded text in the same
  process; their throughput in MB/s and the ratio;
- build: `gaoxin build` of N pages into a fresh warehouse, as a user runs it (a child
  process): wall time, the dbt share, CPU time of the whole process tree (what the wall
  time cannot go below on a machine whose cores it keeps busy: CPU time / cores), peak
  RSS of the whole process tree (gaoxin and its dbt child, sampled from /proc), the
  warehouse's size;
- add: one new page built into the largest warehouse (`gaoxin build FILE`): wall time,
  dbt share, CPU time, peak RSS, and how the build file was made (copied, or the previous
  generation updated in place: bytes rewritten); measured on the second of two adds;
- queries: every analysis (`analyses/*.sql`, compiled by dbt) and the report queries
  (what a BI tool asks of the analytics marts), each run `--repeat` times read-only on
  the largest warehouse: p50 and p95 in milliseconds of DuckDB computing the whole
  result (it materialises it before `execute` returns) and handing the first 100 rows
  to Python (converting 400 k rows to Python tuples would time the client, not the query).

A benchmark, not a test: it prints figures and asserts nothing (targets: issue 9).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import PAGES_PER_FOLDER, make_page, page_path, write_corpus

ROOT = Path(__file__).resolve().parent.parent
RSS_POLL_SECONDS = 0.05
ADDED_PAGES = 2  # the first add after a fresh build copies the warehouse; the second shows the steady state
SPARE_WAIT_SECONDS = 6  # loaders.publish.SPARE_GRACE_SECONDS, and a margin
SHOWN_ROWS = 100  # what a shell or a BI grid shows first; DuckDB computes and holds the whole result
STEPS = ("parse", "build", "add", "queries")

# what a BI tool or the report asks of the analytics marts (one zone picked from the data)
REPORT_QUERIES = {
    "scorecard: every zone, latest year": """
        select * from marts.rpt_zone_scorecard
        where year = (select max(year) from marts.rpt_zone_scorecard)
        order by article_count desc, park_name""",
    "scorecard: one zone over the years": """
        select * from marts.rpt_zone_scorecard
        where park_id = (select park_id from marts.dim_park order by article_count desc, park_id limit 1)
        order by year""",
    "reconciled figures: one zone": """
        select r.*, m.metric_name_zh from marts.agg_reconciled_metric as r
        inner join marts.dim_metric as m using (metric_id)
        where r.park_id = (select park_id from marts.dim_park order by article_count desc, park_id limit 1)
        order by r.metric_code, r.period_start""",
    "reconciled figures: the 50 most-stated conflicts": """
        select * from marts.agg_reconciled_metric where is_conflict
        order by statement_count desc, reconciled_metric_id limit 50""",
}


# --- measuring a child process tree ---------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(root: int) -> int:
    """Resident memory of `root` and all its descendants, now."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        todo.extend(tree.get(pid, []))
    return total


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    output: str = field(repr=False)
    cpu_s: float = 0.0  # user and system time of the whole process tree (the parse workers, dbt)

    @property
    def dbt_s(self) -> float | None:
        m = re.search(r"dbt build .*?(\d+)s\)", " ".join(self.output.split()))  # the console wraps lines
        return float(m[1]) if m else None


def run_measured(args: list[str], env: dict[str, str]) -> Run:
    """Run a command; wall time, CPU time and the peak of its process tree's resident memory.

    The CPU time is that of every process of the tree once each has been waited for (the
    workers by gaoxin, gaoxin by this one): on a machine whose cores are all busy, wall time
    can be no less than it divided by the cores, and it varies less from run to run.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(RSS_POLL_SECONDS)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    output, _ = proc.communicate()
    done.set()
    watcher.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, peak / 2**20, proc.returncode, output, cpu)


def gaoxin(db: Path, *args: str) -> Run:
    env = {**os.environ, "GAOXIN_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return run_measured([sys.executable, "-m", "loaders.cli", *args], env)


# --- the steps ------------------------------------------------------------------------


def bench_parse(pages: int) -> dict:
    """Parse throughput and jieba.lcut's, same pages, same process.

    The two are timed page by page, alternately (parse then jieba on one page, jieba then
    parse on the next), in CPU time of this process: on a machine whose cores are shared,
    two runs one after the other saw different machines (the ratio of one benchmark run
    swung from 0.98 to 1.23 with nothing changed), while alternating pages see the same one.
    """
    import jieba

    from loaders.decode import decode_page
    from loaders.ingest import Candidate, parse_file

    datas = [make_page(i).text.encode("utf-8") for i in range(pages)]
    texts = [decode_page(d).text for d in datas]
    size = sum(len(d) for d in datas)
    parse_file(Candidate(Path("warm.txt"), "warm.txt"), datas[0])  # load jieba, the seeds, compile rules
    jieba.lcut(texts[0])
    spent = {"parse": 0.0, "jieba": 0.0}
    for i, (d, text) in enumerate(zip(datas, texts, strict=True)):
        steps = [
            ("parse", lambda d=d, i=i: parse_file(Candidate(Path(f"p{i}.txt"), f"p{i}.txt"), d)),
            ("jieba", lambda text=text: jieba.lcut(text)),
        ]
        for name, step in steps if i % 2 == 0 else reversed(steps):
            started = time.process_time()
            step()
            spent[name] += time.process_time() - started
    parse_mbs, jieba_mbs = size / spent["parse"] / 1e6, size / spent["jieba"] / 1e6
    return {
        "pages": pages,
        "megabytes": round(size / 1e6, 2),
        "parse_mb_s": round(parse_mbs, 3),
        "jieba_mb_s": round(jieba_mbs, 3),
        "ratio": round(parse_mbs / jieba_mbs, 3),
        "clock": "CPU time of the process, parse and jieba alternating page by page",
    }


def corpus_paths(corpus: Path, pages: int) -> list[str]:
    """The first `pages` pages: whole folders, then the files of the last, partial one."""
    write_corpus(corpus, pages)
    whole, rest = divmod(pages, PAGES_PER_FOLDER)
    paths = [str(corpus / f"{i:04d}") for i in range(whole)]
    paths += [str(page_path(corpus, whole * PAGES_PER_FOLDER + j)) for j in range(rest)]
    return paths


def warehouse_for(work: Path, pages: int) -> Path:
    return work / f"wh-{pages}" / "gaoxin.duckdb"


def bench_builds(work: Path, pages: int, extra: list[str], runs: int) -> dict:
    """`runs` builds of the same pages, each into a fresh warehouse: the figures of the median
    one by wall time, and every run's wall and CPU time. On shared cores one build's time
    swings by 10 % or more with nothing changed; the median of three says more than one."""
    builds = [bench_build(work, pages, extra) for _ in range(runs)]
    median = sorted(builds, key=lambda b: b["wall_s"])[(runs - 1) // 2]
    if runs > 1:
        median = {**median, "runs": [{"wall_s": b["wall_s"], "cpu_s": b["cpu_s"]} for b in builds]}
    return median


def bench_build(work: Path, pages: int, extra: list[str]) -> dict:
    db = warehouse_for(work, pages)
    shutil.rmtree(db.parent, ignore_errors=True)
    db.parent.mkdir(parents=True)
    run = gaoxin(db, "build", *corpus_paths(work / "corpus", pages), *extra)
    if run.returncode not in (0, 1):
        raise SystemExit(f"build of {pages} pages failed ({run.returncode}):\n{run.output[-3000:]}")
    return {
        "pages": pages,
        "wall_s": round(run.wall_s, 1),
        "cpu_s": round(run.cpu_s, 1),
        "dbt_s": run.dbt_s,
        "peak_rss_mb": round(run.peak_rss_mb),
        "warehouse_mb": round(db.stat().st_size / 1e6),
        "output": run.output.strip().splitlines()[:3],
    }


def bench_add(work: Path, pages: int, extra: list[str]) -> dict:
    """One new page built into the N-page warehouse, twice over (two new pages, one after the other),
    then a third given with the whole corpus (a build run again on the folders, one page new).

    The first build after a fresh warehouse has no previous generation to update, so it
    copies the warehouse to start; the second is the steady state. The warehouse is
    restored afterwards from a copy, so the step can be re-run.
    """
    db = warehouse_for(work, pages)
    if not db.exists():
        raise SystemExit(f"no {pages}-page warehouse at {db}: run the build step first")
    folder = work / "extra"
    shutil.rmtree(folder, ignore_errors=True)
    keep = db.with_name("before-add.duckdb")
    shutil.copyfile(db, keep)
    runs = []
    try:
        for n in range(ADDED_PAGES):
            new = write_corpus(folder, 1, start=pages + 1_000_000 + n)[0]
            if n:
                time.sleep(SPARE_WAIT_SECONDS)  # a build may reuse a generation retired this long ago
            run = gaoxin(db, "build", str(new), *extra)
            if run.returncode != 0:
                raise SystemExit(f"adding a page failed ({run.returncode}):\n{run.output[-3000:]}")
            runs.append(run)
        new = write_corpus(folder, 1, start=pages + 1_000_000 + ADDED_PAGES)[0]
        time.sleep(SPARE_WAIT_SECONDS)
        with_all = gaoxin(db, "build", *corpus_paths(work / "corpus", pages), str(new), *extra)
        if with_all.returncode != 0:
            failed = with_all.output[-3000:]
            raise SystemExit(f"adding a page with the corpus failed ({with_all.returncode}):\n{failed}")
    finally:
        os.replace(keep, db)
    steady = runs[-1]
    return {
        "pages": pages,
        "wall_s": round(steady.wall_s, 1),
        "cpu_s": round(steady.cpu_s, 1),
        "dbt_s": steady.dbt_s,
        "peak_rss_mb": round(steady.peak_rss_mb),
        "first_wall_s": round(runs[0].wall_s, 1),
        "with_corpus_wall_s": round(with_all.wall_s, 1),
        "publish": [_build_file_line(r.output) for r in runs],
    }


def _build_file_line(output: str) -> str:
    m = re.search(r"\(build file: (.*?)\)\s*open it", " ".join(output.split()))
    return m[1] if m else ""


def compiled_analyses(work: Path, db: Path) -> dict[str, str]:
    """name -> SQL of every analysis, compiled by dbt against an empty database of the same name."""
    scratch = work / "compile" / db.name  # the catalog in the SQL is the file's stem
    shutil.rmtree(scratch.parent, ignore_errors=True)
    scratch.parent.mkdir(parents=True)
    target = work / "compile" / "target"
    env = {**os.environ, "GAOXIN_DB": str(scratch), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    cmd = [sys.executable, "-m", "dbt.cli.main", "compile", "--select", "path:analyses"]
    cmd += ["--target-path", str(target), "--log-path", str(work / "compile" / "logs")]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"dbt compile failed:\n{proc.stdout[-3000:]}{proc.stderr[-2000:]}")
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(target.rglob("compiled/**/analyses/*.sql"))}


def bench_queries(work: Path, pages: int, repeat: int) -> dict:
    import duckdb

    db = warehouse_for(work, pages)
    if not db.exists():
        raise SystemExit(f"no {pages}-page warehouse at {db}: run the build step first")
    queries = {f"analysis {k}": v for k, v in compiled_analyses(work, db).items()}
    queries.update({f"report {k}": v for k, v in REPORT_QUERIES.items()})
    con = duckdb.connect(str(db), read_only=True)
    figures = {}
    try:
        for name, sql in queries.items():
            rows = len(con.execute(sql).fetchall())  # warm: the first run reads from disk
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                con.execute(sql).fetchmany(SHOWN_ROWS)  # the whole result is computed; the first rows reach Python
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            figures[name] = {
                "rows": rows,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
            }
    finally:
        con.close()
    return {"pages": pages, "repeat": repeat, "queries": figures}


# --- output ---------------------------------------------------------------------------


def print_table(results: dict) -> None:
    out = []
    if p := results.get("parse"):
        out.append(
            f"parse ({p['pages']} pages, {p['megabytes']} MB, one process): {p['parse_mb_s']} MB/s; "
            f"jieba.lcut {p['jieba_mb_s']} MB/s; ratio {p['ratio']}x"
        )
    for b in results.get("build", []):
        out.append(
            f"build {b['pages']:>6} pages: {b['wall_s']:7.1f} s wall (dbt {b['dbt_s']} s; {b.get('cpu_s')} CPU-s), "
            f"peak RSS {b['peak_rss_mb']} MB, warehouse {b['warehouse_mb']} MB"
        )
        if runs := b.get("runs"):
            walls = ", ".join(f"{r['wall_s']} s ({r['cpu_s']} CPU-s)" for r in runs)
            out.append(f"  the median of {len(runs)} builds: {walls}")
    if a := results.get("add"):
        out.append(
            f"add 1 page to {a['pages']} pages: {a['wall_s']} s wall (dbt {a['dbt_s']} s; {a.get('cpu_s')} CPU-s), "
            f"peak RSS {a['peak_rss_mb']} MB (the first add after the build: {a.get('first_wall_s')} s; "
            f"given with the whole corpus, the others unchanged: {a.get('with_corpus_wall_s')} s)"
        )
        for line in a.get("publish", []):
            out.append(f"  build file: {line}")
    if q := results.get("queries"):
        out.append(f"queries on {q['pages']} pages ({q['repeat']} runs each):")
        out.append(f"  {'query':58} {'rows':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for name, f in q["queries"].items():
            out.append(f"  {name:58} {f['rows']:7} {f['p50_ms']:8.1f} {f['p95_ms']:8.1f}")
        worst = max(q["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
        out.append(f"  slowest p95: {worst[0]} {worst[1]['p95_ms']} ms")
    print("\n".join(out), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="1000", help="comma-separated corpus sizes to build (default 1000)")
    ap.add_argument("--work", type=Path, default=ROOT / "warehouse" / "bench", help="corpus and warehouses go here")
    ap.add_argument("--only", default=",".join(STEPS), help=f"steps to run, comma-separated ({', '.join(STEPS)})")
    ap.add_argument("--parse-pages", type=int, default=200, help="pages for the parse/jieba comparison")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each query")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--label", default="", help="a label stored with the figures (e.g. a commit)")
    ap.add_argument("--build-arg", action="append", default=[], help="extra argument for `gaoxin build`")
    ap.add_argument(
        "--build-runs", type=int, default=1, help="builds of each size; the median by wall time is reported"
    )
    args = ap.parse_args()
    sizes = [int(s) for s in args.pages.split(",") if s]
    steps = {s.strip() for s in args.only.split(",")}
    if unknown := steps - set(STEPS):
        ap.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    if args.build_runs < 1:
        ap.error("--build-runs must be at least 1")
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "label": args.label,
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],  # the machine is shared
        },
    }
    if "parse" in steps:
        results["parse"] = bench_parse(args.parse_pages)
        print_table({"parse": results["parse"]})
    if "build" in steps:
        results["build"] = []
        for n in sizes:
            results["build"].append(bench_builds(args.work, n, args.build_arg, args.build_runs))
            print_table({"build": results["build"][-1:]})
    if "add" in steps:
        results["add"] = bench_add(args.work, max(sizes), args.build_arg)
        print_table({"add": results["add"]})
    if "queries" in steps:
        results["queries"] = bench_queries(args.work, max(sizes), args.repeat)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print("\n== summary")
    print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
