"""The `/// name | argument` block syntax: find blocks in a module body, keeping every line number.

Fenced code is skipped, blocks of other extensions (pymdownx `/// details` and the like) pass through
untouched, and every mistake is reported with its line instead of being silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import kinds
from .errors import FileProblems, Problems, SourceError
from .model import Text
from .roles import parse_roles  # noqa: F401 (the role syntax, once here: tests and old callers import it from blocks)
from .source import LineDict, load_yaml
from .suggest import closest

MAX_DEPTH = 16
_CLOSE = re.compile(r"^[ \t]*///[ \t]*$")
_HEADER = re.compile(r"^(?P<indent>[ \t]*)///(?!/)[ \t]*(?P<name>[^\s|]*)[ \t]*(?:\|(?P<arg>.*))?$")
_FENCE = re.compile(r"^[ \t]*(?P<mark>`{3,}|~{3,})")
_FOREIGN_OK = {"admonition", "details", "tab", "html", "define", "caption", "figure-caption",
               "table-caption", "note", "tip", "info", "warning", "danger", "caution", "example"}


def indent_width(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def dedent_line(line: str, width: int) -> str:
    expanded = line.expandtabs(4)
    return expanded[min(width, indent_width(expanded)):]


@dataclass
class Context:
    """What a parser needs to know about where it is, and where its problems go: `report`, the module file's
    collector in the run's `errors.Problems` (by default a collector of its own, named after the module)."""

    module: str
    roles: frozenset
    report: FileProblems | None = None
    ids: dict = field(default_factory=dict)  # quiz/coaching id -> first line
    misshapen: set = field(default_factory=set)  # header lines of blocks whose layout was reported: not parsed

    def __post_init__(self):
        if self.report is None:
            self.report = Problems().at(self.module)

    @property
    def _report(self) -> FileProblems:
        assert self.report is not None  # set by __post_init__
        return self.report

    def fail(self, line, message, hint=""):
        self._report.error(line, message, hint)

    def count(self) -> int:
        """How many problems this module has had so far: a parser compares before and after."""
        return len(self._report.items)

    @property
    def problems(self) -> list[SourceError]:
        """The module's problems as (line, message, hint) items, for callers that know the file themselves."""
        return [SourceError(p.line, p.message, p.hint) for p in self._report.items]


@dataclass
class _Open:
    name: str
    arg: str
    options: LineDict | None
    line: int
    indent: str
    head: list  # header and option lines, kept for blocks we pass through
    items: list = field(default_factory=list)  # (line, text) pairs and finished nodes


def parse_body(text: str, first_line: int, ctx: Context) -> tuple:
    """Turn a module body into nodes; problems are collected in ctx, never raised."""
    root = _Open("", "", None, first_line, "", [])
    stack = [root]
    fence = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line, number = lines[i], first_line + i
        i += 1
        if fence:
            fence = None if _closes_fence(line, fence) else fence
            stack[-1].items.append((number, line))
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = fence_match.group("mark")
            stack[-1].items.append((number, line))
            continue
        if _CLOSE.match(line):
            if len(stack) == 1:
                ctx.fail(number, "this `///` closes no block.", "Remove it, or open a block above it.")
                continue
            block = stack.pop()
            stack[-1].items.extend(_finish(block, number, line, ctx))
            continue
        header = _HEADER.match(line)
        if header:
            opened, i = _open(header, lines, i, number, ctx)
            if len(stack) > MAX_DEPTH:
                ctx.fail(number, f"blocks are nested more than {MAX_DEPTH} deep.", "Flatten them.")
                return ()
            stack.append(opened)
            continue
        stack[-1].items.append((number, line))
    for block in stack[1:]:
        ctx.fail(block.line, f"the `/// {block.name}` block opened here is never closed.",
                 "Add a line with only `///` where it ends.")
    return _nodes(root.items)


