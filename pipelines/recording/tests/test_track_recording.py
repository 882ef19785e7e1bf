"""Per-track recording of real RTP (VP8 or H.264 video + Opus audio, 6 s):
the files are finalized, last 6 s +- 0.5, the video decodes to ~the number of
frames sent, the audio is not silent. Usage: test_track_recording.py CODEC"""
import json
import os
import subprocess
import sys
import tempfile

from media_probe import decoded_frames, last_packet_time, mean_volume_db, probe
from meetgate_harness import check

SECONDS, FPS = 6, 30


def check_mid_gop_start(feeder, codec, tmp, ext):
    """The first 15 video packets withheld (keyframes every 30 frames): the
    recorder asks for a keyframe and writes from the next one, so the file
    decodes cleanly and holds ~SECONDS - 1 s of video."""
    video, audio = os.path.join(tmp, "late" + ext), os.path.join(tmp, "late-audio.webm")
    run = subprocess.run([feeder, "track", codec, str(SECONDS), video, audio, "15"],
                         capture_output=True, text=True, timeout=240)
    requests = json.loads(run.stdout.strip().splitlines()[-1]).get("keyframe_requests", 0)
    check(run.returncode == 0 and requests >= 1, f"{codec} mid-GOP: keyframe requested ({requests})")
    ok, frames = decoded_frames(video)
    first_error = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", video, "-f", "null",
                                  "-"], capture_output=True, text=True, timeout=120).stderr
    check(ok and not first_error.strip(), f"{codec} mid-GOP: decodes without errors",
          first_error[-500:])
    expected = (SECONDS - 1) * FPS  # from the keyframe at frame 30 on
    check(abs(frames - expected) <= 5, f"{codec} mid-GOP: {frames} frames of {expected} expected")


def main():
    codec = sys.argv[1] if len(sys.argv) > 1 else "VP8"
    feeder = os.path.join(os.environ["MEETGATE_BUILD_DIR"], "bin", "recording_feeder")
    with tempfile.TemporaryDirectory() as tmp:
        ext = ".mkv" if codec == "H264" else ".webm"
        video, audio = os.path.join(tmp, "video" + ext), os.path.join(tmp, "audio.webm")
        run = subprocess.run([feeder, "track", codec, str(SECONDS), video, audio],
                             capture_output=True, text=True, timeout=240)
        print(run.stdout, run.stderr[-2000:])
        check(run.returncode == 0, f"{codec}: feeder finalized both files")
        vinfo = probe(video)
        check(vinfo is not None, f"{codec}: video file demuxes")
        if vinfo:
            check(vinfo["duration"] is not None and abs(vinfo["duration"] - SECONDS) <= 0.5,
                  f"{codec}: video duration {vinfo['duration']} within 0.5 s of {SECONDS}")
            stream = vinfo["streams"][0]
            check(stream.get("codec_name") == ("h264" if codec == "H264" else codec.lower()),
                  f"{codec}: stream codec {stream.get('codec_name')}")
        ok, frames = decoded_frames(video)
        check(ok, f"{codec}: video decodes without error")
        # Sent: SECONDS*FPS frames; the jitter buffer may hold back the very
        # last ones at EOS and the first keyframe gate none (keyframe first).
        check(abs(frames - SECONDS * FPS) <= 5, f"{codec}: {frames} frames decoded of {SECONDS * FPS}")
        ainfo = probe(audio)
        check(ainfo is not None and ainfo["duration"] is not None
              and abs(ainfo["duration"] - SECONDS) <= 0.5,
              f"audio duration {ainfo and ainfo['duration']} within 0.5 s")
        volume = mean_volume_db(audio)
        check(volume > -30.0, f"audio not silent (mean {volume} dB)")
        check(abs(last_packet_time(audio) - SECONDS) <= 0.5, "audio packets span the duration")
        check_mid_gop_start(feeder, codec, tmp, ext)
    check.finish()


if __name__ == "__main__":
    main()
