"""Entry point of both frozen executables: the same behaviour as `python -m desktop`
(the GUI by default, a subcommand such as `self-test` for headless work)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
