"""meetgate-infer against a python ROUTER playing the gateway: hello and
heartbeats, real ASR on espeak-ng speech (one request and streamed chunks),
faces on a photo from Debian's opencv-doc and on a blank image, quality
analyzers, malformed messages answered with error replies, clean bye."""

import json
import math
import os
import struct

import cv2
import numpy

from infer_peer import FACE_IMAGE, SENTENCE, Router, Unit, key_word_share, speech_pcm
from meetgate_harness import check

MODELS = {"asr.pocketsphinx", "vision.faces", "audio.quality", "video.quality"}


def finals(replies):
    return [r["data"]["delta"] for r in replies if "data" in r and isinstance(r["data"].get("delta"), dict)]


def one_shot(router, uid, model, data, payload):
    replies = router.call(uid, "inference", obj=model, data=data, payload=payload)
    last = replies[-1]
    return last.get("error"), last.get("data", {}).get("delta")


def test_liveness(router, uid):
    hello = router.wait_hello(uid)
    names = {m["name"] for m in hello["models"]}
    check(names == MODELS, "hello lists the four built-in models", names)
    check(hello.get("capacity") == 2, "hello carries the capacity")
    _, beat, _ = router.wait(lambda u, m, e: u == uid and m.get("action") == "heartbeat", 10, "heartbeat")
    check(beat["load"]["sessions"] == 0 and "backlog" in beat["load"], "heartbeat carries the load", beat)


def test_asr(router, uid, pcm):
    setup = router.call(uid, "setup", obj="asr.pocketsphinx", data={"partials": True})
    work_id = setup[-1].get("work_id", "")
    check(work_id.startswith("asr.pocketsphinx.") and setup[-1]["data"]["status"] == "ready", "asr setup -> work_id",
          setup)
    replies = router.call(uid, "inference", work_id=work_id, obj="audio.pcm", data={"sample_rate": 16000, "end": True},
                          payload=pcm)
    deltas = finals(replies)
    indexes = [r["data"]["index"] for r in replies]
    check(indexes == list(range(len(replies))), "delta indexes count up from 0", indexes)
    check(any(d["type"] == "partial" for d in deltas), "partial transcripts are streamed")
    end = deltas[-1]
    check(end["type"] == "end" and replies[-1]["data"]["finish"] is True, "last delta is the end summary", end)
    share = key_word_share(end["transcript"])
    check(share > 0.5, f"one request: transcript has most key words ({share:.0%}): {end['transcript']!r}")
    check(0.0 < end["confidence"] <= 1.0, "confidence in (0, 1]", end["confidence"])
    final = [d for d in deltas if d["type"] == "final"]
    check(final and final[0]["words"] and "start_ms" in final[0]["words"][0], "final carries word timings")

    # The same speech streamed as 0.5 s chunks on a new session.
    setup = router.call(uid, "setup", obj="asr.pocketsphinx")
    stream_id = setup[-1].get("work_id", "")
    chunk = 16000
    text_parts = []
    for offset in range(0, len(pcm), chunk):
        last = offset + chunk >= len(pcm)
        replies = router.call(uid, "inference", work_id=stream_id, data={"end": last}, payload=pcm[offset:offset + chunk])
        if "error" in replies[-1]:
            check(False, f"chunk at {offset} accepted", replies[-1])
        text_parts += [d.get("transcript", "") for d in finals(replies) if d["type"] == "end"]
    share = key_word_share(" ".join(text_parts))
    check(share > 0.5, f"streamed chunks: transcript has most key words ({share:.0%}): {text_parts!r}")

    bad = router.call(uid, "inference", work_id=work_id, data={"sample_rate": 8000}, payload=pcm[:3200])
    check(bad[-1].get("error", {}).get("code") == -7, "8 kHz audio -> bad_input (-7)", bad[-1])
    odd = router.call(uid, "inference", work_id=work_id, payload=b"\x01\x02\x03")
    check(odd[-1].get("error", {}).get("code") == -7, "odd-length PCM -> bad_input (-7)", odd[-1])
    closed = router.call(uid, "exit", work_id=work_id)
    check(closed[-1].get("data", {}).get("status") == "closed", "exit closes the session", closed)
    gone = router.call(uid, "inference", work_id=work_id, payload=pcm[:3200])
    check(gone[-1].get("error", {}).get("code") == -6, "inference after exit -> unknown_work_id (-6)", gone[-1])


