"""Role-scoped navigation: a page in a role's path carries only that role's path in its sidebar.

Material renders the whole navigation into every page, so a navigation holding every role's copy of
every module makes the build quadratic. Each role gets its own small Navigation instead; the other
roles appear only as one-entry sections (their tab), and the trainer's modules behind one index page (the
trainer's module pages share one navigation whose trainer section lists every module, in sections of CHUNK).
A long path is split into sections of CHUNK modules and pruned (the plugin turns `navigation.prune` on).
"""

from __future__ import annotations

import itertools
from html import escape

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .plan import CHUNK, TRAINER_TITLE  # the plan's navigation data and this one agree on both


def keep_item(item, generated: set) -> bool:
    """Drop the author's nav entries for module files and generated pages; the plugin places those."""
    if isinstance(item, Section):
        item.children = [c for c in item.children if keep_item(c, generated)]
        return bool(item.children)
    return not (isinstance(item, Page) and item.file.src_uri in generated)


def _section(title: str, children: list, own: bool) -> Section:
    section = Section(escape(title), children)
    if own:
        for child in children:
            child.parent = section
    return section


def _chunks(modules: list) -> list:
    """A long path goes into sections of CHUNK modules, so that with `navigation.prune` a page carries
    its own section's entries and the other sections' titles: linear in pages, not quadratic."""
    if len(modules) <= CHUNK:
        return modules
    return [_section(f"Modules {i + 1}–{min(i + CHUNK, len(modules))}", modules[i:i + CHUNK], own=True)
            for i in range(0, len(modules), CHUNK)]


def _link(pages: list) -> None:
    for before, after in itertools.pairwise(pages):
        before.next_page, after.previous_page = after, before
    if pages:
        pages[0].previous_page = pages[-1].next_page = None


def build_navs(curriculum, site_items: list, path_pages: dict, module_pages: dict,
               trainer_pages: dict, trainer_index: Page | None, trainer_tab: bool = True) -> dict:
    """One Navigation per role (key: role id), one per trainer's module page (key: its key in `trainer_pages`)
    and one for every other page (key: None). `trainer_tab=False` (the plugin's default, option `trainer_tab`)
    keeps the trainer's view out of the learners' navigation: only the trainer's own pages carry it."""
    home = [i for i in site_items if isinstance(i, Page) and i.is_homepage]
    rest = [i for i in site_items if i not in home]
    for item in home + rest:
        item.parent = getattr(item, "parent", None)
    full, stub, flat = {}, {}, {}
    for rid, role in curriculum.roles.items():
        modules = [module_pages[(rid, s.module)] for s in role.path]
        full[rid] = _section(role.title, [path_pages[rid], *_chunks(modules)], own=True)
        stub[rid] = _section(role.title, [path_pages[rid]], own=False)
        flat[rid] = [path_pages[rid], *modules]
        _link(flat[rid])
        _extras_are_not_next(role, modules)
    index = [trainer_index] if trainer_index is not None else []
    # The trainer's module pages are in navigations of their own (in every page's, the build would be
    # quadratic): the index and the modules of the page's own group of CHUNK, in module order; previous/next
    # and the index lead to the others. A page carries a bounded sidebar however many modules there are
    # (listing every group's title on every trainer page made a 1,000-module build 10% slower). Material gives
    # a page its table-of-contents toggle and its TOC on small screens only where the page is in the navigation.
    modules = list(trainer_pages.values())
    groups = [g for g in _chunks(modules) if isinstance(g, Section)]  # none when there are CHUNK or fewer
    trainer_full = _section(TRAINER_TITLE, index + ([] if groups else modules), own=True)
    trainer = [_section(TRAINER_TITLE, index, own=True)] if index else []  # the index's parent: this one
    learner_trainer = trainer if trainer_tab else []
    _link([p for p in home + rest if isinstance(p, Page)] + index)
    _link(modules)  # previous/next in module order; the first module's previous is the index of all modules
    if trainer_index is not None and modules:
        modules[0].previous_page, trainer_index.next_page = trainer_index, modules[0]
    all_pages = [p for p in home + rest if isinstance(p, Page)]

    def navigation(own: str | None = None, trainer_section: list | None = None, extra: list | tuple = ()) -> Navigation:
        sections = [full[r] if r == own else stub[r] for r in curriculum.roles]
        pages = all_pages + (flat[own] if own else []) + list(extra)
        return Navigation(home + sections + rest + (learner_trainer if trainer_section is None else trainer_section),
                          pages)

    navs = {rid: navigation(rid) for rid in curriculum.roles}
    navs[None] = navigation()
    if modules:
        shared = navigation(trainer_section=[trainer_full], extra=modules)
        navs.update((key, shared) for key in trainer_pages)
        key_of = {id(page): key for key, page in trainer_pages.items()}
        for group in groups:
            group.parent = section = _section(TRAINER_TITLE, [*index, group], own=False)
            own_nav = navigation(trainer_section=[section], extra=group.children)
            navs.update((key_of[id(page)], own_nav) for page in group.children)
        navs["index"] = shared  # the index of all modules: with the trainer's pages, tab or no tab
    elif index:
        navs["index"] = navigation(trainer_section=trainer)
    return navs


def _extras_are_not_next(role, modules: list) -> None:
    """The footer's Next of the path's last required module leads nowhere when only optional modules follow:
    they are extras, which that page offers as such (pages.module_foot), not the next step of the path."""
    required = [i for i, step in enumerate(role.path) if not step.optional]
    if required and required[-1] < len(modules) - 1:
        modules[required[-1]].next_page = None
