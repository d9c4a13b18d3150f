"""Benchmark: what does mkdocs-curriculum cost over plain MkDocs + Material, and how does it scale?

    python bench/run.py                # full run: --sizes 100,500,2000 --compare-size 1000 --runs 3
    python bench/run.py --quick        # smoke run (small sizes, 1 run, no profile), prints only

Every build is a subprocess (`python -m mkdocs build -q -d <tmp>`, NO_MKDOCS_2_WARNING=1) in a project
generated under /tmp by bench/generate.py. Runs alternate between the variants (round-robin, with the
order rotated every round) and the median of each is reported; a ratio between two variants is the median
of the per-round ratios, which a drift of the machine's speed cannot bias. Time is CPU time (user + sys) of the
build process, read with os.wait4 together with its peak RSS; wall time is shown too. CPU time is what
the verdicts use, because wall time on a shared machine mostly measures the neighbours.
See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import importlib.util
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

TARGETS = {
    "overhead": 1.0,  # plugin build / pruned plain Material build, at --compare-size
    "blocks_time": 0.05,  # blocks vs the same build with blocks as plain Markdown
    "blocks_memory": 0.20,
    "scaling_time": 1.2,  # time per page at the largest size / at the smallest
    "check": 0.10,  # curriculum check / build, at the largest size
    # 12 KB when the pages had quizzes, notes and progress only. The learner's journey (home cards and Continue,
    # the path page's lead, the certificate, printable notes, sidebar states, the search redirect) and LMS
    # records sent as they happen added more than minifying (rjsmin, rcssmin) took back: 13.1 KB. The budget
    # is now 14 KB, a quarter of what Material itself ships to every page (34 KB JS + 22 KB CSS, gzipped).
    "assets_gz": 14 * 1024,
}


# -- measuring one subprocess -------------------------------------------------------------------------


def measure(cmd: list, cwd: Path, log: Path) -> dict:
    """Run cmd; return wall and CPU seconds and the peak RSS (KB) of that one child."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"command failed ({proc.returncode}) in {cwd}: {' '.join(map(str, cmd))}\n{tail}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss}


def build_cmd(site: Path) -> list:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]


def cli_available() -> bool:
    return importlib.util.find_spec("mkdocs_curriculum.cli") is not None


CHECK_CLI = "import sys; from mkdocs_curriculum.cli import main; sys.argv = ['curriculum', 'check']; sys.exit(main())"
CHECK_LOADER = ("import sys; from pathlib import Path; from mkdocs_curriculum.load import load_curriculum; "
                "c, p = load_curriculum(Path('curriculum.yml').resolve(), Path('content').resolve(), Path('.').resolve()); "
                "sys.exit(1 if p.errors else 0)")


def check_cmd() -> tuple[list, str]:
    """`curriculum check` once the CLI exists; until then the loader it would run."""
    if cli_available():
        return [sys.executable, "-c", CHECK_CLI], "`curriculum check` (mkdocs_curriculum.cli)"
    return [sys.executable, "-c", CHECK_LOADER], "load_curriculum() via `python -c` (the CLI did not exist yet)"


