"""CLI verbs of retrieval: ``lexmemo index`` and ``lexmemo search``."""

from __future__ import annotations

import json

import typer

from assistant.cli import app
from assistant.settings import get_settings

_MODES = ("hybrid", "bm25", "dense")


def _store_line(settings) -> str:
    """Which vector store a command uses: the team's Chroma server or the embedded database on this machine."""
    if settings.chroma_url:
        return f"vectors: Chroma server {settings.chroma_url}"
    return f"vectors: embedded Chroma at {settings.index_dir / 'chroma'}"


@app.command()
def index(rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild even if the index is up to date.")) -> None:
    """Build the retrieval index (BM25 + Chroma vectors) if it is missing or the corpus changed."""
    from assistant.retrieval import build_index
    from assistant.retrieval.embedder import EmbedderError

    settings = get_settings()
    try:
        manifest = build_index(settings, rebuild=rebuild)
    except EmbedderError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    counts = manifest["counts"]
    state = f"built ({manifest['reason']})" if manifest["built"] else "up to date"
    fresh = "already on the server" if counts.get("from_server") else f"{counts['embedded']} newly embedded"
    typer.echo(
        f"index {state}: {counts['passages']} passages, {counts['dense_passages']} with vectors "
        f"({fresh}), embedder {manifest['embedder']}, at {settings.index_dir}"
    )
    typer.echo(_store_line(settings))
    if manifest["built"]:
        typer.echo(f"build time {manifest['timings']['total_s']:.1f}s")


@app.command()
def search(
    query: str = typer.Argument(..., help="The question or facts, in Chinese; explicit citations are looked up."),
    k: int = typer.Option(5, "-k", "--k", help="How many passages to return."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid | bm25 | dense"),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list (id, score, text, title, kind, code)."),
) -> None:
    """Search the corpus for the provisions, seed-article sections and cases that answer QUERY."""
    from assistant.retrieval import Retriever

    if mode not in _MODES:
        typer.echo(f"error: unknown mode {mode!r}; use one of {', '.join(_MODES)}", err=True)
        raise typer.Exit(2)
    if k < 1:
        typer.echo("error: -k must be at least 1", err=True)
        raise typer.Exit(2)
    if not query.strip():
        typer.echo("error: empty query", err=True)
        raise typer.Exit(2)
    settings = get_settings()
    typer.echo(_store_line(settings), err=True)  # stderr: stdout stays the hits (or pure JSON)
    hits = Retriever.open(settings).search(query, k=k, mode=mode)
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    for rank, hit in enumerate(hits, start=1):
        text = hit.text if len(hit.text) <= 160 else hit.text[:160] + "…"
        typer.echo(f"{rank}. [{hit.id}] {hit.title}  ({hit.score:.4f})\n   {text}")
