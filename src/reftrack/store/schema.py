"""What every way into the database agrees on; free of imports, so the fast path shares it."""

# The newest schema revision this reftrack knows; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0007"
# How long a command waits for another's write before giving up. SQLite's busy handler
# sleeps between tries with backoff (1 ms rising to 100 ms), so a crowd of writers on a
# busy machine queues for the lock instead of being refused; readers never wait (WAL).
BUSY_TIMEOUT_SECONDS = 120


def in_words(message: str) -> str:
    """The driver's words for a database error, on one line, with what a rep can do about it."""
    first = message.strip().splitlines()[0] if message.strip() else message
    if "locked" in first or "busy" in first:
        return f"{first} (another reftrack may be writing; try again)"
    if "not a database" in first:
        return "it is not a SQLite database"
    return first
