#!/usr/bin/python3
"""The web client's host features end to end, in headless Chromium with fake
camera and microphone (tests/harness/meetgate_browser.py):

- a host page creates a meeting, a participant page joins it through /app/;
- the host clicks "Start recording", a few seconds later "Stop recording";
  both pages show the recording indicator turning on, then off (driven by
  the `recording` signaling messages);
- the host page lists the recording, and each listed file, fetched in the
  page with the Bearer token, is non-empty WebM (EBML magic 1A 45 DF A3);
- with a real meetgate-infer unit: the host clicks "Start live analysis" and
  both pages show face counts on the tiles (`ai-result` messages); the fake
  camera shows no face, so 0 is a valid count.

A screenshot of the host page is written to $MEETGATE_TEST_SCREENSHOT
(default /tmp/meetgate-web-host.png)."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from meetgate_browser import Browser  # noqa: E402
from meetgate_harness import BUILD_DIR, check, free_port, wait_for  # noqa: E402
from videoroom_testlib import PASSWORD, Api, gateway  # noqa: E402

EBML_MAGIC = [0x1A, 0x45, 0xDF, 0xA3]
SCREENSHOT = os.environ.get("MEETGATE_TEST_SCREENSHOT", "/tmp/meetgate-web-host.png")
INDICATOR_ON = "!document.getElementById('recording-indicator').hidden"
INDICATOR_OFF = "document.getElementById('recording-indicator').hidden"


def start_unit(endpoint):
    """A real meetgate-infer unit (pocketsphinx, OpenCV faces, quality)."""
    return subprocess.Popen([os.path.join(BUILD_DIR, "bin", "meetgate-infer"), "--endpoint", endpoint,
                             "--capacity", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def model_names(api, token):
    status, body, _ = api.call("GET", "/models", token=token)
    if status != 200:
        return []
    return [m["name"] if isinstance(m, dict) else m for m in body["data"]["models"]]


def click(page, element_id):
    """A real click on the element (DOM event with a user gesture)."""
    page.evaluate(f"document.getElementById('{element_id}').click()")


def became(page, js, timeout, what):
    """True once `js` is truthy in the page, False after `timeout` seconds."""
    try:
        return bool(page.wait_for(js, timeout=timeout, what=what))
    except TimeoutError as err:
        print(err)
        return False


def open_client(browser, gw, user):
    page = browser.new_page(gw.http_url + "/app/")
    page.wait_for("typeof window.meetgate === 'object' && typeof meetgate.startRecording === 'function'",
                  timeout=20, what="the web client with live.js")
    page.evaluate(f"meetgate.login('{user['name']}', '{PASSWORD}').then(u => u.id)")
    return page


def wait_media(host_page, guest_page, host, guest):
    """Each page decodes the other's video, so the recording has media."""
    def flowing():
        a = host_page.evaluate("meetgate.decodedFrames()") or {}
        b = guest_page.evaluate("meetgate.decodedFrames()") or {}
        return a.get(str(guest["id"]), 0) >= 15 and b.get(str(host["id"]), 0) >= 15
    wait_for(flowing, timeout=60, interval=0.5, what="video decoded on both pages")


def record(host_page, guest_page):
    visible = host_page.evaluate("!document.getElementById('host-controls').hidden")
    check(visible, "the host page shows the host controls")
    hidden = guest_page.evaluate("document.getElementById('host-controls').hidden")
    check(hidden, "the participant page hides them")
    check(host_page.evaluate(INDICATOR_OFF) and guest_page.evaluate(INDICATOR_OFF),
          "no recording indicator before the start")
    click(host_page, "start-recording")
    for name, page in (("host", host_page), ("participant", guest_page)):
        check(became(page, INDICATOR_ON, 20, f"the {name}'s recording indicator"),
              f"the {name} page shows the recording indicator")
    check(host_page.evaluate("document.getElementById('start-recording').disabled"),
          "Start recording is disabled while recording")
    host_page.screenshot(SCREENSHOT.replace(".png", "-recording.png"))
    time.sleep(4)  # the recording's length, not a readiness wait
    click(host_page, "stop-recording")
    for name, page in (("host", host_page), ("participant", guest_page)):
        check(became(page, INDICATOR_OFF, 30, f"the {name}'s indicator turning off"),
              f"the {name} page's recording indicator turns off")


