"""Registration, login, profile, refresh, logout, CSRF and password change."""

from auth_client import (STRONG_PASSWORD, call, error_field, login, register, set_cookies,
                         unique_name)
from meetgate_harness import check


def registration(gw):
    name = unique_name("Reg")
    status, env, _ = call(gw, "POST", "/api/v1/register",
                          {"username": name, "email": f"{name}@Example.com",
                           "password": STRONG_PASSWORD, "nickname": "Reggie"})
    check(status == 200 and env["code"] == 200, "register answers 200 in the envelope", env)
    user = (env or {}).get("data", {})
    check(user.get("username") == name and user.get("email") == f"{name.lower()}@example.com",
          "register returns the user with a lower-cased email", user)
    check("password_hash" not in user and user.get("role") == "user",
          "no password hash leaks; role user", user)
    check("request_id" in env, "envelope carries request_id", env)
    alias = unique_name("Ali")
    status, env, _ = call(gw, "POST", "/api/v1/auth/register",
                          {"username": alias, "email": f"{alias}@ex.org",
                           "password": STRONG_PASSWORD})
    check(status == 200, "alias /api/v1/auth/register works", env)

    bad = [
        ({"email": "a@b.co", "password": STRONG_PASSWORD}, "username"),
        ({"username": "ab", "email": "a@b.co", "password": STRONG_PASSWORD}, "username"),
        ({"username": "bad-name!", "email": "a@b.co", "password": STRONG_PASSWORD}, "username"),
        ({"username": unique_name(), "password": STRONG_PASSWORD}, "email"),
        ({"username": unique_name(), "email": "not-an-email", "password": STRONG_PASSWORD},
         "email"),
        ({"username": unique_name(), "email": "x@y.co"}, "password"),
        ({"username": unique_name(), "email": "x@y.co", "password": "short1A"}, "password"),
        ({"username": unique_name(), "email": "x@y.co", "password": "alllowercase"},
         "password"),
        ({"username": unique_name(), "email": "x@y.co", "password": "P@ssw0rd"}, "password"),
        ({"username": 12345, "email": "x@y.co", "password": STRONG_PASSWORD}, "username"),
    ]
    for body, field in bad:
        status, env, _ = call(gw, "POST", "/api/v1/register", body)
        check(status == 400 and env["code"] == 400 and field in error_field(env),
              f"register 400 naming {field}: {sorted(body)}", env)
    for raw in (b"{not json", b"[1,2]", b"\"text\""):
        status, env, _ = call(gw, "POST", "/api/v1/register", raw,
                              headers={"Content-Type": "application/json"})
        check(status == 400 and env and env.get("code") == 400,
              f"register 400 on a non-object body {raw!r}", env)

    status, env, _ = call(gw, "POST", "/api/v1/register",
                          {"username": name.upper(), "email": "other@ex.org",
                           "password": STRONG_PASSWORD})
    check(status == 409 and "username" in error_field(env),
          "409 for a taken username (case-insensitive)", env)
    status, env, _ = call(gw, "POST", "/api/v1/register",
                          {"username": unique_name(), "email": f"{name.upper()}@example.com",
                           "password": STRONG_PASSWORD})
    check(status == 409 and "email" in error_field(env), "409 for a taken email", env)


