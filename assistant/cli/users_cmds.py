"""``lexmemo users add|list|disable|enable|reset-password``: the firm's lawyers in the configured database."""

from __future__ import annotations

import sys

import typer

from assistant.cli import app

users_app = typer.Typer(help="Lawyers who may sign in (team mode); passwords are stored only as bcrypt hashes.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


def _store():
    from assistant.settings import get_settings
    from assistant.store.users import UserStore

    try:
        return UserStore.open(get_settings())
    except Exception as exc:  # unreachable server, bad password: one clear line
        typer.echo(f"error: could not open the database: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None


def _password(from_stdin: bool) -> str:
    """The new password: one line on stdin (scripts), else asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("口令 / password", hide_input=True, confirmation_prompt=True)


def _run(action, *args):
    from assistant.store import StoreError

    try:
        return action(*args)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@users_app.command("add")
def add(
    username: str = typer.Argument(..., help="user name: lower-case letters, digits, . _ -"),
    name: str = typer.Option(None, "--name", help="display name, e.g. 张律师"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin"),
) -> None:
    """Add a lawyer (the password is asked for, never given on the command line)."""
    store = _store()
    user = _run(store.add, username, _password(password_stdin), name)
    typer.echo(f"added {user.username} ({user.display_name})")


@users_app.command("list")
def list_users() -> None:
    """Every lawyer: user name, display name, enabled or disabled, when the password was last set."""
    users = _store().list()
    if not users:
        typer.echo("no users yet (add one: lexmemo users add NAME)")
    for u in users:
        typer.echo(f"{u.username}\t{u.display_name}\t{'已停用 disabled' if u.disabled else '启用 active'}\t"
                   f"password set {u.password_set[:19]}")


@users_app.command("disable")
def disable(username: str) -> None:
    """Disable a lawyer: no sign-in, no new shares; their matters and history are kept."""
    _run(_store().disable, username)
    typer.echo(f"disabled {username}")


@users_app.command("enable")
def enable(username: str) -> None:
    """Re-enable a disabled lawyer."""
    _run(_store().enable, username)
    typer.echo(f"enabled {username}")


@users_app.command("reset-password")
def reset_password(
    username: str,
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin"),
) -> None:
    """Set a new password for a lawyer."""
    from assistant.auth.sessions import SessionStore

    store = _store()
    _run(store.reset_password, username, _password(password_stdin))
    ended = SessionStore(store.backend).revoke_user(username)  # a reset (e.g. a leaked password) signs them out
    typer.echo(f"password of {username} reset; {ended} open session(s) ended")
