"""The sign-in page of the workspace gate, in Chinese (what a lawyer reads); every inserted value is HTML-escaped."""

from __future__ import annotations

from html import escape

LOGIN_PATH = "/_lexmemo/login"
LOGOUT_PATH = "/_lexmemo/logout"

WRONG_CREDENTIALS = "用户名或密码不正确"  # never says which of the two was wrong
TOO_MANY = "登录失败次数过多，请一分钟后再试"
SIGNED_OUT = "您已退出登录"
SESSION_ENDED = "登录已过期，请重新登录"

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>登录 · 电商平台责任备忘录助手</title>
<style>
body {{ font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", sans-serif; background: #f5f6f8;
       display: flex; justify-content: center; align-items: center; min-height: 100vh; margin: 0; }}
form {{ background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15);
       width: 20rem; }}
h1 {{ font-size: 1.3rem; margin: 0 0 1.2rem; }}
label {{ display: block; margin: .8rem 0 .3rem; }}
input[type=text], input[type=password] {{ width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }}
button {{ margin-top: 1.2rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1f4e8c; color: #fff;
         border: 0; border-radius: 4px; cursor: pointer; }}
.msg {{ padding: .5rem .7rem; border-radius: 4px; margin-bottom: .8rem; }}
.error {{ background: #fde8e8; color: #9b1c1c; }}
.info {{ background: #e8f0fd; color: #1c3f9b; }}
.note {{ color: #666; font-size: .85rem; margin-top: 1rem; }}
</style></head>
<body><form method="post" action="{action}">
<h1>电商平台责任备忘录助手 · 登录</h1>
{message}
<label for="username">用户名</label>
<input type="text" id="username" name="username" value="{username}" autocomplete="username" required autofocus>
<label for="password">密码</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<input type="hidden" name="next" value="{next}">
<button type="submit">登录</button>
<p class="note">账号由本所管理员以 lexmemo users add 创建；忘记密码请联系管理员重置。</p>
</form></body></html>
"""


def render_login(next_path: str = "/", error: str | None = None, info: str | None = None, username: str = "") -> str:
    """The sign-in form (用户名 / 密码 / 登录), with an error or a notice above it when given."""
    message = ""
    if error:
        message = f'<div class="msg error" role="alert">{escape(error)}</div>'
    elif info:
        message = f'<div class="msg info">{escape(info)}</div>'
    return _PAGE.format(action=escape(LOGIN_PATH), message=message, username=escape(username), next=escape(next_path))


def safe_next(value: str | None) -> str:
    """Where to go after sign-in: a path on this site only (no scheme, no host, no ``//``), else ``/``."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ch in value for ch in "\r\n\t") or value.startswith(("/_lexmemo/", "/_stcore/")):
        return "/"
    return value
