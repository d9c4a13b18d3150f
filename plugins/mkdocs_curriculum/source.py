"""Reading author files and YAML so that every value keeps the line it came from."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import SourceError

MAX_BYTES = 10 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based, in the author's file)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.raw: dict = {}  # key -> the scalar exactly as written (`3:30`, `007`, `yes`), for values read as text

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers the line of each item."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []
        self.raw: list = []  # each scalar item exactly as written, None for the others

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList and refuses duplicate keys."""

    line_offset = 0

    def construct_object(self, node, deep=False):
        """PyYAML's own constructors raise plain Python errors on values such as `2001-13-45`
        or `!!int x`; turn them into located YAML errors."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({exc})", node.start_mark) from None


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1 + loader.line_offset
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.line_offset
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise SourceError(line, "a key must be a plain word.", "Write `name: value`.")
        if key in result:
            raise SourceError(line, f"the key '{key}' appears twice.", "Keep one of them.")
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        result.raw[key] = _raw(value_node)
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.lines = [child.start_mark.line + 1 + loader.line_offset for child in node.value]
    result.raw = [_raw(child) for child in node.value]
    return result


def _raw(node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _hint_for(problem: str) -> str:
    if "\\t" in problem or re.search(r"\btabs?\b", problem):
        return "YAML does not allow tabs for indentation: indent with spaces."
    if "mapping values are not allowed" in problem:
        return "A value that contains ': ' must be put in quotes."
    if "cannot read this value" in problem:
        return "If the value is meant as text, put it in quotes."
    if "could not find expected ':'" in problem:
        return "Each line must be `key: value`; check the indentation and quotes."
    return "Check the indentation, the colons and the quotes around this line."


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML; mistakes become SourceError with the author's line number."""
    loader = None
    try:
        loader = _Loader(text)  # may already refuse a control character
        loader.line_offset = first_line - 1
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise SourceError(line, f"invalid YAML: {problem}.", _hint_for(problem)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise SourceError(line, f"invalid YAML: the control character U+{exc.character:04X} is not allowed.",
                          "Delete it; it is usually left over from copying and pasting.") from None
    except yaml.YAMLError as exc:
        raise SourceError(first_line, f"invalid YAML: {exc}.", _hint_for(str(exc))) from None
    except RecursionError:
        raise SourceError(first_line, "the YAML is nested too deeply.", "Simplify it.") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_text(path: Path) -> str:
    """Read an author's file as UTF-8, tolerating a BOM and Windows line endings."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(None, f"cannot read the file ({exc.strerror}).") from None
    if size > MAX_BYTES:
        raise SourceError(None, f"the file is {size / 1024 / 1024:.1f} MB, over the 10 MB limit.",
                          "Split it into smaller modules.")
    try:
        data = path.read_bytes()
    except OSError as exc:  # a folder named `x.md`, a file without read permission
        raise SourceError(None, f"cannot read the file ({exc.strerror}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(line, f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}).",
                          "Save it with UTF-8 encoding.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, line number where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def dump_yaml(data) -> str:
    """YAML for a generated page's front matter or a generated config (keys made text, tuples made lists);
    with libyaml's emitter where PyYAML has it (a build writes one per page: the pure one is 10x slower)."""
    return yaml.dump(_plain(data), Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def front_matter(meta: dict) -> str:
    """A generated page's front matter block, as its Markdown starts."""
    return f"---\n{dump_yaml(meta)}---\n"


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
