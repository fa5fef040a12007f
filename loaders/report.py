"""A one-file HTML report of the warehouse, for people who would rather look than query.

`write_report(con, out)` reads the marts (`../shared/CONTRACT.md`) and writes a single
self-contained HTML page: inline CSS, charts as inline SVG drawn here, the system font
stack, no script, no external reference of any kind, so it opens offline, from an e-mail
attachment or a file share. Every text that comes from the database is escaped.

Sections: what the warehouse holds; project investment by zone and status; statements by
published month; metric comparisons across zones (latest level, growth rates); and one
section per zone (attributes, figures with their evidence sentence, projects, companies).
"""

from __future__ import annotations

import html
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

# --- the contract columns the report reads ------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "dim_article": (
        "article_id",
        "source_file",
        "page_number",
        "article_index",
        "title",
        "byline",
        "published_on",
        "published_on_source",
        "char_count",
    ),
    "dim_park": (
        "park_id",
        "park_name",
        "park_full_name",
        "park_type",
        "park_level",
        "province",
        "city",
        "aliases",
        "on_national_list",
        "article_count",
        "first_seen_on",
        "last_seen_on",
    ),
    "dim_company": ("company_id", "company_name", "aliases", "park_id", "article_count", "first_seen_on"),
    "dim_metric": ("metric_id", "metric_code", "metric_name_zh", "category", "unit_kind"),
    "fact_mention": ("entity_type", "entity_id"),
    "fact_metric": (
        "metric_fact_id",
        "article_id",
        "park_id",
        "company_id",
        "subject_type",
        "subject_name",
        "metric_id",
        "metric_raw",
        "value",
        "unit",
        "qualifier",
        "is_growth",
        "period_label",
        "period_start",
        "period_end",
        "raw_text",
        "evidence",
        "char_start",
        "char_end",
    ),
    "fact_project": (
        "project_fact_id",
        "article_id",
        "park_id",
        "company_id",
        "project_name",
        "status",
        "investment_cny",
        "investment_usd",
        "investment_qualifier",
        "event_date",
        "evidence",
        "char_start",
        "char_end",
    ),
}

Row = dict[str, object]


@dataclass
class Marts:
    articles: dict[str, Row] = field(default_factory=dict)
    parks: dict[str, Row] = field(default_factory=dict)
    companies: dict[str, Row] = field(default_factory=dict)
    metrics: dict[str, Row] = field(default_factory=dict)
    facts: list[Row] = field(default_factory=list)
    figures: list[Row] = field(default_factory=list)  # the latest reconciled figure per zone, metric, unit
    no_figures: bool = False  # the warehouse has no marts.agg_reconciled_metric
    projects: list[Row] = field(default_factory=list)
    park_mentions: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    database: str = ""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _load(con: duckdb.DuckDBPyConnection) -> Marts:
    """Read the contract columns of the marts; a missing table reads as empty, a missing column as null."""
    marts = Marts()
    catalog = con.execute("select current_database()").fetchone()[0]
    present: dict[str, set[str]] = defaultdict(set)
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' and table_catalog = ?",
        [catalog],
    ).fetchall():
        present[table].add(column)
    path = con.execute("select path from duckdb_databases() where database_name = ?", [catalog]).fetchone()
    marts.database = Path(path[0]).name if path and path[0] else str(catalog)

    def rows(table: str, where: str = "") -> list[Row]:
        if table not in present:
            marts.missing.append(f"marts.{table}")
            return []
        cols = COLUMNS[table]
        select = ", ".join(_quote(c) if c in present[table] else f"null as {_quote(c)}" for c in cols)
        result = con.execute(f"select {select} from {_quote(catalog)}.marts.{_quote(table)} {where}").fetchall()
        return [dict(zip(cols, r, strict=True)) for r in result]

    marts.articles = {r["article_id"]: r for r in rows("dim_article")}
    marts.parks = {r["park_id"]: r for r in rows("dim_park")}
    marts.companies = {r["company_id"]: r for r in rows("dim_company")}
    marts.metrics = {r["metric_id"]: r for r in rows("dim_metric")}
    marts.facts = [r for r in rows("fact_metric") if _finite(r["value"])]
    marts.projects = rows("fact_project")
    marts.park_mentions = Counter(r["entity_id"] for r in rows("fact_mention") if r["entity_type"] == "park")

    # where the quantity sits in its evidence sentence, found through the article body
    bodies: dict[str, str] = {}
    if marts.facts and "body" in present.get("dim_article", set()):
        bodies = dict(
            con.execute(
                f"select article_id, body from {_quote(catalog)}.marts.dim_article "
                f"where article_id in (select article_id from {_quote(catalog)}.marts.fact_metric)"
            ).fetchall()
        )
    for f in marts.facts:
        f["mark"] = _quantity_in_evidence(f, bodies.get(f["article_id"]))
        m = marts.metrics.get(f["metric_id"]) or {}
        f["metric_code"] = m.get("metric_code") or "other"
        f["metric_name"] = m.get("metric_name_zh") or f["metric_code"]
    marts.figures = _latest_figures(con, catalog, present, marts)
    return marts


# The latest reconciled figure of each zone, metric and unit, by the rule of the analysis
# latest_key_figures_per_zone: the period that ends last (undated last), then the one
# published last. The value is the mart's agreed value, so the report and BI tools agree.
LATEST_FIGURES_SQL = """
select park_id, metric_id, metric_code, is_growth, unit, agreed_value, agreed_qualifier, period_label,
       period_start, period_end, agreed_raw_text, latest_evidence, latest_article_id, agreed_metric_fact_id
from (
    select *, row_number() over (
        partition by park_id, metric_code, is_growth, unit
        order by period_end desc nulls last, latest_published_on desc nulls last,
                 period_start asc nulls last, reconciled_metric_id asc
    ) as recency_rank
    from {table}
    where subject_type = 'park' and park_id is not null
)
where recency_rank = 1
"""
_FIGURE_COLUMNS = {
    "reconciled_metric_id",
    "park_id",
    "metric_id",
    "metric_code",
    "subject_type",
    "is_growth",
    "unit",
    "agreed_value",
    "agreed_qualifier",
    "period_label",
    "period_start",
    "period_end",
    "latest_published_on",
    "agreed_raw_text",
    "latest_evidence",
    "latest_article_id",
    "agreed_metric_fact_id",
}