def test_faces(router, uid):
    with open(FACE_IMAGE, "rb") as f:
        photo = f.read()
    error, result = one_shot(router, uid, "vision.faces", {"format": "jpeg"}, photo)
    check(error is None and result["count"] >= 1, f"photo with a face -> count >= 1 ({result and result['count']})",
          error)
    check(result and len(result["faces"]) == result["count"] and result["faces"][0]["width"] > 0, "boxes listed")
    blank = cv2.imencode(".png", numpy.full((480, 640, 3), 200, numpy.uint8))[1].tobytes()
    error, result = one_shot(router, uid, "vision.faces", {"format": "png"}, blank)
    check(error is None and result["count"] == 0, "blank image -> 0 faces", (error, result))
    gray = numpy.zeros((240, 320), numpy.uint8).tobytes()
    error, result = one_shot(router, uid, "vision.faces", {"format": "gray8", "width": 320, "height": 240}, gray)
    check(error is None and result["count"] == 0, "raw gray8 black frame -> 0 faces", (error, result))
    error, _ = one_shot(router, uid, "vision.faces", {"format": "jpeg"}, b"not an image at all")
    check(error and error["code"] == -7, "garbage image -> bad_input (-7)", error)
    error, _ = one_shot(router, uid, "vision.faces", {"format": "bgr24", "width": 320, "height": 240}, gray)
    check(error and error["code"] == -7, "raw frame of the wrong size -> bad_input (-7)", error)


def test_quality(router, uid):
    sine = b"".join(struct.pack("<h", int(16384 * math.sin(2 * math.pi * 440 * i / 16000))) for i in range(16000))
    error, result = one_shot(router, uid, "audio.quality", {}, sine)
    check(error is None and abs(result["rms_dbfs"] + 9.03) < 0.2 and not result["silent"],
          "sine at half scale -> about -9 dBFS RMS, not silent", (error, result))
    error, result = one_shot(router, uid, "audio.quality", {}, bytes(32000))
    check(error is None and result["silent"] and result["rms_dbfs"] <= -120, "zeros -> silent", (error, result))
    frame = cv2.imencode(".png", numpy.zeros((120, 160, 3), numpy.uint8))[1].tobytes()
    error, result = one_shot(router, uid, "video.quality", {"format": "png"}, frame)
    check(error is None and result["black"] and result["blurry"], "black frame -> black, blurry", (error, result))


def test_malformed(router, uid):
    def error_of(*frames):
        router.send_raw(uid, *frames)
        _, msg, _ = router.wait(lambda u, m, e: "error" in m, 10, "error reply")
        return msg
    check(error_of(b"{not json")["error"]["code"] == -2, "invalid JSON -> malformed_json (-2)")
    check(error_of(b"[1,2]")["error"]["code"] == -2, "JSON array -> malformed_json (-2)")
    reply = error_of(json.dumps({"request_id": 5, "action": "setup"}).encode())
    check(reply["error"]["code"] == -3, "request_id not a string -> invalid_message (-3)", reply)
    reply = error_of(json.dumps({"request_id": "m1", "action": "explode"}).encode())
    check(reply["error"]["code"] == -4 and reply["request_id"] == "m1", "unknown action -> -4, request_id echoed")
    reply = error_of(json.dumps({"request_id": "m2", "action": "setup", "object": "llm.gpt"}).encode())
    check(reply["error"]["code"] == -5, "unknown model -> unknown_model (-5)", reply)
    reply = error_of(json.dumps({"request_id": "m3", "action": "inference", "work_id": "nope.1"}).encode())
    check(reply["error"]["code"] == -6, "unknown work_id -> unknown_work_id (-6)", reply)
    reply = error_of(json.dumps({"request_id": "m4", "action": "inference"}).encode(), b"x", b"y")
    check(reply["error"]["code"] == -3, "three frames -> invalid_message (-3)", reply)
    reply = error_of(json.dumps({"action": "inference", "object": "audio.quality"}).encode())
    check(reply["error"]["code"] == -3, "missing request_id -> invalid_message (-3)", reply)
    reply = error_of(json.dumps({"request_id": "m5", "action": "inference", "object": "audio.quality",
                                 "data": [1]}).encode(), b"\0\0")
    check(reply["error"]["code"] == -3, "data not an object -> invalid_message (-3)", reply)


def main():
    router = Router()
    unit = Unit(router.endpoint, "unit-a", "--capacity", "2")
    try:
        test_liveness(router, "unit-a")
        pcm = speech_pcm(SENTENCE, f"/tmp/meetgate-infer-speech-{os.getpid()}")
        test_asr(router, "unit-a", pcm)
        test_faces(router, "unit-a")
        test_quality(router, "unit-a")
        test_malformed(router, "unit-a")
        check(unit.alive(), "unit still running after malformed input")
        error, result = one_shot(router, "unit-a", "audio.quality", {}, bytes(640))
        check(error is None and result["silent"], "unit still answers after malformed input")
        code = unit.stop()
        _, bye, _ = router.wait(lambda u, m, e: m.get("action") == "bye", 10, "bye")
        check(code == 0 and bye["unit_id"] == "unit-a", "SIGTERM -> bye and exit 0", code)
    except Exception:
        print(unit.log())
        raise
    finally:
        unit.stop()
        router.close()
    check.finish()


if __name__ == "__main__":
    main()
