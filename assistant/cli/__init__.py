"""The ``lexmemo`` command line; each verb lives in a small module of its own."""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="lexmemo",
    help="电商平台责任备忘录助手 — offline legal-memo assistant for 《电子商务法》第三十八条.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Verb modules register themselves on `app` when imported; listed here so `lexmemo --help` shows them all.
_VERB_MODULES = ("corpus_cmds", "retrieval_cmds", "core_cmds", "draft_cmds", "verify_cmds", "triage_cmds", "ui_cmds",
                "eval_cmds", "db_cmds",
                "users_cmds")


def _offline_env() -> None:
    """Keep every library offline: no hub downloads, no telemetry."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _register_verbs() -> None:
    import importlib

    for name in _VERB_MODULES:
        importlib.import_module(f"assistant.cli.{name}")


def main() -> None:
    """Entry point of the ``lexmemo`` console script."""
    _offline_env()
    _register_verbs()
    app()
