"""The `for` block: a section only the listed roles' versions show; the trainer's view shows it, labelled.

    /// for | managers executives
    Text, quizzes and coaching prompts for these roles only.
    ///
"""

from __future__ import annotations

from dataclasses import dataclass

from ..markup import role_names
from ..roles import parse_roles
from .base import Block, Kind, Out, Page, register

OPEN, CLOSE = "for-open", "for-close"  # its two placeholders in the trainer's view


@dataclass(frozen=True)
class ForBlock:
    """A role-tailored section: its children appear only in the listed roles' versions."""

    roles: frozenset
    children: tuple
    line: int
    indent: str = ""


@register
class For(Kind):
    name = "for"
    aliases = ("role", "roles", "only", "audience")
    syntax = "/// for | roles"
    node = ForBlock
    container = True

    def check_options(self, block: Block, ctx) -> None:
        if block.options:
            ctx.fail(block.line, "`/// for` takes no options.", "Put the role ids after the bar: `/// for | managers`.")

    def parse(self, block: Block, ctx) -> ForBlock:
        roles = parse_roles(block.arg, block.line, ctx, "/// for")
        return ForBlock(roles or frozenset(), block.children, block.line, block.indent)

    def children(self, node: ForBlock) -> tuple:
        return node.children

    def tailor(self, node: ForBlock, out: Out) -> None:
        """A role sees the section's content if listed, nothing otherwise; the trainer sees it framed by a label."""
        if out.role is not None:
            if out.role in node.roles:
                out.body(node.children)
            return
        out.slot(OPEN, node)
        out.body(node.children)
        out.slot(CLOSE, node)

    def html(self, slot: str, node: ForBlock, number: int, page: Page) -> str:
        return for_open_html(node, page.titles) if slot == OPEN else "</div>"


def for_open_html(node: ForBlock, titles: dict) -> str:
    return (f'<div class="admonition cq-for"><p class="admonition-title">'
            f'Only in the version for: {role_names(node.roles, titles)}</p>')
