"""The pages a curriculum adds: each role's path page, module headers and footers, the module index.

Pure HTML builders: `link(kind, *ids)` gives a URL relative to the page being built
(kinds: "path" role, "module" role module, "trainer" module).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .model import Curriculum, Module, Role
from .render import data_element

Link = Callable[..., str]
STORAGE_KEY = "mkdocs-curriculum/v1"
CHUNK = 20  # a path longer than this is split into navigation sections of CHUNK modules (plan, nav)


def minutes(value: float) -> str:
    """75 -> '1 h 15 min': how HR and learners read durations."""
    total = round(value)
    hours, mins = divmod(total, 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    return f"{hours} h" if hours else f"{mins} min"


def count(n: int, word: str, many: str = "") -> str:
    """3, 'module' -> '3 modules'; 1, 'person', 'people' -> '1 person'."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def step_meta(step, module: Module) -> str:
    bits = [minutes(module.duration), "Optional" if step.optional else "Required"]
    if step.due_days is not None:
        bits.append(f"due within {step.due_days} days")
    return " · ".join(bits)


def path_data(curriculum: Curriculum, role: Role, link: Link, certificate: dict | None = None) -> dict:
    """What the browser needs to show progress on a path (and, with `certificate`, to draw the certificate:
    the plugin's `certificate` options, the logo's URL relative to the page)."""
    data: dict = {
        "key": STORAGE_KEY,
        "role": role.id,
        "title": role.title,
        "url": link("path", role.id),
        "curriculum": curriculum.title,
        "modules": [
            {"id": s.module, "title": curriculum.modules[s.module].title, "url": link("module", role.id, s.module),
             "minutes": curriculum.modules[s.module].duration, "optional": s.optional,
             "quizzes": len(curriculum.modules[s.module].questions(role.id)),
             "prompts": [{"id": c.id, "title": c.title, "body": c.body}
                         for c in curriculum.modules[s.module].coachings(role.id) if c.notes]}
            for s in role.path
        ],
    }
    if certificate:
        data["certificate"] = certificate
    return data


def due_days(role: Role) -> int | None:
    """The path's due date, in days after assignment: its last module's deadline (None: no deadline)."""
    days = [s.due_days for s in role.path if s.due_days is not None]
    return max(days) if days else None


def path_page(curriculum: Curriculum, role: Role, link: Link, certificate: dict | None = None) -> str:
    """The path page. Its first screen (a phone's too) holds the title, the progress and the one primary action
    (Start, Continue, Get your certificate); the certificate comes next once the path is complete, then the
    modules in order, then the learner's tools (notes, reset)."""
    modules = curriculum.modules
    required, optional = role.required_minutes(modules), role.optional_minutes(modules)
    totals = f"{count(len(role.path), 'module')} · {minutes(required)} required"
    if optional:
        totals += f" · {minutes(optional)} optional"
    items = "".join(_path_item(n, step, modules[step.module], role, link) for n, step in enumerate(role.path, 1))
    first = link("module", role.id, role.path[0].module) if role.path else "#"
    start = f"Start: {modules[role.path[0].module].title}" if role.path else "Start the path"
    description = f'<p class="cq-path__description">{escape(role.description)}</p>' if role.description else ""
    days = due_days(role)
    due = (f'<p class="cq-path__due" data-cq-due="{days}"><strong>Due:</strong> '
           f"within {count(days, 'day')} of the day you are assigned this path</p>") if days is not None else ""
    return (
        f'<div class="cq-path" data-cq-path="{escape(role.id)}">'
        f'<div class="cq-path__lead">{description}'
        f'<p class="cq-path__totals">{totals}</p>{due}'
        f"{progress_box(role, modules)}"
        f'<p class="cq-path__action"><a class="md-button md-button--primary cq-action" href="{escape(first)}" '
        f'data-cq-continue>{escape(start)}</a></p></div>'
        '<div class="cq-path__done" data-cq-done hidden></div>'
        f'<ol class="cq-path__modules">{items}</ol>'
        '<div class="cq-path__tools" data-cq-tools hidden></div>'
        f'</div>{data_element("cq-path-data", path_data(curriculum, role, link, certificate))}'
    )


