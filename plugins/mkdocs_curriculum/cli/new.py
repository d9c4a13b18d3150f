"""`curriculum new`: a module from a template, added to roles' paths by a round-trip edit of curriculum.yml."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import yaml

from ..errors import SourceError
from ..load import MODULE_ID, SKIPPED
from ..source import read_text
from ..starter import MODULE_TEMPLATE, OBJECTIVE, SUMMARY
from .errors import CliError, check_role_names
from .project import find_project, shown_path, write_output


def run_new(args) -> int:
    """Check everything and prepare the curriculum.yml edit first, so a refusal leaves every file as it was."""
    mid = _module_id(args.module_id)
    title, summary = _one_line("--title", args.title), _one_line("--summary", args.summary)
    if not title:
        raise CliError("--title must not be empty.", 2)
    project = find_project(args.config_file)
    doc, rt = _read_round_trip(project.curriculum)
    roles = _roles_of(doc, project.curriculum)
    check_role_names(args.role, list(roles))
    target = project.docs_dir / str(doc.get("modules") or "modules").strip("/") / f"{mid}.md"
    if target.exists():
        raise _exists(target)
    added = [rid for rid in dict.fromkeys(args.role) if _append_step(roles, rid, mid, project.curriculum)]
    edited = _dump_round_trip(project.curriculum, doc, rt) if added else None
    made = _write_module(target, _module_text(title, summary, args.duration))
    if edited is not None:
        _write_or_undo(project.curriculum, edited, target, made)
    _report_new(target, mid, added, args.role)
    return 0


def _module_id(raw: str) -> str:
    mid = raw.strip().removesuffix(".md")
    if mid.rsplit("/", 1)[-1] in {Path(name).stem for name in SKIPPED}:
        raise CliError(f"'{raw}' cannot be a module id: files named {' or '.join(sorted(SKIPPED))} are not modules "
                       "(the build skips them). Choose another name, such as `overview`.", 2)
    if not MODULE_ID.match(mid):
        raise CliError(f"'{raw}' is not a valid module id. Use lower-case letters, digits, '-' and '_' "
                       "(and '/' for a subfolder), starting with a letter or digit, e.g. `handling-complaints`.", 2)
    return mid


def _one_line(option: str, text: str) -> str:
    """Titles and summaries are one line of front matter: a line break or control character would fold or break it."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise CliError(f"{option} must be one line of text, without line breaks, tabs or other control characters.", 2)
    return text.strip()


