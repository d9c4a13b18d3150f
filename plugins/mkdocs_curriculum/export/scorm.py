"""SCORM 1.2 export: each role's learning path as `<role>-scorm12.zip`, one SCO per module, for any LMS.

The pages come from a real `mkdocs build` of the project in package mode, never from scraping the public
site, so a package shows exactly what the site shows that role: the plugin gets `scorm_role`, and builds
only that role's path page and module pages, `.html` URLs (pages work from a zip, an LMS or a disk), no
search (its index would hold the other roles' text), no instant navigation (each SCO is a page of its own),
no fonts, analytics or repository stats (no request may leave the package). `scorm_package` then zips the
role's pages and the files they need with an imsmanifest.xml. The browser side (LMS API, status, score,
suspend data) is assets/js/lms.js.

A link from a module to a page the package does not hold (another role's module, a page that is no module;
with `per_module`, any other page) becomes a link to that page on the public site (`site_url`), or plain text
with a warning when there is no site_url (links.Outside). Every file a page needs is packed, those its
scripts show too (an image in a quiz's feedback: the plugin's `package_uses`).
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import links
from ..load import load_or_raise
from . import scorm_package as package

PLUGIN = "curriculum"
FILE_NAME = "{role}-scorm12.zip"
MODULE_FILE_NAME = "{role}/{module}-scorm12.zip"  # --per-module; a module in a sub-folder keeps it


class ScormError(Exception):
    """The export cannot be made (unknown role, a page that would load something from the internet...)."""


@dataclass(frozen=True)
class PublicSite:
    """What a package build knows of the public site: where links to pages outside the package go."""

    url: str | None  # site_url; None: such links become plain text, with a warning
    directory_urls: bool = True
    single: bool = False  # one package per module


def export_packages(config_file: str | Path, out_dir: str | Path, roles: list | None = None, *,
                    per_module: bool = False, strict: bool = False) -> list[Path]:
    """Write one package per role (default: every role) into out_dir, or with `per_module` one per module of
    each role's path (`<role>/<module>-scorm12.zip`); return the zip paths in role and path order. `strict`:
    a warning of a package build (a link left as plain text...) stops the export."""
    known = role_ids(config_file)
    wanted = list(dict.fromkeys(roles or known))
    unknown = [r for r in wanted if r not in known]
    if unknown:
        raise ScormError(f"unknown role(s) {', '.join(map(repr, unknown))}. Known roles: {', '.join(known)}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".curriculum-scorm-", dir=out) as temp:  # all packages, or none
        made = [path for role in wanted
                for path in export_role(config_file, role, Path(temp), per_module=per_module, strict=strict)]
        for path in made:
            target = out / path.relative_to(temp)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    return [out / path.relative_to(temp) for path in made]


def role_ids(config_file: str | Path) -> list:
    """The curriculum's role ids, in file order (read the same way the build reads them)."""
    config = _load_config(config_file, None)
    plugin = config.plugins[PLUGIN]
    root = Path(config.config_file_path).resolve().parent
    return list(load_or_raise(root / plugin.config.curriculum, Path(config.docs_dir), root).roles)


def export_role(config_file: str | Path, role_id: str, out_dir: Path, *, per_module: bool = False,
                strict: bool = False) -> list[Path]:
    """Build the role's pages into a temporary folder (once), check them, zip them with their manifest: one
    package for the role, or one per module."""
    made = []
    with tempfile.TemporaryDirectory(prefix="curriculum-scorm-") as temp:
        site = Path(temp) / "site"
        curriculum, also = build_role_site(config_file, role_id, site, single=per_module, strict=strict)
        role = curriculum.roles[role_id]
        for modules in ([[s.module] for s in role.path] if per_module else [None]):
            pages = [package.module_href(role_id, m) for m in modules] if modules else \
                [package.path_href(role_id)] + [package.module_href(role_id, s.module) for s in role.path]
            for page in pages:
                html = (site / page).read_text(encoding="utf-8")
                (site / page).write_text(package.package_page(html, page, set(pages)), encoding="utf-8")
            files, external = package.layout(site, role, modules, also)
            if external:
                listed = "\n".join(f"  {page}: {url}" for page, url in external)
                raise ScormError(f"the {role_id} package would load files from the internet, and an LMS package "
                                 f"must be self-contained:\n{listed}\nCopy those files into the docs folder and link "
                                 "them relatively (extra_css / extra_javascript), or remove them.")
            identifier, title = manifest_id(curriculum.title, role_id), None
            target = out_dir / FILE_NAME.format(role=role_id)
            if modules:
                module = curriculum.modules[modules[0]]
                identifier += "." + module.id.replace("/", ".")  # an NCName: ids have no '.' of their own
                title = f"{role.title}: {module.title}"
                target = out_dir / MODULE_FILE_NAME.format(role=role_id, module=module.id)
                target.parent.mkdir(parents=True, exist_ok=True)
            package.write_zip(target, site, package.manifest_xml(curriculum, role, files, identifier, title))
            made.append(target)
    return made