# -- the run --------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="cq-bench-", dir="/tmp"))
        self.projects: dict = {}
        self.samples: dict = {}  # (variant, n) -> list of measurements
        self.weights: dict = {}
        self.check_label = ""

    def project(self, variant: str, n: int) -> Path:
        key = (variant, n)
        if key not in self.projects:
            self.projects[key] = generate.generate(self.tmp / f"{variant}-{n}", n, variant)
        return self.projects[key]

    def groups(self) -> list:
        """Builds grouped by size; the members of a group run back to back, in a rotating order."""
        a = self.args
        out = []
        for n in sorted(set(a.sizes) | {a.compare_size, a.blocks_size, a.check_size}):
            group = [("plugin", n)]
            group += [("baseline", n)] if n == a.compare_size else []
            group += [("plain", n)] if n == a.blocks_size else []
            group += [("check", n)] if n == a.check_size else []
            out.append(group)
        return out

    def runs_for(self, variant: str, n: int) -> int:
        a = self.args
        if (a.largest_runs and variant != "check" and n == max(a.sizes)
                and n not in (a.compare_size, a.blocks_size)):
            return a.largest_runs
        return a.runs

    def run_once(self, variant: str, n: int) -> dict:
        if variant == "check":
            project = self.project("plugin", n)
            cmd, self.check_label = check_cmd()
            result = measure(cmd, project, self.tmp / "check.log")
        else:
            project = self.project(variant, n)
            site = self.tmp / f"site-{variant}-{n}"
            shutil.rmtree(site, ignore_errors=True)
            result = measure(build_cmd(site), project, self.tmp / f"{variant}-{n}.log")
            if n == self.args.compare_size and variant in ("plugin", "baseline"):
                self.weights[variant] = page_weight(site, n)
            result["pages"] = sum(1 for _ in site.rglob("index.html"))
            shutil.rmtree(site, ignore_errors=True)
        self.samples.setdefault((variant, n), []).append(result)
        return result

    def run(self) -> None:
        groups = self.groups()
        for group in groups:  # generate every project up front
            for variant, n in group:
                self.project("plugin" if variant == "check" else variant, n)
        rounds = max(self.runs_for(v, n) for group in groups for v, n in group)
        for r in range(rounds):
            for group in groups:
                k = r % len(group)
                for variant, n in group[k:] + group[:k]:  # rotate which variant goes first
                    if r >= self.runs_for(variant, n):
                        continue
                    res = self.run_once(variant, n)
                    print(f"  round {r + 1}/{rounds}  {variant:<8} N={n:<5} cpu {res['cpu']:7.1f} s  "
                          f"wall {res['wall']:7.1f} s  peak {res['rss'] / 1024:6.0f} MB", flush=True)

    def median(self, variant, n, key):
        return statistics.median(s[key] for s in self.samples[(variant, n)])

    def paired(self, variant, other, n, key):
        """The median of the per-round ratios variant/other: the two builds of a round run back to back, so a
        drift in the machine's speed over the run (seen here: 10% between rounds) cancels out of each ratio,
        where a ratio of the two medians would carry it."""
        pairs = zip(self.samples[(variant, n)], self.samples[(other, n)], strict=True)
        return statistics.median(a[key] / b[key] for a, b in pairs)

    def cleanup(self):
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


# -- page weight --------------------------------------------------------------------------------


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def sample_page(n: int) -> tuple[str, str]:
    """A role module page in the middle of a path: (role, module id)."""
    i = n // 2
    return generate.roles_of(i)[0], generate.mid(i)


def page_weight(site: Path, n: int) -> dict:
    role, module = sample_page(n)
    html = (site / "paths" / role / module / "index.html").read_bytes()
    return {"page": f"/paths/{role}/{module}/", "raw": len(html), "gz": gz(html),
            "nav_items": html.count(b'class="md-nav__item'), "trainer_raw": len((site / "modules" / module / "index.html").read_bytes())}


def asset_weight() -> dict:
    """The plugin's JS and CSS as every page loads them: combined and minified by assets_build (the xAPI script,
    only with `tracking: xapi:`, is bench/xapi_size.py's), with the size of their sources before minifying."""
    from mkdocs_curriculum import assets_build

    out = {}
    for asset in assets_build.site_assets():
        data, source = asset.text.encode(), asset.source.encode()
        out[asset.name] = {"raw": len(data), "gz": gz(data) if data else 0,
                           "source_raw": len(source), "source_gz": gz(source)}
    return out


# -- profile ------------------------------------------------------------------------------------


CATEGORIES = (
    ("mkdocs_curriculum (the plugin)", lambda p: "mkdocs_curriculum" in p),
    ("Jinja templates (Material's .html, compiled)", lambda p: p.endswith(".html")),
    ("Jinja engine", lambda p: "/jinja2/" in p or "/markupsafe/" in p),
    ("Markdown + pymdownx", lambda p: "/markdown/" in p or "/pymdownx/" in p),
    ("search plugins", lambda p: "/search/" in p),
    ("MkDocs core", lambda p: "/mkdocs/" in p),
    ("Material (Python)", lambda p: "/material/" in p),
    ("YAML", lambda p: "/yaml/" in p or "/ruamel/" in p),
)


def categorise(path: str | None) -> str | None:
    if not path:
        return None
    for name, test in CATEGORIES:
        if test(path):
            return name
    return None  # stdlib and the rest: charged to the nearest categorised caller


