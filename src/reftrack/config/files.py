"""The settings file on disk: found, read and checked as TOML, written atomically and privately.

Reading uses the standard library's tomllib; editing uses tomlkit, imported only when
a file is changed, so that comments and layout survive and reading stays light.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from reftrack.config.keys import KEYS
from reftrack.errors import ConfigProblem, did_you_mean
from reftrack.private import make_private_dirs

CONFIG_VARIABLE = "REFTRACK_CONFIG"


def config_path() -> Path:
    """Where the settings file is: `REFTRACK_CONFIG`, else the user config dir."""
    override = os.environ.get(CONFIG_VARIABLE)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("reftrack") / "config.toml"


def read_text(path: Path) -> str | None:
    """The file's text exactly as stored (line endings kept), or None when there is none."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigProblem(
            f"cannot read config file {path}: {error.strerror or error}",
            "check that it is a readable file",
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigProblem(
            f"config file {path} is not UTF-8 text", "save it as UTF-8 or move it aside"
        ) from None


def parse(path: Path, text: str) -> dict[str, Any]:
    """The file's table, checked: valid TOML and known keys only."""
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        found = re.search(r"\s*\(at line (\d+), column \d+\)$", reason)
        if found:
            where, reason = f"line {found.group(1)}", reason[: found.start()]
        else:
            where, reason = "end of file", re.sub(r"\s*\(at end of document\)$", "", reason)
        raise ConfigProblem(
            f"config file {path} is not valid TOML ({where}): {reason}",
            "correct that line, or move the file aside to start from the defaults",
        ) from None
    for key in table:
        if key not in KEYS:
            raise ConfigProblem(
                f"config file {path} has an unknown key '{key}'{did_you_mean(key, KEYS)}",
                "rename or remove it; `reftrack config show` lists the keys",
            )
    return table


def _make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents as 0700; leave existing ones alone."""
    try:
        make_private_dirs(directory)
    except OSError as error:
        raise ConfigProblem(
            f"cannot create the config directory {error.filename}: {error.strerror or error}",
            f"create it yourself, or point {CONFIG_VARIABLE} elsewhere",
        ) from None


def write(path: Path, text: str) -> None:
    """Replace the file atomically: a private temp file beside it, then a rename."""
    # Write through a symlink (a dotfiles checkout) rather than replacing the link.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _make_private_dirs(target.parent)
    try:
        existing_mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing_mode = None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if existing_mode is not None and existing_mode != 0o600:
                os.fchmod(descriptor, existing_mode)
            os.write(descriptor, text.encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ConfigProblem(
            f"cannot write config file {target}: {error.strerror or error}",
            "check the directory's permissions and free space",
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def document(path: Path) -> tuple[Any, str | None]:
    """The file as an editable tomlkit document (checked first), and its text."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    text = read_text(path)
    if text is None:
        return tomlkit.document(), None
    # Refuse to edit a broken file: rewriting it would lose the user's text.
    parse(path, text)
    try:
        return tomlkit.parse(text), text
    except TOMLKitError as error:
        raise ConfigProblem(
            f"config file {path} cannot be edited safely: {error}", "edit the file by hand"
        ) from None
