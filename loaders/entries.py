"""What an entry of the input is, decided before anything reads it.

Only regular files inside the folders given are pages. Everything else a folder can
hold gets a recorded outcome instead of being read: symbolic links that leave the
folder (`x.txt -> /etc/passwd`), links to folders (never followed: a link back up is a
loop), symlink loops, broken links, named pipes, sockets and devices (reading a pipe
blocks for ever, `/dev/zero` never ends). A file named explicitly on the command line
is the user's choice and may live anywhere, but it must still be a regular file.

`classify_entry` is the one place that decides; `read_regular_file` opens what it
accepted without following a swapped-in pipe or reading past the size limit. Input
formats (which regular files are pages) are decided separately, by `is_page_name`,
which asks the formats registry (`loaders/formats`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.decode import PageError


@dataclass(frozen=True)
class PageFile:
    """A regular file to read as a page."""

    path: Path  # what to open: the file itself, or the file a link inside the folder points to
    entry: Path  # the entry as the user's folder holds it (the link, for a link)
    source_file: str  # the name it is known by: its path relative to the folder given, printable
    note: str | None = None  # something the user should know, e.g. a name that is not UTF-8

    @property
    def shown_path(self) -> str:
        return printable(str(self.entry))


@dataclass(frozen=True)
class Refusal:
    """An entry that is not read, with the outcome and reason recorded for it."""

    source_file: str
    shown_path: str
    outcome: str  # failed | skipped
    reason: str


@dataclass(frozen=True)
class Folder:
    """A real folder (not a link) to search."""

    path: Path


def printable(text: str) -> str:
    """A file name as text that can be stored and printed.

    Names that are not valid UTF-8 reach Python with surrogate escapes, which neither
    DuckDB nor a terminal accept; their bad bytes are written as `\\xNN` instead.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@cache
def page_suffixes() -> frozenset[str]:
    """The suffixes of every input format (`.txt`, `.pdf`, `.html` ...).

    Imported here, when a folder is first searched, so that commands that only read the
    warehouse never load the format readers (PDFium, the segmenter).
    """
    from loaders.formats import page_suffixes as registered

    return registered()


def is_page_name(path: Path) -> bool:
    """Whether a file in a folder is a page by its name: its suffix belongs to an input format."""
    return path.suffix.lower() in page_suffixes()


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _relative(path: Path, root: Path | None) -> str:
    if root is None:
        return printable(path.name)
    try:
        return printable(path.relative_to(root).as_posix())
    except ValueError:
        return printable(path.name)


def classify_entry(path: Path, root: Path | None, named: bool = False) -> PageFile | Refusal | Folder | None:
    """Decide what one entry is without reading it.

    `root` is the folder the user gave (None for a file named explicitly, which may be a
    link to anywhere). `named` entries are tried whatever their suffix. Returns a page
    file, a refusal with its reason, a folder to search, or None for a file that is not
    a page by its name (a photo beside the pages) and is left alone.
    """
    name = _relative(path, root)
    shown = printable(str(path))
    try:
        st = os.lstat(path)
    except OSError as e:
        return Refusal(name, shown, "failed", f"unreadable: {e.strerror or e}")
    if stat.S_ISDIR(st.st_mode):
        return Folder(path)
    if stat.S_ISLNK(st.st_mode):
        return _classify_link(path, root, named, name, shown)
    if not (named or is_page_name(path)):
        return None
    if not stat.S_ISREG(st.st_mode):
        return Refusal(name, shown, "failed", f"{_kind(st.st_mode)}, not a regular file; not read")
    return PageFile(path, path, name, _name_note(name, path))


def _name_note(name: str, path: Path) -> str | None:
    if printable(path.name) != path.name:
        return f"its file name is not valid UTF-8; recorded as {name}"
    return None


def _classify_link(path: Path, root: Path | None, named: bool, name: str, shown: str) -> PageFile | Refusal | None:
    """A symbolic link: followed only to a regular file inside the folder (anywhere if named)."""
    target_text = printable(os.readlink(path)) if os.path.islink(path) else "?"
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return Refusal(name, shown, "failed", f"a symbolic link loop (-> {target_text}); not followed")
        if named or is_page_name(path):
            return Refusal(name, shown, "failed", f"unreadable: a broken symbolic link (-> {target_text})")
        return None
    target = Path(os.path.realpath(path))
    inside = root is None or target.is_relative_to(Path(os.path.realpath(root)))
    if stat.S_ISDIR(st.st_mode):
        if root is None:
            return Folder(path)
        if inside:
            reason = f"a link to a folder inside the input (-> {target_text}); its pages are read there"
            return Refusal(name, shown, "skipped", reason)
        return Refusal(name, shown, "failed", f"a link to a folder outside {printable(str(root))}; not followed")
    if not (named or is_page_name(path)):
        return None
    if not inside:
        return Refusal(
            name, shown, "failed", f"a link to a file outside {printable(str(root))} (-> {target_text}); not read"
        )
    if not stat.S_ISREG(st.st_mode):
        return Refusal(name, shown, "failed", f"a link to {_kind(st.st_mode)}, not a regular file; not read")
    return PageFile(target, path, name, _name_note(name, path))


def walk(root: Path) -> Iterator[PageFile | Refusal]:
    """Every page file under `root` and every entry refused, in name order.

    Folders are searched without following links, so the walk ends even when links
    loop; a folder that cannot be listed is itself a refusal.
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
        except OSError as e:
            yield Refusal(_relative(folder, root), printable(str(folder)), "failed", f"cannot list: {e.strerror or e}")
            continue
        subfolders = []
        for n in names:
            kind = classify_entry(folder / n, root)
            if isinstance(kind, Folder):
                subfolders.append(kind.path)
            elif kind is not None:
                yield kind
        stack.extend(reversed(subfolders))


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them.

    Opens without blocking (a pipe swapped in after `classify_entry` cannot hang the
    run), checks the opened file is still regular, and stops reading past the limit (a
    file that grows, or a device, cannot exhaust memory). Raises PageError for what is
    not a page and OSError for what cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise PageError(f"{_kind(st.st_mode)}, not a regular file; not read")
        if st.st_size > max_bytes:
            raise PageError(f"too large: {st.st_size:,} bytes (limit {max_bytes:,}); not a news page")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise PageError(f"too large: over {max_bytes:,} bytes while reading; not a news page")
        return b"".join(chunks)
    finally:
        os.close(fd)
