"""What a trainer starts from: the module template of `curriculum new`, the placeholder text in it that must
not reach learners, and the starter course of `curriculum init`. Text only; the CLI writes it, the loader
checks for what was left in."""

from __future__ import annotations

import json
from pathlib import Path

# Lines of the template a trainer is meant to replace. The loader warns about any left in a module
# (`--strict` fails on it), so a placeholder quiz never reaches learners.
PLACEHOLDERS = (
    "One sentence on what this module is for.",
    "Describe what a learner will be able to do after this module.",
    "Write the module here in Markdown. Keep it short: one idea, one practice task.",
    "Explain the idea with an example from your own organisation.",
    "Replace this with your question?",
    "A right answer",
    "Feedback shown when a learner picks this choice.",
    "A wrong answer",
    "Explain why this choice is wrong.",
    "An explanation shown after the learner checks the answer.",
    "Describe one situation from your work this week where you could use this.",
)
SUMMARY, OBJECTIVE = PLACEHOLDERS[0], PLACEHOLDERS[1]

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


def placeholder_lines(text: str, first_line: int = 1) -> list[int]:
    """Line numbers of `text` that still hold a placeholder of the template."""
    found = []
    for number, line in enumerate(text.splitlines(), first_line):
        stripped = line.strip().removeprefix("- [x] ").removeprefix("- [ ] ").removeprefix("- ")
        after = stripped.split("|" if stripped.startswith("///") else ":", 1)[-1].strip()
        if {stripped.strip("'\""), after.strip("'\"")} & set(PLACEHOLDERS):
            found.append(number)
    return found


# -- `curriculum init`: a working course in an empty folder ----------------------------------------------

INIT_MKDOCS = """\
site_name: {title}
# site_url: https://training.example.com/   # set it when you publish: links in exports and instant navigation
docs_dir: content
theme:
  name: material
  font: false            # keeps every request on your own site
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.instant
    - navigation.footer
plugins:
  - search
  - curriculum           # reads curriculum.yml next to this file
"""

INIT_CURRICULUM = """\
# Which roles exist, and which modules, in which order, make each role's learning path.
# The whole syntax: AUTHORING.md, in the mkdocs-curriculum repository and installed with the package
# (`curriculum --help` says where).
title: {title}
pass_mark: 80            # percent of a module's questions to get right
modules: modules         # folder under content/ that holds the modules
roles:
  frontline:
    title: Frontline staff
    description: People who serve customers every day.
    path:
      - welcome
"""

INIT_MODULE = """\
---
title: Welcome to service
summary: What good service is, and why everyone in the company gives it.
duration: 10
objectives:
  - Say who the customers of your own work are.
---

Every job serves someone: a customer at the counter, or a colleague who serves one.
This module shows each kind of block a module can hold; replace it with your own.

/// for | frontline
This paragraph is shown only in the frontline version of the module. Add roles in `curriculum.yml`
and write `/// for | role-id` sections for each of them.
///

/// quiz | Who serves customers?
- [ ] Only the people at the counter
    Those at the counter depend on everyone behind them.
- [x] Everyone in the company
    Right: every job serves a customer, directly or through a colleague.

Service is a chain: each link serves the next.
///

/// quiz | Which of these help a customer? Select all that apply.
- [x] Listening to the whole question
- [x] Saying what happens next
- [ ] Quoting the policy number
    A number alone explains nothing to a customer.
///

/// quiz | In one word: what do you do first when a customer speaks?
    answer: [listen, listening]
Listening comes before any answer.
///

/// coaching | Your own customers
Who uses the results of your work this week? Write down one thing you could do to make it easier for them.
///
"""

INIT_GITIGNORE = "site/\n.curriculum/\n"  # the built site; what `curriculum build --with zensical` generates


def init_files(title: str) -> dict[str, str]:
    """Relative path -> text of the starter course. The title is written as a double-quoted YAML string
    (JSON's syntax is a subset of it), so `#`, `:`, quotes or a leading `-` or `*` in it stay text."""
    quoted = json.dumps(title, ensure_ascii=False)
    return {
        "mkdocs.yml": INIT_MKDOCS.format(title=quoted),
        "curriculum.yml": INIT_CURRICULUM.format(title=quoted),
        "content/modules/welcome.md": INIT_MODULE,
        ".gitignore": INIT_GITIGNORE,
    }


def authoring_guide() -> Path | None:
    """AUTHORING.md: in an installed package next to this file (setup.py copies it there), in a checkout at the
    repository's top."""
    here = Path(__file__).resolve().parent
    return next((p for p in (here / "AUTHORING.md", here.parents[1] / "AUTHORING.md") if p.is_file()), None)
