"""All the facts of one article, extractor by extractor: the one path from text to records.

The order matters and is fixed here: zones first (everything else refers to them), then
companies (placed in zones), projects (owned by companies, located in zones), and metrics
(whose subject may be any of these). A new extractor reads the `ArticleContext` and adds
one line below.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from loaders.extract.companies import find_companies
from loaders.extract.context import ArticleContext
from loaders.extract.metrics import MetricStatement, find_metrics
from loaders.extract.parks import without_projects
from loaders.extract.projects import ProjectMention, find_projects
from loaders.extract.spans import CompanyMention, ParkMention


@dataclass(frozen=True)
class ArticleFacts:
    parks: list[ParkMention]
    companies: list[CompanyMention]
    projects: list[ProjectMention]
    metrics: list[MetricStatement]


def extract_article(body: str, title: str | None = None, published_on: date | None = None) -> ArticleFacts:
    """Every zone, company, project and metric statement of one article body."""
    ctx = ArticleContext.read(body, title, published_on)
    ctx.companies = find_companies(body, ctx.parks, ctx.zone_name)
    ctx.projects = find_projects(ctx)
    undertakings = [(p.start, p.end, p.name) for p in ctx.projects if p.status not in ("planned", "unknown")]
    ctx.parks = without_projects(ctx.parks, undertakings)
    ctx.projects = _in_remaining_zones(ctx.projects, ctx.parks, ctx.zone_name)
    metrics = find_metrics(ctx)
    return ArticleFacts(ctx.parks, ctx.companies, ctx.projects, metrics)


def _in_remaining_zones(
    projects: list[ProjectMention], parks: list[ParkMention], zone: str | None
) -> list[ProjectMention]:
    """A project placed in a park that turned out to be part of a project's name (`…创业谷三一
    重能风力发电场`) lies in the article's zone: every project's park is one the article names."""
    names = {p.name for p in parks}
    fallback = zone if zone in names else None
    return [p if p.park is None or p.park in names else replace(p, park=fallback) for p in projects]
