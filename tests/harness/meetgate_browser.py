"""Headless Chromium for integration tests, driven over the DevTools protocol.

Debian's /usr/bin/chromium runs headless with fake camera and microphone
devices; this module talks the Chrome DevTools Protocol (CDP) to it over one
WebSocket (python3-websockets 10.4), so no playwright/puppeteer download is
needed:

    from meetgate_browser import Browser

    with Browser() as browser:                  # launched; killed + temp dir removed on exit
        page = browser.new_page("http://127.0.0.1:PORT/echo.html?ws=...")
        page.evaluate("start()", await_promise=True)    # the JS value (JSON-able), or JsError
        stats = page.wait_for("window.done && window.stats", timeout=30)  # the truthy value
        page.console_messages()                 # ["log: ...", "error: ...", "exception: ..."]
        page.screenshot("/tmp/echo.png")

    with StaticServer("tests/browser/pages") as site:  # http.server on 127.0.0.1, a free port
        url = site.url + "/echo.html"                   # localhost is a secure context

How it works: Chromium is started with --remote-debugging-port=0 and a
private --user-data-dir; it writes the port it picked to
USER_DATA_DIR/DevToolsActivePort, which we poll (with a deadline, also
watching for the process dying). One CDP connection to the browser endpoint
serves every page: Target.createTarget + Target.attachToTarget(flatten=true)
give each page a sessionId that is put on its commands and events.

Environment read here:
  MEETGATE_TEST_CHROMIUM          the browser binary (default /usr/bin/chromium)
  MEETGATE_TEST_BROWSER_ARGS      extra command-line flags, space separated
  MEETGATE_TEST_BROWSER_KEEP=DIR  keep the profile and stderr log: copied to DIR at exit
"""

import asyncio
import atexit
import base64
import collections
import functools
import http.server
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import websockets

from meetgate_services import die_with_parent

__all__ = ["Browser", "BrowserError", "JsError", "Page", "StaticServer", "DEFAULT_BINARY"]

DEFAULT_BINARY = os.environ.get("MEETGATE_TEST_CHROMIUM", "/usr/bin/chromium")

# Flags for a quiet, reproducible browser: no first-run UI, no background
# traffic to Google, fake media devices that need no permission prompt, and
# media that plays without a user gesture.
BASE_FLAGS = [
    "--no-sandbox",  # tests often run as root in a container, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
    "--remote-debugging-port=0",
]

_STDERR_TAIL_LINES = 40
_CONTAINER_NOISE = ("dbus/", "ALSA lib ", "alsa_util.cc", "unexpected operator")


def _is_container_noise(line):
    return any(marker in line for marker in _CONTAINER_NOISE)


# Browsers still running when the script ends (an exception past the `with`,
# sys.exit in a test) are killed and their profiles removed here.
_live = []


@atexit.register
def _close_leftovers():
    for browser in list(_live):
        try:
            browser.close()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


class BrowserError(RuntimeError):
    """The browser did not start, died, or a DevTools command failed."""


class JsError(BrowserError):
    """A script evaluated in the page threw (or its promise rejected)."""


