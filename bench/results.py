"""Sections of bench/RESULTS.md that a benchmark other than run.py owns: each replaces its own section and
leaves the rest of the file as it was (bench/run.py keeps them when it rewrites the file)."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def write_section(heading: str, text: str, results: Path = RESULTS) -> None:
    """Put `text` (which starts with `heading`) in place of the section that starts with `heading`."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if heading in old:
        before, rest = old.split(heading, 1)
        after = rest.split("\n## ", 1)
        old = before.rstrip("\n") + "\n\n" + text + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        old = old.rstrip("\n") + "\n\n" + text
    results.write_text(old, encoding="utf-8")
