"""Benchmark: how long `mkdocs serve --dirty` takes to show a saved module, against a full build.

    python bench/preview.py            # N = 300 modules, 3 runs each; writes its section of bench/RESULTS.md
    python bench/preview.py --n 60 --runs 1 --no-write

A trainer previews with `mkdocs serve --dirty` (or `curriculum serve`): after a save, MkDocs rebuilds only
the pages whose source changed. The plugin ties each role's copy of a module to that module's file, so a
save rebuilds the module's pages (its trainer view and one copy per role path that holds it) plus the few
generated pages (home, paths, catalogue), not the 3N pages of a full build. `mkdocs build --dirty` runs the
very same code as each rebuild of `mkdocs serve --dirty`; it is what is timed here (CPU time of the build
process, as bench/run.py measures). A saved curriculum.yml or mkdocs.yml rebuilds everything.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import generate
import results
import run
import yaml

SECTION = "## Preview after one save: `mkdocs serve --dirty`"


def _median(values: list) -> float:
    return statistics.median(values)


def measure(n: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="cq-preview-") as tmp:
        project = generate.generate(Path(tmp) / "project", n, "plugin")
        site, log = Path(tmp) / "site", Path(tmp) / "build.log"
        full, save, curriculum = [], [], []
        module = sorted((project / "content" / "modules").glob("*.md"))[n // 2]
        for i in range(runs):
            full.append(run.measure(run.build_cmd(site), project, log)["cpu"])
            with open(module, "a", encoding="utf-8") as out:
                out.write(f"\nA sentence added in save {i}.\n")
            save.append(run.measure([*run.build_cmd(site), "--dirty"], project, log)["cpu"])
            assert f"A sentence added in save {i}." in (site / "paths").joinpath(*_copy_of(project, module)).read_text()
            (project / "curriculum.yml").touch()
            curriculum.append(run.measure([*run.build_cmd(site), "--dirty"], project, log)["cpu"])
        return {"n": n, "runs": runs, "full": _median(full), "save": _median(save), "curriculum": _median(curriculum)}


def _copy_of(project: Path, module: Path) -> tuple:
    """The output file of one role's copy of `module` (the first role whose path holds it)."""
    data = yaml.safe_load((project / "curriculum.yml").read_text(encoding="utf-8"))
    for rid, role in data["roles"].items():
        if module.stem in [s if isinstance(s, str) else s["module"] for s in role["path"]]:
            return rid, module.stem, "index.html"
    raise AssertionError(f"{module.stem} is in no path")


def text(m: dict) -> str:
    ratio = m["save"] / m["full"]
    return "\n".join([
        SECTION, "",
        f"N = {m['n']} modules ({3 * m['n'] + 7} pages), CPU seconds of the build process, median of {m['runs']}.",
        "",
        "| Build | CPU s | Share of a full build |",
        "| --- | ---: | ---: |",
        f"| full build | {m['full']:.2f} | 100% |",
        f"| after saving one module (`--dirty`) | {m['save']:.2f} | {100 * ratio:.0f}% |",
        f"| after saving curriculum.yml (`--dirty`: everything) | {m['curriculum']:.2f} | "
        f"{100 * m['curriculum'] / m['full']:.0f}% |",
        "",
        f"Target: a saved module shows in at most a third of a full build: **{'met' if ratio <= 1 / 3 else 'missed'}** "
        f"({ratio:.2f}).", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    out = text(measure(args.n, args.runs))
    print(out)
    if not args.no_write:
        results.write_section(SECTION, out)


if __name__ == "__main__":
    main()
