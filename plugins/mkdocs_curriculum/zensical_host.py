"""The Zensical host: the build plan written out as a project Zensical builds. No Zensical import.

Zensical reads mkdocs.yml and runs Python-Markdown extensions, but no MkDocs plugins. So the host writes a
generated project into a folder the author never edits (`.curriculum/zensical/` next to mkdocs.yml):

- `docs/`: a copy of the author's docs folder, except the module files, which become the trainer's pages and
  each role's copies from the plan; each module page starts with a comment that tells the Markdown extension
  (`markdown_extension.py`) its role, module and where it lives (relative links are rebased as the plugin
  does), then the module's head; the generated pages (home, paths, module index, catalogue) are their HTML;
  the plugin's assets, built by assets_build.py, go to `docs/assets/curriculum/`; Zensical resolves every
  relative link of a page (raw HTML too) from the page's source file, so the generated HTML links from there
  (`Plan.source_link`);
- `mkdocs.yml`: the author's settings (theme, features, palette, extra, extensions...) with the plan's
  navigation as `nav` (one global navigation: every role's section), the assets in `extra_css` /
  `extra_javascript`, the extensions the pages need, and `docs_dir`/`site_dir` inside the folder.

`zensical build` then writes into the folder's `site/`, which is copied to the author's `site_dir`, with
`curriculum.json` as the plugin writes it. Nothing the author wrote is modified. Files are only rewritten
when their content changes, so `zensical serve` on the folder rebuilds only what an edit touched.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from pathlib import Path

import yaml

from . import assets_build, export, pages, preview
from .load import SKIPPED
from .model import Curriculum
from .plan import NavItem, Plan, compile_plan
from .source import dump_yaml, front_matter, read_text, split_front_matter

WORK_DIR = ".curriculum/zensical"
EXTENSIONS = ("admonition", "attr_list", "md_in_html", "def_list")  # as the plugin adds them
EXTENSION = "mkdocs_curriculum.markdown_extension"
_HOST_KEYS = ("docs_dir", "site_dir", "nav", "plugins", "INHERIT", "extra_css", "extra_javascript",
              "markdown_extensions")


def work_dir(root: Path) -> Path:
    return root / WORK_DIR


def generate(curriculum: Curriculum, config: dict, root: Path, docs_dir: Path, banner: str = "") -> Path:
    """Write (or bring up to date) the generated project for `curriculum`; returns its mkdocs.yml. `banner`
    (a preview with errors, preview.py) goes at the top of every page the curriculum makes."""
    work = work_dir(root)
    directory_urls = config.get("use_directory_urls", True) is not False
    sources = _author_files(docs_dir)
    module_files = {u for u in sources if _is_module_file(u, curriculum.modules_dir)}  # a broken one too
    plan = compile_plan(curriculum, [u for u in sources if u.endswith(".md")], directory_urls)
    files: dict[str, bytes | Path] = {u: p for u, p in sources.items() if u not in module_files}
    for page in plan.pages.values():
        files[page.uri] = _page_text(plan, page, docs_dir, banner).encode("utf-8")
    for asset in assets_build.site_assets():  # combined and minified, named by a hash of their content
        files[asset.uri] = asset.text.encode("utf-8")
    if banner:  # a preview with errors: every page it had stays at its address, saying why it is left out
        gone = f"{front_matter({'title': 'Not in this preview'})}\n{banner}\n\n{preview.GONE}\n".encode()
        for path in (work / "docs").rglob("*.md"):
            files.setdefault(path.relative_to(work / "docs").as_posix(), gone)
    _sync(files, work / "docs")
    mkdocs_yml = work / "mkdocs.yml"
    _write_if_changed(mkdocs_yml, _config_text(plan, config, sources).encode("utf-8"))
    return mkdocs_yml


def finish(curriculum: Curriculum, root: Path, site_dir: Path, directory_urls: bool) -> None:
    """Copy the built site to the author's site_dir, with curriculum.json as the plugin writes it."""
    built = work_dir(root) / "site"
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.copytree(built, site_dir)
    data = export.curriculum_data(curriculum, export.site_url(curriculum.modules_dir, directory_urls))
    (site_dir / "curriculum.json").write_text(export.dumps(data), encoding="utf-8")


# -- pages -------------------------------------------------------------------------------------------------------


