"""Folders only the user can open: where reftrack keeps contact data, nobody else looks."""

from __future__ import annotations

from pathlib import Path


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and every missing parent as 0700; leave existing ones alone.

    `mkdir(mode=0o700, parents=True)` gives the mode to the last folder only, and the
    umask's to the parents it makes: ~/.local/share/reftrack would leave `share` open.
    An OSError names the folder that could not be made in its `filename`.
    """
    missing: list[Path] = []
    for folder in (directory, *directory.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as error:
            error.filename = str(folder)
            raise
