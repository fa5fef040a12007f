"""`gaoxin query`: one read-only statement on the published warehouse, and nothing else.

Three locks, each enough on its own for what it guards:

1. the statement is parsed twice, by sqlglot and by DuckDB's own parser, and runs only
   when both see exactly one statement of a reading kind (SELECT / WITH / VALUES /
   DESCRIBE / SHOW / SUMMARIZE / EXPLAIN, and PRAGMAs that only report); table
   functions that run SQL given as a string (`query`, `query_table`) are refused;
2. the warehouse is opened read-only with `enable_external_access=false` and
   `lock_configuration=true`, so no table function can reach the file system
   (`read_text`, `read_csv`, `glob`, `copy ... to`, `attach`) and no `set` can undo it;
3. the statement runs in a worker thread: Ctrl-C or `--timeout` calls
   `con.interrupt()`, which stops DuckDB mid-query.

`--dialect` lets analysts write Postgres, MySQL, Snowflake ... SQL: sqlglot transpiles it
to DuckDB first, and the checks above apply to what will actually run.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import sqlglot
from sqlglot import exp

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_TIMEOUT = 60.0
INTERRUPT_GRACE = 10.0  # seconds to wait for DuckDB to stop after an interrupt

# PRAGMAs that only report (everything else may change settings or read files)
READ_ONLY_PRAGMAS = frozenset(
    {
        "table_info",
        "show",
        "show_tables",
        "show_tables_expanded",
        "show_databases",
        "database_list",
        "database_size",
        "storage_info",
        "metadata_info",
        "version",
        "platform",
        "functions",
        "collations",
        "user_agent",
    }
)
# statement kinds (sqlglot) that read
_READING = (exp.Query, exp.Values, exp.Describe, exp.Show, exp.Summarize, exp.Pragma)
# commands sqlglot cannot parse further but DuckDB turns into reading statements
_READING_COMMANDS = frozenset({"SHOW", "DESCRIBE", "SUMMARIZE", "EXPLAIN"})
# DuckDB statement types that read
_DUCKDB_READING = frozenset({"SELECT", "PRAGMA", "EXPLAIN"})
# table functions that execute SQL handed to them as a string, past every check here
_SQL_RUNNING_FUNCTIONS = frozenset({"query", "query_table"})
# nodes that write or change the session, wherever they appear in the tree
_WRITING = (
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Merge,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Copy,
    exp.Attach,
    exp.Detach,
    exp.Set,
    exp.Use,
    exp.Install,
    exp.TruncateTable,
    exp.Command,
)

REFUSED_HELP = (
    "Refused: more than one statement; anything that writes (insert, update, delete, create, drop, "
    "alter, copy, export, checkpoint, vacuum); attach/detach/use; set/reset and configuration pragmas; "
    "install/load; reading or writing files or URLs (read_csv, read_text, read_parquet, glob, "
    "'file.csv' as a table, copy ... to); query()/query_table(), which run SQL given as text."
)


class QueryRefused(ValueError):
    """The SQL is not one read-only statement; str(e) says why."""


class QueryTimeout(RuntimeError):
    """The statement ran longer than the time allowed."""


@dataclass(frozen=True)
class Checked:
    sql: str  # the DuckDB SQL to run
    kind: str  # what it is, e.g. SELECT


def _kind(tree: exp.Expression) -> str:
    if isinstance(tree, exp.Command):
        return str(tree.this).upper()
    return tree.key.upper()


def _pragma_name(tree: exp.Pragma) -> str:
    node = tree.this.this if isinstance(tree.this, exp.EQ) else tree.this
    return (node.name if isinstance(node, exp.Expression) else str(node)).lower()


def _refused(sql: str) -> QueryRefused:
    word = (sql.split() or ["empty"])[0].lower()
    return QueryRefused(f"{word} statements are refused: gaoxin query is read-only")


def _check_tree(tree: exp.Expression, sql: str) -> str:
    """The statement's kind if sqlglot sees a reading statement; raise QueryRefused otherwise."""
    kind = _kind(tree)
    if isinstance(tree, exp.Command):
        if kind not in _READING_COMMANDS:
            raise _refused(sql)
        rest = tree.expression.name if isinstance(tree.expression, exp.Expression) else str(tree.expression or "")
        if kind == "EXPLAIN":
            rest = rest.strip()
            rest = rest[len("analyze") :].strip() if rest.lower().startswith("analyze") else rest
            _check_tree(_parse_one(rest, "duckdb"), rest)
        return kind
    if not isinstance(tree, _READING):
        raise _refused(sql)
    if isinstance(tree, exp.Pragma) and _pragma_name(tree) not in READ_ONLY_PRAGMAS:
        raise QueryRefused(f"pragma {_pragma_name(tree)} is refused: only pragmas that report are allowed")
    for node in tree.walk():
        if isinstance(node, _WRITING) and node is not tree:
            raise QueryRefused(f"{node.key.lower()} inside a query is refused: gaoxin query is read-only")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in _SQL_RUNNING_FUNCTIONS:
                raise QueryRefused(f"{name}() is refused: it runs SQL given as text, past these checks")
    return kind


