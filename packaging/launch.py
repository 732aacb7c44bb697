"""Entry script of the frozen application (PyInstaller): the same as ``scocompare``."""

import sys

from scocompare.cli import main

if __name__ == "__main__":
    sys.exit(main())
