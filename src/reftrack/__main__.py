"""Let `python -m reftrack` run the command line."""

from reftrack.cli import main

main()
