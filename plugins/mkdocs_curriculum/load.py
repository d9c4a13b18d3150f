"""curriculum.yml and the module files -> a checked Curriculum. Shared by the plugin, CLI and exports."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from . import blocks, starter
from .errors import CurriculumError, Problems, SourceError
from .model import Curriculum, Module, Role, Step
from .source import LineDict, LineList, load_yaml, read_text, split_front_matter
from .suggest import did_you_mean
from .urls import GENERATED  # the folder of role pages: no author folder may be it

TOP_KEYS = ("title", "pass_mark", "modules", "roles")
ROLE_KEYS = ("title", "description", "path")
STEP_KEYS = ("module", "optional", "due_days")
MODULE_KEYS = ("title", "summary", "duration", "objectives", "prerequisites", "pass_mark")
# Front matter that MkDocs or Material understand; allowed through untouched.
THEME_KEYS = ("hide", "icon", "status", "description", "template", "tags", "search", "subtitle", "comments")
ROLE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MODULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*$")
SKIPPED = {"index.md", "README.md"}
MAX_DUE_DAYS = 36500  # a hundred years: beyond that a date is a typo


def load_curriculum(path: Path, docs_dir: Path, root: Path | None = None) -> tuple[Curriculum | None, Problems]:
    """Load and cross-check everything; never raises for the author's mistakes."""
    root = root or path.parent
    problems = Problems()
    shown = _shown(path, root)
    data = _read_yaml(path, shown, problems)
    if data is None:
        return None, problems
    top = _top(data, shown, problems)
    role_heads = _role_heads(data.get("roles"), data.line_of("roles"), shown, problems)
    modules_dir = docs_dir / top["modules"]
    modules, broken = _load_modules(modules_dir, docs_dir, root, frozenset(role_heads), problems)
    roles = {rid: _role(rid, raw, shown, modules.keys() | broken, modules_dir, docs_dir, root, problems)
             for rid, raw in role_heads.items()}
    curriculum = Curriculum(top["title"], top["pass_mark"], top["modules"], roles, modules, shown)
    _check_membership(curriculum, problems)
    _check_prerequisites(curriculum, problems, broken)
    return curriculum, problems


def load_or_raise(path: Path, docs_dir: Path, root: Path | None = None) -> Curriculum:
    curriculum, problems = load_curriculum(path, docs_dir, root)
    if problems.errors or curriculum is None:  # None comes with an error
        raise CurriculumError(problems.errors)
    return curriculum


def _shown(path: Path, root: Path) -> str:
    """The path as authors see it; a symlink is named by where it is, not where it points."""
    for there, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
        try:
            return there.relative_to(base).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _read_yaml(path: Path, shown: str, problems: Problems) -> LineDict | None:
    if not path.is_file():
        problems.error(shown, None, "the curriculum file does not exist.",
                       "Create it (see AUTHORING.md) or set the plugin's `curriculum` option.")
        return None
    try:
        data = load_yaml(read_text(path))
    except SourceError as exc:
        problems.error(shown, exc.line, exc.message, exc.hint)
        return None
    if data is None:
        problems.error(shown, None, "the curriculum file is empty.",
                       "Write `title`, `pass_mark` and `roles` in it (see AUTHORING.md).")
        return None
    if not isinstance(data, LineDict):
        problems.error(shown, None, "the curriculum must be a YAML mapping with `title`, `pass_mark` and `roles`.",
                       "See AUTHORING.md for an example.")
        return None
    return data


def _unknown_keys(data: LineDict, allowed: tuple, what: str, shown: str, problems: Problems) -> None:
    for key in data:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed, f"Allowed: {', '.join(allowed)}.", form="`{}`")
            problems.error(shown, data.line_of(key), f"unknown {what} `{key}`.", hint)


