"""The demo: a realistic history for one rep, generated from a seed (also the benchmark data).

`history.generate` runs it: `people` draws the contacts and holidays, `activity`
the working days one by one, from the names and phrasings in `data`, into the
rows of `rows.DemoHistory`.
"""

from reftrack.demo.history import FOLLOW_UP_DAYS, MONDAY_TO_FRIDAY, generate
from reftrack.demo.rows import DemoHistory

__all__ = ["FOLLOW_UP_DAYS", "MONDAY_TO_FRIDAY", "DemoHistory", "generate"]
