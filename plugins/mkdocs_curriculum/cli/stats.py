"""`curriculum stats`: modules, quizzes, coaching prompts, words and minutes per role.

A role's words are those its people read: the module text as tailored for that role (other roles' `/// for`
sections left out) plus its quizzes' and coaching prompts' text, without block markup. The total counts
every module's whole source instead, which is what authors maintain, so it is labelled "source words".
"""

from __future__ import annotations

import json

from .. import kinds
from ..model import Curriculum, Module
from ..pages import minutes
from ..tailor import strip, tailor
from .check import load_clean
from .project import find_project

STATS_COLUMNS = (("role", "Role"), ("modules", "Modules"), ("optional_modules", "Optional"),
                 ("quizzes", "Quizzes"), ("coaching_prompts", "Coaching"), ("words", "Words"),
                 ("required_minutes", "Required time"), ("optional_minutes", "Optional time"))


WORDS_NOTE = ("Words: what each role reads (its own sections, quizzes and prompts).\n"
              "All modules: the words of every module's whole source (all roles' sections and block markup).")


def run_stats(args) -> int:
    curriculum = load_clean(find_project(args.config_file))
    data = stats(curriculum)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else stats_table(data))
    return 0


def stats(curriculum: Curriculum) -> dict:
    """Per role: what its people take and read. The total: every module, words counted in the whole source."""
    modules = curriculum.modules
    roles = []
    for role in curriculum.roles.values():
        steps = [(s, modules[s.module]) for s in role.path]
        roles.append({
            "role": role.id, "title": role.title, "modules": len(steps),
            "optional_modules": sum(s.optional for s, _ in steps),
            "quizzes": sum(len(m.questions(role.id)) for _, m in steps),
            "coaching_prompts": sum(len(m.coachings(role.id)) for _, m in steps),
            "words": sum(role_words(m, role.id) for _, m in steps),
            "required_minutes": role.required_minutes(modules), "optional_minutes": role.optional_minutes(modules),
        })
    total = {"modules": len(modules), "quizzes": sum(len(m.questions()) for m in modules.values()),
             "coaching_prompts": sum(len(m.coachings()) for m in modules.values()),
             "source_words": sum(m.words for m in modules.values()),
             "minutes": sum(m.duration for m in modules.values())}
    return {"title": curriculum.title, "roles": roles, "total": total}


def role_words(module: Module, role: str) -> int:
    """Words of the module as `role` reads it: its tailored text, and the text of the blocks it is shown."""
    version = tailor(module, role)
    texts = [strip(version.markdown)]
    for _, node, _ in version.slots:
        kind = kinds.of(node)
        assert kind is not None  # a slot holds a block, never text
        texts.append(kind.words(node))  # a quiz's text, not its answers
    return sum(_count(text) for text in texts)


def _count(text: str) -> int:
    """Words, not markup: `##`, `-`, `>` and `---` alone are not words."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def stats_table(data: dict) -> str:
    heads = [label for _, label in STATS_COLUMNS]
    rows = [[_cell(key, r[key]) for key, _ in STATS_COLUMNS] for r in data["roles"]]
    t = data["total"]
    rows.append(["All modules", str(t["modules"]), "", str(t["quizzes"]), str(t["coaching_prompts"]),
                 str(t["source_words"]), minutes(t["minutes"]), ""])
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells):
        padded = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False)))
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([data["title"], "", line(heads), rule] + [line(r) for r in rows[:-1]] + [rule, line(rows[-1]), "",
                      WORDS_NOTE])


def _cell(key: str, value) -> str:
    return minutes(value) if key.endswith("_minutes") else str(value)
