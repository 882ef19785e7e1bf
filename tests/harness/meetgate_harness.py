"""The meetgate integration-test harness.

Runs the real daemon from the build tree on free ports with a temporary
config and data folder, and real PostgreSQL / Redis servers when asked.

    from meetgate_harness import Gateway, Postgres, Redis, free_port, http_json, check

    gw = Gateway(extra_env={...}, conf={"meetgate.plugin.auth.jcfg": "general: {...};"})
    gw.start()                       # waits for GET /health (deadline), raises with the log
    status, body, headers = http_json("GET", gw.http_url + "/health")
    check(status == 200, "health answers 200")
    ws = ws_connect(gw, "/ws/echotest")   # a synchronous WebSocket client
    ws.send_json({"type": "ping"}); msg = ws.recv_json(timeout=5)
    code = gw.stop()                 # SIGTERM by default; returns the exit code
    check.finish()                   # exits non-zero if any check failed

Environment read here:
  MEETGATE_BUILD_DIR   build tree (bin/meetgate, lib/meetgate/{plugins,transports})
  MEETGATE_SOURCE_DIR  source tree (conf/ is copied from it)
  MEETGATE_TEST_DATABASE=postgres  every Gateway gets its own PostgreSQL database
  MEETGATE_TEST_REDIS=1            every Gateway gets its own redis-server
  MEETGATE_TEST_PG_URL             superuser URL of a shared server (see Postgres)
  MEETGATE_TEST_START_TIMEOUT      seconds to wait for /health (default 60)
"""

import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from meetgate_services import Postgres, Redis, die_with_parent, free_port  # noqa: F401 (re-export)
from meetgate_ws import WsClient, ws_connect, ws_connect_async, ws_recv_json  # noqa: F401

__all__ = [
    "BUILD_DIR", "SOURCE_DIR", "Gateway", "Postgres", "Redis", "WsClient", "check",
    "die_with_parent", "free_port", "http_json", "http_raw", "wait_for", "ws_connect",
    "ws_connect_async", "ws_recv_json",
]

_HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("MEETGATE_SOURCE_DIR", os.path.normpath(os.path.join(_HERE, "..", "..")))
BUILD_DIR = os.environ.get("MEETGATE_BUILD_DIR", os.path.join(SOURCE_DIR, "build", "debug"))

# Gateways (and their servers) still running when the script ends are stopped
# here, so a failing test does not leave daemons behind.
_live = []


@atexit.register
def _stop_leftovers():
    for gw in list(_live):
        try:
            gw.stop(signal.SIGKILL)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


# ---------------------------------------------------------------------------
# HTTP helpers (urllib; never raise on 4xx/5xx)
# ---------------------------------------------------------------------------
def http_raw(method, url, body=None, headers=None, timeout=15):
    """Send a request; returns (status, body bytes, headers).

    `body` may be bytes, str or a JSON-able object (sent as JSON). `headers`
    is an http.client.HTTPMessage (case-insensitive .get()).
    """
    hdrs = dict(headers or {})
    data = None
    if body is not None:
        if isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers


def http_json(method, url, body=None, headers=None, timeout=15):
    """Like http_raw, but the body is parsed JSON (None if not JSON)."""
    status, raw, hdrs = http_raw(method, url, body, headers, timeout)
    try:
        parsed = json.loads(raw.decode()) if raw else None
    except (ValueError, UnicodeDecodeError):
        parsed = None
    return status, parsed, hdrs


# ---------------------------------------------------------------------------
# check(): one line per check, a failure counter, finish()
# ---------------------------------------------------------------------------
class _Check:
    def __init__(self):
        self.failures = 0
        self.passed = 0

    def __call__(self, condition, what, detail=None):
        if condition:
            self.passed += 1
            print(f"ok   - {what}", flush=True)
        else:
            self.failures += 1
            extra = f"\n       {detail}" if detail is not None else ""
            print(f"FAIL - {what}{extra}", flush=True)
        return bool(condition)

    def finish(self):
        """Print the summary and exit: 0 if every check passed, 1 otherwise."""
        _stop_leftovers()
        total = self.passed + self.failures
        print(f"{self.passed}/{total} checks passed", flush=True)
        sys.exit(1 if self.failures or total == 0 else 0)


check = _Check()