def _top(data: LineDict, shown: str, problems: Problems) -> dict:
    _unknown_keys(data, TOP_KEYS, "key", shown, problems)
    title = data.get("title", "Curriculum")
    if not isinstance(title, str) or not title.strip():
        problems.error(shown, data.line_of("title"), "`title` must be text.", "For example `title: Service Academy`.")
        title = "Curriculum"
    pass_mark = _percentage(data.get("pass_mark", 80), data.line_of("pass_mark"), shown, problems)
    folder = data.get("modules", "modules")
    if not isinstance(folder, str) or not MODULE_ID.match(folder.strip("/")):
        problems.error(shown, data.line_of("modules"),
                       f"`modules` must name a folder under the docs folder (got {folder!r}).",
                       "For example `modules: modules`.")
        folder = "modules"
    elif folder.strip("/").split("/")[0] == GENERATED:
        problems.error(shown, data.line_of("modules"), f"`modules` cannot be `{folder}`: the plugin writes each role's "
                       f"pages under `{GENERATED}/`.",
                       "Keep the modules in another folder, such as `modules: modules`.")
        folder = "modules"
    return {"title": title.strip(), "pass_mark": pass_mark, "modules": folder.strip("/")}


def _percentage(value, line, shown, problems, name="pass_mark") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        problems.error(shown, line, f"`{name}` must be a number from 0 to 100 (got {value!r}).",
                       f"For example `{name}: 80`.")
        return 80
    return value


def _role_heads(raw, line, shown, problems) -> dict:
    if not isinstance(raw, LineDict) or not raw:
        problems.error(shown, line or None, "`roles` must list at least one role.",
                       "For example:\n  roles:\n    frontline:\n      title: Frontline staff\n      path: [welcome]")
        return {}
    heads = {}
    for rid, value in raw.items():
        rid_line = raw.line_of(rid)
        if not isinstance(rid, str) or not ROLE_ID.match(rid):
            problems.error(shown, rid_line, f"the role id '{rid}' is not allowed.",
                           "Use lower-case letters, digits and '-', starting with a letter or digit (e.g. "
                           "`frontline`).")
            continue
        if not isinstance(value, LineDict):
            problems.error(shown, rid_line, f"role '{rid}' must be a mapping with `title` and `path`.")
            continue
        heads[rid] = value
    return heads


def _role(rid, raw: LineDict, shown, modules, modules_dir, docs_dir, root, problems) -> Role:
    _unknown_keys(raw, ROLE_KEYS, f"field of role '{rid}'", shown, problems)
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.error(shown, raw.line, f"role '{rid}' has no `title`.", "Add `title: Frontline staff` or similar.")
        title = rid
    description = raw.get("description", "")
    if not isinstance(description, str):
        problems.error(shown, raw.line_of("description"), f"the `description` of role '{rid}' must be text.")
        description = ""
    path = raw.get("path")
    if not isinstance(path, LineList) or not path:
        problems.error(shown, raw.line_of("path"), f"role '{rid}' has no `path`.",
                       "List its module ids in order under `path:`.")
        path = LineList()
    steps: list = []
    seen: dict[str, int] = {}
    for index, item in enumerate(path):
        step = _step(item, path.line_of(index), rid, shown, problems)
        if step is None:
            continue
        if step.module in seen:
            problems.error(shown, step.line,
                           f"module '{step.module}' appears twice in the path of role '{rid}' "
                           f"(first at line {seen[step.module]}).",
                           "Remove one of them.")
            continue
        seen[step.module] = step.line
        if step.module not in modules:
            _missing_module(step, rid, shown, modules_dir, docs_dir, root, modules, problems)
        steps.append(step)
    return Role(rid, title.strip(), description.strip(), tuple(steps), raw.line)


def _step(item, line, rid, shown, problems) -> Step | None:
    if isinstance(item, str):
        item = LineDict(module=item)
        item.line = line
    if not isinstance(item, LineDict):
        problems.error(shown, line, f"a path entry of role '{rid}' must be a module id or `module: id`.")
        return None
    _unknown_keys(item, STEP_KEYS, "path field", shown, problems)
    module = item.get("module")
    if not isinstance(module, str) or not module:
        problems.error(shown, line, f"a path entry of role '{rid}' has no `module`.",
                       "Write `- module: some-module-id`.")
        return None
    if module.rsplit("/", 1)[-1] + ".md" in SKIPPED:
        problems.error(shown, line,
                       f"'{module}' cannot be a module id: index.md and README.md files are pages, not modules.",
                       "Rename the module's file, and its id here.")
        return None
    if not MODULE_ID.match(module):
        problems.error(shown, line, f"'{module}' is not a valid module id.",
                       "A module id is a file path under the modules folder without `.md`: lower-case "
                       "letters, digits, '-', '_' and '/', no '..' and no leading '/'.")
        return None
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        problems.error(shown, item.line_of("optional"), f"`optional` must be true or false (got {optional!r}).")
        optional = False
    due = item.get("due_days")
    if due is not None and (isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= MAX_DUE_DAYS):
        problems.error(shown, item.line_of("due_days"),
                       f"`due_days` must be a whole number of days from 0 to {MAX_DUE_DAYS} (got {due!r}).",
                       "For example `due_days: 30`.")
        due = None
    return Step(module, optional, due, line)


