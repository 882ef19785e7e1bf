"""Helpers for the inference-unit integration tests: start real
meetgate-infer processes and play the gateway's ROUTER side with python3-zmq,
speaking pipelines/infer/PROTOCOL.md."""

import json
import os
import signal
import subprocess
import time

import zmq

from meetgate_harness import BUILD_DIR, die_with_parent, free_port

INFER_BIN = os.path.join(BUILD_DIR, "bin", "meetgate-infer")


class Unit:
    """One meetgate-infer process connected to `endpoint`."""

    def __init__(self, endpoint, unit_id, *args, env=None):
        self.unit_id = unit_id
        self.log_path = f"/tmp/meetgate-infer-{unit_id}-{os.getpid()}.log"
        self._log = open(self.log_path, "w")
        full_env = dict(os.environ, MEETGATE_INFER_ENDPOINT=endpoint, **(env or {}))
        self.proc = subprocess.Popen([INFER_BIN, "--unit-id", unit_id, *args], env=full_env,
                                     stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def log(self):
        with open(self.log_path) as f:
            return f.read()


class Router:
    """The gateway side: a ROUTER the units connect to."""

    def __init__(self):
        self.endpoint = f"tcp://127.0.0.1:{free_port()}"
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.ROUTER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.bind(self.endpoint)
        self.units = {}  # unit_id -> hello
        self.backlog = []  # (unit_id, message, extra_frames) received but not consumed
        self._n = 0
        self._last_beat = 0.0

    def close(self):
        self.sock.close()
        self.ctx.term()

    def heartbeat(self):
        """Like the gateway: heartbeat every known unit once a second, or a
        unit declares the gateway gone and drops its sessions."""
        now = time.monotonic()
        if now - self._last_beat < 1.0:
            return
        self._last_beat = now
        for unit_id in self.units:
            self.send_raw(unit_id, json.dumps({"action": "heartbeat"}).encode())

    def _recv(self, timeout):
        self.heartbeat()
        if not self.sock.poll(int(min(timeout, 0.5) * 1000)):
            return False
        frames = self.sock.recv_multipart()
        unit_id = frames[0].decode()
        msg = json.loads(frames[1])
        if msg.get("action") == "hello":
            self.units[unit_id] = msg
            self.send_raw(unit_id, json.dumps({"action": "heartbeat"}).encode())
        return unit_id, msg, frames[2:]

    def wait(self, predicate, timeout=30, what="message"):
        """First received (unit_id, msg, extra) matching predicate; others are
        kept in the backlog. Raises TimeoutError at the deadline."""
        for i, item in enumerate(self.backlog):
            if predicate(*item):
                return self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            item = self._recv(deadline - time.monotonic())
            if not item:
                continue
            if predicate(*item):
                return item
            if item[1].get("action") not in ("hello", "heartbeat"):
                self.backlog.append(item)
        raise TimeoutError(f"timed out after {timeout}s waiting for {what}")

    def wait_hello(self, unit_id, timeout=30):
        if unit_id in self.units:
            return self.units[unit_id]
        return self.wait(lambda u, m, e: u == unit_id and m.get("action") == "hello", timeout, "hello")[1]

    def send_raw(self, unit_id, *frames):
        self.sock.send_multipart([unit_id.encode(), *frames])

    def request(self, unit_id, action, obj="", work_id="", data=None, payload=None, request_id=None):
        self._n += 1
        rid = request_id or f"t{self._n}"
        msg = {"request_id": rid, "action": action}
        if obj:
            msg["object"] = obj
        if work_id:
            msg["work_id"] = work_id
        if data is not None:
            msg["data"] = data
        frames = [json.dumps(msg).encode()]
        if payload is not None:
            frames.append(payload)
        self.send_raw(unit_id, *frames)
        return rid

    def replies(self, rid, timeout=60):
        """All replies of request rid up to the final one (error or finish)."""
        out = []
        while True:
            _, msg, _ = self.wait(lambda u, m, e: m.get("request_id") == rid, timeout, f"reply to {rid}")
            out.append(msg)
            data = msg.get("data")
            if "error" in msg or not (isinstance(data, dict) and data.get("finish") is False):
                return out

    def call(self, unit_id, action, **kw):
        timeout = kw.pop("timeout", 60)
        return self.replies(self.request(unit_id, action, **kw), timeout)


# espeak-ng's US English voice with its Klatt variant: pocketsphinx's general
# model recognizes the default formant voice poorly (about 2 key words in 9
# measured), the Klatt voice well (8 in 10). README.md, "ASR accuracy".
SPEECH_VOICE = "en-us+klatt"
SENTENCE = "hello everyone, my name is john. i would like to talk about the new project."
KEY_WORDS = ["hello", "everyone", "name", "john", "would", "like", "talk", "about", "new", "project"]


def speech_pcm(text, path_prefix, voice=SPEECH_VOICE):
    """espeak-ng speaks text; sox makes 16 kHz mono s16le raw PCM."""
    wav = f"{path_prefix}.wav"
    raw = f"{path_prefix}.raw"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "140", "-w", wav, text], check=True)
    subprocess.run(["sox", wav, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw", raw],
                   check=True)
    with open(raw, "rb") as f:
        return f.read()


def key_word_share(text, words=None):
    """Share of the key words present in a transcript."""
    words = words or KEY_WORDS
    heard = set(text.lower().split())
    return sum(1 for w in words if w in heard) / len(words)


FACE_IMAGE = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"  # Debian package opencv-doc
