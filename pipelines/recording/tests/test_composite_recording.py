"""Composite recording: 3 VP8 inputs (solid red, green, blue) + Opus, the
third joining at 4 s of 9. The file plays through (duration, every frame
decodes), shows 2 tiles before the join and 3 after (checked by colour in
the 2x2 grid's cells), and its audio is not silent."""
import json
import os
import subprocess
import tempfile

import cv2

from media_probe import decoded_frames, mean_volume_db, probe
from meetgate_harness import check

SECONDS, JOIN_AT = 10, 4


def frame_at(path, second, out):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", str(second), "-i", path,
                    "-frames:v", "1", out], check=True, timeout=60)
    return cv2.imread(out)


def cell_colour(frame, col, row):
    """Mean BGR of the centre of a 2x2 grid cell."""
    h, w = frame.shape[:2]
    cx, cy = int((col + 0.5) * w / 2), int((row + 0.5) * h / 2)
    patch = frame[cy - 20:cy + 20, cx - 20:cx + 20]
    return [float(v) for v in patch.reshape(-1, 3).mean(axis=0)]


def dominant(bgr):
    b, g, r = bgr
    if max(bgr) < 60:
        return "black"
    return {0: "blue", 1: "green", 2: "red"}[max(range(3), key=lambda i: (b, g, r)[i])]


def main():
    feeder = os.path.join(os.environ["MEETGATE_BUILD_DIR"], "bin", "recording_feeder")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "composite.webm")
        run = subprocess.run([feeder, "composite", str(SECONDS), str(JOIN_AT), out],
                             capture_output=True, text=True, timeout=240)
        print(run.stdout, run.stderr[-2000:])
        check(run.returncode == 0, "composite file finalized")
        timing = json.loads(run.stdout.strip().splitlines()[-1])
        info = probe(out)
        check(info is not None and info["duration"] is not None
              and abs(info["duration"] - timing["wall_s"]) <= 0.6,
              f"composite duration {info and info['duration']} ~ {timing['wall_s']} s recorded")
        ok, frames = decoded_frames(out)
        check(ok and frames >= (SECONDS - 1) * 15, f"plays through: {frames} frames decoded")
        # The 3rd input's first keyframe comes <= 1 s after its join (it
        # starts mid-GOP); sample well inside each phase.
        join, leave = timing["join_s"], timing["leave_s"]
        before = frame_at(out, join - 1.0, os.path.join(tmp, "before.png"))
        after = frame_at(out, (join + 1.5 + leave) / 2, os.path.join(tmp, "after.png"))
        left_one = frame_at(out, leave + 1.0, os.path.join(tmp, "left.png"))
        # Before the join: two inputs -> a 2x1 grid (left red, right green).
        h, w = before.shape[:2]
        left = before[h // 2 - 20:h // 2 + 20, w // 4 - 20:w // 4 + 20].reshape(-1, 3).mean(axis=0)
        right = before[h // 2 - 20:h // 2 + 20, 3 * w // 4 - 20:3 * w // 4 + 20].reshape(-1, 3).mean(axis=0)
        check(dominant(list(left)) == "red" and dominant(list(right)) == "green",
              f"2 tiles before the join: {dominant(list(left))}, {dominant(list(right))}")
        cells = [dominant(cell_colour(after, c, r)) for r in (0, 1) for c in (0, 1)]
        check(cells == ["red", "green", "blue", "black"], f"3 tiles after the join: {cells}")
        h, w = left_one.shape[:2]
        halves = [dominant(list(left_one[h // 2 - 20:h // 2 + 20, x - 20:x + 20]
                                .reshape(-1, 3).mean(axis=0))) for x in (w // 4, 3 * w // 4)]
        check(halves == ["red", "blue"], f"2 tiles after the leave: {halves}")
        volume = mean_volume_db(out)
        check(volume > -35.0, f"mixed audio not silent ({volume} dB)")
    check.finish()


if __name__ == "__main__":
    main()
