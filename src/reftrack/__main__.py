"""Let `python -m reftrack` run the command line."""

from reftrack.launch import main

main()
