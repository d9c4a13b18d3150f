"""Benchmark: `curriculum assign --lrs-auth` for many people, and Ralph reading the auth file it writes.

    python bench/lrs_accounts.py               # 10,000 people; writes its section of bench/RESULTS.md
    python bench/lrs_accounts.py --people 500 --no-write

It assigns the sample curriculum (this repository's mkdocs.yml) to a generated roster three times, in this
process, timed: the first run (every account new: a random secret and a bcrypt hash each), a second run (every
account kept: each person's link in people.csv is checked against its hash) and `--rotate`. Then, if the LRS is
installed (`python scripts/lrs.py --setup`), it starts Ralph on that auth file and times the first
authenticated request (Ralph reads and validates the whole file then) and the next ones. Everything is made in
a temporary folder, deleted at the end. The section it writes in RESULTS.md starts at SECTION and runs to the
next `## ` heading; bench/run.py keeps it when it rewrites the file.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import io
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import results  # bench/results.py: this script runs from bench/, which Python puts on its path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## LRS accounts: `curriculum assign --lrs-auth`"
ROLES = ("Frontline staff", "Middle managers", "Internal service providers")


def roster(n: int) -> str:
    lines = ["name,email,role,team"]
    lines += [f"Person {i},person{i}@example.com,{ROLES[i % 3]},Team {i % 40}" for i in range(n)]
    return "\n".join(lines) + "\n"


def timed_assign(folder: Path, *extra) -> float:
    from mkdocs_curriculum.cli import main

    argv = ["-f", str(ROOT / "mkdocs.yml"), "assign", str(folder / "staff.csv"), "--start", "2026-01-05",
            "-o", str(folder / "plan.csv"), "--people", str(folder / "people.csv"), "--lrs-auth",
            str(folder / "auth.json"), *extra]
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(argv)
    took = time.perf_counter() - started
    if code:
        sys.exit(f"assign failed: {err.getvalue()}")
    return took


def ralph_first_requests(folder: Path) -> tuple | None:
    """(seconds to the first authenticated answer, median of the next 20), or None without the LRS."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import lrs as script

    if not script.installed():
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "lrs.py"), "--auth", str(folder / "auth.json"),
                                "--port", str(port), "--data", str(folder / "data")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        while not script.heartbeat(url):
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit("the LRS did not start")
            time.sleep(0.2)
        with open(folder / "people.csv", encoding="utf-8") as f:
            people = list(csv.DictReader(f))
        sys.path.insert(0, str(ROOT / "plugins"))
        from mkdocs_curriculum.xapi import read_fragment

        def get(row) -> float:
            username, secret = read_fragment(row["path_link"])
            token = base64.b64encode(f"{username}:{secret}".encode()).decode()
            request = urllib.request.Request(url + "xAPI/statements?limit=1", headers={
                "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
            started = time.perf_counter()
            with script._DIRECT.open(request, timeout=120) as response:
                assert response.status == 200
            return time.perf_counter() - started

        first = get(people[-1])
        rest = sorted(get(row) for row in people[:20])
        return first, rest[len(rest) // 2]
    finally:
        os.killpg(process.pid, 15)
        process.wait(30)


def section(n: int, new: float, kept: float, rotated: float, ralph: tuple | None, auth_bytes: int) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [SECTION, "",
             f"{n:,} people (sample curriculum, 3 roles), run in one process on {os.cpu_count()} cores ({cpu}), "
             f"Python {platform.python_version()}, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}. Target: under a "
             "minute for 10,000 people.", "",
             "| Run | Wall time | Per person |", "|---|---|---|",
             f"| First run: every account new (secret + bcrypt cost 4) | {new:.1f} s | {1000 * new / n:.2f} ms |",
             f"| Second run: every account kept (link checked against its hash) | {kept:.1f} s | {1000 * kept / n:.2f} ms |",
             f"| `--rotate`: every account replaced | {rotated:.1f} s | {1000 * rotated / n:.2f} ms |", "",
             f"The auth file: {auth_bytes / 1e6:.1f} MB. Each run also writes plan.csv and people.csv."]
    if ralph:
        lines += ["", f"Ralph 5.1 on that file (scripts/lrs.py): the first authenticated request after a start takes "
                      f"{ralph[0]:.1f} s (Ralph reads and validates every account then, once); later ones "
                      f"{1000 * ralph[1]:.0f} ms (median of 20, each a different person: one bcrypt check each)."]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    results.write_section(SECTION, text, RESULTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--no-ralph", action="store_true", help="skip the LRS part")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cq-lrs-bench-"))
    try:
        (folder / "staff.csv").write_text(roster(args.people), encoding="utf-8")
        new = timed_assign(folder)
        kept = timed_assign(folder)
        rotated = timed_assign(folder, "--rotate")
        ralph = None if args.no_ralph else ralph_first_requests(folder)
        text = section(args.people, new, kept, rotated, ralph, (folder / "auth.json").stat().st_size)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
