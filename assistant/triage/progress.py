"""The resume sidecar: ``OUT.progress.jsonl`` next to the output, one finished row per line, flushed as it goes.

Its first line names the run (doctrine, output, extractor); each further line holds a row's id, a digest of the row's
content, and its output record. ``--resume`` skips a row only when its id and digest match a finished line
that carries no error, so a row fixed since the interruption, or one that failed, is redone. A last line cut
short by the interruption is ignored (that row is simply done again).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from assistant.triage.rows import InputRow

FORMAT = "lexmemo-triage-progress/1"


def sidecar_path(output: str | Path) -> Path:
    """Where the progress file of an output lives."""
    p = Path(output)
    return p.with_name(p.name + ".progress.jsonl")


def row_digest(row: InputRow) -> str:
    """A digest of everything in a row that decides its result."""
    payload = json.dumps([row.id, row.narrative, row.cells, row.received, row.error], ensure_ascii=False,
                         sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


def log_line(rid: str, digest: str, record: dict) -> str:
    """A finished row's line in the progress file."""
    return json.dumps({"id": rid, "digest": digest, "record": record}, ensure_ascii=False) + "\n"


class ResumeMismatch(ValueError):
    """The progress file belongs to a run with other options: resuming it would mix results."""


def load_progress(path: Path, header: dict[str, Any]) -> dict[str, tuple[str, dict]]:
    """Finished rows of an earlier run, ``{id: (digest, record)}``; raise ResumeMismatch on other options."""
    if not path.exists():
        return {}
    done: dict[str, tuple[str, dict]] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
        try:
            head = json.loads(first)
        except json.JSONDecodeError:
            raise ResumeMismatch(f"{path} is not a triage progress file; delete it or run without --resume") from None
        if head.get("format") != FORMAT:
            raise ResumeMismatch(f"{path} is not a triage progress file; delete it or run without --resume")
        for key in ("doctrine", "extractor"):
            if head.get(key, "rules" if key == "extractor" else None) != header.get(key):
                raise ResumeMismatch(
                    f"{path} was written by a run with {key} {head.get(key)!r}, not {header.get(key)!r}; "
                    "run without --resume to start over")
        for line in fh:
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue  # the line being written when the run was interrupted
            done[item["id"]] = (item["digest"], item["record"])
    return done


class ProgressLog:
    """Append-only log of finished rows; each line is flushed so an interruption loses at most the current row."""

    def __init__(self, path: Path, header: dict[str, Any], keep: bool) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if keep and path.exists():
            with path.open("rb") as fh:
                fh.seek(max(0, path.stat().st_size - 1))
                cut = fh.read(1) not in (b"\n", b"")
            self._fh = path.open("a", encoding="utf-8")
            if cut:  # end the line cut short by the interruption, so the next record starts clean
                self._fh.write("\n")
        else:
            self._fh = path.open("w", encoding="utf-8")
            self._fh.write(json.dumps({"format": FORMAT, **header}, ensure_ascii=False) + "\n")
            self._fh.flush()

    def add(self, rid: str, digest: str, record: dict) -> None:
        """Record one finished row."""
        self.add_line(log_line(rid, digest, record))

    def add_line(self, line: str) -> None:
        """Record one finished row given as its ``log_line`` (a pool's worker writes the JSON, issue 18)."""
        self._fh.write(line)
        self._fh.flush()

    def close(self) -> None:
        """Close the log (it stays on disk for a later --resume)."""
        self._fh.close()

    def remove(self) -> None:
        """Delete the log once the final table is written."""
        self.close()
        self.path.unlink(missing_ok=True)