# ---------------------------------------------------------------------------
# The DevTools connection: an asyncio websockets client on its own thread
# ---------------------------------------------------------------------------
class _CdpConnection:
    """One WebSocket to the browser endpoint; commands are answered by id,
    events are handed to per-session listeners on the loop thread."""

    def __init__(self, url, open_timeout=10):
        self._ids = itertools.count(1)
        self._pending = {}  # id -> asyncio.Future, touched on the loop thread only
        self._listeners = collections.defaultdict(list)  # sessionId ("" = browser) -> [fn]
        self._closed_reason = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="cdp-connection")
        self._thread.start()
        try:
            self._ws = self._run(self._connect(url, open_timeout), open_timeout + 5)
        except BaseException:
            self._stop_loop()
            raise
        self._reader = asyncio.run_coroutine_threadsafe(self._read(), self._loop)

    @staticmethod
    async def _connect(url, open_timeout):
        # Screenshots and big getStats answers exceed websockets' 1 MiB default.
        return await websockets.connect(url, open_timeout=open_timeout, max_size=64 << 20,
                                        ping_interval=None)

    def _run(self, coro, timeout):
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def _read(self):
        try:
            async for raw in self._ws:
                self._dispatch(json.loads(raw))
            self._closed_reason = "the browser closed the DevTools connection"
        except websockets.exceptions.ConnectionClosed as err:
            self._closed_reason = f"the DevTools connection closed: {err}"
        except Exception as err:  # noqa: BLE001 - reported to every waiting command
            self._closed_reason = f"the DevTools reader failed: {err!r}"
        for future in self._pending.values():
            if not future.done():
                future.set_exception(BrowserError(self._closed_reason))
        self._pending.clear()

    def _dispatch(self, msg):
        if "id" in msg:
            future = self._pending.pop(msg["id"], None)
            if future is not None and not future.done():
                future.set_result(msg)
            return
        for listener in list(self._listeners.get(msg.get("sessionId", ""), ())):
            listener(msg.get("method"), msg.get("params", {}))

    async def _send(self, method, params, session_id):
        if self._closed_reason:
            raise BrowserError(self._closed_reason)
        command_id = next(self._ids)
        msg = {"id": command_id, "method": method, "params": params or {}}
        if session_id:
            msg["sessionId"] = session_id
        future = self._loop.create_future()
        self._pending[command_id] = future
        try:
            await self._ws.send(json.dumps(msg))
            return await future
        finally:
            self._pending.pop(command_id, None)

    def call(self, method, params=None, session_id=None, timeout=30):
        """Send one command and return its result; BrowserError on a protocol
        error, TimeoutError when no answer arrives within `timeout`."""
        try:
            answer = self._run(self._send(method, params, session_id), timeout)
        except TimeoutError as err:
            raise TimeoutError(f"DevTools {method} got no answer within {timeout}s") from err
        if "error" in answer:
            raise BrowserError(f"DevTools {method} failed: {answer['error']}")
        return answer.get("result", {})

    def listen(self, session_id, listener):
        """listener(method, params) for every event of that session; it runs
        on the connection's thread and must not block."""
        self._loop.call_soon_threadsafe(self._listeners[session_id or ""].append, listener)

    def close(self):
        if self._loop.is_closed():
            return
        try:
            self._run(self._ws.close(), 5)
        except Exception:  # noqa: BLE001 - closing a dead connection is fine
            pass
        self._stop_loop()

    def _stop_loop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


# ---------------------------------------------------------------------------
# A page (one tab), attached with its own CDP session
# ---------------------------------------------------------------------------
class Page:
    """One tab. Created by Browser.new_page(); see the module doc."""

    def __init__(self, cdp, target_id, session_id):
        self._cdp = cdp
        self.target_id = target_id
        self.session_id = session_id
        self._lock = threading.Lock()
        self._console = []  # "level: text" lines, in arrival order
        self._loaded = set()  # loaderIds whose document fired "load"
        self._load_seen = threading.Condition(self._lock)
        cdp.listen(session_id, self._on_event)
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Page.setLifecycleEventsEnabled", {"enabled": True})

    def call(self, method, params=None, timeout=30):
        """A raw DevTools command in this page's session."""
        return self._cdp.call(method, params, self.session_id, timeout)

    # -- events (on the connection thread) --------------------------------
    def _on_event(self, method, params):
        line = None
        if method == "Runtime.consoleAPICalled":
            text = " ".join(_remote_object_text(arg) for arg in params.get("args", []))
            line = f"{params.get('type', 'log')}: {text}"
        elif method == "Runtime.exceptionThrown":
            line = f"exception: {_exception_text(params.get('exceptionDetails', {}))}"
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            line = f"{entry.get('level', 'info')} ({entry.get('source', 'browser')}): " \
                   f"{entry.get('text', '')} {entry.get('url', '')}".rstrip()
        with self._lock:
            if line is not None:
                self._console.append(line)
            if method == "Page.lifecycleEvent" and params.get("name") == "load":
                self._loaded.add(params.get("loaderId"))
                self._load_seen.notify_all()

    # -- navigation -------------------------------------------------------
    def navigate(self, url, timeout=30):
        """Load `url` and return once its load event fired; BrowserError if
        the navigation itself failed (e.g. connection refused)."""
        result = self.call("Page.navigate", {"url": url}, timeout)
        if result.get("errorText"):
            raise BrowserError(f"navigating to {url} failed: {result['errorText']}")
        # Lifecycle events carry the loader of the document they are about,
        # so an earlier document's late "load" cannot be mistaken for this one.
        loader = result.get("loaderId")
        deadline = time.monotonic() + timeout
        with self._lock:
            while loader not in self._loaded:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{url} did not finish loading within {timeout}s")
                self._load_seen.wait(left)

    # -- scripts ----------------------------------------------------------
    def evaluate(self, js, await_promise=True, timeout=30):
        """Evaluate the expression `js` in the page and return its value
        (returned by value, so it must be JSON-able). With await_promise a
        promise is awaited. A throw or rejection raises JsError."""
        result = self.call("Runtime.evaluate", {
            "expression": js, "awaitPromise": await_promise, "returnByValue": True,
            "userGesture": True, "timeout": int(timeout * 1000)}, timeout + 5)
        if "exceptionDetails" in result:
            raise JsError(f"{js[:200]!r} threw: {_exception_text(result['exceptionDetails'])}")
        remote = result.get("result", {})
        return remote.get("value") if "value" in remote else None

    def wait_for(self, js_condition, timeout=30, interval=0.1, what=None):
        """Evaluate `js_condition` until it is truthy and return that value.
        TimeoutError (with the last value and the console tail) after
        `timeout` seconds; a JsError from the condition is raised at once."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(js_condition, await_promise=True,
                                  timeout=max(1.0, deadline - time.monotonic()))
            if value:
                return value
            if time.monotonic() >= deadline:
                tail = "\n  ".join(self.console_messages()[-15:])
                raise TimeoutError(f"timed out after {timeout}s waiting for "
                                   f"{what or js_condition!r} (last value {value!r})\n"
                                   f"  console:\n  {tail}")
            time.sleep(interval)

    # -- debugging --------------------------------------------------------
    def console_messages(self):
        """Console output, uncaught exceptions and browser log entries of this
        page so far, one "level: text" string each."""
        with self._lock:
            return list(self._console)

    def screenshot(self, path):
        """Write a PNG of the page to `path`; returns the path."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path

    def close(self):
        try:
            self._cdp.call("Target.closeTarget", {"targetId": self.target_id}, timeout=10)
        except (BrowserError, TimeoutError):
            pass  # the browser may be gone already; Browser.close() kills it anyway


