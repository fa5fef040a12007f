"""`loaders.report`: the offline HTML report, read as text and rendered in headless Chromium."""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
import warnings
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import duckdb
import pytest

from loaders.report import STATUS, fmt_value, nice_ticks, scaled, text_width, write_report

pytestmark = pytest.mark.build  # builds whole warehouses: `pytest -m "not build"` skips it

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GAOXIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
CONSOLE = re.compile(r"CONSOLE|Uncaught")

# the contract's columns (../shared/CONTRACT.md), for warehouses made by hand
CONTRACT_DDL = """
create schema marts;
create table marts.dim_article (article_id varchar, source_file varchar, article_index int, title varchar,
    byline varchar, published_on date, published_on_source varchar, body varchar, char_count int);
create table marts.dim_park (park_id varchar, park_name varchar, park_full_name varchar, park_type varchar,
    park_level varchar, province varchar, city varchar, aliases varchar[], on_national_list boolean,
    article_count int, first_seen_on date, last_seen_on date);
create table marts.dim_company (company_id varchar, company_name varchar, aliases varchar[], park_id varchar,
    article_count int, first_seen_on date);
create table marts.dim_metric (metric_id varchar, metric_code varchar, metric_name_zh varchar, category varchar,
    unit_kind varchar);
create table marts.dim_date (date_day date);
create table marts.fact_mention (mention_id varchar, article_id varchar, entity_type varchar, entity_id varchar,
    mention_text varchar, char_start int, char_end int);
create table marts.fact_metric (metric_fact_id varchar, article_id varchar, park_id varchar, company_id varchar,
    subject_type varchar, subject_name varchar, metric_id varchar, metric_raw varchar, value double, unit varchar,
    qualifier varchar, is_growth boolean, period_label varchar, period_start date, period_end date,
    raw_text varchar, evidence varchar, char_start int, char_end int);
create table marts.fact_project (project_fact_id varchar, article_id varchar, park_id varchar, company_id varchar,
    project_name varchar, status varchar, investment_cny double, investment_usd double,
    investment_qualifier varchar, event_date date, evidence varchar, char_start int, char_end int);
"""


def report_of(db: Path, out: Path, title: str = "gaoxin") -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert write_report(con, out, title) == out
    finally:
        con.close()
    return out.read_text(encoding="utf-8")


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}">(.*?)</section>', page, re.S)
    assert found, f"no section {section_id}"
    return found.group(1)


needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk); CI installs it",
)


def chromium(tmp: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
        capture_output=True,
        text=True,
        timeout=30,
    )


