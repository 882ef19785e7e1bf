"""The media router with real peers: one aiortc peer publishes VP8 video,
two aiortc peers consume it through the router (a test plugin,
router_probe_plugin.cpp, makes producers and MG_CONSUMER_PEER consumers and
renegotiates with pc_create_offer). Both decode the publisher's numbered
frames; the late one gets a keyframe soon after it connects; the router's
stats count the packets; when the publisher leaves, consumers are told."""

import asyncio
import base64
import json
import os
import socket
import sys
import tempfile
import time

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.sdp import candidate_from_sdp
from pylibsrtp import Policy, Session

from meetgate_harness import BUILD_DIR, Gateway, check
from meetgate_ws import ws_connect_async

from media_peer import NumberedVideoTrack, prefer_codec, read_frame_number, wait_until

PATH = "/ws/routerprobe"

# Receivers that lose packets on purpose: every 12th sequence number is
# dropped once, so the subscriber NACKs it and the router must answer from
# its retransmission buffer.
LOSSY, DROPPED = set(), set()
_deliver = RTCRtpReceiver._handle_rtp_packet


async def _lossy_deliver(self, packet, arrival_time_ms):
    key = (id(self), packet.sequence_number)
    if self in LOSSY and packet.sequence_number % 12 == 5 and key not in DROPPED:
        DROPPED.add(key)
        return None
    return await _deliver(self, packet, arrival_time_ms)


RTCRtpReceiver._handle_rtp_packet = _lossy_deliver


class ProbePeer:
    def __init__(self, gw, name):
        self.gw, self.name = gw, name
        self.pc = RTCPeerConnection()
        self.events, self.numbers = [], []
        self.frames = 0  # decoded, whether or not the pattern reads back
        self.connected_at = self.first_frame_at = None
        self.replies = asyncio.Queue()
        self.tasks = []
        self.pc.on("track", lambda track: self.tasks.append(asyncio.ensure_future(self._frames(track))))
        self.pc.on("connectionstatechange", self._state)

    def _state(self):
        if self.pc.connectionState == "connected" and self.connected_at is None:
            self.connected_at = time.monotonic()

    async def open(self):
        self.ws = await ws_connect_async(self.gw, PATH)
        self.tasks.append(asyncio.ensure_future(self._read()))

    async def _read(self):
        while True:
            try:
                message = json.loads(await self.ws.recv())
            except Exception:
                return
            self.events.append(message)
            if message.get("type") == "candidate":
                candidate = message["candidate"]
                parsed = candidate_from_sdp(candidate["candidate"].split(":", 1)[1])
                parsed.sdpMid, parsed.sdpMLineIndex = candidate["sdpMid"], candidate["sdpMLineIndex"]
                await self.pc.addIceCandidate(parsed)
            elif message.get("transaction"):
                await self.replies.put(message)

    async def request(self, body, timeout=15):
        body = dict(body, transaction=f"{self.name}-{time.monotonic_ns()}")
        await self.ws.send(json.dumps(body))
        return await asyncio.wait_for(self.replies.get(), timeout)

    async def _frames(self, track):
        while True:
            try:
                frame = await track.recv()
            except Exception:
                return
            self.frames += 1
            number = read_frame_number(frame)
            if number is not None:
                if self.first_frame_at is None:
                    self.first_frame_at = time.monotonic()
                self.numbers.append(number)

    def event_named(self, name):
        return [e["event"] for e in self.events
                if e.get("type") == "event" and e["event"].get("event") == name]

    async def close(self):
        for task in self.tasks:
            task.cancel()
        await self.pc.close()
        await self.ws.close()


async def subscribe(peer, producer, lossy=False):
    offer = await peer.request({"type": "subscribe", "producer": producer})
    check(offer.get("type") == "offer" and "a=sendonly" in offer.get("sdp", ""),
          f"{peer.name}: server offer with a sendonly m-line", offer)
    if offer.get("type") != "offer":
        return None
    await peer.pc.setRemoteDescription(RTCSessionDescription(offer["sdp"], "offer"))
    if lossy:
        LOSSY.update(t.receiver for t in peer.pc.getTransceivers())
    await peer.pc.setLocalDescription(await peer.pc.createAnswer())
    reply = await peer.request({"type": "answer", "sdp": peer.pc.localDescription.sdp})
    check(reply.get("type") == "ok", f"{peer.name}: answer applied", reply)
    return offer


