"""Parsed rows as columns: the form a parsed file travels in from a parsing worker to the writer.

A page's articles and facts are about 150 dataclass objects. Sent from a worker as objects,
the writer (one process, and the build's narrow end) paid to unpickle every object and
then to take every field out of it again to make a DataFrame: at 10,000 pages that was
about a fifth of its work, and the workers sat idle while it did it. So the worker turns
its rows into one list per column (`pack`), which pickles and unpickles several times
faster, and the writer extends its batch's lists with them and inserts each table from
one DataFrame of whole columns (`Columns`).

The page rows stay objects (one per page): the writer reads them to decide what a file's
outcome is and stamps them with the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from loaders.records import PageRecord, Record


@dataclass
class Columns:
    """Rows of several record types, as one list per column per type, in the order added."""

    tables: dict[type[Record], dict[str, list[Any]]] = field(default_factory=dict)

    def add_rows(self, records: list[Record]) -> None:
        """Append records (any mix of types)."""
        by_type: dict[type[Record], list[Record]] = {}
        for r in records:
            by_type.setdefault(type(r), []).append(r)
        for record_type, rows in by_type.items():
            columns = self._columns_of(record_type)
            for name, values in columns.items():
                values.extend([getattr(r, name) for r in rows])

    def extend(self, other: Columns) -> None:
        """Append every row of `other`."""
        for record_type, theirs in other.tables.items():
            for name, values in self._columns_of(record_type).items():
                values.extend(theirs[name])

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert every table's rows, one statement per table."""
        for record_type, columns in self.tables.items():
            insert_columns(con, record_type, columns)

    def _columns_of(self, record_type: type[Record]) -> dict[str, list[Any]]:
        columns = self.tables.get(record_type)
        if columns is None:
            columns = self.tables[record_type] = {name: [] for name in record_type.columns()}
        return columns


def insert_columns(con: duckdb.DuckDBPyConnection, record_type: type[Record], columns: dict[str, list]) -> None:
    """Bulk insert a table's rows given as columns (one list per column, all of one length)."""
    names = record_type.columns()
    if not columns or not columns[names[0]]:
        return
    df = pd.DataFrame({name: columns[name] for name in names})
    con.register("_rows", df)
    listed = ", ".join(names)
    con.execute(f"insert into {record_type.TABLE} ({listed}) select {listed} from _rows")
    con.unregister("_rows")


@dataclass
class PackedFile:
    """A parsed file as the writer needs it: its page rows, what it reports, the rest as columns."""

    pages: list[PageRecord]
    note: str | None
    article_count: int
    chars: int  # page text and article bodies: what a batch's size is measured in
    rows: Columns

    @property
    def first(self) -> PageRecord:
        return self.pages[0]


def pack(parsed: Any) -> Any:
    """A `ParsedFile` as a `PackedFile`; anything else (an outcome, a failure) as it is."""
    pages = getattr(parsed, "pages", None)
    if pages is None:
        return parsed
    articles = [a for p in pages for a in p.articles]
    chars = sum(len(p.page.raw_text) for p in pages) + sum(len(a.body) for a in articles)
    rows = Columns()
    rows.add_rows([*articles, *(f for p in pages for f in p.facts)])
    return PackedFile([p.page for p in pages], parsed.note, len(articles), chars, rows)
