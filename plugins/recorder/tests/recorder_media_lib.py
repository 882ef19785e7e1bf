"""Shared pieces of the recorder's real-media tests (the H.264 recording
and the kill -9 test): a participant whose publisher can be restricted to
one video codec, the "wait until the videoroom has the producers" step, and
file probing through the packets themselves (ffprobe), which also works
on files whose muxer never wrote a duration (a killed gateway)."""
import asyncio
import json
import subprocess

from aiortc.codecs.h264 import H264Encoder
from aiortc.rtcrtpsender import RTCRtpSender
from sfu_peer import SfuPeer
from test_recorder_e2e import MovingBarsTrack, ToneTrack


def honour_h264_keyframe_requests():
    """Debian's aiortc 1.4 H.264 encoder ignores `force_keyframe` (the
    sender's answer to a PLI): only the very first frame is an IDR, so a
    consumer created later (a recording, a subscriber) would never start.
    On a keyframe request the encoder is recreated, and a new libx264
    context begins with SPS, PPS and an IDR: what a browser does on PLI."""
    original = H264Encoder._encode_frame
    if getattr(original, "honours_keyframe_requests", False):
        return

    def encode_frame(self, frame, force_keyframe):
        if force_keyframe and self.codec is not None:
            self.buffer_data, self.buffer_pts, self.codec = b"", None, None
        return original(self, frame, force_keyframe)
    encode_frame.honours_keyframe_requests = True
    H264Encoder._encode_frame = encode_frame


class CodecPeer(SfuPeer):
    """An SfuPeer whose publisher offers only `video_mime` (e.g.
    "video/H264") for video: setCodecPreferences before the offer."""

    def __init__(self, gw, user, meeting_id, video_mime=None):
        super().__init__(gw, user, meeting_id)
        self.video_mime = video_mime

    async def publish(self, audio=None, video=None):
        self.publisher.addTransceiver(audio or ToneTrack(), direction="sendonly")
        video_transceiver = self.publisher.addTransceiver(video or MovingBarsTrack(),
                                                          direction="sendonly")
        if self.video_mime:
            if self.video_mime.lower() == "video/h264":
                honour_h264_keyframe_requests()
            codecs = [c for c in RTCRtpSender.getCapabilities("video").codecs
                      if c.mimeType.lower() == self.video_mime.lower()]
            video_transceiver.setCodecPreferences(codecs)
        offer = await self.publisher.createOffer()
        await self.publisher.setLocalDescription(offer)
        await self.send("offer", {"type": "offer", "sdp": self.publisher.localDescription.sdp,
                                  "pc": "publisher"})
        await asyncio.wait_for(self._answered.wait(), 20)


def stream_count(api):
    """Media streams the gateway forwards (public /stats figure)."""
    _, body, _ = api.call("GET", "/stats")
    return ((body or {}).get("data") or {}).get("media", {}).get("streams", 0)


def probe_packets(path):
    """(ffprobe exit code, {codec_type: (packets, first pts s, last pts s,
    codec_name)}, format_name) read packet by packet, so that a file
    without a written duration is measured by what it really holds."""
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                          "packet=stream_index,pts_time,duration_time:"
                          "stream=index,codec_type,codec_name:format=format_name",
                          "-of", "json", path], capture_output=True, text=True, timeout=60)
    try:
        data = json.loads(out.stdout or "{}")
    except ValueError:
        return out.returncode, {}, None
    kinds = {s["index"]: (s.get("codec_type"), s.get("codec_name")) for s in data.get("streams", [])}
    spans = {}
    for packet in data.get("packets", []):
        try:
            pts = float(packet["pts_time"])
        except (KeyError, ValueError):
            continue
        end = pts + float(packet.get("duration_time") or 0)
        kind, codec = kinds.get(packet.get("stream_index"), (None, None))
        count, first, last, _ = spans.get(kind, (0, pts, end, codec))
        spans[kind] = (count + 1, min(first, pts), max(last, end), codec)
    return out.returncode, spans, (data.get("format") or {}).get("format_name")


def ebml_doctype(path):
    """The EBML DocType of a Matroska-family file: "matroska" or "webm"."""
    with open(path, "rb") as f:
        head = f.read(64)
    at = head.find(b"\x42\x82")  # DocType element id
    if at < 0 or at + 3 > len(head):
        return None
    size = head[at + 2] & 0x7F  # one-byte EBML size (0x80 | n)
    # EBML strings may be padded with zero bytes (GStreamer's matroskamux pads).
    return head[at + 3:at + 3 + size].rstrip(b"\0").decode("ascii", "replace")