TREE_SHOW = r".*(mkdocs_curriculum|templates/|mkdocs/commands/build|mkdocs/structure/pages|markdown/core).*"


def profile(bench: Bench, n: int, variant: str = "plugin") -> dict:
    project = bench.project(variant, n)
    site = bench.tmp / f"site-profile-{variant}-{n}"
    session_file = bench.tmp / f"profile-{variant}-{n}.pyisession"
    cmd = [sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session_file),
           "-m", "mkdocs", "build", "-q", "-d", str(site)]
    measure(cmd, project, bench.tmp / "profile.log")
    text = subprocess.run(
        [sys.executable, "-m", "pyinstrument", "--load", str(session_file), "-r", "text", "--no-color", "--unicode",
         "-p", "processor_options.filter_threshold=0.015", "--show-regex", TREE_SHOW],
        capture_output=True, text=True, check=True).stdout
    if bench.args.save_profile:
        shutil.copy(session_file, BENCH / f"profile-{variant}-N{n}.pyisession")
    from pyinstrument.session import Session

    root = Session.load(session_file).root_frame()
    shares: dict = {}
    hooks: dict = {}
    templates: dict = {}

    def walk(frame, inherited, in_template):
        if frame.is_synthetic:
            return
        cat = categorise(frame.file_path) or inherited or "other (stdlib, interpreter start-up)"
        shares[cat] = shares.get(cat, 0.0) + frame.total_self_time
        path = frame.file_path or ""
        if "mkdocs_curriculum" in path and frame.function.startswith("on_"):
            hooks[frame.function] = hooks.get(frame.function, 0.0) + frame.time
        if path.endswith(".html") and path not in in_template:
            name = path.split("/templates/")[-1]
            templates[name] = templates.get(name, 0.0) + frame.time
            in_template = in_template | {path}
        for child in frame.children:
            walk(child, cat if categorise(frame.file_path) else inherited, in_template)

    sys.setrecursionlimit(20000)
    walk(root, None, frozenset())
    shutil.rmtree(site, ignore_errors=True)
    return {"n": n, "total": root.time, "text": text, "shares": shares, "hooks": hooks, "templates": templates,
            "markdown": _inclusive(root, "markdown/core.py", "convert")}


def _inclusive(frame, path_end: str, function: str) -> float:
    """Inclusive time of the outermost frames of one function."""
    if frame.is_synthetic:
        return 0.0
    if (frame.file_path or "").endswith(path_end) and frame.function.endswith(function):
        return frame.time
    return sum(_inclusive(child, path_end, function) for child in frame.children)


# -- report -------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "?"

    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": platform.platform(),
            "python": platform.python_version(), "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
            "markdown": version("markdown"), "pymdownx": version("pymdown-extensions"), "commit": commit or "?"}


def verdict(ok: bool) -> str:
    return "MET" if ok else "**NOT MET**"


def kb(value: float) -> str:
    return f"{value / 1024:.1f} KB"


