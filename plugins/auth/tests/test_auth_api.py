#!/usr/bin/python3
"""Integration tests of the auth plugin against the real daemon: every
endpoint and error path, revocation at once, refresh rotation, CSRF, avatars,
rate limits and lockout, and the JWT secret rules at start. With
MEETGATE_TEST_DATABASE=postgres MEETGATE_TEST_REDIS=1 it runs on a real
PostgreSQL and redis-server, and a second node on the same servers must see
revocations at once."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scenarios_accounts  # noqa: E402
import scenarios_admin  # noqa: E402
import scenarios_limits  # noqa: E402
from meetgate_harness import Gateway, check  # noqa: E402

AVATAR_MAX = 65536
LOCKOUT_THRESHOLD = 3


def auth_conf(**overrides):
    keys = {
        "argon2_opslimit": 1,
        "argon2_memlimit_kib": 8192,
        "login_rate_max_per_ip": 100000,
        "login_rate_max_per_account": 100000,
        "register_rate_max_per_ip": 100000,
        "register_rate_max_per_account": 100000,
        "lockout_threshold": LOCKOUT_THRESHOLD,
        "avatar_max_bytes": AVATAR_MAX,
        "admin_username": scenarios_admin.ADMIN_USER,
        "admin_password": scenarios_admin.ADMIN_PASSWORD,
        "admin_email": "root@example.com",
    }
    keys.update(overrides)
    lines = "".join(
        f"  {k} = {v!r};\n".replace("'", '"') if isinstance(v, str) else f"  {k} = {v};\n"
        for k, v in keys.items())
    return {"meetgate.plugin.auth.jcfg": "general: {\n" + lines + "};\n"}


def node(**kwargs):
    """A gateway for REST only (the WebSocket transport is not needed here)."""
    return Gateway(wait_for_ws=False, **kwargs)


def shared_servers():
    """Postgres/Redis shared by two nodes, when the run asks for them."""
    if os.environ.get("MEETGATE_TEST_DATABASE") != "postgres":
        return None, None
    from meetgate_harness import Postgres, Redis
    pg, rd = Postgres(), Redis()
    pg.start()
    rd.start()
    return pg, rd


def backends_hold_the_state(pg, rd):
    users = pg.psql("SELECT count(*) FROM users WHERE status = 'active'", url=pg.url).strip()
    check(users.isdigit() and int(users) > 10, "users live in the PostgreSQL users table", users)
    versions = pg.psql("SELECT max(token_version) FROM users", url=pg.url).strip()
    check(versions.isdigit() and int(versions) >= 1, "token versions are kept in the database",
          versions)
    check(rd.command("EXISTS", "ratelimit:ip:127.0.0.1:login") == ":1",
          "rate-limit counters use the seed's ratelimit:{id}:{endpoint} keys in Redis")
    check(rd.command("EXISTS", "session:1") == ":1",
          "per-user token versions are cached in Redis as session:{user_id}")


def secret_rules():
    sample = node(extra_env={"MEETGATE_JWT_SECRET": None, "MEETGATE_DEVELOPMENT": "0"},
                     conf=None)
    with sample:
        status, _, _ = sample.http("POST", "/api/v1/login", {"username": "x", "password": "y"})
        check(status == 404 and "sample" in sample.log().lower(),
              "the sample JWT secret is refused outside development (plugin not loaded)",
              status)
    short = node(extra_env={"MEETGATE_JWT_SECRET": "too-short-secret"})
    with short:
        status, _, _ = short.http("POST", "/api/v1/login", {"username": "x", "password": "y"})
        check(status == 404 and "32 bytes" in short.log(),
              "a JWT secret under 32 bytes is refused", status)
    dev = node(extra_env={"MEETGATE_JWT_SECRET": None})
    with dev:
        status, _, _ = dev.http("POST", "/api/v1/login", {"username": "x", "password": "Yy1!yyyy"})
        check(status == 401 and "SAMPLE JWT secret" in dev.log(),
              "development mode accepts the sample secret with a warning", status)


def main():
    pg, rd = shared_servers()
    node_args = {"postgres": pg, "redis": rd} if pg else {}
    gw = node(conf=auth_conf(), **node_args)
    with gw:
        second = None
        if pg:
            second = node(conf=auth_conf(), extra_env={"MEETGATE_JWT_SECRET": gw.jwt_secret},
                             **node_args)
            second.start()
        try:
            scenarios_accounts.run_all(gw, second)
            scenarios_admin.admin_users(gw)
            scenarios_admin.avatars(gw, AVATAR_MAX)
            scenarios_limits.lockout(gw, LOCKOUT_THRESHOLD)
            if os.path.exists(os.path.join(gw.plugins_dir, "libmeetgate_plugin_meeting.so")):
                scenarios_admin.other_plugins_see_revocation(gw)
            if pg:
                backends_hold_the_state(pg, rd)
        finally:
            if second:
                check(second.stop() == 0, "node 2 exits cleanly on SIGTERM")
        check(gw.stop() == 0, "the daemon exits cleanly on SIGTERM (no sanitizer report)")
    limits = node(conf=auth_conf(login_rate_max_per_ip=6, login_rate_max_per_account=3,
                                 register_rate_max_per_ip=3, lockout_threshold=0))
    with limits:
        scenarios_limits.rate_limits(limits, per_ip=6, per_account=3, register_max=3)
    per_account = node(conf=auth_conf(register_rate_max_per_account=3))
    with per_account:
        scenarios_limits.register_per_account(per_account, 3)
    secret_rules()
    for server in (pg, rd):
        if server:
            server.close()
    check.finish()


if __name__ == "__main__":
    main()