def _missing_module(step, rid, shown, modules_dir, docs_dir, root, modules, problems) -> None:
    expected = _shown(modules_dir / f"{step.module}.md", root)
    hint = did_you_mean(step.module, sorted(modules), f"Create {expected}, or correct the id.")
    problems.error(shown, step.line,
                   f"role '{rid}' names module '{step.module}', which does not exist (expected {expected}).", hint)


def _load_modules(modules_dir: Path, docs_dir: Path, root: Path, roles: frozenset, problems: Problems):
    """Every module file -> (loaded modules, ids of files that exist but have errors)."""
    modules: dict[str, Module] = {}
    broken: set[str] = set()
    if not modules_dir.is_dir():
        problems.error(_shown(modules_dir, root), None, "the modules folder does not exist.",
                       "Create it, or set `modules:` in curriculum.yml to the folder that holds the modules.")
        return modules, broken
    docs_real = docs_dir.resolve()
    if not modules_dir.resolve().is_relative_to(docs_real):
        problems.error(_shown(modules_dir, root), None,
                       "the modules folder is a link to a folder outside the docs folder.",
                       "Move the modules into the docs folder instead of linking to them.")
        return modules, {p.relative_to(modules_dir).with_suffix("").as_posix() for p in modules_dir.rglob("*.md")}
    for path in sorted(modules_dir.rglob("*.md")):
        if path.name in SKIPPED:
            continue
        shown = _shown(path, root)
        if not path.resolve().is_relative_to(docs_real):
            problems.error(shown, None, "this module is a link to a file outside the docs folder.",
                           "Copy the file into the docs folder instead of linking to it.")
            continue
        mid = path.relative_to(modules_dir).with_suffix("").as_posix()
        if not MODULE_ID.match(mid):
            problems.error(shown, None, f"the file name gives the module id '{mid}', which is not allowed.",
                           "Rename the file with lower-case letters, digits, '-' and '_' only.")
            continue
        module = load_module(path, mid, shown, roles, problems)
        if module:
            modules[mid] = module
        else:
            broken.add(mid)
    return modules, broken


def load_module(path: Path, mid: str, shown: str, roles: frozenset, problems: Problems) -> Module | None:
    """One module file -> Module; its mistakes go to problems."""
    try:
        text = read_text(path)
    except SourceError as exc:
        problems.error(shown, exc.line, exc.message, exc.hint)
        return None
    if not text.strip():
        problems.error(shown, None, "this module file is empty.",
                       "Start it with front matter (`---`, `title:`, `duration:`, `---`), then the text.")
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.error(shown, 1, "this module has no front matter.",
                       "Start the file with `---`, a `title:` line and the other fields, then `---`.")
        return None
    try:
        meta = load_yaml(front, 2) if front.strip() else LineDict()
    except SourceError as exc:
        problems.error(shown, exc.line, exc.message, exc.hint)
        return None
    if not isinstance(meta, LineDict):
        problems.error(shown, 2, "the front matter must be `key: value` lines.")
        return None
    fields = _module_fields(meta, shown, problems)
    _placeholders(text, shown, problems)
    nodes = blocks.parse_body(body, body_line, blocks.Context(mid, roles, problems.at(shown)))
    if fields is None:
        return None
    return Module(mid, shown, body=nodes, words=len(body.split()), meta=meta, **fields)


def _placeholders(text: str, shown: str, problems: Problems) -> None:
    """Template text left in by `curriculum new` is a warning: a build works, `--strict` refuses it."""
    lines = starter.placeholder_lines(text)
    if lines:
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}"
        problems.warning(shown, lines[0], f"this module still has placeholder text from `curriculum new` ({where}).",
                         "Replace it with your own words before learners see it.")


