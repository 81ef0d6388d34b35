"""Drafts of open forms: what the user typed but has not saved yet.

While a form has unsaved edits its content is written every few seconds to drafts/<key>.json in
the data folder (atomically, so a power cut leaves the previous draft or the new one, never half
a file). Saving or deliberately discarding the edits removes the draft; a draft still there at
the next start means the program was cut off, and the form offers it back.

Keys name the record: "task-12", "task-new", "plan-3". A draft is plain JSON data — the form
decides what its state is and how to put it back; nothing here is ever evaluated."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.paths import DataFolder

VERSION = 1
MAX_BYTES = 2_000_000  # a form never holds more; a bigger file is not ours
_KEY = re.compile(r"^[a-z]+-[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Draft:
    key: str
    title: str  # what the form was, in words: "Nhiệm vụ «Số hóa hồ sơ»"
    saved_at: datetime
    state: Any
    run: str = ""  # which run of the program wrote it: a draft of the running program is no crash

def _path(folder: DataFolder, key: str) -> Path:
    if not _KEY.fullmatch(key):
        raise ValueError(f"bad draft key {key!r}")
    return folder.drafts / f"{key}.json"


def save_draft(folder: DataFolder, key: str, title: str, state: Any, when: datetime | None = None,
               run: str = "") -> Path:
    from desktop.files import write_atomic

    payload = {"version": VERSION, "key": key, "title": title, "run": run,
               "saved_at": (when or datetime.now()).replace(microsecond=0).isoformat(), "state": state}
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    folder.drafts.mkdir(parents=True, exist_ok=True)
    return write_atomic(_path(folder, key), lambda stream: stream.write(data))


def _read(path: Path) -> Draft | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        payload = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(payload, dict) or payload.get("version") != VERSION:
            return None
        key, title, when = payload.get("key"), payload.get("title"), payload.get("saved_at")
        if not (isinstance(key, str) and isinstance(title, str) and isinstance(when, str)):
            return None
        run = payload.get("run", "")
        return Draft(key, title, datetime.fromisoformat(when), payload.get("state"), run if isinstance(run, str) else "")
    except (OSError, ValueError):
        return None


def load_draft(folder: DataFolder, key: str) -> Draft | None:
    """The draft kept under this key, or None (a damaged draft file is ignored)."""
    path = _path(folder, key)
    if not path.exists():
        return None
    return _read(path)


def discard_draft(folder: DataFolder, key: str) -> None:
    try:
        _path(folder, key).unlink(missing_ok=True)
    except OSError:
        pass  # a file still locked by antivirus goes next time; an old draft is offered, never applied silently


def list_drafts(folder: DataFolder) -> list[Draft]:
    """Every readable draft, oldest first."""
    if not folder.drafts.is_dir():
        return []
    found = []
    for path in folder.drafts.glob("*.json"):
        if not _KEY.fullmatch(path.stem):
            continue
        draft = _read(path)
        if draft is not None and draft.key == path.stem:
            found.append(draft)
    return sorted(found, key=lambda d: d.saved_at)
