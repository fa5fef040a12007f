"""Done when: the same invented articles as .txt, as a multi-column PDF page and as saved HTML build to the same facts.

Builds a whole warehouse (loaders + dbt) from a folder mixing the three formats and
compares the marts a user queries, article by article.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import run_gaoxin
from tests.pagegen import CHROME_NUMBERS, CHROME_ZONES, STORIES
from tests.test_ingest_formats import mixed_folder

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

FORMAT_OF = {".txt": "txt", ".pdf": "pdf", "html": "html"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    folder = mixed_folder(root / "pages")
    db = root / "wh" / "gaoxin.duckdb"
    proc = run_gaoxin(db, "build", str(folder))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def _format(source_file: str) -> str:
    return FORMAT_OF[source_file[-4:]]


def _by_format(con, sql: str) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {}
    for source_file, *rest in con.execute(sql).fetchall():
        out.setdefault(_format(source_file), set()).add(tuple(rest))
    return out


def test_dim_article_has_every_story_once_per_format_with_its_page_number(built):
    rows = built.execute(
        "select source_file, page_number, title, published_on, published_on_source from marts.dim_article"
    ).fetchall()
    titles = {s.full_title for s in STORIES}
    for fmt in ("txt", "pdf", "html"):
        assert sorted(r[2] for r in rows if _format(r[0]) == fmt) == sorted(titles), fmt
    assert {r[1] for r in rows if r[0].endswith(".pdf")} == {1}
    assert {r[1] for r in rows if not r[0].endswith(".pdf")} == {None}
    assert {(r[3], r[4]) for r in rows} == {(STORIES[0].published_on, "manifest")}


@pytest.mark.parametrize(
    ("kind", "sql"),
    [
        (
            "metrics",
            """select a.source_file, a.title, m.metric_code, f.value, f.unit, f.qualifier, f.is_growth,
                      f.subject_type, f.subject_name, p.park_name, c.company_name, f.period_label,
                      f.period_start, f.period_end, f.raw_text
               from marts.fact_metric f join marts.dim_article a using (article_id)
               join marts.dim_metric m using (metric_id)
               left join marts.dim_park p using (park_id) left join marts.dim_company c using (company_id)""",
        ),
        (
            "mentions",
            """select a.source_file, a.title, f.entity_type, coalesce(p.park_name, c.company_name), f.mention_text
               from marts.fact_mention f join marts.dim_article a using (article_id)
               left join marts.dim_park p on f.entity_type = 'park' and p.park_id = f.entity_id
               left join marts.dim_company c on f.entity_type = 'company' and c.company_id = f.entity_id""",
        ),
        (
            "projects",
            """select a.source_file, a.title, f.project_name, f.status, f.investment_cny, f.investment_qualifier,
                      f.event_date, p.park_name, c.company_name
               from marts.fact_project f join marts.dim_article a using (article_id)
               left join marts.dim_park p using (park_id) left join marts.dim_company c using (company_id)""",
        ),
    ],
)
def test_txt_pdf_and_html_build_to_the_same_facts(built, kind, sql):
    facts = _by_format(built, sql)
    assert facts.get("txt"), kind  # the stories state facts of every kind
    assert facts.get("pdf") == facts["txt"], kind
    assert facts.get("html") == facts["txt"], kind


def test_chrome_numbers_and_zones_never_become_facts(built):
    raw = [r[0] for r in built.execute("select raw_text || ' ' || evidence from marts.fact_metric").fetchall()]
    assert raw and not [t for t in raw if any(n in t for n in CHROME_NUMBERS)]
    parks = {r[0] for r in built.execute("select park_name from marts.dim_park").fetchall()}
    assert parks and not parks & set(CHROME_ZONES)
    bodies = " ".join(r[0] for r in built.execute("select body from marts.dim_article").fetchall())
    assert not any(n in bodies for n in (*CHROME_NUMBERS, *CHROME_ZONES))
