"""Real PostgreSQL and Redis servers for integration tests.

Both are context managers with a ``url`` attribute:

    with Postgres() as pg, Redis() as rd:
        ... pg.url ... rd.url ...

PostgreSQL: when MEETGATE_TEST_PG_URL is set (a superuser URL of a server the
CI script started) a fresh, uniquely named database is created on it and
dropped on close. Otherwise a private cluster is initdb'ed in a temporary
folder and run on a free port (as the ``postgres`` user when we are root,
since PostgreSQL refuses to run as root).

Redis: always a private ``redis-server`` on a free port, without persistence.

Every wait has a deadline; a server that does not come up raises
``RuntimeError`` with its log.
"""

import ctypes
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

PG_BIN = os.environ.get("MEETGATE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin")

_handed_out_ports = set()


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now.

    The kernel picks it; ports already handed out by this process are
    skipped so two servers of one test never get the same one.
    """
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out_ports:
            _handed_out_ports.add(port)
            return port
    raise RuntimeError("no free TCP port found")


def die_with_parent():
    """preexec_fn: the child gets SIGKILL when the test process dies.

    ctest kills a test that runs past its timeout with SIGKILL; without this
    the daemon and servers it started would be orphaned and keep ports.
    """
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _as_user(name):
    """preexec_fn that drops root to `name`, then arms die_with_parent.

    The parent-death signal is cleared by a change of credentials, so it is
    set after setuid.
    """
    entry = pwd.getpwnam(name)

    def switch():
        os.setgroups([])
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
        die_with_parent()

    return switch


def _wait_until(ready, deadline_s, what, log_fn):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} not ready after {deadline_s}s\n--- log ---\n{log_fn()}")


def _read(path):
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


class Postgres:
    """A PostgreSQL database for one test (see the module doc)."""

    def __init__(self, deadline_s=60):
        self.deadline_s = deadline_s
        self.url = None
        self.port = None
        self.dbname = None
        self._dir = None
        self._proc = None
        self._admin_url = None  # superuser URL used to create/drop the database

    # -- context manager --------------------------------------------------
    def __enter__(self):
        if self.url is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    # -- public -----------------------------------------------------------
    def start(self):
        shared = os.environ.get("MEETGATE_TEST_PG_URL")
        if shared:
            self._admin_url = shared
        else:
            self._start_private_cluster()
        self.dbname = f"mg_test_{os.getpid()}_{secrets.token_hex(4)}"
        self.psql(f'CREATE DATABASE "{self.dbname}"')
        self.url = _with_dbname(self._admin_url, self.dbname)
        return self

    def psql(self, sql, url=None):
        """Run SQL through psql; returns stdout. Raises on error."""
        out = subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url or self._admin_url,
             "-c", sql],
            capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed ({sql}): {out.stderr.strip()}")
        return out.stdout

    def close(self):
        if self.dbname and self._admin_url:
            try:
                self.psql(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')
            except (RuntimeError, subprocess.TimeoutExpired):
                pass  # a private cluster is removed below anyway
            self.dbname = None
        if self._proc is not None:
            # SIGQUIT = immediate shutdown: nothing to keep.
            self._proc.send_signal(signal.SIGQUIT)
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        self.url = None

    def log(self):
        return _read(os.path.join(self._dir, "postgres.log")) if self._dir else ""

    # -- private cluster --------------------------------------------------
    def _start_private_cluster(self):
        self._dir = tempfile.mkdtemp(prefix="meetgate-pg-")
        data = os.path.join(self._dir, "data")
        as_root = os.geteuid() == 0
        if as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(self._dir, entry.pw_uid, entry.pw_gid)
        initdb = [os.path.join(PG_BIN, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--locale=C"]
        if as_root:
            initdb = ["runuser", "-u", "postgres", "--"] + initdb
        out = subprocess.run(initdb, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"initdb failed: {out.stdout}\n{out.stderr}")
        self.port = free_port()
        log = open(os.path.join(self._dir, "postgres.log"), "w")
        # Tests need speed, not durability.
        cmd = [os.path.join(PG_BIN, "postgres"), "-D", data, "-p", str(self.port),
               "-k", self._dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
               "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
               "-c", "max_connections=200"]
        self._proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=_as_user("postgres") if as_root else die_with_parent)
        log.close()
        self._admin_url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

        def ready():
            if self._proc.poll() is not None:
                raise RuntimeError(f"postgres exited with {self._proc.returncode}\n{self.log()}")
            return subprocess.run(
                [os.path.join(PG_BIN, "pg_isready"), "-q", "-h", "127.0.0.1", "-p",
                 str(self.port), "-d", "postgres", "-U", "postgres"],
                timeout=10).returncode == 0

        _wait_until(ready, self.deadline_s, "postgres", self.log)


def _with_dbname(url, dbname):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + dbname))


class Redis:
    """A private redis-server on a free port, without persistence."""

    def __init__(self, deadline_s=30):
        self.deadline_s = deadline_s
        self.url = None
        self.port = None
        self._dir = None
        self._proc = None

    def __enter__(self):
        if self.url is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        self._dir = tempfile.mkdtemp(prefix="meetgate-redis-")
        self.port = free_port()
        log = open(os.path.join(self._dir, "redis.log"), "w")
        self._proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self._dir],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent)
        log.close()
        _wait_until(self._ready, self.deadline_s, "redis", self.log)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        return self

    def command(self, *words):
        """Send one command (inline protocol); returns the first reply line."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall((" ".join(words) + "\r\n").encode())
            return s.recv(65536).decode(errors="replace").split("\r\n")[0]

    def _ready(self):
        if self._proc.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self._proc.returncode}\n{self.log()}")
        try:
            return self.command("PING") == "+PONG"
        except OSError:
            return False

    def close(self):
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        self.url = None

    def log(self):
        return _read(os.path.join(self._dir, "redis.log")) if self._dir else ""
