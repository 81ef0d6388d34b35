"""The document font: Times New Roman from Windows when installed, else the bundled Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman (same advance widths), so a document
lays out on the same lines whichever of the two is used. Fonts are registered with reportlab once
per process (`register` is idempotent and thread-safe); the layout measures text with them and the
PDF writer embeds them as TrueType subsets.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from pathlib import Path

from desktop.core.errors import UserError
from desktop.paths import resources_dir
from desktop.printing.pages import BOLD, BOLD_ITALIC, ITALIC, REGULAR, STYLES, FontSet
from desktop.strings import printing as P

WINDOWS_FAMILY = "Times New Roman"
WINDOWS_FILES = {REGULAR: "times.ttf", BOLD: "timesbd.ttf", ITALIC: "timesi.ttf", BOLD_ITALIC: "timesbi.ttf"}
BUNDLED_FAMILY = "Liberation Serif"
BUNDLED_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered: dict[FontSet, dict[str, str]] = {}


def windows_fonts_folder() -> Path | None:
    """`%WINDIR%\\Fonts` on Windows; None elsewhere."""
    if sys.platform != "win32":
        return None
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    return Path(windir) / "Fonts"


def _files_in(folder: Path) -> dict[str, Path]:
    """File names in a folder, keyed by their lower-case name (Windows names are case-insensitive)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name.lower(): Path(entry.path) for entry in entries if entry.is_file()}
    except OSError:
        return {}


def bundled_fonts() -> FontSet:
    folder = resources_dir() / "fonts"
    paths = {style: str(folder / name) for style, name in BUNDLED_FILES.items()}
    return FontSet(BUNDLED_FAMILY, paths[REGULAR], paths[BOLD], paths[ITALIC], paths[BOLD_ITALIC], "bundled")


def find_fonts(windows_fonts_dir: Path | None = None) -> FontSet:
    """Times New Roman when all four faces are in the Windows fonts folder, else Liberation Serif.

    `windows_fonts_dir` overrides the folder (tests); by default it is `%WINDIR%\\Fonts` on Windows
    and there is none elsewhere."""
    folder = windows_fonts_dir if windows_fonts_dir is not None else windows_fonts_folder()
    if folder is not None:
        present = _files_in(Path(folder))
        found = {style: present.get(name) for style, name in WINDOWS_FILES.items()}
        if all(path is not None and _non_empty(path) for path in found.values()):
            return FontSet(WINDOWS_FAMILY, str(found[REGULAR]), str(found[BOLD]), str(found[ITALIC]),
                           str(found[BOLD_ITALIC]), "windows")
    return bundled_fonts()


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _font_name(fonts: FontSet, style: str) -> str:
    """A reportlab name unique to the file (two sets of the same family never collide)."""
    digest = hashlib.sha1(os.path.abspath(fonts.path(style)).encode("utf-8")).hexdigest()[:8]
    return f"{fonts.family.replace(' ', '')}-{style}-{digest}"


def register(fonts: FontSet) -> dict[str, str]:
    """Register the four faces with reportlab (once); returns {style: reportlab font name}.

    Raises UserError (Vietnamese) when a font file is missing or unreadable."""
    with _lock:
        known = _registered.get(fonts)
        if known is not None:
            return dict(known)
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        names: dict[str, str] = {}
        for style in STYLES:
            path = fonts.path(style)
            name = _font_name(fonts, style)
            if not os.path.isfile(path):
                raise UserError(P.FONT_MISSING.format(path=path))
            try:
                pdfmetrics.registerFont(TTFont(name, path))
            except Exception as exc:  # reportlab raises TTFError, struct.error, OSError …
                raise UserError(P.FONT_BROKEN.format(path=path, reason=exc)) from exc
            names[style] = name
        family = names[REGULAR]
        addMapping(family, 0, 0, names[REGULAR])
        addMapping(family, 1, 0, names[BOLD])
        addMapping(family, 0, 1, names[ITALIC])
        addMapping(family, 1, 1, names[BOLD_ITALIC])
        _registered[fonts] = names
        return dict(names)