def manifest_id(title: str, role_id: str) -> str:
    words = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:60] or "curriculum"
    return f"mkdocs-curriculum.{words}.{role_id}"


def build_role_site(config_file: str | Path, role_id: str, site: Path, *, single: bool = False, strict: bool = False):
    """A real MkDocs build of the project in package mode for one role; returns that build's curriculum, and
    for each page the files its scripts may show (see files_needed)."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    config = _load_config(config_file, site, without_search=True)
    package_mode(config, role_id, single=single, strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with _quiet_info():
            build(config)
    except Abort as exc:
        if not strict:
            raise
        found = re.search(r"with (.+) in strict mode", str(exc))
        raise ScormError(f"--strict: the {role_id} package build gave {found.group(1) if found else 'warnings'}, "
                         "listed above; no package was written.") from None
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins[PLUGIN]
    return plugin.curriculum, plugin.package_uses


def _load_config(config_file: str | Path, site: Path | None, without_search: bool = False):
    """The project's config; for a package, loaded without the search plugin (a package has no search: the
    LMS is the way around it), so MkDocs never registers it, rather than taking it out afterwards."""
    from mkdocs.config import load_config

    overrides: dict = {"plugins": _plugins_without_search(config_file)} if without_search else {}
    with _quiet_info():
        config = load_config(str(config_file), site_dir=str(site) if site else None, strict=False, **overrides)
    if PLUGIN not in config.plugins:
        raise ScormError(f"{config_file} does not use the `curriculum` plugin: add it under `plugins:`.")
    return config


def package_mode(config, role_id: str, *, single: bool = False, strict: bool = False) -> None:
    """Turn a loaded MkDocs config into a package build for one role (see the module docstring for why)."""
    config.plugins[PLUGIN].scorm_role = role_id
    config.plugins[PLUGIN].scorm_site = PublicSite(config["site_url"] or None, config["use_directory_urls"], single)
    config["strict"] = strict
    config["use_directory_urls"] = False
    config["site_url"] = None  # no canonical link to the public site
    config["nav"] = None  # the plugin gives the role's path as the whole navigation
    config["repo_url"] = config["repo_name"] = config["edit_uri"] = None  # Material would fetch repository stats
    features = config.theme.get("features") or []
    # The LMS moves between modules: Material's previous/next footer would open one the LMS never launched.
    config.theme["features"] = [f for f in features
                                if not f.startswith("navigation.instant") and f != "navigation.footer"]
    config.theme["font"] = False  # fonts from Google would be a request leaving the package
    extra = config["extra"]
    for key in ("analytics", "consent"):
        extra.pop(key, None)
    extra["homepage"] = package.path_href(role_id)  # Material's logo link: the path page, not `/`


def outside_links(files, inside, site: PublicSite | None) -> links.Outside:
    """For the plugin, while the build still has every page of the public site: where each one is there."""
    from mkdocs.structure.files import File

    site = site or PublicSite(None)
    public = {}
    for file in files.documentation_pages():
        url = File(file.src_uri, None, "", site.directory_urls).url
        public[file.src_uri] = "" if url == "./" else url
    return links.Outside(public, frozenset(inside), site.url, site.single)


def _plugins_without_search(config_file: str | Path) -> list:
    """The `plugins` entries of mkdocs.yml (and what it INHERITs) as written, less search."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, "rb") as stream:
        plugins = (yaml_load(stream) or {}).get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    return [entry for entry in plugins
            if _plugin_name(entry) != "search" and not _plugin_name(entry).endswith("/search")]


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""


class _WarningsOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


@contextlib.contextmanager
def _quiet_info():
    """Keep warnings and errors of the package builds, but not their INFO chatter ("Building into /tmp/...")."""
    handlers = logging.getLogger("mkdocs").handlers
    drop = _WarningsOnly()
    for handler in handlers:
        handler.addFilter(drop)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(drop)


def site_packages(config_file: str | Path, site_dir: str | Path) -> list[Path]:
    """The plugin's `scorm: true`: every role's package into `<site>/downloads/`."""
    return export_packages(config_file, Path(site_dir) / "downloads")
