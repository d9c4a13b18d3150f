"""Write a synthetic curriculum of N modules, and the plain-MkDocs baselines that match it page for page.

Three variants of the same site, all with the same theme, extensions and page count (3N + 7 pages:
home, 4 path pages, 2N role module pages, N trainer module pages, the modules index, the catalogue):

  plugin      the curriculum plugin; each module has 2 quizzes, 1 coaching prompt, 2 `/// for` sections
  plain       the same plugin build, with every `///` block replaced by ordinary Markdown of the same size
  baseline    no plugin: plain Material pages at the same URLs, holding the same Markdown as `plain`
              (tailored per role by the generator instead of the plugin), a sectioned `nav` (one section
              per role and for the trainer's view, sub-sections of 20 pages) and `navigation.prune`

Module i is in the paths of roles i % 4 and (i + 1) % 4, so the 4 paths hold 2N role pages.

    python bench/generate.py --n 100 --variant plugin --out /tmp/cq-100
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROLES = {
    "frontline": ("Frontline staff", "People who serve customers every day."),
    "managers": ("Middle managers", "People who lead teams that serve customers."),
    "executives": ("Executives", "People who set service goals and budgets."),
    "support": ("Support engineers", "People who fix what customers report."),
}
ROLE_IDS = list(ROLES)
SECTION = 20  # pages per nav sub-section in the baseline
VARIANTS = ("plugin", "plain", "baseline")
FEATURES = ["navigation.tabs", "navigation.prune"]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "def_list"]

WORDS = (
    "customer service team listen help answer question problem promise follow up call email ticket "
    "queue escalate apology solution options expectations time clear calm respect trust feedback "
    "quality standard policy exception refund replacement record note handover colleague manager "
    "goal measure survey complaint praise tone empathy patience detail context history account "
    "priority deadline owner process step check confirm explain summarise agree review improve learn "
    "share example situation request channel chat phone visit store online order delivery return"
).split()


def mid(i: int) -> str:
    return f"m{i:04d}"


def roles_of(i: int) -> tuple[str, str]:
    return ROLE_IDS[i % 4], ROLE_IDS[(i + 1) % 4]


def path_of(n: int, rid: str) -> list[int]:
    return [i for i in range(n) if rid in roles_of(i)]


class Text:
    """Deterministic filler prose."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)

    def words(self, count: int) -> str:
        return " ".join(self.rnd.choice(WORDS) for _ in range(count))

    def sentence(self, count: int) -> str:
        text = self.words(count)
        return text[0].upper() + text[1:] + "."

    def para(self, count: int) -> str:
        out, left = [], count
        while left > 0:
            size = min(left, self.rnd.randint(9, 16))
            out.append(self.sentence(size))
            left -= size
        text = " ".join(out)
        # a little inline markup, as authors write it
        parts = text.split(" ")
        if len(parts) > 12:
            parts[3] = f"**{parts[3]}**"
            parts[8] = f"*{parts[8]}*"
            parts[11] = f"`{parts[11]}`"
        return " ".join(parts)


# -- one module, as a list of parts: ("md", text) or ("quiz"/"coaching"/"for", block text, plain text) --


def module_parts(i: int) -> tuple[dict, list]:
    t = Text(i)
    a, b = roles_of(i)
    meta = {
        "title": f"Module {i + 1}: {t.words(3).title()}",
        "summary": t.sentence(12),
        "duration": 10 + (i % 5) * 5,
        "objectives": [t.sentence(7), t.sentence(8)],
    }
    if i >= 4 and i % 5 == 0:
        meta["prerequisites"] = [mid(i - 4)]  # same two roles, earlier in both paths
    parts = [
        ("md", t.para(50)),
        ("md", f"## Why it matters\n\n{t.para(60)}\n\n" + "\n".join(f"- {t.sentence(8)}" for _ in range(5))),
        ("md", f'!!! tip "Remember"\n\n    {t.para(30)}'),
        ("md", "## How to do it\n\n" + "\n".join(f"{k}. {t.sentence(10)}" for k in range(1, 6))
         + f"\n\n{t.para(45)}"),
        _for(a, t), _for(b, t),
        ("md", f"### An example\n\n{t.para(45)}\n\n| Step | Who | When |\n|---|---|---|\n"
         + "\n".join(f"| {t.words(2)} | {t.words(1)} | {t.words(2)} |" for _ in range(3))),
        _quiz_single(t),
        ("md", f"## Practice\n\n{t.para(40)}"),
        _coaching(t),
        _quiz_multiple(t) if i % 2 else _quiz_text(t),
        ("md", f"## Summary\n\n{t.para(30)}"),
    ]
    return meta, parts