def progress_box(role: Role, modules: dict) -> str:
    """The path's progress box as the script fills it for a learner who has done nothing yet, hidden until the
    script has filled it: it takes its place from the start, so the modules below do not move (layout shift)."""
    required = [s for s in role.path if not s.optional]
    label = f"0 of {len(required)} required modules complete"
    left = role.required_minutes(modules)
    text = f"{label} · {minutes(left)} left" if left else f"{label} · nothing left to do"
    return (f'<div class="cq-progress" data-cq-progress hidden><progress max="{max(len(required), 1)}" value="0" '
            f'aria-label="{label}"></progress><p class="cq-progress__text">{text}</p></div>')


def _path_item(number: int, step, module: Module, role: Role, link: Link) -> str:
    summary = f'<p class="cq-step__summary">{escape(module.summary)}</p>' if module.summary else ""
    optional = " data-cq-optional" if step.optional else ""
    return (
        f'<li class="cq-step" data-cq-module="{escape(module.id)}"{optional}>'
        f'<a class="cq-step__title" href="{escape(link("module", role.id, module.id))}">{escape(module.title)}</a> '
        f'<span class="cq-step__state" data-cq-state></span>'
        f'<p class="cq-step__meta">{escape(step_meta(step, module))}</p>{summary}</li>'
    )


def module_head(curriculum: Curriculum, module: Module, role: Role | None, link: Link) -> str:
    """Where the module stands in the path, and what it teaches."""
    parts = ['<div class="cq-module-head">']
    if role is not None:
        index = next(i for i, s in enumerate(role.path) if s.module == module.id)
        step = role.path[index]
        parts.append(
            f'<p class="cq-position">Module {index + 1} of {len(role.path)} in '
            f'<a href="{escape(link("path", role.id))}">{escape(role.title)}</a> · {escape(step_meta(step, module))} '
            '<span class="cq-module-state" data-cq-module-state></span></p>'
        )
    else:
        roles = curriculum.roles_of(module.id)
        names = ", ".join(f'<a href="{escape(link("module", r.id, module.id))}">{escape(r.title)}</a>' for r in roles)
        parts.append(f'<p class="cq-position">Trainer\'s view: every role-tailored section is shown. '
                     f'{minutes(module.duration)}. Role versions: {names or "none (in no path)"}.</p>')
    if module.objectives:
        goals = "".join(f"<li>{escape(o)}</li>" for o in module.objectives)
        parts.append('<div class="cq-objectives"><p><strong>In this module you will:</strong></p>'
                     f'<ul>{goals}</ul></div>')
    parts.append("</div>")
    return "".join(parts)


def module_foot(curriculum: Curriculum, module: Module, role: Role | None, questions: list,
                link: Link | None = None) -> str:
    """The score area (modules with quizzes) or a 'Mark as complete' control, and the page's data. With `link`,
    the data also carries the role's path (a role's copy: the sidebar's states, the path's completion, what
    comes next) or the role copies of the module (the trainer's view: a learner's search result opens their
    own copy), and the path's last required module offers the optional modules after it as extras."""
    data: dict = {
        "key": STORAGE_KEY,
        "module": module.id,
        "role": role.id if role else None,
        "passMark": curriculum.pass_mark_of(module),
        "questions": [q.id for q in questions],
    }
    extras = ""
    if link is not None and role is not None:
        data["path"] = _near_path(curriculum, role, module.id, link)
        extras = _extras(curriculum, module, role, link)
    elif link is not None:
        data["copies"] = {r.id: link("module", r.id, module.id) for r in curriculum.roles_of(module.id)}
    if questions:
        body = '<div class="cq-score" data-cq-score role="status" aria-live="polite"></div>'
    else:
        body = ('<p class="cq-complete" data-cq-complete-box hidden><button type="button" class="md-button" '
                'data-cq-complete aria-pressed="false">Mark as complete</button></p>')
    done = '<div class="cq-path-done" data-cq-path-done hidden></div>' if "path" in data else ""
    return f'{body}{done}{extras}{data_element("cq-page-data", data)}'


def _near_path(curriculum: Curriculum, role: Role, module_id: str, link: Link) -> dict:
    """What a module page carries of its path: its own part of the path, the sidebar's section and the module
    after it (states in the sidebar, the next module's title), and every required module's id (is the path
    complete, which required module is next) when the path is no longer than two sidebar sections, as real
    paths are. A longer path's pages leave the list out, and the script uses the one the path page stored in
    the learner's browser, or reads it once from the path page (module.js: learnRequired): with it on every
    page, a long path's pages would each carry all the others, and the build's time and memory would grow
    with the square of the path's length."""
    ids = [s.module for s in role.path]
    start = ids.index(module_id) // CHUNK * CHUNK if module_id in ids else 0
    required = [s.module for s in role.path if not s.optional] if len(ids) <= 2 * CHUNK else None
    return {"role": role.id, "title": role.title, "url": link("path", role.id), "required": required,
            "modules": [{"id": s.module, "title": curriculum.modules[s.module].title, "optional": s.optional,
                         "url": link("module", role.id, s.module)} for s in role.path[start:start + CHUNK + 1]]}


