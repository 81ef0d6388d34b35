"""Check a PyInstaller one-folder bundle of Sổ theo dõi NQ57 before it is packed into the installer.

    python installer/check_bundle.py DIST_DIR [SYSTEM_DIR]

- the files the program needs are there (both executables, the Qt platform plugin and style, the fonts
  with their licence, catalogues, outlines, demo, help, the migrations);
- the trimmed files are not (software OpenGL, Qt translations, QML, TLS, unused Qt modules, Pillow codecs);
- both executables: windowed/console subsystem, version resource, icon;
- every DLL that a bundled .exe/.dll/.pyd imports is either in the bundle or a Windows system DLL
  (SYSTEM_DIR, default %SystemRoot%\\System32; API sets api-ms-win-*/ext-ms-* always count as system), so
  trimming never leaves a plugin whose library was dropped.
Needs pefile (PyInstaller depends on it). Exit 0 when sound; 1 with one line per problem otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REQUIRED = (
    "SoTheoDoiNQ57.exe",
    "nq57.exe",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "_internal/PySide6/plugins/imageformats/qico.dll",
    "_internal/PySide6/Qt6PrintSupport.dll",
    "_internal/resources/fonts/LiberationSerif-Regular.ttf",
    "_internal/resources/fonts/LiberationSerif-Bold.ttf",
    "_internal/resources/fonts/LiberationSerif-Italic.ttf",
    "_internal/resources/fonts/LiberationSerif-BoldItalic.ttf",
    "_internal/resources/fonts/LICENSE-LiberationSerif-OFL.txt",
    "_internal/resources/catalogues/nq71-2030.json",
    "_internal/resources/outlines/nq57-periodic.json",
    "_internal/resources/demo/tasks.json",
    "_internal/resources/help/huong-dan.html",
    "_internal/resources/reference/directives.json",
    "_internal/desktop/migrations/env.py",
    "_internal/desktop/migrations/versions/0001_initial_schema.py",
)
FORBIDDEN_NAMES = {
    "opengl32sw.dll", "d3dcompiler_47.dll", "libcrypto-3.dll", "libssl-3.dll", "_ssl.pyd", "_hashlib.pyd",
    "qt6qml.dll", "qt6quick.dll", "qt6pdf.dll", "qt6svg.dll", "qt6opengl.dll", "qt6virtualkeyboard.dll",
    "qdirect2d.dll", "qminimal.dll", "qoffscreen.dll", "qschannelbackend.dll", "qopensslbackend.dll",
    "_avif.cp311-win_amd64.pyd", "_webp.cp311-win_amd64.pyd", "_imagingft.cp311-win_amd64.pyd",
    "_imagingcms.cp311-win_amd64.pyd", "_tkinter.pyd", "tcl86t.dll", "tk86t.dll",
}
FORBIDDEN_FOLDERS = ("_internal/PySide6/translations", "_internal/PySide6/qml")
BINARY_SUFFIXES = (".exe", ".dll", ".pyd")


def imported_dlls(path: Path) -> list[str]:
    import pefile

    pe = pefile.PE(str(path), fast_load=True)
    try:
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
                                               pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"]])
        names = [entry.dll.decode("ascii", "replace") for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])]
        names += [entry.dll.decode("ascii", "replace") for entry in getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", [])]
    finally:
        pe.close()
    return names


EXECUTABLES = {"SoTheoDoiNQ57.exe": 2, "nq57.exe": 3}  # PE subsystem: 2 windowed, 3 console
RT_ICON = 3


def executable_problems(path: Path, subsystem: int) -> list[str]:
    """The right subsystem, a version resource naming the product and its version, an icon."""
    import pefile

    pe = pefile.PE(str(path))
    try:
        strings = {}
        for info in getattr(pe, "FileInfo", [[]])[0]:
            for table in getattr(info, "StringTable", []):
                strings.update({k.decode(): v.decode("utf-8", "replace") for k, v in table.entries.items()})
        icons = any(entry.id == RT_ICON for entry in getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None).entries) \
            if hasattr(pe, "DIRECTORY_ENTRY_RESOURCE") else False
        found = pe.OPTIONAL_HEADER.Subsystem
    finally:
        pe.close()
    problems = []
    if found != subsystem:
        problems.append(f"{path.name}: subsystem {found}, expected {subsystem}")
    if not strings.get("ProductName") or not strings.get("ProductVersion"):
        problems.append(f"{path.name}: no version resource (ProductName, ProductVersion)")
    if not icons:
        problems.append(f"{path.name}: no icon")
    return problems


def check(dist: Path, system_dir: Path) -> list[str]:
    problems = [f"missing: {name}" for name in REQUIRED if not (dist / name).is_file()]
    for name, subsystem in EXECUTABLES.items():
        if (dist / name).is_file():
            problems += executable_problems(dist / name, subsystem)
    files = [path for path in dist.rglob("*") if path.is_file()]
    for path in files:
        relative = path.relative_to(dist).as_posix()
        if path.name.lower() in FORBIDDEN_NAMES or relative.startswith(FORBIDDEN_FOLDERS):
            problems.append(f"should have been trimmed: {relative}")
    bundled = {path.name.lower() for path in files}
    system = {path.name.lower() for path in system_dir.iterdir()} if system_dir.is_dir() else set()
    for path in files:
        if not path.name.lower().endswith(BINARY_SUFFIXES):
            continue
        for name in imported_dlls(path):
            low = name.lower()
            if low in bundled or low in system or low.startswith(("api-ms-win-", "ext-ms-")):
                continue
            where = path.relative_to(dist).as_posix()
            problems.append(f"{where} imports {name}, which is not in the bundle nor in Windows")
    return problems


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    dist = Path(argv[0])
    system_dir = Path(argv[1]) if len(argv) > 1 else Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32"
    problems = check(dist, system_dir)
    for problem in problems:
        print(problem)
    count = sum(1 for path in dist.rglob("*") if path.is_file())
    size = sum(path.stat().st_size for path in dist.rglob("*") if path.is_file())
    print(f"bundle: {count} files, {size / 1_000_000:.1f} MB; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