def _remote_object_text(obj):
    if "value" in obj:
        value = obj["value"]
        return value if isinstance(value, str) else json.dumps(value)
    return obj.get("description") or obj.get("unserializableValue") or obj.get("type", "?")


def _exception_text(details):
    exception = details.get("exception") or {}
    text = exception.get("description") or details.get("text", "exception")
    where = details.get("url", "")
    if where:
        text += f" ({where}:{details.get('lineNumber', 0) + 1})"
    return text


# ---------------------------------------------------------------------------
# The browser process
# ---------------------------------------------------------------------------
class Browser:
    """Headless Chromium with a temporary profile (see the module doc).

    binary:        the browser (default $MEETGATE_TEST_CHROMIUM or /usr/bin/chromium)
    extra_args:    more command-line flags
    without_args:  BASE_FLAGS to leave out, e.g. ("--use-fake-ui-for-media-stream",)
                   for a browser that grants no media permission (and so hides
                   its host addresses behind mDNS names)
    start_timeout: seconds to wait for the DevTools port
    """

    def __init__(self, binary=None, extra_args=(), without_args=(), start_timeout=30):
        self.binary = binary or DEFAULT_BINARY
        self.base_args = [flag for flag in BASE_FLAGS if flag not in without_args]
        self.extra_args = (list(extra_args)
                           + os.environ.get("MEETGATE_TEST_BROWSER_ARGS", "").split())
        self.start_timeout = start_timeout
        self.proc = None
        self.devtools_port = None
        self.headless_flag = None
        self._tmp = None
        self._cdp = None
        self.pages = []  # the Page objects opened so far

    # -- lifecycle --------------------------------------------------------
    def start(self):
        """Launch the browser and connect to it. Tries --headless=new, then
        plain --headless; BrowserError with the stderr tail if neither works."""
        if not os.access(self.binary, os.X_OK):
            raise BrowserError(f"browser not found: {self.binary}")
        errors = []
        for headless in ("--headless=new", "--headless"):
            try:
                self._launch(headless)
                self.headless_flag = headless
                return self
            except BrowserError as err:
                errors.append(f"with {headless}: {err}")
                self.close(show_stderr=False)
        raise BrowserError("chromium did not start\n" + "\n".join(errors))

    def _launch(self, headless):
        self._tmp = tempfile.mkdtemp(prefix="meetgate-browser-")
        profile = os.path.join(self._tmp, "profile")
        os.makedirs(profile)
        with open(self.stderr_path, "wb") as stderr:
            # A session of its own, so close() can kill the renderer and GPU
            # children with the browser; die_with_parent covers a killed test.
            self.proc = subprocess.Popen(
                [self.binary, headless, *self.base_args, f"--user-data-dir={profile}",
                 *self.extra_args, "about:blank"],
                stdin=subprocess.DEVNULL, stdout=stderr, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=die_with_parent)
        _live.append(self)
        port, path = self._wait_devtools_port(os.path.join(profile, "DevToolsActivePort"))
        self.devtools_port = port
        try:
            self._cdp = _CdpConnection(f"ws://127.0.0.1:{port}{path}")
        except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as err:
            raise BrowserError(f"cannot connect to DevTools on port {port}: {err!r}\n"
                               f"{self.stderr_tail()}") from err

    def _wait_devtools_port(self, port_file):
        """(port, browser endpoint path) from DevToolsActivePort, which
        Chromium writes once it listens."""
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                with open(port_file) as f:
                    lines = f.read().splitlines()
                if len(lines) >= 2 and lines[0].isdigit():
                    return int(lines[0]), lines[1]
            except FileNotFoundError:
                pass
            if self.proc.poll() is not None:
                raise BrowserError(f"chromium exited with {self.proc.returncode} before "
                                   f"DevTools listened\n{self.stderr_tail()}")
            if time.monotonic() > deadline:
                raise BrowserError(f"no DevToolsActivePort within {self.start_timeout}s\n"
                                   f"{self.stderr_tail()}")
            time.sleep(0.05)

    def close(self, show_stderr=False):
        """Close DevTools, kill the browser and its children, remove the
        profile. show_stderr prints the browser's stderr tail. (Pages are not
        closed one by one: a hung browser would make that wait per page.)"""
        self.pages.clear()
        if self._cdp is not None:
            self._cdp.close()
            self._cdp = None
        if show_stderr and self._tmp:
            print(f"--- chromium stderr (last {_STDERR_TAIL_LINES} lines) ---\n"
                  f"{self.stderr_tail()}", flush=True)
        self._kill()
        if self._tmp:
            keep = os.environ.get("MEETGATE_TEST_BROWSER_KEEP")
            if keep:
                shutil.copytree(self._tmp, os.path.join(keep, os.path.basename(self._tmp)),
                                ignore_dangling_symlinks=True, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("Singleton*"))
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        if self in _live:
            _live.remove(self)

    def _kill(self):
        if self.proc is None:
            return
        # The whole group (start_new_session: pgid == pid), also when the
        # browser itself already died and left renderers behind.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def __enter__(self):
        if self.proc is None:
            self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(show_stderr=exc_type is not None)

    # -- pages ------------------------------------------------------------
    def new_page(self, url=None, timeout=30):
        """A new tab, attached, with console capture on; navigated to `url`
        (waiting for its load event) when given."""
        if self._cdp is None:
            raise BrowserError("the browser is not running")
        target_id = self._cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session_id = self._cdp.call("Target.attachToTarget",
                                    {"targetId": target_id, "flatten": True})["sessionId"]
        page = Page(self._cdp, target_id, session_id)
        self.pages.append(page)
        if url:
            page.navigate(url, timeout)
        return page

    def version(self):
        """Browser.getVersion: product, protocolVersion, userAgent, ..."""
        return self._cdp.call("Browser.getVersion")

    # -- diagnostics ------------------------------------------------------
    @property
    def stderr_path(self):
        return os.path.join(self._tmp, "chromium.log") if self._tmp else None

    def stderr_tail(self, lines=_STDERR_TAIL_LINES):
        """The last lines of the browser's stdout+stderr (empty when gone),
        without the D-Bus and ALSA complaints every containerised Chromium
        prints (no system bus, no sound card)."""
        try:
            with open(self.stderr_path, "r", errors="replace") as f:
                useful = (line for line in f if not _is_container_noise(line))
                return "".join(collections.deque(useful, maxlen=lines))
        except (OSError, TypeError):
            return ""


# ---------------------------------------------------------------------------
# A static file server for test pages
# ---------------------------------------------------------------------------
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # requests are not test output


class StaticServer:
    """Serves `directory` over HTTP on 127.0.0.1 (a port picked by the
    kernel) from a background thread. Pages served from 127.0.0.1 are a
    secure context, so getUserMedia and WebRTC work without TLS."""

    def __init__(self, directory):
        handler = functools.partial(_QuietHandler, directory=os.path.abspath(directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="static-server")
        self._thread.start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
