#!/usr/bin/python3
"""The web client end to end: headless Chromium (fake camera and
microphone) opens two pages of /app/, driven over the DevTools protocol with
python3-websockets (no playwright). One page logs in and creates a meeting,
the other logs in and joins it; each page's getStats must show video frames
decoded from the other, and the status line must say so."""
import asyncio
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import websockets  # noqa: E402
from meetgate_harness import check  # noqa: E402
from meetgate_services import die_with_parent  # noqa: E402
from videoroom_testlib import PASSWORD, Api, gateway  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="meetgate-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        self.port = int(open(port_file).read().split("\n")[0])

    def new_page(self, url):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?{url}", method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["webSocketDebuggerUrl"]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.ids = itertools.count(1)

    @classmethod
    async def open(cls, debugger_url):
        return cls(await websockets.connect(debugger_url, max_size=2**24, open_timeout=20))

    async def evaluate(self, expression, timeout=30):
        """Runs `expression` (awaiting a promise) and returns its JSON value."""
        call_id = next(self.ids)
        await self.ws.send(json.dumps({"id": call_id, "method": "Runtime.evaluate", "params": {
            "expression": expression, "awaitPromise": True, "returnByValue": True}}))
        while True:
            reply = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
            if reply.get("id") != call_id:
                continue
            result = reply.get("result", {})
            if "exceptionDetails" in result:
                raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
            return result.get("result", {}).get("value")

    async def wait_ready(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if await self.evaluate("typeof window.meetgate === 'object'", 5):
                    return
            except (RuntimeError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.2)
        raise TimeoutError("the web client did not load")


async def frames_from(page, user_id):
    frames = await page.evaluate("meetgate.decodedFrames()")
    return int((frames or {}).get(str(user_id), 0))


async def scenario(gw, browser, alice, bob):
    app = gw.http_url + "/app/"
    first = await Page.open(browser.new_page(app))
    second = await Page.open(browser.new_page(app))
    for page in (first, second):
        await page.wait_ready()
    await first.evaluate(f"meetgate.login('{alice['name']}', '{PASSWORD}').then(u => u.id)")
    await second.evaluate(f"meetgate.login('{bob['name']}', '{PASSWORD}').then(u => u.id)")
    meeting_id = await first.evaluate("meetgate.createMeeting('browser test')")
    check(isinstance(meeting_id, str) and meeting_id.startswith("mtg-"), "page 1 created a meeting", meeting_id)
    joined = await second.evaluate(f"meetgate.joinMeeting('{meeting_id}')")
    check(joined == meeting_id, "page 2 joined it")
    started = time.monotonic()
    deadline = started + 60
    a_from_b = b_from_a = 0
    while time.monotonic() < deadline:
        a_from_b = await frames_from(first, bob["id"])
        b_from_a = await frames_from(second, alice["id"])
        if a_from_b >= 30 and b_from_a >= 30:
            break
        await asyncio.sleep(0.5)
    elapsed = time.monotonic() - started
    detail = None
    if a_from_b < 30 or b_from_a < 30:
        detail = [await p.evaluate("document.getElementById('status').textContent") for p in (first, second)]
    check(a_from_b >= 30 and b_from_a >= 30,
          f"each page decodes the other's video ({a_from_b}/{b_from_a} frames, {elapsed:.1f}s)", detail)
    status = await first.evaluate("document.getElementById('status').textContent")
    check("frames decoded" in status, "status line shows frames decoded", status)
    speakers = set()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not speakers:
        for page in (first, second):
            speaker = await page.evaluate("meetgate.state.activeSpeaker || 0")
            if speaker:
                speakers.add(speaker)
        await asyncio.sleep(0.5)
    check(speakers <= {alice["id"], bob["id"]} and speakers,
          "active-speaker announced from the audio-level extension", speakers)
    await second.evaluate("meetgate.chat('hello from the browser')")
    await asyncio.sleep(1)
    log = await first.evaluate("document.getElementById('chat-log').textContent")
    check("hello from the browser" in log, "chat appears on the other page", log)
    await second.evaluate("meetgate.leave()")
    await first.ws.close()
    await second.ws.close()


def main():
    gw = gateway()
    gw.start()
    browser = None
    try:
        api = Api(gw)
        alice, bob = api.user("webalice"), api.user("webbob")
        browser = Browser()
        asyncio.run(asyncio.wait_for(scenario(gw, browser, alice, bob), 150))
    finally:
        if browser is not None:
            browser.close()
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
