"""The linter and the type checker, configured in pyproject.toml, find nothing (as .ci/run checks first)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT, missing

pytestmark = pytest.mark.build


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)


def test_ruff_finds_nothing():
    if importlib.util.find_spec("ruff") is None:
        missing('ruff is not installed: run `pip install -e ".[test]"` (as .ci/run does)')
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout


def test_mypy_finds_nothing():
    if importlib.util.find_spec("mypy") is None:
        missing('mypy is not installed: run `pip install -e ".[test]"` (as .ci/run does)')
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout
