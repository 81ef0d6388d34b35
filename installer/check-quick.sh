#!/usr/bin/env bash
# The quick part of the Windows build, for CI on every change (~10 s; the whole build and its Wine tests,
# installer/build-windows.sh, take ~10 min from a warm cache and are run before a release):
#   - nq57.nsi is UTF-8 with a BOM and NFC, and compiles with `makensis -WX` (over a stub bundle);
#   - nq57.spec, entry.py, check_bundle.py and nfc_language.py are valid Python;
#   - requirements-windows.txt pins satisfy pyproject.toml's ranges (PySide6-Essentials stays on 6.9.x).
# Installs nsis with apt-get when makensis is missing (root or sudo).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -x "$ROOT/.venv/bin/python" ]; then PY="$ROOT/.venv/bin/python"; else PY=python3; fi
if ! command -v makensis >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nsis >/dev/null
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$PY" - "$ROOT" <<'PYEOF'
import ast, re, sys, unicodedata
from pathlib import Path

root = Path(sys.argv[1])
raw = (root / "installer/nq57.nsi").read_bytes()
text = raw.decode("utf-8-sig")
assert raw.startswith(b"\xef\xbb\xbf"), "nq57.nsi must start with a UTF-8 BOM"
assert text == unicodedata.normalize("NFC", text), "nq57.nsi must be NFC"
for name in ("nq57.spec", "entry.py", "check_bundle.py", "nfc_language.py"):
    ast.parse((root / "installer" / name).read_text("utf-8"), name)
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
import tomllib
ranges = {Requirement(r).name.lower(): Requirement(r).specifier
          for r in tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]}
for line in (root / "installer/requirements-windows.txt").read_text("utf-8").splitlines():
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    pin = Requirement(line)
    version = next(iter(pin.specifier)).version
    if pin.name.lower() in ranges:
        assert ranges[pin.name.lower()].contains(version), f"{line} is outside pyproject.toml's {ranges[pin.name.lower()]}"
print("nq57.nsi NFC + BOM, Python files parse, pins within pyproject.toml: ok")
PYEOF

mkdir -p "$WORK/bundle/_internal"
printf 'stub' > "$WORK/bundle/SoTheoDoiNQ57.exe"
printf 'stub' > "$WORK/bundle/nq57.exe"
NSISDIR="$(makensis -HDRINFO 2>/dev/null | tr ',' '\n' | sed -n 's/^ *NSISDIR=//p' | head -1)"
"$PY" "$ROOT/installer/nfc_language.py" "${NSISDIR:-/usr/share/nsis}" "$WORK/lang" >/dev/null
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/__init__.py")"
(cd "$ROOT/installer" && makensis -WX -V1 -DVERSION="$VERSION" -DSOURCE_DIR="$WORK/bundle" -DLANG_DIR="$WORK/lang" \
    -DOUT_FILE="$WORK/SoTheoDoiNQ57-$VERSION-win64.exe" nq57.nsi)
echo "makensis -WX: ok"
