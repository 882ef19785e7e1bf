#!/usr/bin/python3
"""A track recording of H.264, end to end: a python3-aiortc participant
whose publisher offers only H.264 (setCodecPreferences) publishes moving
bars and an Opus tone through the videoroom for MEDIA_SECONDS; the host
records in mode "tracks". The video track file must be Matroska (WebM
cannot hold H.264), decode with PyAV to about the published number of
frames and last the published time within 1 s."""
import asyncio
import os
import sys
import tempfile

from meetgate_harness import SOURCE_DIR, Gateway, check, http_raw

sys.path.insert(0, os.path.join(SOURCE_DIR, "plugins", "videoroom", "tests"))
from recorder_media_lib import CodecPeer, ebml_doctype, stream_count  # noqa: E402
from test_recorder_e2e import FPS, decode, ffprobe_duration, recorder_conf  # noqa: E402
from videoroom_testlib import Api, auth_conf  # noqa: E402

MEDIA_SECONDS = 6.0


async def publish_and_record(gw, api, host, guest, meeting_id):
    peer = CodecPeer(gw, guest, meeting_id, video_mime="video/H264")
    await peer.connect()
    await peer.publish()
    offer = peer.publisher.localDescription.sdp
    video_section = offer[offer.find("m=video"):]
    check("H264/90000" in video_section and "VP8/90000" not in video_section,
          "the publisher offers H.264 only for video")
    await peer.wait_for(lambda: peer.publisher.connectionState == "connected", 20,
                        "publisher connected")
    await peer.wait_for(lambda: stream_count(api) >= 2, 15, "two producers")
    status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting_id,
                                                             "mode": "tracks"}, host["token"])
    check(status == 200, "host starts a 'tracks' recording", body)
    recording_id = ((body or {}).get("data") or {}).get("id")
    await asyncio.sleep(MEDIA_SECONDS)
    await peer.send("unpublish", {})
    await peer.wait_for(lambda: any(m.get("type") == "unpublish" for m in peer.messages), 10,
                        "unpublish reply")
    await asyncio.sleep(0.5)  # the producer_removed event reaches the recorder
    status, body, _ = api.call("POST", "/recordings/stop", {"recording_id": recording_id},
                               host["token"])
    check(status == 200, "host stops the recording", body)
    await peer.close()
    return recording_id


def check_video_file(api, host, recording_id, folder):
    status, body, _ = api.call("GET", f"/recordings/{recording_id}", token=host["token"])
    record = (body or {}).get("data") or {}
    files = record.get("files") or []
    check(status == 200 and record.get("status") == "stopped", "recording status is stopped", body)
    video = [f for f in files if f.get("kind") == "track" and f.get("track_kind") == "video"]
    audio = [f for f in files if f.get("kind") == "track" and f.get("track_kind") == "audio"]
    check(len(video) == 1 and len(audio) == 1 and not any(f.get("kind") == "composite"
                                                           for f in files),
          "one video and one audio track file, no composite", files)
    if not video:
        return None
    entry = video[0]
    check(str(entry.get("codec", "")).upper() == "H264"
          and entry.get("content_type") == "video/x-matroska",
          f"the video file is listed as H264 in video/x-matroska ({entry.get('codec')}, "
          f"{entry.get('content_type')})")
    status, raw, _ = http_raw("GET", f"{api.base}/recordings/{recording_id}/files/{entry['id']}",
                              headers={"Authorization": "Bearer " + host["token"]}, timeout=60)
    path = os.path.join(folder, "video.mkv")
    with open(path, "wb") as out:
        out.write(raw)
    check(status == 200 and len(raw) == entry.get("size_bytes") and len(raw) > 0,
          f"video file downloads ({len(raw)} bytes)", (status, entry))
    doctype = ebml_doctype(path)
    check(doctype == "matroska", f"the video file is Matroska (EBML DocType {doctype!r})")
    duration = ffprobe_duration(path)
    frames, _, codecs = decode(path)
    print(f"# H.264 video: duration {duration} s, frames {frames}, codecs {codecs}", flush=True)
    return duration, frames, codecs


def main():
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(),
                       "meetgate.plugin.recorder.jcfg": recorder_conf()})
    gw.start()
    try:
        api = Api(gw)
        host, guest = api.user("h264host"), api.user("h264guest")
        meeting_id = api.meeting(host, "h264 recorded meeting")
        api.join(host, meeting_id)
        api.join(guest, meeting_id)
        recording_id = asyncio.run(asyncio.wait_for(
            publish_and_record(gw, api, host, guest, meeting_id), 90))
        with tempfile.TemporaryDirectory() as folder:
            duration, frames, codecs = check_video_file(api, host, recording_id, folder) or (
                None, 0, set())
        expected = MEDIA_SECONDS * FPS
        check(duration is not None and abs(duration - MEDIA_SECONDS) <= 1.0,
              f"the H.264 track lasts the published time ({duration} s vs {MEDIA_SECONDS} s)")
        check("h264" in codecs and 0.7 * expected <= frames <= 1.2 * expected,
              f"the H.264 track decodes to {frames} frames (about {expected:.0f} expected)")
    finally:
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
