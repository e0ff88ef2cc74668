"""Words every renderer agrees on, free of Rich so that any output may use them."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """A count and its noun, agreeing: 1 ask, 2 asks, 0 asks."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
