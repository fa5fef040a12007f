"""A journal of runs beside the warehouse, so that no run goes unrecorded.

A run writes a private build file that is thrown away unless it publishes, so a run
that is killed, interrupted or fails its dbt tests would leave no trace in
`raw.ingest_runs`. The journal (`.gaoxin.duckdb.runs`, JSON lines) records each run
as `running` before it does any work, and how it ended when it ends without
publishing. The next run that publishes writes those runs into `raw.ingest_runs`
(one still `running` is `interrupted`: the build lock proves its process is gone)
and clears them from the journal.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loaders.records import RunRecord


def journal_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.runs")


@dataclass
class JournalEntry:
    run_id: str
    command: str
    started_at: datetime
    inputs: str
    pid: int
    status: str = "running"
    finished_at: datetime | None = None
    note: str | None = None

    def record(self) -> RunRecord:
        """The run's row for raw.ingest_runs; a run still `running` here was interrupted."""
        status, note = self.status, self.note
        if status == "running":
            status, note = "interrupted", f"the process (pid {self.pid}) ended before the run finished"
        return RunRecord(
            run_id=self.run_id,
            command=self.command,
            started_at=self.started_at,
            finished_at=self.finished_at,
            inputs=self.inputs,
            status=status,
            note=note,
        )


def _append(published: Path, entry: dict) -> None:
    with journal_path(published).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def begin(published: Path, run: RunRecord) -> None:
    """Record a run as running, before it does any work."""
    _append(
        published,
        {
            "run_id": run.run_id,
            "command": run.command,
            "started_at": run.started_at.isoformat(),
            "inputs": run.inputs,
            "pid": os.getpid(),
            "status": "running",
        },
    )


def end(published: Path, run_id: str, status: str, note: str) -> None:
    """Record how a run ended without publishing (failed, interrupted)."""
    _append(published, {"run_id": run_id, "status": status, "finished_at": datetime.now().isoformat(), "note": note})


def pending(published: Path) -> list[JournalEntry]:
    """Runs recorded in the journal and not yet in the published warehouse, oldest first."""
    path = journal_path(published)
    if not path.exists():
        return []
    entries: dict[str, JournalEntry] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
            run_id = item["run_id"]
            if "command" in item:
                entries[run_id] = JournalEntry(
                    run_id,
                    item["command"],
                    datetime.fromisoformat(item["started_at"]),
                    item.get("inputs", "[]"),
                    int(item.get("pid", 0)),
                )
            elif run_id in entries:
                e = entries[run_id]
                e.status, e.note = item.get("status", e.status), item.get("note")
                e.finished_at = datetime.fromisoformat(item["finished_at"]) if item.get("finished_at") else None
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash: the rest of the journal still counts
    return list(entries.values())


def clear(published: Path, run_ids: set[str]) -> None:
    """Drop runs that the published warehouse now records."""
    path = journal_path(published)
    if not path.exists():
        return
    keep = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            if json.loads(line)["run_id"] in run_ids:
                continue
        except (ValueError, KeyError, TypeError):
            continue
        keep.append(line)
    if keep:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("\n".join(keep) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.unlink(missing_ok=True)
