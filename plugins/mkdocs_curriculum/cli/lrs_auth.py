"""The LRS's accounts: Ralph's auth file (`ralph auth` format), and each person's credential.

The auth file is a JSON list of accounts, as `ralph auth -w` writes it:

    [{"agent": {"mbox": "mailto:ana@example.com", "objectType": "Agent", "name": "Ana Lima"},
      "scopes": ["statements/write", "statements/read/mine"],
      "hash": "$2b$04$...", "username": "ana@example.com"}, ...]

A person's username is their email address in lower case; their secret is random and never stored here,
only its bcrypt hash. The secret itself lives in the person's link (people.csv), which is where
`curriculum assign` finds it again to keep it (see assign.py).
"""

from __future__ import annotations

import json
import secrets
from collections import Counter
from pathlib import Path

from .errors import CliError
from .project import write_output

LEARNER_SCOPES = ["statements/write", "statements/read/mine"]
SECRET_BYTES = 18  # 144 random bits, 24 URL-safe characters
# bcrypt's cost makes guessing a *chosen* password slow. A person's secret is 144 random bits: nobody can
# guess it at any cost, so the lowest cost bcrypt allows (4: 16 rounds, about 1 ms) protects it as well as
# 12 would, and lets 10,000 accounts be written in seconds instead of 40 minutes (cost 12 takes ~0.25 s
# each). Ralph checks every request's credential with bcrypt too, so a low cost also keeps the LRS fast.
# Accounts with a password a person chose (`--add-reader`) keep bcrypt's default cost, 12.
LEARNER_COST = 4
CHOSEN_PASSWORD_COST = 12


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str, cost: int = LEARNER_COST) -> str:
    import bcrypt

    return bcrypt.hashpw(secret.encode("utf-8"), bcrypt.gensalt(cost)).decode("ascii")


def secret_matches(secret: str, hashed: str) -> bool:
    import bcrypt

    try:
        return bcrypt.checkpw(secret.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:  # not a bcrypt hash
        return False


def learner_account(username: str, name: str, hashed: str) -> dict:
    return {"agent": {"mbox": f"mailto:{username}", "objectType": "Agent", "name": name},
            "scopes": list(LEARNER_SCOPES), "hash": hashed, "username": username}


def read_auth_file(path: Path) -> list:
    """The accounts in an existing auth file ([] if there is none), or a CliError naming the file."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}.") from None
    if not text.strip():
        return []
    try:
        accounts = json.loads(text)
    except ValueError as exc:
        raise CliError(f"{path} is not JSON ({exc}); it must be a Ralph auth file (a list of accounts).") from None
    if not isinstance(accounts, list) or not all(
            isinstance(a, dict) and isinstance(a.get("username"), str) and isinstance(a.get("hash"), str)
            for a in accounts):
        raise CliError(f"{path} is not a Ralph auth file: it must be a JSON list of accounts, each with a "
                       "`username` and a `hash`.")
    twice = sorted(name for name, n in Counter(a["username"] for a in accounts).items() if n > 1)
    if twice:
        raise CliError(f"{path} has the username{'' if len(twice) == 1 else 's'} {', '.join(twice)} twice; Ralph "
                       "refuses such a file. Keep one entry each.")
    return accounts


def auth_file_text(accounts: list) -> str:
    return json.dumps(accounts, indent=2, ensure_ascii=False) + "\n"


def write_auth_file(path: Path, accounts: list) -> None:
    write_output(auth_file_text(accounts), str(path), private=True)


def add_account(path: Path, username: str, password: str, scopes: list, name: str | None = None) -> None:
    """Add an account (or replace the one with that username) whose password a person chose.

    Its agent is an `account` (not an mbox), so it is never taken for one of the learners.
    """
    accounts = [a for a in read_auth_file(path) if a["username"] != username]
    agent = {"account": {"homePage": "urn:mkdocs-curriculum:lrs", "name": username}, "objectType": "Agent",
             "name": name or username}
    accounts.append({"agent": agent, "scopes": list(scopes), "hash": hash_secret(password, CHOSEN_PASSWORD_COST),
                     "username": username})
    write_auth_file(path, accounts)
