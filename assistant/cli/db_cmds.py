"""``lexmemo db upgrade|status|audit``: create or migrate the matter database (SQLite file or PostgreSQL
server), and read its audit table."""

from __future__ import annotations

import typer

from assistant.cli import app

db_app = typer.Typer(help="The matter database: LEXMEMO_DATABASE_URL (PostgreSQL) or the local SQLite file.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


def _versions(backend) -> list[int]:
    """The schema versions the database has (PostgreSQL: migrations applied; SQLite: its one schema version)."""
    if backend.postgres:
        from assistant.store.pg_schema import applied_versions

        with backend.read() as conn:
            return applied_versions(conn)
    if not backend.path.exists():
        return []
    with backend.read() as conn:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
            return []
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return [int(row[0])] if row else []


def _backend():
    from assistant.settings import get_settings
    from assistant.store.backend import backend_for

    return backend_for(get_settings())


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every pending migration to the configured database (safe to run again; all or nothing)."""
    try:
        backend = _backend()
        before = _versions(backend)
        backend.ensure_schema()
        if not backend.postgres:  # SQLite keeps the triage tables beside the matters (created on first use)
            from assistant.store.batches import BatchStore

            BatchStore(backend)
        after = _versions(backend)
    except Exception as exc:  # a clear one-line error: unreachable server, bad password, newer schema
        typer.echo(f"error: could not upgrade the database: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    applied = [v for v in after if v not in before]
    kind = "PostgreSQL" if backend.postgres else "SQLite"
    if applied:
        typer.echo(f"{kind} {backend.label}: applied {', '.join(map(str, applied))}; now at version {max(after)}")
    else:
        typer.echo(f"{kind} {backend.label}: up to date at version {max(after)}")


@db_app.command("status")
def status() -> None:
    """Which database is configured and which schema version it is at (changes nothing)."""
    try:
        backend = _backend()
        versions = _versions(backend)
    except Exception as exc:
        typer.echo(f"error: could not read the database: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    kind = "PostgreSQL" if backend.postgres else "SQLite"
    typer.echo(f"{kind} {backend.label}: " + (f"version {max(versions)}" if versions else "empty (run: lexmemo db upgrade)"))


@db_app.command("audit")
def audit(
    matter: str = typer.Option(None, "--matter", help="Only this matter's accesses."),
    user: str = typer.Option(None, "--user", help="Only this lawyer's accesses."),
    limit: int = typer.Option(1000, "--limit", min=1, help="At most this many rows (oldest first)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Who read or wrote which matter or batch, and when (the team-mode audit table; changes nothing)."""
    import json

    from assistant.settings import get_settings
    from assistant.store import MatterStore
    from assistant.store.audit import store_audit

    try:
        rows = store_audit(MatterStore.open(get_settings()), matter_id=matter, limit=limit)
    except Exception as exc:
        typer.echo(f"error: could not read the audit table: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    rows = [r for r in rows if user is None or r.username == user]
    for r in rows:
        if as_json:
            typer.echo(json.dumps({"id": r.id, "at": r.at, "user": r.username, "action": r.action,
                                   "matter": r.matter_id, "detail": r.detail}, ensure_ascii=False))
        else:
            typer.echo("\t".join((r.at, r.username or "-", r.action, r.matter_id or "-", r.detail)))
    if not rows:
        typer.echo("no audit rows" + (" for these filters" if matter or user else ""), err=True)
