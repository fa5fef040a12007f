"""`find_metrics` asks whether a sentence reports the article's event only when the article has
an event period (`_has_event_period`): without one, what `_in_event` says is never read, so
asking it anyway must change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract import metrics
from loaders.extract.context import ArticleContext
from loaders.extract.metrics import find_metrics

# invented articles whose ledes report an event without a day: no event period
_ARTICLES = [
    "青禾高新区重点项目集中签约。此次集中签约项目21个，总投资176亿元；其中现场签约12个。"
    "2023年，青禾高新区实现营业收入50亿元。",
    "示范区举行项目集中开工活动。现场开工项目15个，总投资80亿元。\n同时，新增企业30家；此次开工的项目中，"
    "先进制造业项目8个。",
    "园区新签约项目5个。上半年，园区规上工业产值增长8.5%，截至目前累计引进企业200余家。",
]


@pytest.mark.parametrize("body", _ARTICLES)
def test_event_status_is_unread_without_an_event_period(body, monkeypatch):
    ctx = ArticleContext.read(body, published_on=date(2024, 10, 30))
    assert ctx.event_period is None
    shortcut = find_metrics(ctx)
    monkeypatch.setattr(metrics, "_has_event_period", lambda ctx: True)
    asked = find_metrics(ArticleContext.read(body, published_on=date(2024, 10, 30)))
    assert shortcut == asked
    assert shortcut  # the articles do hold figures
