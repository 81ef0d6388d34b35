"""Write NFC copies of NSIS's Vietnamese language files for the installer.

NSIS ships Vietnamese.nlf/.nsh with decomposed accents (NFD: a base letter followed by combining
marks), which some Windows fonts draw with the marks misplaced. nq57.nsi loads the language from the
folder this script writes (MUI_LANGUAGEEX), so every string the installer shows is NFC.

    python installer/nfc_language.py NSISDIR OUTDIR      (NSISDIR: see `makensis -HDRINFO`)
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

NAMES = ("Vietnamese.nlf", "Vietnamese.nsh")


def convert(nsis_dir: Path, out_dir: Path) -> list[Path]:
    source = nsis_dir / "Contrib" / "Language files"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        raw = (source / name).read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        text = unicodedata.normalize("NFC", text)
        target = out_dir / name
        target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for path in convert(Path(argv[0]), Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
