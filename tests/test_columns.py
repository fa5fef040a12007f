"""Parsed rows travel from a parsing worker to the writer as columns (`loaders/columns.py`).

The packed form must land exactly the rows the records hold, in their order, and must
survive the trip through a pickle (what the pool sends). Pages are invented (`tests/pagegen.py`).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import duckdb
import pytest

from loaders.columns import Columns, PackedFile, insert_columns, pack
from loaders.db import ensure_raw_schema
from loaders.ingest import Candidate, Outcome, ParsedFile, insert_records, parse_file
from loaders.records import ArticleRecord, MetricRecord, ParkMentionRecord
from tests.pagegen import STORIES, to_txt


@pytest.fixture(scope="module")
def parsed() -> ParsedFile:
    data = to_txt(STORIES).encode("utf-8")
    return parse_file(Candidate(Path("stories.txt"), "stories.txt"), data)


def test_pack_keeps_every_row_as_columns_in_order(parsed):
    packed = pack(parsed)
    assert isinstance(packed, PackedFile)
    assert packed.pages == [p.page for p in parsed.pages]
    assert packed.note == parsed.note
    assert packed.article_count == len(parsed.articles) > 0
    assert packed.chars == sum(len(p.page.raw_text) for p in parsed.pages) + sum(len(a.body) for a in parsed.articles)
    for record_type in (ArticleRecord, ParkMentionRecord, MetricRecord):
        rows = [r for r in [*parsed.articles, *parsed.facts] if type(r) is record_type]
        assert rows, record_type
        columns = packed.rows.tables[record_type]
        assert list(columns) == record_type.columns()
        assert [tuple(v) for v in zip(*columns.values(), strict=True)] == [
            tuple(getattr(r, c) for c in record_type.columns()) for r in rows
        ]


def test_pack_passes_other_results_through():
    failed = Outcome("a.txt", "a.txt", "failed", "unreadable")
    assert pack(failed) is failed


def test_packed_file_survives_a_pickle(parsed):
    packed = pack(parsed)
    back = pickle.loads(pickle.dumps(packed))
    assert back.rows.tables == packed.rows.tables
    assert [p.page_id for p in back.pages] == [p.page_id for p in packed.pages]


def test_columns_extend_appends_in_order(parsed):
    whole = Columns()
    whole.add_rows([*parsed.articles, *parsed.facts])
    halves = Columns()
    middle = len(parsed.facts) // 2
    first, second = Columns(), Columns()
    first.add_rows([*parsed.articles, *parsed.facts[:middle]])
    second.add_rows(parsed.facts[middle:])
    halves.extend(first)
    halves.extend(second)
    assert set(halves.tables) == set(whole.tables)
    for record_type, columns in whole.tables.items():
        assert halves.tables[record_type] == columns


def test_columns_land_the_same_rows_as_records(parsed):
    by_records, by_columns = duckdb.connect(), duckdb.connect()
    for con in (by_records, by_columns):
        ensure_raw_schema(con)
    packed = pack(parsed)
    for record_type, columns in packed.rows.tables.items():
        insert_records(
            by_records, record_type, [r for r in [*parsed.articles, *parsed.facts] if type(r) is record_type]
        )
        insert_columns(by_columns, record_type, columns)
        query = f"select * from {record_type.TABLE} order by all"
        assert by_columns.execute(query).fetchall() == by_records.execute(query).fetchall()
    insert_columns(by_columns, ArticleRecord, {name: [] for name in ArticleRecord.columns()})  # nothing to land
