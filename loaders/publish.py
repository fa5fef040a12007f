"""Build a new warehouse beside the published one, then swap it in.

DuckDB allows one writer per file, and a writer's lock shuts out read-only openers
(`Could not set lock on file`). So nothing ever writes the published file: a build
copies it to a private build file, loads and transforms there, and publishes with an
atomic rename. Readers that hold the old file open keep reading their (unlinked)
copy; new connections see the new one; a failed build leaves the published file as
it was. A lock file beside the warehouse serialises builds: a second build waits or
refuses with the holder's pid, never interleaves.
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


class BuildLocked(RuntimeError):
    """Another gaoxin process is building this warehouse."""


@dataclass(frozen=True)
class Workspace:
    published: Path
    build: Path


def _lock_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.lock")


def build_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.build")


def _holder(lock: Path) -> str:
    try:
        return lock.read_text().strip() or "unknown"
    except OSError:
        return "unknown"


def _copy(published: Path, build: Path) -> None:
    """Copy the published file to the build file; a full disk names both paths."""
    try:
        shutil.copyfile(published, build)
        os.chmod(build, 0o644)  # the copy is ours to write, whatever the published file's mode
    except OSError as e:
        raise OSError(e.errno, f"copying {published} to {build} failed: {e.strerror}") from e


@contextmanager
def workspace(published: Path, wait: float = 0.0) -> Iterator[Workspace]:
    """Yield a private copy of the warehouse; publish it if the block succeeds.

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
        build = build_path(published)
        wal = build.with_name(build.name + ".wal")
        for stale in (build, wal):
            stale.unlink(missing_ok=True)
        try:
            if published.exists():
                _copy(published, build)
            yield Workspace(published, build)
            if wal.exists():
                raise RuntimeError(f"{build} still has a write-ahead log; a connection was left open")
            os.replace(build, published)
        except BaseException:  # a failed copy, build or publish leaves nothing behind
            build.unlink(missing_ok=True)
            wal.unlink(missing_ok=True)
            raise
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
