"""The data folder and everything in it; where the bundled resources live.

No Qt here: the command line must find the same folder without a QCoreApplication.
The default mirrors Qt's AppDataLocation for our application name.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import APP_ID

ENV_DATA_DIR = "NQ57_DATA_DIR"
DB_FILE_NAME = "nq57.sqlite"


def resources_dir() -> Path:
    """`resources/` beside the package (source tree) or inside the frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_ID
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_ID
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then NQ57_DATA_DIR, then the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILE_NAME

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def drafts(self) -> Path:
        """Unsaved form contents, kept while typing so a power cut loses nothing."""
        return self.root / "drafts"

    def ensure(self) -> "DataFolder":
        for folder in (self.root, self.attachments, self.backups, self.logs, self.exports):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def is_empty(self) -> bool:
        """True when no database exists yet (the first-run path)."""
        return not self.database.exists()