def console_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if CONSOLE.search(line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def screenshot(tmp: Path, page: Path, height: int = 2400) -> tuple[Path, subprocess.CompletedProcess]:
    shot = tmp / f"{page.stem}.png"
    proc = chromium(tmp, page.as_uri(), f"--screenshot={shot}", f"--window-size=1280,{height}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return shot, proc


@pytest.fixture(scope="module")
def sample_db(sample_warehouse) -> Path:
    """The bundled sample, built once per session as a user builds it (read only here)."""
    return sample_warehouse


@pytest.fixture(scope="module")
def sample(sample_db, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    return out, report_of(sample_db, out, title="gaoxin <sample> & co")


@pytest.fixture
def empty_db(tmp_path) -> Path:
    db = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(db))
    con.execute(CONTRACT_DDL)
    con.close()
    return db


# --- formatting -----------------------------------------------------------------------------------


def test_numbers_are_formatted_for_people():
    assert fmt_value(77_780_000_000, "CNY") == "777.8亿元"
    assert fmt_value(220_000, "家", "gt") == "超22万家"
    assert fmt_value(8.0, "percent") == "8.0%"
    assert fmt_value(20.1, "percent", is_growth=True) == "+20.1%"
    assert fmt_value(-3.25, "percent", is_growth=True) == "-3.25%"
    assert fmt_value(5e9, "CNY", "approx") == "约50亿元"
    assert fmt_value(1e8, "USD", "gt") == "超1亿美元"
    assert fmt_value(31_615_000_000, "CNY") == "316.15亿元"
    assert fmt_value(3.4, "个百分点", is_growth=True) == "+3.4个百分点"
    assert fmt_value(37, "家") == "37家"
    assert fmt_value(15_000, "吨/年") == "1.5万吨/年"
    assert scaled(1.5e12) == "1.5万亿"
    assert scaled(0) == "0"


def test_chart_helpers():
    assert nice_ticks(78, integer=True) == [0, 20, 40, 60, 80]
    assert nice_ticks(3, integer=True) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]
    assert all(t == int(t) for t in nice_ticks(7, integer=True))
    assert text_width("高新区") > text_width("abc")


# --- the sample report, as text -----------------------------------------------------------------


def test_report_is_self_contained(sample):
    _, page = sample
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"""(?:src|href|srcset|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page.lower() and "@import" not in page and "<link" not in page.lower()
    assert "<img" not in page.lower() and "@font-face" not in page
    # every link is to an anchor on the page, and every anchor exists
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = re.findall(r'href="([^"]*)"', page)
    assert targets and all(t.startswith("#") and t[1:] in ids for t in targets), targets
    assert "sans-serif" in page


def test_title_is_escaped(sample):
    _, page = sample
    assert "<title>gaoxin &lt;sample&gt; &amp; co · report</title>" in page
    assert "<sample>" not in page


def test_each_chart_section_has_a_chart(sample):
    _, page = sample
    assert section(page, "investment").count("<svg") == 2  # investment by zone and status, counts by status
    assert section(page, "time").count("<svg") == 1
    assert section(page, "compare").count("<svg") >= 2
    for svg in re.findall(r"<svg\b.*?</svg>", page, re.S):
        ET.fromstring(svg)  # well-formed


def test_investment_chart_shows_cny_by_zone_and_status(sample, sample_db):
    _, page = sample
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        top_zone, top_total = con.execute(
            "select p.park_name, sum(f.investment_cny) from marts.fact_project as f "
            "inner join marts.dim_park as p using (park_id) group by all order by 2 desc limit 1"
        ).fetchone()
        statuses = [s for (s,) in con.execute("select distinct status from marts.fact_project").fetchall()]
    finally:
        con.close()
    chart = section(page, "investment")
    assert html.escape(top_zone) in chart
    assert f"{scaled(top_total)}元" in chart
    for status in statuses:
        assert html.escape(STATUS[status][0]) in chart  # a bar in the counts chart


def test_months_are_on_the_time_axis(sample):
    _, page = sample
    chart = section(page, "time")
    for month in ("2024-01", "2024-03", "2024-04", "2024-06", "2024-10"):
        assert f">{month}</text>" in chart


def test_a_section_per_zone_with_facts_in_order(sample, sample_db):
    _, page = sample
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        counts = dict(
            con.execute(
                "select p.park_id, count(*) from marts.dim_park as p inner join ("
                "  select park_id from marts.fact_metric union all select park_id from marts.fact_project"
                "  union all select park_id from marts.dim_company"
                ") as x using (park_id) group by all"
            ).fetchall()
        )
        with_facts = {
            pid
            for (pid,) in con.execute(
                "select park_id from marts.fact_metric where park_id is not null "
                "union select park_id from marts.fact_project where park_id is not null"
            ).fetchall()
        }
    finally:
        con.close()
    assert with_facts
    order = re.findall(r'<section class="zone" id="zone-([^"]+)">', page)
    assert with_facts <= set(order)
    assert set(order) == set(counts)
    assert [counts[z] for z in order] == sorted((counts[z] for z in order), reverse=True)
    toc = re.findall(r'<li><a href="#zone-([^"]+)">', page)
    assert toc == order


def test_evidence_is_escaped_and_the_quantity_highlighted(sample, sample_db):
    _, page = sample
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        facts = con.execute("select evidence, raw_text from marts.fact_metric where park_id is not null").fetchall()
        projects = con.execute("select evidence from marts.fact_project").fetchall()
    finally:
        con.close()
    plain = page.replace("<mark>", "").replace("</mark>", "")
    for evidence, raw_text in facts:
        assert html.escape(evidence) in plain
        assert f"<mark>{html.escape(raw_text)}</mark>" in page
    for (evidence,) in projects:
        assert html.escape(evidence) in plain


def test_hostile_text_is_escaped(empty_db, tmp_path):
    con = duckdb.connect(str(empty_db))
    body = '<b>X高新区</b> & "co": 总投资5亿元, 5亿元 again'
    con.execute(
        "insert into marts.dim_article values ('a1', 'p<1>.txt', 0, '<i>title</i>', null, ?, 'manifest', ?, ?)",
        [date(2024, 5, 1), body, len(body)],
    )
    con.execute(
        "insert into marts.dim_park values ('p1', '<script>alert(1)</script>区', null, 'high_tech_zone', "
        "'national', '江苏', null, ['<x>'], true, 1, null, null)"
    )
    con.execute("insert into marts.dim_metric values ('m1', 'investment', '投资额', 'investment', 'currency')")
    start = body.rindex("5亿元")
    con.execute(
        "insert into marts.fact_metric values ('f1', 'a1', 'p1', null, 'park', 'x', 'm1', '总投资', 5e8, 'CNY', "
        "'eq', false, '2024', null, null, '5亿元', ?, ?, ?)",
        [body, start, start + 3],
    )
    con.execute(
        "insert into marts.fact_project values ('j1', 'a1', 'p1', null, '<u>项目</u>', 'signed', 5e8, 1e8, 'gt', "
        "null, ?, 0, ?)",
        [body, len(body)],
    )
    con.close()
    page = report_of(empty_db, tmp_path / "hostile.html")
    assert "<script>alert" not in page and "<b>X" not in page and "<u>项目" not in page and "<x>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;区" in page
    assert "&lt;i&gt;title&lt;/i&gt;" in page
    # the quantity the fact's span points at (the second 5亿元), not the first one
    assert "5亿元, <mark>5亿元</mark> again" in page
    assert "超1亿美元" in page  # USD is shown as stated, not converted


# --- empty and partial warehouses -----------------------------------------------------------------


def test_empty_warehouse(empty_db, tmp_path):
    page = report_of(empty_db, tmp_path / "empty.html")
    assert page.rstrip().endswith("</html>")
    assert "No project statements" in page
    assert "No dated figure or project statement" in page
    assert 'class="zone"' not in page
    assert "Not in this warehouse" not in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_warehouse_without_marts(tmp_path):
    db = tmp_path / "bare.duckdb"
    duckdb.connect(str(db)).close()
    page = report_of(db, tmp_path / "out" / "bare.html")
    assert "Not in this warehouse" in page and "marts.fact_metric" in page


# --- rendered in Chromium, offline ----------------------------------------------------------------


@needs_chromium
def test_sample_report_renders_in_chromium(sample, tmp_path):
    out, _ = sample
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        if not fonts.strip():
            warnings.warn("no CJK font (apt-get install fonts-noto-cjk): Chinese renders as boxes", stacklevel=1)
    shot, proc = screenshot(tmp_path, out)
    assert shot.exists() and png_size(shot) == (1280, 2400)
    assert shot.stat().st_size > 60_000, "the screenshot looks blank"
    assert console_lines(proc) == []
    dom = chromium(tmp_path, out.as_uri(), "--dump-dom")
    assert dom.returncode == 0 and console_lines(dom) == []
    assert 'id="investment"' in dom.stdout and dom.stdout.count("<svg") >= 4


@needs_chromium
def test_empty_report_renders_in_chromium(empty_db, tmp_path):
    out = tmp_path / "empty.html"
    report_of(empty_db, out)
    shot, proc = screenshot(tmp_path, out, height=1200)
    assert png_size(shot) == (1280, 1200) and shot.stat().st_size > 10_000
    assert console_lines(proc) == []


@needs_chromium
def test_console_check_sees_errors(tmp_path):
    """The console check is not vacuous: a page with a script error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); undefinedFn();</script>")
    proc = chromium(tmp_path, bad.as_uri(), "--dump-dom")
    assert any("Uncaught" in line for line in console_lines(proc)), proc.stderr[-2000:]
