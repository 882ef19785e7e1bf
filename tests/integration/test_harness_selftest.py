"""The harness against real servers, without the daemon: a private (or the
CI's shared) PostgreSQL, a private redis-server, http_json on a local HTTP
server and the synchronous WebSocket client on a local echo server."""

import asyncio
import http.server
import json
import os
import threading

import websockets

from meetgate_harness import Postgres, Redis, check, free_port, http_json, http_raw, ws_connect


def postgres_gives_a_fresh_database():
    with Postgres() as pg:
        check(pg.url.startswith("postgresql://"), "Postgres() has a postgresql:// url", pg.url)
        check(pg.psql("SELECT 40 + 2", url=pg.url).strip() == "42", "the database answers SQL")
        name = pg.dbname
        pg.psql("CREATE TABLE t (id int)", url=pg.url)
        listed = pg.psql("SELECT datname FROM pg_database")
        check(name in listed.split(), "the database is listed on the server")
    if os.environ.get("MEETGATE_TEST_PG_URL"):
        shared = Postgres()
        shared._admin_url = os.environ["MEETGATE_TEST_PG_URL"]
        check(name not in shared.psql("SELECT datname FROM pg_database").split(),
              "the database is dropped on close")


def redis_answers():
    with Redis() as rd:
        check(rd.url.startswith("redis://127.0.0.1:"), "Redis() has a redis:// url", rd.url)
        check(rd.command("SET", "k", "v") == "+OK", "redis SET works")
        check(rd.command("GET", "k") == "$1", "redis GET answers a bulk string")
        port = rd.port
    check(not _port_open(port), "redis-server stopped on close")


def _port_open(port):
    import socket
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status = 418 if self.path == "/teapot" else 200
        payload = json.dumps({"got": json.loads(body), "ct": self.headers["Content-Type"]})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        pass


def http_helpers_do_not_raise():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    status, body, headers = http_json("POST", base + "/x", {"a": 1})
    check(status == 200 and body == {"got": {"a": 1}, "ct": "application/json"},
          "http_json sends and parses JSON", body)
    status, body, _ = http_json("POST", base + "/teapot", {"a": 2})
    check(status == 418 and body["got"] == {"a": 2}, "http_json returns 4xx without raising")
    status, raw, headers = http_raw("POST", base + "/x", b'{"b":1}',
                                    headers={"Content-Type": "text/plain"})
    check(status == 200 and b'"text/plain"' in raw, "http_raw sends bytes with given headers")
    check(headers.get("content-type") == "application/json", "headers are case-insensitive")
    server.shutdown()


def ws_client_works():
    port = free_port()
    started = threading.Event()

    async def echo(ws, _path):
        async for message in ws:
            await ws.send(message)

    def serve():
        async def main():
            async with websockets.serve(echo, "127.0.0.1", port):
                started.set()
                await asyncio.Future()
        asyncio.new_event_loop().run_until_complete(main())

    threading.Thread(target=serve, daemon=True).start()
    check(started.wait(10), "local WebSocket server started")
    ws = ws_connect(f"ws://127.0.0.1:{port}", "/")
    ws.send_json({"n": 1})
    check(ws.recv_json(timeout=5) == {"n": 1}, "ws recv_json gets the echo")
    try:
        ws.recv_json(timeout=0.2)
        check(False, "recv_json times out when nothing comes")
    except TimeoutError:
        check(True, "recv_json times out when nothing comes")
    ws.send_json({"n": 2})
    ws.send_json({"n": 3})
    check(ws.recv_until(lambda m: m["n"] == 3, timeout=5) == {"n": 3} and ws.skipped == [{"n": 2}],
          "recv_until skips to the match and keeps the rest")
    try:
        ws.ping(timeout=5)
        ponged = True
    except TimeoutError:
        ponged = False
    check(ponged, "protocol ping gets a pong")
    ws.close()
    check(ws.closed, "client closed")


postgres_gives_a_fresh_database()
redis_answers()
http_helpers_do_not_raise()
ws_client_works()
check.finish()
