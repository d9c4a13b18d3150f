"""The curriculum as data: what `site/curriculum.json` and `curriculum export json` contain.

Pure: a Curriculum and a `url(kind, *ids)` function in, a JSON-ready dict out. URLs are relative to
the site root. The shape is described by `schema/curriculum.schema.json`; change both together and
bump SCHEMA_VERSION (minor for added fields, major for anything a reader could trip over).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..model import Curriculum, Module, Role, Step
from ..urls import Scheme, root_relative

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "curriculum.schema.json"
Url = Callable[..., str]


def site_url(modules_dir: str, directory_urls: bool = True) -> Url:
    """URLs of the pages the plugin generates, relative to the site root, as MkDocs writes them (urls.Scheme).

    kinds: "path" role, "module" role module, "trainer" module, "index" (all modules), "catalog".
    """
    scheme = Scheme(modules_dir, directory_urls)
    return lambda kind, *ids: root_relative(scheme.url(kind, *ids))


def curriculum_data(curriculum: Curriculum, url: Url) -> dict:
    """Everything an HR system or LMS needs to know about the curriculum."""
    modules = curriculum.modules
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"mkdocs-curriculum {__version__}",
        "title": curriculum.title,
        "pass_mark": curriculum.pass_mark,
        "urls": {"catalog": url("catalog"), "modules": url("index")},
        "roles": [_role(role, modules, url) for role in curriculum.roles.values()],
        "modules": [_module(curriculum, m, url) for m in modules.values()],
    }


def _role(role: Role, modules: dict, url: Url) -> dict:
    return {
        "id": role.id,
        "title": role.title,
        "description": role.description,
        "url": url("path", role.id),
        "required_minutes": role.required_minutes(modules),
        "optional_minutes": role.optional_minutes(modules),
        "path": [_step(step, role, modules[step.module], url) for step in role.path if step.module in modules],
    }


def _step(step: Step, role: Role, module: Module, url: Url) -> dict:
    return {
        "module": step.module,
        "title": module.title,
        "optional": step.optional,
        "due_days": step.due_days,
        "minutes": module.duration,
        "quizzes": len(module.questions(role.id)),
        "coaching_prompts": len(module.coachings(role.id)),
        "url": url("module", role.id, step.module),
    }


def _module(curriculum: Curriculum, module: Module, url: Url) -> dict:
    return {
        "id": module.id,
        "title": module.title,
        "summary": module.summary,
        "duration": module.duration,
        "objectives": list(module.objectives),
        "prerequisites": list(module.prerequisites),
        "pass_mark": curriculum.pass_mark_of(module),
        "quizzes": len(module.questions()),
        "coaching_prompts": len(module.coachings()),
        "words": module.words,
        "roles": [r.id for r in curriculum.roles_of(module.id)],
        "url": url("trainer", module.id),
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