def _extras(curriculum: Curriculum, module: Module, role: Role, link: Link) -> str:
    """On the path's last required module: the optional modules after it, offered as extras (not as Next)."""
    required = [i for i, s in enumerate(role.path) if not s.optional]
    if not required or role.path[required[-1]].module != module.id:
        return ""
    after = role.path[required[-1] + 1:]
    if not after:
        return ""
    items = "".join(f'<li><a href="{escape(link("module", role.id, s.module))}">'
                    f"{escape(curriculum.modules[s.module].title)}</a> · "
                    f"{minutes(curriculum.modules[s.module].duration)}</li>" for s in after)
    return ('<div class="admonition tip cq-extras"><p class="admonition-title">Extras (optional)</p>'
            f"<p>This is the last required module of your path. When you want more, these optional modules "
            f"go further:</p><ul>{items}</ul></div>")


def module_index(curriculum: Curriculum, link: Link) -> str:
    """The trainer's list of every module, with the roles whose paths use it."""
    rows = []
    for module in curriculum.modules.values():
        roles = ", ".join(escape(r.title) for r in curriculum.roles_of(module.id)) or "—"
        rows.append(
            f'<tr><td><a href="{escape(link("trainer", module.id))}">{escape(module.title)}</a></td>'
            f"<td>{escape(module.summary)}</td><td>{minutes(module.duration)}</td>"
            f"<td>{len(module.questions())}</td><td>{roles}</td></tr>"
        )
    return ('<table class="cq-index"><thead><tr><th scope="col">Module</th><th scope="col">Summary</th>'
            '<th scope="col">Duration</th><th scope="col">Questions</th><th scope="col">In the paths of</th>'
            '</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def home_page(curriculum: Curriculum, link: Link, catalog: bool) -> str:
    """The home page when the author wrote none: where the learner left off, then one tap to a role's path."""
    hr = (f'<p>For HR: the <a href="{escape(link("catalog"))}">catalogue</a> of every path and module.</p>'
          if catalog else "")
    return (f'<div class="cq-home">{resume_box()}<h2 id="choose-your-path">Choose your path</h2>'
            f'<p>Pick the role closest to your own; your path lists the modules for it, in order.</p>'
            f'{role_cards(curriculum, link)}{hr}</div>{home_data(curriculum, link)}')


def resume_box() -> str:
    """Where a learner who has started a path finds it again (filled by the script; empty until then)."""
    return '<div class="cq-resume" data-cq-resume hidden></div>'


def role_cards(curriculum: Curriculum, link: Link) -> str:
    """The roles as Material grid cards: title, description, module count and required time, one tap each."""
    items = []
    for role in curriculum.roles.values():
        description = f'<p class="cq-card__description">{escape(role.description)}</p>' if role.description else ""
        time = minutes(role.required_minutes(curriculum.modules))
        items.append(
            f'<li class="cq-card" data-cq-role="{escape(role.id)}"><p class="cq-card__title">'
            f'<a href="{escape(link("path", role.id))}">{escape(role.title)}</a></p>{description}'
            f'<p class="cq-card__meta">{count(len(role.path), "module")} · {time} required</p></li>')
    return f'<div class="grid cards cq-roles-grid"><ul class="cq-home__roles">{"".join(items)}</ul></div>'


def home_data(curriculum: Curriculum, link: Link) -> str:
    """The roles' paths, for the script that leads the home page with the learner's own path."""
    roles = [{"id": role.id, "title": role.title, "url": link("path", role.id),
              "modules": [{"id": s.module, "title": curriculum.modules[s.module].title, "optional": s.optional,
                           "minutes": curriculum.modules[s.module].duration,
                           "url": link("module", role.id, s.module)} for s in role.path]}
             for role in curriculum.roles.values()]
    return data_element("cq-home-data", {"key": STORAGE_KEY, "roles": roles})