def _parse_one(sql: str, dialect: str) -> exp.Expression:
    logging.getLogger("sqlglot").setLevel(logging.ERROR)  # 'falling back to Command' is ours to judge
    try:
        trees = [t for t in sqlglot.parse(sql, read=dialect) if t is not None]
    except sqlglot.errors.SqlglotError as e:
        if dialect == "duckdb" and _duckdb_kinds(sql) - _DUCKDB_READING:
            raise _refused(sql) from None
        cause = str(e).splitlines()[0]
        raise QueryRefused(f"sqlglot cannot parse it ({dialect}), so it cannot be checked: {cause}") from None
    if not trees:
        raise QueryRefused("no SQL statement given")
    if len(trees) > 1:
        raise QueryRefused(f"{len(trees)} statements given; gaoxin query runs exactly one")
    return trees[0]


def _duckdb_kinds(sql: str) -> set[str]:
    try:
        return {s.type.name for s in duckdb.extract_statements(sql)}
    except duckdb.Error:
        return set()


def check_query(sql: str, dialect: str = "duckdb") -> Checked:
    """The DuckDB SQL to run for `sql`, or QueryRefused saying why it may not run."""
    tree = _parse_one(sql, dialect)
    if dialect != "duckdb":
        try:
            sql = tree.sql(dialect="duckdb")
        except sqlglot.errors.SqlglotError as e:
            raise QueryRefused(f"could not translate the {dialect} SQL to DuckDB: {e}") from None
        tree = _parse_one(sql, "duckdb")
    kind = _check_tree(tree, sql)
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryRefused(f"DuckDB cannot parse it: {str(e).splitlines()[0]}") from None
    if len(statements) != 1:
        raise QueryRefused(f"DuckDB reads {len(statements)} statements here; gaoxin query runs exactly one")
    duck_kind = statements[0].type.name
    if duck_kind not in _DUCKDB_READING:
        raise QueryRefused(f"DuckDB reads a {duck_kind.lower()} statement; gaoxin query is read-only")
    return Checked(sql, kind)


def open_sealed(path: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse, read-only, with no way to reach other files or change that."""
    return duckdb.connect(
        str(path),
        read_only=True,
        config={"enable_external_access": False, "lock_configuration": True},
    )


def run_query(con: duckdb.DuckDBPyConnection, sql: str, timeout: float | None = DEFAULT_TIMEOUT) -> pd.DataFrame | None:
    """Run `sql` in a worker thread; interrupt DuckDB on Ctrl-C or after `timeout` seconds.

    Returns the result (None for a statement without one). Raises QueryTimeout,
    KeyboardInterrupt, or the DuckDB error the statement raised.
    """
    box: dict[str, object] = {}

    def work() -> None:
        try:
            cur = con.execute(sql)
            box["result"] = cur.fetch_df() if cur.description is not None else None
        except BaseException as e:  # handed to the caller's thread, without the frames holding the result
            box["error"] = e.with_traceback(None)

    worker = threading.Thread(target=work, name="gaoxin-query", daemon=True)
    deadline = time.monotonic() + timeout if timeout and timeout > 0 else None
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.05)
            if deadline is not None and time.monotonic() > deadline and worker.is_alive():
                con.interrupt()
                worker.join(INTERRUPT_GRACE)
                raise QueryTimeout(f"the query ran longer than {timeout:g} s (--timeout) and was stopped")
    except KeyboardInterrupt:
        con.interrupt()
        worker.join(INTERRUPT_GRACE)
        raise
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")  # type: ignore[return-value]