class _FrontMatterDumper(yaml.SafeDumper):
    """Indents list items under their key (`  - item`), as the authoring guide does."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _module_text(title: str, summary: str, duration: float) -> str:
    front = {"title": title, "summary": summary.strip() or SUMMARY, "duration": duration, "objectives": [OBJECTIVE]}
    text = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10**6)
    return MODULE_TEMPLATE.format(front=text)


def _write_module(target: Path, text: str) -> list:
    """Create the module file; return the folders made for it, so `_undo` can remove them too."""
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        _undo(None, made)
        raise CliError(f"cannot create {shown_path(target)}: {exc.strerror}.") from None
    return made


def _exists(target: Path) -> CliError:
    return CliError(f"{shown_path(target)} already exists; `curriculum new` never overwrites a module. "
                    "Choose another id, or edit that file.")


def _write_or_undo(curriculum: Path, text: str, module: Path, made: list) -> None:
    """Write curriculum.yml; if that fails, remove the module just created, so nothing is half done."""
    try:
        write_output(text, str(curriculum))
    except BaseException:
        _undo(module, made)
        raise


def _undo(module: Path | None, made: list) -> None:
    if module is not None:
        module.unlink(missing_ok=True)
    for folder in made:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            return


def _report_new(target: Path, mid: str, added: list, requested: list) -> None:
    print(f"Created {shown_path(target)}.")
    if added:
        print(f"Added '{mid}' to the end of the path of: {', '.join(added)}.")
    for rid in dict.fromkeys(requested):
        if rid not in added:
            print(f"'{mid}' was already in the path of {rid}.")
    if not requested:
        print(f"'{mid}' is in no role's path yet: add it under `path:` in curriculum.yml.")
    print("Next: replace the placeholder text in it with your own, then run `curriculum check --strict`.")


# ruamel.yaml round trip: curriculum.yml keeps its comments, order, quotes and indentation.


def _read_round_trip(path: Path):
    from ruamel.yaml.error import YAMLError

    try:
        text = read_text(path)
        rt = _yaml_like(text)
        return rt.load(text), rt
    except SourceError as exc:
        raise CliError(f"{shown_path(path)}: {exc.message}") from None
    except YAMLError:
        raise CliError(f"{shown_path(path)} is not valid YAML; run `curriculum check` to see where.") from None


def _yaml_like(text: str):
    """A round-trip YAML whose indentation reproduces `text` exactly (tried: the usual layouts)."""
    from ruamel.yaml import YAML

    def make(mapping, offset):
        rt = YAML()
        rt.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        rt.preserve_quotes, rt.width = True, 4096
        return rt

    doc = make(2, 2).load(text)
    layouts = [(m, o) for m in (2, 4, 3) for o in (2, 0, 4, 1, 3) if o <= m + 2]
    for mapping, offset in layouts:
        rt, out = make(mapping, offset), io.StringIO()
        rt.dump(doc, out)
        if out.getvalue() == text:
            return rt
    return make(2, 2)


def _roles_of(doc, path: Path) -> dict:
    roles = doc.get("roles") if isinstance(doc, dict) else None
    if not isinstance(roles, dict) or not roles:
        raise CliError(f"{shown_path(path)} has no `roles`; run `curriculum check` to see why.")
    return roles


def _append_step(roles: dict, rid: str, mid: str, file: Path) -> bool:
    """Add `mid` at the end of the role's path in the style of its last entry; False if already there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    role = roles[rid]
    if not isinstance(role, dict):
        raise CliError(f"{_where(file, roles, rid)}: role '{rid}' is not a mapping; run `curriculum check` to see why.")
    path = role.get("path")
    if path is None:
        path = role["path"] = CommentedSeq()
    if not isinstance(path, list):
        raise CliError(f"{_where(file, role, 'path')}: the `path` of role '{rid}' is not a list; write it as "
                       "`path: [module-a, module-b]` or one `- module` per line, then run `curriculum new` again.")
    if any((s.get("module") if isinstance(s, dict) else s) == mid for s in path):
        return False
    last = path[-1] if path else None
    path.append(CommentedMap(module=mid) if isinstance(last, dict) else mid)
    if last is not None and isinstance(path, CommentedSeq) and not path.fa.flow_style():
        _move_trailing_comment(path)
    return True


def _where(file: Path, mapping, key) -> str:
    """`file:line` of `key` in a round-trip mapping (ruamel counts lines from 0), or just the file."""
    try:
        return f"{shown_path(file)}:{mapping.lc.key(key)[0] + 1}"
    except (AttributeError, KeyError, TypeError):
        return shown_path(file)


def _comment_slot(seq, index: int):
    """Where ruamel keeps the comment that follows item `index` of a block sequence."""
    from ruamel.yaml.comments import CommentedMap

    item = seq[index]
    if isinstance(item, CommentedMap) and len(item):
        return item.ca.items, list(item)[-1], 2
    return seq.ca.items, index, 0


def _move_trailing_comment(seq) -> None:
    """Comments and blank lines after the old last entry belong after the new one; an end-of-line comment stays."""
    import copy

    items, key, pos = _comment_slot(seq, len(seq) - 2)
    entry = items.get(key)
    token = entry[pos] if entry else None
    if token is None or "\n" not in token.value:
        return
    head, rest = token.value.split("\n", 1)
    if not rest:
        return
    moved = copy.copy(token)
    moved.value = "\n" + rest
    if head.strip():
        token.value = head + "\n"
    else:
        entry[pos] = None
    new_items, new_key, new_pos = _comment_slot(seq, len(seq) - 1)
    new_items.setdefault(new_key, [None, None, None, None])[new_pos] = moved


def _dump_round_trip(path: Path, doc, rt) -> str:
    """The edited curriculum.yml, with the original's line endings and byte-order mark."""
    raw = path.read_bytes()
    out = io.StringIO()
    rt.dump(doc, out)
    text = out.getvalue()
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    if raw.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    return text
