"""Role ids written in a block: `/// for | a b` and the `for:` option of quizzes and coaching prompts."""

from __future__ import annotations

import re

from .suggest import did_you_mean


def parse_roles(value, line: int, ctx, where: str) -> frozenset | None:
    """Role ids from `a b`, `a, b` or a YAML list; unknown ids are reported (to `ctx`, a `blocks.Context`)."""
    if isinstance(value, str):
        ids = [v for v in re.split(r"[\s,]+", value) if v]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        ids = list(value)
    else:
        ctx.fail(line, f"`{where}` needs role ids, such as `managers executives`.")
        return None
    if not ids:
        ctx.fail(line, f"`{where}` names no role.", f"List role ids: {', '.join(sorted(ctx.roles))}.")
        return None
    for role in ids:
        if role not in ctx.roles:
            hint = did_you_mean(role, sorted(ctx.roles))
            ctx.fail(line, f"unknown role '{role}' in `{where}`.",
                     f"{hint} Known roles: {', '.join(sorted(ctx.roles))}.".strip())
    return frozenset(ids)
