"""A file the warehouse holds as it would load it now is not parsed again.

Running a build again on a folder of thousands of pages with one new page must parse one
page, not all of them, and say of the others exactly what parsing them would have said.
The pages are invented (a few lines each) or the bundled sample.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import ingest as ingest_module
from loaders.ingest import ingest, read_candidate
from tests.conftest import PAGE, SAMPLE

OTHER = "本报讯 4月2日，丙丁经开区新签约项目12个，总投资额56.5亿元。\n"
REPORTED = ("outcome", "reason", "byte_size", "encoding", "content_sha256", "article_count")


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "pages"
    shutil.copytree(SAMPLE, root)  # with its manifest: dates from the manifest
    return root


@pytest.fixture
def bare(tmp_path) -> Path:
    root = tmp_path / "bare"  # no manifest: dates from the text
    root.mkdir()
    (root / "a.txt").write_text(PAGE, encoding="utf-8")
    (root / "b.txt").write_text(OTHER, encoding="gb18030")
    return root


class Counting:
    """A reader that counts the files it parses (ingest's `reader`)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, cand, max_bytes):
        self.names.append(cand.source_file)
        return read_candidate(cand, max_bytes)


def reported(con, run_id: str) -> dict[str, tuple]:
    cols = ", ".join(REPORTED)
    rows = con.execute(f"select source_file, {cols} from raw.ingest_files where run_id = ?", [run_id]).fetchall()
    return {r[0]: r[1:] for r in rows if r[1] != "read"}  # not the manifests read


def test_a_second_run_parses_nothing_and_reports_what_parsing_would(con, folder, bare):
    first = ingest(con, [folder, bare])
    again = Counting()
    second = ingest(con, [folder, bare], reader=again)
    assert again.names == []
    before, after = reported(con, first.run_id), reported(con, second.run_id)
    assert set(after) == set(before) and len(after) >= 7
    for name, row in after.items():
        assert row == ("unchanged", *before[name][1:]), name  # the same size, encoding, hash, articles


def test_only_the_new_and_the_changed_are_parsed(con, folder, bare):
    ingest(con, [folder, bare])
    (bare / "a.txt").write_text(PAGE + OTHER, encoding="utf-8")
    (bare / "c.txt").write_text(PAGE.replace("3月28日", "5月6日"), encoding="utf-8")
    again = Counting()
    run = ingest(con, [folder, bare], reader=again)
    assert sorted(again.names) == ["a.txt", "c.txt"]
    outcomes = {o.source_file: o.outcome for o in run.outcomes}
    assert outcomes["a.txt"] == "replaced" and outcomes["c.txt"] == "loaded"
    assert outcomes["b.txt"] == "unchanged"


def test_a_changed_manifest_date_is_parsed_again(con, folder):
    ingest(con, [folder])
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    name = lines[1].split(",")[0]
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("published_on")] = "2023-01-02"
    manifest.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    again = Counting()
    run = ingest(con, [folder], reader=again)
    assert again.names == [name]
    assert {o.source_file: o.outcome for o in run.outcomes}[name] == "reparsed"


def test_a_file_with_a_note_is_parsed_again_to_say_it(con, tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "manifest.csv").write_text("file,published_on\na.txt,last tuesday\n", encoding="utf-8")
    ingest(con, [folder])
    again = Counting()
    run = ingest(con, [folder], reader=again)
    assert again.names == ["a.txt"]
    (outcome,) = [o for o in run.outcomes if o.source_file == "a.txt"]
    assert outcome.outcome == "unchanged" and "not an ISO date" in outcome.reason


def test_new_rules_parse_everything_again(con, folder, bare, monkeypatch):
    ingest(con, [folder, bare])
    monkeypatch.setattr(ingest_module, "parser_version", lambda: "rules-of-tomorrow")
    again = Counting()
    run = ingest(con, [folder, bare], reader=again)
    assert len(again.names) >= 7
    assert {o.outcome for o in run.outcomes if o.source_file.endswith(".txt")} == {"reparsed"}


@pytest.mark.parametrize("given", [True, False], ids=["given", "not-given"])
def test_the_build_after_new_rules_parses_nothing(con, folder, bare, tmp_path, monkeypatch, given):
    """A re-parse for new rules says only that (its reason): the run after it holds every file as is."""
    ingest(con, [folder, bare])
    monkeypatch.setattr(ingest_module, "parser_version", lambda: "rules-of-tomorrow")
    empty = tmp_path / "none"
    empty.mkdir()
    (empty / "new.txt").write_text(PAGE.replace("3月28日", "6月7日"), encoding="utf-8")
    reparse = ingest(con, [folder, bare] if given else [empty])
    assert reparse.count("reparsed") >= 7
    again = Counting()
    run = ingest(con, [folder, bare], reader=again)
    assert again.names == []
    assert {o.outcome for o in run.outcomes if o.source_file.endswith(".txt")} == {"unchanged"}


def test_a_folder_given_from_its_parent_is_not_parsed_again(con, folder, bare, tmp_path):
    """New names (`bare/a.txt`) for stored bytes (`a.txt`): said to be copies, as parsing them would say."""
    first = ingest(con, [bare])
    (bare / "c.txt").write_text(PAGE.replace("3月28日", "5月6日"), encoding="utf-8")
    again = Counting()
    run = ingest(con, [tmp_path], reader=again)
    parsed = set(again.names)
    assert "bare/c.txt" in parsed and not parsed & {"bare/a.txt", "bare/b.txt"}
    before, after = reported(con, first.run_id), reported(con, run.run_id)
    for name in ("a.txt", "b.txt"):
        row = after[f"bare/{name}"]
        assert row == ("unchanged", f"same content as {name}, already loaded", *before[name][2:]), name
    assert {o.source_file: o.outcome for o in run.outcomes}["bare/c.txt"] == "loaded"


def test_a_copy_is_held_as_parsing_it_would_report_it(con, bare, tmp_path, monkeypatch):
    """The held copy's outcome row is the one the parse path writes for it, field for field."""
    ingest(con, [bare])
    held = ingest(con, [tmp_path])
    monkeypatch.setattr(ingest_module, "_held_copy", lambda *a: None)
    parsed = ingest(con, [tmp_path])
    assert reported(con, held.run_id) == reported(con, parsed.run_id)