def wait_for(predicate, timeout=10, interval=0.05, what="condition"):
    """Poll `predicate` until it returns a truthy value; returns it. Raises
    TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


# ---------------------------------------------------------------------------
# Gateway: one daemon
# ---------------------------------------------------------------------------
def _env_flag(name):
    return os.environ.get(name, "").lower() in ("1", "true", "yes", "on")


class Gateway:
    """One meetgate daemon with a private config dir, data dir and ports.

    extra_env: MEETGATE_* (or any) variables added to/overriding the defaults;
               a value of None removes the variable.
    conf:      {"file.jcfg": "text"} replaces/creates files in the temp config
               dir (copied from $MEETGATE_SOURCE_DIR/conf); None deletes a file.
    args:      extra command-line arguments.
    postgres:  None = per MEETGATE_TEST_DATABASE; True/False; or a running
               Postgres() to share between gateways (not closed by us).
    redis:     likewise, per MEETGATE_TEST_REDIS.
    """

    def __init__(self, extra_env=None, conf=None, args=None, postgres=None, redis=None,
                 wait_for_ws=True, start_timeout=None):
        self.http_port = free_port()
        self.ws_port = free_port()
        # The ai plugin binds a ZeroMQ endpoint; a free port per gateway keeps
        # parallel tests apart (a test may still pass its own).
        self.infer_endpoint = "tcp://127.0.0.1:%d" % free_port()
        self.http_url = f"http://127.0.0.1:{self.http_port}"
        self.ws_url = f"ws://127.0.0.1:{self.ws_port}"
        self.args = list(args or [])
        self.wait_for_ws = wait_for_ws
        self.start_timeout = start_timeout or float(
            os.environ.get("MEETGATE_TEST_START_TIMEOUT", "60"))
        self.binary = os.path.join(BUILD_DIR, "bin", "meetgate")
        self.plugins_dir = os.path.join(BUILD_DIR, "lib", "meetgate", "plugins")
        self.transports_dir = os.path.join(BUILD_DIR, "lib", "meetgate", "transports")
        self.jwt_secret = "".join(
            secrets.choice(string.ascii_letters + string.digits) for _ in range(48))
        self._tmp = tempfile.mkdtemp(prefix="meetgate-gw-")
        self.conf_dir = os.path.join(self._tmp, "conf")
        self.data_dir = os.path.join(self._tmp, "data")
        self.log_path = os.path.join(self._tmp, "meetgate.log")
        os.makedirs(self.data_dir)
        self._copy_conf(conf or {})
        self._extra_env = dict(extra_env or {})
        self._pg_spec = postgres if postgres is not None else (
            os.environ.get("MEETGATE_TEST_DATABASE", "") == "postgres")
        self._redis_spec = redis if redis is not None else _env_flag("MEETGATE_TEST_REDIS")
        self.postgres = None
        self.redis = None
        self._owned = []  # servers we started and must close
        self.proc = None
        self.returncode = None
        self._final_log = ""
        _live.append(self)  # removed again by close()

    # -- config -----------------------------------------------------------
    def _copy_conf(self, overrides):
        src = os.path.join(SOURCE_DIR, "conf")
        os.makedirs(self.conf_dir)
        if os.path.isdir(src):
            for name in os.listdir(src):
                if name.endswith(".jcfg"):
                    shutil.copy(os.path.join(src, name), self.conf_dir)
        for name, text in overrides.items():
            self.write_conf(name, text)

    def write_conf(self, name, text):
        """Replace (or with None delete) one file of the temp config dir."""
        path = os.path.join(self.conf_dir, name)
        if text is None:
            if os.path.exists(path):
                os.remove(path)
            return
        with open(path, "w") as f:
            f.write(text)

    def env(self):
        """The environment the daemon runs with."""
        env = dict(os.environ)
        env.update({
            "MEETGATE_CONFIG_DIR": self.conf_dir,
            "MEETGATE_DATA_DIR": self.data_dir,
            "MEETGATE_PLUGINS_DIR": self.plugins_dir,
            "MEETGATE_TRANSPORTS_DIR": self.transports_dir,
            "MEETGATE_HTTP_PORT": str(self.http_port),
            "MEETGATE_HTTP_BIND": "127.0.0.1",
            "MEETGATE_WS_PORT": str(self.ws_port),
            "MEETGATE_WS_BIND": "127.0.0.1",
            "MEETGATE_DEVELOPMENT": "1",
            "MEETGATE_JWT_SECRET": self.jwt_secret,
            "MEETGATE_PUBLIC_URL": self.http_url,
            "MEETGATE_PUBLIC_IP": "127.0.0.1",
            "MEETGATE_INFER_ENDPOINT": self.infer_endpoint,
        })
        if self.postgres is not None:
            env["MEETGATE_DATABASE_URL"] = self.postgres.url
        if self.redis is not None:
            env["MEETGATE_REDIS_URL"] = self.redis.url
        for key, value in self._extra_env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = str(value)
        return env

    def command(self, *extra):
        return [self.binary, "--config-dir", self.conf_dir] + self.args + list(extra)

    # -- servers ----------------------------------------------------------
    def _start_servers(self):
        if self.postgres is None and self._pg_spec:
            if isinstance(self._pg_spec, Postgres):
                self.postgres = self._pg_spec
            else:
                self.postgres = Postgres().start()
                self._owned.append(self.postgres)
        if self.redis is None and self._redis_spec:
            if isinstance(self._redis_spec, Redis):
                self.redis = self._redis_spec
            else:
                self.redis = Redis().start()
                self._owned.append(self.redis)

    # -- lifecycle --------------------------------------------------------
    def start(self, wait=True):
        """Start the daemon; with wait=True return once GET /health answers.

        Raises RuntimeError with the daemon log if it exits or does not answer
        within the deadline.
        """
        if not os.path.exists(self.binary):
            raise RuntimeError(f"daemon not built: {self.binary}")
        self._start_servers()
        log = open(self.log_path, "a")
        self.returncode = None
        self.proc = subprocess.Popen(self.command(), env=self.env(), stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     preexec_fn=die_with_parent)
        log.close()
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.start_timeout)
        while not self._health_answers():
            self._raise_if_exited_or_late(deadline, "GET /health")
            time.sleep(0.05)
        if self.wait_for_ws:
            while not self._port_open(self.ws_port):
                self._raise_if_exited_or_late(deadline, "the WebSocket port")
                time.sleep(0.05)

    def _raise_if_exited_or_late(self, deadline, what):
        if self.proc.poll() is not None:
            self.returncode = self.proc.returncode
            raise RuntimeError(
                f"meetgate exited with {self.returncode} before {what} answered\n"
                f"--- log ---\n{self.log()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"meetgate: {what} did not answer in time\n--- log ---\n{self.log()}")

    def _health_answers(self):
        try:
            status, _, _ = http_raw("GET", self.http_url + "/health", timeout=2)
            return status > 0
        except (OSError, urllib.error.URLError):
            return False

    @staticmethod
    def _port_open(port):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_exit(self, timeout=30):
        """Wait for the daemon to exit by itself; returns the exit code.
        Raises TimeoutError (after killing it) if it does not."""
        try:
            self.returncode = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise TimeoutError(f"meetgate did not exit within {timeout}s\n{self.log()}")
        return self.returncode

    def stop(self, sig=signal.SIGTERM, timeout=30, cleanup=True):
        """Send `sig`, wait for the exit and return the exit code (negative =
        killed by a signal). cleanup=False keeps the data dir, config and
        databases so that start() can run the daemon again on them."""
        code = self.returncode
        late = False
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                code = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                late = True
                self.proc.kill()
                code = self.proc.wait()
        elif self.proc is not None:
            code = self.proc.returncode
        self.returncode = code
        self._show_sanitizer_report()
        if cleanup:
            self.close()
        if late:
            raise TimeoutError(f"meetgate did not stop within {timeout}s of signal {sig}")
        return code

    def _show_sanitizer_report(self):
        """Print an ASan/UBSan/LSan report from the daemon log, so that it is
        in the test output even when the test only checks the exit code."""
        log = self.log()
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
            at = log.find(marker)
            if at >= 0:
                start = log.rfind("\n", 0, max(0, at - 200)) + 1
                print(f"--- sanitizer report in the meetgate log ---\n{log[start:start + 6000]}",
                      flush=True)
                return

    def close(self):
        """Kill the daemon if needed and remove everything it used."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for server in reversed(self._owned):
            server.close()
        self._owned.clear()
        if self._tmp and os.path.isdir(self._tmp):
            self._final_log = self.log()  # log() keeps working after cleanup
            if os.environ.get("MEETGATE_TEST_KEEP_LOG"):
                print(f"--- meetgate log ---\n{self.log()}", flush=True)
            shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp = None
        if self in _live:
            _live.remove(self)

    def run_once(self, *extra, timeout=60):
        """Run the binary to completion with this gateway's config and env
        (e.g. run_once("--check-config")); returns (exit code, output)."""
        out = subprocess.run(self.command(*extra), env=self.env(), capture_output=True,
                             text=True, timeout=timeout, preexec_fn=die_with_parent)
        return out.returncode, out.stdout + out.stderr

    def log(self):
        """The daemon's output so far (stdout and stderr)."""
        if self._tmp is None:
            return self._final_log
        try:
            with open(self.log_path, "r", errors="replace") as f:
                return f.read()
        except (OSError, TypeError):
            return ""

    # -- convenience ------------------------------------------------------
    def http(self, method, path, body=None, headers=None, timeout=15):
        """http_json against this gateway: gw.http("GET", "/health")."""
        return http_json(method, self.http_url + path, body, headers, timeout)

    def __enter__(self):
        if not self.running():
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
