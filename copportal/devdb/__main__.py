"""python -m copportal.devdb run | exec -- COMMAND... | start (launcher.py)."""

import sys

from .launcher import main

sys.exit(main(sys.argv[1:]))