def _latest_figures(con: duckdb.DuckDBPyConnection, catalog: str, present: dict[str, set[str]], marts: Marts):
    """Rows of marts.agg_reconciled_metric shaped like facts for the comparison charts."""
    if not present.get("agg_reconciled_metric", set()) >= _FIGURE_COLUMNS:
        marts.no_figures = True  # a contract-only warehouse: the comparisons say so
        return []
    raw = {f["metric_fact_id"]: f.get("metric_raw") for f in marts.facts}
    table = f"{_quote(catalog)}.marts.agg_reconciled_metric"
    figures = []
    for r in con.execute(LATEST_FIGURES_SQL.format(table=table)).fetchall():
        (park, metric_id, code, growth, unit, value, qual, label, start, end, text, evidence, article, fact) = r
        if not _finite(value):
            continue
        figures.append(
            {
                "park_id": park,
                "metric_id": metric_id,
                "metric_code": code or "other",
                "metric_name": (marts.metrics.get(metric_id) or {}).get("metric_name_zh") or code,
                "subject_type": "park",
                "is_growth": growth,
                "unit": unit,
                "value": value,
                "qualifier": qual,
                "period_label": label,
                "period_start": start,
                "period_end": end,
                "raw_text": text,
                "metric_raw": raw.get(fact) or "",
                "evidence": evidence,
                "article_id": article,
            }
        )
    return figures


def _finite(v: object) -> bool:
    return isinstance(v, int | float) and math.isfinite(v)


def _quantity_in_evidence(f: Row, body: str | None) -> tuple[int, int] | None:
    """The span of `raw_text` inside `evidence`: the occurrence the fact's body span points at."""
    evidence, raw = f["evidence"] or "", f["raw_text"] or ""
    if not evidence or not raw:
        return None
    start, end = f["char_start"], f["char_end"]
    if body and isinstance(start, int) and isinstance(end, int):
        s = body.rfind(evidence, max(0, end - len(evidence)), start + len(evidence))
        if s >= 0 and evidence[start - s : end - s] == raw:
            return start - s, end - s
    s = evidence.find(raw)
    return (s, s + len(raw)) if s >= 0 else None


# --- formatting -----------------------------------------------------------------------------

QUALIFIER_PREFIX = {"gt": "超", "gte": "达", "approx": "约", "lt": "不足"}
QUALIFIER_NAME = {"eq": "exact", "gt": "more than", "gte": "at least", "approx": "about", "lt": "less than"}

STATUS = {  # pipeline order: label, colour
    "planned": ("规划 planned", "#b9c6d6"),
    "approved": ("获批 approved", "#8fa8c8"),
    "signed": ("签约 signed", "#4e79a7"),
    "started": ("开工 started", "#76b7b2"),
    "under_construction": ("在建 under construction", "#59a14f"),
    "in_production": ("投产 in production", "#e6c14f"),
    "in_operation": ("运营 in operation", "#f28e2b"),
    "completed": ("建成 completed", "#9c755f"),
    "unknown": ("未知 unknown", "#cfcfcf"),
}
PARK_TYPE = {
    "high_tech_zone": "高新区 high-tech zone",
    "economic_development_zone": "经开区 economic development zone",
    "industrial_park": "产业园 industrial park",
    "bonded_zone": "综保区 bonded zone",
    "new_area": "新区 new area",
    "science_city": "科学城 science city",
    "demonstration_zone": "示范区 demonstration zone",
    "other": "其他 other",
}
PARK_LEVEL = {"national": "国家级 national", "provincial": "省级 provincial", "unknown": "级别未知 level unknown"}
SUBJECT = {"park": "zone", "company": "company", "project": "project", "region": "region", "programme": "programme"}

ACCENT = "#2f5d8a"
SERIES = ("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f")
NO_ZONE = "（未归属园区）"


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _trim(x: float, decimals: int = 2) -> str:
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def scaled(v: float) -> str:
    """A number the way Chinese texts write it: 777.8亿, 22万, 1.5万亿, 356."""
    a = abs(v)
    for div, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if a >= div:
            return _trim(v / div) + word
    return _trim(v)


def fmt_percent(v: float, signed: bool = False) -> str:
    s = _trim(v)
    if "." not in s:
        s += ".0"
    return ("+" if signed and v > 0 else "") + s + "%"


def fmt_value(value: float, unit: str | None, qualifier: str | None = None, is_growth: bool = False) -> str:
    """777.8亿元, 超22万家, 8.0%, +20.1%, 约50亿美元, 3.4个百分点."""
    unit = unit or ""
    if unit == "percent":
        text = fmt_percent(value, signed=is_growth)
    elif unit == "CNY":
        text = scaled(value) + "元"
    elif unit == "USD":
        text = scaled(value) + "美元"
    elif unit == "个百分点":
        text = ("+" if is_growth and value > 0 else "") + _trim(value) + unit
    else:
        text = scaled(value) + unit
    return QUALIFIER_PREFIX.get(qualifier or "", "") + text


def fmt_date(d: object) -> str:
    return d.isoformat() if isinstance(d, date) else ""


def fmt_int(n: int) -> str:
    return f"{n:,}"


def _period(f: Row, short: bool = False) -> str:
    label = f["period_label"] or ""
    if label == "cumulative":
        return "累计" if short else "累计 cumulative"
    return label or ("" if short else "—")


def _highlight(text: str | None, span: tuple[int, int] | None) -> str:
    text = text or ""
    if not span:
        return esc(text)
    s, e = span
    return f"{esc(text[:s])}<mark>{esc(text[s:e])}</mark>{esc(text[e:])}"


def _anchor(park_id: object) -> str:
    return "zone-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(park_id))


# --- SVG charts -------------------------------------------------------------------------------

FONT_SIZE = 12


def text_width(s: str, size: float = FONT_SIZE) -> float:
    """An estimate of how wide `s` renders: CJK characters are square, Latin ones narrower."""
    w = 0.0
    for ch in s:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            w += 1.0
        elif ch in "il.,:;|!'·()[] ":
            w += 0.32
        elif ch.isupper() or ch in "mwMW%@":
            w += 0.78
        else:
            w += 0.58
    return w * size


