"""The parse benchmark on a user's own folder (benchmarks/bench_parse.py --dir): no timing is asserted."""

from __future__ import annotations

import pytest

from tests.conftest import load_benchmark

# invented text: a zone's year in three figures (two of them in one sentence)
PAGE = "本报讯 记者 王明\n2023年，青禾高新区实现营业收入120亿元，同比增长15%。园区新增企业30家。\n"


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("bench_parse")


@pytest.fixture
def restored(monkeypatch, bench):
    """Undo the benchmark's stage wrappers after the test (they replace module functions)."""
    from loaders import ingest
    from loaders.extract import article

    monkeypatch.setattr(ingest, "page_articles", ingest.page_articles)
    monkeypatch.setattr(article.ArticleContext, "read", article.ArticleContext.__dict__["read"])
    for name in ("find_companies", "find_projects", "find_metrics"):
        monkeypatch.setattr(article, name, getattr(article, name))


def test_a_folder_is_read_as_gaoxin_reads_it(tmp_path, bench):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text(PAGE, encoding="utf-8")  # not a page format
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")  # no article: skipped, not timed
    pages = bench.folder_pages([str(tmp_path)])
    assert [cand.path.name for cand, _ in pages] == ["a.txt"]


def test_a_folder_without_pages_is_an_error(tmp_path, bench):
    (tmp_path / "notes.md").write_text(PAGE, encoding="utf-8")
    with pytest.raises(SystemExit, match="no page to parse"):
        bench.folder_pages([str(tmp_path)])


def test_the_figures_and_the_ratio_are_printed(tmp_path, bench, restored, capsys):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    bench.main(["--dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert "1 file, 52 characters" in out
    assert "3 figures, one per 17 characters" in out
    assert "parse vs jieba.lcut: " in out and "metrics" in out