def _pad(plain: str, block: str, t: Text) -> str:
    """Make the plain stand-in as long as the block it replaces (within a word)."""
    missing = len(block) - len(plain)
    if missing > 2:
        filler = t.words(max(1, missing // 6))[: missing - 2].rstrip()
        plain = f"{plain}\n\n{filler}"
    return plain


def _quiz_single(t: Text):
    q = t.sentence(8)[:-1] + "?"
    choices = [(True, t.sentence(4), t.sentence(9)), (False, t.sentence(5), t.sentence(10)),
               (False, t.sentence(4), "")]
    explanation = t.para(25)
    block = [f"/// quiz | {q}"]
    plain = [f"**{q}**", ""]
    for right, text, feedback in choices:
        block.append(f"- [{'x' if right else ' '}] {text}")
        plain.append(f"- {text}")
        if feedback:
            block.append(f"    {feedback}")
            plain.append(f"    {feedback}")
    block += ["", explanation, "///"]
    plain += ["", explanation]
    return "quiz", "\n".join(block), _pad("\n".join(plain), "\n".join(block), t)


def _quiz_multiple(t: Text):
    q = t.sentence(7)[:-1] + "?"
    block = [f"/// quiz | {q}", "    shuffle: true"]
    plain = [f"**{q}**", ""]
    for right in (True, True, False, False):
        text = t.sentence(4)
        block.append(f"- [{'x' if right else ' '}] {text}")
        plain.append(f"- {text}")
    block.append("    " + t.sentence(8))
    plain.append("    " + block[-1].strip())
    explanation = t.para(20)
    block += ["", explanation, "///"]
    plain += ["", explanation]
    return "quiz", "\n".join(block), _pad("\n".join(plain), "\n".join(block), t)


def _quiz_text(t: Text):
    q = t.sentence(7)[:-1] + "?"
    w1, w2 = t.words(1), t.words(1)
    explanation = t.para(20)
    block = f"/// quiz | {q}\n    answer: [{w1}, {w2}]\n\n{explanation}\n///"
    plain = f"**{q}**\n\nAnswer: {w1} or {w2}.\n\n{explanation}"
    return "quiz", block, _pad(plain, block, t)


def _coaching(t: Text):
    title = t.words(4).capitalize()
    items = "\n".join(f"- {t.sentence(9)}" for _ in range(3))
    block = f"/// coaching | {title}\n{items}\n///"
    plain = f"**{title}**\n\n{items}"
    return "coaching", block, _pad(plain, block, t)


def _for(role: str, t: Text):
    body = f"#### For {ROLES[role][0].lower()}\n\n{t.para(40)}"
    return "for", f"/// for | {role}\n{body}\n///", body, role


# -- writing the variants --------------------------------------------------------------------


def _front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def module_source(i: int, variant: str) -> str:
    """The module file under content/modules/ (plugin and plain variants)."""
    meta, parts = module_parts(i)
    out, kept_for = [], False
    for part in parts:
        kind = part[0]
        if kind == "md" or variant == "plugin":
            out.append(part[1])
        elif kind == "for":
            # each role sees exactly one of the two `for` sections: keep one, unconditionally
            if not kept_for:
                out.append(part[2])
                kept_for = True
        else:
            out.append(part[2])
    return _front(meta) + "\n\n".join(out) + "\n"


def baseline_body(i: int, role: str | None) -> str:
    """What the plain variant renders for this role (None: trainer's view), as a plain page."""
    _meta, parts = module_parts(i)
    out = []
    for part in parts:
        kind = part[0]
        if kind == "md":
            out.append(part[1])
        elif kind == "for":
            if role is None:
                name = ROLES[part[3]][0]
                inner = "\n".join("    " + line if line else "" for line in part[2].split("\n"))
                out.append(f'!!! note "Only in the version for: {name}"\n\n{inner}')
            elif role == part[3]:
                out.append(part[2])
        else:
            out.append(part[2])
    return "\n\n".join(out)


def _mkdocs_yml(variant: str, nav=None) -> dict:
    config = {
        "site_name": "Bench Academy",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "content",
        "theme": {"name": "material", "features": FEATURES},
        "markdown_extensions": EXTENSIONS,
        "plugins": ["search"] + (["curriculum"] if variant != "baseline" else []),
    }
    if nav is not None:
        config["nav"] = nav
    return config


def _home(n: int) -> str:
    links = " · ".join(f"[{title}](paths/{rid}/index.md)" for rid, (title, _) in ROLES.items())
    return f"# Bench Academy\n\nA synthetic curriculum of {n} modules. Pick your path: {links}.\n"


def generate(out: Path, n: int, variant: str) -> Path:
    if variant not in VARIANTS:
        raise SystemExit(f"unknown variant {variant!r}; pick one of {', '.join(VARIANTS)}")
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    (content / "modules").mkdir(parents=True)
    (content / "index.md").write_text(_home(n), encoding="utf-8")
    if variant == "baseline":
        nav = _write_baseline(content, n)
        (out / "mkdocs.yml").write_text(yaml.safe_dump(_mkdocs_yml(variant, nav), sort_keys=False), encoding="utf-8")
        return out
    for i in range(n):
        (content / "modules" / f"{mid(i)}.md").write_text(module_source(i, variant), encoding="utf-8")
    curriculum = {
        "title": "Bench Academy",
        "pass_mark": 80,
        "modules": "modules",
        "roles": {rid: {"title": title, "description": desc, "path": [mid(i) for i in path_of(n, rid)]}
                  for rid, (title, desc) in ROLES.items()},
    }
    (out / "curriculum.yml").write_text(yaml.safe_dump(curriculum, sort_keys=False), encoding="utf-8")
    (out / "mkdocs.yml").write_text(yaml.safe_dump(_mkdocs_yml(variant), sort_keys=False), encoding="utf-8")
    return out


def _minutes(i: int) -> str:
    return f"{10 + (i % 5) * 5} min"


def _sections(uris: list[str], titles: list[str]) -> list:
    """Sub-sections of SECTION pages each."""
    out = []
    for start in range(0, len(uris), SECTION):
        chunk = [{titles[k]: uris[k]} for k in range(start, min(start + SECTION, len(uris)))]
        out.append({f"Modules {start + 1}–{start + len(chunk)}": chunk})
    return out


def _write_baseline(content: Path, n: int) -> list:
    """The same pages at the same URLs as plain Markdown, and a sectioned nav for them."""
    metas = [module_parts(i)[0] for i in range(n)]
    nav = [{"Home": "index.md"}]
    for rid, (title, desc) in ROLES.items():
        folder = content / "paths" / rid
        folder.mkdir(parents=True)
        path = path_of(n, rid)
        items = "\n".join(f"{k}. [{metas[i]['title']}]({mid(i)}.md) · {_minutes(i)} · Required\n\n"
                          f"    {metas[i]['summary']}" for k, i in enumerate(path, 1))
        (folder / "index.md").write_text(_front({"title": title}) + f"{desc}\n\n{len(path)} modules\n\n{items}\n\n"
                                         f"[Start the path]({mid(path[0])}.md){{ .md-button }}\n", encoding="utf-8")
        for k, i in enumerate(path, 1):
            meta = metas[i]
            head = (f"Module {k} of {len(path)} in [{title}](index.md) · {_minutes(i)} · Required\n\n"
                    "**In this module you will:**\n\n" + "\n".join(f"- {o}" for o in meta["objectives"]))
            front = {"title": meta["title"], "search": {"exclude": True}}
            (folder / f"{mid(i)}.md").write_text(_front(front) + head + "\n\n" + baseline_body(i, rid) + "\n",
                                                 encoding="utf-8")
        nav.append({title: [f"paths/{rid}/index.md", *_sections([f"paths/{rid}/{mid(i)}.md" for i in path], [metas[i]["title"] for i in path])]})
    rows = []
    for i, meta in enumerate(metas):
        names = ", ".join(ROLES[r][0] for r in roles_of(i))
        rows.append(f"| [{meta['title']}]({mid(i)}.md) | {meta['summary']} | {_minutes(i)} | 2 | {names} |")
        links = ", ".join(f"[{ROLES[r][0]}](../paths/{r}/{mid(i)}.md)" for r in roles_of(i))
        head = (f"Trainer's view: every role-tailored section is shown. {_minutes(i)}. Role versions: {links}.\n\n"
                "**In this module you will:**\n\n" + "\n".join(f"- {o}" for o in meta["objectives"]))
        (content / "modules" / f"{mid(i)}.md").write_text(_front({"title": meta["title"]}) + head + "\n\n"
                                                          + baseline_body(i, None) + "\n", encoding="utf-8")
    table = "| Module | Summary | Duration | Questions | In the paths of |\n|---|---|---|---|---|\n" + "\n".join(rows)
    (content / "modules" / "index.md").write_text(_front({"title": "All modules"}) + table + "\n", encoding="utf-8")
    (content / "catalog.md").write_text(_front({"title": "Catalogue"}) + _catalog(n, metas), encoding="utf-8")
    nav.append({"Trainer's view": ["modules/index.md", "catalog.md", *_sections([f"modules/{mid(i)}.md" for i in range(n)], [m["title"] for m in metas])]})
    return nav


def _catalog(n: int, metas: list) -> str:
    """The plugin's HR catalogue page (/catalog/) as Markdown: roles, module-by-role matrix, details."""
    paths = {rid: path_of(n, rid) for rid in ROLES}
    roles = "\n".join(f"| [{title}](paths/{rid}/index.md) | {len(paths[rid])} | "
                      f"{sum(10 + (i % 5) * 5 for i in paths[rid])} min | 0 min | None |"
                      for rid, (title, _) in ROLES.items())
    heads = " | ".join(f"[{title}](paths/{rid}/index.md)" for rid, (title, _) in ROLES.items())
    matrix = "\n".join(f"| [{m['title']}](#cq-catalog-{mid(i)}) | {_minutes(i)} | "
                       + " | ".join("● Required" if rid in roles_of(i) else "– Not in path" for rid in ROLES) + " |"
                       for i, m in enumerate(metas))
    details = "\n\n".join(
        f"### [{m['title']}](modules/{mid(i)}.md) {{ #cq-catalog-{mid(i)} }}\n\n{_minutes(i)} · In the paths of: "
        + ", ".join(f"{ROLES[r][0]} (required)" for r in roles_of(i)) + f"\n\n{m['summary']}\n\n**Objectives:**\n\n"
        + "\n".join(f"- {o}" for o in m["objectives"]) for i, m in enumerate(metas))
    return (f"{n} modules in {len(ROLES)} learning paths.\n\n## Learning paths\n\n"
            "| Role | Modules | Required time | Optional time | Deadlines |\n|---|---|---|---|---|\n"
            f"{roles}\n\n## Modules by role\n\n| Module | Duration | {heads} |\n|---|---|{'---|' * len(ROLES)}\n"
            f"{matrix}\n\n## Modules\n\n{details}\n")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="number of modules (default 100)")
    parser.add_argument("--variant", choices=VARIANTS, default="plugin")
    parser.add_argument("--out", type=Path, required=True, help="project folder to (re)create; use /tmp")
    args = parser.parse_args(argv)
    generate(args.out, args.n, args.variant)
    print(args.out)


if __name__ == "__main__":
    main()
