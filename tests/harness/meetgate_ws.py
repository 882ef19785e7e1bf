"""WebSocket clients for integration tests (python3-websockets 10.4).

websockets 10 only has an asyncio client. Tests are mostly sequential, so
``ws_connect`` wraps one in a synchronous object that runs its own event loop
on a background thread:

    ws = ws_connect(gw, "/ws/echotest", extra_headers={"Authorization": "Bearer .."})
    ws.send_json({"type": "echo", "transaction": "t1", "payload": 1})
    msg = ws.recv_json(timeout=5)                      # TimeoutError after 5 s
    ack = ws.recv_until(lambda m: m.get("type") == "ack", timeout=5)
    ws.close()

A refused upgrade raises websockets.exceptions.InvalidStatusCode (its
``status_code`` is the HTTP status). Tests written with asyncio use
``await ws_connect_async(gw, path)`` and ``await ws_recv_json(ws, timeout)``.
"""

import asyncio
import json
import threading
import time

import websockets


def _uri(gw, path):
    base = gw.ws_url if hasattr(gw, "ws_url") else str(gw)
    return base + path


async def ws_connect_async(gw, path, **kw):
    """An asyncio websockets client connected to gw.ws_url + path."""
    kw.setdefault("open_timeout", 10)
    return await websockets.connect(_uri(gw, path), **kw)


async def ws_recv_json(ws, timeout=5):
    """The next text message parsed as JSON; asyncio.TimeoutError on timeout."""
    raw = await asyncio.wait_for(ws.recv(), timeout)
    return json.loads(raw)


class WsClient:
    """A synchronous WebSocket client (see the module doc)."""

    def __init__(self, uri, **kw):
        self.uri = uri
        self.skipped = []  # messages recv_until passed over, in order
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        kw.setdefault("open_timeout", 10)
        try:
            self._ws = self._run(self._connect(uri, kw), kw["open_timeout"] + 5)
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _connect(uri, kw):
        # websockets.connect() returns an awaitable, not a coroutine object.
        return await websockets.connect(uri, **kw)

    def _run(self, coro, timeout):
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    # -- sending ------------------------------------------------------------
    def send_json(self, obj):
        self._run(self._ws.send(json.dumps(obj)), 10)

    def send_text(self, text):
        """Send a raw text frame (e.g. malformed JSON)."""
        self._run(self._ws.send(text), 10)

    def send_bytes(self, data):
        self._run(self._ws.send(bytes(data)), 10)

    def ping(self, timeout=5):
        """A WebSocket protocol ping; returns once the pong arrived."""
        async def ping_and_wait():
            waiter = await self._ws.ping()
            await asyncio.wait_for(waiter, timeout)
        self._run(ping_and_wait(), timeout + 1)

    # -- receiving ----------------------------------------------------------
    def recv_text(self, timeout=5):
        """The next message as text. TimeoutError if none within `timeout`;
        websockets.exceptions.ConnectionClosed if the server closed."""
        async def recv():
            return await asyncio.wait_for(self._ws.recv(), timeout)
        try:
            return self._run(recv(), timeout + 1)
        except asyncio.TimeoutError as err:
            raise TimeoutError(f"no WebSocket message within {timeout}s") from err

    def recv_json(self, timeout=5):
        return json.loads(self.recv_text(timeout))

    def recv_until(self, predicate, timeout=5):
        """Read messages until predicate(msg) is true; returns that message.
        Messages passed over are appended to self.skipped."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching WebSocket message within {timeout}s "
                                   f"(skipped: {self.skipped[-5:]})")
            msg = self.recv_json(left)
            if predicate(msg):
                return msg
            self.skipped.append(msg)

    # -- state --------------------------------------------------------------
    @property
    def closed(self):
        return self._ws.closed

    @property
    def close_code(self):
        return self._ws.close_code

    @property
    def close_reason(self):
        return self._ws.close_reason

    def wait_closed(self, timeout=5):
        """Wait until the server closes the connection; returns the close code."""
        self._run(asyncio.wait_for(self._ws.wait_closed(), timeout), timeout + 1)
        return self._ws.close_code

    def close(self):
        if self._loop.is_closed():
            return
        try:
            self._run(self._ws.close(), 10)
        except Exception:  # noqa: BLE001 - closing a dead connection is fine
            pass
        self._stop_loop()

    def _stop_loop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def ws_connect(gw, path, **kw):
    """A connected WsClient for gw.ws_url + path; kw go to websockets.connect
    (extra_headers, subprotocols, max_size, ...)."""
    return WsClient(_uri(gw, path), **kw)
