#!/usr/bin/python3
"""The SFU with real WebRTC peers: three python3-aiortc participants join
one meeting through REST + /ws/signaling, each publishes audio+video and
receives and decodes the other two. The third joins and publishes only once
the first two already receive each other, so their connected subscriber
connections are renegotiated (server re-offers applied by aiortc). One
leaves (the others are told and renegotiated); the host mutes one (its
audio stops reaching the others); the host kicks one (disconnected)."""
import asyncio
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from meetgate_harness import check  # noqa: E402
from sfu_peer import SfuPeer  # noqa: E402
from videoroom_testlib import Api, gateway  # noqa: E402

FRAMES = 15


def summary(peer):
    """What a peer saw, for failure reports: message types, errors, ICE states."""
    errors = [m["payload"] for m in peer.messages if m.get("type") == "error"]
    types = [m.get("type") for m in peer.messages]
    sub = peer.subscriber
    return {"user": peer.user["name"], "types": types, "errors": errors, "failures": peer.failures,
            "handled": peer.handled,
            "publisher_ice": peer.publisher.iceConnectionState,
            "subscriber_ice": sub.iceConnectionState if sub else None,
            "streams": list(peer.streams.values())}


async def scenario(gw, api):
    host, p2, p3 = (api.user(n) for n in ("sfuhost", "sfutwo", "sfuthree"))
    meeting_id = api.meeting(host)
    for user in (host, p2, p3):
        api.join(user, meeting_id)
    peers = [SfuPeer(gw, u, meeting_id) for u in (host, p2, p3)]
    started = time.monotonic()
    for peer in peers[:2]:
        await peer.connect()
        await peer.publish()

    def pair_media():
        return all(a.count(b.user["id"], kind) >= FRAMES for a, b in
                   ((peers[0], peers[1]), (peers[1], peers[0])) for kind in ("video", "audio"))
    try:
        await peers[0].wait_for(pair_media, 30, "the first two receive each other")
    except TimeoutError:
        pass
    check(pair_media(), "the first two participants decode each other before the third joins",
          [summary(p) for p in peers[:2]])
    offers_before = [len(p.offers) for p in peers[:2]]
    # A publisher joining after the subscribers are connected: renegotiation.
    await peers[2].connect()
    await peers[2].publish()

    def streams():
        status, body, _ = api.call("GET", "/rooms/stats", token=host["token"])
        rooms = body["data"]["rooms"] if status == 200 else []
        media = rooms[0].get("media") if rooms else None
        return (media or {}).get("streams", 0)
    try:
        await peers[0].wait_for(lambda: streams() >= 6, 20, "six producers")
    except TimeoutError:
        pass
    check(streams() == 6, "every participant's audio and video became a producer", streams())
    for peer in peers:
        await peer.send("subscribe", {})
    everyone = [(a, b) for a in peers for b in peers if a is not b]

    def all_media():
        return all(a.count(b.user["id"], kind) >= FRAMES for a, b in everyone
                   for kind in ("video", "audio"))
    try:
        await peers[0].wait_for(all_media, 45, "media from everyone")
    except TimeoutError:
        pass
    figures = {(a.user["name"], b.user["name"]): (a.count(b.user["id"], "video"),
                                                  a.count(b.user["id"], "audio")) for a, b in everyone}
    media_ok = all_media()
    detail = None
    if not media_ok:
        status, body, _ = api.call("GET", "/rooms/stats", token=host["token"])
        detail = (figures, [summary(p) for p in peers], body)
    check(media_ok, f"each participant decodes audio+video of the other two "
          f"({time.monotonic() - started:.1f}s)", detail)
    check(all(len(p.offers) > before for p, before in zip(peers[:2], offers_before)) and
          not peers[0].failures and not peers[1].failures,
          "connected subscribers applied the re-offer for the late publisher",
          [(p.offers, p.failures) for p in peers[:2]])

    # p3 leaves: the others get user-left and a renegotiation without p3's streams.
    leaver = peers[2]
    await leaver.send("leave-room", {})
    await leaver.close()

    def renegotiated(peer):
        return any(m.get("type") == "user-left" for m in peer.messages) and peer.offers and \
            all(s["user_id"] != leaver.user["id"] for s in peer.offers[-1])
    try:
        await peers[0].wait_for(lambda: renegotiated(peers[0]) and renegotiated(peers[1]), 15,
                                "renegotiation after leave")
    except TimeoutError:
        pass
    check(renegotiated(peers[0]) and renegotiated(peers[1]),
          "leaver announced and one renegotiation offer without its streams",
          [(summary(p)["types"][-6:], p.offers[-1:]) for p in peers[:2]])
    try:
        await peers[0].wait_for(lambda: all(p.handled == len(p.messages) for p in peers[:2]), 10,
                                "renegotiation applied")
    except TimeoutError:
        pass
    check(not peers[0].failures and not peers[1].failures,
          "aiortc applies the server's renegotiation offer",
          [p.failures for p in peers[:2]])

    # A subset subscription: the host asks for p2 only (p3 is gone; ask for
    # an unknown id too, which simply matches nobody).
    def replies():
        return [m for m in peers[0].messages if m.get("type") == "subscribe"]
    earlier = len(replies())
    await peers[0].send("subscribe", {"user_ids": [p2["id"], 999999]})
    await peers[0].wait_for(lambda: len(replies()) > earlier, 5, "subscribe reply")
    reply = [m for m in peers[0].messages if m.get("type") == "subscribe"][-1]["payload"]
    check(reply["user_ids"] == [p2["id"], 999999] and reply["streams"] and
          all(s["user_id"] == p2["id"] for s in reply["streams"]),
          "subscribe to a subset answers with that publisher's streams only", reply)

    # Host mute of p2's audio: forwarding stops.
    status, body, _ = api.call("POST", f"/meetings/{meeting_id}/participants/{p2['id']}/mute",
                               {"kind": "audio"}, host["token"])
    check(status == 200, "host mutes p2 over REST", body)
    await peers[1].wait_for(lambda: any(m.get("type") == "media-control" and
                                        m["payload"].get("forced") for m in peers[1].messages),
                            5, "media-control to the muted participant")
    await asyncio.sleep(1.0)  # packets already in flight
    audio_before = peers[0].count(p2["id"], "audio")
    video_before = peers[0].count(p2["id"], "video")
    await asyncio.sleep(2.0)
    audio_delta = peers[0].count(p2["id"], "audio") - audio_before
    video_delta = peers[0].count(p2["id"], "video") - video_before
    check(audio_delta <= 5 and video_delta > 10,
          "muted audio stops reaching the host, video still flows", (audio_delta, video_delta))

    # Kick p2: its signaling socket closes.
    status, body, _ = api.call("POST", f"/meetings/{meeting_id}/participants/{p2['id']}/kick", {},
                               host["token"])
    check(status == 200, "host kicks p2", body)
    try:
        await asyncio.wait_for(peers[1].closed.wait(), 5)
    except asyncio.TimeoutError:
        pass
    check(peers[1].closed.is_set(), "kicked participant disconnected")
    status, body, _ = api.call("GET", "/rooms/stats", token=host["token"])
    rooms = body["data"]["rooms"] if status == 200 else []
    check(status == 200 and rooms and rooms[0].get("media") is not None,
          "rooms/stats reports the room's media", body)
    for peer in peers[:2]:
        await peer.close()


def main():
    gw = gateway()
    gw.start()
    try:
        asyncio.run(asyncio.wait_for(scenario(gw, Api(gw)), 150))
    finally:
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
