"""A videoroom participant made of python3-aiortc (Debian's 1.4): the
signaling WebSocket, a publishing RTCPeerConnection (synthetic audio+video,
we offer) and a subscribing one (the server offers). Counts decoded frames
per (user_id, kind) so tests can see media arrive and stop."""
import asyncio
import fractions
import json
import time

import av

import websockets
from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp

from videoroom_testlib import signaling_path


class SmallVideoTrack(VideoStreamTrack):
    """160x120 frames at 15 fps: cheap to encode and decode on a busy CI box."""

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame(width=160, height=120, format="yuv420p")
        for plane in frame.planes:
            plane.update(bytes([(pts // 3000) % 256]) * plane.buffer_size)
        frame.pts, frame.time_base = pts, time_base
        return frame

    async def next_timestamp(self):
        if not hasattr(self, "_start"):
            self._start, self._ts = time.time(), 0
        else:
            self._ts += 6000  # 90 kHz / 15 fps
            await asyncio.sleep(max(0, self._start + self._ts / 90000 - time.time()))
        return self._ts, fractions.Fraction(1, 90000)


class SfuPeer:
    def __init__(self, gw, user, meeting_id):
        self.gw, self.user, self.meeting_id = gw, user, meeting_id
        self.ws = None
        self.publisher = RTCPeerConnection()
        self.subscriber = None
        self.streams = {}       # subscriber mid -> stream entry from the server's offer
        self.frames = {}        # (user_id, kind) -> decoded frames
        self.messages = []      # every signaling message, in order
        self.offers = []        # streams lists of each server offer
        self.closed = asyncio.Event()
        self._tasks = []
        self._answered = asyncio.Event()
        self.handled = 0
        self.failures = []      # exceptions raised applying server messages

    async def connect(self):
        path = signaling_path(self.user, self.meeting_id, peer_id=f"aiortc-{self.user['name']}")
        self.ws = await websockets.connect(self.gw.ws_url + path, open_timeout=20, max_size=2**22)
        self._tasks.append(asyncio.ensure_future(self._reader()))
        await self.send("join-room", {})  # subscribed to every publisher (the default)

    async def send(self, type_, payload, **extra):
        await self.ws.send(json.dumps(dict({"type": type_, "payload": payload}, **extra)))

    async def publish(self, audio=None, video=None):
        """Offers audio+video (silence and flat frames unless tracks are given)."""
        self.publisher.addTransceiver(audio or AudioStreamTrack(), direction="sendonly")
        self.publisher.addTransceiver(video or SmallVideoTrack(), direction="sendonly")
        offer = await self.publisher.createOffer()
        await self.publisher.setLocalDescription(offer)  # aiortc gathers before returning
        await self.send("offer", {"type": "offer", "sdp": self.publisher.localDescription.sdp,
                                  "pc": "publisher"})
        await asyncio.wait_for(self._answered.wait(), 20)

    async def _reader(self):
        # Reading never waits for SDP work (a slow setRemoteDescription must
        # not stop pongs and notices); the handler applies messages in order.
        inbox = asyncio.Queue()
        self._tasks.append(asyncio.ensure_future(self._handler(inbox)))
        try:
            async for raw in self.ws:
                message = json.loads(raw)
                self.messages.append(message)
                inbox.put_nowait(message)
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            self.closed.set()

    async def _handler(self, inbox):
        while True:
            message = await inbox.get()
            try:
                await self._handle(message)
                self.handled += 1
            except Exception as err:  # noqa: BLE001 - recorded for the test's report
                self.failures.append(f"{message.get('type')}: {err!r}")

    async def _handle(self, message):
        payload = message.get("payload") or {}
        kind = message.get("type")
        if kind == "answer" and payload.get("pc") == "publisher":
            await self.publisher.setRemoteDescription(RTCSessionDescription(payload["sdp"], "answer"))
            self._answered.set()
        elif kind == "offer" and payload.get("pc") == "subscriber":
            await self._on_server_offer(payload)
        elif kind == "ice-candidate" and payload.get("candidate"):
            pc = self.subscriber if payload.get("pc") == "subscriber" else self.publisher
            if pc is not None:
                candidate = candidate_from_sdp(payload["candidate"].split(":", 1)[1])
                candidate.sdpMid = payload.get("sdpMid")
                candidate.sdpMLineIndex = payload.get("sdpMLineIndex")
                await pc.addIceCandidate(candidate)

    async def _on_server_offer(self, payload):
        self.offers.append(payload.get("streams", []))
        for entry in payload.get("streams", []):
            self.streams[entry["mid"]] = entry
        if self.subscriber is None:
            self.subscriber = RTCPeerConnection()
            self.subscriber.on("track", self._on_track)
        await self.subscriber.setRemoteDescription(RTCSessionDescription(payload["sdp"], "offer"))
        answer = await self.subscriber.createAnswer()
        await self.subscriber.setLocalDescription(answer)
        await self.send("answer", {"type": "answer", "sdp": self.subscriber.localDescription.sdp,
                                   "pc": "subscriber"})

    def _on_track(self, track):
        mid = next((t.mid for t in self.subscriber.getTransceivers()
                    if t.receiver and t.receiver.track is track), None)
        self._tasks.append(asyncio.ensure_future(self._count(mid, track)))

    async def _count(self, mid, track):
        while True:
            try:
                await track.recv()
            except MediaStreamError:
                return
            entry = self.streams.get(mid, {})
            key = (entry.get("user_id"), track.kind)
            self.frames[key] = self.frames.get(key, 0) + 1

    def count(self, user_id, kind):
        return self.frames.get((user_id, kind), 0)

    async def wait_for(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(what)
            await asyncio.sleep(0.1)

    async def close(self):
        for task in self._tasks:
            task.cancel()
        if self.ws is not None:
            await self.ws.close()
        await self.publisher.close()
        if self.subscriber is not None:
            await self.subscriber.close()
