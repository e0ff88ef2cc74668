"""`queries`, on whichever path the session is: SQLModel's, or the fast sqlite3 one.

Services that serve a read a rep waits for import `queries` from here instead of
reftrack.store.queries: `queries.NAME(session, …)` then runs reftrack.store.fast's
NAME on a FastSession and the SQLModel query otherwise, importing SQLModel only then.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reftrack.store import fast

if TYPE_CHECKING:
    from reftrack.store import queries as queries
else:

    class _EitherPath:
        """Each attribute: the query of that name, on the path its session is on."""

        def __getattr__(self, name: str) -> Any:
            def on_session(session: Any, *args: Any, **kwargs: Any) -> Any:
                if isinstance(session, fast.FastSession):
                    return getattr(fast, name)(session, *args, **kwargs)
                full = importlib.import_module("reftrack.store.queries")
                return getattr(full, name)(session, *args, **kwargs)

            return on_session

    queries = _EitherPath()

__all__ = ["queries"]