def fit(s: str, width: float, size: float = FONT_SIZE) -> str:
    """`s`, shortened with an ellipsis to fit `width`."""
    if text_width(s, size) <= width:
        return s
    while s and text_width(s + "…", size) > width:
        s = s[:-1]
    return s + "…"


def nice_ticks(vmax: float, n: int = 5, integer: bool = False) -> list[float]:
    if vmax <= 0:
        return [0.0, 1.0]
    raw = vmax / n
    mag = 10 ** math.floor(math.log10(raw))
    step = 10 * mag
    for m in (1, 2, 2.5, 5, 10):
        if integer and m == 2.5 and mag < 10:
            continue
        if m * mag >= raw:
            step = m * mag
            break
    if integer:
        step = max(1.0, round(step))
    top = math.ceil(vmax / step - 1e-9) * step
    return [i * step for i in range(round(top / step) + 1)]


def _svg(width: float, height: float, label: str, body: Iterable[str]) -> str:
    return (
        f'<svg class="chart" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, s: str, anchor: str = "start", cls: str = "", size: float = FONT_SIZE) -> str:
    c = f' class="{cls}"' if cls else ""
    fs = f' font-size="{size:g}"' if size != FONT_SIZE else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}{fs}>{esc(s)}</text>'


def _legend(items: Sequence[tuple[str, str]], x0: float, y0: float, width: float) -> tuple[list[str], float]:
    """Swatches and labels, wrapped to `width`; returns the elements and the height used."""
    out, x, y = [], x0, y0
    for label, color in items:
        w = 14 + text_width(label) + 16
        if x > x0 and x + w > x0 + width:
            x, y = x0, y + 20
        out.append(f'<rect x="{x:.1f}" y="{y + 1:.1f}" width="10" height="10" rx="2" fill="{color}"/>')
        out.append(_text(x + 14, y + 10, label, cls="legend"))
        x += w
    return out, (y - y0) + 20


@dataclass
class Bar:
    label: str
    value: float
    text: str = ""
    color: str = ACCENT
    tooltip: str = ""


def hbar_chart(bars: Sequence[Bar], title: str, width: float = 960, label_max: float = 220) -> str:
    """Horizontal bars, one per row, each labelled with its value at its end."""
    if not bars:
        return ""
    bar_h, gap, top = 18, 8, 6
    label_w = min(label_max, max(text_width(b.label) for b in bars)) + 12
    right = max(text_width(b.text) for b in bars) + 12
    plot_w = max(60.0, width - label_w - right)
    lo = min(0.0, *(b.value for b in bars))
    hi = max(0.0, *(b.value for b in bars))
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return label_w + (v - lo) / span * plot_w

    height = top + len(bars) * (bar_h + gap) + 4
    out = []
    for i, b in enumerate(bars):
        y = top + i * (bar_h + gap)
        x0, x1 = sorted((x(0), x(b.value)))
        tip = b.tooltip or f"{b.label}: {b.text}"
        out.append(_text(label_w - 8, y + bar_h / 2 + 4, fit(b.label, label_w - 12), anchor="end", cls="label"))
        out.append(
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 1.5):.1f}" height="{bar_h}" rx="2" '
            f'fill="{b.color}"><title>{esc(tip)}</title></rect>'
        )
        tx = x1 + 6 if b.value >= 0 else x0 - 6
        out.append(_text(tx, y + bar_h / 2 + 4, b.text, anchor="start" if b.value >= 0 else "end", cls="value"))
    out.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="0" y2="{height - 2}" class="axis"/>')
    return _svg(width, height, title, out)


def stacked_hbar_chart(
    rows: Sequence[tuple[str, dict[str, float], str]],
    series: Sequence[tuple[str, str, str]],
    title: str,
    fmt,
    width: float = 960,
    label_max: float = 220,
) -> str:
    """Horizontal bars split into segments: rows are (label, {series key: value}, total text);
    series are (key, legend label, colour), in stacking order."""
    if not rows:
        return ""
    used = [s for s in series if any(r[1].get(s[0]) for r in rows)]
    legend, legend_h = _legend([(lab, col) for _, lab, col in used], 0, 4, width)
    bar_h, gap, top = 20, 8, legend_h + 12
    label_w = min(label_max, max(text_width(r[0]) for r in rows)) + 12
    right = max(text_width(r[2]) for r in rows) + 12
    plot_w = max(60.0, width - label_w - right)
    hi = max(sum(v for v in r[1].values() if v > 0) for r in rows) or 1.0
    height = top + len(rows) * (bar_h + gap) + 4
    out = list(legend)
    for i, (label, values, total) in enumerate(rows):
        y = top + i * (bar_h + gap)
        out.append(_text(label_w - 8, y + bar_h / 2 + 4, fit(label, label_w - 12), anchor="end", cls="label"))
        x = label_w
        for key, lab, color in used:
            v = values.get(key) or 0.0
            if v <= 0:
                continue
            w = v / hi * plot_w
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1.0):.1f}" height="{bar_h}" fill="{color}" '
                f'stroke="#fff" stroke-width="0.6"><title>{esc(f"{label} · {lab}: {fmt(v)}")}</title></rect>'
            )
            inner = fmt(v)
            if len([x for x in values.values() if x > 0]) > 1 and w > text_width(inner, 11) + 8:
                out.append(_text(x + w / 2, y + bar_h / 2 + 4, inner, anchor="middle", cls="inner", size=11))
            x += w
        out.append(_text(x + 6, y + bar_h / 2 + 4, total, cls="value"))
    out.append(f'<line x1="{label_w}" x2="{label_w}" y1="{top - 4}" y2="{height - 2}" class="axis"/>')
    return _svg(width, height, title, out)


