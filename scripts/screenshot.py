"""Regenerate the README's screenshots of the sample course, on a phone (390×844) and a laptop (1366×768).

Usage: python scripts/screenshot.py        (needs Chromium at /usr/bin/chromium, or CHROMIUM=/path/to/chrome)

Writes into screenshots/:
- path-page.png: a role's path page with some progress (laptop), the README's first picture;
- home-phone.png, home-laptop.png: the home page of a learner who has started a path (Continue first);
- path-phone.png, path-laptop.png: the path page's first screen with progress;
- certificate-laptop.png: the path page of a completed path, at its certificate.
"""

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
DAY = 1767225600000  # 2026-01-01: the same pictures on every run
REQUIRED = ["why-service-matters", "the-service-process", "reading-people", "solving-problems",
            "listening-when-nothing-is-wrong", "digital-distance"]


def state(done: list, seen: list, name: str = "") -> str:
    return json.dumps({"v": 1, "answers": {}, "done": dict.fromkeys(done, DAY), "seen": dict.fromkeys(seen, DAY),
                       "notes": {}, "name": name, "role": "frontline"})


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    site = Path(tempfile.mkdtemp()) / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    started = state(REQUIRED[:2], REQUIRED[:3])
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport)
            page.goto(base)
            page.evaluate("s => localStorage.setItem('mkdocs-curriculum/v1', s)", started)
            page.goto(base)
            page.locator("[data-cq-resume]:not([hidden])").wait_for()
            page.screenshot(path=str(OUT / f"home-{name}.png"))
            page.goto(base + "paths/frontline/")
            page.locator("[data-cq-progress]:not([hidden])").wait_for()
            page.screenshot(path=str(OUT / f"path-{name}.png"))
            if name == "laptop":
                page.set_viewport_size({"width": 1366, "height": 1000})
                page.screenshot(path=str(OUT / "path-page.png"))
                page.set_viewport_size(viewport)
                page.evaluate("s => localStorage.setItem('mkdocs-curriculum/v1', s)",
                              state(REQUIRED, REQUIRED, "Ana Lima"))
                page.goto(base + "paths/frontline/")
                cert = page.locator(".cq-certificate-wrap")
                cert.scroll_into_view_if_needed()
                cert.screenshot(path=str(OUT / "certificate-laptop.png"))
            page.close()
        browser.close()
    server.shutdown()
    print("\n".join(str(f.relative_to(ROOT)) for f in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
