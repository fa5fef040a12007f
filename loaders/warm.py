"""Loaded once by the parsing pool's fork server, so every worker starts warm.

The first page a process parses costs about 3 s more than the next ones: jieba's
dictionary, the gazetteer and the word lists are loaded on first use. The pool's
workers are forked from a server process that imported this module, which parses one
invented page, so they inherit all of that (shared, copy-on-write) instead of each
loading it again. The server never opens DuckDB.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from loaders.ingest import Candidate, parse_file

# an invented page that reaches every extractor: a zone, a date, a company, a project, a figure
WARM_PAGE = (
    "本报讯 2024年5月6日，丙丁高新区举行新材料项目签约仪式。\n"
    "甲乙科技有限公司投资建设的新材料产业园项目签约落户，总投资额12.5亿元。\n"
    "今年一季度，丙丁高新区实现地区生产总值120.3亿元，同比增长8.1%。\n"
)

with contextlib.suppress(Exception):  # a worker that starts cold is slower, never wrong
    parse_file(Candidate(Path("warm.txt"), "warm.txt"), WARM_PAGE.encode("utf-8"))
