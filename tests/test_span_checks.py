"""The span check (`span_matches_text`) on an added page reads that page's articles only.

Every span of a fact must point at its text in its article's body. With `page_column`
the article must also be on the span's page, and only the articles of the spans' pages
are read, so checking an added page stays cheap however many pages the warehouse holds.
Here rows of a built sample warehouse are broken and their pages marked as landed since
the last build (what the tests' `where: __landed_since_last_build__` checks).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders.dbt_run import run_dbt


@pytest.mark.build
def test_span_checks_fail_a_shifted_span_and_an_article_on_another_page(sample_warehouse: Path, tmp_path: Path):
    db = tmp_path / "gaoxin.duckdb"
    shutil.copyfile(sample_warehouse, db)
    con = duckdb.connect(str(db))
    metric, metric_page = con.execute(
        "select metric_fact_id, page_id from marts.fact_metric order by metric_fact_id limit 1"
    ).fetchone()
    con.execute(f"update marts.fact_metric set char_start = char_start + 1 where metric_fact_id = '{metric}'")
    mention, mention_page, other_page = con.execute(
        "select m.mention_id, m.page_id, (select min(page_id) from raw.pages where page_id <> m.page_id) "
        "from marts.fact_mention m order by m.mention_id limit 1"
    ).fetchone()
    # the same article and span, said to be on another page: its article is not there
    con.execute(f"update marts.fact_mention set page_id = '{other_page}' where mention_id = '{mention}'")
    landed = sorted({metric_page, mention_page, other_page})
    con.execute(f"update raw.pages set built_at = null where page_id in ({', '.join(repr(p) for p in landed)})")
    con.close()

    run = run_dbt(db, ["test", "--select", "test_name:span_matches_text"], tmp_path / "target")
    failing = {r["unique_id"].split(".")[2]: r["failures"] for r in run.results if r["status"] == "fail"}
    assert failing == {
        "span_matches_text_fact_metric_ref_dim_article___page_id__raw_text": 1,
        "span_matches_text_fact_mention_ref_dim_article___page_id__mention_text": 1,
    }, run.output
    assert len(run.results) == 4  # the project spans pass: their pages hold their articles
