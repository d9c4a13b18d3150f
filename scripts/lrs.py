"""Start a Learning Record Store (Ralph, on BriskDB) on this machine, in one command.

    python scripts/lrs.py --auth auth.json --port 8100 --cors http://127.0.0.1:8000
    python scripts/lrs.py --setup                       # only install (what .ci/run does)
    python scripts/lrs.py --auth auth.json --add-reader hr   # add the account `curriculum report` reads with
    python scripts/lrs.py --auth auth.json --forget ana@example.com   # delete a person's records and account

The first run installs Ralph (PyPI `ralph-malph`, an ADL-conformant xAPI LRS) and BriskDB (a small
MongoDB-protocol server that stores on disk with SQLite) into two virtualenvs under `.lrs/` (or
$CURRICULUM_LRS_CACHE): their pins clash with each other, so each has its own. Then it starts BriskDB on
loopback (it has no password: it never listens elsewhere), makes the two indexes Ralph needs to stay fast,
and starts Ralph with uvicorn: statements are at http://HOST:PORT/xAPI/statements, every account comes from
the auth file (`curriculum assign --lrs-auth` writes it), scopes and authority are enforced, and CORS allows
the site's origin (`--cors`, repeatable). Ralph reads the auth file once, so this script restarts Ralph
(not the store) whenever the file changes. Ctrl-C (or SIGTERM) stops both; the records stay in `--data`.

For production, run the same Ralph against MongoDB, Elasticsearch or ClickHouse (README, "For HR").
This script runs with any Python >= 3.10; `--add-reader` also needs `bcrypt` (a dependency of the project).
"""

from __future__ import annotations

import argparse
import getpass
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

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("CURRICULUM_LRS_CACHE") or ROOT / ".lrs")
# Each virtualenv: its folder under the cache, and what `pip install` gets (the pins of lrs-facts: pymongo 4.20
# is refused by BriskDB's handshake; Ralph's auth needs `requests`, which its extras do not pull in).
VENVS = {
    "ralph": ["ralph-malph[cli,lrs,backend-mongo]==5.1.0", "requests", "pymongo==4.17.0"],
    "briskdb": ["--only-binary=:all:", "briskdb[pymongo]==0.1.0b3"],
}
SETUP_COMMAND = "python scripts/lrs.py --setup"
DATABASE, COLLECTION = "curriculum", "statements"

# Runs inside the BriskDB virtualenv: open (or create) the store, listen on loopback, print the MongoDB
# address, wait for SIGTERM/SIGINT, then close cleanly. Shards can only be chosen when the folder is new.
BRISKDB_MAIN = """
import os, signal, sys
import briskdb
root, mongo = sys.argv[1], sys.argv[2]
stops = {signal.SIGTERM, signal.SIGINT}
signal.pthread_sigmask(signal.SIG_BLOCK, stops)
new = not os.path.isdir(root) or not os.listdir(root)
os.makedirs(root, exist_ok=True)
db = briskdb.open(root, documents=True, shards=2) if new else briskdb.open(root, documents=True)
server = db.serve(http="127.0.0.1:0", admin=None, mongo=mongo)
print(server.mongo_address, flush=True)
signal.sigwait(stops)
server.close()
db.close()
"""

# Runs inside the Ralph virtualenv, once per start (create_index does nothing when the index exists):
# without these a POST takes seconds once the store holds a few thousand statements.
INDEXES_MAIN = """
import sys
import pymongo
client = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=20000)
statements = client[sys.argv[2]][sys.argv[3]]
statements.create_index("_source.id", unique=True)
statements.create_index([("_source.timestamp", pymongo.DESCENDING), ("_id", pymongo.DESCENDING)])
"""


# Deletes a person's statements: those their account sent (authority) and those naming them as the actor
# (someone else may have written their address there). Prints {email: number deleted}.
FORGET_MAIN = """
import json, sys
import pymongo
client = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=20000)
statements = client[sys.argv[2]][sys.argv[3]]
deleted = {}
for email in sys.argv[4:]:
    boxes = sorted({"mailto:" + email, "mailto:" + email.lower()})
    query = {"$or": [{"_source.authority.mbox": {"$in": boxes}}, {"_source.actor.mbox": {"$in": boxes}}]}
    deleted[email] = statements.delete_many(query).deleted_count
print(json.dumps(deleted))
"""
RUNNING = "lrs-running.json"  # in the records folder while an LRS serves it: its pid and the store's address


