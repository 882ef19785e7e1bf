#!/usr/bin/python3
"""Drives ws_module_host (the WebSocket transport module in a small stand-in
host, not the daemon) with real clients: Debian's python3-websockets and raw
sockets for what a polite client library would hide (refusal bodies, unanswered
pings). Prints one line per check and exits non-zero on any failure.

usage: ws_module_host_test.py HOST_BINARY MODULE.so
"""
import asyncio
import base64
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time

import websockets

FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        FAILURES.append(what)


def raw_http(port, request, timeout=5.0):
    """Sends raw bytes, returns (status, headers dict, body bytes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request.encode())
        data = b""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in data and time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode(errors="replace").split("\r\n")
        status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length and time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return status, headers, body


def upgrade_request(path, extra=""):
    key = base64.b64encode(os.urandom(16)).decode()
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\n{extra}\r\n")


def check_http(port):
    status, _, body = raw_http(port, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    health = json.loads(body or b"{}")
    check(status == 200 and health.get("data", {}).get("status") == "ok",
          "GET /health on the WS port answers 200 with status ok")
    check(isinstance(health.get("data", {}).get("connections"), int), "/health counts connections")
    status, _, body = raw_http(port, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
    check(status == 404 and json.loads(body).get("code") == 404, "plain GET of an unknown path: 404 envelope")
    status, _, body = raw_http(port, "GET /ws/echo HTTP/1.1\r\nHost: x\r\n\r\n")
    check(status == 426, "plain GET of a WebSocket path: 426 upgrade required")
    status, headers, body = raw_http(port, upgrade_request("/ws/unknown", "X-Request-ID: up-1\r\n"))
    envelope = json.loads(body or b"{}")
    check(status == 404 and envelope.get("code") == 404 and envelope.get("request_id") == "up-1",
          "upgrade on an unknown path: 404 JSON envelope with the request id")
    check(headers.get("content-type", "").startswith("application/json"), "refusal is JSON, not HTML")
    status, _, body = raw_http(port, upgrade_request("/ws/refuse"))
    envelope = json.loads(body or b"{}")
    check(status == 401 and envelope.get("message") == "invalid token",
          "upgrade refused by the core: its status and envelope body")


async def recv_json(ws, timeout=5.0):
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def check_session(url):
    headers = {"Authorization": "Bearer tok.en", "Cookie": "access_token=c1", "X-Request-ID": "ws-9"}
    async with websockets.connect(url + "/ws/echo?token=a.b-c&x=1%262", extra_headers=headers,
                                  ping_interval=None) as ws:
        welcome = await recv_json(ws)
        check(welcome.get("type") == "welcome", "message queued during ws_open arrives first")
        check(welcome.get("query") == "token=a.b-c&x=1%262", "query string reaches the core")
        check(welcome.get("authorization") == "Bearer tok.en", "Authorization header reaches the core")
        check(welcome.get("cookie") == "access_token=c1", "Cookie header reaches the core")
        check(welcome.get("remote") == "127.0.0.1", "remote address reaches the core")
        check(welcome.get("request_id") == "ws-9", "X-Request-ID of the upgrade reaches the core")
        await ws.send('{"type": "join", "transaction": ')
        error = await recv_json(ws)
        check(error.get("type") == "error" and error["payload"]["code"] == 400,
              "malformed JSON: error frame 400")
        await ws.send('{"type":"ping","transaction":"t1"}')
        echo = await recv_json(ws)
        check(echo.get("type") == "echo" and echo["payload"]["transaction"] == "t1",
              "connection stays open after malformed JSON")
        await ws.send("[1,2,3]")
        error = await recv_json(ws)
        check(error["payload"]["code"] == 400 and "object" in error["payload"]["message"],
              "non-object JSON: error frame")
        await ws.send(iter(['{"type":"frag', 'mented","n":', '1}']))
        echo = await recv_json(ws)
        check(echo.get("payload", {}).get("type") == "fragmented", "fragmented message is reassembled")
        await ws.send(b"\x00\x01")
        error = await recv_json(ws)
        check(error["payload"]["code"] == 400, "binary message: error frame")
        await ws.send(json.dumps({"type": "big", "pad": "y" * 3000}))
        error = await recv_json(ws)
        check(error["payload"]["code"] == 413, "message over max_message: error frame 413")
        try:
            await asyncio.wait_for(ws.recv(), 5)
            check(False, "oversized message closes the connection")
        except websockets.exceptions.ConnectionClosed as closed:
            check(closed.code == 1009, f"oversized message closes with 1009 (got {closed.code})")


async def check_server_close(url):
    async with websockets.connect(url + "/ws/echo", ping_interval=None) as ws:
        await recv_json(ws)
        await ws.send('{"type":"close_me"}')
        try:
            await asyncio.wait_for(ws.recv(), 5)
            check(False, "ws_close closes the connection")
        except websockets.exceptions.ConnectionClosed as closed:
            check(closed.code == 1000 and closed.reason == "bye",
                  f"ws_close from another thread: close 1000 'bye' (got {closed.code} {closed.reason!r})")


async def check_keepalive(url, idle_timeout):
    # The client answers pings (the library does) but sends nothing itself.
    async with websockets.connect(url + "/ws/echo", ping_interval=None) as ws:
        await recv_json(ws)
        await asyncio.sleep(idle_timeout + 1.5)
        await ws.send('{"type":"still-here"}')
        echo = await recv_json(ws)
        check(echo["payload"]["type"] == "still-here", "client answering pings outlives idle_timeout")


def check_idle_timeout(port, idle_timeout):
    sock = socket.create_connection(("127.0.0.1", port), timeout=idle_timeout + 5)
    sock.sendall(upgrade_request("/ws/echo").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    check(b" 101 " in data.split(b"\r\n")[0], "raw client upgraded")
    buffer = data.partition(b"\r\n\r\n")[2]
    started = time.monotonic()
    saw_ping = False
    closed_at = None
    while time.monotonic() - started < idle_timeout + 5:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            closed_at = time.monotonic()
            break
        buffer += chunk
        while len(buffer) >= 2:
            opcode, length = buffer[0] & 0x0F, buffer[1] & 0x7F
            header = 2 + (2 if length == 126 else 8 if length == 127 else 0)
            if length == 126 and len(buffer) >= 4:
                length = struct.unpack(">H", buffer[2:4])[0]
            if len(buffer) < header + length:
                break
            saw_ping = saw_ping or opcode == 0x9
            if opcode == 0x8:
                closed_at = time.monotonic()
            buffer = buffer[header + length:]
        if closed_at:
            break
    sock.close()
    check(saw_ping, "server sends WebSocket pings")
    check(closed_at is not None and closed_at - started <= idle_timeout + 3,
          "client that never answers pings is closed after idle_timeout")


async def check_slow_client(url):
    async with websockets.connect(url + "/ws/echo", ping_interval=None, max_queue=1,
                                  read_limit=2 ** 16, max_size=2 ** 20) as ws:
        await recv_json(ws)
        await ws.send('{"type":"flood","size":60000}')
        await asyncio.sleep(2.0)  # do not read: let the server's queue fill
        code = None
        try:
            while True:
                await asyncio.wait_for(ws.recv(), 5)
        except websockets.exceptions.ConnectionClosed as closed:
            code = closed.code
        except asyncio.TimeoutError:
            pass
        check(code == 1008, f"slow client is disconnected with 1008 (got {code})")


async def check_shutdown(url, host):
    ws = await websockets.connect(url + "/ws/echo", ping_interval=None)
    await recv_json(ws)
    host.stdin.close()
    try:
        await asyncio.wait_for(ws.recv(), 5)
        check(False, "destroy closes open connections")
    except websockets.exceptions.ConnectionClosed as closed:
        check(closed.code in (1001, 1006), f"destroy closes open connections (got {closed.code})")
    host.wait(timeout=10)
    out = host.stdout.read()
    check(host.returncode == 0, f"every opened connection got ws_closed ({out.strip()})")


def check_port_in_use(host_binary, module, tmp, port):
    config = os.path.join(tmp, "busy.jcfg")
    with open(config, "w") as f:
        f.write(f'general: {{ bind = "127.0.0.1"; port = {port}; }};\n')
    second = subprocess.run([host_binary, module, config], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=30)
    check(second.returncode != 0 and "Address already in use" in second.stderr,
          "a port in use makes init fail with a clear message")


async def check_max_connections(host_binary, module, tmp):
    config = os.path.join(tmp, "one.jcfg")
    with open(config, "w") as f:
        f.write('general: { bind = "127.0.0.1"; port = 0; max_connections = 1; };\n')
    host = subprocess.Popen([host_binary, module, config], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(host.stdout.readline().split()[1])
        async with websockets.connect(f"ws://127.0.0.1:{port}/ws/echo", ping_interval=None) as ws:
            await recv_json(ws)
            status, _, body = raw_http(port, upgrade_request("/ws/echo"))
            check(status == 503 and json.loads(body or b"{}").get("code") == 503,
                  "upgrade beyond max_connections: 503 envelope")
    finally:
        host.stdin.close()
        host.wait(timeout=10)


async def check_tls(host_binary, module, tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                           "-out", cert, "-days", "1", "-subj", "/CN=localhost"],
                          capture_output=True, timeout=60)
    check(made.returncode == 0, "test certificate created")
    config = os.path.join(tmp, "tls.jcfg")
    with open(config, "w") as f:
        f.write(f'general: {{ bind = "127.0.0.1"; port = 0; tls_cert = "{cert}"; tls_key = "{key}"; }};\n')
    host = subprocess.Popen([host_binary, module, config], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(host.stdout.readline().split()[1])
        context = ssl.create_default_context(cafile=cert)
        context.check_hostname = False
        async with websockets.connect(f"wss://127.0.0.1:{port}/ws/echo", ssl=context,
                                      ping_interval=None) as ws:
            welcome = await recv_json(ws)
            check(welcome.get("type") == "welcome", "wss:// works with tls_cert/tls_key")
    finally:
        host.stdin.close()
        host.wait(timeout=10)


def main():
    host_binary, module = sys.argv[1], sys.argv[2]
    idle_timeout = 3
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "meetgate.transport.websocket.jcfg")
        with open(config, "w") as f:
            f.write('general: { bind = "127.0.0.1"; port = 0; max_message = 1024;\n'
                    f' send_queue_max = 8; ping_interval = 1; idle_timeout = {idle_timeout}; }};\n')
        host = subprocess.Popen([host_binary, module, config], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        line = host.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            host.kill()
            print("FAIL host did not start")
            return 1
        port = int(line[1])
        url = f"ws://127.0.0.1:{port}"
        try:
            check_http(port)
            check_port_in_use(host_binary, module, tmp, port)
            asyncio.run(check_max_connections(host_binary, module, tmp))
            asyncio.run(check_tls(host_binary, module, tmp))
            asyncio.run(check_session(url))
            asyncio.run(check_server_close(url))
            asyncio.run(check_keepalive(url, idle_timeout))
            check_idle_timeout(port, idle_timeout)
            asyncio.run(check_slow_client(url))
            asyncio.run(check_shutdown(url, host))
        finally:
            if host.poll() is None:
                host.kill()
    print(f"{len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
