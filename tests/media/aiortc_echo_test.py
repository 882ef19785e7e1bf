"""A python3-aiortc peer sends VP8 (then H.264) video and Opus audio to the
echotest plugin over the WebSocket transport; ICE and DTLS-SRTP complete over
loopback and the peer decodes its own frames back, checked frame by frame
(the frame number is drawn into the picture), and hears its own tone."""

import asyncio
import re
import sys

from meetgate_harness import Gateway, check

from media_peer import EchoPeer, NumberedVideoTrack, SineAudioTrack, prefer_codec, wait_until

FRAMES_WANTED = 30
PORT_MIN, PORT_MAX = 41000, 41400  # media.rtp_port_min/max through the environment


async def echo_round(gw, codec):
    peer = EchoPeer(gw)
    video = NumberedVideoTrack()
    try:
        await peer.connect()
        prefer_codec(peer.pc.addTransceiver(video, direction="sendrecv"), codec)
        peer.pc.addTransceiver(SineAudioTrack(), direction="sendrecv")
        answer = await peer.offer()
        check(answer.get("type") == "answer" and "sdp" in answer, f"{codec}: answer received",
              answer)
        if answer.get("type") != "answer":
            return
        sdp = answer["sdp"]
        check("a=fingerprint:sha-256" in sdp and "a=group:BUNDLE" in sdp,
              f"{codec}: answer has a fingerprint and BUNDLE")
        check(codec.split("/")[1] in sdp, f"{codec}: answer keeps the codec")
        ports = [int(p) for p in re.findall(r"a=candidate:\S+ 1 UDP \d+ \S+ (\d+) typ", sdp)]
        check(bool(ports) and all(PORT_MIN <= p <= PORT_MAX for p in ports),
              f"{codec}: candidate ports inside the configured RTP range", ports)
        await peer.accept(answer)
        connected = await wait_until(lambda: peer.pc.connectionState == "connected", 20)
        check(connected, f"{codec}: ICE + DTLS connected (state {peer.pc.connectionState})")
        got = await wait_until(lambda: len(peer.video_numbers) >= FRAMES_WANTED, 30)
        numbers = peer.video_numbers
        check(got, f"{codec}: {len(numbers)} echoed frames decoded (want {FRAMES_WANTED})")
        check(numbers == sorted(numbers) and len(set(numbers)) == len(numbers),
              f"{codec}: frame numbers strictly increase", numbers[:40])
        check(bool(numbers) and max(numbers) < video.sent,
              f"{codec}: every decoded number was sent ({video.sent} sent)")
        check(peer.bad_video_frames <= 2,
              f"{codec}: frames with a broken pattern: {peer.bad_video_frames}")
        heard = await wait_until(lambda: len([r for r in peer.audio_rms if r > 1000]) >= 25, 15)
        check(heard, f"{codec}: the echoed 440 Hz tone is heard "
              f"({peer.audio_frames} audio frames)")
        check(any(e.get("type") == "media" and e.get("state") == "connected"
                  for e in peer.events), f"{codec}: the plugin reported media connected")
    finally:
        await peer.close()


async def renegotiation_round(gw):
    """The peer starts with video only, then adds audio and re-offers on the
    same PeerConnection: the new m-line is negotiated and echoed too."""
    peer = EchoPeer(gw)
    try:
        await peer.connect()
        prefer_codec(peer.pc.addTransceiver(NumberedVideoTrack(), direction="sendrecv"), "video/VP8")
        await peer.accept(await peer.offer())
        check(await wait_until(lambda: len(peer.video_numbers) >= 10, 20),
              "renegotiation: video echoes before the re-offer")
        peer.pc.addTransceiver(SineAudioTrack(), direction="sendrecv")
        answer = await peer.offer()
        check(answer.get("type") == "answer" and answer["sdp"].count("m=") == 2,
              "renegotiation: the re-offer is answered with both m-lines", answer)
        if answer.get("type") == "answer":
            await peer.accept(answer)
        heard = await wait_until(lambda: len([r for r in peer.audio_rms if r > 1000]) >= 25, 20)
        check(heard, f"renegotiation: the added audio is echoed ({peer.audio_frames} frames)")
        before = len(peer.video_numbers)
        check(await wait_until(lambda: len(peer.video_numbers) >= before + 10, 10),
              "renegotiation: video keeps flowing")
    finally:
        await peer.close()


async def main():
    gw = Gateway(extra_env={"MEETGATE_RTP_PORT_MIN": PORT_MIN, "MEETGATE_RTP_PORT_MAX": PORT_MAX})
    gw.start()
    try:
        await echo_round(gw, "video/VP8")
        await echo_round(gw, "video/H264")
        await renegotiation_round(gw)
        status, body, _ = gw.http("GET", "/health")
        check(status == 200, "gateway still healthy after both echo rounds", body)
    finally:
        code = gw.stop()
        check(code == 0, f"gateway exits cleanly (exit code {code})", gw.log()[-3000:])


asyncio.run(main())
sys.exit(check.finish())
