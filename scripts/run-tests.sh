#!/usr/bin/env bash
# Set up (first time) and run the whole test suite headless (Qt offscreen).
# Extra arguments go to pytest, e.g. -k stats
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_system_packages
setup_venv "[test]"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$VENV/bin/python" -m pytest "$@"