def downloads(host_page):
    urls = host_page.wait_for(
        "Array.from(document.querySelectorAll('#recordings-list a.download')).map(a => a.dataset.url)"
        ".filter(Boolean).join(' ')", timeout=30, what="download links").split()
    check(len(urls) >= 2, f"the host page lists the recording's files ({len(urls)})", urls)
    for url in urls:
        info = host_page.evaluate(
            f"meetgate.fetchFile('{url}').then(async blob => ({{size: blob.size, "
            "magic: Array.from(new Uint8Array(await blob.slice(0, 4).arrayBuffer()))}))", timeout=60)
        check(info["size"] > 1000 and info["magic"] == EBML_MAGIC,
              f"{url} downloads as WebM in the page ({info['size']} bytes)", info)
    # The link itself: a click fetches with the token and hands over a blob: URL.
    host_page.call("Page.setDownloadBehavior", {"behavior": "deny"})
    host_page.evaluate("document.querySelector('#recordings-list a.download').click()")
    check(became(host_page, "meetgate.live.objectUrls.length > 0", 30, "the link's blob URL"),
          "clicking a download link fetches the file into a blob: URL")


def live_analysis(host_page, guest_page, host, guest):
    click(host_page, "start-analysis")
    check(became(host_page, "document.getElementById('stop-analysis').disabled === false", 20,
                 "live analysis running"), "Start live analysis turns live analysis on")
    badge = ".tile[data-user='{}'] .faces:not([hidden])"
    for name, page, other in (("host", host_page, guest), ("participant", guest_page, host)):
        count = page.wait_for(
            f"(document.querySelector(\"{badge.format(other['id'])}\") || {{}}).textContent",
            timeout=60, what=f"a face count on the {name}'s tile of the other")
        check(count.endswith("faces") or count.endswith("face"),
              f"the {name} page shows a face count on the other's tile ({count!r})")
    quality = host_page.wait_for(
        f"document.querySelector(\".tile[data-user='{guest['id']}']\").dataset.videoQuality", timeout=30,
        what="a video quality report")
    check(bool(quality), f"the host page has the participant's video quality ({quality!r})")
    screenshot(host_page)
    click(host_page, "stop-analysis")
    check(became(host_page, "document.getElementById('start-analysis').disabled === false", 20,
                 "live analysis stopped"), "Stop live analysis turns it off")


def screenshot(page):
    """The whole room view (host controls, tiles, captions, recordings)."""
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": 1150, "height": 1250, "deviceScaleFactor": 1, "mobile": False})
    page.screenshot(SCREENSHOT)
    page.call("Emulation.clearDeviceMetricsOverride")


def scenario(gw, api, browser, with_ai):
    host, guest = api.user("webhost"), api.user("webguest")
    host_page, guest_page = open_client(browser, gw, host), open_client(browser, gw, guest)
    meeting_id = host_page.evaluate("meetgate.createMeeting('host features')")
    check(str(meeting_id).startswith("mtg-"), "the host page created a meeting", meeting_id)
    guest_page.evaluate(f"meetgate.joinMeeting('{meeting_id}')")
    wait_media(host_page, guest_page, host, guest)
    record(host_page, guest_page)
    downloads(host_page)
    if with_ai:
        live_analysis(host_page, guest_page, host, guest)
    else:
        screenshot(host_page)
    errors = [m for p in (host_page, guest_page) for m in p.console_messages() if m.startswith("exception")]
    check(not errors, "no uncaught exceptions in the pages", errors)
    for page in (guest_page, host_page):
        page.evaluate("meetgate.leave()")


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    infer = os.path.join(BUILD_DIR, "bin", "meetgate-infer")
    with_ai = os.access(infer, os.X_OK)
    check(with_ai, f"{infer} is built (the live analysis part needs it)")
    gw = gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint})
    gw.start()
    unit = start_unit(endpoint) if with_ai else None
    try:
        api = Api(gw)
        if with_ai:
            probe = api.user("webprobe")["token"]
            wait_for(lambda: "vision.faces" in model_names(api, probe), timeout=60, what="the unit")
        with Browser() as browser:
            scenario(gw, api, browser, with_ai)
    except Exception:
        print(gw.log()[-5000:])
        raise
    finally:
        if unit is not None:
            unit.terminate()
            unit.wait(10)
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
