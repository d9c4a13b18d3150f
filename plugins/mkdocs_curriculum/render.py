"""HTML for the blocks of a tailored page: each placeholder is drawn by its node's kind. Pure: Markdown comes in
through `md`, a snippet's Markdown -> HTML with the site's own extensions, which the host supplies.

`slot_renderer` is what a host passes to `tailor.fill`. `quiz_html`, `coaching_html` and `for_open_html` are the
old per-kind entry points, kept for callers that have not moved to `slot_renderer` yet.
"""

from __future__ import annotations

from . import kinds
from .kinds.base import Page
from .kinds.coaching import coaching_html as _coaching_html
from .kinds.for_ import for_open_html
from .kinds.quiz import quiz_html as _quiz_html
from .markup import Md, data_element, inline, obfuscate, role_names
from .model import Coaching, Module, Question


def slot_renderer(version, md: Md, titles: dict, md_later: Md | None = None):
    """`render_slot(slot, node, number)` for `tailor.fill`: the HTML of each placeholder of a tailored version
    (`titles`: role id -> title, in curriculum order; `md_later`: see `Page.md_later`)."""
    page = Page(version.module, md, titles, version.role is None, len(version.questions), md_later)
    return lambda slot, node, number: block_html(slot, node, number, page)


def block_html(slot: str, node, number: int, page: Page) -> str:
    """One placeholder's HTML, drawn by the node's kind."""
    kind = kinds.of(node)
    assert kind is not None  # a slot holds a block, never text
    return kind.html(slot, node, number, page)


def quiz_html(q: Question, number: int, total: int, module: Module, md: Md, titles: dict, trainer: bool) -> str:
    return _quiz_html(q, number, Page(module, md, titles, trainer, total))


def coaching_html(c: Coaching, module: Module, md: Md, titles: dict, trainer: bool) -> str:
    return _coaching_html(c, Page(module, md, titles, trainer))


__all__ = ["Md", "block_html", "coaching_html", "data_element", "for_open_html", "inline", "obfuscate", "quiz_html",
           "role_names", "slot_renderer"]
