"""The catalogue page for HR: which modules each role must take, how long that is, and by when.

Pure HTML builder like `pages`: `link(kind, *ids)` gives a URL relative to the page being built
(kinds: "path" role, "trainer" module). Plain tables with `<th scope>` headers and text labels (never
colour alone), inside a scroll wrapper so they stay readable on a phone without JavaScript.
"""

from __future__ import annotations

from html import escape

from .model import Curriculum, Module, Role, Step
from .pages import Link, minutes

REQUIRED, OPTIONAL, ABSENT = "required", "optional", "absent"
LABELS = {REQUIRED: ("●", "Required"), OPTIONAL: ("○", "Optional"), ABSENT: ("–", "Not in path")}


def catalog_page(curriculum: Curriculum, link: Link) -> str:
    roles = list(curriculum.roles.values())
    return (
        '<div class="cq-catalog">'
        f'<p class="cq-catalog__intro">{len(curriculum.modules)} modules in {len(roles)} learning paths. '
        "Durations are the authors' estimates; deadlines count days from the day a person is assigned the path.</p>"
        f"{_trainer_note(link)}"
        f"{_roles_table(curriculum, roles, link)}"
        f"{_matrix(curriculum, roles, link)}"
        f"{_details(curriculum, link)}"
        "</div>"
    )


def _trainer_note(link: Link) -> str:
    """Trainers reach the trainer's view from here (it is no tab in the learners' navigation by default)."""
    try:
        index = link("index")
    except KeyError:  # no index of all modules (a package build)
        return ""
    return (f'<p class="cq-catalog__trainer">For trainers: each module\'s title below opens its trainer\'s view '
            f'(every role\'s sections shown and labelled); <a href="{escape(index)}">All modules</a> lists them.</p>')


def status(role: Role, module_id: str) -> tuple[str, Step | None]:
    """Whether the module is required, optional or absent in the role's path, and its step."""
    step = next((s for s in role.path if s.module == module_id), None)
    if step is None:
        return ABSENT, None
    return (OPTIONAL if step.optional else REQUIRED), step


def ordered(curriculum: Curriculum) -> list:
    """Modules in learning order: each role's path in turn, then any module in no path (by id)."""
    seen = dict.fromkeys(s.module for r in curriculum.roles.values() for s in r.path if s.module in curriculum.modules)
    seen.update(dict.fromkeys(curriculum.modules))
    return [curriculum.modules[mid] for mid in seen]


def _label(kind: str) -> str:
    symbol, text = LABELS[kind]
    return f'<span aria-hidden="true">{symbol}</span> {text}'


def _scroll(table: str) -> str:
    return f'<div class="cq-catalog__scroll">{table}</div>'


def _roles_table(curriculum: Curriculum, roles: list, link: Link) -> str:
    rows = "".join(_role_row(curriculum, role, link) for role in roles)
    return (
        '<h2 id="cq-catalog-roles">Learning paths</h2>'
        + _scroll(
            '<table data-cq-catalog="roles"><caption>Time and deadlines for each role</caption>'
            '<thead><tr><th scope="col">Role</th><th scope="col">Modules</th><th scope="col">Required time</th>'
            '<th scope="col">Optional time</th><th scope="col">Deadlines (days after assignment)</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    )


def _role_row(curriculum: Curriculum, role: Role, link: Link) -> str:
    modules = curriculum.modules
    optional = sum(s.optional for s in role.path)
    count = f"{len(role.path)}" + (f" ({optional} optional)" if optional else "")
    return (
        f'<tr><th scope="row"><a href="{escape(link("path", role.id))}">{escape(role.title)}</a></th>'
        f"<td>{count}</td><td>{minutes(role.required_minutes(modules))}</td>"
        f"<td>{minutes(role.optional_minutes(modules))}</td>"
        f"<td>{_deadlines(role)}</td></tr>"
    )


def _deadlines(role: Role) -> str:
    """The role's due days in order; which module each belongs to is in the matrix below."""
    days = sorted({s.due_days for s in role.path if s.due_days is not None})
    if not days:
        return "None"
    return ("Day " if len(days) == 1 else "Days ") + ", ".join(str(d) for d in days)


def _matrix(curriculum: Curriculum, roles: list, link: Link) -> str:
    heads = "".join(f'<th scope="col"><a href="{escape(link("path", r.id))}">{escape(r.title)}</a></th>' for r in roles)
    rows = "".join(_matrix_row(module, roles) for module in ordered(curriculum))
    totals = "".join(
        f'<tr><th scope="row">{label}</th><td></td>'
        + "".join(f"<td>{minutes(total(r, curriculum.modules))}</td>" for r in roles) + "</tr>"
        for label, total in (("Total required", Role.required_minutes), ("Total optional", Role.optional_minutes))
    )
    legend = " · ".join(_label(kind) for kind in (REQUIRED, OPTIONAL, ABSENT))
    return (
        '<h2 id="cq-catalog-matrix">Modules by role</h2>'
        f'<p class="cq-catalog__legend">Key: {legend}.</p>'
        + _scroll(
            '<table data-cq-catalog="matrix"><caption>Which roles take each module</caption>'
            f'<thead><tr><th scope="col">Module</th><th scope="col">Duration</th>{heads}</tr></thead>'
            f"<tbody>{rows}</tbody><tfoot>{totals}</tfoot></table>"
        )
    )


def _matrix_row(module: Module, roles: list) -> str:
    cells = []
    for role in roles:
        kind, step = status(role, module.id)
        due = f"<br>due within {step.due_days} days" if step and step.due_days is not None else ""
        cells.append(f'<td data-cq-status="{kind}">{_label(kind)}{due}</td>')
    return (
        f'<tr><th scope="row"><a href="#{escape(_anchor(module.id))}">{escape(module.title)}</a></th>'
        f"<td>{minutes(module.duration)}</td>{''.join(cells)}</tr>"
    )


def _anchor(module_id: str) -> str:
    return "cq-catalog-" + module_id  # HTML ids may contain '/', so every module id gives its own anchor


def _details(curriculum: Curriculum, link: Link) -> str:
    return '<h2 id="cq-catalog-modules">Modules</h2>' + "".join(
        _module_details(curriculum, module, link) for module in ordered(curriculum)
    )


def _module_details(curriculum: Curriculum, module: Module, link: Link) -> str:
    uses = [f"{escape(r.title)} ({status(r, module.id)[0]})" for r in curriculum.roles_of(module.id)]
    summary = f"<p>{escape(module.summary)}</p>" if module.summary else ""
    goals = ""
    if module.objectives:
        items = "".join(f"<li>{escape(o)}</li>" for o in module.objectives)
        goals = f"<p><strong>Objectives:</strong></p><ul>{items}</ul>"
    return (
        f'<section class="cq-catalog__module" id="{escape(_anchor(module.id))}">'
        f'<h3><a href="{escape(link("trainer", module.id))}">{escape(module.title)}</a></h3>'
        f"<p>{minutes(module.duration)} · In the paths of: {', '.join(uses) or 'no role'}</p>"
        f"{summary}{goals}</section>"
    )