def column_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    title: str,
    width: float = 960,
    height: float = 300,
    integer: bool = True,
) -> str:
    """Grouped columns over ordered categories (months); series are (legend label, colour, values)."""
    legend, legend_h = _legend([(lab, col) for lab, col, _ in series], 0, 4, width)
    vmax = max((v for _, _, vals in series for v in vals), default=0)
    ticks = nice_ticks(vmax, 5, integer)
    top_v = ticks[-1]
    left = max(text_width(_trim(t)) for t in ticks) + 14
    top, bottom = legend_h + 16, 40
    plot_w, plot_h = width - left - 8, height - top - bottom
    n = max(1, len(categories))
    slot = plot_w / n
    group_w = slot * 0.72
    col_w = group_w / max(1, len(series))

    def y(v: float) -> float:
        return top + plot_h - v / top_v * plot_h

    out = list(legend)
    for t in ticks:
        out.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>')
        out.append(_text(left - 6, y(t) + 4, _trim(t), anchor="end", cls="tick"))
    label_w = max((text_width(c, 11) for c in categories), default=0)
    every = max(1, math.ceil((label_w + 8) / slot))
    for i, cat in enumerate(categories):
        x0 = left + i * slot + (slot - group_w) / 2
        for j, (lab, color, vals) in enumerate(series):
            v = vals[i]
            if v <= 0:
                continue
            cx = x0 + j * col_w
            out.append(
                f'<rect x="{cx + 1:.1f}" y="{y(v):.1f}" width="{max(col_w - 2, 1):.1f}" height="{y(0) - y(v):.1f}" '
                f'rx="1.5" fill="{color}"><title>{esc(f"{cat} · {lab}: {_trim(v)}")}</title></rect>'
            )
            if col_w >= text_width(_trim(v), 10) + 2:
                out.append(_text(cx + col_w / 2, y(v) - 4, _trim(v), anchor="middle", cls="value", size=10))
        if i % every == 0:
            out.append(_text(left + (i + 0.5) * slot, y(0) + 16, cat, anchor="middle", cls="tick", size=11))
    out.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis"/>')
    return _svg(width, height, title, out)


# --- sections ---------------------------------------------------------------------------------


def _empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'


def _park_name(m: Marts, park_id: object) -> str:
    p = m.parks.get(park_id)
    return (p and p["park_name"]) or NO_ZONE


def _header(m: Marts, title: str, generated: datetime) -> str:
    dates = [a["published_on"] for a in m.articles.values() if isinstance(a["published_on"], date)]
    undated = len(m.articles) - len(dates)
    pages = len({(a["source_file"], a["page_number"]) for a in m.articles.values()})
    span = f"articles published {min(dates).isoformat()} – {max(dates).isoformat()}" if dates else "no dated article"
    tiles = [
        ("articles", fmt_int(len(m.articles)), f"on {fmt_int(pages)} pages"),
        ("zones", fmt_int(len(m.parks)), f"{sum(1 for p in m.parks.values() if p['on_national_list'])} national"),
        ("companies", fmt_int(len(m.companies)), f"{sum(1 for c in m.companies.values() if c['park_id'])} placed"),
        ("figures", fmt_int(len(m.facts)), f"{sum(1 for f in m.facts if f['is_growth'])} growth rates"),
        ("projects", fmt_int(len(m.projects)), f"{sum(1 for p in m.projects if p['investment_cny'])} with CNY"),
    ]
    tile_html = "".join(
        f'<div class="tile"><div class="tile-n">{esc(n)}</div><div class="tile-k">{esc(k)}</div>'
        f'<div class="tile-s">{esc(s)}</div></div>'
        for k, n, s in tiles
    )
    note = f" · {undated} undated" if undated else ""
    missing = (
        f'<p class="warn">Not in this warehouse (shown as empty): {esc(", ".join(m.missing))}</p>' if m.missing else ""
    )
    return (
        f'<header class="top" id="top"><div class="kicker">gaoxin warehouse report</div><h1>{esc(title)}</h1>'
        f'<p class="lede">Chinese high-tech zones as the news pages report them; {esc(span)}{esc(note)}. '
        f"Report made {esc(generated.strftime('%Y-%m-%d %H:%M %Z').strip())} from {esc(m.database)}.</p>"
        f'<div class="tiles">{tile_html}</div>{missing}</header>'
    )


