"""Media through the echotest plugin with a real WebRTC peer (aiortc): the
offer gets an answer, ICE + DTLS-SRTP connect, and the video we send comes
back (raw-RTP echo). Also: a garbage offer is an error frame, not a crash,
and hangup ends the PeerConnection with a {"type":"hangup"} push."""

import asyncio
import fractions
import json

import numpy
from aiortc import RTCPeerConnection, RTCSessionDescription, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp
from av import VideoFrame

from foundation import sanitizer_clean
from meetgate_harness import Gateway, check, ws_connect_async

COLOR = (200, 40, 90)  # RGB of every frame we send


class SolidColorTrack(VideoStreamTrack):
    """320x240 frames of one colour at 30 fps."""

    def __init__(self):
        super().__init__()
        self.image = numpy.zeros((240, 320, 3), numpy.uint8)
        self.image[:, :] = COLOR

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = VideoFrame.from_ndarray(self.image, format="rgb24")
        frame.pts, frame.time_base = pts, time_base or fractions.Fraction(1, 90000)
        return frame


async def recv_where(ws, predicate, timeout):
    """The next message matching `predicate`; the messages passed over on the
    way (trickle candidates, state pushes) are kept in `pending_candidates`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), max(0.01, deadline - loop.time())))
        if predicate(msg):
            return msg
        pending_candidates.append(msg)


pending_candidates = []


async def add_remote_candidates(pc, messages):
    for msg in messages:
        cand = msg.get("candidate") if msg.get("type") == "candidate" else None
        if isinstance(cand, dict) and cand.get("candidate"):
            ice = candidate_from_sdp(cand["candidate"].split(":", 1)[1])
            ice.sdpMid, ice.sdpMLineIndex = cand.get("sdpMid"), cand.get("sdpMLineIndex")
            await pc.addIceCandidate(ice)


async def garbage_offer_is_refused(gw):
    ws = await ws_connect_async(gw, "/ws/echotest")
    await ws.send(json.dumps({"type": "offer", "transaction": "bad", "sdp": "this is not SDP"}))
    msg = await recv_where(ws, lambda m: m.get("transaction") == "bad", 15)
    check(msg.get("type") == "error" and 400 <= msg["payload"]["code"] < 600,
          "a garbage offer gets an error frame", msg)
    await ws.send(json.dumps({"type": "echo", "transaction": "after", "payload": 1}))
    msg = await recv_where(ws, lambda m: m.get("transaction") == "after" and m.get("type") == "echo", 10)
    check(msg.get("payload") == 1, "the session still works after a refused offer", msg)
    await ws.close()


async def video_is_echoed(gw):
    ws = await ws_connect_async(gw, "/ws/echotest")
    pc = RTCPeerConnection()
    pc.addTrack(SolidColorTrack())
    received = asyncio.get_running_loop().create_future()

    @pc.on("track")
    def on_track(track):
        if track.kind == "video" and not received.done():
            received.set_result(track)

    await pc.setLocalDescription(await pc.createOffer())
    await ws.send(json.dumps({"type": "offer", "transaction": "o1", "sdp": pc.localDescription.sdp}))
    answer = await recv_where(ws, lambda m: m.get("transaction") == "o1", 20)
    if not check(answer.get("type") == "answer" and "m=video" in answer.get("sdp", ""),
                 "the offer is answered with an SDP answer", answer):
        await pc.close()
        await ws.close()
        return
    await pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))
    await add_remote_candidates(pc, pending_candidates)
    pending_candidates.clear()

    async def trickle():  # the gateway may trickle candidates after the answer
        async for raw in ws:
            msg = json.loads(raw)
            await add_remote_candidates(pc, [msg])
            pending_candidates.append(msg)

    trickler = asyncio.ensure_future(trickle())
    try:
        track = await asyncio.wait_for(received, 20)
        frames = []
        for _ in range(15):  # let the encoder settle, then look at the colour
            frames.append(await asyncio.wait_for(track.recv(), 20))
        image = frames[-1].to_ndarray(format="rgb24")
        mean = image.reshape(-1, 3).mean(axis=0)
        check(all(abs(m - c) < 30 for m, c in zip(mean, COLOR)),
              f"the echoed video has the colour we sent (mean {mean.round()})")
    except asyncio.TimeoutError:
        check(False, "echoed video frames arrive within 20 s", pc.iceConnectionState)
    connected = any(m.get("type") == "media" and m.get("state") == "connected"
                    for m in pending_candidates)
    check(connected, "the plugin pushed {\"type\":\"media\",\"state\":\"connected\"}")

    await ws.send(json.dumps({"type": "info", "transaction": "i1"}))
    try:
        await asyncio.wait_for(_until(lambda: _with_txn("i1")), 10)
        info = _with_txn("i1")
        check(info.get("rtp_in", 0) > 0 and info.get("pc", 0) != 0,
              "the plugin saw RTP on its PeerConnection (incoming_rtp)", info)
    except asyncio.TimeoutError:
        check(False, "the session info is answered during media")

    await ws.send(json.dumps({"type": "hangup", "transaction": "h1"}))
    try:
        await asyncio.wait_for(_until(lambda: any(m.get("type") == "hangup" for m in pending_candidates)), 15)
        check(True, "hangup: the plugin pushes {\"type\":\"hangup\"}")
    except asyncio.TimeoutError:
        check(False, "hangup: the plugin pushes {\"type\":\"hangup\"}", pending_candidates[-5:])
    trickler.cancel()
    await pc.close()
    await ws.close()


def _with_txn(transaction):
    return next((m for m in pending_candidates if m.get("transaction") == transaction), None)


async def _until(predicate):
    while not predicate():
        await asyncio.sleep(0.05)


async def main():
    gw = Gateway().start()
    try:
        await garbage_offer_is_refused(gw)
        await video_is_echoed(gw)
    finally:
        code = gw.stop()
    check(code == 0, "the daemon exits 0 after media sessions", code)
    check(sanitizer_clean(gw.log()), "no sanitizer report in the daemon log")


asyncio.run(main())
check.finish()
