"""Admin user management and avatars."""

from auth_client import (STRONG_PASSWORD, call, error_field, login, multipart, register,
                         tiny_png, unique_name)
from meetgate_harness import check, http_raw

ADMIN_USER = "root_admin"
ADMIN_PASSWORD = "Adm1n-Bootstrap!"


def admin_users(gw):
    admin, _ = login(gw, ADMIN_USER, ADMIN_PASSWORD)
    check(admin["user"]["role"] == "admin", "the configured first admin exists with role admin",
          admin["user"])
    token = admin["access_token"]
    tag = unique_name("kw")
    made = [register(gw, f"{tag}_{i}")[1] for i in range(5)]
    status, env, _ = call(gw, "GET", f"/api/v1/admin/users?page=1&page_size=2&keyword={tag}",
                          token=token)
    page = (env or {}).get("data", {})
    check(status == 200 and page.get("total") == 5 and len(page.get("list", [])) == 2
          and page.get("page") == 1 and page.get("page_size") == 2
          and page.get("total_pages") == 3,
          "admin list: {list,total,page,page_size,total_pages} with keyword", page)
    status, env, _ = call(gw, "GET", f"/api/v1/admin/users?page=3&page_size=2&keyword={tag}",
                          token=token)
    check(status == 200 and len(env["data"]["list"]) == 1, "last page holds the rest", env)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users?page=0", token=token)
    check(status == 400 and "page" in error_field(env), "page=0 -> 400 naming page", env)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users?page_size=1000", token=token)
    check(status == 400 and "page_size" in error_field(env), "page_size too big -> 400", env)

    admin_moderation(gw, admin, made)


def admin_moderation(gw, admin, made):
    token = admin["access_token"]
    victim_name = made[0]["username"]
    victim, _ = login(gw, victim_name)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users", token=victim["access_token"])
    check(status == 403 and env["code"] == 403, "a plain user is refused the admin list", env)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users")
    check(status == 401, "admin list without a token -> 401", env)
    uid = made[0]["id"]
    status, env, _ = call(gw, "GET", f"/api/v1/admin/users/{uid}", token=token)
    check(status == 200 and env["data"]["username"] == victim_name, "admin GET user", env)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users/99999999", token=token)
    check(status == 404, "admin GET unknown user -> 404", env)
    status, env, _ = call(gw, "GET", "/api/v1/admin/users/abc", token=token)
    check(status == 400 and "id" in error_field(env), "admin GET bad id -> 400", env)
    status, env, _ = call(gw, "PUT", f"/api/v1/admin/users/{uid}", {"role": "root"}, token=token)
    check(status == 400 and "role" in error_field(env), "admin PUT bad role -> 400", env)
    status, env, _ = call(gw, "PUT", f"/api/v1/admin/users/{uid}", {"nickname": "Renamed"},
                          token=token)
    check(status == 200 and env["data"]["nickname"] == "Renamed", "admin PUT nickname", env)
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=victim["access_token"])
    check(status == 200, "a nickname change keeps the user's sessions")

    admin_ban_and_roles(gw, admin, made)


def admin_ban_and_roles(gw, admin, made):
    token = admin["access_token"]
    uid = made[0]["id"]
    victim_name = made[0]["username"]
    victim, _ = login(gw, victim_name)
    status, env, _ = call(gw, "POST", f"/api/v1/admin/users/{uid}/ban", token=token)
    check(status == 200 and env["data"]["status"] == "banned", "admin bans a user", env)
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=victim["access_token"])
    check(status == 401, "the banned user's token is refused at once")
    status, env, _ = call(gw, "POST", "/api/v1/login",
                          {"username": victim_name, "password": STRONG_PASSWORD})
    check(status == 403, "a banned user cannot log in (403)", env)
    status, env, _ = call(gw, "POST", f"/api/v1/admin/users/{uid}/unban", token=token)
    check(status == 200 and env["data"]["status"] == "active", "admin unbans", env)
    login(gw, victim_name)
    check(True, "the unbanned user logs in again")

    admin_id = admin["user"]["id"]
    for what, path, method in (("ban", f"/api/v1/admin/users/{admin_id}/ban", "POST"),
                               ("delete", f"/api/v1/admin/users/{admin_id}", "DELETE")):
        status, env, _ = call(gw, method, path, token=token)
        check(status == 403, f"an admin cannot {what} themselves", env)
    status, env, _ = call(gw, "PUT", f"/api/v1/admin/users/{admin_id}", {"role": "user"},
                          token=token)
    check(status == 403, "an admin cannot demote themselves", env)

    promoted_id = made[1]["id"]
    promoted, _ = login(gw, made[1]["username"])
    status, env, _ = call(gw, "PUT", f"/api/v1/admin/users/{promoted_id}", {"role": "admin"},
                          token=token)
    check(status == 200 and env["data"]["role"] == "admin", "admin promotes a user", env)
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=promoted["access_token"])
    check(status == 401, "a role change retires the tokens that carry the old role")
    promoted, _ = login(gw, made[1]["username"])
    status, _, _ = call(gw, "GET", "/api/v1/admin/users", token=promoted["access_token"])
    check(status == 200, "the promoted user can use the admin API")

    gone, _ = login(gw, made[2]["username"])
    status, env, _ = call(gw, "DELETE", f"/api/v1/admin/users/{made[2]['id']}", token=token)
    check(status == 200, "admin deletes a user", env)
    status, _, _ = call(gw, "GET", "/api/v1/profile", token=gone["access_token"])
    check(status == 401, "the deleted user's token is refused at once")
    status, _, _ = call(gw, "GET", f"/api/v1/admin/users/{made[2]['id']}", token=token)
    check(status == 404, "a deleted user is 404 for admins")