def _investment(m: Marts) -> str:
    parts = ['<section id="investment"><h2>Investment by zone and status</h2>']
    if not m.projects:
        return parts[0] + _empty("No project statements in this warehouse.") + "</section>"
    by_zone: dict[object, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    n_zone: Counter = Counter()
    for p in m.projects:
        if _finite(p["investment_cny"]) and p["investment_cny"] > 0:
            by_zone[p["park_id"]][p["status"] or "unknown"] += p["investment_cny"]
            n_zone[p["park_id"]] += 1
    stated = sum(n_zone.values())
    parts.append(
        f'<p class="note">Total investment in CNY stated for {stated} of {len(m.projects)} project statements, '
        "summed per zone and split by the project's status. Hover a segment for its amount.</p>"
    )
    series = [(k, lab, col) for k, (lab, col) in STATUS.items()]
    series += [(s, s, "#cfcfcf") for s in sorted({p["status"] or "unknown" for p in m.projects} - set(STATUS))]
    if by_zone:
        ranked = sorted(by_zone.items(), key=lambda kv: (-sum(kv[1].values()), _park_name(m, kv[0])))
        limit = 20
        rows = [(_park_name(m, z), dict(v), f"{scaled(sum(v.values()))}元 · {n_zone[z]} 项") for z, v in ranked[:limit]]
        if len(ranked) > limit:
            rest: dict[str, float] = defaultdict(float)
            for _, v in ranked[limit:]:
                for k, x in v.items():
                    rest[k] += x
            rows.append((f"其他 {len(ranked) - limit} 个园区", dict(rest), f"{scaled(sum(rest.values()))}元"))
        chart = stacked_hbar_chart(
            rows, series, "Project investment (CNY) by zone and status", lambda v: scaled(v) + "元", width=676
        )
    else:
        chart = _empty("No project states its investment in CNY.")
    counts = Counter(p["status"] or "unknown" for p in m.projects)
    with_cny = Counter(p["status"] or "unknown" for p in m.projects if _finite(p["investment_cny"]))
    bars = [
        Bar(
            STATUS.get(k, (k, ""))[0],
            counts[k],
            f"{counts[k]}",
            STATUS.get(k, ("", "#cfcfcf"))[1],
            f"{counts[k]} projects, {with_cny[k]} with investment in CNY",
        )
        for k, *_ in series
        if counts[k]
    ]
    count_chart = hbar_chart(bars, "Project statements by status", width=310, label_max=150)
    parts.append(
        f'<div class="pair"><div class="card"><h3>Investment, CNY</h3>{chart}</div>'
        f'<div class="card"><h3>Projects by status</h3>{count_chart}</div></div>'
    )
    usd = [p for p in m.projects if _finite(p["investment_usd"])]
    if usd:
        only = [p for p in usd if not _finite(p["investment_cny"])]
        parts.append(
            f'<p class="note">Also stated in US dollars (not converted, not in the bars): {len(usd)} project '
            f"statements, {esc(scaled(sum(p['investment_usd'] for p in usd)))}美元 in all"
            f"{f', {len(only)} of them with no CNY amount' if only else ''}.</p>"
        )
    return "".join(parts) + "</section>"


def _buckets(months: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Month, quarter or year buckets so that the time axis stays readable."""
    (y0, m0), (y1, m1) = min(months), max(months)
    n = (y1 - y0) * 12 + (m1 - m0) + 1
    if n <= 48:
        out, y, mo = [], y0, m0
        while (y, mo) <= (y1, m1):
            out.append((y, mo))
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return "month", out
    if (y1 - y0 + 1) * 4 <= 48:
        return "quarter", [(y, q) for y in range(y0, y1 + 1) for q in range(1, 5)]
    return "year", [(y, 1) for y in range(y0, y1 + 1)]


def _over_time(m: Marts) -> str:
    parts = ['<section id="time"><h2>Statements over time</h2>']
    dated = {k: a["published_on"] for k, a in m.articles.items() if isinstance(a["published_on"], date)}
    facts = [dated.get(f["article_id"]) for f in m.facts]
    projects = [dated.get(p["article_id"]) for p in m.projects]
    if not any(d for d in facts + projects):
        return parts[0] + _empty("No dated figure or project statement in this warehouse.") + "</section>"
    kind, buckets = _buckets([(d.year, d.month) for d in facts + projects if d])

    def key(d: date) -> tuple[int, int]:
        if kind == "month":
            return d.year, d.month
        return (d.year, (d.month - 1) // 3 + 1) if kind == "quarter" else (d.year, 1)

    def label(b: tuple[int, int]) -> str:
        return {"month": f"{b[0]}-{b[1]:02d}", "quarter": f"{b[0]} Q{b[1]}", "year": str(b[0])}[kind]

    cats = [label(b) for b in buckets]
    fc, pc = Counter(key(d) for d in facts if d), Counter(key(d) for d in projects if d)
    f_vals, p_vals = [fc[b] for b in buckets], [pc[b] for b in buckets]
    undated_f, undated_p = facts.count(None), projects.count(None)
    if undated_f or undated_p:
        cats.append("undated")
        f_vals.append(undated_f)
        p_vals.append(undated_p)
    parts.append(
        f'<p class="note">Figures (fact_metric) and project statements (fact_project) by the {kind} their article '
        "was published.</p>"
    )
    chart = column_chart(
        cats,
        [("figures", SERIES[0], f_vals), ("project statements", SERIES[1], p_vals)],
        f"Statements by published {kind}",
        width=1000,
        height=280,
    )
    parts.append(f'<div class="card">{chart}</div>')
    return "".join(parts) + "</section>"


def _latest_key(m: Marts, f: Row) -> tuple:
    published = m.articles.get(f["article_id"], {}).get("published_on")
    return (
        f["period_end"] or date.min,
        published or date.min,
        f["period_start"] or date.min,
        f["value"],
    )


def _comparisons(m: Marts) -> str:
    parts = ['<section id="compare"><h2>Metric comparisons across zones</h2>']
    levels: dict[str, list[Row]] = defaultdict(list)
    growth: dict[str, list[Row]] = defaultdict(list)
    for f in m.figures:  # already one per zone, metric and unit (marts.agg_reconciled_metric)
        if f["park_id"] not in m.parks or f["metric_code"] == "other":
            continue
        (growth if f["is_growth"] else levels)[f["metric_code"]].append(f)
    charts = []
    for code, figures in levels.items():
        units = Counter(f["unit"] for f in figures)
        unit, zones = units.most_common(1)[0]
        if zones < 2:
            continue
        in_unit = [f for f in figures if f["unit"] == unit]
        charts.append((code, unit, sorted(in_unit, key=lambda f: -f["value"])))
    charts.sort(key=lambda c: (-len(c[2]), c[0]))
    if m.no_figures:
        parts.append(_empty("Comparisons read marts.agg_reconciled_metric, which this warehouse lacks."))
    elif not charts:
        parts.append(_empty("No metric (other than 其他) is reported as a level by two or more zones."))
    else:
        parts.append(
            '<p class="note">Metrics that two or more zones report as a level, about the zone itself: the latest '
            "reconciled figure per zone (<code>marts.agg_reconciled_metric</code>: the agreed value of the period "
            "that ends last, then of the one published last), in the unit most zones use. Periods differ: the "
            "period is printed after each value.</p>"
        )
        cards = []
        shown = 12
        for code, unit, facts in charts[:shown]:
            name = facts[0]["metric_name"]
            bars = [
                Bar(
                    _park_name(m, f["park_id"]),
                    f["value"],
                    fmt_value(f["value"], f["unit"], f["qualifier"])
                    + (f" · {_period(f, True)}" if _period(f, True) else ""),
                    SERIES[0],
                    f"{_park_name(m, f['park_id'])}: {f['raw_text']} ({f['metric_raw']})",
                )
                for f in facts[:15]
            ]
            unit_label = {"CNY": "元", "USD": "美元", "percent": "%"}.get(unit, unit)
            more = f" · top 15 of {len(facts)}" if len(facts) > 15 else ""
            cards.append(
                f'<div class="card"><h3>{esc(name)} <span class="code">{esc(code)}</span></h3>'
                f'<p class="sub">{len(facts)} zones · unit {esc(unit_label)}{esc(more)}</p>'
                f"{hbar_chart(bars, f'{name} by zone', width=480, label_max=130)}</div>"
            )
        parts.append(f'<div class="grid">{"".join(cards)}</div>')
        if len(charts) > shown:
            rest = ", ".join(c[0] for c in charts[shown:])
            parts.append(f'<p class="note">Not charted: {esc(rest)}.</p>')
    parts.append(_growth_table(m, growth))
    return "".join(parts) + "</section>"


def _growth_table(m: Marts, growth: dict[str, list[Row]]) -> str:
    latest = {(code, f["park_id"]): f for code, figures in growth.items() for f in figures if f["unit"] == "percent"}
    if not latest:
        return '<h3 class="after">Growth rates by zone</h3>' + _empty(
            "No zone growth rate (in percent) in this warehouse."
        )
    codes = Counter(code for code, _ in latest)
    cols = [c for c, _ in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))][:8]
    zones = sorted(
        {z for c, z in latest if c in cols}, key=lambda z: (-sum((c, z) in latest for c in cols), _park_name(m, z))
    )
    vmax = max(abs(f["value"]) for f in latest.values()) or 1.0
    head = "".join(
        f'<th class="num">{esc(next(f["metric_name"] for (c, _), f in latest.items() if c == code))}'
        f'<br><span class="code">{esc(code)}</span></th>'
        for code in cols
    )
    body = []
    for z in zones[:30]:
        cells = []
        for code in cols:
            f = latest.get((code, z))
            if not f:
                cells.append('<td class="num heat none">·</td>')
                continue
            v = f["value"]
            alpha = 0.12 + 0.55 * min(1.0, abs(v) / vmax)
            bg = f"rgba(78,121,167,{alpha:.2f})" if v >= 0 else f"rgba(242,142,43,{alpha:.2f})"
            tip = f"{f['evidence'] or ''}"
            cells.append(
                f'<td class="num heat" style="background:{bg}" title="{esc(tip)}">{esc(fmt_percent(v, True))}'
                f'<span class="per">{esc(_period(f, True)) or "&nbsp;"}</span></td>'
            )
        body.append(f'<tr><th><a href="#{_anchor(z)}">{esc(_park_name(m, z))}</a></th>{"".join(cells)}</tr>')
    return (
        '<h3 class="after">Growth rates by zone</h3>'
        '<p class="note">The latest year-on-year change each zone reports, in percent '
        "(darker = larger; orange = decline). Hover a cell for its sentence.</p>"
        f'<div class="scroll"><table class="heat-table"><thead><tr><th>zone</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _source(m: Marts, article_id: object) -> str:
    a = m.articles.get(article_id)
    if not a:
        return ""
    title = a["title"] or "（无标题）"
    page = f" p.{a['page_number']}" if a["page_number"] is not None else ""
    bits = [f"《{title}》", f"{a['source_file']}{page} #{a['article_index']}"]
    if a["published_on"]:
        bits.append(fmt_date(a["published_on"]))
    return f'<div class="src">{esc(" · ".join(bits))}</div>'


def _figure_table(m: Marts, facts: list[Row]) -> str:
    facts = sorted(
        facts,
        key=lambda f: (
            f["metric_code"] == "other",
            f["metric_code"],
            bool(f["is_growth"]),
            -(_latest_key(m, f)[1].toordinal()),
            f["char_start"] or 0,
        ),
    )
    rows = []
    for f in facts:
        subject = f["subject_name"] or ""
        kind = SUBJECT.get(f["subject_type"] or "", f["subject_type"] or "")
        sub = f"“{f['metric_raw']}”" if f["metric_raw"] else ""
        if subject:
            sub += f" · {kind}: {subject}"
        growth = ' <span class="tag">增速 growth</span>' if f["is_growth"] else ""
        qual = QUALIFIER_NAME.get(f["qualifier"] or "eq", f["qualifier"] or "")
        base = f"{_trim(f['value'])} {f['unit']} ({qual})"
        rows.append(
            f"<tr><td>{esc(f['metric_name'])}{growth}<div class='sub'>{esc(sub)}</div></td>"
            f'<td class="num" title="{esc(base)}">'
            f"<b>{esc(fmt_value(f['value'], f['unit'], f['qualifier'], bool(f['is_growth'])))}</b></td>"
            f'<td class="nw">{esc(f["unit"])}</td>'
            f'<td class="nw">{esc(qual if f["qualifier"] not in (None, "eq") else "")}</td>'
            f'<td class="per-cell" title="{esc(fmt_date(f["period_start"]) + " – " + fmt_date(f["period_end"]))}">'
            f"{esc(_period(f))}</td>"
            f'<td class="ev">{_highlight(f["evidence"], f.get("mark"))}{_source(m, f["article_id"])}</td></tr>'
        )
    return (
        '<div class="scroll"><table class="facts"><thead><tr><th>metric</th><th class="num">value</th><th>unit</th>'
        "<th>qualifier</th><th>period</th><th>evidence · source</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _investment_text(p: Row) -> str:
    bits = []
    if _finite(p["investment_cny"]):
        bits.append(fmt_value(p["investment_cny"], "CNY", p["investment_qualifier"]))
    if _finite(p["investment_usd"]):
        bits.append(fmt_value(p["investment_usd"], "USD", p["investment_qualifier"]))
    return " / ".join(bits) or "—"


def _status_badge(status: object) -> str:
    label, color = STATUS.get(str(status), (str(status), "#cfcfcf"))
    return f'<span class="badge"><i style="background:{color}"></i>{esc(label)}</span>'


def _project_table(m: Marts, projects: list[Row]) -> str:
    order = {k: i for i, k in enumerate(STATUS)}
    projects = sorted(
        projects, key=lambda p: (-(p["investment_cny"] or 0), order.get(p["status"], 99), p["project_name"] or "")
    )
    rows = []
    for p in projects:
        evidence, name = p["evidence"] or "", p["project_name"] or ""
        s = evidence.find(name) if name else -1
        company = (m.companies.get(p["company_id"]) or {}).get("company_name") or ""
        rows.append(
            f"<tr><td><b>{esc(name)}</b></td><td>{_status_badge(p['status'])}</td>"
            f'<td class="num">{esc(_investment_text(p))}</td><td>{esc(company)}</td>'
            f'<td class="nw">{esc(fmt_date(p["event_date"]))}</td>'
            f'<td class="ev">{_highlight(evidence, (s, s + len(name)) if s >= 0 else None)}'
            f"{_source(m, p['article_id'])}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="facts"><thead><tr><th>project</th><th>status</th>'
        '<th class="num">investment</th><th>company</th><th>date</th><th>evidence · source</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _aliases(aliases: object, name: object = None) -> str:
    return "、".join(str(a) for a in (aliases or []) if a and a != name)


def _company_table(companies: list[Row]) -> str:
    companies = sorted(companies, key=lambda c: (-(c["article_count"] or 0), c["company_name"] or ""))
    rows = "".join(
        f"<tr><td>{esc(c['company_name'])}</td><td>{esc(_aliases(c['aliases'], c['company_name']))}</td>"
        f'<td class="num">{esc(c["article_count"] or "")}</td><td>{esc(fmt_date(c["first_seen_on"]))}</td></tr>'
        for c in companies
    )
    return (
        '<div class="scroll"><table class="facts compact"><thead><tr><th>company</th><th>also written</th>'
        f'<th class="num">articles</th><th>first seen</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _zone_order(m: Marts) -> tuple[list[tuple[object, int, int, int]], list[object]]:
    n_facts = Counter(f["park_id"] for f in m.facts)
    n_projects = Counter(p["park_id"] for p in m.projects)
    n_companies = Counter(c["park_id"] for c in m.companies.values())
    with_facts, mentioned = [], []
    for pid in m.parks:
        counts = (n_facts[pid], n_projects[pid], n_companies[pid])
        if any(counts):
            with_facts.append((pid, *counts))
        else:
            mentioned.append(pid)
    with_facts.sort(
        key=lambda z: (-(z[1] + z[2] + z[3]), -(m.parks[z[0]]["article_count"] or 0), m.parks[z[0]]["park_name"] or "")
    )
    mentioned.sort(key=lambda z: (-(m.parks[z]["article_count"] or 0), m.parks[z]["park_name"] or ""))
    return with_facts, mentioned


def _toc(m: Marts, zones: list[tuple[object, int, int, int]], mentioned: list[object]) -> str:
    links = "".join(
        f'<li><a href="#{_anchor(pid)}">{esc(m.parks[pid]["park_name"])}</a>'
        f'<span class="cnt">{nf} · {np_} · {nc}</span></li>'
        for pid, nf, np_, nc in zones
    )
    sections = (
        '<nav class="sections"><a href="#investment">Investment</a><a href="#time">Over time</a>'
        '<a href="#compare">Comparisons</a><a href="#zones">Zones</a></nav>'
    )
    if not zones:
        body = _empty("No zone has figures, projects or companies yet.")
    else:
        body = (
            '<p class="note">Zones with figures, projects or companies, most documented first '
            "(counts: figures · projects · companies).</p>"
            f'<ol class="toc">{links}</ol>'
        )
    if mentioned:
        body += (
            f'<p class="note">Also mentioned, with nothing more yet: '
            f"{esc('、'.join(m.parks[z]['park_name'] or '' for z in mentioned))}.</p>"
        )
    return f'<section id="contents"><h2>Contents</h2>{sections}{body}</section>'


def _zone_section(m: Marts, pid: object) -> str:
    p = m.parks[pid]
    facts = [f for f in m.facts if f["park_id"] == pid]
    projects = [x for x in m.projects if x["park_id"] == pid]
    companies = [c for c in m.companies.values() if c["park_id"] == pid]
    place = " · ".join(dict.fromkeys(x for x in (p["province"], p["city"]) if x)) or "place unknown"
    chips = [
        PARK_TYPE.get(p["park_type"] or "", p["park_type"] or ""),
        PARK_LEVEL.get(p["park_level"] or "", p["park_level"] or ""),
        place,
    ]
    if p["on_national_list"]:
        chips.append("on the national list")
    aliases = _aliases(p["aliases"])
    seen = " – ".join(dict.fromkeys(fmt_date(d) for d in (p["first_seen_on"], p["last_seen_on"]) if d))
    dl = [
        ("full name", p["park_full_name"] or "—"),
        ("also written", aliases or "—"),
        ("articles", f"{p['article_count'] or 0} ({m.park_mentions.get(pid, 0)} mentions)"),
        ("seen", seen or "—"),
    ]
    out = [
        f'<section class="zone" id="{_anchor(pid)}"><div class="zone-head"><h3>{esc(p["park_name"])}</h3>',
        "".join(f'<span class="chip">{esc(c)}</span>' for c in chips if c),
        '<dl class="attrs">' + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in dl) + "</dl>",
        f'<p class="counts">{len(facts)} figures · {len(projects)} projects · {len(companies)} companies '
        '<a class="up" href="#contents">contents ↑</a></p></div>',
    ]
    if facts:
        out.append(f"<h4>Figures ({len(facts)})</h4>{_figure_table(m, facts)}")
    if projects:
        out.append(f"<h4>Projects ({len(projects)})</h4>{_project_table(m, projects)}")
    if companies:
        out.append(f"<h4>Companies ({len(companies)})</h4>{_company_table(companies)}")
    return "".join(out) + "</section>"


def _zones(m: Marts, zones: list[tuple[object, int, int, int]]) -> str:
    out = ['<section id="zones"><h2>Zones</h2>']
    if not zones:
        out.append(_empty("No zone has figures, projects or companies yet."))
    out.extend(_zone_section(m, z[0]) for z in zones)
    unplaced_f = [f for f in m.facts if f["park_id"] not in m.parks]
    unplaced_p = [p for p in m.projects if p["park_id"] not in m.parks]
    if unplaced_f or unplaced_p:
        out.append(
            f'<details class="zone"><summary>Not tied to a zone: {len(unplaced_f)} figures, '
            f"{len(unplaced_p)} projects</summary>"
        )
        if unplaced_f:
            out.append(f"<h4>Figures</h4>{_figure_table(m, unplaced_f)}")
        if unplaced_p:
            out.append(f"<h4>Projects</h4>{_project_table(m, unplaced_p)}")
        out.append("</details>")
    return "".join(out) + "</section>"


CSS = """
:root{--ink:#1f2933;--muted:#5f6b7a;--faint:#8a94a3;--line:#e3e7ec;--bg:#f5f7f9;--card:#fff;--accent:#2f5d8a;
--mark:#ffe9a8;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Helvetica Neue",
Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1120px;margin:0 auto;padding:28px 24px 64px}
h1{font-size:30px;line-height:1.2;margin:2px 0 8px;letter-spacing:-.01em}
h2{font-size:20px;margin:40px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:0 0 6px}
h3.after{margin-top:22px}
h4{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:18px 0 6px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.kicker{font-size:12px;text-transform:uppercase;letter-spacing:.12em;color:var(--accent);font-weight:600}
.lede{color:var(--muted);margin:0 0 16px;max-width:60em}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.tile-n{font-size:26px;font-weight:650;line-height:1.1}
.tile-k{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin-top:2px}
.tile-s{font-size:12px;color:var(--faint)}
.note{color:var(--muted);font-size:13px;margin:4px 0 12px;max-width:70em}
.sub{color:var(--faint);font-size:12px;margin:0 0 6px}
.warn{background:#fff4e5;border:1px solid #f5c98b;border-radius:6px;padding:8px 12px;font-size:13px}
.empty{color:var(--faint);font-style:italic;border:1px dashed var(--line);border-radius:8px;padding:14px;
background:var(--card)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;min-width:0}
.pair{display:grid;grid-template-columns:minmax(0,7fr) minmax(0,3.4fr);gap:16px;align-items:start}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:16px}
@media (max-width:860px){.pair,.grid{grid-template-columns:minmax(0,1fr)}}
svg.chart{display:block;max-width:100%;height:auto;font-family:inherit;overflow:visible}
svg text{fill:var(--ink);font-size:12px}
svg .label{fill:var(--ink)}svg .value{fill:var(--muted)}svg .tick,svg .legend{fill:var(--muted)}
svg .inner{fill:#fff;font-weight:600}
svg .axis{stroke:#9aa5b1;stroke-width:1}svg .grid{stroke:var(--line);stroke-width:1}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:11px;color:var(--faint);
font-weight:400}
.sections{display:flex;gap:18px;flex-wrap:wrap;margin:0 0 10px;font-weight:600}
.toc{columns:4 200px;column-gap:24px;padding-left:22px;margin:0}
.toc li{break-inside:avoid;padding:1px 0}
.cnt{color:var(--faint);font-size:12px;margin-left:6px}
.zone{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:16px 0}
.zone-head h3{font-size:19px;margin:0 0 6px}
.chip{display:inline-block;font-size:12px;color:var(--muted);background:var(--bg);border:1px solid var(--line);
border-radius:999px;padding:1px 9px;margin:0 6px 6px 0}
.attrs{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0;font-size:13px}
.attrs dt{color:var(--faint)}.attrs dd{margin:0}
.counts{font-size:13px;color:var(--muted);margin:6px 0 0}.up{float:right;font-size:12px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;border-bottom:1px solid #cbd2d9;padding:6px 8px;
vertical-align:bottom}
td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}
tbody tr:hover td{background:#fafbfc}
.num{text-align:right;white-space:nowrap}.nw{white-space:nowrap}
.facts td:nth-child(1){min-width:9em}
.ev{min-width:22em;line-height:1.6}
.src{color:var(--faint);font-size:12px;margin-top:3px}
.per-cell{white-space:nowrap;color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 2px;border-radius:2px}
.tag{font-size:11px;color:#8a5a00;background:#fff3d6;border-radius:3px;padding:0 4px;white-space:nowrap}
.badge{white-space:nowrap;font-size:12px}.badge i{display:inline-block;width:9px;height:9px;border-radius:2px;
margin-right:5px;vertical-align:0}
.heat-table th,.heat-table td{white-space:nowrap}.heat-table tbody th{font-weight:500;color:var(--ink)}
.heat{font-weight:600;min-width:6.5em}.heat.none{color:var(--line);font-weight:400}
.per{display:block;font-size:11px;font-weight:400;color:var(--muted)}
details.zone summary{cursor:pointer;font-weight:600}
footer{color:var(--faint);font-size:12px;margin-top:40px;border-top:1px solid var(--line);padding-top:10px}
@media print{body{background:#fff}.card,.zone,.tile{break-inside:avoid}}
"""


def render(m: Marts, title: str = "gaoxin", generated: datetime | None = None) -> str:
    """The report page for already loaded marts."""
    generated = generated or datetime.now().astimezone()
    zones, mentioned = _zone_order(m)
    body = "".join(
        [
            _header(m, title, generated),
            _toc(m, zones, mentioned),
            _investment(m),
            _over_time(m),
            _comparisons(m),
            _zones(m, zones),
            "<footer>Every figure links back to the sentence it was read from (marts.fact_metric.evidence, "
            "marts.fact_project.evidence); values are in base units in the warehouse and formatted here "
            "(亿 = 10⁸, 万 = 10⁴). 超 / 达 / 约 / 不足 mark figures stated as more than / at least / about / "
            "less than.</footer>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="gaoxin"><title>{esc(title)} · report</title>'
        f"<style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
    )


def write_report(con: duckdb.DuckDBPyConnection, out: Path, title: str = "gaoxin") -> Path:
    """Write the warehouse report to `out` (one self-contained HTML file) and return its path.

    `con` is a connection to the warehouse, best opened read-only
    (`loaders.db.connect(path, read_only=True)`): the report only reads the contract columns of
    the `marts` schema, treating a missing mart as empty. The file is written beside `out` and
    renamed into place, so a reader never sees half a report.
    """
    out = Path(out)
    page = render(_load(con), title)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m loaders.report [--out FILE]`: the report of the published warehouse."""
    import argparse

    from loaders.db import connect, db_path

    parser = argparse.ArgumentParser(prog="python -m loaders.report", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=Path("report.html"), help="where to write (report.html)")
    parser.add_argument("--title", default="gaoxin")
    args = parser.parse_args(argv)
    con = connect(db_path(), read_only=True)
    try:
        print(write_report(con, args.out, args.title))
    finally:
        con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
