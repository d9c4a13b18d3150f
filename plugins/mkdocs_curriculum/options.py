"""Checking the options written under a block header: known names, right types, clear messages."""

from __future__ import annotations

import difflib
import re

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


def check_names(options, allowed: tuple, name: str, ctx) -> None:
    for key in options:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"Did you mean `{close[0]}`?" if close else f"Known options: {', '.join(allowed)}."
            ctx.fail(options.line_of(key), f"unknown option `{key}` in `/// {name}`.", hint)


def flag(options, key: str, default: bool, ctx) -> bool:
    value = options.get(key, default)
    if not isinstance(value, bool):
        ctx.fail(options.line_of(key), f"`{key}` must be true or false, not {value!r}.")
        return default
    return value


def block_id(options, ctx, fallback: str, used: dict, line: int) -> str:
    """An explicit id must be unique in the module; a derived one is made unique quietly."""
    if "id" in options:
        value = options["id"]
        at = options.line_of("id")
        if not isinstance(value, (str, int)) or not _ID.match(str(value)):
            ctx.fail(at, f"`id` must be letters, digits, '-' or '_' (got {value!r}).")
            return fallback
        value = str(value)
        if value in used:
            ctx.fail(at, f"two blocks in this module have the id '{value}' (the other is at line {used[value]}).",
                     "Give each quiz and coaching prompt its own id.")
        used.setdefault(value, at)
        return value
    # The next number to try per fallback is kept under a tuple key (ids are strings), so a module
    # with thousands of blocks of the same question stays linear instead of quadratic.
    candidate, n = fallback, used.get(("next", fallback), 2)
    while candidate in used:
        candidate, n = f"{fallback}-{n}", n + 1
    used[("next", fallback)] = n
    used[candidate] = line
    return candidate


def slug(text: str, limit: int = 48) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "block"