def avatars(gw, max_bytes):
    name, _ = register(gw)
    data, _ = login(gw, name)
    token = data["access_token"]
    png = tiny_png()
    ctype, body = multipart([("note", None, None, b"hi"),
                             ("avatar", "../../../etc/passwd.png", "image/png", png)])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    url = (env or {}).get("data", {}).get("avatar_url", "")
    check(status == 200 and url.startswith("/api/v1/avatars/") and url.endswith(".png")
          and "passwd" not in url, "upload-avatar stores the PNG under a generated name", env)
    status, raw, headers = http_raw("GET", gw.http_url + url)
    check(status == 200 and raw == png and headers.get("Content-Type") == "image/png",
          "GET avatar_url returns the same bytes as image/png", (status, headers.get("Content-Type")))
    status, env, _ = call(gw, "GET", "/api/v1/profile", token=token)
    check(env["data"]["avatar_url"] == url, "the profile's avatar_url points at it", env)

    gif = b"GIF89a" + b"\x01\x00\x01\x00\x00\x00\x00;"
    ctype, body = multipart([("avatar", "a.png", "image/png", gif)])
    status, env, _ = call(gw, "POST", "/api/v1/users/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    new_url = (env or {}).get("data", {}).get("avatar_url", "")
    check(status == 200 and new_url.endswith(".gif"),
          "the type comes from the bytes, not the claimed type/name (alias path)", env)
    status, _, _ = http_raw("GET", gw.http_url + url)
    check(status == 404, "the replaced avatar file is removed")
    status, _, headers = http_raw("GET", gw.http_url + new_url)
    check(status == 200 and headers.get("Content-Type") == "image/gif", "GIF served as image/gif")

    ctype, body = multipart([("avatar", "x.png", "image/png", b"<svg onload=alert(1)>")])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    check(status == 400 and "avatar" in error_field(env), "a non-image upload -> 400", env)
    big = png[:8] + b"\0" * (max_bytes + 10)
    ctype, body = multipart([("avatar", "big.png", "image/png", big)])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    check(status == 413, "an avatar over the size limit -> 413", (status, env))
    huge = png[:8] + b"\0" * (max_bytes + 200 * 1024)
    ctype, body = multipart([("avatar", "huge.png", "image/png", huge)])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    check(status == 413, "a body far over the limit -> 413 (transport cap)", status)
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", png, token=token,
                          headers={"Content-Type": "image/png"})
    check(status == 400, "not multipart -> 400", env)
    ctype, body = multipart([("other", None, None, b"x")])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body, token=token,
                          headers={"Content-Type": ctype})
    check(status == 400 and "avatar" in error_field(env), "no avatar part -> 400", env)
    ctype, body = multipart([("avatar", "a.png", "image/png", png)])
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body[: len(body) // 2],
                          token=token, headers={"Content-Type": ctype})
    check(status == 400, "a truncated multipart body -> 400", env)
    status, env, _ = call(gw, "POST", "/api/v1/upload-avatar", body,
                          headers={"Content-Type": ctype})
    check(status == 401, "upload without a token -> 401", env)
    for bad in ("/api/v1/avatars/..%2f..%2fmeetgate.db", "/api/v1/avatars/nothing.png",
                "/api/v1/avatars/" + "0" * 32 + ".png"):
        status, _, _ = http_raw("GET", gw.http_url + bad)
        check(status == 404, f"GET {bad} -> 404")


def other_plugins_see_revocation(gw):
    """Another plugin authenticating through auth.verify_token (the meeting
    plugin, when it is built) accepts a token and refuses it right after a
    ban."""
    name, user = register(gw)
    data, _ = login(gw, name)
    status, env, _ = call(gw, "GET", "/api/v1/meetings", token=data["access_token"])
    check(status == 200, "the meeting plugin accepts an auth token (auth.verify_token)", env)
    status, _, _ = call(gw, "GET", "/api/v1/meetings")
    check(status == 401, "the meeting plugin refuses a request without token")
    admin, _ = login(gw, ADMIN_USER, ADMIN_PASSWORD)
    call(gw, "POST", f"/api/v1/admin/users/{user['id']}/ban", token=admin["access_token"])
    status, _, _ = call(gw, "GET", "/api/v1/meetings", token=data["access_token"])
    check(status == 401, "the meeting plugin refuses the banned user's token at once")
