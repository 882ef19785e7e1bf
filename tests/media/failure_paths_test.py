"""Failure paths of the media engine, against the real daemon and real
aiortc peers through the echotest plugin:
 - a malformed SDP offer gets an error frame and the gateway runs on;
 - a peer that never completes ICE is cleaned up after media.ice_timeout
   (hangup "ice-timeout", the PeerConnection is gone from /health);
 - 10,000 random or truncated RTP/RTCP/STUN/DTLS datagrams sent to a live
   PeerConnection's port crash nothing and its echo keeps flowing;
 - a peer whose WebSocket disappears has its PeerConnection closed."""

import asyncio
import os
import random
import re
import socket
import sys

from meetgate_harness import Gateway, check

from media_peer import EchoPeer, NumberedVideoTrack, prefer_codec, wait_until

ICE_TIMEOUT = 3
MALFORMED = [
    "",
    "hello world",
    "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
    "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"
    "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:sha-256 AA\r\n",
    "v=0\r\n" + "a=rtpmap:999999 x/y/z\r\n" * 50,
    "\x00\xff" * 300,
]


def media_stats(gw):
    status, body, _ = gw.http("GET", "/health")
    data = body.get("data", body) if isinstance(body, dict) else {}
    return status, (data.get("media") or {})


def conf_with_ice_timeout(seconds):
    path = os.path.join(os.environ["MEETGATE_SOURCE_DIR"], "conf", "meetgate.jcfg")
    with open(path) as f:
        text = f.read()
    return re.sub(r"#?ice_timeout = \d+", f"ice_timeout = {seconds}", text)


async def malformed_offers(gw):
    peer = EchoPeer(gw)
    try:
        await peer.connect()
        for sdp in MALFORMED:
            reply = await peer.offer(sdp=sdp)
            check(reply.get("type") == "error" and reply["payload"]["code"] >= 400,
                  f"malformed offer {sdp[:24]!r} -> error frame", reply)
    finally:
        await peer.close()
    status, stats = media_stats(gw)
    check(status == 200, "gateway healthy after malformed offers")
    check(await wait_until(lambda: media_stats(gw)[1].get("peer_connections") == 0, 5),
          "no PeerConnection left behind by refused offers", stats)


async def never_connects(gw):
    peer = EchoPeer(gw)
    try:
        await peer.connect()
        peer.pc.addTransceiver(NumberedVideoTrack(), direction="sendrecv")
        answer = await peer.offer()
        check(answer.get("type") == "answer", "answer for the peer that will not connect")
        # The answer is never applied: this peer never runs ICE or DTLS.
        check(media_stats(gw)[1].get("peer_connections") == 1, "its PeerConnection exists")
        hung_up = await wait_until(lambda: peer.hangup.is_set(), ICE_TIMEOUT + 10)
        reasons = [e.get("reason") for e in peer.events if e.get("type") == "hangup"]
        check(hung_up and reasons == ["ice-timeout"], "hangup with reason ice-timeout", reasons)
        check(await wait_until(lambda: media_stats(gw)[1].get("peer_connections") == 0, 5),
              "the PeerConnection is gone after the timeout")
    finally:
        await peer.close()


def garbage_datagrams(count, seed=7):
    rng = random.Random(seed)
    real_rtp = bytes([0x90, 97, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4, 0xBE, 0xDE, 0, 1, 0x10, 0x30, 0, 0])
    stun = bytes([0, 1, 0, 8, 0x21, 0x12, 0xA4, 0x42]) + bytes(12) + bytes([0, 6, 0, 4]) + b"ab:c"
    for i in range(count):
        kind = i % 6
        size = rng.randrange(0, 1300)
        body = bytearray(rng.getrandbits(8) for _ in range(size))
        if kind == 0 and body:
            body[0] = rng.choice([0, 1, 2, 3])                   # STUN range
        elif kind == 1 and body:
            body[0] = rng.randrange(20, 64)                      # DTLS range
        elif kind == 2 and len(body) > 1:
            body[0], body[1] = 0x80 | rng.randrange(0, 64), rng.randrange(0, 128)   # RTP
        elif kind == 3 and len(body) > 1:
            body[0], body[1] = 0x80 | rng.randrange(0, 32), rng.randrange(192, 224)  # RTCP
        elif kind == 4:
            body = bytearray((real_rtp if i % 2 else stun)[:rng.randrange(0, 24)])   # truncated
        yield bytes(body)


async def flood_live_port(gw):
    peer = EchoPeer(gw)
    video = NumberedVideoTrack()
    try:
        await peer.connect()
        prefer_codec(peer.pc.addTransceiver(video, direction="sendrecv"), "video/VP8")
        answer = await peer.offer()
        await peer.accept(answer)
        check(await wait_until(lambda: len(peer.video_numbers) >= 10, 20),
              "live session echoes before the flood")
        ports = [int(m) for m in re.findall(r"a=candidate:\S+ 1 UDP \d+ 127\.0\.0\.1 (\d+) typ host",
                                             answer["sdp"])]
        check(bool(ports), "the answer offers a loopback candidate", answer["sdp"])
        # From a stranger's address: libnice must ignore them.
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for datagram in garbage_datagrams(2000, seed=3):
            for port in ports:
                sock.sendto(datagram, ("127.0.0.1", port))
        sock.close()
        # Through the peer's own selected ICE pair: these reach the engine's
        # demultiplexer, DTLS and SRTP.
        _, before_stats = media_stats(gw)
        ice = peer.pc.getTransceivers()[0].sender.transport.transport._connection
        sent = 0
        for datagram in garbage_datagrams(10000):
            if datagram:
                await ice.send(datagram)
            sent += 1
            if sent % 200 == 0:
                await asyncio.sleep(0.01)  # let the echo keep flowing meanwhile
        _, after_stats = media_stats(gw)
        rejected = sum(after_stats.get(k, 0) - before_stats.get(k, 0)
                       for k in ("dropped_packets", "srtp_errors"))
        check(rejected >= 5000, f"the engine saw and rejected the garbage ({rejected} packets)",
              after_stats)
        before = len(peer.video_numbers)
        check(await wait_until(lambda: len(peer.video_numbers) >= before + 20, 20),
              f"echo continues after {sent} garbage datagrams "
              f"({len(peer.video_numbers) - before} more frames)")
        status, stats = media_stats(gw)
        check(status == 200 and stats.get("peer_connections") == 1,
              "gateway healthy, the live PeerConnection still there", stats)
    finally:
        await peer.close()
    check(await wait_until(lambda: media_stats(gw)[1].get("peer_connections") == 0, 10),
          "closing the WebSocket closes its PeerConnection")


async def main():
    gw = Gateway(conf={"meetgate.jcfg": conf_with_ice_timeout(ICE_TIMEOUT)})
    gw.start()
    try:
        await malformed_offers(gw)
        await never_connects(gw)
        await flood_live_port(gw)
    finally:
        code = gw.stop()
        check(code == 0, f"gateway exits cleanly (exit code {code})", gw.log()[-3000:])


asyncio.run(main())
sys.exit(check.finish())
