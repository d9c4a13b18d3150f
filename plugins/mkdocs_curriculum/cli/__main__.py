"""`python -m mkdocs_curriculum.cli`: the same as the `curriculum` command."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