def login_and_profile(gw):
    name, user = register(gw)
    data, headers = login(gw, name)
    for key in ("token", "access_token", "refresh_token", "expires_in", "user"):
        check(key in data, f"login answers {key}", sorted(data))
    check(data["expires_in"] == 86400, "access token lives 24 h by default", data["expires_in"])
    cookies = set_cookies(headers)
    value, attrs = cookies.get("access_token", ("", ""))
    check(value == data["access_token"] and "HttpOnly" in attrs and "SameSite=Lax" in attrs,
          "login sets the HttpOnly SameSite=Lax access_token cookie", attrs)
    by_email, _ = login(gw, f"{name}@example.com")
    check(by_email["user"]["id"] == user["id"], "login accepts the email in `username`")
    status, env, _ = call(gw, "POST", "/api/v1/auth/login",
                          {"username": name.upper(), "password": STRONG_PASSWORD})
    check(status == 200, "alias /api/v1/auth/login, username case-insensitive", env)
    status, env, _ = call(gw, "POST", "/api/v1/login",
                          {"username": name, "password": "Wrong-Passw0rd!"})
    check(status == 401 and env["code"] == 401, "wrong password -> 401", env)
    status, env, _ = call(gw, "POST", "/api/v1/login",
                          {"username": unique_name("ghost"), "password": STRONG_PASSWORD})
    check(status == 401, "unknown user -> 401", env)
    status, env, _ = call(gw, "POST", "/api/v1/login", {"username": name})
    check(status == 400 and "password" in error_field(env), "login without password -> 400",
          env)
    status, env, _ = call(gw, "POST", "/api/v1/login", {"password": "x"})
    check(status == 400 and "username" in error_field(env), "login without username -> 400",
          env)

    token = data["access_token"]
    for path in ("/api/v1/profile", "/api/v1/users/profile"):
        status, env, _ = call(gw, "GET", path, token=token)
        check(status == 200 and env["data"]["username"] == name, f"GET {path}", env)
    status, env, _ = call(gw, "GET", "/api/v1/profile")
    check(status == 401 and env["code"] == 401, "profile without a token -> 401", env)
    status, env, _ = call(gw, "GET", "/api/v1/profile", token="garbage.token.here")
    check(status == 401, "profile with a garbage token -> 401", env)
    status, env, _ = call(gw, "GET", "/api/v1/profile", headers={"Authorization": "Basic eDp5"})
    check(status == 401, "Basic authorization -> 401", env)
    status, env, _ = call(gw, "GET", "/api/v1/profile", token=data["refresh_token"])
    check(status == 401, "a refresh token is not an access token -> 401", env)

    status, env, _ = call(gw, "PUT", "/api/v1/profile",
                          {"nickname": "New Nick", "email": f"new_{name}@example.com"},
                          token=token)
    check(status == 200 and env["data"]["nickname"] == "New Nick"
          and env["data"]["email"] == f"new_{name}@example.com".lower(),
          "PUT /api/v1/profile updates nickname and email", env)
    status, env, _ = call(gw, "PUT", "/api/v1/users/profile", {"nickname": "Alias"},
                          token=token)
    check(status == 200 and env["data"]["nickname"] == "Alias", "PUT alias users/profile", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", {"email": "broken@"}, token=token)
    check(status == 400 and "email" in error_field(env), "PUT profile bad email -> 400", env)
    other, _ = register(gw)
    status, env, _ = call(gw, "PUT", "/api/v1/profile",
                          {"email": f"{other.lower()}@example.com"}, token=token)
    check(status == 409 and "email" in error_field(env), "PUT profile taken email -> 409", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", {}, token=token)
    check(status == 400, "PUT profile with nothing -> 400", env)
    status, env, _ = call(gw, "PATCH", "/api/v1/profile", {}, token=token)
    check(status == 405, "PATCH profile -> 405", env)
    status, env, _ = call(gw, "GET", "/api/v1/auth/nothing-here", token=token)
    check(status == 404 and env["code"] == 404, "unknown path under /api/v1/auth -> 404", env)


def refresh_and_logout(gw):
    name, _ = register(gw)
    data, _ = login(gw, name)
    first_refresh = data["refresh_token"]
    status, env, _ = call(gw, "POST", "/api/v1/refresh-token", {"refresh_token": first_refresh})
    check(status == 200 and env["data"]["refresh_token"] != first_refresh,
          "refresh-token rotates the refresh token", env)
    second = env["data"] if status == 200 else {}
    status, env, _ = call(gw, "POST", "/api/v1/refresh-token", {"refresh_token": first_refresh})
    check(status == 401, "a used refresh token is refused (single use)", env)
    status, env, _ = call(gw, "POST", "/api/v1/auth/refresh",
                          {"refresh_token": second.get("refresh_token")})
    check(status == 200, "alias /api/v1/auth/refresh with the new refresh token", env)
    status, env, _ = call(gw, "POST", "/api/v1/refresh-token",
                          {"refresh_token": data["access_token"]})
    check(status == 401, "an access token cannot refresh", env)
    status, env, _ = call(gw, "POST", "/api/v1/refresh-token", {})
    check(status == 400 and "refresh_token" in error_field(env), "refresh without token -> 400",
          env)

    a, _ = login(gw, name)
    b, _ = login(gw, name)
    status, env, headers = call(gw, "POST", "/api/v1/auth/logout",
                                {"refresh_token": a["refresh_token"]}, token=a["access_token"])
    check(status == 200, "logout answers 200", env)
    check(set_cookies(headers).get("access_token", ("x",))[0] == "",
          "logout clears the access_token cookie")
    status, env, _ = call(gw, "GET", "/api/v1/profile", token=a["access_token"])
    check(status == 401, "the logged-out token is refused at once", env)
    status, env, _ = call(gw, "POST", "/api/v1/refresh-token",
                          {"refresh_token": a["refresh_token"]})
    check(status == 401, "the refresh token handed to logout is dead too", env)
    status, env, _ = call(gw, "GET", "/api/v1/profile", token=b["access_token"])
    check(status == 200, "another session of the same user still works", env)


def csrf(gw):
    name, _ = register(gw)
    data, _ = login(gw, name)
    status, env, headers = call(gw, "GET", "/api/v1/csrf-token")
    token = (env or {}).get("data", {}).get("csrf_token", "")
    cookie_value, attrs = set_cookies(headers).get("csrf_token", ("", ""))
    check(status == 200 and len(token) == 64 and cookie_value == token,
          "GET /api/v1/csrf-token sets the cookie and returns the same token", env)
    check("HttpOnly" not in attrs, "the csrf_token cookie is readable by the page", attrs)
    cookies = f"access_token={data['access_token']}; csrf_token={token}"
    status, env, _ = call(gw, "GET", "/api/v1/profile", headers={"Cookie": cookies})
    check(status == 200, "cookie auth works for a safe method without the header", env)
    body = {"nickname": "Cookie"}
    status, env, _ = call(gw, "PUT", "/api/v1/profile", body, headers={"Cookie": cookies})
    check(status == 403 and env["code"] == 403, "cookie PUT without X-CSRF-Token -> 403", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", body,
                          headers={"Cookie": cookies, "X-CSRF-Token": "0" * 64})
    check(status == 403, "cookie PUT with a wrong X-CSRF-Token -> 403", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", body,
                          headers={"Cookie": f"access_token={data['access_token']}",
                                   "X-CSRF-Token": token})
    check(status == 403, "header without the csrf cookie -> 403", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", body,
                          headers={"Cookie": cookies, "X-CSRF-Token": token})
    check(status == 200 and env["data"]["nickname"] == "Cookie",
          "cookie PUT with the matching X-CSRF-Token -> 200", env)
    status, env, _ = call(gw, "PUT", "/api/v1/profile", {"nickname": "Bearer"},
                          token=data["access_token"])
    check(status == 200, "Bearer requests are exempt from CSRF", env)


def change_password(gw, second_gw=None):
    name, _ = register(gw)
    old, _ = login(gw, name)
    other_session, _ = login(gw, name)
    new_password = "An0ther-Secret#"
    status, env, _ = call(gw, "POST", "/api/v1/change-password",
                          {"old_password": "Wrong-Passw0rd!", "new_password": new_password},
                          token=old["access_token"])
    check(status == 400 and "old_password" in error_field(env), "wrong old password -> 400",
          env)
    status, env, _ = call(gw, "POST", "/api/v1/change-password",
                          {"old_password": STRONG_PASSWORD, "new_password": "weakweak"},
                          token=old["access_token"])
    check(status == 400 and "new_password" in error_field(env), "weak new password -> 400", env)
    if second_gw is not None:
        status, _, _ = call(second_gw, "GET", "/api/v1/profile", token=old["access_token"])
        check(status == 200, "node 2 accepts the token before the change")
    status, env, _ = call(gw, "POST", "/api/v1/users/change-password",
                          {"old_password": STRONG_PASSWORD, "new_password": new_password},
                          token=old["access_token"])
    check(status == 200 and "access_token" in env["data"],
          "change-password (alias) succeeds and returns fresh tokens", env)
    fresh = env["data"] if status == 200 else {}
    for label, token in (("the caller's old", old["access_token"]),
                         ("another session's", other_session["access_token"])):
        status, _, _ = call(gw, "GET", "/api/v1/profile", token=token)
        check(status == 401, f"{label} access token is revoked at once")
    if second_gw is not None:
        status, _, _ = call(second_gw, "GET", "/api/v1/profile", token=old["access_token"])
        check(status == 401, "node 2 refuses the revoked token at once (shared Redis)")
        status, _, _ = call(second_gw, "GET", "/api/v1/profile", token=fresh.get("access_token"))
        check(status == 200, "node 2 accepts the fresh token")
    status, _, _ = call(gw, "POST", "/api/v1/refresh-token",
                        {"refresh_token": old["refresh_token"]})
    check(status == 401, "the old refresh token is revoked too")
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=fresh.get("access_token"))
    check(status == 200, "the fresh token works")
    status, _, _ = call(gw, "POST", "/api/v1/login",
                        {"username": name, "password": STRONG_PASSWORD})
    check(status == 401, "the old password no longer logs in")
    status, _, _ = call(gw, "POST", "/api/v1/login", {"username": name, "password": new_password})
    check(status == 200, "the new password logs in")


def delete_account(gw):
    name, _ = register(gw)
    data, _ = login(gw, name)
    status, env, _ = call(gw, "DELETE", "/api/v1/account", {"password": "Wrong-Passw0rd!"},
                          token=data["access_token"])
    check(status == 400 and "password" in error_field(env),
          "delete with a wrong confirmation password -> 400", env)
    status, env, _ = call(gw, "DELETE", "/api/v1/users/account", token=data["access_token"])
    check(status == 200, "DELETE /api/v1/users/account answers 200", env)
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=data["access_token"])
    check(status == 401, "the deleted account's token is refused at once")
    status, _, _ = call(gw, "POST", "/api/v1/refresh-token",
                        {"refresh_token": data["refresh_token"]})
    check(status == 401, "the deleted account's refresh token is refused")
    status, _, _ = call(gw, "POST", "/api/v1/login", {"username": name, "password": STRONG_PASSWORD})
    check(status == 401, "the deleted account cannot log in")
    status, env, _ = call(gw, "POST", "/api/v1/register",
                          {"username": name, "email": f"{name}@example.com",
                           "password": STRONG_PASSWORD})
    check(status == 200, "the username and email are free again", env)
    status, env, _ = call(gw, "DELETE", "/api/v1/account")
    check(status == 401, "DELETE /api/v1/account without a token -> 401", env)


def run_all(gw, second_gw=None):
    registration(gw)
    login_and_profile(gw)
    refresh_and_logout(gw)
    csrf(gw)
    change_password(gw, second_gw)
    delete_account(gw)


