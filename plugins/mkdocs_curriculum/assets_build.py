"""The browser side as the site ships it: the source files of `assets/` combined and minified, each named by a
hash of its content, so a browser may cache it forever. Host-neutral (no MkDocs, no Zensical): every host
ships `site_assets()`.

- `curriculum.<hash>.min.js`: the files of `assets/js/`, in the order `JS_FILES` declares, inside one
  function (`"use strict"`), so they share one scope as the single script they were written as: `store.js`
  defines `load`, `quiz.js` uses it. Each kind with a browser `handler` (kinds/) has one file that registers
  `handlers.<handler>`; a file in `assets/js/` that `JS_FILES` does not list is an error, never a silent gap.
- `curriculum.<hash>.min.css`: `assets/curriculum.css`.
- `curriculum-xapi.<hash>.min.js`: `assets/curriculum-xapi.js`, a separate script, shipped only with
  `tracking: xapi:` (see xapi.py), after the first, whose events it listens to.

Built once per process for a given set of sources (the cache key is each source's size and modification
time, so `mkdocs serve` picks up an edited source). Minified with rjsmin and rcssmin (pure Python, no
dependencies of their own). `python -m mkdocs_curriculum.assets_build DIR` writes the built files to DIR, for
a Python-Markdown host that adds them to its pages itself.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).parent / "assets"
JS_DIR = ASSETS / "js"
URI = "assets/curriculum/"  # where every host puts them in the site
# The order the files are combined in: the state and helpers (with the handler registry) first, then one
# file per activity handler and per page kind, the SCORM adapter, and the entry point (it runs the page) last.
JS_FILES = ("store.js", "util.js", "quiz.js", "coaching.js", "module.js", "nav-state.js", "path.js", "home.js",
            "trainer.js", "lms.js", "main.js")
CSS_FILE = ASSETS / "curriculum.css"
XAPI_FILE = ASSETS / "curriculum-xapi.js"
HASH_LENGTH = 10
_HEAD = ("/* mkdocs-curriculum: quizzes, coaching notes, progress and certificate. No dependencies. Built from "
         "assets/js/ (assets_build.py). */\n")


class AssetError(RuntimeError):
    """The sources do not make a bundle (a file missing, or one not listed in JS_FILES)."""


@dataclass(frozen=True)
class Asset:
    name: str  # the file name in the site: curriculum.<hash>.min.js
    text: str  # what the site serves (minified)
    source: str  # before minifying (the combined sources)
    hash: str  # of `text`: the first HASH_LENGTH hex digits of its SHA-256

    @property
    def uri(self) -> str:
        return URI + self.name


def js_sources(directory: Path | None = None, order: tuple[str, ...] | None = None) -> list[Path]:
    """The files of the curriculum script, in order; every .js file of `directory` must be listed."""
    directory, order = directory or JS_DIR, order or JS_FILES
    present = {p.name for p in directory.glob("*.js")}
    missing = [name for name in order if name not in present]
    unlisted = sorted(present - set(order))
    problems = ([f"missing {', '.join(missing)}"] if missing else []) + \
        ([f"{', '.join(unlisted)} not listed in assets_build.JS_FILES"] if unlisted else [])
    if problems:
        raise AssetError(f"{directory}: {'; '.join(problems)}")
    return [directory / name for name in order]


def combine(paths: list[Path]) -> str:
    """The files as one script: each, under a comment naming it, inside one strict-mode function."""
    parts = [f"/* -- {p.name} -- */\n{p.read_text(encoding='utf-8').rstrip()}\n" for p in paths]
    return _HEAD + '(function () {\n"use strict";\n' + "".join(parts) + "})();\n"


def make(stem: str, suffix: str, source: str) -> Asset:
    text = (rjsmin.jsmin(source) if suffix == "js" else rcssmin.cssmin(source)).strip() + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return Asset(f"{stem}.{digest}.min.{suffix}", text, source, digest)


def _stamp(paths: list[Path]) -> tuple:
    """The cache key of some sources: each one's path, size and modification time."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


@functools.lru_cache(maxsize=8)
def _built(js: tuple, css: tuple, xapi: tuple) -> tuple[Asset, Asset, Asset]:
    return (make("curriculum", "js", combine([Path(s[0]) for s in js])),
            make("curriculum", "css", Path(css[0][0]).read_text(encoding="utf-8")),
            make("curriculum-xapi", "js", Path(xapi[0][0]).read_text(encoding="utf-8")))


def build() -> tuple[Asset, Asset, Asset]:
    """(script, stylesheet, xAPI script), built once for the sources as they are now."""
    return _built(_stamp(js_sources()), _stamp([CSS_FILE]), _stamp([XAPI_FILE]))


def curriculum_js() -> Asset:
    return build()[0]


def curriculum_css() -> Asset:
    return build()[1]


def xapi_js() -> Asset:
    return build()[2]


def site_assets(xapi: bool = False) -> list[Asset]:
    """What a host ships, in the order its pages load them: the stylesheet, the script, the xAPI script."""
    js, css, tracking = build()
    return [css, js] + ([tracking] if xapi else [])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python -m mkdocs_curriculum.assets_build DIR  (writes the built assets into DIR)")
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    for asset in site_assets(xapi=True):
        (out / asset.name).write_text(asset.text, encoding="utf-8")
        print(asset.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
