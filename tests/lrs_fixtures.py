"""A real LRS for the tests: Ralph on BriskDB, started by scripts/lrs.py on free loopback ports.

    from lrs_fixtures import lrs_server  # noqa: F401  (a pytest fixture)

    def test_something(lrs_server, tmp_path):
        lrs = lrs_server(auth_file, cors=["http://127.0.0.1:8000"])   # started, heartbeat answered
        lrs.post(username, secret, statement)          # -> (HTTP status, parsed body or None)
        lrs.stop(); lrs.start()                        # same port, same records (the learner's LRS goes down)

Each LRS runs in its own process group (the script, BriskDB and uvicorn), stopped with SIGTERM (SIGKILL if it
hangs) when the test ends. Without the virtualenvs the test is skipped, naming the one command that installs
them; under CI (CURRICULUM_REQUIRE_BROWSER=1) it fails instead. Extra environment variables go to Ralph
(`lrs_server(auth, env={"RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "5"})`).
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, missing

SCRIPT = ROOT / "scripts" / "lrs.py"
ORIGIN = "http://127.0.0.1:8000"


def lrs_script():
    """scripts/lrs.py as a module (its pins, its install check and its one install command)."""
    spec = importlib.util.spec_from_file_location("curriculum_lrs_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


def basic(username: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{secret}".encode()).decode("ascii")


class Lrs:
    def __init__(self, auth: Path, data: Path, log: Path, cors: list, env: dict):
        self.auth, self.data, self.log, self.cors, self.env = auth, data, log, cors, env
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def xapi(self) -> str:
        """The xAPI endpoint, as `tracking: xapi:` and `curriculum report --lrs` take it."""
        return self.url + "xAPI/"

    def start(self, timeout: float = 90) -> Lrs:
        command = [sys.executable, str(SCRIPT), "--auth", str(self.auth), "--port", str(self.port),
                   "--data", str(self.data)] + [arg for origin in self.cors for arg in ("--cors", origin)]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                            env={**os.environ, **self.env})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the LRS stopped while starting:\n{self.log.read_text()}", pytrace=False)
            if self.heartbeat() and "LRS ready" in self.log.read_text():
                return self
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"the LRS did not answer within {timeout} s:\n{self.log.read_text()}", pytrace=False)

    def heartbeat(self) -> bool:
        try:
            with DIRECT.open(self.url + "__lbheartbeat__", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        """SIGTERM to the whole process group (the script, BriskDB, Ralph), SIGKILL if it is still there."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with contextlib.suppress(ProcessLookupError):  # anything left in the group (a child that outlived the script)
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None

    def request(self, method: str, path: str, username: str, secret: str, body=None, headers: dict | None = None):
        """(status, parsed JSON body or None) of a request to the xAPI endpoint."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        sent = {"X-Experience-API-Version": "1.0.3", "Authorization": basic(username, secret),
                "Content-Type": "application/json", **(headers or {})}
        request = urllib.request.Request(self.xapi + path, data=data, method=method, headers=sent)
        try:
            with DIRECT.open(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode("utf-8", "replace")

    def post(self, username: str, secret: str, statement: dict):
        return self.request("POST", "statements", username, secret, statement)

    def statements(self, username: str, secret: str) -> list:
        """Every statement the account may read (following `more`)."""
        found, path = [], "statements"
        while path:
            status, body = self.request("GET", path, username, secret)
            assert status == 200, (status, body)
            found += body["statements"]
            path = body.get("more", "").split("/xAPI/", 1)[-1] if body.get("more") else ""
        return found

    def wait_for_account(self, username: str, secret: str, status: int = 200, timeout: float = 60) -> None:
        """After the auth file changed: wait until the script has restarted Ralph and it answers this account's
        GET with `status` (200: it knows the account; 401: it no longer does)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.heartbeat() and self.request("GET", "statements?limit=1", username, secret)[0] == status:
                return
            time.sleep(0.3)
        pytest.fail(f"the LRS did not answer {status} to {username} within {timeout} s:\n{self.log.read_text()}",
                    pytrace=False)


@pytest.fixture
def lrs_server(tmp_path_factory):
    """lrs_server(auth_file, cors=[ORIGIN], env={}) -> a started Lrs; every one is stopped at the end."""
    script = lrs_script()
    if not script.installed():
        missing(f"Ralph and BriskDB are not installed for the LRS tests: run `{script.SETUP_COMMAND}`")
    started = []

    def start(auth: Path, cors: list | None = None, env: dict | None = None) -> Lrs:
        folder = tmp_path_factory.mktemp("lrs")
        lrs = Lrs(Path(auth), folder / "data", folder / "lrs.log", [ORIGIN] if cors is None else cors, env or {})
        started.append(lrs)
        return lrs.start()

    yield start
    for lrs in started:
        lrs.stop()


READER, READER_PASSWORD = "hr", "hr-reads-everything-42"
# The fixture curriculum with due dates on the required modules, so that a person can be overdue.
CURRICULUM = """\
title: Fixture Academy
pass_mark: 80
modules: modules
roles:
  frontline:
    title: Frontline staff
    path:
      - module: basics
        due_days: 7
      - module: process
        due_days: 14
      - module: extras
        optional: true
        due_days: 30
  managers:
    title: Middle managers
    path:
      - module: basics
        due_days: 7
      - module: process
        due_days: 14
"""
