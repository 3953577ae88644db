"""The commands of `python -m copportal.devdb`: run (make run), exec (make test), start.

Each holds the embedded server (postgres.py) while it runs.
"""

import os
import signal
import socket
import subprocess
import sys
import time

from .postgres import ROOT, DevDbError, say, server, socket_dir

WEB_PORTS = range(8000, 8020)


# --- The commands ----------------------------------------------------------------------------


def _free_port() -> int:
    for port in WEB_PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise DevDbError(f"Ports {WEB_PORTS.start}-{WEB_PORTS.stop - 1} are all taken.")


def _wait_for_port(port: int, processes: list[subprocess.Popen], timeout: float = 60) -> None:
    """Until the server answers on `port` (or a process ended, or `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and all(p.poll() is None for p in processes):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)


def _terminate(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def run() -> int:
    """make run: migrate, load the seeds, serve, and run celery beat's schedule beside."""
    with server():
        for step in (manage("migrate", "--no-input"), manage("load_seeds")):
            if subprocess.run(step, cwd=ROOT, check=False).returncode != 0:
                return 1
        port = _free_port()
        env = dict(os.environ)
        if not env.get("SITE_URL"):  # the mails' links point where it serves
            env["SITE_URL"] = f"http://127.0.0.1:{port}"
        serve = manage("runserver", f"127.0.0.1:{port}")
        processes = [subprocess.Popen(serve, cwd=ROOT, env=env)]
        try:
            _wait_for_port(port, processes)
            # Beat's schedule (every task once now, then when due): `manage.py run_sweeps`.
            processes.append(subprocess.Popen(manage("run_sweeps"), cwd=ROOT, env=env))
            say(
                f"\nServing the portal on http://127.0.0.1:{port}/ (celery beat's schedule "
                "runs beside it: reminders every five minutes).\nCtrl-C stops it, and the "
                "development database with it.\n"
            )
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            _terminate(processes)
    return 0


def run_command(command: list[str]) -> int:
    """Run `command` (make test) with the server running."""
    if not command:
        raise DevDbError("usage: python -m copportal.devdb exec -- COMMAND...")
    with server():
        process = subprocess.Popen(command, cwd=ROOT)
        try:
            return process.wait()
        except KeyboardInterrupt:
            _terminate([process])
            return 130


def _exit_on_signal(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    # Closing the terminal or a kill: stop cleanly, as on Ctrl-C.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        if argv[:1] == ["run"]:
            return run()
        if argv[:1] == ["exec"]:
            rest = argv[1:]
            return run_command(rest[1:] if rest[:1] == ["--"] else rest)
        if argv[:1] == ["start"]:  # for a shell or a debugger: python -m copportal.devdb start
            with server():
                say(f"Running; DATABASE socket {socket_dir()}. Ctrl-C stops it.")
                while True:
                    time.sleep(3600)
        raise DevDbError("usage: python -m copportal.devdb run | exec -- COMMAND... | start")
    except DevDbError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except KeyboardInterrupt:
        return 130
