"""The daemon's life: SIGTERM, a port already in use, a malformed config,
--check-config, and a plugin disabled in config."""

import re
import signal
import time

from foundation import ECHOTEST, loaded, sanitizer_clean
from meetgate_harness import Gateway, check, ws_connect

# --- SIGTERM: exit 0, promptly, even with a client connected ------------------------
gw = Gateway().start()
client = ws_connect(gw, "/ws/echotest")
began = time.monotonic()
code = gw.stop(signal.SIGTERM, cleanup=False)
took = time.monotonic() - began
check(code == 0, "SIGTERM: exit code 0", code)
check(took < 10, f"SIGTERM: the daemon stops within 10 s with a client connected ({took:.2f} s)")
client.close()
check(sanitizer_clean(gw.log()), "no sanitizer report after a SIGTERM stop")

# SIGINT does the same (Ctrl-C in the foreground).
gw.start()
check(gw.stop(signal.SIGINT) == 0, "SIGINT: exit code 0")

# --- a port already in use: non-zero exit with a clear message -----------------------
first = Gateway().start()
second = Gateway(extra_env={"MEETGATE_HTTP_PORT": first.http_port})
second.start(wait=False)
try:
    code = second.wait_exit(timeout=30)
except TimeoutError:
    code = None
log = second.log()
check(code not in (None, 0), "a second daemon on a used HTTP port exits non-zero", code)
check(str(first.http_port) in log and re.search(r"in use|EADDRINUSE|bind", log, re.I),
      "its log names the port and says it is in use", log[-800:])
second.close()
check(first.running() and first.http("GET", "/health")[0] == 200,
      "the first daemon is unaffected")
first.stop()

# --- a malformed meetgate.jcfg: exit 2 with file:line ----------------------------
broken = 'general: {\n  log_level = "info";\n  data_dir = ;\n};\n'
gw = Gateway(conf={"meetgate.jcfg": broken})
gw.start(wait=False)
try:
    code = gw.wait_exit(timeout=30)
except TimeoutError:
    code = None
check(code == 2, "a malformed meetgate.jcfg: exit code 2", code)
check(re.search(r"meetgate\.jcfg:3\b", gw.log()), "the error names meetgate.jcfg:3",
      gw.log()[-600:])
gw.close()

# --- --check-config -----------------------------------------------------------------
gw = Gateway()
code, out = gw.run_once("--check-config")
check(code == 0, "--check-config accepts the shipped conf/", out[-800:])

gw.write_conf("meetgate.jcfg", 'storage: {\n  pool_size = 0;\n};\n')
code, out = gw.run_once("--check-config")
check(code == 2 and "meetgate.jcfg" in out and "pool_size" in out,
      "--check-config refuses a bad value, naming the file and key", out[-600:])

gw.write_conf("meetgate.jcfg", 'general: {\n  no_such_key = 1;\n};\n')
code, out = gw.run_once("--check-config")
check(code == 2 and re.search(r"meetgate\.jcfg:2\b", out) and "no_such_key" in out,
      "--check-config refuses an unknown key with file:line", out[-600:])

gw.write_conf("meetgate.jcfg", None)  # no core file: embedded defaults
gw.write_conf("meetgate.plugin.echotest.jcfg", "general: {\n  enabled = true\n  max_body = ;\n};\n")
code, out = gw.run_once("--check-config")
check(code == 2 and re.search(r"meetgate\.plugin\.echotest\.jcfg:\d+", out),
      "--check-config refuses a broken plugin file with file:line", out[-600:])
gw.close()

# --- a plugin disabled in config is absent --------------------------------------------
for how, conf in (
        ("general.enabled = false", {"meetgate.plugin.echotest.jcfg": "general: { enabled = false; };\n"}),
        ("plugins.disable", {"meetgate.jcfg": f'plugins: {{ disable = ["{ECHOTEST}"]; }};\n'})):
    gw = Gateway(conf=conf, wait_for_ws=True).start()
    status, body, _ = gw.http("GET", "/health")
    check(status == 200 and ECHOTEST not in loaded(body, "plugins"),
          f"echotest disabled by {how} is not loaded", body)
    status, body, _ = gw.http("GET", "/api/v1/echotest")
    check(status == 404, f"echotest disabled by {how}: its route is 404", status)
    check(gw.stop() == 0, f"echotest disabled by {how}: clean exit")

check.finish()
