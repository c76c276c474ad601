"""`python -m bodymap`: see bodymap.cli."""

import sys

from bodymap.cli import main

sys.exit(main())
