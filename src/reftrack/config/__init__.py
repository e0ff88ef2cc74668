"""The settings file: TOML in the user's config dir, validated, edited without losing comments.

`keys.KEYS` says for every setting what it means and accepts, `kinds` how a value is
read from the command line and from the file, shown and stored, and `files` where the
file is and how it is read and written. Nothing here runs at import time and only the
standard library's light modules are imported up front, so `--help` and key completion
stay cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reftrack.config.files import CONFIG_VARIABLE, config_path, document, parse, read_text, write
from reftrack.config.keys import DEFAULT_IDEAL_CUSTOMER, KEYS, KeySpec, Settings, spec_for

__all__ = [
    "CONFIG_VARIABLE",
    "DEFAULT_IDEAL_CUSTOMER",
    "KEYS",
    "NEW_FILE_HEADER",
    "KeySpec",
    "Settings",
    "config_path",
    "get_value",
    "load_settings",
    "set_value",
    "show_values",
    "unset_value",
]

NEW_FILE_HEADER = (
    "# reftrack settings. Change them with `reftrack config set KEY VALUE` or edit this file;\n"
    "# `reftrack config show` lists every key.\n\n"
)


def _effective(path: Path) -> dict[str, tuple[Any, str]]:
    """Each key's typed value and whether it came from the file or the default."""
    text = read_text(path)
    table = parse(path, text) if text is not None else {}
    values: dict[str, tuple[Any, str]] = {}
    for key, spec in KEYS.items():
        if key in table:
            values[key] = (spec.from_toml(table[key], path), "file")
        else:
            values[key] = (spec.make_default(), "default")
    return values


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force: the file's values over the defaults."""
    values = _effective(path or config_path())
    return Settings(
        **{key: value for key, (value, _source) in values.items()},
        rep_named=values["rep"][1] == "file",
    )


def get_value(key: str, path: Path | None = None) -> str:
    """One setting's effective value, as it would be typed."""
    spec = spec_for(key)
    value, _source = _effective(path or config_path())[key]
    return spec.show(value)


def show_values(path: Path | None = None) -> list[tuple[str, str, str]]:
    """(key, value as typed, 'file' or 'default') for every setting, in order."""
    values = _effective(path or config_path())
    return [(key, KEYS[key].show(value), source) for key, (value, source) in values.items()]


def set_value(key: str, raw: str, path: Path | None = None) -> str:
    """Validate and store a setting, keeping the file's comments and layout."""
    import tomlkit

    spec = spec_for(key)
    value = spec.from_text(raw)
    target = path or config_path()
    editable, text = document(target)
    item = tomlkit.item(spec.kind.to_toml(value))
    if text is not None and key not in editable and "\r\n" in text:
        # A new line in a Windows-style file ends the way the others do.
        item.trivia.trail = "\r\n"
    editable[key] = item
    new_text = editable.as_string()
    write(target, new_text if text is not None else NEW_FILE_HEADER + new_text)
    return spec.show(value)


def unset_value(key: str, path: Path | None = None) -> str:
    """Remove a setting from the file; return the default now in force."""
    spec = spec_for(key)
    target = path or config_path()
    editable, text = document(target)
    if text is not None and key in editable:
        del editable[key]
        write(target, editable.as_string())
    return spec.default
