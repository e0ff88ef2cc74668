"""Typer's option coercion without pydantic where plain Python gives the same value.

Typer 0.29 coerces every parameter through a pydantic TypeAdapter, built the first
time the parameter is processed, even when it is left at None: that imports pydantic
(about a quarter of a `today` that reads through sqlite3; issue 12). `lighten` gives
each parameter a coercion that returns at once what the adapter would return for the
common cases (nothing given, a text given to a text option, a choice spelled as one of
its values, a plain whole number) and hands anything else, errors included, to Typer's
own adapter, built then: the values and the error messages stay Typer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice

# What pydantic's lax int reads from text exactly as int() does: plain digits, no sign.
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")


@dataclass(frozen=True)
class LightParam(RuntimeParam):
    """A parameter's coercion: the common cases here, the rest by Typer's adapter."""

    descriptor: TypeDescriptor
    _full: list[RuntimeParam] = field(default_factory=list, compare=False, repr=False)

    def full(self) -> RuntimeParam:
        """Typer's own coercion for this parameter, built once, on first need."""
        if not self._full:
            self._full.append(build_runtime_param(self.descriptor))
        return self._full[0]

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is str and self.parameter_info.parser is None and _utf8(value):
            annotation = self.annotation
            if annotation is str:
                return value
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                try:
                    return coerce_cli_choice(
                        value,
                        choices=tuple(annotation),
                        case_sensitive=self.parameter_info.case_sensitive,
                        ctx=ctx,
                    )
                except ValueError:
                    pass  # Typer's adapter words the error
            elif annotation is int and _plain_whole(value, self.parameter_info):
                return int(value)
        return self.full()._coerce_value(value, param=param, ctx=ctx)


def _utf8(text: str) -> bool:
    """Whether the text holds no lone surrogate (left for pydantic to judge)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plain_whole(text: str, info: Any) -> bool:
    return (
        info.min is None
        and info.max is None
        and not info.clamp
        and _WHOLE.fullmatch(text) is not None
    )


def lighten(command: Any, ctx: Any) -> None:
    """Give the parameters of a command, and of its subcommands, the light coercion.

    Each one's `--help` option, which Typer makes on first use, is made here (it is kept
    and reused), so that it is light too.
    """
    help_option = command.get_help_option(ctx) if ctx is not None else None
    for param in [*command.params, *([help_option] if help_option else [])]:
        descriptor = getattr(param, "type_descriptor", None)
        if isinstance(descriptor, TypeDescriptor) and param._runtime_param is None:
            param._runtime_param = LightParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
    for sub in getattr(command, "commands", {}).values():
        lighten(sub, ctx)
