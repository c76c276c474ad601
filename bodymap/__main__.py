"""`python -m bodymap`: see bodymap.cli."""

import sys

from .cli import main

sys.exit(main())