def _page_text(plan: Plan, page, docs_dir: Path, banner: str = "") -> str:
    cur = plan.curriculum
    banner = f"{banner}\n\n" if banner else ""
    if page.kind not in ("module", "trainer"):
        body = plan.html(page, plan.source_link(page))
        return f"{front_matter(page.meta)}\n{banner}{body}\n"
    module = cur.modules[page.module]
    _, text, _ = split_front_matter(read_text(docs_dir / f"{cur.modules_dir}/{module.id}.md"))
    role = cur.roles.get(page.role) if page.role else None
    marker = {
        "module": module.id, "role": page.role, "roles": {rid: r.title for rid, r in cur.roles.items()},
        "pass_mark": cur.pass_mark_of(module), "page": page.uri, "source": f"{cur.modules_dir}/{module.id}.md",
        "path": [s.module for s in role.path] if role else [], "modules_dir": cur.modules_dir,
        "directory_urls": plan.scheme.directory_urls, "foot": True, "file": module.file, "link_base": "source",
    }
    head = pages.module_head(cur, module, role, plan.source_link(page))
    comment = json.dumps(marker, ensure_ascii=False).replace("--", "\\u002d\\u002d")
    return f"{front_matter(page.meta)}<!-- curriculum {comment} -->\n{banner}{head}\n\n{text}\n"


def _is_module_file(uri: str, modules_dir: str) -> bool:
    return uri.startswith(modules_dir + "/") and uri.endswith(".md") and posixpath.basename(uri) not in SKIPPED


# -- the configuration ----------------------------------------------------------------------------------------------


def _config_text(plan: Plan, config: dict, sources: dict) -> str:
    out = {k: v for k, v in config.items() if k not in _HOST_KEYS}
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    theme = dict(out.get("theme") or {"name": "material"})
    if isinstance(out.get("theme"), str):
        theme = {"name": out["theme"]}
    features = list(theme.get("features") or [])
    for feature in ("navigation.tabs",):  # one tab per role, as the plugin turns on
        if feature not in features:
            features.append(feature)
    theme["features"] = features
    out["theme"] = theme
    out["extra_css"] = [*(config.get("extra_css") or []), assets_build.curriculum_css().uri]
    out["extra_javascript"] = [*(config.get("extra_javascript") or []), assets_build.curriculum_js().uri]
    extensions = list(config.get("markdown_extensions") or [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [name for name in EXTENSIONS if name not in names]
    titles = {rid: r.title for rid, r in plan.curriculum.roles.items()}
    extensions.append({EXTENSION: {"marked_only": True, "foot": False, "roles": titles}})
    out["markdown_extensions"] = extensions
    plugins = [p for p in _plugin_names(config.get("plugins")) if p != "curriculum"]
    if plugins:
        out["plugins"] = plugins
    out["nav"] = [_nav_entry(item) for item in plan.site_nav(_author_nav(plan, config, sources))]
    header = "# Generated by `curriculum build --with zensical` from mkdocs.yml: do not edit, it is rewritten.\n"
    return header + dump_yaml(out)


def _plugin_names(plugins) -> list:
    if isinstance(plugins, dict):
        return [{k: v} if v else k for k, v in plugins.items()]
    return list(plugins or [])


def _nav_entry(item: NavItem):
    if item.is_section:
        return {item.title: [_nav_entry(child) for child in item.children]}
    return {item.title: item.uri}


def _author_nav(plan: Plan, config: dict, sources: dict) -> list:
    """The author's own pages: their `nav` without module files and generated pages, or every other page."""
    skip = set(plan.pages) | {plan.scheme.uri("home")}
    if config.get("nav"):
        return [item for item in (_from_nav(entry, skip) for entry in config["nav"]) if item is not None]
    return [NavItem(_title_of(uri, sources[uri]), uri) for uri in sorted(sources)
            if uri.endswith(".md") and uri not in skip and not uri.startswith(plan.curriculum.modules_dir + "/")]


def _from_nav(entry, skip: set):
    if isinstance(entry, str):
        return None if entry in skip else NavItem(Path(entry).stem, entry)
    if isinstance(entry, dict) and len(entry) == 1:
        title, value = next(iter(entry.items()))
        if isinstance(value, list):
            children = tuple(c for c in (_from_nav(v, skip) for v in value) if c is not None)
            return NavItem(str(title), children=children) if children else None
        if isinstance(value, str) and value not in skip:
            return NavItem(str(title), value)
    return None


def _title_of(uri: str, path: Path) -> str:
    try:
        front, _, _ = split_front_matter(read_text(path))
        meta = yaml.safe_load(front) if front else None
    except Exception:
        meta = None
    if isinstance(meta, dict) and isinstance(meta.get("title"), str):
        return meta["title"]
    return Path(uri).stem.replace("-", " ").replace("_", " ").capitalize()


# -- files -----------------------------------------------------------------------------------------------------------


def _author_files(docs_dir: Path) -> dict:
    """Every file of the docs folder, by docs uri (hidden files and folders left out, as MkDocs does)."""
    found = {}
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found[rel.as_posix()] = path
    return found


def _sync(files: dict, target: Path) -> None:
    """Make `target` hold exactly `files` (uri -> bytes or a file to copy), rewriting only what changed."""
    target.mkdir(parents=True, exist_ok=True)
    for uri, content in files.items():
        data = content.read_bytes() if isinstance(content, Path) else content
        _write_if_changed(target / uri, data)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