def _closes_fence(line: str, mark: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(mark[0] * len(mark)) and set(stripped) == {mark[0]}


def _open(header, lines, i, number, ctx):
    """Read a block header and the option lines indented under it."""
    name, indent = header.group("name"), header.group("indent")
    arg = (header.group("arg") or "").strip()
    head = [(number, lines[i - 1])]
    kind = kinds.get(name)
    if kind and _misshapen(lines, i, number, indent_width(indent), name, ctx):
        ctx.misshapen.add(number)
    option_lines = []
    while i < len(lines) and lines[i].strip() and indent_width(lines[i]) >= indent_width(indent) + 4:
        option_lines.append(dedent_line(lines[i], indent_width(indent) + 4))
        head.append((number + len(head), lines[i]))
        i += 1
    if not name:
        ctx.fail(number, "this block has no name.", f"Write {kinds.syntax_list()}.")
    elif not kind and name.lower() not in _FOREIGN_OK:
        meant = _meant(name)
        if meant:
            ctx.fail(number, f"unknown block `/// {name}`.", f"Did you mean `/// {meant}`? Block names are lower-case.")
    options = None
    if option_lines and kind and number not in ctx.misshapen:
        options = _options("\n".join(option_lines), number + 1, name, ctx)
    return _Open(name, arg, options, number, indent, head), i


_OPTION_LINE = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_CHOICE_LINE = re.compile(r"^[ \t]*[-*+][ \t]*\[[ xX]?\]")
OPTION_INDENT = "Indent option lines by exactly 4 spaces, right under the header line, with no blank line between."


def _misshapen(lines: list, i: int, number: int, base: int, name: str, ctx: Context) -> bool:
    """Layout mistakes that would otherwise pass silently or surface as a parser's riddle: options cut off
    from their header by a blank line (shown to learners as text), options indented by anything but 4
    spaces, choices indented as if they were options. Reported at the line that is wrong."""
    known = kinds.options_of(name)

    def option(text: str) -> bool:
        found = _OPTION_LINE.match(text)
        return found is not None and found.group("key") in known

    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j > i and j < len(lines) and indent_width(lines[j]) > base and option(lines[j]):
        ctx.fail(number + 1 + j - i, f"this option line of `/// {name}` is cut off from its header by a blank "
                 "line, so learners would read it as text.",
                 "Remove the blank line: option lines go right under the header, indented by exactly 4 spaces.")
        return True
    previous = ""
    for k in range(i, len(lines)):
        text = lines[k]
        if not text.strip() or (indent_width(text) <= base and not option(text)):
            return False
        if _CHOICE_LINE.match(text) and indent_width(text) > base:
            ctx.fail(number + 1 + k - i, f"this choice line is indented under the `/// {name}` header, where only "
                     "option lines go.", "Start choice lines at the block's own indentation: `- [x] Right answer`.")
            return True
        continuation = previous.rstrip().endswith(":") or text.strip().startswith("- ")
        if option(text) and indent_width(text) != base + 4 and not (k > i and continuation):
            ctx.fail(number + 1 + k - i, f"this option line of `/// {name}` is indented by "
                     f"{indent_width(text) - base} spaces, not 4.", OPTION_INDENT)
            return True
        previous = text
    return False


def _options(text: str, line: int, name: str, ctx: Context):
    try:
        options = load_yaml(text, line)
    except SourceError as exc:
        ctx.fail(exc.line, f"the options of this `/// {name}` block are not valid: {exc.message}",
                 "Options are `key: value` lines indented 4 spaces right under the header.")
        return LineDict()
    if not isinstance(options, LineDict):
        ctx.fail(line, f"the lines indented under `/// {name}` must be options (`key: value`).",
                 "Remove the indentation, or write options such as `for: managers`.")
        return LineDict()
    return options


def _meant(name: str) -> str | None:
    """Which of our blocks a mistyped name was meant to be (`QUIZ`, `Coach`, `/// role`), if any."""
    return closest(name.lower(), kinds.names(), cutoff=0.65, aliases=kinds.aliases())


def _finish(block: _Open, close_line: int, close_text: str, ctx: Context) -> list:
    """A block just closed: its kind builds its node, or a foreign block passes through as text."""
    kind = kinds.get(block.name)
    if kind is None:
        return block.head + block.items + [(close_line, close_text)]
    if block.line in ctx.misshapen:  # reported at the line that is wrong; its parse would only add riddles
        return []
    body: tuple
    if kind.container:
        body, children = (), _nodes(block.items)
    elif any(not isinstance(item, tuple) for item in block.items):
        ctx.fail(block.line, f"a `/// {block.name}` block cannot contain {kinds.name_list()} blocks.",
                 "Close it before opening the next block.")
        return []
    else:
        width = indent_width(block.indent)
        body, children = tuple((n, dedent_line(t, width)) for n, t in block.items), ()
    found = kinds.Block(block.name, block.arg, block.options or LineDict(), block.line, block.indent, body, children)
    kind.check_options(found, ctx)
    node = kind.parse(found, ctx)
    return [node] if node else []


def _nodes(items: list) -> tuple:
    """Group consecutive text lines into Text nodes."""
    nodes, run = [], []
    for item in items:
        if isinstance(item, tuple):
            run.append(item[1])
            continue
        if run:
            nodes.append(Text(tuple(run)))
            run = []
        if item is not None:
            nodes.append(item)
    if run:
        nodes.append(Text(tuple(run)))
    return tuple(nodes)
