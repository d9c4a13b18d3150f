"""Role-scoped navigation: a page in a role's path carries only that role's path in its sidebar.

Material renders the whole navigation into every page, so a navigation holding every role's copy of
every module makes the build quadratic. Each role gets its own small Navigation instead; the other
roles appear only as one-entry sections (their tab), and the trainer's modules behind one index page (a
trainer's module page adds itself to that section in its own navigation).
A long path is split into sections of CHUNK modules and pruned (the plugin turns `navigation.prune` on).
"""

from __future__ import annotations

from html import escape

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

TRAINER_TITLE = "Trainer's view"
CHUNK = 20


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
    for before, after in zip(pages, pages[1:]):
        before.next_page, after.previous_page = after, before
    if pages:
        pages[0].previous_page = pages[-1].next_page = None


def build_navs(curriculum, site_items: list, path_pages: dict, module_pages: dict,
               trainer_pages: dict, trainer_index: Page | None) -> dict:
    """One Navigation per role (key: role id), one per trainer's module page (key: its key in `trainer_pages`)
    and one for every other page (key: None)."""
    home = [i for i in site_items if isinstance(i, Page) and i.is_homepage]
    rest = [i for i in site_items if i not in home]
    for item in home + rest:
        item.parent = getattr(item, "parent", None)
    full, stub, flat = {}, {}, {}
    for rid, role in curriculum.roles.items():
        modules = [module_pages[(rid, s.module)] for s in role.path]
        full[rid] = _section(role.title, [path_pages[rid]] + _chunks(modules), own=True)
        stub[rid] = _section(role.title, [path_pages[rid]], own=False)
        flat[rid] = [path_pages[rid]] + modules
        _link(flat[rid])
    trainer = [_section(TRAINER_TITLE, [trainer_index], own=True)] if trainer_index is not None else []
    # A trainer's module page is in its own navigation only (in every page's, the build would be quadratic):
    # Material gives a page its table-of-contents toggle, which the TOC's title is the label of, and its TOC
    # on small screens, only where the page is in the navigation.
    own_section = {}
    for key, page in trainer_pages.items():
        own_section[key] = _section(TRAINER_TITLE, trainer[0].children + [page] if trainer else [page], own=False)
        page.parent = own_section[key]
        page.previous_page = page.next_page = None
    _link([p for p in home + rest if isinstance(p, Page)] + ([trainer_index] if trainer_index else []))
    all_pages = [p for p in home + rest if isinstance(p, Page)]

    def navigation(own: str | None = None, trainer_section: Section | None = None) -> Navigation:
        sections = [full[r] if r == own else stub[r] for r in curriculum.roles]
        pages = all_pages + (flat[own] if own else [])
        return Navigation(home + sections + rest + ([trainer_section] if trainer_section else trainer), pages)

    navs = {rid: navigation(rid) for rid in curriculum.roles}
    navs[None] = navigation()
    navs.update((key, navigation(trainer_section=section)) for key, section in own_section.items())
    return navs