async def scenario(gw):
    publisher = ProbePeer(gw, "publisher")
    a, b = ProbePeer(gw, "sub-a"), ProbePeer(gw, "sub-b")
    video = NumberedVideoTrack()
    try:
        await publisher.open()
        prefer_codec(publisher.pc.addTransceiver(video, direction="sendonly"), "video/VP8")
        await publisher.pc.setLocalDescription(await publisher.pc.createOffer())
        answer = await publisher.request({"type": "publish", "sdp": publisher.pc.localDescription.sdp})
        check(answer.get("type") == "answer", "publisher: answer", answer)
        await publisher.pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))
        got = await wait_until(lambda: any(e.get("type") == "producer" for e in publisher.events), 20)
        check(got, "publisher: its video became a producer")
        producer = next(e["producer"] for e in publisher.events if e.get("type") == "producer")
        check(producer > 0, f"producer id {producer}")

        await a.open()
        offer_a = await subscribe(a, producer, lossy=True)
        check(await wait_until(lambda: len(a.numbers) >= 30, 30),
              f"sub-a decodes the publisher's frames ({len(a.numbers)} of {a.frames})")
        await b.open()
        await subscribe(b, producer)
        check(await wait_until(lambda: len(b.numbers) >= 30, 30),
              f"sub-b (late) decodes the publisher's frames ({len(b.numbers)} of {b.frames})")
        # sub-a loses packets on purpose (its decoder shows the damage until
        # repairs arrive), so the exact frame sequence is checked on sub-b.
        nums = b.numbers
        check(nums == sorted(nums) and len(set(nums)) == len(nums) and max(nums) < video.sent,
              "sub-b: frame numbers increase and were all sent", nums[:20])
        if b.connected_at and b.first_frame_at:
            delay = (b.first_frame_at - b.connected_at) * 1000
            print(f"late subscriber: first decoded frame {delay:.0f} ms after connecting", flush=True)
            check(delay < 1500, f"late subscriber gets a keyframe quickly ({delay:.0f} ms)")
        stats = await a.request({"type": "stats", "producer": producer})
        check(stats.get("stats", {}).get("packets", 0) > 0, "producer stats count packets", stats)
        consumer_a = offer_a["consumer"] if offer_a else 0
        stats = await a.request({"type": "stats", "consumer": consumer_a})
        check(stats.get("stats", {}).get("packets", 0) > 0, "consumer stats count packets", stats)
        repaired = stats.get("stats", {}).get("retransmitted", 0)
        check(len(DROPPED) > 0 and repaired > 0,
              f"sub-a lost {len(DROPPED)} packets on purpose; the router retransmitted "
              f"{repaired} from its buffer (NACK)", stats)
        status, body, _ = gw.http("GET", "/health")
        media = body.get("data", body).get("media", {})
        check(media.get("producers") == 1 and media.get("consumers") == 2,
              "/health counts 1 producer and 2 consumers", media)

        await publisher.close()  # the publisher disappears
        told = await wait_until(lambda: a.event_named("consumer-closed") and
                                b.event_named("consumer-closed"), 10)
        check(told, "both consumers are told when the producer goes away",
              [a.events[-3:], b.events[-3:]])
        check(await wait_until(lambda: gw.http("GET", "/health")[1].get("data", {})
                               .get("media", {}).get("producers") == 0, 5),
              "the producer is removed")
    finally:
        for peer in (a, b):
            if getattr(peer, "ws", None):
                await peer.close()


async def ice_lite_publisher(gw):
    """pc_create {"ice_lite": true}: the answer says a=ice-lite, the aiortc
    peer (full ICE, controlling) still connects and its track becomes a
    producer."""
    peer = ProbePeer(gw, "lite")
    try:
        await peer.open()
        prefer_codec(peer.pc.addTransceiver(NumberedVideoTrack(), direction="sendonly"), "video/VP8")
        await peer.pc.setLocalDescription(await peer.pc.createOffer())
        answer = await peer.request({"type": "publish", "sdp": peer.pc.localDescription.sdp,
                                     "options": {"ice_lite": True}})
        check("a=ice-lite" in answer.get("sdp", ""), "ICE-lite answer says a=ice-lite", answer)
        await peer.pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))
        check(await wait_until(lambda: any(e.get("type") == "producer" for e in peer.events), 20),
              "ICE-lite PeerConnection connects and produces")
    finally:
        await peer.close()


def udp_pair():
    """A bound RTP socket whose port+1 is free for RTCP, or None."""
    for _ in range(20):
        rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rtp.bind(("127.0.0.1", 0))
        rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            rtcp.bind(("127.0.0.1", rtp.getsockname()[1] + 1))
            rtp.setblocking(False)
            return rtp, rtcp
        except OSError:
            rtp.close()
            rtcp.close()
    return None


