"""Projects the browser tests build besides the sample: one set up exactly as the README tells a new user to,
and a plain Material site with the sample's theme settings and no curriculum plugin."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def readme_config() -> str:
    """The mkdocs.yml of the README's "Using the plugin in your own project", as printed there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using the plugin in your own project", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match, "no mkdocs.yml example under the README's 'Using the plugin in your own project'"
    return match.group(1)


def own_project(dest: Path, *, palette: str | None = None, home: bool = True) -> Path:
    """The README's example mkdocs.yml, word for word, with the sample's curriculum.yml and content/: no
    custom_dir, no extra CSS. `palette="slate"` adds only `palette: {scheme: slate}` to its theme (the example
    has no dark palette); `home=False` leaves out the sample's index.md, so the plugin writes the home page."""
    dest.mkdir(parents=True)
    config = readme_config()
    if palette:
        data = yaml.safe_load(config)
        data["theme"]["palette"] = {"scheme": palette, "primary": "indigo"}
        config = yaml.safe_dump(data, sort_keys=False)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "curriculum.yml", dest / "curriculum.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    if not home:
        (dest / "content" / "index.md").unlink()
    return dest


def plain_material(dest: Path) -> Path:
    """One Markdown page under the sample's own theme settings (and search), without the curriculum plugin."""
    sample = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {"site_name": "Plain", "site_url": sample.get("site_url"), "theme": sample["theme"],
              "plugins": ["search"]}
    (dest / "docs").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (dest / "docs" / "index.md").write_text(
        "# A plain page\n\nA sentence with [a link](https://example.org/) in it.\n\n## A section\n\n"
        "- one item\n- another item\n\n### A subsection\n\n| A | table |\n| - | ----- |\n| 1 | 2     |\n",
        encoding="utf-8")
    return dest
