"""`curriculum new`: a module from a template, added to roles' paths by a round-trip edit of curriculum.yml."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import yaml

from ..errors import SourceError
from ..load import MODULE_ID
from ..source import read_text
from .errors import CliError
from .project import shown_path, find_project, write_output


MODULE_TEMPLATE = """\
---
{front}---

Write the module here in Markdown. Keep it short: one idea, one practice task.

## Why it matters

Explain the idea with an example from your own organisation.

/// quiz | Replace this with your question?
- [x] A right answer
    Feedback shown when a learner picks this choice.
- [ ] A wrong answer
    Explain why this choice is wrong.

An explanation shown after the learner checks the answer.
///

/// coaching | Put it into practice
Describe one situation from your work this week where you could use this.
What will you do differently?
///
"""


def run_new(args) -> int:
    mid = _module_id(args.module_id)
    title = args.title.strip()
    if not title:
        raise CliError("--title must not be empty.", 2)
    project = find_project(args.config_file)
    doc, rt = _read_round_trip(project.curriculum)
    roles = _roles_of(doc, project.curriculum)
    _check_roles(args.role, roles)
    target = project.docs_dir / str(doc.get("modules") or "modules").strip("/") / f"{mid}.md"
    _write_module(target, _module_text(title, args.summary, args.duration))
    added = [rid for rid in dict.fromkeys(args.role) if _append_step(roles[rid], mid)]
    if added:
        _write_round_trip(project.curriculum, doc, rt)
    _report_new(target, mid, added, args.role)
    return 0


def _module_id(raw: str) -> str:
    mid = raw.strip().removesuffix(".md")
    if not MODULE_ID.match(mid):
        raise CliError(f"'{raw}' is not a valid module id. Use lower-case letters, digits, '-' and '_' "
                       "(and '/' for a subfolder), starting with a letter or digit, e.g. `handling-complaints`.", 2)
    return mid


class _FrontMatterDumper(yaml.SafeDumper):
    """Indents list items under their key (`  - item`), as the authoring guide does."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _module_text(title: str, summary: str, duration: float) -> str:
    front = {"title": title, "summary": summary.strip() or "One sentence on what this module is for.",
             "duration": duration, "objectives": ["Describe what a learner will be able to do after this module."]}
    text = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10**6)
    return MODULE_TEMPLATE.format(front=text)


def _write_module(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise CliError(f"{shown_path(target)} already exists; `curriculum new` never overwrites a module. "
                       "Choose another id, or edit that file.") from None
    except OSError as exc:
        raise CliError(f"cannot create {shown_path(target)}: {exc.strerror}.") from None


def _report_new(target: Path, mid: str, added: list, requested: list) -> None:
    print(f"Created {shown_path(target)}.")
    if added:
        print(f"Added '{mid}' to the end of the path of: {', '.join(added)}.")
    for rid in dict.fromkeys(requested):
        if rid not in added:
            print(f"'{mid}' was already in the path of {rid}.")
    if not requested:
        print(f"'{mid}' is in no role's path yet: add it under `path:` in curriculum.yml.")
    print("Next: write the module, then run `curriculum check`.")


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


def _check_roles(requested: list, roles: dict) -> None:
    known = ", ".join(str(r) for r in roles)
    for rid in requested:
        if rid not in roles:
            close = difflib.get_close_matches(rid, [str(r) for r in roles], n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise CliError(f"unknown role '{rid}'.{hint} Known roles: {known}.")
        if not isinstance(roles[rid], dict):
            raise CliError(f"role '{rid}' is not a mapping in curriculum.yml; run `curriculum check`.")


def _append_step(role, mid: str) -> bool:
    """Add `mid` at the end of the role's path in the style of its last entry; False if already there."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = role.get("path")
    if path is None:
        path = role["path"] = CommentedSeq()
    if not isinstance(path, list):
        raise CliError("a role's `path` is not a list in curriculum.yml; run `curriculum check`.")
    if any((s.get("module") if isinstance(s, dict) else s) == mid for s in path):
        return False
    last = path[-1] if path else None
    path.append(CommentedMap(module=mid) if isinstance(last, dict) else mid)
    if last is not None and not path.fa.flow_style():
        _move_trailing_comment(path)
    return True


def _comment_slot(seq, index: int):
    """Where ruamel keeps the comment that follows item `index` of a block sequence."""
    item = seq[index]
    if isinstance(item, dict) and len(item):
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


def _write_round_trip(path: Path, doc, rt) -> None:
    raw = path.read_bytes()
    out = io.StringIO()
    rt.dump(doc, out)
    text = out.getvalue()
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    if raw.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    write_output(text, str(path))