class LrsError(Exception):
    """Something to tell in one line, then exit 1."""


# -- setup --------------------------------------------------------------------------------------


def python_of(name: str, cache: Path = CACHE) -> Path:
    return cache / name / "bin" / "python"


def _marker(name: str, cache: Path) -> Path:
    return cache / name / ".curriculum-installed"


def installed(cache: Path = CACHE) -> bool:
    """Both virtualenvs are complete, with the pins this script asks for."""
    return all(_marker(n, cache).is_file() and _marker(n, cache).read_text() == " ".join(VENVS[n]) for n in VENVS)


def setup(cache: Path = CACHE, quiet: bool = False) -> None:
    """Create whatever virtualenv is missing or incomplete (a marker file is written last)."""
    for name, requirements in VENVS.items():
        marker = _marker(name, cache)
        if marker.is_file() and marker.read_text() == " ".join(requirements):
            continue
        if not quiet:
            print(f"Installing {name} into {cache / name} (once) …", file=sys.stderr, flush=True)
        folder = cache / name
        folder.parent.mkdir(parents=True, exist_ok=True)
        _run([sys.executable, "-m", "venv", "--clear", str(folder)], f"cannot create the virtualenv {folder} "
             "(on Debian or Ubuntu: `apt-get install python3-venv`)")
        _run([str(python_of(name, cache)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              *requirements], f"cannot install {' '.join(requirements)} (is PyPI reachable?)")
        marker.write_text(" ".join(requirements))


def _run(command: list, failure: str) -> None:
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode:
        sys.stderr.write(result.stdout)
        raise LrsError(f"{failure}; the output is above.")


# -- the servers --------------------------------------------------------------------------------


class Servers:
    """BriskDB, then Ralph, as child processes (in this script's process group, so stopping it stops all)."""

    def __init__(self, args, cache: Path = CACHE):
        self.args, self.cache = args, cache
        self.store: subprocess.Popen | None = None
        self.ralph: subprocess.Popen | None = None
        self.mongo_uri = ""

    def start_store(self) -> None:
        data = Path(self.args.data).resolve()
        running = running_lrs(data)
        if running:
            raise LrsError(f"an LRS already serves {data} (process {running['pid']}): stop it first, or pass "
                           "another --data.")
        self.store = subprocess.Popen(
            [str(python_of("briskdb", self.cache)), "-c", BRISKDB_MAIN, str(data), f"127.0.0.1:{self.args.db_port}"],
            stdout=subprocess.PIPE, text=True)
        address = self.store.stdout.readline().strip()
        if not address:
            raise LrsError(f"the store (BriskDB) did not start on {data}: its error is above.")
        self.mongo_uri = f"mongodb://{address}/"
        _run([str(python_of("ralph", self.cache)), "-c", INDEXES_MAIN, self.mongo_uri, DATABASE, COLLECTION],
             "cannot create the store's indexes")

    def ralph_env(self) -> dict:
        env = dict(os.environ)
        env.update({
            "RALPH_RUNSERVER_BACKEND": "mongo",
            "RALPH_BACKENDS__LRS__MONGO__CONNECTION_URI": self.mongo_uri,
            "RALPH_BACKENDS__LRS__MONGO__DEFAULT_DATABASE": DATABASE,
            "RALPH_BACKENDS__LRS__MONGO__DEFAULT_COLLECTION": COLLECTION,
            "RALPH_AUTH_FILE": str(Path(self.args.auth).resolve()),
            "RALPH_LRS_RESTRICT_BY_SCOPES": "true",  # without it every user reads everyone and may post
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",  # the LRS sets `authority` from the credential
            # Ralph reads a JSON list: origins without a path, e.g. ["https://academy.example.com"].
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(self.args.cors),
        })
        return env

    def start_ralph(self) -> None:
        command = [str(python_of("ralph", self.cache)), "-m", "uvicorn", "ralph.api:app", "--host", self.args.host,
                   "--port", str(self.args.port), "--log-level", "info" if self.args.verbose else "warning"]
        if not self.args.verbose:
            command.append("--no-access-log")
        self.ralph = subprocess.Popen(command, env=self.ralph_env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.ralph.poll() is not None:
                raise LrsError(f"Ralph stopped while starting (exit {self.ralph.returncode}): its error is above.")
            if heartbeat(self.url):
                return
            time.sleep(0.2)
        raise LrsError(f"Ralph did not answer on {self.url} within 60 s.")

    @property
    def url(self) -> str:
        return f"http://{self.args.host}:{self.args.port}/"

    def stop(self) -> None:
        for process in (self.ralph, self.store):  # Ralph first: it writes to the store
            stop_process(process)


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # this machine: never through a proxy


def heartbeat(url: str) -> bool:
    """Ralph's load-balancer heartbeat (`/__heartbeat__` answers 500 on BriskDB)."""
    try:
        with _DIRECT.open(url + "__lbheartbeat__", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def stop_process(process: subprocess.Popen | None, timeout: float = 15) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _auth_stamp(path: Path):
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size, stat.st_ino
    except OSError:
        return None


def check_auth_file(path: Path) -> int:
    """The number of accounts, or an LrsError saying what is wrong with the file."""
    try:
        users = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LrsError(f"no auth file {path}: make it with `curriculum assign ROSTER.csv --lrs-auth {path} "
                       f"--people people.csv …` (and `--add-reader` for the report's account).") from None
    except (OSError, ValueError) as exc:
        raise LrsError(f"cannot read {path} as JSON: {exc}") from None
    if not isinstance(users, list) or not all(isinstance(u, dict) and "username" in u and "hash" in u for u in users):
        raise LrsError(f"{path} is not a Ralph auth file: it must be a JSON list of accounts.")
    return len(users)


def running_lrs(data: Path) -> dict | None:
    """The running file of an LRS that still runs on this records folder, or None."""
    try:
        running = json.loads((data / RUNNING).read_text())
        os.kill(int(running["pid"]), 0)
        return running
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_port_free(host: str, port: int) -> None:
    """Ralph's heartbeat must be its own: refuse a port something else already listens on."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: a just-stopped LRS's port is free
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise LrsError(f"cannot listen on {host}:{port} ({exc.strerror}): is an LRS already running there? "
                           "Stop it, or pass another --port.") from None


def serve(args) -> int:
    auth = Path(args.auth)
    accounts = check_auth_file(auth)
    check_port_free(args.host, args.port)
    setup()
    servers = Servers(args)
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    data = Path(args.data).resolve()
    try:
        servers.start_store()
        (data / RUNNING).write_text(json.dumps({"pid": os.getpid(), "mongo": servers.mongo_uri}))
        servers.start_ralph()
        stamp = _auth_stamp(auth)
        print(f"LRS ready: {servers.url}xAPI/ ({accounts} accounts from {auth}, "
              f"records in {Path(args.data).resolve()}, "
              f"CORS: {', '.join(args.cors) or 'none'}). Ctrl-C stops it.", flush=True)
        while not stopping:
            time.sleep(0.5)
            if servers.store.poll() is not None:
                raise LrsError(f"the store (BriskDB) stopped (exit {servers.store.returncode}); stopping Ralph.")
            if servers.ralph.poll() is not None:
                raise LrsError(f"Ralph stopped (exit {servers.ralph.returncode}); stopping the store.")
            if _auth_stamp(auth) != stamp:
                time.sleep(0.3)  # let the writer finish (assign replaces the file whole, but an editor may not)
                stamp = _auth_stamp(auth)
                try:
                    accounts = check_auth_file(auth)
                except LrsError as exc:
                    print(f"warning: {exc} Ralph keeps the accounts it has.", file=sys.stderr, flush=True)
                    continue
                stop_process(servers.ralph)
                servers.start_ralph()
                print(f"LRS restarted: {auth} changed ({accounts} accounts).", flush=True)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        servers.stop()
        if servers.mongo_uri:
            (data / RUNNING).unlink(missing_ok=True)
    return 0


# -- deleting a person's records ----------------------------------------------------------------


def forget(args) -> int:
    """Delete every statement of these people from the records (the LRS may be running or not), and their
    accounts from the auth file if --auth is given."""
    data = Path(args.data).resolve()
    if not (data / "manifest.sqlite").exists():
        raise LrsError(f"no records in {data}: pass --data with the folder the LRS keeps its records in.")
    setup()
    emails = [e.strip() for e in args.forget]
    running = running_lrs(data)
    servers = None
    if running:
        uri = running["mongo"]
    else:
        servers = Servers(args)
        servers.start_store()
        uri = servers.mongo_uri
    try:
        result = subprocess.run([str(python_of("ralph")), "-c", FORGET_MAIN, uri, DATABASE, COLLECTION, *emails],
                                stdout=subprocess.PIPE, text=True)
        if result.returncode:
            raise LrsError("cannot delete the statements: the error is above.")
        deleted = json.loads(result.stdout)
    finally:
        if servers:
            servers.stop()
    for email in emails:
        print(f"{email}: {deleted.get(email, 0)} statements deleted.", file=sys.stderr)
    if args.auth:
        sys.path.insert(0, str(ROOT / "plugins"))
        from mkdocs_curriculum.cli.errors import CliError
        from mkdocs_curriculum.cli.lrs_auth import read_auth_file, write_auth_file

        try:
            accounts = read_auth_file(Path(args.auth))
            gone = {e.lower() for e in emails}
            kept = [a for a in accounts if a["username"].lower() not in gone]
            write_auth_file(Path(args.auth), kept)
        except CliError as exc:
            raise LrsError(str(exc)) from None
        print(f"{args.auth}: {len(accounts) - len(kept)} account(s) removed"
              + (" (the running LRS restarts without them)." if running else "."), file=sys.stderr)
    return 0


# -- the report's account -----------------------------------------------------------------------


def add_reader(args) -> int:
    """Add (or replace) an account that may read every statement (scope `all/read`), for `curriculum report`."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from mkdocs_curriculum.cli.errors import CliError
    from mkdocs_curriculum.cli.lrs_auth import add_account

    password = os.environ.get("CURRICULUM_LRS_PASSWORD") or ""
    if not password:
        if not sys.stdin.isatty():
            raise LrsError("set CURRICULUM_LRS_PASSWORD to the new account's password (or run this on a terminal).")
        password = getpass.getpass(f"Password for {args.add_reader}: ")
        if password != getpass.getpass("Again: "):
            raise LrsError("the two passwords differ; nothing was changed.")
    if len(password) < 12:
        raise LrsError("use a password of at least 12 characters for an account that reads everyone's records.")
    try:
        add_account(Path(args.auth), args.add_reader, password, ["all/read"])
    except CliError as exc:
        raise LrsError(str(exc)) from None
    print(f"{args.auth}: {args.add_reader} may read every statement (all/read). A running LRS picks it up "
          f"within a second.", file=sys.stderr)
    return 0


# -- command line -------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--setup", action="store_true", help="only install Ralph and BriskDB (into .lrs/), then exit")
    parser.add_argument("--auth", metavar="auth.json",
                        help="the Ralph auth file (curriculum assign --lrs-auth writes it)")
    parser.add_argument("--add-reader", metavar="USER",
                        help="add an account that reads every statement (for `curriculum report`), then exit; "
                             "password from CURRICULUM_LRS_PASSWORD or asked")
    parser.add_argument("--forget", action="append", metavar="EMAIL",
                        help="delete every statement of this person from --data (and their account from --auth, if "
                             "given), then exit; repeatable")
    parser.add_argument("--host", default="127.0.0.1",
                        help="where Ralph listens (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8100, help="Ralph's port (default 8100)")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                        help="the site's origin, e.g. https://academy.example.com (no path; repeatable)")
    parser.add_argument("--data", default="lrs-data", metavar="DIR",
                        help="where the records are kept (default ./lrs-data)")
    parser.add_argument("--db-port", type=int, default=0,
                        help="BriskDB's MongoDB port on 127.0.0.1 (default: any free one)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if not args.setup and not args.auth and not args.forget:
        parser.error("--auth auth.json is required (or --setup)")
    for origin in args.cors:
        if not origin.startswith(("http://", "https://")) or "/" in origin.split("://", 1)[1]:
            parser.error(f"--cors takes an origin such as https://academy.example.com, without a path (got {origin!r})")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        if args.setup:
            setup()
            print(f"Ralph and BriskDB are installed in {CACHE}.", file=sys.stderr)
            return 0
        if args.add_reader:
            return add_reader(args)
        if args.forget:
            return forget(args)
        return serve(args)
    except LrsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
