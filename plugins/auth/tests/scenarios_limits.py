"""Rate limits (per IP and per account) and the failed-login lockout."""

from auth_client import STRONG_PASSWORD, call, register, unique_name
from meetgate_harness import check


def _retry_after(headers):
    try:
        return int(headers.get("Retry-After", "0"))
    except ValueError:
        return 0


def lockout(gw, threshold):
    name, _ = register(gw)
    for i in range(threshold - 1):
        status, _, _ = call(gw, "POST", "/api/v1/login",
                            {"username": name, "password": "Wrong-Passw0rd!"})
        check(status == 401, f"failed login {i + 1} -> 401")
    status, env, headers = call(gw, "POST", "/api/v1/login",
                                {"username": name, "password": "Wrong-Passw0rd!"})
    check(status == 429 and _retry_after(headers) > 0,
          f"failure {threshold} locks the account: 429 + Retry-After", (status, env))
    status, env, headers = call(gw, "POST", "/api/v1/login",
                                {"username": name, "password": STRONG_PASSWORD})
    check(status == 429 and env["code"] == 429 and _retry_after(headers) > 0,
          "even the right password is refused while locked", (status, env))


def register_per_account(gw, per_account):
    name = unique_name("ra")
    statuses = []
    for i in range(per_account + 1):
        status, env, headers = call(gw, "POST", "/api/v1/register",
                                    {"username": name, "email": f"{name}{i}@example.com",
                                     "password": STRONG_PASSWORD})
        statuses.append(status)
    check(statuses[0] == 200 and statuses[1:-1] == [409] * (per_account - 1)
          and statuses[-1] == 429 and _retry_after(headers) > 0,
          "per-account register limit (attempts on one username) -> 429", statuses)


def rate_limits(gw, per_ip, per_account, register_max):
    target = unique_name("rl")
    statuses = []
    for _ in range(per_account + 1):
        status, env, headers = call(gw, "POST", "/api/v1/login",
                                    {"username": target, "password": "Wrong-Passw0rd!"})
        statuses.append(status)
    check(statuses[:-1] == [401] * per_account and statuses[-1] == 429,
          "per-account login limit -> 429", statuses)
    check(_retry_after(headers) > 0 and env.get("code") == 429,
          "429 carries Retry-After and the envelope", (headers.get("Retry-After"), env))
    statuses = []
    for _ in range(per_ip):
        status, _, headers = call(gw, "POST", "/api/v1/login",
                                  {"username": unique_name("other"), "password": "x"})
        statuses.append(status)
    check(statuses[-1] == 429 and 401 in statuses,
          "per-IP login limit -> 429 across accounts", statuses)
    statuses = []
    for _ in range(register_max + 1):
        name = unique_name("rr")
        status, _, headers = call(gw, "POST", "/api/v1/register",
                                  {"username": name, "email": f"{name}@example.com",
                                   "password": STRONG_PASSWORD})
        statuses.append(status)
    check(statuses[:-1] == [200] * register_max and statuses[-1] == 429
          and _retry_after(headers) > 0, "per-IP register limit -> 429 + Retry-After", statuses)
