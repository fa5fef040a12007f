"""Read a folder's `manifest.csv`: its rows by file name, and notes on what was wrong.

A manifest is typed by people, so it is read leniently and every problem becomes a
note a person can act on, never an exception and never silence: a row with more
fields than the header (the extra ones are ignored), a quote that is never closed
(which would otherwise swallow every row after it), a file listed twice, rows for
files that are not there. Notes about one page's row travel with that page; notes
about the manifest as a whole are recorded against the manifest itself.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.decode import PageError, decode_page
from loaders.entries import PageFile, Refusal, classify_entry, printable, read_regular_file

MANIFEST_NAME = "manifest.csv"
MANIFEST_MAX_BYTES = 20 * 1024 * 1024  # a row per page: 20 MB is a very large archive
REQUIRED = ("file", "published_on")
_ISO_LIKE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*$")


@dataclass
class ManifestRow:
    line: int  # 1-based line of the manifest the row starts on
    values: dict[str, str]
    notes: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    """A folder's manifest: rows by the `file` they describe, and notes about it."""

    path: Path
    source_file: str  # the manifest's name relative to the folder given
    rows: dict[str, ManifestRow] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    usable: bool = True
    used: set[str] = field(default_factory=set)  # rows a page looked up

    def row_for(self, *names: str) -> ManifestRow | None:
        for n in names:
            if n in self.rows:
                self.used.add(n)
                return self.rows[n]
        return None

    def unused_note(self) -> str | None:
        """Rows naming files the run did not find: usually a typo in the manifest or a missing page."""
        unused = sorted(set(self.rows) - self.used)
        if not unused:
            return None
        shown = ", ".join(unused[:5]) + (f" and {len(unused) - 5} more" if len(unused) > 5 else "")
        return f"{len(unused)} row(s) name files that were not found: {shown}"


def parse_manifest(text: str, path: Path, source_file: str = MANIFEST_NAME) -> Manifest:
    """Rows and notes from a manifest's text (pure: no file access)."""
    manifest = Manifest(path, source_file)
    lines = text.splitlines()
    records = _records(text, lines, manifest)
    if not records:
        manifest.usable = False
        manifest.notes.append("is empty; ignored")
        return manifest
    header = records[0][1]
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        manifest.usable = False
        manifest.notes.append(f"lacks the column(s) {', '.join(missing)} (needs file,published_on); ignored")
        return manifest
    seen_lines: dict[str, list[int]] = {}
    for line, fields_ in records[1:]:
        if not any(f.strip() for f in fields_):
            continue
        row = ManifestRow(line, {n: (v or "").strip() for n, v in zip(names, fields_, strict=False) if n})
        if len(fields_) > len(names):
            row.notes.append(
                f"manifest line {line} has {len(fields_)} fields but its header has {len(names)}; "
                "the extra fields are ignored"
            )
        name = row.values.get("file", "")
        if not name:
            manifest.notes.append(f"line {line} has no file name; ignored")
            continue
        seen_lines.setdefault(name, []).append(line)
        previous = manifest.rows.get(name)
        if previous is not None:
            lines_text = ", ".join(map(str, seen_lines[name]))
            if previous.values == row.values:
                manifest.notes.append(f"lists {name} more than once (lines {lines_text})")
                row.notes = previous.notes
            else:
                row.notes.append(
                    f"manifest lists it on lines {lines_text} with different values; the last (line {line}) is used"
                )
        manifest.rows[name] = row
    return manifest


def _records(text: str, lines: list[str], manifest: Manifest) -> list[tuple[int, list[str]]]:
    """(line number, fields) per row; a quote left open is confined to its own line.

    The csv module lets an unclosed quote run to the end of the file, so one stray `"`
    would swallow every row after it. A quoted field may legitimately span lines, but
    when the lines it swallowed look like rows of their own, the manifest is read one
    line at a time instead and the note says where the quote is.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            end = reader.line_num
            if end > start and _swallows_rows(lines[start:end]):
                manifest.notes.append(
                    f"line {start} opens a quote that is not closed before line {end}; each line is read on its own"
                )
                return _line_by_line(lines)
            records.append((start, row))
            start = end + 1
    except csv.Error as e:
        manifest.notes.append(f"line {reader.line_num}: {e}; each line is read on its own")
        return _line_by_line(lines)
    return records


def _swallows_rows(continuation: list[str]) -> bool:
    for line in continuation:
        fields_ = next(csv.reader([line]), [])
        if len(fields_) >= 2 and (_ISO_LIKE.match(fields_[1]) or Path(fields_[0].strip()).suffix):
            return True
    return False


def _line_by_line(lines: list[str]) -> list[tuple[int, list[str]]]:
    return [(n, next(csv.reader([line]), [])) for n, line in enumerate(lines, 1)]


def read_manifest(folder: Path, root: Path) -> Manifest | Refusal | None:
    """The manifest of `folder`, if it has one; a refusal when it is not a readable file in the input.

    The manifest obeys the same rules as pages: a link out of the input folder, a pipe
    or a device is refused, never read.
    """
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        return None
    kind = classify_entry(path, root, named=True)
    if isinstance(kind, Refusal) or kind is None:
        return kind
    if not isinstance(kind, PageFile):
        return Refusal(kind.path.name, printable(str(path)), "failed", "is a folder, not a manifest file")
    try:
        text = decode_page(read_regular_file(kind.path, MANIFEST_MAX_BYTES), MANIFEST_MAX_BYTES).text
    except PageError as e:
        return Refusal(kind.source_file, kind.shown_path, "failed", f"could not be read as a manifest: {e}")
    except OSError as e:
        return Refusal(kind.source_file, kind.shown_path, "failed", f"unreadable: {e.strerror or e}")
    return parse_manifest(text, path, kind.source_file)
