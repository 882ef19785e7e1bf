"""Small helpers for the auth integration tests: users, tokens, cookies,
multipart bodies and a tiny real PNG."""

import json
import secrets
import struct
import zlib

from meetgate_harness import http_raw

STRONG_PASSWORD = "Str0ng-Passw0rd!"


def unique_name(prefix="u"):
    return f"{prefix}_{secrets.token_hex(4)}"


def call(gw, method, path, body=None, token=None, headers=None):
    """(status, envelope, headers) for a JSON request, with a Bearer token."""
    hdrs = dict(headers or {})
    if token:
        hdrs["Authorization"] = f"Bearer {token}"
    status, raw, resp_headers = http_raw(method, gw.http_url + path, body, hdrs)
    try:
        envelope = json.loads(raw.decode()) if raw else None
    except (ValueError, UnicodeDecodeError):
        envelope = None
    return status, envelope, resp_headers


def register(gw, username=None, password=STRONG_PASSWORD, email=None):
    username = username or unique_name()
    email = email or f"{username.lower()}@example.com"
    status, env, _ = call(gw, "POST", "/api/v1/register",
                          {"username": username, "email": email, "password": password})
    assert status == 200, (status, env)
    return username, env["data"]


def login(gw, username, password=STRONG_PASSWORD):
    status, env, headers = call(gw, "POST", "/api/v1/login",
                                {"username": username, "password": password})
    assert status == 200, (status, env)
    return env["data"], headers


def set_cookies(headers):
    """{name: (value, attributes text)} from every Set-Cookie header."""
    out = {}
    for line in headers.get_all("Set-Cookie") or []:
        pair, _, attrs = line.partition(";")
        name, _, value = pair.partition("=")
        out[name.strip()] = (value.strip(), attrs)
    return out


def error_field(env):
    return (env or {}).get("error", "")


def tiny_png():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def multipart(fields, boundary=None):
    """fields: list of (name, filename or None, content type or None, bytes).
    Returns (content type header, body bytes)."""
    boundary = boundary or ("----meetgate" + secrets.token_hex(8))
    body = b""
    for name, filename, ctype, data in fields:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if ctype:
            body += f"Content-Type: {ctype}\r\n".encode()
        body += b"\r\n" + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body
