"""Headless Chromium (Debian's, fake camera and microphone) as a browser peer
of the echotest plugin: it loads chromium/echo.html from this test's own
HTTP server, signals over the gateway's WebSocket transport, and reports
getStats() back; the test checks that the browser decodes its own video,
that the answer negotiated transport-wide congestion control (extension and
rtcp-fb transport-cc) and that the gateway sends transport-cc feedback
(/health media.transport_cc_feedback_out) at its ~100 ms pace."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from meetgate_harness import Gateway, check, http_json

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FRAMES_WANTED = 30


class Reports:
    def __init__(self):
        self.lock = threading.Lock()
        self.latest, self.logs = {}, []


def make_handler(reports):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            with open(os.path.join(HERE, "chromium", "echo.html"), "rb") as page:
                body = page.read()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with reports.lock:
                if "stats" in data:
                    reports.latest = data["stats"]
                else:
                    reports.logs.append(data.get("log"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass
    return Handler


def media_health(gw):
    status, body, _ = http_json("GET", gw.http_url + "/health")
    return (body or {}).get("data", {}).get("media") or {} if status == 200 else {}


def check_transport_cc(gw, latest, reports):
    check(latest.get("answerTransportCcExtension") is True,
          "the answer negotiates the transport-wide-cc header extension")
    check(latest.get("answerTransportCcFeedback") is True, "the answer has rtcp-fb transport-cc")
    # Feedback goes out every 100 ms while media arrives: over 2 s at least 10.
    before = media_health(gw).get("transport_cc_feedback_out", 0)
    time.sleep(2.0)  # a rate over a fixed window, not a readiness wait
    stats = media_health(gw)
    sent = stats.get("transport_cc_feedback_out", 0) - before
    check(sent >= 10, f"gateway sends transport-cc feedback ({sent} packets in 2 s, "
          f"{stats.get('transport_cc_feedback_out')} total, rtcp out {stats.get('rtcp_packets_out')})",
          stats)
    # Chromium's send-side estimate starts at 300 kbps and only rises on
    # transport-cc feedback (measured without our feedback: it stays at 300000).
    with reports.lock:
        estimate = reports.latest.get("availableOutgoingBitrate", 0)
    check(estimate > 400000,
          f"the browser's bandwidth estimate rises on our feedback ({estimate} bit/s > 400000)")


def main():
    if not os.path.exists(CHROMIUM):
        check(False, f"chromium is installed ({CHROMIUM})")
        return
    gw = Gateway()
    gw.start()
    reports = Reports()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(reports))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="mg-chromium-")
    url = f"http://127.0.0.1:{server.server_port}/echo.html?ws={gw.ws_url}/ws/echotest"
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
         "--disable-background-networking", "--no-first-run", "--mute-audio",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with reports.lock:
                latest = dict(reports.latest)
            if latest.get("framesDecoded", 0) >= FRAMES_WANTED and latest.get("audioPacketsReceived", 0) > 50:
                break
            time.sleep(0.25)
        with reports.lock:
            latest, logs = dict(reports.latest), list(reports.logs)
        check(latest.get("state") == "connected", "browser PeerConnection connected", [latest, logs])
        check(latest.get("framesDecoded", 0) >= FRAMES_WANTED,
              f"browser decodes its echoed video ({latest.get('framesDecoded')} frames, "
              f"{latest.get('codec')})", logs)
        check(latest.get("audioPacketsReceived", 0) > 50,
              f"browser receives its echoed audio ({latest.get('audioPacketsReceived')} packets)")
        check_transport_cc(gw, latest, reports)
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
        code = gw.stop()
        check(code == 0, f"gateway exits cleanly (exit code {code})", gw.log()[-3000:])


main()
sys.exit(check.finish())
