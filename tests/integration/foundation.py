"""Helpers shared by the foundation tests (not part of the public harness)."""

import re

ECHOTEST = "meetgate.plugin.echotest"
HTTP_TRANSPORT = "meetgate.transport.http"
WS_TRANSPORT = "meetgate.transport.websocket"


def _entries(section):
    """(package, entry) pairs of a /health plugins/transports section, which
    may be a list of objects with "package", a list of names, or an object
    keyed by package."""
    if isinstance(section, dict):
        return list(section.items())
    pairs = []
    for item in section or []:
        if isinstance(item, str):
            pairs.append((item, {}))
        elif isinstance(item, dict):
            pairs.append((item.get("package") or item.get("name"), item))
    return pairs


def loaded(health_body, kind):
    """Packages of the loaded plugins (kind="plugins") or transports in a
    /health answer; entries marked disabled/failed/not loaded are left out."""
    data = health_body.get("data", health_body) if isinstance(health_body, dict) else {}
    packages = set()
    for package, entry in _entries(data.get(kind)):
        if isinstance(entry, dict):
            status = str(entry.get("status", entry.get("state", "loaded"))).lower()
            if entry.get("loaded") is False or status in ("disabled", "failed", "skipped"):
                continue
        packages.add(package)
    return packages


def metric_samples(text, name):
    """[(labels dict, value)] of the samples of metric `name` in Prometheus text."""
    samples = []
    pattern = re.compile(r"^" + re.escape(name) + r"(\{(.*)\})?\s+(\S+)$")
    for line in text.splitlines():
        match = pattern.match(line)
        if match:
            labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
            samples.append((labels, float(match.group(3))))
    return samples


def is_error_envelope(body, code):
    """The seed's error envelope with the core's request_id."""
    return (isinstance(body, dict) and body.get("code") == code and
            isinstance(body.get("message"), str) and "error" in body and
            bool(body.get("request_id")))


def sanitizer_clean(log):
    """No AddressSanitizer/UBSan/LeakSanitizer report in a daemon log."""
    return not any(marker in log for marker in
                   ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer"))
