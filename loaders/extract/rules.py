"""Patterns more than one extractor reads: sentences, dates, and the verbs of a project's status.

Kept in one place so that "what ends a sentence" or "which verb means started" cannot drift
apart between the project extractor, the article context and the metric reader.
"""

from __future__ import annotations

import re

SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")

# status -> the verbs that put a project in it, in the order a tie is broken
STATUS = (
    ("approved", r"获批|批准成立|批准"),
    ("in_operation", r"投运|投入运行|投入使用|启用|开园|(?:投入|正式|开始|已经?)(?:运营|运行)|(?:运营|运行)以来"),
    ("in_production", r"投产|试生产|达产|投入生产"),
    ("completed", r"竣工|建成|完成"),
    ("started", r"开工|奠基|破土动工|开建|动工|启动建设"),
    ("signed", r"签约|落户|签署|引进|入驻"),
    ("under_construction", r"在建|建设中|加快建设|推进[^，。；]{0,12}建设|(?<!设)施工|建设现场|开工建设以来|开展建设"),
    ("planned", r"拟|计划|规划|谋划|将建设|前瞻|布局|推动[^，。；]{0,24}落地"),
)
# the statuses an event of one day gives its projects (a signing, a groundbreaking, an opening)
EVENT_STATUSES = ("signed", "started", "completed", "in_production", "in_operation")
EVENT_VERBS = re.compile("|".join(p for s, p in STATUS if s in EVENT_STATUSES))
