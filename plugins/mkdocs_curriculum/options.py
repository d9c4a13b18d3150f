"""Checking the options written under a block header: known names, right types, clear messages.

A kind declares its options as data, `name -> (default, validator)`; a validator is called as
`validator(options, key, ctx, default)` only when the option is written, reads `options[key]` (and
`options.line_of(key)`, `options.raw`), reports a mistake with `ctx.fail` at the option's line and returns the
value to use (the default after a mistake).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .roles import parse_roles
from .suggest import did_you_mean

Validator = Callable[[Any, str, Any, Any], Any]
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


def check_names(options, allowed, name: str, ctx) -> None:
    allowed = tuple(allowed)
    for key in options:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed, f"Known options: {', '.join(allowed)}.", form="`{}`")
            ctx.fail(options.line_of(key), f"unknown option `{key}` in `/// {name}`.", hint)


# -- validators ---------------------------------------------------------------------------------------------


def boolean(options, key: str, ctx, default: bool) -> bool:
    """`true` or `false`."""
    value = options[key]
    if not isinstance(value, bool):
        ctx.fail(options.line_of(key), f"`{key}` must be true or false, not {value!r}.")
        return default
    return value


def roles(options, key: str, ctx, default):
    """Role ids, as `/// for | ...` takes them: `managers executives`, `a, b` or a YAML list."""
    return parse_roles(options[key], options.line_of(key), ctx, key)


def explicit_id(options, key: str, ctx, default):
    """An id the author chose: letters, digits, '-' and '_', unique in the module (ctx.ids)."""
    value, at, used = options[key], options.line_of(key), ctx.ids
    if not isinstance(value, (str, int)) or not _ID.match(str(value)):
        ctx.fail(at, f"`id` must be letters, digits, '-' or '_' (got {value!r}).")
        return default
    value = str(value)
    if value in used:
        ctx.fail(at, f"two blocks in this module have the id '{value}' (the other is at line {used[value]}).",
                 "Give each quiz and coaching prompt its own id.")
    used.setdefault(value, at)
    return value


# -- helpers --------------------------------------------------------------------------------------------------


def flag(options, key: str, default: bool, ctx) -> bool:
    return boolean(options, key, ctx, default) if key in options else default


def derived_id(used: dict, fallback: str, line: int) -> str:
    """An id made from the block's text, made unique in the module quietly."""
    # The next number to try per fallback is kept under a tuple key (ids are strings), so a module
    # with thousands of blocks of the same question stays linear instead of quadratic.
    candidate, n = fallback, used.get(("next", fallback), 2)
    while candidate in used:
        candidate, n = f"{fallback}-{n}", n + 1
    used[("next", fallback)] = n
    used[candidate] = line
    return candidate


def block_id(options, ctx, fallback: str, used: dict, line: int) -> str:
    """An explicit id must be unique in the module; a derived one is made unique quietly."""
    if "id" in options:
        return explicit_id(options, "id", ctx, fallback)
    return derived_id(used, fallback, line)


def slug(text: str, limit: int = 48) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "block"
