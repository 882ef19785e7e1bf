#!/usr/bin/python3
"""Load: 500 signaling WebSocket clients in 50 meetings (10 per meeting; 100
users, each in 5 meetings) join, then each sends 2 chat messages. Every
client must receive every message of its meeting exactly once (20 each),
none of another meeting's, within a bounded time. Prints the figures."""
import asyncio
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import websockets  # noqa: E402
from meetgate_harness import check  # noqa: E402
from videoroom_testlib import Api, gateway, signaling_path  # noqa: E402

USERS = 100
MEETINGS = 50
PER_MEETING = 10
CHATS_EACH = 2
CHAT_DEADLINE_S = 60


def prepare(api):
    with ThreadPoolExecutor(8) as pool:
        users = list(pool.map(lambda i: api.user(f"load{i:03d}"), range(USERS)))
    meetings = []
    for m in range(MEETINGS):
        members = [users[(m % 10) * PER_MEETING + k] for k in range(PER_MEETING)]
        meetings.append((api.meeting(members[0], f"load {m}"), members))
    jobs = [(user, meeting_id) for meeting_id, members in meetings for user in members]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda job: api.join(*job), jobs))
    return meetings


class Client:
    def __init__(self, user, meeting_id, index):
        self.user, self.meeting_id, self.index = user, meeting_id, index
        self.ws = None
        self.chats = []
        self.others = []

    async def open(self, gw):
        path = signaling_path(self.user, self.meeting_id, peer_id=f"load-{self.index}")
        self.ws = await websockets.connect(gw.ws_url + path, open_timeout=30, max_queue=None)
        await self.ws.send(json.dumps({"type": "join-room"}))
        while True:
            msg = json.loads(await asyncio.wait_for(self.ws.recv(), 30))
            if msg["type"] == "room-info":
                return

    async def collect(self, expected, deadline):
        while len(self.chats) < expected:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                msg = json.loads(await asyncio.wait_for(self.ws.recv(), left))
            except asyncio.TimeoutError:
                return
            if msg["type"] == "chat":
                (self.chats if msg["meeting_id"] == self.meeting_id else self.others).append(msg["id"])

    async def linger(self, seconds):
        """Anything arriving after the expected count: duplicates show up here."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                msg = json.loads(await asyncio.wait_for(self.ws.recv(), end - time.monotonic()))
            except asyncio.TimeoutError:
                return
            if msg["type"] == "chat":
                self.chats.append(msg["id"])


async def run(gw, meetings):
    clients = []
    for meeting_id, members in meetings:
        for user in members:
            clients.append(Client(user, meeting_id, len(clients)))
    started = time.monotonic()
    limit = asyncio.Semaphore(50)

    async def open_one(client):
        async with limit:
            await client.open(gw)
    await asyncio.gather(*(open_one(c) for c in clients))
    joined_s = time.monotonic() - started
    print(f"# {len(clients)} clients joined in {joined_s:.2f}s")
    chat_start = time.monotonic()
    for n in range(CHATS_EACH):
        await asyncio.gather(*(c.ws.send(json.dumps({
            "id": f"{c.index}-{n}", "type": "chat", "payload": {"content": f"msg {n} from {c.index}"}}))
            for c in clients))
    expected = PER_MEETING * CHATS_EACH
    deadline = time.monotonic() + CHAT_DEADLINE_S
    await asyncio.gather(*(c.collect(expected, deadline) for c in clients))
    chat_s = time.monotonic() - chat_start
    await asyncio.gather(*(c.linger(1.0) for c in clients))
    total = sum(len(c.chats) for c in clients)
    print(f"# {total} chat deliveries in {chat_s:.2f}s ({total / max(chat_s, 1e-6):.0f}/s)")
    by_meeting = {}
    for c in clients:
        by_meeting.setdefault(c.meeting_id, []).append(c)
    exact = True
    for meeting_id, members in by_meeting.items():
        sent = sorted(f"{c.index}-{n}" for c in members for n in range(CHATS_EACH))
        for c in members:
            if sorted(c.chats) != sent or c.others:
                exact = False
                print(f"# client {c.index}: got {len(c.chats)} (unique {len(set(c.chats))}), foreign {len(c.others)}")
    check(len(clients) == USERS * 5 == MEETINGS * PER_MEETING, "500 clients in 50 meetings")
    check(exact, "every chat delivered exactly once to every member of its meeting only")
    check(chat_s < CHAT_DEADLINE_S, f"chat phase bounded ({chat_s:.1f}s < {CHAT_DEADLINE_S}s)")
    await asyncio.gather(*(c.ws.close() for c in clients))


def main():
    gw = gateway()
    gw.start()
    try:
        api = Api(gw)
        t0 = time.monotonic()
        meetings = prepare(api)
        print(f"# setup (100 users, 50 meetings, 500 REST joins) {time.monotonic() - t0:.1f}s")
        asyncio.run(run(gw, meetings))
        status, body, _ = api.call("GET", "/stats")
        check(status == 200 and body["data"]["chat_messages"] == MEETINGS * PER_MEETING * CHATS_EACH,
              "stats count every chat once", body)
    finally:
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
