"""kill -9 in the middle of a recording: the VP8 and Opus files on disk
still demux and hold all but at most the last ~2 s of what was sent."""
import os
import signal
import subprocess
import tempfile
import time

from media_probe import last_packet_time
from meetgate_harness import check

KILL_AFTER = 5.0


def main():
    feeder = os.path.join(os.environ["MEETGATE_BUILD_DIR"], "bin", "recording_feeder")
    with tempfile.TemporaryDirectory() as tmp:
        video, audio = os.path.join(tmp, "video.webm"), os.path.join(tmp, "audio.webm")
        proc = subprocess.Popen([feeder, "track", "VP8", "30", video, audio],
                                stdout=subprocess.PIPE, text=True)
        line = proc.stdout.readline()  # "recording" once packets flow (EOF on failure)
        check(line.strip() == "recording", "feeder started recording")
        started = time.monotonic()
        try:
            proc.wait(timeout=KILL_AFTER)
        except subprocess.TimeoutExpired:
            pass
        sent = time.monotonic() - started
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        check(proc.returncode == -signal.SIGKILL, "feeder killed with SIGKILL mid-recording")
        for name, path in (("video", video), ("audio", audio)):
            kept = last_packet_time(path)
            check(kept >= sent - 2.0, f"{name}: {kept:.2f} s demuxed of {sent:.2f} s sent")
        out = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", video, "-f", "null", "-"],
                             capture_output=True, text=True, timeout=60)
        check(out.returncode == 0, "killed video file decodes")
    check.finish()


if __name__ == "__main__":
    main()
