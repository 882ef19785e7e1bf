"""aiortc test peer for the media engine tests (tests/media).

NumberedVideoTrack draws its frame number into each picture as 16 black or
white blocks (and the inverted bits below, as a check), so the receiver can
tell exactly which frames came back. SineAudioTrack sends a 440 Hz tone so an
echoed stream is told apart from silence. EchoPeer runs the echotest
signaling over the WebSocket transport.
"""

import asyncio
import fractions
import json
import math
import time

import numpy
from av import AudioFrame, VideoFrame
from aiortc import RTCPeerConnection, RTCRtpSender, RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp

from meetgate_ws import ws_connect_async, ws_recv_json

WIDTH, HEIGHT, BITS = 320, 240, 16
BLOCK = WIDTH // BITS


class NumberedVideoTrack(VideoStreamTrack):
    def __init__(self):
        super().__init__()
        self.sent = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        number = self.sent
        self.sent += 1
        image = numpy.full((HEIGHT, WIDTH, 3), 128, numpy.uint8)
        for bit in range(BITS):
            on = (number >> bit) & 1
            x = bit * BLOCK
            image[20:80, x:x + BLOCK] = 255 if on else 0
            image[140:200, x:x + BLOCK] = 0 if on else 255
        frame = VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts, frame.time_base = pts, time_base
        return frame


def read_frame_number(frame):
    """The number drawn by NumberedVideoTrack, or None if the check fails."""
    gray = frame.to_ndarray(format="gray")
    if gray.shape != (HEIGHT, WIDTH):
        return None
    number = 0
    for bit in range(BITS):
        x = bit * BLOCK
        top = gray[35:65, x + 4:x + BLOCK - 4].mean() > 128
        bottom = gray[155:185, x + 4:x + BLOCK - 4].mean() > 128
        if top == bottom:
            return None
        number |= int(top) << bit
    return number


class SineAudioTrack(MediaStreamTrack):
    kind = "audio"
    RATE, SAMPLES = 48000, 960

    def __init__(self):
        super().__init__()
        self._pts = 0
        self._start = None

    async def recv(self):
        if self._start is None:
            self._start = time.monotonic()
        wait = self._start + self._pts / self.RATE - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        t = (numpy.arange(self.SAMPLES) + self._pts) / self.RATE
        samples = (numpy.sin(2 * math.pi * 440 * t) * 8000).astype(numpy.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, self.RATE)
        self._pts += self.SAMPLES
        return frame


def prefer_codec(transceiver, mime):
    codecs = RTCRtpSender.getCapabilities(transceiver.kind).codecs
    transceiver.setCodecPreferences([c for c in codecs if c.mimeType == mime])


class EchoPeer:
    """An aiortc PeerConnection talking to the echotest plugin."""

    def __init__(self, gw, path="/ws/echotest"):
        self.gw, self.path = gw, path
        self.pc = RTCPeerConnection()
        self.ws = None
        self.events = []          # every message the gateway pushed
        self.video_numbers = []   # decoded frame numbers, in arrival order
        self.bad_video_frames = 0
        self.audio_frames = 0
        self.audio_rms = []
        self.connected = asyncio.Event()
        self.hangup = asyncio.Event()
        self.answer_future = None
        self._tasks = []
        self.pc.on("track", self._on_track)

    async def connect(self):
        self.ws = await ws_connect_async(self.gw, self.path)
        self._tasks.append(asyncio.ensure_future(self._read()))

    async def _read(self):
        while True:
            try:
                message = json.loads(await self.ws.recv())
            except Exception:
                return
            self.events.append(message)
            kind = message.get("type")
            if kind in ("answer", "error") and self.answer_future and not self.answer_future.done():
                self.answer_future.set_result(message)
            elif kind == "candidate":
                await self._add_candidate(message.get("candidate") or {})
            elif kind == "media" and message.get("state") == "connected":
                self.connected.set()
            elif kind == "hangup":
                self.hangup.set()

    async def _add_candidate(self, candidate):
        text = candidate.get("candidate")
        if not text:
            return
        parsed = candidate_from_sdp(text.split(":", 1)[1])
        parsed.sdpMid = candidate.get("sdpMid")
        parsed.sdpMLineIndex = candidate.get("sdpMLineIndex")
        await self.pc.addIceCandidate(parsed)

    def _on_track(self, track):
        reader = self._read_video if track.kind == "video" else self._read_audio
        self._tasks.append(asyncio.ensure_future(reader(track)))

    async def _read_video(self, track):
        while True:
            try:
                frame = await track.recv()
            except Exception:
                return
            number = read_frame_number(frame)
            if number is None:
                self.bad_video_frames += 1
            else:
                self.video_numbers.append(number)

    async def _read_audio(self, track):
        while True:
            try:
                frame = await track.recv()
            except Exception:
                return
            self.audio_frames += 1
            samples = frame.to_ndarray().astype(numpy.float64)
            self.audio_rms.append(float(numpy.sqrt((samples ** 2).mean())))

    async def offer(self, sdp=None, timeout=15):
        """Send an offer (ours unless `sdp` is given); the answer or error frame."""
        if sdp is None:
            await self.pc.setLocalDescription(await self.pc.createOffer())
            sdp = self.pc.localDescription.sdp
        self.answer_future = asyncio.get_event_loop().create_future()
        await self.ws.send(json.dumps({"type": "offer", "sdp": sdp, "transaction": "offer-1"}))
        return await asyncio.wait_for(self.answer_future, timeout)

    async def accept(self, answer):
        await self.pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))

    async def close(self):
        for task in self._tasks:
            task.cancel()
        await self.pc.close()
        if self.ws is not None:
            await self.ws.close()


async def wait_until(predicate, timeout, interval=0.05):
    """True once predicate() holds, False at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(interval)
    return predicate()
