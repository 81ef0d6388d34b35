#!/usr/bin/env bash
# Set up (first time) and open the application. Extra arguments go to the program,
# e.g. --data-dir /tmp/thu-nghiem
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_system_packages
setup_venv ""
exec "$VENV/bin/python" -m desktop "$@"