def report(bench: Bench, info: dict, prof: dict | None, started: str, loads: tuple, elapsed: float) -> str:
    a, T = bench.args, TARGETS
    C, B, big, small = a.compare_size, a.blocks_size, max(a.sizes), min(a.sizes)
    med = bench.median
    lines = ["# mkdocs-curriculum benchmark results", ""]
    lines += [f"- Date: {started} (wall time of the whole run: {elapsed / 60:.1f} min)",
              f"- Command: `{' '.join(['python bench/run.py', *sys.argv[1:]])}`",
              f"- Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; {info['os']}",
              f"- Load average (1 min) at start / end: {loads[0]:.2f} / {loads[1]:.2f} on {info['cores']} cores",
              f"- Python {info['python']}, MkDocs {info['mkdocs']}, Material {info['material']}, Markdown {info['markdown']}, "
              f"pymdown-extensions {info['pymdownx']}; plugin at commit {info['commit']} plus the working tree",
              f"- Runs: median of {a.runs} per build (N={big}: {bench.runs_for('plugin', big)}), variants of one size "
              "alternating in rotating order; time = CPU seconds (user + sys) of the build process, wall shown for reference; "
              "the ratios of targets 1 and 2 are the median of the per-round ratios (each round's two builds ran back to back)",
              f"- Sizes: scaling N={', '.join(map(str, a.sizes))}; plugin vs baseline at N={C}; blocks cost at N={B}; "
              f"check at N={a.check_size}. N modules give 3N + 7 output pages (2N of them role pages)"]
    if max(loads) > 0.5 * (info["cores"] or 1):
        lines += ["", f"> **Shared, loaded machine.** Other jobs were running during this run (load average up to "
                  f"{max(loads):.1f} on {info['cores']} cores), so wall times are inflated and noisy. The verdicts use "
                  "CPU time, which such load disturbs far less (caches and frequency still move it a few %)."]
    # targets
    ov = bench.paired("plugin", "baseline", C, "cpu")
    bt = bench.paired("plugin", "plain", B, "cpu") - 1
    bm = bench.paired("plugin", "plain", B, "rss") - 1
    pages = {n: bench.samples[("plugin", n)][0]["pages"] for n in set(a.sizes) | {C, B}}
    per_page = {n: med("plugin", n, "cpu") / pages[n] for n in a.sizes}
    sc = per_page[big] / per_page[small]
    sizes = sorted(pages)  # every size with plugin builds
    slopes = [(med("plugin", y, "rss") - med("plugin", x, "rss")) / (pages[y] - pages[x]) for x, y in itertools.pairwise(sizes)]
    mem_ok = all(s2 <= slopes[0] * 1.25 for s2 in slopes[1:]) if slopes else True
    pc, pb = bench.samples[("plugin", C)][0]["pages"], bench.samples[("baseline", C)][0]["pages"]
    pages_c = f"same {pc} output pages" if pc == pb else f"{pc} vs {pb} output pages: NOT the same count"
    peaks = "; ".join(f"{med('plugin', n, 'rss') / 1024:.0f} MB @ N={n}" for n in sizes)
    ck = med("check", a.check_size, "cpu") / med("plugin", a.check_size, "cpu") if ("plugin", a.check_size) in bench.samples else float("nan")
    assets = asset_weight()
    assets_gz = sum(v["gz"] for v in assets.values())
    lines += ["", "## Targets", "",
              "| # | What | Result | Target | Verdict |", "|---|---|---|---|---|",
              f"| 1 | Build time, plugin / pruned plain Material, N={C} ({pages_c}) | {ov:.2f}x | ≤ {T['overhead']:.1f}x | {verdict(ov <= T['overhead'])} |",
              f"| 2a | Blocks cost: time, plugin build with vs without quiz/coaching/for blocks (N={B}) | {bt:+.1%} | ≤ +{T['blocks_time']:.0%} | {verdict(bt <= T['blocks_time'])} |",
              f"| 2b | Blocks cost: peak memory (N={B}) | {bm:+.1%} | ≤ +{T['blocks_memory']:.0%} | {verdict(bm <= T['blocks_memory'])} |",
              f"| 3a | Scaling: CPU time per output page, N={big} / N={small} | {sc:.2f}x ({per_page[big] * 1000:.1f} vs {per_page[small] * 1000:.1f} ms) | ≤ {T['scaling_time']:.1f}x | {verdict(sc <= T['scaling_time'])} |",
              f"| 3b | Scaling: peak memory grows no faster than linearly (marginal KB per page: {', '.join(f'{s:.0f}' for s in slopes)}) | "
              f"{peaks} | each marginal ≤ 1.25x the first | {verdict(mem_ok)} |",
              f"| 4 | `curriculum check` / build at N={a.check_size} | {ck:.1%} ({med('check', a.check_size, 'cpu'):.1f} s vs {med('plugin', a.check_size, 'cpu'):.1f} s) | < {T['check']:.0%} | {verdict(ck < T['check'])} |",
              f"| 5 | Plugin JS + CSS, gzipped | {kb(assets_gz)} | < {kb(T['assets_gz'])} | {verdict(assets_gz < T['assets_gz'])} |"]
    if any(v["raw"] == 0 for v in assets.values()):
        lines += ["", "> Note: at least one asset file was empty when this ran (they were being written at the time), "
                  "so target 5 measures what existed then, not the finished assets."]
    lines += ["", f"Check command measured: {bench.check_label}."]
    # builds
    lines += ["", "## Builds (medians)", "",
              "| Variant | N | Output pages | CPU s | Wall s | CPU ms / page | Peak RSS MB | CPU s of each run |",
              "|---|---|---|---|---|---|---|---|"]
    names = {"plugin": "plugin", "plain": "plugin, blocks as plain Markdown", "baseline": "plain Material, sectioned nav + prune",
             "check": "curriculum check"}
    for (variant, n), runs in sorted(bench.samples.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        p = runs[0].get("pages", "")
        each = ", ".join(f"{r['cpu']:.1f}" for r in runs)
        per = f"{med(variant, n, 'cpu') / p * 1000:.1f}" if p else ""
        lines.append(f"| {names[variant]} | {n} | {p} | {med(variant, n, 'cpu'):.1f} | {med(variant, n, 'wall'):.1f} | {per} | "
                     f"{med(variant, n, 'rss') / 1024:.0f} | {each} |")
    if len(sizes) > 1:
        marg = [(med("plugin", y, "cpu") - med("plugin", x, "cpu")) / (pages[y] - pages[x]) * 1000 for x, y in itertools.pairwise(sizes)]
        lines += ["", "Marginal CPU ms per extra page (plugin): "
                  + ", ".join(f"N={x}→{y}: {m:.1f}" for (x, y), m in zip(itertools.pairwise(sizes), marg, strict=True))
                  + ". Flat means linear; rising means each page costs more as the site grows."]
    # weight
    w = bench.weights
    lines += ["", "## Page weight", "", "| Asset / page | Raw | Gzipped |", "|---|---|---|"]
    for name, v in assets.items():
        lines.append(f"| {name} (as served: combined, minified) | {kb(v['raw'])} | {kb(v['gz'])} |")
        lines.append(f"| its sources, unminified | {kb(v['source_raw'])} | {kb(v['source_gz'])} |")
    lines.append(f"| JS + CSS together | {kb(sum(v['raw'] for v in assets.values()))} | {kb(assets_gz)} |")
    if "plugin" in w and "baseline" in w:
        lines += [f"| Role module page {w['plugin']['page']} (plugin, N={C}) | {kb(w['plugin']['raw'])} | {kb(w['plugin']['gz'])} |",
                  f"| Same page, pruned plain Material baseline | {kb(w['baseline']['raw'])} | {kb(w['baseline']['gz'])} |",
                  f"| Difference | {w['plugin']['raw'] / w['baseline']['raw'] - 1:+.0%} | {w['plugin']['gz'] / w['baseline']['gz'] - 1:+.0%} |",
                  "", f"Navigation entries (`md-nav__item`) in that page: plugin {w['plugin']['nav_items']}, "
                  f"baseline {w['baseline']['nav_items']}. Trainer's page /modules/…/: plugin {kb(w['plugin']['trainer_raw'])}, "
                  f"baseline {kb(w['baseline']['trainer_raw'])} raw."]
    if prof:
        p, b = prof["plugin"], prof.get("baseline")
        cols = " | Plugin s | Plugin share |" + (" Baseline s | Baseline share |" if b else "")
        rule = "|---|---|---|" + ("---|---|" if b else "")

        def row(name, ps, bs=None):
            cells = f"| {name} | {ps:.1f} | {ps / p['total']:.1%} |"
            return cells + (f" {bs:.1f} | {bs / b['total']:.1%} |" if b else "")

        lines += ["", f"## Profile: builds at N={p['n']} under pyinstrument", "",
                  "`pyinstrument -m mkdocs build` on the plugin build" + (" and on the pruned baseline" if b else "")
                  + f" at N={p['n']} (one run each; sampling slows a build 2–3x). Self time is grouped by "
                  "the code it ran in; stdlib time (re, html.parser, …) is charged to the library that called it.",
                  "", "| Where (self time)" + cols, rule]
        for name in sorted(p["shares"], key=lambda k: -p["shares"][k]):
            if p["shares"][name] or (b and b["shares"].get(name)):
                lines.append(row(name, p["shares"][name], b["shares"].get(name, 0.0) if b else None))
        lines.append(row("**total sampled**", p["total"], b["total"] if b else None))
        lines += ["", "| Inclusive time of" + cols, rule,
                  row("`Markdown.convert` (page bodies)", p["markdown"], b["markdown"] if b else None)]
        tops = sorted(p["templates"], key=lambda k: -p["templates"][k])[:5]
        for name in tops:
            lines.append(row(f"template `{name}`", p["templates"][name], b["templates"].get(name, 0.0) if b else None))
        for name in sorted(p["hooks"], key=lambda k: -p["hooks"][k]):
            if p["hooks"][name] >= 0.005 * p["total"]:
                lines.append(row(f"plugin hook `{name}`", p["hooks"][name], 0.0 if b else None))
        top = p["text"].splitlines()
        start = next((i for i, line in enumerate(top) if line.strip().startswith("Program")), 0)
        end = next((i for i, line in enumerate(top) if line.strip().startswith("To view this report")), len(top))
        lines += ["", "Top of the plugin build's call tree (frames ≥ 1.5 % of the run; library frames folded "
                  "except MkDocs' build loop, Material's templates, Markdown and the plugin):", "", "```text"]
        lines += [line.rstrip() for line in top[start:min(end, start + a.profile_lines)]]
        lines += ["```"]
    return "\n".join(lines) + "\n"


# Sections other benchmarks write into RESULTS.md (bench/lrs_accounts.py, bench/preview.py, bench/xapi_size.py): kept when this one rewrites the file.
KEPT_SECTIONS = ("## LRS accounts:", "## Preview after one save:", "## xAPI tracking script:")


def _kept_sections(output: Path) -> str:
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    kept = [part for part in old.split("\n## ")[1:] if ("## " + part).startswith(KEPT_SECTIONS)]
    return "".join("\n## " + part.rstrip("\n") + "\n" for part in kept)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,500,2000", help="module counts for the scaling runs (default 100,500,2000)")
    parser.add_argument("--compare-size", type=int, default=1000,
                        help="N for the plugin vs baseline and blocks comparisons (default 1000)")
    parser.add_argument("--blocks-size", type=int, default=500,
                        help="N for the blocks cost comparison (default 500, where the navigation dilutes it least)")
    parser.add_argument("--check-size", type=int, help="N for `curriculum check` vs build (default: largest size)")
    parser.add_argument("--runs", type=int, default=3, help="runs per build, median reported (default 3)")
    parser.add_argument("--largest-runs", type=int, default=0,
                        help="runs at the largest size only (default: --runs); 1 saves minutes")
    parser.add_argument("--profile-size", type=int, default=500, help="N for the pyinstrument profile; 0: none (default 500)")
    parser.add_argument("--no-profile-baseline", dest="profile_baseline", action="store_false",
                        help="profile only the plugin build, not also the baseline")
    parser.add_argument("--profile-lines", type=int, default=60, help="lines of the call tree to keep (default 60)")
    parser.add_argument("--save-profile", action="store_true", help="also keep bench/profile-N<size>.pyisession")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 20,60, 1 run, no profile, no RESULTS.md")
    parser.add_argument("--output", type=Path, help="where to write the table (default bench/RESULTS.md; --quick: nowhere)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects under /tmp")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.compare_size, args.blocks_size, args.runs, args.profile_size = "20,60", 60, 20, 1, 0
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    args.check_size = args.check_size or max(args.sizes)
    if args.check_size not in args.sizes and args.check_size != args.compare_size:
        args.sizes = sorted(set(args.sizes) | {args.check_size})
    output = args.output or (None if args.quick else BENCH / "RESULTS.md")
    if args.profile_size and importlib.util.find_spec("pyinstrument") is None:  # say so now, not after the builds
        parser.error("the profile needs pyinstrument: `pip install -e \".[bench]\"` (or pass --profile-size 0)")

    started = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    t0, load0 = time.perf_counter(), os.getloadavg()[0]
    bench = Bench(args)
    print(f"projects in {bench.tmp}", flush=True)
    try:
        bench.run()
        prof = None
        if args.profile_size:
            prof = {}
            for variant in ("plugin", "baseline") if args.profile_baseline else ("plugin",):
                print(f"  profiling the {variant} build at N={args.profile_size} …", flush=True)
                prof[variant] = profile(bench, args.profile_size, variant)
        text = report(bench, machine(), prof, started, (load0, os.getloadavg()[0]), time.perf_counter() - t0)
    finally:
        bench.cleanup()
    print()
    print(text)
    if output:
        output.write_text(text + _kept_sections(output), encoding="utf-8")
        print(f"written to {output}")


if __name__ == "__main__":
    main()
