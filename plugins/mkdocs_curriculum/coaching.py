"""The coaching block: a reflection or practice prompt with an optional private notes field."""

from __future__ import annotations

import textwrap

from .model import Coaching
from .options import block_id, check_names, flag, slug

OPTIONS = ("for", "notes", "id")


def parse(arg: str, options, body: list, line: int, indent: str, ctx) -> Coaching | None:
    from .blocks import parse_roles

    check_names(options, OPTIONS, "coaching", ctx)
    before = len(ctx.problems)
    text = textwrap.dedent("\n".join(t for _, t in body).expandtabs(4)).strip("\n")
    if not text.strip():
        ctx.fail(line, "this coaching prompt is empty.",
                 "Write the reflection questions or the practice task between the header and `///`.")
    roles = parse_roles(options["for"], options.line_of("for"), ctx, "for") if "for" in options else None
    notes = flag(options, "notes", True, ctx)
    title = arg or "Coaching prompt"
    cid = block_id(options, ctx, "coaching-" + slug(title, 40), ctx.ids, line)
    if len(ctx.problems) > before:
        return None
    return Coaching(cid, title, text, roles, notes, line, indent)
