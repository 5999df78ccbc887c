"""`python -m gazette_checks` runs the command line."""

from .cli import main

raise SystemExit(main())
