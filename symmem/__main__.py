"""``python -m symmem`` runs the command line."""

import sys

from symmem.cli import main

sys.exit(main())
