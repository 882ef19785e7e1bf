"""ffprobe/ffmpeg helpers shared by the recording pipeline tests."""
import json
import re
import subprocess


def probe(path):
    """Container duration (s, or None when unknown) and per-stream info."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-show_entries",
         "format=duration:stream=codec_type,codec_name,nb_read_frames,width,height",
         "-of", "json", path], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        return None
    info = json.loads(out.stdout)
    duration = info.get("format", {}).get("duration")
    return {"duration": float(duration) if duration not in (None, "N/A") else None,
            "streams": info.get("streams", [])}


def last_packet_time(path):
    """Timestamp (s) of the last demuxed packet end: works without a Duration element."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time",
         "-of", "csv=p=0", path], capture_output=True, text=True, timeout=120)
    end = 0.0
    for line in out.stdout.splitlines():
        parts = [p for p in line.split(",") if p not in ("", "N/A")]
        if parts:
            end = max(end, sum(float(p) for p in parts[:2]))
    return end


def mean_volume_db(path):
    out = subprocess.run(["ffmpeg", "-nostdin", "-v", "info", "-i", path, "-af", "volumedetect",
                          "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    found = re.search(r"mean_volume:\s*(-?[\d.]+|-inf) dB", out.stderr)
    if not found or found.group(1) == "-inf":
        return float("-inf")
    return float(found.group(1))


def decoded_frames(path):
    out = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0",
                          "-f", "null", "-"], capture_output=True, text=True, timeout=180)
    progress = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
         "stream=nb_read_frames", "-of", "csv=p=0", path], capture_output=True, text=True,
        timeout=180)
    return out.returncode == 0, int(progress.stdout.strip() or 0)