async def receive_datagrams(sock, count, timeout):
    loop, got = asyncio.get_running_loop(), []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        try:
            got.append(await asyncio.wait_for(loop.sock_recv(sock, 2048), 0.5))
        except asyncio.TimeoutError:
            pass
    return got


async def local_consumers(gw):
    """MG_CONSUMER_SINK and MG_CONSUMER_FORWARDER (plain RTP and SRTP)."""
    peer = ProbePeer(gw, "source")
    plain, secure = udp_pair(), udp_pair()
    try:
        await peer.open()
        prefer_codec(peer.pc.addTransceiver(NumberedVideoTrack(), direction="sendonly"), "video/VP8")
        await peer.pc.setLocalDescription(await peer.pc.createOffer())
        answer = await peer.request({"type": "publish", "sdp": peer.pc.localDescription.sdp})
        await peer.pc.setRemoteDescription(RTCSessionDescription(answer["sdp"], "answer"))
        check(await wait_until(lambda: any(e.get("type") == "producer" for e in peer.events), 20),
              "source: producing")
        producer = next(e["producer"] for e in peer.events if e.get("type") == "producer")
        sink = await peer.request({"type": "sink", "producer": producer})
        check(sink.get("type") == "ok", "sink consumer created", sink)
        key = os.urandom(30)
        forward = await peer.request({"type": "forward", "producer": producer,
                                      "port": plain[0].getsockname()[1]})
        check(forward.get("type") == "ok", "plain RTP forwarder created", forward)
        secured = await peer.request({"type": "forward", "producer": producer,
                                      "port": secure[0].getsockname()[1],
                                      "srtp_key": base64.b64encode(key).decode()})
        check(secured.get("type") == "ok", "SRTP forwarder created", secured)
        bad = await peer.request({"type": "forward", "producer": producer, "port": 9,
                                  "srtp_key": base64.b64encode(b"short").decode()})
        check(bad.get("type") == "error", "a forwarder with a bad SRTP key is refused", bad)

        packets = await receive_datagrams(plain[0], 30, 20)
        rtp = [p for p in packets if len(p) >= 12 and p[0] >> 6 == 2 and p[1] & 0x7F == 97]
        check(len(rtp) >= 30, f"plain forwarder delivers RTP (PT 97): {len(rtp)} packets")
        packets = await receive_datagrams(secure[0], 30, 20)
        session = Session(policy=Policy(key=key, ssrc_type=Policy.SSRC_ANY_INBOUND,
                                        srtp_profile=Policy.SRTP_PROFILE_AES128_CM_SHA1_80))
        decrypted = 0
        for packet in packets:
            try:
                plain_packet = session.unprotect(packet)
                decrypted += plain_packet[1] & 0x7F == 97
            except Exception:
                pass
        check(decrypted >= 30, f"SRTP forwarder's packets decrypt with the key: {decrypted}")
        stats = await peer.request({"type": "sink_stats"})
        check(stats.get("packets", 0) >= 30 and stats.get("vp8") and stats.get("payload_type") == 97,
              "the sink callback gets the producer's VP8 packets", stats)
        await peer.close()
        deadline, closed = time.monotonic() + 10, 0
        while closed < 1 and time.monotonic() < deadline:
            closed = await sink_closed_count(gw)
            await asyncio.sleep(0.1)
        check(closed >= 1, "the sink's closed callback runs when the producer goes away")
    finally:
        for pair in (plain, secure):
            for sock in pair or ():
                sock.close()


async def sink_closed_count(gw):
    probe = ProbePeer(gw, "probe")
    await probe.open()
    try:
        return (await probe.request({"type": "sink_stats"})).get("closed", 0)
    finally:
        await probe.close()


async def main():
    plugins = tempfile.mkdtemp(prefix="mg-routerprobe-")
    os.symlink(os.path.join(BUILD_DIR, "tests", "media", "plugins",
                            "libmeetgate_plugin_routerprobe.so"),
               os.path.join(plugins, "libmeetgate_plugin_routerprobe.so"))
    gw = Gateway(extra_env={"MEETGATE_PLUGINS_DIR": plugins})
    gw.start()
    try:
        await scenario(gw)
        await ice_lite_publisher(gw)
        await local_consumers(gw)
    finally:
        code = gw.stop()
        check(code == 0, f"gateway exits cleanly (exit code {code})", gw.log()[-3000:])


asyncio.run(main())
sys.exit(check.finish())
