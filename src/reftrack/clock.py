"""The one source of "now": the system clock, or `REFTRACK_NOW` for tests and what-ifs."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from reftrack.errors import UsageProblem

if TYPE_CHECKING:
    import pendulum

NOW_VARIABLE = "REFTRACK_NOW"


def now(timezone: str) -> pendulum.DateTime:
    """Return the current instant in `timezone`, honouring `REFTRACK_NOW`."""
    import pendulum

    override = os.environ.get(NOW_VARIABLE, "").strip()
    if not override:
        return pendulum.now(timezone)
    try:
        parsed = pendulum.parse(override, tz=timezone)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as error:
        raise UsageProblem(
            f"{NOW_VARIABLE}='{override}' is not an ISO date or datetime ({error})",
            "use e.g. 2026-11-25 or 2026-11-25T09:30",
        ) from None
    if isinstance(parsed, pendulum.DateTime):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", override):
            # A bare date stands for the middle of that day, clear of midnight and DST shifts.
            return pendulum.datetime(parsed.year, parsed.month, parsed.day, 12, tz=timezone)
        return parsed.in_timezone(timezone)
    if isinstance(parsed, pendulum.Date):
        return pendulum.datetime(parsed.year, parsed.month, parsed.day, 12, tz=timezone)
    raise UsageProblem(
        f"{NOW_VARIABLE}='{override}' is not an ISO date or datetime",
        "use e.g. 2026-11-25 or 2026-11-25T09:30",
    )