def _module_fields(meta: LineDict, shown: str, problems: Problems) -> dict | None:
    _unknown_keys(meta, MODULE_KEYS + THEME_KEYS, "front matter field", shown, problems)
    before = len(problems.errors)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.error(shown, meta.line_of("title") or 1, "this module has no `title`.",
                       "Add `title: ...` to the front matter.")
    duration = meta.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not 0 < duration < math.inf:
        problems.error(shown, meta.line_of("duration") or 1,
                       f"`duration` must be a number of minutes (got {duration!r})." if "duration" in meta
                       else "this module has no `duration`.", "For example `duration: 20`.")
    summary = meta.get("summary", "")
    if not isinstance(summary, str):
        problems.error(shown, meta.line_of("summary"), "`summary` must be text.")
    objectives = _strings(meta, "objectives", shown, problems)
    prerequisites = _strings(meta, "prerequisites", shown, problems)
    pass_mark = None
    if "pass_mark" in meta:
        pass_mark = _percentage(meta["pass_mark"], meta.line_of("pass_mark"), shown, problems)
    if len(problems.errors) > before:
        return None
    assert isinstance(title, str)  # checked above: an error otherwise
    return {"title": title.strip(), "summary": (summary or "").strip(), "duration": duration,
            "objectives": objectives, "prerequisites": prerequisites, "pass_mark": pass_mark}


def _strings(meta: LineDict, key: str, shown: str, problems: Problems) -> tuple:
    value = meta.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.error(shown, meta.line_of(key), f"`{key}` must be a list of text items.",
                       f"For example `{key}: [first, second]` or one `- item` per line.")
        return ()
    return tuple(v.strip() for v in value)


def _check_membership(curriculum: Curriculum, problems: Problems) -> None:
    used = {s.module for r in curriculum.roles.values() for s in r.path}
    for mid, module in curriculum.modules.items():
        if mid not in used:
            problems.warning(module.file, 1, f"module '{mid}' is in no role's path.",
                             f"Add it to a path in {curriculum.file}, or delete it.")


def _check_prerequisites(curriculum: Curriculum, problems: Problems, broken: frozenset | set = frozenset()) -> None:
    """Prerequisites must exist and come earlier in every path; one whose file has errors is left for later."""
    for mid, module in curriculum.modules.items():
        line = module.meta.line_of("prerequisites")
        for pre in module.prerequisites:
            if pre in broken:  # its own errors are reported; "not a module" would mislead
                continue
            if pre not in curriculum.modules:
                problems.error(module.file, line, f"prerequisite '{pre}' is not a module.",
                               did_you_mean(pre, list(curriculum.modules), "Correct the id or remove it."))
                continue
            if pre == mid:
                problems.error(module.file, line, "a module cannot be its own prerequisite.", "Remove it.")
                continue
            for role in curriculum.roles_of(mid):
                order = [s.module for s in role.path]
                if pre not in order:
                    problems.error(module.file, line,
                                   f"prerequisite '{pre}' is missing from the path of role '{role.id}', "
                                   f"which includes '{mid}'.",
                                   f"Add '{pre}' before '{mid}' in that path, or drop the prerequisite.")
                elif order.index(pre) > order.index(mid):
                    problems.error(module.file, line,
                                   f"prerequisite '{pre}' comes after '{mid}' in the path of role '{role.id}'.",
                                   f"Move '{pre}' before '{mid}' in {curriculum.file}.")
    _check_cycles(curriculum, problems)


def _check_cycles(curriculum: Curriculum, problems: Problems) -> None:
    """Report each prerequisite cycle once, naming every module in it."""
    state, reported = {}, set()
    for start in curriculum.modules:
        stack = [(start, iter(curriculum.modules[start].prerequisites))]
        trail = [start]
        state[start] = "open"
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = "done"
                stack.pop()
                trail.pop()
            elif child in curriculum.modules and state.get(child) == "open":
                cycle = [*trail[trail.index(child):], child]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    first = curriculum.modules[cycle[0]]
                    problems.error(first.file, first.meta.line_of("prerequisites"),
                                   f"prerequisites form a cycle: {' -> '.join(cycle)}.",
                                   "Remove one of these prerequisites.")
            elif child in curriculum.modules and child not in state:
                state[child] = "open"
                trail.append(child)
                stack.append((child, iter(curriculum.modules[child].prerequisites)))
