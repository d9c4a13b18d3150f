"""SCORM 1.2 export: each role's learning path as `<role>-scorm12.zip`, one SCO per module, for any LMS.

The pages come from a real `mkdocs build` of the project in package mode, never from scraping the public
site, so a package shows exactly what the site shows that role: the plugin gets `scorm_role`, and builds
only that role's path page and module pages, `.html` URLs (pages work from a zip, an LMS or a disk), no
search (its index would hold the other roles' text), no instant navigation (each SCO is a page of its own),
no fonts, analytics or repository stats (no request may leave the package). `scorm_package` then zips the
role's pages and the files they need with an imsmanifest.xml. The browser side (LMS API, status, score,
suspend data) is the SCORM section of assets/curriculum.js.
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from pathlib import Path

from ..load import load_or_raise
from . import scorm_package as package

PLUGIN = "curriculum"
FILE_NAME = "{role}-scorm12.zip"


class ScormError(Exception):
    """The export cannot be made (unknown role, a page that would load something from the internet...)."""


def export_packages(config_file: str | Path, out_dir: str | Path, roles: list | None = None) -> list[Path]:
    """Write one package per role (default: every role) into out_dir; return the zip paths in role order."""
    known = role_ids(config_file)
    wanted = list(dict.fromkeys(roles or known))
    unknown = [r for r in wanted if r not in known]
    if unknown:
        raise ScormError(f"unknown role(s) {', '.join(map(repr, unknown))}. Known roles: {', '.join(known)}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [export_role(config_file, role, out) for role in wanted]


def role_ids(config_file: str | Path) -> list:
    """The curriculum's role ids, in file order (read the same way the build reads them)."""
    config = _load_config(config_file, None)
    plugin = config.plugins[PLUGIN]
    root = Path(config.config_file_path).resolve().parent
    return list(load_or_raise(root / plugin.config.curriculum, Path(config.docs_dir), root).roles)


def export_role(config_file: str | Path, role_id: str, out_dir: Path) -> Path:
    """Build the role's pages into a temporary folder, check them, zip them with their manifest."""
    with tempfile.TemporaryDirectory(prefix="curriculum-scorm-") as temp:
        site = Path(temp) / "site"
        curriculum = build_role_site(config_file, role_id, site)
        role = curriculum.roles[role_id]
        files, external = package.layout(site, curriculum, role)
        if external:
            listed = "\n".join(f"  {page}: {url}" for page, url in external)
            raise ScormError(f"the {role_id} package would load files from the internet, and an LMS package must "
                             f"be self-contained:\n{listed}\nCopy those files into the docs folder and link them "
                             "relatively (extra_css / extra_javascript), or remove them.")
        manifest = package.manifest_xml(curriculum, role, files, manifest_id(curriculum.title, role_id))
        target = out_dir / FILE_NAME.format(role=role_id)
        package.write_zip(target, site, manifest)
        return target


def manifest_id(title: str, role_id: str) -> str:
    words = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:60] or "curriculum"
    return f"mkdocs-curriculum.{words}.{role_id}"


def build_role_site(config_file: str | Path, role_id: str, site: Path):
    """A real MkDocs build of the project in package mode for one role; returns that build's curriculum."""
    from mkdocs.commands.build import build

    config = _load_config(config_file, site)
    package_mode(config, role_id)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with _quiet_info():
            build(config)
    finally:
        config.plugins.on_shutdown()
    return config.plugins[PLUGIN].curriculum


def _load_config(config_file: str | Path, site: Path | None):
    from mkdocs.config import load_config

    with _quiet_info():
        config = load_config(str(config_file), site_dir=str(site) if site else None, strict=False)
    if PLUGIN not in config.plugins:
        raise ScormError(f"{config_file} does not use the `curriculum` plugin: add it under `plugins:`.")
    return config


def package_mode(config, role_id: str) -> None:
    """Turn a loaded MkDocs config into a package build for one role (see the module docstring for why)."""
    config.plugins[PLUGIN].scorm_role = role_id
    for name in [n for n in config.plugins if n == "search" or n.endswith("/search")]:
        _drop_plugin(config.plugins, name)
    config["use_directory_urls"] = False
    config["site_url"] = None  # no canonical link to the public site
    config["nav"] = None  # the plugin gives the role's path as the whole navigation
    config["repo_url"] = config["repo_name"] = config["edit_uri"] = None  # Material would fetch repository stats
    features = config.theme.get("features") or []
    # The LMS moves between modules: Material's previous/next footer would open one the LMS never launched.
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant") and f != "navigation.footer"]
    config.theme["font"] = False  # fonts from Google would be a request leaving the package
    extra = config["extra"]
    for key in ("analytics", "consent"):
        extra.pop(key, None)
    extra["homepage"] = package.path_href(role_id)  # Material's logo link: the path page, not `/`


def _drop_plugin(plugins, name: str) -> None:
    """Remove a plugin and the event handlers MkDocs registered for it when the config was loaded."""
    plugin = plugins.pop(name)
    for handlers in plugins.events.values():
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]


@contextlib.contextmanager
def _quiet_info():
    """Keep warnings and errors of the package builds, but not their INFO chatter ("Building into /tmp/...")."""
    handlers = logging.getLogger("mkdocs").handlers
    drop = logging.Filter()
    drop.filter = lambda record: record.levelno >= logging.WARNING
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
