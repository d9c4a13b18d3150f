"""Regenerate the README screenshot: a path page with some progress. Usage: python scripts/screenshot.py"""

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
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    site = Path(tempfile.mkdtemp()) / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    state = {"v": 1, "answers": {}, "done": {"why-service-matters": 1, "the-service-process": 1},
             "seen": {"why-service-matters": 1, "the-service-process": 1, "reading-people": 1}, "notes": {}, "name": ""}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base)
        page.evaluate("s => localStorage.setItem('mkdocs-curriculum/v1', s)", json.dumps(state))
        page.goto(base + "paths/frontline/")
        page.screenshot(path=str(ROOT / "screenshots" / "path-page.png"))
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
