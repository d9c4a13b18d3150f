"""What xAPI tracking (`tracking: xapi:`) adds to a page: the tracking script, gzipped, against its 3 KB budget,
and the settings each page carries. Writes its section of bench/RESULTS.md (see results.py).

    python bench/xapi_size.py            # measure and write the section
    python bench/xapi_size.py --print    # measure only

The script is measured as served (minified by assets_build into `curriculum-xapi.<hash>.min.js`; its source,
assets/curriculum-xapi.js, is listed too), at gzip's level 9 and at level 6 (what most web servers use). The
settings element is measured on a page of the sample course built with tracking on (the same bytes on every
page; Material's instant navigation keeps <body>, so only the first page of a visit downloads them with the
document).
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import yaml

from mkdocs_curriculum import assets_build

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from results import write_section  # noqa: E402

BUDGET = 3 * 1024
HEADING = "## xAPI tracking script:"


def gz(data: bytes, level: int = 9) -> int:
    return len(gzip.compress(data, level))


def settings_element() -> tuple[int, int]:
    """(raw, gzipped) bytes of the cq-xapi-data element on a page of the sample course built with tracking."""
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "p"
        project.mkdir()
        for name in ("mkdocs.yml", "curriculum.yml"):
            shutil.copy(ROOT / name, project / name)
        shutil.copytree(ROOT / "content", project / "content")
        config = yaml.safe_load((project / "mkdocs.yml").read_text())
        config.setdefault("site_url", "https://academy.example.com/")
        plugins = config.get("plugins") or []
        config["plugins"] = [p if not (p == "curriculum" or (isinstance(p, dict) and "curriculum" in p)) else
                             {"curriculum": {**((p.get("curriculum") or {}) if isinstance(p, dict) else {}),
                                             "tracking": {"xapi": "https://lrs.example.com/xAPI/"}}}
                             for p in plugins]
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(temp) / "site")], cwd=project,
                       check=True, capture_output=True)
        page = next((Path(temp) / "site" / "paths").glob("*/index.html")).read_text(encoding="utf-8")
        element = re.search(r'<div hidden id="cq-xapi-data"[^>]*></div>', page).group(0).encode()
        return len(element), gz(element)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print the section, do not write RESULTS.md")
    args = parser.parse_args()
    asset = assets_build.xapi_js()
    data, source = asset.text.encode(), asset.source.encode()
    g9, g6 = gz(data, 9), gz(data, 6)
    raw, element = settings_element()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        f"{HEADING} what `tracking: xapi:` adds to a page", "",
        (f"Measured {when} by `python bench/xapi_size.py`. Target: the tracking code adds at most 3 KB (3,072 bytes) "
         "gzipped to the page's JS. Without `tracking:` it adds nothing (the script is not in the site)."), "",
        "| What | Raw | Gzipped | Target | Verdict |", "|---|---|---|---|---|",
        (f"| `{asset.name}` (as served: minified), gzip -9 | {len(data):,} B | {g9:,} B | ≤ {BUDGET:,} B | "
         f"{'MET' if g9 <= BUDGET else 'NOT MET'} |"),
        (f"| the same, gzip -6 (a web server's default) | {len(data):,} B | {g6:,} B | ≤ {BUDGET:,} B | "
         f"{'MET' if g6 <= BUDGET else 'NOT MET'} |"),
        f"| its source, assets/curriculum-xapi.js (not served), gzip -9 | {len(source):,} B | {gz(source):,} B | | |",
        (f"| settings element `cq-xapi-data` in each page (sample course, 3 roles) | {raw:,} B | {element:,} B alone | "
         "| (HTML, not JS) |"), "",
        ("It never delays a page: it is loaded after curriculum.js at the end of the body, its only synchronous work "
         "is reading its localStorage key (and, once, the `#lrs=` fragment), and every request goes out with "
         "`fetch` in the background. tests/browser/test_xapi_browser.py checks the 3 KB budget too."), ""])
    print(text)
    if not args.print:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
