"""The coaching block: a reflection or practice prompt with an optional private notes field.

    /// coaching | Think of a customer
        notes: false
    Who was the last customer you helped? What did they need?
    ///
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from typing import ClassVar

from .. import options as opt
from ..markup import inline, role_names
from .base import Block, Kind, Page, Roles, register


@dataclass(frozen=True)
class Coaching:
    id: str
    title: str
    body: str
    roles: Roles
    notes: bool
    line: int
    indent: str = ""


@register
class CoachingKind(Kind):
    name = "coaching"
    aliases = ("coach", "reflection", "reflect", "prompt")
    options: ClassVar[dict] = {"for": (None, opt.roles), "notes": (True, opt.boolean), "id": (None, opt.explicit_id)}
    node = Coaching
    counts_as = "prompt"
    handler = "coaching"

    def parse(self, block: Block, ctx) -> Coaching | None:
        options, line = block.options, block.line
        before = ctx.count()
        text = textwrap.dedent("\n".join(t for _, t in block.body).expandtabs(4)).strip("\n")
        if not text.strip():
            ctx.fail(line, "this coaching prompt is empty.",
                     "Write the reflection questions or the practice task between the header and `///`.")
        roles = self.value(options, "for", ctx)
        notes = self.value(options, "notes", ctx)
        title = block.arg or "Coaching prompt"
        cid = self.value(options, "id", ctx) or opt.derived_id(ctx.ids, "coaching-" + opt.slug(title, 40), line)
        if ctx.count() > before:
            return None
        return Coaching(cid, title, text, roles, notes, line, block.indent)

    def words(self, node: Coaching) -> str:
        return f"{node.title} {node.body}"

    def html(self, slot: str, node: Coaching, number: int, page: Page) -> str:
        return coaching_html(node, page)


def coaching_html(c: Coaching, page: Page) -> str:
    cid, md = escape(c.id), page.md
    roles = (f'<p class="cq-roles">Only for: {role_names(c.roles, page.titles)}</p>'
             if page.trainer and c.roles is not None else "")
    notes = ""
    if c.notes:
        notes = (f'<div class="cq-notes" hidden><label for="cq-{cid}-notes">My notes</label>'
                 f'<textarea id="cq-{cid}-notes" rows="4" data-cq-notes></textarea>'
                 '<p class="cq-notes__privacy">Your notes are saved only in this browser, on this device. '
                 'They are never sent anywhere.</p></div>')
    return (f'<div class="admonition cq-coaching" data-cq-{CoachingKind.handler}="{cid}" role="note" '
            f'aria-labelledby="cq-{cid}-title">'
            f'<p class="admonition-title" id="cq-{cid}-title">{inline(md, c.title)}</p>{roles}'
            f'{md(c.body)}{notes}</div>')
