"""Build a new warehouse beside the published one, then swap it in, without copying it whole.

DuckDB allows one writer per file, and a writer's lock shuts out read-only openers
(`Could not set lock on file`). So nothing ever writes the published file: a build
works on a private build file and publishes it with an atomic rename. Readers that
hold the old file open keep reading their (unlinked) copy; new connections see the
new one; a failed build leaves the published file as it was. A lock file beside the
warehouse serialises builds: a second build waits or refuses with the holder's pid.

The build file must start as the published warehouse. Copying it whole costs as much
as the warehouse is large, for every build, however small. Instead each publish keeps
the generation it replaces as a *spare* (a hard link, `.gaoxin.duckdb.spare`), and
the next build brings that spare up to date by rewriting only the blocks that differ
from the published file (one build's worth of changes), then builds on it. The spare
is only rewritten when no reader can be using it:

- no process holds a DuckDB lock on it (readers that opened it while it was published
  hold a shared lock for as long as they read; DuckDB takes it as it opens the file);
- it was retired more than `SPARE_GRACE_SECONDS` ago (no reader can still be between
  opening the old path and taking its lock);
- it is a file of its own (one link, not the published file's inode), and this
  process has no descriptor open on it (a POSIX lock cannot see its own process).

Otherwise the build copies the published file as before, and says why. The price is
disk space: the spare is a second warehouse-sized file (delete it at any time; the
next build copies and the one after syncs again).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SPARE_GRACE_SECONDS = 5.0
SYNC_CHUNK = 256 * 1024  # DuckDB's block size: changes come in whole blocks


class BuildLocked(RuntimeError):
    """Another gaoxin process is building this warehouse."""


@dataclass
class Workspace:
    published: Path
    build: Path
    how: str = "new"  # new | synced | copied: how the build file was made from the published one
    size: int = 0  # bytes of the published warehouse it started from
    bytes_written: int = 0  # bytes written to make it
    seconds: float = 0.0
    note: str | None = None  # why the spare could not be used, when it could not

    def describe(self) -> str:
        """One line for the build's output: how much of the warehouse was written to start it."""
        if self.how == "new":
            return "a new warehouse"
        what = (
            f"updated the previous generation: {_mb(self.bytes_written)} of {_mb(self.size)} rewritten"
            if self.how == "synced"
            else f"copied the published warehouse ({_mb(self.bytes_written)}; {self.note})"
        )
        return f"{what} in {self.seconds:.1f}s"


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _lock_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.lock")


def build_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.build")


def spare_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.spare")


def _holder(lock: Path) -> str:
    try:
        return lock.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


def _spare_problem(published: Path, spare: Path) -> str | None:
    """Why the spare cannot become the build file (None: it can, once locked)."""
    try:
        st = spare.stat()
    except FileNotFoundError:
        return "no previous generation kept yet"
    if st.st_nlink != 1 or st.st_ino == published.stat().st_ino:
        return "the spare is linked elsewhere"
    if time.time() - st.st_ctime < SPARE_GRACE_SECONDS:
        return "the previous generation was retired moments ago"
    if _open_here(st):
        return "this process still has the previous generation open"
    return None


def _open_here(st: os.stat_result) -> bool:
    """Whether this process has a descriptor on the file (Linux: /proc/self/fd; elsewhere assume not)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return False
    for fd in fds.iterdir():
        try:
            other = fd.stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False


def sync_file(source: Path, fd: int) -> int:
    """Make the file open at `fd` byte-identical to `source`, writing only the chunks that differ."""
    written = 0
    offset = 0
    with source.open("rb") as src:
        while True:
            chunk = src.read(SYNC_CHUNK)
            if not chunk:
                break
            if os.pread(fd, len(chunk), offset) != chunk:
                os.pwrite(fd, chunk, offset)
                written += len(chunk)
            offset += len(chunk)
    os.ftruncate(fd, offset)
    return written


def _prepare(ws: Workspace) -> None:
    """Make the build file a byte copy of the published warehouse: from the spare when safe, else by copying."""
    started = time.monotonic()
    ws.size = ws.published.stat().st_size
    spare = spare_path(ws.published)
    ws.note = _spare_problem(ws.published, spare)
    if ws.note is None:
        try:
            fd = os.open(spare, os.O_RDWR)
        except OSError as e:
            ws.note = f"the previous generation cannot be written ({e.strerror or e})"
    if ws.note is None:
        try:
            # DuckDB readers hold a shared POSIX lock; ours fails while any reader is left
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            ws.note = "a reader still has the previous generation open"
        else:
            try:
                ws.bytes_written = sync_file(ws.published, fd)
            except OSError as e:  # a full disk names both paths, as a failed copy does
                raise OSError(e.errno, f"updating {spare} from {ws.published} failed: {e.strerror}") from e
            os.rename(spare, ws.build)  # private from here on: only the build lock's holder uses it
            ws.how = "synced"
        finally:
            os.close(fd)  # releases our lock
    if ws.how != "synced":
        _copy(ws.published, ws.build)
        ws.bytes_written = ws.build.stat().st_size
        ws.how = "copied"
    ws.seconds = time.monotonic() - started


def _publish(ws: Workspace) -> None:
    """Swap the build in; keep the generation it replaces as the next build's spare."""
    spare = spare_path(ws.published)
    spare.unlink(missing_ok=True)  # an unused older spare: readers of it keep their copy
    if ws.published.exists():
        os.link(ws.published, spare)
    os.replace(ws.build, ws.published)


def _copy(published: Path, build: Path) -> None:
    """Copy the published file to the build file; a full disk names both paths."""
    try:
        shutil.copyfile(published, build)
        os.chmod(build, 0o644)  # the copy is ours to write, whatever the published file's mode
    except OSError as e:
        raise OSError(e.errno, f"copying {published} to {build} failed: {e.strerror}") from e


@contextmanager
def workspace(published: Path, wait: float = 0.0) -> Iterator[Workspace]:
    """Yield a private build file holding the published warehouse; publish it if the block succeeds.

    `wait` is how many seconds to wait for another build to finish before refusing.
    """
    published.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock_path(published)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise BuildLocked(
                    f"another gaoxin build is writing {published} ({_holder(lock)}); "
                    "wait for it to finish or pass --wait SECONDS"
                ) from None
            time.sleep(0.2)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
        ws = Workspace(published, build_path(published))
        wal = ws.build.with_name(ws.build.name + ".wal")
        for stale in (ws.build, wal):
            stale.unlink(missing_ok=True)
        try:
            if published.exists():
                _prepare(ws)
            yield ws
            if wal.exists():
                raise RuntimeError(f"{ws.build} still has a write-ahead log; a connection was left open")
            _publish(ws)
        except BaseException:  # a failed copy, build or publish leaves nothing behind
            ws.build.unlink(missing_ok=True)
            wal.unlink(missing_ok=True)
            raise
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
