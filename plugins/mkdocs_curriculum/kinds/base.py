"""What a block kind declares, and the registry the engine asks. Knows no kind, no host.

A kind is one module (see `quiz.py`, `coaching.py`, `for_.py`) with a `Kind` subclass registered once:

    @register
    class Note(Kind):
        name = "note"                                  # written `/// note | ...`
        options = {"for": (None, options.roles)}       # name -> (default, validator), in checking order
        node = NoteNode                                # the model node it builds (a frozen dataclass)

        def parse(self, block, ctx): ...              # a closed Block -> node, or None after reporting
        def html(self, slot, node, number, page): ... # the node's HTML in a tailored page

The engine (`blocks` finds blocks, `tailor` places them, `plan`/`render` draw them, `model` walks them,
`cli.stats` counts them) only ever calls these methods; it never asks which kind a node is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..options import check_names

if TYPE_CHECKING:
    from ..model import Module

Roles = frozenset | None  # None: every role
Option = tuple  # (default, validator): see options.py


def visible(roles: Roles, role: str | None) -> bool:
    """Whether a node limited to `roles` shows in `role`'s version (None: the trainer's view)."""
    return role is None or roles is None or role in roles


@dataclass(frozen=True)
class Block:
    """A closed block as the engine found it, for its kind to parse."""

    name: str
    arg: str  # the text after the bar: `/// quiz | <arg>`
    options: Any  # source.LineDict: the option lines under the header (empty if none)
    line: int  # the header's line
    indent: str  # the header's indentation, which the node keeps (a block inside a list item)
    body: tuple = ()  # (line, text) pairs, dedented to the header: a leaf kind's content
    children: tuple = ()  # parsed nodes: a container kind's content


@dataclass(frozen=True)
class Page:
    """What a kind's HTML may need to know about the page it is drawn in."""

    module: Module
    md: Callable[[str], str]  # a snippet's Markdown -> HTML, with the site's extensions
    titles: dict  # role id -> title, in curriculum order
    trainer: bool  # the trainer's view (every role's section, labelled)
    total: int = 0  # the questions in this version of the page
    # A snippet the browser shows later (inside the answer key): no host sees its links, so they must be written
    # as the page's own address needs them; None: as `md` writes them (the MkDocs plugin's `md` already does).
    md_later: Callable[[str], str] | None = None

    @property
    def later(self) -> Callable[[str], str]:
        return self.md_later or self.md


class Out(Protocol):
    """Where a kind puts a node while a module is tailored for one audience (see tailor.py)."""

    role: str | None  # None: the trainer's view

    def slot(self, name: str, node: Any) -> None:
        """A placeholder that `fill` later replaces with `kind.html(name, node, ...)`."""

    def body(self, nodes: tuple) -> None:
        """Nodes as they stand (text and blocks), tailored in turn."""


class Kind:
    """The base of every block kind: what the engine asks of it, with the common answers."""

    name: ClassVar[str] = ""  # `/// <name> | ...`
    aliases: ClassVar[tuple] = ()  # names authors write by mistake (`/// coach`): suggested as this kind
    syntax: ClassVar[str] = ""  # how to write it, for hints: "/// quiz | ..." (default: `/// <name> | ...`)
    options: ClassVar[dict] = {}  # option name -> (default, validator), in the order they are checked
    node: ClassVar[type] = object  # the model node class it builds
    container: ClassVar[bool] = False  # its content is blocks and text (`for`), not its own text
    counts_as: ClassVar[str | None] = None  # "question": scored and numbered; "prompt": a coaching prompt
    handler: ClassVar[str | None] = None  # the browser handler that brings its HTML to life (`data-cq-<handler>`)

    # -- parsing ----------------------------------------------------------------------------------------------

    def check_options(self, block: Block, ctx) -> None:
        """Report option names the kind does not declare, before it parses (a block with unknown options is
        still built)."""
        check_names(block.options, self.options, self.name, ctx)

    def value(self, options, key: str, ctx):
        """A declared option's value: validated if written, else its default."""
        default, validate = self.options[key]
        return validate(options, key, ctx, default) if key in options else default

    def parse(self, block: Block, ctx):
        """The node for a closed block, or None after reporting every mistake with ctx.fail."""
        raise NotImplementedError

    # -- the model ---------------------------------------------------------------------------------------------

    def shown(self, node, role: str | None) -> bool:
        """Whether the node is in `role`'s version (None: the trainer's view)."""
        return visible(getattr(node, "roles", None), role)

    def children(self, node) -> tuple:
        """The nodes inside a container."""
        return ()

    def words(self, node) -> str:
        """The text a learner reads of the node (not its markup, not what the answer key hides)."""
        return ""

    # -- tailoring and HTML ------------------------------------------------------------------------------------

    def tailor(self, node, out: Out) -> None:
        """Place the node in a version of its module: by default one placeholder, if the audience sees it."""
        if self.shown(node, out.role):
            out.slot(self.name, node)

    def html(self, slot: str, node, number: int, page: Page) -> str:
        """The HTML of one placeholder (`slot` as given to `out.slot`; `number`: a question's number)."""
        raise NotImplementedError


# -- the registry ----------------------------------------------------------------------------------------------

_KINDS: dict[str, Kind] = {}
_BY_NODE: dict[type, Kind] = {}


def register(kind):
    """Register a kind (a `Kind` subclass, or an instance); usable as a class decorator."""
    instance = kind() if isinstance(kind, type) else kind
    if not instance.name or instance.name in _KINDS:
        raise ValueError(f"a block kind needs a new name, not {instance.name!r}")
    _KINDS[instance.name] = instance
    _BY_NODE[instance.node] = instance
    return kind


def unregister(name: str) -> None:
    kind = _KINDS.pop(name)
    _BY_NODE.pop(kind.node, None)


def get(name: str) -> Kind | None:
    """The kind written `/// <name>`, or None (text, or another extension's block)."""
    return _KINDS.get(name)


def names() -> tuple:
    """Every kind's name, in registration order."""
    return tuple(_KINDS)


def aliases() -> dict:
    """alias -> kind name, for "did you mean"."""
    return {alias: kind.name for kind in _KINDS.values() for alias in kind.aliases}


def options_of(name: str) -> tuple:
    kind = _KINDS.get(name)
    return tuple(kind.options) if kind else ()


def of(node) -> Kind | None:
    """The kind of a model node, or None for text."""
    return _BY_NODE.get(type(node))


def walk(nodes, role: str | None) -> Iterator:
    """The leaf blocks (questions, prompts, ...) in order, as `role` sees them; containers are opened."""
    for node in nodes:
        kind = of(node)
        if kind is None or not kind.shown(node, role):
            continue
        if kind.container:
            yield from walk(kind.children(node), role)
        else:
            yield node


def counted(nodes, role: str | None, counts_as: str) -> list:
    """The blocks `role` sees that count as `counts_as` ("question", "prompt")."""
    return [n for n in walk(nodes, role) if getattr(of(n), "counts_as", None) == counts_as]


def syntax_list(last: str = "or") -> str:
    """How to write each kind, for a hint: "`/// quiz | ...`, `/// coaching | ...` or `/// for | roles`"."""
    items = [f"`{k.syntax or f'/// {k.name} | ...'}`" for k in _KINDS.values()]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def name_list(last: str = "or") -> str:
    """"quiz, coaching or for"."""
    items = list(_KINDS)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"
